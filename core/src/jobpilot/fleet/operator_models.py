"""What the operator's routes read and write (health, workers, the queue across users,
bulk actions, user admin). Kept apart from ``models.py``, the applicants' API.

The operator sees applications as work (site, URL, state, attempts, errors), never the
applicants' profiles, answers, run records or evidence.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal, get_args

from pydantic import BaseModel, Field, model_validator

from jobpilot.fleet.models import State, _In

STATES = get_args(State)
STATE_LIST = r"^(" + "|".join(STATES) + r")(,(" + "|".join(STATES) + r"))*$"
"""One state or several, comma-separated (``dead,failed``)."""
ID = r"^[0-9a-f]{32}$"


class Liveness(BaseModel):
    ok: bool
    version: str
    uptime_seconds: float


class Readiness(BaseModel):
    ok: bool
    """Database reachable, schema exactly what this code expects, and not shutting down."""
    version: str
    database: str
    schema_version: int | None
    schema_expected: int
    problems: list[str] = Field(default_factory=list)


class HeldJob(BaseModel):
    id: str
    user_id: str | None = None
    phase: str
    """filling | asking (waiting for a person) | submitting (the ledger row exists)."""
    since: datetime | None = None


class WorkerInfo(BaseModel):
    name: str
    kind: str
    host: str
    pid: int
    version: str
    state: str
    """running | draining (shutting down) | stopped | silent (missed three heartbeats
    without stopping: killed, frozen or cut off)."""
    live: bool
    """Not stopped and seen within its last three heartbeats."""
    started_at: datetime
    last_seen: datetime
    stopped_at: datetime | None
    concurrency: int
    jobs: list[HeldJob]
    claims: int
    outcomes: dict[str, int]


class AdminApplication(BaseModel):
    id: str
    user_id: str
    user_name: str | None
    site: str
    url: str
    submit: bool
    state: State
    attempts: int
    max_attempts: int
    priority: int
    run_after: datetime
    note: str | None
    """Why a queued application waits (a cap or a site's rate limit)."""
    last_error: str | None
    lease_owner: str | None
    created_at: datetime
    updated_at: datetime
    finished_at: datetime | None


class AdminApplicationList(BaseModel):
    counts: dict[str, int]
    """Applications by state across every user (the filters do not apply)."""
    total: int
    """How many match the filters."""
    applications: list[AdminApplication]


class BulkIn(_In):
    """Which applications: ``ids``, or every one matching the filters (at most ``limit``)."""

    ids: list[str] | None = Field(default=None, max_length=1000)
    state: str | None = Field(default=None, pattern=STATE_LIST)
    user_id: str | None = Field(default=None, pattern=ID)
    site: str | None = Field(default=None, min_length=1, max_length=255)
    limit: int = Field(default=1000, ge=1, le=1000)

    @model_validator(mode="after")
    def _one_selector(self) -> BulkIn:
        if self.ids is None and self.state is None and self.user_id is None and self.site is None:
            raise ValueError("name the applications: ids, or a filter (state, user_id, site)")
        if self.ids is not None and (self.state or self.user_id or self.site):
            raise ValueError("give ids or filters, not both")
        for one in self.ids or []:
            if not 1 <= len(one) <= 64:
                raise ValueError("each id has 1 to 64 characters")
        return self


class BulkItem(BaseModel):
    id: str
    ok: bool
    state: str | None = None
    error: str | None = None


class BulkResult(BaseModel):
    action: Literal["retry", "release", "cancel"]
    matched: int
    done: int
    failed: int
    results: list[BulkItem]


class AdminUser(BaseModel):
    id: str
    name: str
    tier: str
    daily_cap: int
    concurrency: int
    """In force: the user's own override, else the plan's."""
    concurrency_override: int | None
    disabled: bool
    created_at: datetime
    submitted_today: int
    active: int
    """Applications queued, running or waiting for the person."""
    tokens: int


class UserPatchIn(_In):
    """Change a user: fields left out keep their value. ``tier`` moves the user to that
    plan (its daily cap, the priority of their waiting applications); ``daily_cap`` then
    overrides the cap; ``concurrency`` null goes back to the plan's; ``disabled`` stops
    their tokens and sign-ins and holds their queued applications."""

    tier: Literal["free", "pro", "enterprise"] | None = None
    daily_cap: int | None = Field(default=None, ge=0, le=100_000)
    concurrency: int | None = Field(default=None, ge=1, le=64)
    disabled: bool | None = None


class AdminToken(BaseModel):
    id: str
    """The first 16 hex digits of the token's SHA-256 digest."""
    label: str
    created_at: datetime

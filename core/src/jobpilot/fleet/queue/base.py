"""The queue's vocabulary (states, configuration, a claim) and the checks on the ledger
and the lease every state change goes through."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

from jobpilot.errors import JobPilotError
from jobpilot.fleet import tables as t
from jobpilot.fleet.store import FleetStore

ACTIVE = ("running", "submitting", "needs_user")
"""States in which a worker may hold the lease."""
FINAL = ("filled", "submitted", "failed", "dead", "cancelled")
PRIORITY_OFFSETS = {"low": -1, "normal": 0, "high": 1}
EMPTY_FIELD = "required field left empty: "
"""How the engine names a required field it could not fill (``ApplyEngine._left_for_person``)."""


class LeaseLost(JobPilotError):
    """This worker no longer holds the application (it was reclaimed, cancelled or answered
    elsewhere): stop working on it, and never click submit."""


@dataclass
class QueueConfig:
    lease_seconds: float = 30.0
    """A claimed application is the worker's while it renews the lease (every third of it)."""
    max_attempts: int = 3
    backoff_base: float = 30.0
    """Seconds before the first retry; doubled for each further one."""
    backoff_max: float = 3600.0
    site_limit: int = 5
    """Submissions per employer site per ``site_interval`` at most."""
    site_interval: float = 3600.0
    answered_boost: int = 5
    """Priority added to an application a person has just answered (they are waiting)."""


@dataclass
class Claim:
    """An application a worker holds: everything it needs to run it."""

    id: str
    user_id: str
    applicant_id: str
    resume_id: str | None
    url: str
    submit: bool
    attempts: int
    generation: int
    lease_token: str
    answers: list[dict[str, Any]] = field(default_factory=list)
    after_click: bool = False
    """The submit click already happened (a parked question asked after it was answered):
    the worker must not fill or submit the form again, only continue the page that asked."""
    resume_url: str | None = None
    """With ``after_click``: the page that asked the question, to continue there."""

    @property
    def idempotency_key(self) -> str:
        return f"{self.id}:{self.generation}"


class QueueBase:
    """What every part of the queue shares: the store, the configuration, and the checks
    on the ledger and the lease that all state changes go through."""

    def __init__(self, store: FleetStore, config: QueueConfig | None = None) -> None:
        self.store = store
        self.config = config or QueueConfig()

    @staticmethod
    async def _ledger(conn: AsyncConnection, job: dict[str, Any]) -> dict[str, Any] | None:
        """The submission record of the job's current generation unless a person voided it.
        While it exists the submit click may have happened, so the job must never be filled,
        retried or submitted again; only a person (``resolve``) ends that."""
        key = f"{job['id']}:{job['generation']}"
        row = (
            (
                await conn.execute(
                    select(t.submissions).where(
                        t.submissions.c.idempotency_key == key, t.submissions.c.state != "void"
                    )
                )
            )
            .mappings()
            .first()
        )
        return dict(row) if row is not None else None

    async def _held(self, conn: AsyncConnection, job_id: str, token: str) -> dict[str, Any]:
        row = (
            (await conn.execute(select(t.jobs).where(t.jobs.c.id == job_id).with_for_update()))
            .mappings()
            .first()
        )
        if row is None or row["lease_token"] != token or row["state"] not in ACTIVE:
            raise LeaseLost(f"application {job_id} is no longer held by this worker")
        return dict(row)

    def _after_failure(
        self, job: dict[str, Any], now: float, *, permanent: bool
    ) -> tuple[str, dict[str, Any]]:
        attempts = job["attempts"] + 1
        values: dict[str, Any] = {
            "attempts": attempts,
            "lease_owner": None,
            "lease_token": None,
            "lease_expires": None,
            "updated_at": now,
            "question": None,
        }
        if permanent:
            values.update(state="failed", finished_at=now)
        elif attempts >= job["max_attempts"]:
            values.update(state="dead", finished_at=now)
        else:
            delay = min(self.config.backoff_base * 2 ** (attempts - 1), self.config.backoff_max)
            values.update(state="queued", run_after=now + delay)
        return values["state"], values

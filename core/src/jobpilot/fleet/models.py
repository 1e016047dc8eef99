"""What the fleet API reads and writes (pydantic v2); the OpenAPI description is built
from these models, so the documentation and the validation cannot drift apart."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from jobpilot.models.plan import FillPlan
from jobpilot.models.profile import Profile
from jobpilot.models.run import Disclosure

State = Literal[
    "queued",
    "running",
    "needs_user",
    "submitting",
    "submitted",
    "filled",
    "needs_verification",
    "failed",
    "dead",
    "cancelled",
]


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


def ts(value: float | None) -> datetime | None:
    return datetime.fromtimestamp(value, UTC) if value is not None else None


class Error(BaseModel):
    error: str
    hint: str | None = None
    existing: str | None = None
    """With 409 on enqueue: the id of the application that already exists."""


class User(BaseModel):
    id: str
    name: str
    tier: Literal["free", "pro", "enterprise"]
    daily_cap: int
    submitted_today: int


class UserIn(_In):
    name: str = Field(min_length=1, max_length=200)
    tier: Literal["free", "pro", "enterprise"] = "free"
    daily_cap: int | None = Field(default=None, ge=0, le=100_000)


PROVIDER_NAME = r"^[a-z0-9][a-z0-9._-]{0,63}$"
"""A provider's registered name (``offline``, ``openai``, ``twocaptcha``)."""


class UserSettings(BaseModel):
    """What a user chose for their applications. The defaults send nothing anywhere and
    leave every CAPTCHA to the person; anything else is the user's opt-in."""

    content_provider: str = Field(default="offline", pattern=PROVIDER_NAME)
    """Who writes answers to custom questions and cover letters: ``offline`` (the applicant's
    own saved answers and templates, nothing leaves the fleet), ``none`` (nothing is
    generated: such questions go to the person), or an installed provider's name (``openai``)."""
    captcha_solver: str = Field(default="person", pattern=PROVIDER_NAME)
    """Who solves a blocking CAPTCHA: ``person`` (handed to the user with a screenshot), or
    an installed solver's name (``twocaptcha``); when that solver gives no answer the
    person still gets it."""


class UserSettingsIn(_In):
    """Change some settings; fields left out keep their value."""

    content_provider: str | None = Field(default=None, pattern=PROVIDER_NAME)
    captcha_solver: str | None = Field(default=None, pattern=PROVIDER_NAME)


class TokenIn(_In):
    label: str = Field(default="", max_length=200)


class NewToken(BaseModel):
    user_id: str
    token: str
    """Shown once; only its SHA-256 digest is stored."""


class Resume(BaseModel):
    id: str
    name: str
    filename: str
    content_type: str
    size: int
    sha256: str
    default: bool


class ApplicantIn(_In):
    name: str = Field(min_length=1, max_length=200)
    profile: Profile


class ProfileIn(_In):
    profile: Profile


class Applicant(BaseModel):
    id: str
    name: str
    created_at: datetime
    updated_at: datetime
    resumes: list[Resume] = Field(default_factory=list)


class ApplicantDetail(Applicant):
    profile: Profile


class ApplicationIn(_In):
    applicant_id: str = Field(min_length=1, max_length=64)
    url: str = Field(min_length=8, max_length=2000, description="http(s) URL of the application form")
    resume_id: str | None = Field(default=None, max_length=64)
    submit: bool = False
    """False: fill only (nothing is sent); True: submit once filled."""
    priority: Literal["low", "normal", "high"] = "normal"
    max_attempts: int | None = Field(default=None, ge=1, le=10)

    @field_validator("url")
    @classmethod
    def _http(cls, v: str) -> str:
        from urllib.parse import urlsplit

        parts = urlsplit(v.strip())
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError("must be an http(s) URL with a host")
        return v.strip()


class Question(BaseModel):
    id: str
    text: str
    kind: str
    live: bool
    """True: a worker holds the page open and continues the moment you answer."""
    asked_at: datetime | None = None
    after_submit: bool = False
    """Asked after the submit click (an e-mailed code): the application was already sent
    once and is never submitted again; answering finishes it, or ``resolve`` settles it."""


class Application(BaseModel):
    id: str
    applicant_id: str
    resume_id: str | None
    url: str
    site: str
    submit: bool
    state: State
    priority: int
    attempts: int
    max_attempts: int
    last_error: str | None
    note: str | None
    question: Question | None
    created_at: datetime
    updated_at: datetime
    finished_at: datetime | None
    next_attempt_at: datetime | None


class ApplicationList(BaseModel):
    items: list[Application]
    counts: dict[str, int]


class FileRef(BaseModel):
    name: str
    content_type: str
    size: int
    url: str


class Evidence(BaseModel):
    application_id: str
    state: State
    files: list[FileRef]
    """Screenshots (``filled.png``, ``final.png``, ``handoff.png``), the final snapshot and
    the plan, each downloadable from its ``url``."""
    plan: FillPlan | None
    needs_user: list[str]
    """What was left for a person."""
    confirmation_text: str | None
    error: str | None
    filled: int
    failed: int
    disclosures: list[Disclosure] = Field(default_factory=list)
    """The disclosure log: each request handed to a content provider (AI) for this
    application, with what was sent, to which provider, whether it ran on the worker's machine
    (``local``) and what came back. Readable here because the applicant, not the operator,
    decides whether that was acceptable."""


class Event(BaseModel):
    id: int
    application_id: str
    state: str
    message: str
    worker: str | None
    at: datetime


class AnswerIn(_In):
    answer: str = Field(min_length=1, max_length=4000)
    fields: dict[str, str] = Field(default_factory=dict, max_length=50)
    """For "required field left empty" hand-offs: field label -> value to use."""


class ResolveIn(_In):
    submitted: bool
    """True: you checked and it went through. False: it did not; JobPilot may submit again."""


class Health(BaseModel):
    ok: bool
    database: str
    version: str


def application_out(job: dict[str, Any]) -> Application:
    q = job.get("question")
    question = None
    if q:
        question = Question(
            id=q.get("id", ""),
            text=q.get("text", ""),
            kind=q.get("kind", ""),
            live=bool(q.get("live")),
            asked_at=ts(q.get("asked_at")),
            after_submit=bool(q.get("after_submit")),
        )
    return Application(
        id=job["id"],
        applicant_id=job["applicant_id"],
        resume_id=job["resume_id"],
        url=job["url"],
        site=job["site"],
        submit=bool(job["submit"]),
        state=job["state"],
        priority=job["priority"],
        attempts=job["attempts"],
        max_attempts=job["max_attempts"],
        last_error=job["last_error"],
        note=job["note"],
        question=question,
        created_at=ts(job["created_at"]),  # type: ignore[arg-type]
        updated_at=ts(job["updated_at"]),  # type: ignore[arg-type]
        finished_at=ts(job["finished_at"]),
        next_attempt_at=ts(job["run_after"]) if job["state"] == "queued" else None,
    )

"""The record of one application attempt: what was planned, done, and the evidence."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Literal

from pydantic import BaseModel
from pydantic import Field as PydField

from jobpilot.models.mapping import Detection
from jobpilot.models.plan import ActionResult, FillPlan

RunStatus = Literal["running", "filled", "needs_user", "submitted", "failed", "needs_verification"]


class Evidence(BaseModel):
    screenshots: list[str] = PydField(default_factory=list)
    final_snapshot: str | None = None
    """Path of the final snapshot JSON."""
    confirmation_text: str | None = None


class Disclosure(BaseModel):
    """One request handed to a content provider: what was sent, to whom, and what came back.

    The disclosure log of an application is the list of these on its run."""

    provider: str
    local: bool = False
    """True when the provider runs on this machine (nothing left it)."""
    purpose: Literal["answer", "cover_letter", "embedding"]
    ref: str | None = None
    field: str | None = None
    """The form field's label."""
    sent: dict[str, Any] = PydField(default_factory=dict)
    """The request exactly as handed to the provider."""
    outcome: Literal["answered", "no_answer", "rejected", "error"] = "no_answer"
    """``rejected``: the provider answered with something the engine refused (a choice
    that is not one of the offered options)."""
    answer: str | None = None
    error: str | None = None
    at: datetime = PydField(default_factory=lambda: datetime.now(UTC))
    policy: Literal["open", "facts"] | None = None
    """The question's policy when ``purpose`` is ``answer`` (``jobpilot.policy``)."""
    topic: str | None = None


class QuestionPolicy(BaseModel):
    """For one question the form asked: the policy that applied and what was sent.

    The run keeps one per custom question (a field mapped to ``question``), whatever
    happened to it, so the record says for every question why it was or was not sent."""

    ref: str
    field: str | None = None
    """The question as the form labels it."""
    policy: Literal["profile", "facts", "open"]
    topic: str
    reason: str
    sent_to: list[str] = PydField(default_factory=list)
    """Content providers the question went to (empty: it never left the profile)."""
    answered_by: str | None = None
    """``application.answers[i]`` (saved answer), ``ai:NAME``, or None (left for the person)."""
    draft: bool = False
    """A provider drafted a facts answer from a resume quote: it waits for the person's review."""


class ApplicationRun(BaseModel):
    id: str
    url: str
    status: RunStatus = "running"
    detection: Detection | None = None
    plan: FillPlan | None = None
    results: list[ActionResult] = PydField(default_factory=list)
    submit_requested: bool = False
    submitted: bool = False
    error: str | None = None
    needs_user: list[str] = PydField(default_factory=list)
    """What only a person can do: a CAPTCHA, an email code, required fields left empty."""
    evidence: Evidence = PydField(default_factory=Evidence)
    timings: dict[str, float] = PydField(default_factory=dict)
    """Seconds per phase: load, detect, snapshot, map, plan, fill, upload, submit ..."""
    started_at: datetime = PydField(default_factory=lambda: datetime.now(UTC))
    finished_at: datetime | None = None
    disclosures: list[Disclosure] = PydField(default_factory=list)
    """What was sent to which content provider (never a sensitive answer)."""
    questions: list[QuestionPolicy] = PydField(default_factory=list)
    """Per custom question: its policy (profile / facts / open) and what, if anything, was sent."""

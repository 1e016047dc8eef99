"""The record of one application attempt: what was planned, done, and the evidence."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Literal

from pydantic import BaseModel
from pydantic import Field as PydField

from jobpilot.models.mapping import Detection
from jobpilot.models.plan import ActionResult, FillPlan
from jobpilot.vocabulary import FieldKey

RunStatus = Literal["running", "filled", "needs_user", "submitted", "failed", "needs_verification"]

FieldState = Literal["pending", "filled", "left", "failed"]
"""Where one field of the form stands: ``pending`` planned but not typed yet (a run that
stopped there never reached it), ``filled`` typed, ``left`` for the person (not planned,
or a flagged value held back), ``failed`` the page refused the value."""


class FieldOutcome(BaseModel):
    """One field of one step as the run left it: recorded as pending before anything is
    typed, then updated as the actions land, so an interrupted run still says what it did.

    Refs are only unique within one document (a wizard's next page starts again at ``e1``):
    ``step`` tells the documents apart."""

    ref: str
    step: int = 0
    label: str | None = None
    key: FieldKey | None = None
    state: FieldState
    flagged: bool = False
    """The plan flagged the value for the person to check (typed or, by Fill & review,
    held back); cleared when the person accepts it."""
    value: str | list[str] | None = None
    """What was typed (or, for a held-back flagged value, proposed); None when sensitive."""
    sensitive: bool = False
    source: str = ""
    """Where a planned value came from (the plan's ``source``)."""
    confidence: float | None = None
    """The mapping's confidence for a planned (or proposed) value."""
    why: str | None = None
    """Why the field is left (the plan's reason) or failed (the page's error)."""


class RunCounts(BaseModel):
    """The one definition of a run's counts: the popup, the summary on the page and
    ``jobpilot runs`` all show these numbers (``ApplicationRun.counts``)."""

    filled: int = 0
    """Fields typed, flagged ones included."""
    review: int = 0
    """Of ``filled``, those flagged for the person to check."""
    left: int = 0
    """Fields for the person: not planned, held back, refused by the page, or not reached."""
    failed: int = 0
    """Of ``left``, those the page refused."""
    not_reached: int = 0
    """Of ``left``, those planned but never typed (the run stopped first)."""


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
    fields: list[FieldOutcome] = PydField(default_factory=list)
    """Every field the run planned or left, step by step, as it stands now."""

    def counts(self) -> RunCounts:
        """Filled, to check and left for the person: the numbers every view shows."""
        c = RunCounts()
        outcomes = self.fields or _legacy_fields(self)
        for f in outcomes:
            if f.state == "filled":
                c.filled += 1
                c.review += f.flagged
            else:
                c.left += 1
                c.failed += f.state == "failed"
                c.not_reached += f.state == "pending"
        return c


def _legacy_fields(run: ApplicationRun) -> list[FieldOutcome]:
    """The field outcomes of a record made before ``fields`` existed, by ref (exact for a
    one-page form, the only kind such records hold outside a wizard)."""
    if run.plan is None:
        return []
    last = {r.ref: r for r in run.results if r.ref}
    out: list[FieldOutcome] = []
    for a in run.plan.actions:
        if not a.ref or a.kind in ("wait", "click"):
            continue
        r = last.get(a.ref)
        state: FieldState = "pending" if r is None else "filled" if r.ok else "failed"
        out.append(
            FieldOutcome(ref=a.ref, label=a.label, key=a.key, state=state, flagged=a.review, source=a.source)
        )
    out += [
        FieldOutcome(ref=s.ref, label=s.label, key=s.key, state="left", why=s.reason)
        for s in run.plan.skipped
    ]
    return out

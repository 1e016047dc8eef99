"""The fill plan: ordered actions on refs, data that can be shown before anything is typed."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict
from pydantic import Field as PydField

from jobpilot.vocabulary import FieldKey

ActionKind = Literal["fill", "select", "check", "upload", "click", "wait"]


class FileSpec(BaseModel):
    """A file to upload. ``path`` is read by the runner; the DOM layer gets bytes."""

    path: str
    name: str | None = None
    mime: str | None = None


class Action(BaseModel):
    """One step of a plan.

    ``value`` means, per kind: fill -> text; select -> the option *value or text* to choose
    (list for multi-selects and checkbox groups); check -> "true"/"false" for a single box;
    upload -> unused (see ``file``); click -> unused; wait -> milliseconds.
    """

    model_config = ConfigDict(extra="forbid")

    kind: ActionKind
    ref: str | None = None
    frame: str = ""
    key: FieldKey | None = None
    value: str | list[str] | None = None
    file: FileSpec | None = None
    label: str | None = None
    source: str = ""
    """Where the value came from: ``profile.basics.email``, ``answers[3]``, ``ai:openai`` ..."""
    confidence: float = 1.0
    review: bool = False
    """Filled but flagged for the person to check (confidence between the two thresholds)."""
    sensitive: bool = False


class SkippedField(BaseModel):
    """A field the plan leaves for the person, and why."""

    ref: str
    label: str | None = None
    key: FieldKey | None = None
    required: bool = False
    reason: str
    proposed: Action | None = None
    """A value the planner would type but leaves to the person to check first ("Fill &
    review" holds back flagged values): the action that types it, for a one-click accept."""


class FillPlan(BaseModel):
    url: str
    ats: str | None = None
    actions: list[Action] = PydField(default_factory=list)
    skipped: list[SkippedField] = PydField(default_factory=list)


class ActionResult(BaseModel):
    """What the DOM layer reports back for one action."""

    ref: str | None = None
    ok: bool
    error: str | None = None
    value: str | list[str] | None = None
    """The control's committed value after the action (what the page now holds)."""

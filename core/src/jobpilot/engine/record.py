"""The run's field outcomes, kept as the fill goes: what each field of each step is now.

A step's fields are recorded (``begin_step``) before any of its actions runs, as pending,
or left with the plan's reason; each batch of results then updates them (``land``). Stored
after each change, the record of a run that was interrupted halfway (a host killed, a
browser closed) still says which fields were typed, which were refused and which were never
reached. ``ApplicationRun.counts`` reads these outcomes: one definition for every view.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from jobpilot.models.plan import Action, ActionResult, FillPlan
from jobpilot.models.run import ApplicationRun, FieldOutcome

_NOT_FIELDS = ("wait", "click")


def _shown_value(a: Action) -> str | list[str] | None:
    """The value as the person may see it: a file by its name, nothing when sensitive."""
    if a.sensitive:
        return None
    if a.file is not None:
        return a.file.name or os.path.basename(a.file.path)
    return a.value


def current_step(run: ApplicationRun) -> int:
    return max((f.step for f in run.fields), default=-1)


def begin_step(run: ApplicationRun, plan: FillPlan) -> int:
    """Record a step's fields before anything is typed; returns the step's number."""
    step = current_step(run) + 1
    for a in plan.actions:
        if not a.ref or a.kind in _NOT_FIELDS:
            continue
        run.fields.append(
            FieldOutcome(
                ref=a.ref,
                step=step,
                label=a.label,
                key=a.key,
                state="pending",
                flagged=a.review,
                value=_shown_value(a),
                sensitive=a.sensitive,
                source=a.source,
                confidence=a.confidence,
            )
        )
    for s in plan.skipped:
        proposed = s.proposed
        run.fields.append(
            FieldOutcome(
                ref=s.ref,
                step=step,
                label=s.label,
                key=s.key,
                state="left",
                flagged=proposed is not None,
                value=_shown_value(proposed) if proposed is not None else None,
                sensitive=bool(proposed and proposed.sensitive),
                source=proposed.source if proposed is not None else "",
                confidence=proposed.confidence if proposed is not None else None,
                why=s.reason,
            )
        )
    return step


def land(run: ApplicationRun, results: Iterable[ActionResult], *, step: int | None = None) -> None:
    """Update the step's fields (the latest by default) with results as they come back: the
    last result for a field wins (a value put back after a resume parser changed it)."""
    at = current_step(run) if step is None else step
    fields = {f.ref: f for f in run.fields if f.step == at}
    for r in results:
        f = fields.get(r.ref or "")
        if f is None or (f.state == "left" and not r.ok):
            continue  # not this step's field; a refused accept leaves a left field left
        if r.ok:
            if f.state == "left":  # a held-back value the person accepted: they checked it
                f.flagged = False
            f.state, f.why = "filled", None
        else:
            f.state, f.why = "failed", r.error or "the page refused the value"


def accept(
    run: ApplicationRun, ref: str, result: ActionResult, *, edited: bool = False
) -> FieldOutcome | None:
    """The person accepted (or took to edit) a value left for them on the page: record the
    result on the latest step's field of that ref. None when the run has no such field."""
    at = current_step(run)
    field = next((f for f in run.fields if f.step == at and f.ref == ref), None)
    if field is None:
        return None
    run.results.append(result)
    if result.ok:
        field.state, field.why = "filled", None
        field.flagged = edited  # an edit is theirs to finish; an accept is checked
        field.source = "accepted by you" if not edited else "proposed, edited by you"
    elif field.state != "filled":
        field.why = result.error or field.why
    return field

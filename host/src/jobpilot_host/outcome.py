"""What the person sees of a fill: the marks on the page and the popup's result.

Both are read from the run's field outcomes (``ApplicationRun.fields``), and the counts from
``ApplicationRun.counts``: the popup, the summary on the page and ``jobpilot runs`` show the
same numbers because there is one definition of them. Reasons and sources are in words
(``words.py``), never internal names.
"""

from __future__ import annotations

import os
from typing import Any

from jobpilot.models.plan import Action, FillPlan
from jobpilot.models.profile import Profile
from jobpilot.models.run import ApplicationRun, FieldOutcome
from jobpilot.pagebase import parse_ref

from jobpilot_host.words import in_words, reason_in_words

_NOT_FIELDS = ("wait", "click")


def latest_fields(run: ApplicationRun) -> list[FieldOutcome]:
    """Each ref's outcome in the latest step that has it (a wizard's pages reuse refs: the
    page on screen is the last one)."""
    by_ref: dict[str, FieldOutcome] = {}
    for f in run.fields:
        by_ref[f.ref] = f
    return list(by_ref.values())


def _sure(f: FieldOutcome, profile: Profile | None) -> str:
    sure = f", {f.confidence:.0%} sure" if f.confidence is not None else ""
    return f"from {in_words(f.source, profile)}{sure}"


def mark_of(f: FieldOutcome, profile: Profile | None, proposal: Action | None = None) -> dict[str, Any]:
    """One field's mark: status, the reason in words, its label; a held-back proposal with
    the action the page types when the person accepts it."""
    item: dict[str, Any] = {"ref": f.ref, "label": f.label or "a field without a label"}
    if f.state == "filled":
        item |= {"status": "review" if f.flagged else "filled", "reason": _sure(f, profile)}
    elif f.state == "failed":
        item |= {"status": "failed", "reason": f.why or "could not be filled"}
    elif f.state == "pending":
        item |= {
            "status": "pending",
            "then": "review" if f.flagged else "filled",
            "reason": _sure(f, profile),
        }
    else:
        item |= {"status": "left", "reason": reason_in_words(f.why or "left for you")}
        if proposal is not None and proposal.ref and proposal.kind in ("fill", "select", "check"):
            item["proposal"] = {
                "text": _text(proposal.value) if not proposal.sensitive else None,
                "sensitive": proposal.sensitive,
                "action": dom_action(proposal),
            }
    return item


def _text(value: str | list[str] | None) -> str:
    if isinstance(value, list):
        return ", ".join(value)
    return value or ""


def dom_action(a: Action) -> dict[str, Any]:
    """An action as the content script of its frame applies it (the frame's own ref)."""
    _, inner = parse_ref(a.ref)
    return a.model_dump(mode="json", exclude={"file"}) | {"ref": inner}  # as DomPage sends it


def proposals(run: ApplicationRun) -> dict[str, Action]:
    """The held-back values of the run's plan by ref (Fill & review)."""
    if run.plan is None:
        return {}
    return {s.ref: s.proposed for s in run.plan.skipped if s.proposed is not None}


def marks(run: ApplicationRun, profile: Profile | None = None) -> list[dict[str, Any]]:
    """The marks for the page after (or during) a run."""
    held = proposals(run)
    return [mark_of(f, profile, held.get(f.ref)) for f in latest_fields(run)]


def step_marks(run: ApplicationRun, plan: FillPlan, profile: Profile | None = None) -> list[dict[str, Any]]:
    """The marks of the step about to be typed (its fields pending), for progress."""
    step = max((f.step for f in run.fields), default=0)
    held = {s.ref: s.proposed for s in plan.skipped if s.proposed is not None}
    return [mark_of(f, profile, held.get(f.ref)) for f in run.fields if f.step == step]


def counts(run: ApplicationRun) -> dict[str, int]:
    return run.counts().model_dump()


def shown_value(a: Action) -> str | list[str] | None:
    if a.sensitive:
        return None
    if a.file is not None:
        return os.path.basename(a.file.path)
    return a.value  # whole: the popup folds long text, the person can read all of it


def result(run: ApplicationRun, profile: Profile | None = None) -> dict[str, Any]:
    """The popup's result: status, the shared counts, every field as it stands (what was
    typed, what is left and why), the questions it may offer to save."""
    c = run.counts()
    fields = latest_fields(run)
    return {
        "run_id": run.id,
        "status": run.status,
        "url": run.url,
        "ats": run.detection.ats if run.detection else None,
        "counts": c.model_dump(),
        "filled": c.filled,
        "review": c.review,
        "fields": [
            {
                "ref": f.ref,
                "label": f.label,
                "state": f.state,
                "flagged": f.flagged,
                "value": None if f.sensitive else f.value,
                "sensitive": f.sensitive,
                "why": reason_in_words(f.why) if f.why else None,
                "source": in_words(f.source, profile) if f.source else None,
            }
            for f in fields
        ],
        "left": [
            {
                "ref": f.ref,
                "label": f.label,
                "reason": reason_in_words(f.why or "left for you"),
                "required": _required(run, f.ref),
                "key": f.key,
            }
            for f in fields
            if f.state != "filled"
        ],
        # custom questions that were filled (not sensitive): the person may correct them and
        # save the correction for next time (the popup offers it)
        "questions": [
            {"ref": f.ref, "label": f.label, "value": f.value}
            for f in fields
            if f.key == "question" and f.state == "filled" and not f.sensitive and isinstance(f.value, str)
        ],
        "failed": [{"ref": f.ref, "error": f.why} for f in fields if f.state == "failed"],
        "needs_user": run.needs_user,
        "error": run.error,
        "timings": run.timings,
    }


def _required(run: ApplicationRun, ref: str) -> bool:
    if run.plan is None:
        return False
    return any(s.required for s in run.plan.skipped if s.ref == ref)

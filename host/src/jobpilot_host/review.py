"""The "Fill & review" planner: flagged values are proposed, not typed."""

from __future__ import annotations

from typing import Any

from jobpilot.engine.planner import Planner
from jobpilot.models.mapping import Detection
from jobpilot.models.plan import FillPlan, SkippedField
from jobpilot.models.profile import Profile
from jobpilot.models.snapshot import FormSnapshot

from jobpilot_host.words import in_words


def hold_back_flagged(plan: FillPlan, profile: Profile | None = None) -> FillPlan:
    """The plan with every flagged value (between the thresholds) moved to the fields left
    for the person, each carrying the action that would type it (``proposed``): the page
    offers it with one-click accept or edit, and the whole value readable."""
    keep = []
    skipped = list(plan.skipped)
    for a in plan.actions:
        if not a.review or a.ref is None:
            keep.append(a)
            continue
        why = f"check this proposal ({a.confidence:.0%} sure, from {in_words(a.source, profile)})"
        skipped.append(SkippedField(ref=a.ref, label=a.label, key=a.key, reason=why, proposed=a))
    return plan.model_copy(update={"actions": keep, "skipped": skipped})


class ConfidentOnlyPlanner(Planner):
    """The "Fill & review" planner for every step planned at fill time (a wizard's later
    steps, or a page that changed since its plan was shown): ``hold_back_flagged``."""

    def plan(self, snapshot: FormSnapshot, mappings: Any, detection: Detection | None = None) -> FillPlan:
        return hold_back_flagged(super().plan(snapshot, mappings, detection), self.profile)

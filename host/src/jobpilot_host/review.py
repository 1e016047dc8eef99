"""The "Fill & review" planner."""

from __future__ import annotations

from typing import Any

from jobpilot.engine.planner import Planner
from jobpilot.models.mapping import Detection
from jobpilot.models.plan import FillPlan, SkippedField
from jobpilot.models.snapshot import FormSnapshot


class ConfidentOnlyPlanner(Planner):
    """The "Fill & review" planner: types only what is at or above the fill threshold and
    leaves the values flagged for review to the person, with the proposed value as reason."""

    def plan(self, snapshot: FormSnapshot, mappings: Any, detection: Detection | None = None) -> FillPlan:
        plan = super().plan(snapshot, mappings, detection)
        keep = []
        for a in plan.actions:
            if not a.review or a.ref is None:
                keep.append(a)
                continue
            shown = "hidden (sensitive)" if a.sensitive else repr(a.value)
            plan.skipped.append(
                SkippedField(
                    ref=a.ref,
                    label=a.label,
                    key=a.key,
                    reason=f"check and fill it yourself: proposed {shown} ({a.confidence:.2f}, {a.source})",
                )
            )
        plan.actions = keep
        return plan

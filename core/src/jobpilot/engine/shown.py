"""The plan the person was shown, kept so that what is typed is exactly what was shown.

The extension's popup shows a plan before anything is typed. Planning again at fill time
could differ: a content provider writes a different answer the second time, a provider
is asked twice (and logged twice). So the plan shown is kept with a fingerprint of the page
it was made for, and the fill's first step uses it as long as the page still holds the
same fields (the same refs with the same labels, types, options and visibility; what was
typed into them meanwhile does not matter: planning never reads values). Once the page
differs, the step is planned again and the record says so.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection
from dataclasses import dataclass, field

from jobpilot.models.plan import FillPlan
from jobpilot.models.run import Disclosure, QuestionPolicy
from jobpilot.models.snapshot import FormSnapshot

_VALUES = {"value", "checked"}
"""What the person (or a fill) changes on a page without changing its form."""


def fingerprint(snapshot: FormSnapshot) -> str:
    """The form's identity for planning: URL and every field without its current value."""
    fields = []
    for f in snapshot.fields:
        d = f.model_dump(mode="json", exclude=_VALUES)
        d["options"] = [[o.value, o.text, o.ref] for o in f.options]
        d["members"] = [[m.ref, m.label, m.value] for m in f.members]
        fields.append(d)
    blob = json.dumps([snapshot.url, snapshot.document_id, fields], sort_keys=True, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()


@dataclass
class ShownPlan:
    """A plan made for the page as it was shown, with what making it disclosed."""

    fingerprint: str
    plan: FillPlan
    disclosures: list[Disclosure] = field(default_factory=list)
    questions: list[QuestionPolicy] = field(default_factory=list)

    def matches(self, snapshot: FormSnapshot) -> bool:
        return fingerprint(snapshot) == self.fingerprint

    def without(self, leave: Collection[str]) -> FillPlan:
        """The plan minus the refs a flow fills itself (``fill_step(leave=...)``)."""
        if not leave:
            return self.plan.model_copy(deep=True)
        gone = set(leave)
        return self.plan.model_copy(
            update={
                "actions": [a.model_copy() for a in self.plan.actions if a.ref not in gone],
                "skipped": [s.model_copy() for s in self.plan.skipped if s.ref not in gone],
            },
            deep=True,
        )

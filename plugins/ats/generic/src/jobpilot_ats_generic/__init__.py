"""Generic field mapper: maps any application form's fields to the JobPilot vocabulary.

It is a plugin like any contributor's adapter (DESIGN.md: built-in features are plugins
too). It answers for every page, with confidences below what an ATS adapter gives its own
markup, so an adapter's answer wins wherever one exists and this mapper covers the rest.

Modules, one job each:

* ``patterns`` — multilingual label / name / option tables (data);
* ``signals`` — what each source (autocomplete, label, name/id, options) suggests;
* ``classify`` — weighs the signals into one key, confidence and reason per field.
"""

from __future__ import annotations

from jobpilot import hookimpl
from jobpilot.models.mapping import Detection, FieldMapping
from jobpilot.models.snapshot import FormSnapshot

from jobpilot_ats_generic.classify import Decision, PageContext, classify

__all__ = ["Decision", "PageContext", "classify", "map_fields"]


@hookimpl
def map_fields(snapshot: FormSnapshot, detection: Detection | None = None) -> list[FieldMapping]:
    """Map every field of the page that this mapper has an opinion on.

    ``detection`` is accepted for the hook's contract and ignored: the generic mapper reads
    only what is on the page, so it behaves the same whichever ATS was recognised.
    """
    del detection
    ctx = PageContext.from_snapshot(snapshot)
    out: list[FieldMapping] = []
    for field in snapshot.fields:
        decision = classify(field, ctx)
        if decision is None:
            continue
        out.append(
            FieldMapping(
                ref=field.ref,
                key=decision.key,
                confidence=decision.confidence,
                reason=decision.reason,
            )
        )
    return out

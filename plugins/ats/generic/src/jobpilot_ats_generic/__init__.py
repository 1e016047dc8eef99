"""Generic field mapper: maps any application form's fields to the JobPilot vocabulary.

It is a plugin like any contributor's adapter (DESIGN.md: built-in features are plugins
too). It answers for every page, with confidences below what an ATS adapter gives its own
markup, so an adapter's answer wins wherever one exists and this mapper covers the rest.

Modules, one job each:

* ``patterns`` — multilingual label / name / option tables (data);
* ``signals`` — what each source (autocomplete, label, name/id, options) suggests;
* ``facts`` — structured facts asked as questions, in every language the mapper knows;
* ``classify`` — weighs the signals into one key, confidence and reason per field;
* ``forms`` — controls outside the application (sign-in, alerts, search, a second contact
  form, header/footer chrome, cookie dialogs), from the snapshot's forms and regions;
* ``context`` — fields that read like the applicant's but belong to someone else
  (a reference's phone, a past employer's city, a second start date);
* ``evidence`` — which decisions rest on thin evidence (kept in the review band);
* ``calibration`` — raw scores to measured confidences (``calibration.json``, generated).
"""

from __future__ import annotations

from jobpilot import hookimpl
from jobpilot.models.mapping import Detection, FieldMapping
from jobpilot.models.snapshot import FormSnapshot
from jobpilot.vocabulary import FieldKey

from jobpilot_ats_generic.calibration import calibrate
from jobpilot_ats_generic.classify import Decision, PageContext, classify
from jobpilot_ats_generic.context import someone_elses
from jobpilot_ats_generic.forms import OUTSIDE_CONFIDENCE, outside_application

OTHER_PARTY_CONFIDENCE = 0.7
"""A field demoted to ``question`` by its place on the page: a real question, but not the
profile's value; reviewed if anything answers it."""

__all__ = ["Decision", "PageContext", "classify", "decide_page", "map_fields"]


def decide_page(snapshot: FormSnapshot) -> dict[str, Decision]:
    """Every field's raw decision (before calibration), by ref: what :func:`map_fields`
    answers with, and what the calibration is fitted on."""
    ctx = PageContext.from_snapshot(snapshot)
    decisions: dict[str, Decision] = {}
    for field in snapshot.fields:
        decision = classify(field, ctx)
        if decision is not None:
            decisions[field.ref] = decision
    keys = {ref: d.key for ref, d in decisions.items()}
    outside = outside_application(snapshot, keys)
    for ref, why in outside.items():
        decisions[ref] = Decision(FieldKey.UNKNOWN, OUTSIDE_CONFIDENCE, why, "outside")
    inside = [f for f in snapshot.fields if f.ref not in outside]
    others = someone_elses(inside, {ref: k for ref, k in keys.items() if ref not in outside})
    for ref, why in others.items():
        d = decisions[ref]
        decisions[ref] = Decision(
            FieldKey.QUESTION, OTHER_PARTY_CONFIDENCE, f"not the applicant's {d.key.value}: {why}", "context"
        )
    return decisions


@hookimpl
def map_fields(snapshot: FormSnapshot, detection: Detection | None = None) -> list[FieldMapping]:
    """Map every field of the page that this mapper has an opinion on, with calibrated
    confidences.

    ``detection`` is accepted for the hook's contract and ignored: the generic mapper reads
    only what is on the page, so it behaves the same whichever ATS was recognised.
    """
    del detection
    return [
        FieldMapping(
            ref=ref,
            key=d.key,
            confidence=calibrate(d.key, d.basis, d.confidence, d.evidence),
            reason=d.reason,
        )
        for ref, d in decide_page(snapshot).items()
    ]

"""Turning the classifier's raw scores into honest confidences.

The classifier's scores order its guesses (a label match over a name match over a guess);
what they are worth is measured. ``calibration.json`` beside this module maps raw scores to
the cautious probability of being right observed on labelled real pages (isotonic fit, each
step at the lower end of its 95 % Wilson interval; see :mod:`jobpilot.eval.calibration`),
per *class*: the key's family (``question`` or a ``profile`` key) and the kind of evidence
that decided (``label``, ``autocomplete``, ``name``, ``fallback`` ...). A class with too few
labelled answers to measure keeps its raw score: thin evidence (two sources disagreeing,
a hidden field, an option set alone) stays in the review band by construction rather than
by luck. The table is generated, never edited by hand:
``uv run python benchmarks/bench_heldout.py --fit`` refits it on the *seen* pages of the
benchmark's partition only.

Calibrated confidences are capped at :data:`CEILING`, below the adapters' answers about
their own markup. ``JOBPILOT_GENERIC_CALIBRATION=off`` returns the raw scores (what the fit
itself reads).
"""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path

from jobpilot.vocabulary import FieldKey as K

from jobpilot_ats_generic.evidence import cap

TABLE = Path(__file__).with_name("calibration.json")

CEILING = 0.89
"""The most the generic mapper claims. ATS adapters answer 0.9 and above for what their
ATS's own markup names (system field ids, fixed names): reading wording never outranks
that, whatever the wording's measured record, so an adapter's answer wins the merge."""


@cache
def _table() -> dict[str, list[tuple[float, float | None]]]:
    if not TABLE.exists():
        return {}
    data = json.loads(TABLE.read_text("utf-8"))
    return {
        cls: [(float(r[0]), None if r[1] is None else float(r[1])) for r in rows]
        for cls, rows in data["classes"].items()
    }


def enabled() -> bool:
    return os.environ.get("JOBPILOT_GENERIC_CALIBRATION", "on").lower() not in ("off", "0", "raw")


def class_of(key: K, basis: str, evidence: str = "") -> str:
    """``family/basis`` plus ``/tag`` for thin evidence (:mod:`jobpilot_ats_generic.evidence`)."""
    cls = f"{'question' if key == K.QUESTION else 'profile'}/{basis}"
    return f"{cls}/{evidence}" if evidence else cls


def calibrate(key: K, basis: str, raw: float, evidence: str = "") -> float:
    """The calibrated confidence of a raw score (``unknown`` is never filled, so its score is
    left as it is; so is a class the table has not measured). Thin evidence never claims
    more than its cap, whatever its measured record (see :mod:`jobpilot_ats_generic.evidence`)."""
    if key == K.UNKNOWN or not enabled():
        return raw
    limit = cap(evidence)
    steps = _table().get(class_of(key, basis, evidence))
    if not steps:
        return raw if limit is None else min(raw, limit)
    chosen = steps[0][1]
    for start, prob in steps:
        if raw + 1e-9 >= start:
            chosen = prob
    out = raw if chosen is None else min(chosen, CEILING)
    return round(out if limit is None else min(out, limit), 3)

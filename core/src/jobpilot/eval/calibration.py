"""Fitting and checking confidence calibration: does 0.9 mean "right nine times in ten"?

A mapper's raw score orders its guesses but need not be a probability. Isotonic
regression (pool adjacent violators) turns scored outcomes into a monotone map from raw score
to observed accuracy; a small prior pulls thin steps towards the review band, so a step
backed by ten right answers does not claim certainty.

:func:`leave_one_group_out` is the honest check: for each group (an ATS, a tenant) fit on
every other group, apply to the one left out, and score what the fitted confidences would
have filled without review there.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from jobpilot.eval.groups import group_of
from jobpilot.eval.scoring import EntryResult

PRIOR_RIGHT = 1.0
PRIOR_WRONG = 1.0
"""Beta prior added to every step: (right + 1) / (n + 2), Laplace's rule of succession."""


@dataclass(frozen=True)
class Step:
    upto: float
    """Raw scores up to and including this value map to ``probability``."""
    probability: float
    n: int


@dataclass(frozen=True)
class Calibration:
    steps: tuple[Step, ...]

    def __call__(self, raw: float) -> float:
        for step in self.steps:
            if raw <= step.upto + 1e-9:
                return step.probability
        return self.steps[-1].probability if self.steps else raw

    def as_table(self) -> list[dict[str, Any]]:
        return [{"raw_upto": s.upto, "probability": round(s.probability, 4), "n": s.n} for s in self.steps]


def fit(points: Iterable[tuple[float, bool]]) -> Calibration:
    """Isotonic fit of (raw score, was right) pairs, smoothed by the prior."""
    pts = sorted((round(c, 3), bool(r)) for c, r in points)
    blocks: list[list[float]] = []  # [upto, right, n]
    for conf, right in pts:
        if blocks and blocks[-1][0] == conf:
            blocks[-1][1] += right
            blocks[-1][2] += 1
        else:
            blocks.append([conf, float(right), 1.0])
    merged: list[list[float]] = []
    for b in blocks:
        merged.append(list(b))
        while len(merged) > 1 and _rate(merged[-2]) >= _rate(merged[-1]):
            hi = merged.pop()
            lo = merged[-1]
            merged[-1] = [hi[0], lo[1] + hi[1], lo[2] + hi[2]]
    return Calibration(tuple(Step(b[0], _rate(b), int(b[2])) for b in merged))


def _rate(block: Sequence[float]) -> float:
    return (block[1] + PRIOR_RIGHT) / (block[2] + PRIOR_RIGHT + PRIOR_WRONG)


def predictions(results: Iterable[EntryResult]) -> list[tuple[float, bool]]:
    return [(r.confidence, r.is_right) for r in results if r.is_prediction]


def leave_one_group_out(
    results: Sequence[EntryResult], *, by: str = "ats", fill: float = 0.85, review: float = 0.6
) -> dict[str, Any]:
    """Per group: precision of what the raw and the calibrated confidences fill without
    review, and the accuracy of the review band, with the calibration fitted without it."""

    def group(r: EntryResult) -> str:
        return group_of(by, ats=r.ats, tenant=r.tenant)

    groups = sorted({group(r) for r in results})
    per: dict[str, Any] = {}
    totals = {"raw": [0, 0], "calibrated": [0, 0], "review": [0, 0]}
    for g in groups:
        train = [r for r in results if group(r) != g]
        test = [r for r in results if group(r) == g and r.is_prediction]
        cal = fit(predictions(train))
        raw_fill = [r for r in test if r.confidence >= fill]
        cal_fill = [r for r in test if cal(r.confidence) >= fill]
        cal_review = [r for r in test if review <= cal(r.confidence) < fill]
        row = {}
        for name, chosen in (("raw", raw_fill), ("calibrated", cal_fill), ("review", cal_review)):
            right = sum(1 for r in chosen if r.is_right)
            totals[name][0] += right
            totals[name][1] += len(chosen)
            row[name] = {"n": len(chosen), "correct": right,
                         "accuracy": round(right / len(chosen), 4) if chosen else None}
        per[g] = row
    overall = {
        name: {"n": n, "correct": right, "accuracy": round(right / n, 4) if n else None}
        for name, (right, n) in totals.items()
    }
    return {"by": by, "fill_threshold": fill, "overall": overall, "per_group": per}

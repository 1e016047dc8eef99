"""Fitting and checking confidence calibration: does 0.9 mean "right nine times in ten"?

A mapper's raw score orders its guesses but need not be a probability. Isotonic
regression (pool adjacent violators) turns scored outcomes into a monotone map from raw score
to observed accuracy. Each step then claims not its observed rate but the lower end of a
one-sided 95 % Wilson interval around it: a step backed by three right answers says about
0.5, one backed by four hundred right answers out of four hundred and one says 0.99. That
makes the calibrated confidence a cautious estimate of being right, which is what the fill
threshold needs (at >= 0.85 the engine types without asking).

Answers are calibrated per *class* (a mapper's own grouping, e.g. the key's family and the
kind of evidence that decided it), since different kinds of evidence fail differently; a
class with too few labelled answers is not measured and keeps its raw scores.

:func:`leave_one_group_out` is the honest check: for each group (an ATS, a tenant) fit on
every other group, apply to the one left out, and score what the fitted confidences would
have filled without review there.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from jobpilot.eval.groups import group_of

Z = 1.645
"""One-sided 95 % for the Wilson lower bound."""


def wilson_lower(right: float, n: float, z: float = Z) -> float:
    """Lower end of the Wilson score interval for ``right`` successes in ``n`` trials."""
    if n <= 0:
        return 0.0
    p = right / n
    denom = 1 + z * z / n
    centre = p + z * z / (2 * n)
    margin = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return max(0.0, (centre - margin) / denom)


MIN_STEP = 10
"""A step of the fit backed by fewer answers says nothing: raw scores there are kept."""


@dataclass(frozen=True)
class Step:
    start: float
    """Raw scores from this value up (to the next step's start) map to ``probability``."""
    probability: float | None
    """None: too few answers to measure (the raw score is kept)."""
    n: int
    right: int


@dataclass(frozen=True)
class Calibration:
    steps: tuple[Step, ...]

    def __call__(self, raw: float) -> float:
        """The probability of the highest step at or below ``raw``; below every step the
        lowest step's (a score lower than anything seen is no surer than the lowest)."""
        if not self.steps:
            return raw
        chosen = self.steps[0]
        for step in self.steps:
            if raw + 1e-9 >= step.start:
                chosen = step
        return raw if chosen.probability is None else chosen.probability

    def as_table(self) -> list[list[float | None]]:
        return [
            [s.start, None if s.probability is None else round(s.probability, 4), s.n, s.right]
            for s in self.steps
        ]


def fit(points: Iterable[tuple[float, bool]]) -> Calibration:
    """Isotonic fit of (raw score, was right) pairs; each step claims its Wilson lower bound,
    kept non-decreasing (a step never claims more than the steps above it)."""
    pts = sorted((round(c, 3), bool(r)) for c, r in points)
    blocks: list[list[float]] = []  # [start, right, n]
    for conf, right in pts:
        if blocks and blocks[-1][0] == conf:
            blocks[-1][1] += right
            blocks[-1][2] += 1
        else:
            blocks.append([conf, float(right), 1.0])
    merged: list[list[float]] = []
    for b in blocks:
        merged.append(list(b))
        while len(merged) > 1 and merged[-2][1] / merged[-2][2] >= merged[-1][1] / merged[-1][2]:
            hi = merged.pop()
            lo = merged[-1]
            merged[-1] = [lo[0], lo[1] + hi[1], lo[2] + hi[2]]
    probs = [wilson_lower(b[1], b[2]) for b in merged]
    for i in range(len(probs) - 2, -1, -1):
        probs[i] = min(probs[i], probs[i + 1])
    return Calibration(
        tuple(
            Step(b[0], p if b[2] >= MIN_STEP else None, int(b[2]), int(b[1]))
            for b, p in zip(merged, probs, strict=True)
        )
    )


MIN_ANSWERS = 30
"""A class with fewer labelled answers is not measured: its raw scores are kept."""


@dataclass(frozen=True)
class Point:
    """One labelled answer of a mapper: its calibration class, raw score and outcome."""

    cls: str
    raw: float
    right: bool
    ats: str = ""
    tenant: str = ""


def fit_classes(points: Iterable[Point], *, min_answers: int = MIN_ANSWERS) -> dict[str, Calibration]:
    """One calibration per class that has at least ``min_answers`` answers."""
    by_cls: dict[str, list[tuple[float, bool]]] = {}
    for p in points:
        by_cls.setdefault(p.cls, []).append((p.raw, p.right))
    return {c: fit(pts) for c, pts in sorted(by_cls.items()) if len(pts) >= min_answers}


def apply(p: Point, cals: dict[str, Calibration]) -> float:
    cal = cals.get(p.cls)
    return cal(p.raw) if cal is not None else p.raw


def leave_one_group_out(
    points: Sequence[Point], *, by: str = "ats", fill: float = 0.85, review: float = 0.6,
    min_answers: int = MIN_ANSWERS, ceiling: Callable[[Point], float] | None = None,
) -> dict[str, Any]:
    """Per group: precision of what the raw and the calibrated confidences fill without
    review, the accuracy of the review band, and what falls below it, with the calibration
    fitted without the group; and the reliability table of all those held-out-group
    confidences together. ``ceiling`` is the most a point may claim whatever its fit (the
    mapper's own caps), as the mapper applies it."""

    def group(p: Point) -> str:
        return group_of(by, ats=p.ats, tenant=p.tenant)

    from jobpilot.eval.scoring import reliability_of

    def calibrated(p: Point, cals: dict[str, Calibration]) -> float:
        out = apply(p, cals)
        return out if ceiling is None else min(out, ceiling(p))

    groups = sorted({group(p) for p in points})
    per: dict[str, Any] = {}
    scored: list[tuple[float, bool]] = []
    totals = {"raw": [0, 0], "calibrated": [0, 0], "review": [0, 0], "below_review": [0, 0]}
    for g in groups:
        cals = fit_classes([p for p in points if group(p) != g], min_answers=min_answers)
        test = [p for p in points if group(p) == g]
        conf = {id(p): calibrated(p, cals) for p in test}
        scored += [(conf[id(p)], p.right) for p in test]
        chosen = {
            "raw": [p for p in test if p.raw >= fill],
            "calibrated": [p for p in test if conf[id(p)] >= fill],
            "review": [p for p in test if review <= conf[id(p)] < fill],
            "below_review": [p for p in test if conf[id(p)] < review],
        }
        row = {}
        for name, picked in chosen.items():
            right = sum(1 for p in picked if p.right)
            totals[name][0] += right
            totals[name][1] += len(picked)
            row[name] = {"n": len(picked), "correct": right,
                         "accuracy": round(right / len(picked), 4) if picked else None}
        per[g] = row
    overall = {
        name: {"n": n, "correct": right, "accuracy": round(right / n, 4) if n else None}
        for name, (right, n) in totals.items()
    }
    return {
        "by": by,
        "fill_threshold": fill,
        "overall": overall,
        "reliability": reliability_of(scored),
        "per_group": per,
    }

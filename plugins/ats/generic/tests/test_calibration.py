"""Calibrated confidences: measured evidence is filled, thin evidence stays in review."""

from __future__ import annotations

import json
from typing import Any

from jobpilot.vocabulary import FieldKey as K
from jobpilot_ats_generic import calibration


def test_the_table_is_generated_from_seen_pages_only() -> None:
    doc = json.loads(calibration.TABLE.read_text("utf-8"))
    assert "bench_heldout.py --fit" in doc["generated_by"] and "seen pages" in doc["fitted_on"]
    for rows in doc["classes"].values():
        probs = [r[1] for r in rows if r[1] is not None]
        assert probs == sorted(probs) and all(0 <= p <= 1 for p in probs)


def test_measured_evidence_fills_and_thin_evidence_keeps_its_raw_score() -> None:
    assert calibration.calibrate(K.EMAIL, "label", 0.95) >= 0.85
    # Two sources that disagree are not a measured class: the raw review-band score stands.
    assert calibration.calibrate(K.EMAIL, "disagree", 0.7) == 0.7
    assert calibration.calibrate(K.UNKNOWN, "trap", 0.97) == 0.97  # never filled, left alone


def test_raw_scores_on_request(monkeypatch: Any) -> None:
    monkeypatch.setenv("JOBPILOT_GENERIC_CALIBRATION", "off")
    assert calibration.calibrate(K.EMAIL, "label", 0.93) == 0.93


def test_disagreement_stays_in_the_review_band(mk: Any, map1: Any) -> None:
    m = map1(mk("a", label="Last name", autocomplete="given-name"))
    assert 0.6 <= m.confidence < 0.85


def test_a_plain_label_is_filled_without_review(mk: Any, map1: Any) -> None:
    m = map1(mk("a", label="Email address", type="email"))
    assert m.key is K.EMAIL and m.confidence >= 0.85

"""Scoring a page's inspection against its hand labels.

A labelled corpus is a folder of ``NAME.html`` beside ``NAME.labels.json``::

    {"url": ..., "ats": slug, "fields": [{"match": {"id"|"name"|"label": ...},
                                          "key": vocabulary key, "css"?: selector, ...}]}

Definitions (per ATS and overall):

* precision = correct / predictions, where a prediction is a non-``unknown`` key on a
  labelled control;
* recall = correct / labelled controls whose key is not ``unknown``;
* false fill = a prediction on a control labelled ``unknown`` (something must not be filled);
* detection accuracy = pages whose detected ATS equals the label's ``ats``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jobpilot.engine.inspect import Inspection
from jobpilot.models.snapshot import Field

UNKNOWN = "unknown"


@dataclass
class LabelledPage:
    html: Path
    labels: dict[str, Any]
    root: Path | None = None
    """The corpus folder: pages are named by their path below it, so two ``apply.html`` in
    different folders stay two pages in the report."""

    @property
    def name(self) -> str:
        if self.root is None:
            return self.html.stem
        return self.html.relative_to(self.root).with_suffix("").as_posix()

    @property
    def url(self) -> str | None:
        return self.labels.get("url")

    @property
    def ats(self) -> str:
        return str(self.labels.get("ats") or "none")

    @property
    def entries(self) -> list[dict[str, Any]]:
        return list(self.labels.get("fields", []))


def find_corpus(root: Path) -> list[LabelledPage]:
    """Every ``*.labels.json`` under root (recursively) with its HTML beside it. A labels
    file that is not valid JSON, or names a key outside the vocabulary, is refused with its
    path: a typo would otherwise be scored as a mapping error."""
    from jobpilot.errors import UsageError
    from jobpilot.vocabulary import FieldKey

    keys = {k.value for k in FieldKey}
    pages = []
    for lab in sorted(root.rglob("*.labels.json")):
        html = lab.with_name(lab.name[: -len(".labels.json")] + ".html")
        if not html.exists():
            continue
        try:
            labels = json.loads(lab.read_text("utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise UsageError(f"{lab} is not valid JSON ({exc})", hint="fix the labels file") from None
        if not isinstance(labels, dict) or not isinstance(labels.get("fields", []), list):
            raise UsageError(f"{lab} must be an object with a 'fields' list", hint="see jobpilot eval --help")
        bad = sorted({str(f.get("key")) for f in labels.get("fields", []) if f.get("key") not in keys})
        if bad:
            raise UsageError(
                f"{lab} names keys outside the vocabulary: {', '.join(bad)}",
                hint=f"use one of: {' '.join(sorted(keys))}",
            )
        pages.append(LabelledPage(html, labels, root))
    return pages


@dataclass
class EntryResult:
    page: str
    ats: str
    label: str | None
    match: dict[str, str]
    expected: str
    predicted: str
    confidence: float
    ref: str | None
    reason: str | None = None

    @property
    def outcome(self) -> str:
        if self.predicted == self.expected:
            return "correct" if self.expected != UNKNOWN else "left alone"
        if self.predicted == UNKNOWN:
            return "missed"
        return "false fill" if self.expected == UNKNOWN else "wrong"


@dataclass
class Tally:
    pages: int = 0
    detected: int = 0
    entries: int = 0
    labelled: int = 0
    predictions: int = 0
    correct: int = 0
    false_fills: int = 0
    wrong: int = 0
    missed: int = 0

    def add(self, r: EntryResult) -> None:
        self.entries += 1
        if r.expected != UNKNOWN:
            self.labelled += 1
        if r.predicted != UNKNOWN:
            self.predictions += 1
        outcome = r.outcome
        if outcome == "correct":
            self.correct += 1
        elif outcome == "false fill":
            self.false_fills += 1
        elif outcome == "wrong":
            self.wrong += 1
        elif outcome == "missed":
            self.missed += 1

    @property
    def precision(self) -> float:
        return self.correct / self.predictions if self.predictions else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.labelled if self.labelled else 1.0

    @property
    def detection_accuracy(self) -> float:
        return self.detected / self.pages if self.pages else 1.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "pages": self.pages,
            "detection_accuracy": round(self.detection_accuracy, 4),
            "entries": self.entries,
            "labelled": self.labelled,
            "predictions": self.predictions,
            "correct": self.correct,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "false_fills": self.false_fills,
            "wrong": self.wrong,
            "missed": self.missed,
        }


def _norm_tag(tag: str | None) -> str:
    return (tag or "").lower()


def match_fields(
    entry: dict[str, Any],
    fields: list[Field],
    css_refs: Callable[[str], list[str] | None] | None,
) -> list[Field]:
    """The snapshot fields a label entry points at (a group may be one or several)."""
    match = entry.get("match", {})
    tag = _norm_tag(entry.get("tag"))
    found: list[Field] = []
    if "id" in match:
        want = match["id"]
        found = [f for f in fields if f.id == want or any(m.id == want for m in f.members)]
    elif "name" in match:
        want = match["name"]
        found = [f for f in fields if f.name == want or any(m.name == want for m in f.members)]
    if not found and entry.get("css") and css_refs is not None:
        refs = set(css_refs(entry["css"]) or [])
        found = [f for f in fields if f.ref in refs or any(m.ref in refs for m in f.members)]
    if not found and "label" in match:
        found = [f for f in fields if (f.label or "").strip() == match["label"].strip()]
    if len(found) > 1 and tag:
        same_tag = [f for f in found if _norm_tag(f.tag) == tag]
        found = same_tag or found
    return found


def score_page(
    page: LabelledPage,
    inspection: Inspection | None,
    css_refs: Callable[[str], list[str] | None] | None = None,
) -> tuple[bool, list[EntryResult]]:
    """(detected correctly, one result per label entry). A page that failed to load scores
    every entry as predicted ``unknown``."""
    detected = bool(inspection and inspection.detection and inspection.detection.ats == page.ats)
    if page.ats == "none" and inspection is not None and inspection.detection is None:
        detected = True
    results = []
    fields = inspection.snapshot.fields if inspection else []
    for entry in page.entries:
        hits = match_fields(entry, fields, css_refs)
        predicted, conf, ref, reason = UNKNOWN, 0.0, None, None
        for f in hits:
            key, c = inspection.key_of(f.ref) if inspection else (UNKNOWN, 0.0)
            if ref is None:
                ref, conf = f.ref, c
            if key != UNKNOWN:
                m = inspection.mappings.get(f.ref) if inspection else None
                predicted, conf, ref, reason = str(key), c, f.ref, m.reason if m else None
                break
        if not hits:
            reason = "control not found in snapshot"
        results.append(
            EntryResult(
                page=page.name,
                ats=page.ats,
                label=entry.get("label"),
                match=entry.get("match", {}),
                expected=entry["key"],
                predicted=predicted,
                confidence=conf,
                ref=ref,
                reason=reason,
            )
        )
    return detected, results


@dataclass
class Report:
    overall: Tally = field(default_factory=Tally)
    per_ats: dict[str, Tally] = field(default_factory=dict)
    errors: list[EntryResult] = field(default_factory=list)
    page_errors: list[dict[str, str]] = field(default_factory=list)
    detections: list[dict[str, Any]] = field(default_factory=list)

    def add_page(
        self,
        page: LabelledPage,
        detected_as: str | None,
        detected: bool,
        results: Iterable[EntryResult],
    ) -> None:
        tally = self.per_ats.setdefault(page.ats, Tally())
        for t in (tally, self.overall):
            t.pages += 1
            t.detected += int(detected)
        self.detections.append(
            {"page": page.name, "expected": page.ats, "detected": detected_as, "ok": detected}
        )
        for r in results:
            tally.add(r)
            self.overall.add(r)
            if r.outcome in ("wrong", "false fill", "missed"):
                self.errors.append(r)

    def as_dict(self) -> dict[str, Any]:
        return {
            "overall": self.overall.as_dict(),
            "per_ats": {k: v.as_dict() for k, v in sorted(self.per_ats.items())},
            "detections": self.detections,
            "page_errors": self.page_errors,
            "errors": [
                {
                    "page": e.page,
                    "ats": e.ats,
                    "label": e.label,
                    "match": e.match,
                    "expected": e.expected,
                    "predicted": e.predicted,
                    "outcome": e.outcome,
                    "confidence": round(e.confidence, 3),
                    "ref": e.ref,
                    "reason": e.reason,
                }
                for e in self.errors
            ],
        }

"""Scoring a page's inspection against its labels (format: ``docs/eval.md``).

Definitions (per group and overall):

* precision = correct / predictions, where a prediction is a non-``unknown`` key on a
  labelled control;
* recall = correct / labelled controls whose key is not ``unknown``;
* false fill = a prediction on a control labelled ``unknown`` (something must not be filled);
* detection accuracy = pages whose detected ATS equals the label's ``ats`` (a page of an
  ATS no plugin knows, or a company's own form, is right when nothing is detected);
* seen = controls of a silver page's ``inventory`` that the snapshot holds at all.

Controls a silver page does not label are not scored: they may be right or wrong.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from jobpilot.engine.inspect import Inspection
from jobpilot.eval.corpus import LabelledPage, find_corpus
from jobpilot.eval.groups import group_of
from jobpilot.models.snapshot import Field

__all__ = ["UNKNOWN", "EntryResult", "LabelledPage", "Report", "Tally", "find_corpus", "score_page"]

UNKNOWN = "unknown"

BANDS: tuple[tuple[float, float], ...] = (
    (0.6, 0.7), (0.7, 0.8), (0.8, 0.85), (0.85, 0.9), (0.9, 0.95), (0.95, 1.01),
)
"""Confidence bands of the reliability table: the review band (0.6-0.85) split in three,
the fill band (>= 0.85) in three."""


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
    tenant: str = ""
    silver_rule: str | None = None
    plugin: str | None = None
    overlay: bool = False

    @property
    def outcome(self) -> str:
        if self.predicted == self.expected:
            return "correct" if self.expected != UNKNOWN else "left alone"
        if self.predicted == UNKNOWN:
            return "missed"
        return "false fill" if self.expected == UNKNOWN else "wrong"

    @property
    def is_prediction(self) -> bool:
        return self.predicted != UNKNOWN

    @property
    def is_right(self) -> bool:
        return self.predicted == self.expected

    def as_dict(self) -> dict[str, Any]:
        return {
            "page": self.page,
            "ats": self.ats,
            "tenant": self.tenant,
            "label": self.label,
            "match": self.match,
            "expected": self.expected,
            "predicted": self.predicted,
            "outcome": self.outcome,
            "confidence": round(self.confidence, 3),
            "ref": self.ref,
            "plugin": self.plugin,
            "reason": self.reason,
            **({"silver_rule": self.silver_rule} if self.silver_rule else {}),
            **({"overlay": True} if self.overlay else {}),
        }


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
    inventory: int = 0
    seen: int = 0
    filled: int = 0
    """Predictions at or above the fill threshold (filled without a review flag)."""
    filled_correct: int = 0

    def add(self, r: EntryResult) -> None:
        from jobpilot.config import FILL_THRESHOLD

        self.entries += 1
        if r.expected != UNKNOWN:
            self.labelled += 1
        if r.is_prediction:
            self.predictions += 1
            if r.confidence >= FILL_THRESHOLD:
                self.filled += 1
                self.filled_correct += int(r.is_right)
        outcome = r.outcome
        if outcome == "correct":
            self.correct += 1
        elif outcome == "false fill":
            self.false_fills += 1
        elif outcome == "wrong":
            self.wrong += 1
        elif outcome == "missed":
            self.missed += 1

    def merge(self, other: Tally) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def precision(self) -> float:
        return self.correct / self.predictions if self.predictions else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.labelled if self.labelled else 1.0

    @property
    def precision_at_fill(self) -> float:
        return self.filled_correct / self.filled if self.filled else 1.0

    @property
    def detection_accuracy(self) -> float:
        return self.detected / self.pages if self.pages else 1.0

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
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
            "filled": self.filled,
            "precision_at_fill": round(self.precision_at_fill, 4),
        }
        if self.inventory:
            out["inventory"] = self.inventory
            out["inventory_seen"] = round(self.seen / self.inventory, 4)
        return out


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


def inventory_seen(page: LabelledPage, fields: list[Field]) -> tuple[int, int]:
    """(controls of the page's inventory the snapshot holds, controls that can be checked).

    Only inventory entries the extractor saw in the capture as fillable, with an id or a
    name to find them by, are counted; a hidden input is not a control.
    """
    ids = {f.id for f in fields} | {m.id for f in fields for m in f.members}
    names = {f.name for f in fields} | {m.name for f in fields for m in f.members}
    total = seen = 0
    for item in page.inventory:
        if not item.get("in_capture", True) or not item.get("fillable", True):
            continue
        if (item.get("type") or "").lower() == "hidden" or not (item.get("id") or item.get("name")):
            continue
        total += 1
        seen += int(
            (bool(item.get("id")) and item["id"] in ids) or (bool(item.get("name")) and item["name"] in names)
        )
    return seen, total


def detected_right(page_ats: str, detected: str | None, known: set[str] | None) -> bool:
    """Whether the detected ATS is the page's; an ATS no plugin knows counts as none."""
    expected = page_ats if known is None or page_ats in known else "none"
    if expected == "none":
        return detected is None
    return detected == expected


def score_page(
    page: LabelledPage,
    inspection: Inspection | None,
    css_refs: Callable[[str], list[str] | None] | None = None,
    *,
    known_ats: set[str] | None = None,
) -> tuple[bool, list[EntryResult]]:
    """(detected correctly, one result per label entry). A page that failed to load scores
    every entry as predicted ``unknown``."""
    det = inspection.detection if inspection else None
    detected = inspection is not None and detected_right(page.ats, det.ats if det else None, known_ats)
    results = []
    fields = inspection.snapshot.fields if inspection else []
    tenant = page.tenant
    for entry in page.entries:
        hits = match_fields(entry, fields, css_refs)
        predicted, conf, ref, reason, plugin = UNKNOWN, 0.0, None, None, None
        for f in hits:
            key, c = inspection.key_of(f.ref) if inspection else (UNKNOWN, 0.0)
            m = inspection.mappings.get(f.ref) if inspection else None
            if ref is None:
                ref, conf = f.ref, c
                reason, plugin = (m.reason, m.plugin) if m else (None, None)
            if str(key) != UNKNOWN:
                predicted, conf, ref = str(key), c, f.ref
                reason, plugin = (m.reason, m.plugin) if m else (None, None)
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
                tenant=tenant,
                silver_rule=entry.get("silver_rule"),
                plugin=plugin,
                overlay=bool(entry.get("overlay")),
            )
        )
    return detected, results


def reliability(results: Iterable[EntryResult]) -> list[dict[str, Any]]:
    """Predicted confidence band against observed accuracy: what a confidence is worth."""
    return reliability_of((r.confidence, r.is_right) for r in results if r.is_prediction)


def reliability_of(points: Iterable[tuple[float, bool]]) -> list[dict[str, Any]]:
    """The reliability table of (confidence, was right) pairs, one row per band."""
    pts = list(points)
    rows = []
    for lo, hi in BANDS:
        inside = [(c, ok) for c, ok in pts if lo <= c < hi]
        right = sum(1 for _, ok in inside if ok)
        rows.append(
            {
                "band": f"{lo:.2f}-{min(hi, 1.0):.2f}",
                "predictions": len(inside),
                "correct": right,
                "accuracy": round(right / len(inside), 4) if inside else None,
                "mean_confidence": round(sum(c for c, _ in inside) / len(inside), 4)
                if inside
                else None,
            }
        )
    return rows


@dataclass
class PageRecord:
    page: LabelledPage
    detected_as: str | None
    detected: bool
    results: list[EntryResult]
    seen: int = 0
    inventory: int = 0


@dataclass
class Report:
    pages: list[PageRecord] = field(default_factory=list)
    page_errors: list[dict[str, str]] = field(default_factory=list)

    def add_page(
        self,
        page: LabelledPage,
        detected_as: str | None,
        detected: bool,
        results: Iterable[EntryResult],
        *,
        seen: tuple[int, int] = (0, 0),
    ) -> None:
        self.pages.append(PageRecord(page, detected_as, detected, list(results), *seen))

    @property
    def results(self) -> list[EntryResult]:
        return [r for rec in self.pages for r in rec.results]

    def tallies(self, by: str = "ats") -> dict[str, Tally]:
        out: dict[str, Tally] = {}
        for rec in self.pages:
            key = group_of(by, ats=rec.page.folder_ats, tenant=rec.page.tenant)
            t = out.setdefault(key, Tally())
            t.pages += 1
            t.detected += int(rec.detected)
            t.seen += rec.seen
            t.inventory += rec.inventory
            for r in rec.results:
                t.add(r)
        return dict(sorted(out.items()))

    @property
    def overall(self) -> Tally:
        total = Tally()
        for t in self.tallies().values():
            total.merge(t)
        return total

    @property
    def per_ats(self) -> dict[str, Tally]:
        return self.tallies("ats")

    @property
    def errors(self) -> list[EntryResult]:
        return [r for r in self.results if r.outcome in ("wrong", "false fill", "missed")]

    def as_dict(self, *, by: str | None = None) -> dict[str, Any]:
        out: dict[str, Any] = {
            "overall": self.overall.as_dict(),
            "per_ats": {k: v.as_dict() for k, v in self.per_ats.items()},
        }
        if by and by != "ats":
            out[f"per_{by}"] = {k: v.as_dict() for k, v in self.tallies(by).items()}
        out["reliability"] = reliability(self.results)
        out["detections"] = [
            {"page": rec.page.name, "expected": rec.page.ats, "detected": rec.detected_as, "ok": rec.detected}
            for rec in self.pages
        ]
        out["page_errors"] = self.page_errors
        out["errors"] = [e.as_dict() for e in self.errors]
        return out

"""Labelled corpora: finding the pages, reading and checking their labels, overlays.

A labelled corpus is a folder (searched recursively) of ``NAME.html`` beside
``NAME.labels.json``; the format is documented in ``docs/eval.md``. Two kinds of label file
are read the same way:

* *gold* (hand-labelled): every control of the page is listed, ``unknown`` for what must be
  left alone;
* *silver* (``"kind": "SILVER"``, written by rules from the ATS's own system names): only
  the controls those rules are certain of, each with its ``silver_rule``; every other
  control is unlabelled and not scored, so a silver page measures the standard fields only.
  Its ``inventory`` (every control an independent extractor saw) is used to check that the
  snapshot sees each control at all.

An *overlay* adds entries to pages of a corpus without touching it (a corpus may be
read-only, or not ours to change): ``{"pages": {"<path below corpus>.html": [entry, ...]}}``,
each entry in the label format plus ``how`` (why that key). An overlay entry with the
same ``match`` as an existing one replaces it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jobpilot.eval.groups import tenant_of


@dataclass
class LabelledPage:
    html: Path
    labels: dict[str, Any]
    root: Path | None = None
    """The corpus folder: pages are named by their path below it, so two ``apply.html`` in
    different folders stay two pages in the report."""
    overlay: list[dict[str, Any]] = field(default_factory=list)

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
        """The ATS the page belongs to; ``none`` for a company's own form (``other`` in the
        silver corpus means the same)."""
        ats = str(self.labels.get("ats") or "none")
        return "none" if ats == "other" else ats

    @property
    def folder_ats(self) -> str:
        """The ATS folder the page sits in (``other`` kept), for grouping."""
        return str(self.labels.get("ats") or "none")

    @property
    def tenant(self) -> str:
        return tenant_of(self.url, self.folder_ats, self.name)

    @property
    def silver(self) -> bool:
        return str(self.labels.get("kind") or "").upper() == "SILVER"

    @property
    def inventory(self) -> list[dict[str, Any]]:
        return list(self.labels.get("inventory") or [])

    @property
    def entries(self) -> list[dict[str, Any]]:
        base = list(self.labels.get("fields", []))
        if not self.overlay:
            return base
        replaced = {json.dumps(e.get("match"), sort_keys=True) for e in self.overlay}
        kept = [e for e in base if json.dumps(e.get("match"), sort_keys=True) not in replaced]
        return kept + [{**e, "overlay": True} for e in self.overlay]


def _refuse(path: Path, problem: str, hint: str) -> Exception:
    from jobpilot.errors import UsageError

    return UsageError(f"{path} {problem}", hint=hint)


def _check_entries(path: Path, entries: Any, keys: set[str]) -> None:
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise _refuse(path, "must hold a list of field entries", "see docs/eval.md")
    bad = sorted({str(f.get("key")) for f in entries if f.get("key") not in keys})
    if bad:
        raise _refuse(
            path,
            f"names keys outside the vocabulary: {', '.join(bad)}",
            f"use one of: {' '.join(sorted(keys))}",
        )
    if any(not isinstance(f.get("match"), dict) or not f["match"] for f in entries):
        raise _refuse(path, "has an entry without a 'match'", "give each entry a match (id, name or label)")


def _vocabulary() -> set[str]:
    from jobpilot.vocabulary import FieldKey

    return {k.value for k in FieldKey}


def find_corpus(root: Path, *, overlay: Path | None = None) -> list[LabelledPage]:
    """Every ``*.labels.json`` under root (recursively) with its HTML beside it. A labels
    file that is not valid JSON, or names a key outside the vocabulary, is refused with its
    path: a typo would otherwise be scored as a mapping error."""
    keys = _vocabulary()
    pages = []
    for lab in sorted(root.rglob("*.labels.json")):
        html = lab.with_name(lab.name[: -len(".labels.json")] + ".html")
        if not html.exists():
            continue
        labels = _read_json(lab)
        if not isinstance(labels, dict):
            raise _refuse(lab, "must be an object with a 'fields' list", "see docs/eval.md")
        _check_entries(lab, labels.get("fields", []), keys)
        pages.append(LabelledPage(html, labels, root))
    if overlay is not None:
        apply_overlay(pages, root, overlay)
    return pages


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text("utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise _refuse(path, f"is not valid JSON ({exc})", "fix the file") from None
    except OSError as exc:
        raise _refuse(path, f"cannot be read ({exc.strerror})", "check the path") from None


def apply_overlay(pages: list[LabelledPage], root: Path, overlay: Path) -> None:
    """Attach an overlay's entries to the pages they name. A page the overlay names that is
    not in the corpus is an error: the overlay was written for another corpus or version."""
    data = _read_json(overlay)
    if not isinstance(data, dict) or not isinstance(data.get("pages"), dict):
        raise _refuse(overlay, "must be an object with a 'pages' map", "see docs/eval.md")
    keys = _vocabulary()
    by_path = {p.html.relative_to(root).as_posix(): p for p in pages}
    for rel, entries in data["pages"].items():
        page = by_path.get(rel)
        if page is None:
            raise _refuse(overlay, f"names {rel}, which is not a labelled page of {root}",
                          "point eval at the corpus the overlay was written for")
        _check_entries(overlay, entries, keys)
        page.overlay = list(entries)

"""A plugin's mapping of a labelled page, scored as ``jobpilot eval`` scores it.

The labels are the format ``jobpilot eval`` reads (``docs/eval.md``): ``NAME.labels.json``
beside ``NAME.html``, each entry a control (matched by id, name, label or CSS) and its
expected key. A *prediction* is a key other than ``unknown`` on a labelled control, where a
mapping under the review threshold (0.6) counts as ``unknown`` (the engine would leave that
field for the person); precision is correct predictions over predictions, recall correct
predictions over labelled controls whose key is not ``unknown``. A prediction on a control
labelled ``unknown`` is a false fill.
"""

from __future__ import annotations

import importlib.metadata as md
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from jobpilot.eval.corpus import LabelledPage
from jobpilot.eval.scoring import EntryResult, Tally
from jobpilot.testing.pages import PageLoader

PLACEHOLDER_URL = "https://jobpilot.invalid/{name}"


@dataclass
class MappingCheck:
    """The scored page: every label entry's outcome, and the totals."""

    page: Path
    detected: str | None
    results: list[EntryResult]

    @property
    def tally(self) -> Tally:
        t = Tally()
        for r in self.results:
            t.add(r)
        return t

    @property
    def precision(self) -> float:
        return self.tally.precision

    @property
    def recall(self) -> float:
        return self.tally.recall

    @property
    def mistakes(self) -> list[EntryResult]:
        """Wrong keys and false fills: what precision counts against."""
        return [r for r in self.results if r.outcome in ("wrong", "false fill")]

    def describe(self) -> str:
        t = self.tally
        lines = [
            f"{self.page.name}: detected {self.detected or 'nothing'}; precision {t.precision:.3f} "
            f"({t.correct}/{t.predictions}), recall {t.recall:.3f} ({t.correct}/{t.labelled})"
        ]
        for r in self.mistakes:
            lines.append(
                f"  {r.outcome}: {r.label or r.match} expected {r.expected}, got {r.predicted} "
                f"({r.confidence:.2f} from {r.plugin or '?'}: {r.reason or '-'})"
            )
        return "\n".join(lines)

    def assert_precision(self, at_least: float = 1.0, *, recall: float = 0.0, ats: str | None = None) -> None:
        """Fail, listing every wrong prediction, when precision (or recall, or the detected
        ATS) falls short."""
        problems = []
        if ats is not None and self.detected != ats:
            problems.append(f"detected {self.detected!r}, expected {ats!r}")
        if self.precision < at_least:
            problems.append(f"precision {self.precision:.3f} < {at_least}")
        if self.recall < recall:
            problems.append(f"recall {self.recall:.3f} < {recall}")
        if problems:
            raise AssertionError("; ".join(problems) + "\n" + self.describe())


def check_mapping(
    plugins: ModuleType | object | Sequence[ModuleType | object],
    page: Path,
    *,
    labels: Path | None = None,
    url: str | None = None,
    installed: Sequence[str] = (),
    loader: PageLoader | None = None,
) -> MappingCheck:
    """Detect and map ``page`` with ``plugins`` (your plugin's module, or several) plus the
    ``installed`` plugins named (e.g. ``["generic"]`` to see the merge with the generic
    mapper), and score the result against the page's labels.

    ``labels`` defaults to ``NAME.labels.json`` beside ``NAME.html``; ``url`` to the labels'
    ``url``. Nothing else is loaded: the score is your plugin's."""
    from jobpilot.engine.inspect import inspect_snapshot
    from jobpilot.eval.scoring import score_page
    from jobpilot.plugins import ENTRY_POINT_GROUP, PluginManager

    page = Path(page)
    lp = _labelled(page, labels)
    target = url or lp.url or PLACEHOLDER_URL.format(name=page.stem)
    selectors = sorted({str(e["css"]) for e in lp.entries if e.get("css")})
    own = loader is None
    loader = loader or PageLoader()
    try:
        loaded = loader.load(page, target, css=selectors)
    finally:
        if own:
            loader.close()

    pm = PluginManager()
    items = list(plugins) if isinstance(plugins, Sequence) else [plugins]
    for item in items:
        pm.register(item, name=_name_of(item))
    for name in installed:
        (ep,) = md.entry_points(group=ENTRY_POINT_GROUP, name=name)
        pm.register(ep.load(), name=name)
    inspection = inspect_snapshot(loaded.snapshot, pm)
    _, results = score_page(lp, inspection, loaded.css.get)
    det = inspection.detection
    return MappingCheck(page, det.ats if det else None, results)


def _labelled(page: Path, labels: Path | None) -> LabelledPage:
    """The page with its labels, checked as ``jobpilot eval`` checks them (a typo in a key is
    an error naming the file, not a mapping mistake)."""
    from jobpilot.eval.corpus import _check_entries, _read_json, _refuse, _vocabulary

    if not page.is_file():
        raise FileNotFoundError(f"no page {page}")
    labels = labels or page.with_name(page.name.removesuffix(".html") + ".labels.json")
    if not labels.is_file():
        raise FileNotFoundError(f"no labels for {page}: expected {labels} (format: docs/eval.md)")
    data = _read_json(labels)
    if not isinstance(data, dict):
        raise _refuse(labels, "must be an object with a 'fields' list", "see docs/eval.md")
    _check_entries(labels, data.get("fields", []), _vocabulary())
    return LabelledPage(page, data)


def _name_of(plugin: object) -> str:
    from jobpilot.plugins import read_metadata

    if isinstance(plugin, ModuleType):
        declared = read_metadata(plugin).get("name")
        return str(declared) if declared else plugin.__name__
    return type(plugin).__name__

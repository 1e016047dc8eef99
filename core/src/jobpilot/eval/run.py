"""Running ``inspect`` over every page of a corpus in one browser, and scoring it.

Two steps, so that the slow one can be kept: :func:`capture` loads each page offline and
takes its snapshot (plus the elements the labels' CSS selectors point at);
:func:`score` runs detection and mapping on those snapshots. With a ``cache`` folder the
captures are kept on disk, keyed by the page, its labels' selectors and the DOM layer's
source, so re-scoring a corpus after a mapping change takes seconds, not minutes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from jobpilot.engine.inspect import inspect_snapshot
from jobpilot.eval.corpus import LabelledPage, find_corpus
from jobpilot.eval.scoring import Report, inventory_seen, score_page
from jobpilot.models.snapshot import FormSnapshot
from jobpilot.plugins import PluginManager

_REFS_FOR = """(css) => {
  const J = globalThis.__jobpilot;
  let els = [];
  try { els = Array.from(document.querySelectorAll(css)); } catch (e) { return []; }
  return els.map((el) => J.refs.refFor(el));
}"""

PLACEHOLDER_URL = "https://jobpilot.invalid/{name}"
"""Pages whose labels record no URL are served here: nothing is detected from the host."""


@dataclass
class Capture:
    """What the browser saw on one page: its snapshot, or the error that stopped it."""

    snapshot: FormSnapshot | None
    css: dict[str, list[str]] = field(default_factory=dict)
    error: str | None = None

    def to_json(self) -> str:
        return json.dumps(
            {
                "snapshot": self.snapshot.model_dump(mode="json") if self.snapshot else None,
                "css": self.css,
                "error": self.error,
            }
        )

    @classmethod
    def from_json(cls, text: str) -> Capture:
        data = json.loads(text)
        snap = FormSnapshot.model_validate(data["snapshot"]) if data.get("snapshot") else None
        return cls(snap, data.get("css") or {}, data.get("error"))


def _dom_digest() -> str:
    from jobpilot.dom import bundle

    return hashlib.sha256(bundle().encode()).hexdigest()[:16]


def _cache_key(lp: LabelledPage, dom: str) -> str:
    st = lp.html.stat()
    css = sorted({str(e["css"]) for e in lp.entries if e.get("css")})
    raw = json.dumps([str(lp.html.resolve()), st.st_size, st.st_mtime_ns, lp.url, css, dom])
    return hashlib.sha256(raw.encode()).hexdigest()[:24]


async def capture(
    pages: Sequence[LabelledPage],
    *,
    cache: Path | None = None,
    on_page: Callable[[int, int, LabelledPage], None] | None = None,
) -> list[Capture]:
    """One capture per page, in order; from ``cache`` where it holds one."""
    out: list[Capture | None] = [None] * len(pages)
    todo: list[int] = []
    keys: list[str] = []
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
        dom = _dom_digest()
        keys = [_cache_key(lp, dom) for lp in pages]
        for i, key in enumerate(keys):
            hit = cache / f"{key}.json"
            if hit.exists():
                out[i] = Capture.from_json(hit.read_text("utf-8"))
    todo = [i for i, c in enumerate(out) if c is None]
    if todo:
        from jobpilot.runner import OfflineRouter, launch_browser

        async with await launch_browser() as browser:
            for n, i in enumerate(todo, start=1):
                lp = pages[i]
                if on_page:
                    on_page(n, len(todo), lp)
                url = lp.url or PLACEHOLDER_URL.format(name=lp.name)
                router = OfflineRouter()
                router.serve(url, lp.html, content_type="text/html; charset=utf-8")
                page = await browser.new_page(router=router)
                cap = Capture(None)
                try:
                    await page.raw.goto(url, wait_until="load", timeout=30_000)
                    cap.snapshot = await page.snapshot()
                    for entry in lp.entries:
                        css = entry.get("css")
                        if css and css not in cap.css:
                            cap.css[css] = await page.raw.evaluate(_REFS_FOR, css)
                except Exception as exc:
                    cap = Capture(None, error=f"{type(exc).__name__}: {exc}")
                finally:
                    await page.close()
                out[i] = cap
                if cache is not None and cap.error is None:
                    (cache / f"{keys[i]}.json").write_text(cap.to_json(), "utf-8")
    return [c for c in out if c is not None]


def known_ats(plugins: PluginManager) -> set[str]:
    """Every ATS slug the project can detect: the built-in host table and the adapters."""
    from jobpilot.builtin.ats_hosts import HOSTS

    return {slug for _, slug in HOSTS} | {p.ats for p in plugins.loaded() if p.ats}


def score(
    pages: Sequence[LabelledPage],
    captures: Sequence[Capture],
    plugins: PluginManager,
) -> Report:
    """Detection and mapping of every captured page, scored against its labels."""
    report = Report()
    known = known_ats(plugins)
    for lp, cap in zip(pages, captures, strict=True):
        inspection = inspect_snapshot(cap.snapshot, plugins) if cap.snapshot else None
        if cap.error:
            report.page_errors.append({"page": lp.name, "error": cap.error})
        detected, results = score_page(lp, inspection, cap.css.get, known_ats=known)
        det = inspection.detection if inspection else None
        seen = inventory_seen(lp, cap.snapshot.fields) if cap.snapshot else (0, 0)
        report.add_page(lp, det.ats if det else None, detected, results, seen=seen)
    return report


async def evaluate(
    corpus: Path | Sequence[LabelledPage],
    plugins: PluginManager,
    *,
    on_page: Callable[[int, int, LabelledPage], None] | None = None,
    cache: Path | None = None,
) -> Report:
    """Capture and score a corpus folder (or an explicit list of its pages)."""
    pages = find_corpus(corpus) if isinstance(corpus, Path) else list(corpus)
    captures = await capture(pages, cache=cache, on_page=on_page)
    return score(pages, captures, plugins)

"""Running ``inspect`` over every page of a corpus in one browser, and scoring it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from jobpilot.engine.inspect import inspect_page
from jobpilot.eval.scoring import LabelledPage, Report, find_corpus, score_page
from jobpilot.plugins import PluginManager

_REFS_FOR = """(css) => {
  const J = globalThis.__jobpilot;
  let els = [];
  try { els = Array.from(document.querySelectorAll(css)); } catch (e) { return []; }
  return els.map((el) => J.refs.refFor(el));
}"""

PLACEHOLDER_URL = "https://jobpilot.invalid/{name}"
"""Pages whose labels record no URL are served here: nothing is detected from the host."""


async def evaluate(
    corpus: Path,
    plugins: PluginManager,
    *,
    on_page: Callable[[int, int, LabelledPage], None] | None = None,
) -> Report:
    from jobpilot.runner import OfflineRouter, launch_browser

    pages = find_corpus(corpus)
    report = Report()
    async with await launch_browser() as browser:
        for i, lp in enumerate(pages, start=1):
            if on_page:
                on_page(i, len(pages), lp)
            url = lp.url or PLACEHOLDER_URL.format(name=lp.name)
            router = OfflineRouter()
            router.serve(url, lp.html, content_type="text/html; charset=utf-8")
            page = await browser.new_page(router=router)
            inspection = None
            css_cache: dict[str, list[str]] = {}
            try:
                await page.raw.goto(url, wait_until="load", timeout=30_000)
                inspection = await inspect_page(page, plugins)
                for entry in lp.entries:
                    css = entry.get("css")
                    if css and css not in css_cache:
                        css_cache[css] = await page.raw.evaluate(_REFS_FOR, css)
            except Exception as exc:
                report.page_errors.append({"page": lp.name, "error": f"{type(exc).__name__}: {exc}"})
            finally:
                await page.close()
            detected, results = score_page(lp, inspection, css_cache.get)
            det = inspection.detection if inspection else None
            report.add_page(lp, det.ats if det else None, detected, results)
    return report

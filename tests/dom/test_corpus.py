"""Every real captured page of both corpora goes through the snapshot and ``inspect``
without an error (issue 10): a page that breaks the snapshot is a bug, never a skip.

The pages are read in place from ``../shared/ats-pages`` and ``../shared/ats-pages-more``
(beside the checkout, as CI has them) and never copied; each is served at the URL its labels
record, as ``jobpilot inspect --url`` serves it (offline, nested forms restored). One
browser and one context for all of them, two tabs at a time: the test costs page loads, not
browser starts.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest
from jobpilot.dom.saved import serve_offline
from jobpilot.engine.inspect import inspect_snapshot
from jobpilot.models.snapshot import FormSnapshot
from jobpilot.plugins import PluginManager, load
from jobpilot.runner import PlaywrightPage

pytestmark = pytest.mark.browser

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
CORPORA = ("ats-pages", "ats-pages-more")
MIN_PAGES = 300
"""Both corpora hold about 310 pages: far fewer means the corpus is not there."""
TABS = 2


def corpus_pages() -> list[tuple[str, Path, str]]:
    pages = []
    for corpus in CORPORA:
        root = SHARED / corpus
        for html in sorted(root.rglob("*.html")):
            labels = html.with_name(html.stem + ".labels.json")
            url = json.loads(labels.read_text("utf-8")).get("url") if labels.exists() else None
            name = html.relative_to(SHARED).as_posix()
            pages.append((name, html, url or f"https://corpus.jobpilot.invalid/{name}"))
    return pages


@pytest.fixture(scope="module")
def plugins() -> PluginManager:
    return load()


async def test_every_corpus_page_is_inspected_without_error(browser: Any, plugins: PluginManager) -> None:
    missing = [c for c in CORPORA if not (SHARED / c).is_dir()]
    assert not missing, f"the shared corpus is missing: {', '.join(str(SHARED / c) for c in missing)}"
    pages = corpus_pages()
    assert len(pages) >= MIN_PAGES, f"only {len(pages)} pages under {SHARED}"
    context = await browser.new_context(service_workers="block")
    await serve_offline(context, {url: html.read_bytes() for _, html, url in pages})
    errors: list[str] = []
    try:
        # Two tabs at once: page loads are the renderer's work and the machine has 2 cores.
        await asyncio.gather(*(_inspect(context, pages[i::TABS], plugins, errors) for i in range(TABS)))
    finally:
        await context.close()
    assert errors == [], "\n".join(sorted(errors))


async def _inspect(
    context: Any, pages: list[tuple[str, Path, str]], plugins: PluginManager, errors: list[str]
) -> None:
    """Load, snapshot and inspect each page in one tab; every failure is recorded."""
    page: PlaywrightPage | None = None
    for i, (name, _, url) in enumerate(pages):
        if page is None or i % 50 == 0:  # a fresh tab now and then keeps memory flat
            if page is not None:
                await page.raw.close()
            page = PlaywrightPage(await context.new_page())
        try:
            await page.raw.goto(url, wait_until="load", timeout=30_000)
            snap = await page.snapshot()
            inspection = inspect_snapshot(snap, plugins)
            inspection.to_json()
            errors.extend(f"{name}: {p}" for p in invariants(snap))
        except Exception as exc:  # the page is reported, the run goes on
            errors.append(f"{name}: {type(exc).__name__}: {str(exc).splitlines()[0][:200]}")
            page = None


def invariants(snap: FormSnapshot) -> list[str]:
    """What must hold on any real page, whatever its ATS."""
    problems = []
    forms = {f.ref for f in snap.forms}
    regions = {r.ref for r in snap.regions}
    for f in snap.fields:
        if "{{" in (f.name or "") or "{{" in (f.label or ""):
            problems.append(f"template prototype as a field: {f.name!r} {f.label!r}")
    for f in [*snap.fields, *snap.buttons, *snap.links]:
        if f.form is not None and f.form not in forms:
            problems.append(f"{f.ref} names a form that is not listed")
        if f.region is not None and f.region not in regions:
            problems.append(f"{f.ref} names a region that is not listed")
    refs = [f.ref for f in snap.fields]
    if len(refs) != len(set(refs)):
        problems.append("two fields share a ref")
    if {b.ref for b in snap.buttons} & {x.ref for x in snap.links}:
        problems.append("an element is both a button and a link")
    return problems

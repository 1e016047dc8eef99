"""Saved HTML + a URL -> the snapshot the hooks get, in one shared Chromium.

The browser lives on an event loop in a thread of its own, so the helpers are plain
synchronous calls: a plugin's tests need neither pytest-asyncio nor an event loop of their
own, and the same browser serves every test of a session (starting Chromium costs about half
a second; loading a page, a tenth).
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Coroutine, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from jobpilot.models.snapshot import FormSnapshot

T = TypeVar("T")
LOAD_TIMEOUT_MS = 30_000
_REFS_FOR = """(css) => {
  const J = globalThis.__jobpilot;
  let els = [];
  try { els = Array.from(document.querySelectorAll(css)); } catch (e) { return []; }
  return els.map((el) => J.refs.refFor(el));
}"""
"""The snapshot refs of the elements a CSS selector picks (labels may point at controls so)."""


@dataclass
class LoadedPage:
    """What the browser saw: the snapshot, and the refs each requested CSS selector picked."""

    snapshot: FormSnapshot
    css: dict[str, list[str]] = field(default_factory=dict)


class PageLoader:
    """One headless Chromium (Debian's, found as ``jobpilot`` finds it) for many pages.

    ``snapshot(html, url)``: ``html`` is a :class:`~pathlib.Path` of a saved page or a string
    of markup; the page is served at ``url`` with every other request blocked, loaded, and
    snapshotted by the same DOM layer the engine uses. ``close()`` stops the browser (the
    pytest fixture does it at the end of the session)."""

    def __init__(self) -> None:
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._browser: Any = None
        self._lock = threading.Lock()

    def _run(self, coro: Coroutine[Any, Any, T]) -> T:
        with self._lock:
            if self._loop is None:
                self._loop = asyncio.new_event_loop()
                self._thread = threading.Thread(
                    target=self._loop.run_forever, name="jobpilot-page-loader", daemon=True
                )
                self._thread.start()
        future: Future[T] = asyncio.run_coroutine_threadsafe(coro, self._loop)
        return future.result()

    async def _ensure_browser(self) -> Any:
        if self._browser is None:
            from jobpilot.runner import launch_browser

            self._browser = await launch_browser(headless=True)
        return self._browser

    def load(self, html: str | Path, url: str, *, css: Sequence[str] = ()) -> LoadedPage:
        """Load the page and return its snapshot (and the refs each ``css`` selector picks)."""
        body = Path(html).read_bytes() if isinstance(html, Path) else html.encode("utf-8")
        return self._run(self._load(body, url, list(css)))

    def snapshot(self, html: str | Path, url: str) -> FormSnapshot:
        """The :class:`FormSnapshot` ``detect_ats`` and ``map_fields`` receive for this page."""
        return self.load(html, url).snapshot

    async def _load(self, body: bytes, url: str, css: list[str]) -> LoadedPage:
        from jobpilot.runner import OfflineRouter

        browser = await self._ensure_browser()
        router = OfflineRouter()
        router.serve(url, body=body, content_type="text/html; charset=utf-8")
        page = await browser.new_page(router=router)
        try:
            await page.raw.goto(url, wait_until="load", timeout=LOAD_TIMEOUT_MS)
            snapshot = await page.snapshot()
            refs = {selector: list(await page.raw.evaluate(_REFS_FOR, selector)) for selector in css}
        finally:
            await page.close()
        return LoadedPage(snapshot, refs)

    def close(self) -> None:
        if self._loop is None:
            return
        if self._browser is not None:
            self._run(self._browser.close())
            self._browser = None
        self._loop.call_soon_threadsafe(self._loop.stop)
        if self._thread is not None:
            self._thread.join(timeout=30)
        self._loop.close()
        self._loop = None

    def __enter__(self) -> PageLoader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

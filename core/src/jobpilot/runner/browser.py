"""Finding, launching and sharing one Chromium.

A worker holds ONE browser and opens a fresh context per application (cookies and storage
never leak between applicants); launching is the slow part (~0.7 s), contexts are cheap.
Playwright's own browser download is never used: Debian's Chromium (or one named by
``JOBPILOT_CHROMIUM``) is launched with ``executable_path``, or a remote browser is
reached over CDP (fleets running browsers elsewhere).
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterable, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

from playwright.async_api import Browser, BrowserContext, Playwright, async_playwright

from jobpilot.dom import bundle
from jobpilot.errors import BrowserError
from jobpilot.runner.playwright_page import PlaywrightPage
from jobpilot.runner.routing import OfflineRouter

ENV_VAR = "JOBPILOT_CHROMIUM"
CANDIDATES: tuple[str, ...] = ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome")
LAUNCH_ARGS: tuple[str, ...] = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
"""Quiet, reproducible Chromium: no phoning home, no updates, no first-run UI."""


class BrowserNotFoundError(BrowserError):
    """No Chromium could be found; the message says how to install or point to one."""


def find_chromium(explicit: str | None = None) -> str:
    """Return the path of a Chromium executable.

    Order: ``explicit``, the ``JOBPILOT_CHROMIUM`` environment variable, then
    /usr/bin/chromium, chromium-browser and google-chrome on PATH.

    :raises BrowserNotFoundError: with the install command when none exists.
    """
    for name in (explicit, os.environ.get(ENV_VAR)):
        if name:
            path = shutil.which(name) or (name if Path(name).is_file() else None)
            if path:
                return path
            raise BrowserNotFoundError(
                f"Chromium not found at {name!r} (from {'argument' if name == explicit else ENV_VAR}). "
                "Point it to an existing executable or install one with "
                "`apt-get install chromium`."
            )
    for name in CANDIDATES:
        path = shutil.which(name)
        if path:
            return path
    raise BrowserNotFoundError(
        "No Chromium found (looked for $JOBPILOT_CHROMIUM, " + ", ".join(CANDIDATES) + "). "
        "Install it with `apt-get install chromium` (Debian/Ubuntu) or set "
        f"{ENV_VAR}=/path/to/chrome. Playwright's own browser download is not used."
    )


class ManagedBrowser:
    """One Chromium (launched locally or connected over CDP) handing out contexts and pages.

    Every context gets the DOM layer as an init script, so every frame of every page has
    ``globalThis.__jobpilot`` before the page's own scripts run.
    """

    def __init__(self, playwright: Playwright, browser: Browser, *, owns_playwright: bool) -> None:
        self._pw = playwright
        self._browser = browser
        self._owns_pw = owns_playwright
        self._contexts: list[BrowserContext] = []

    @property
    def browser(self) -> Browser:
        """The underlying Playwright browser (for callers that need raw Playwright)."""
        return self._browser

    @classmethod
    async def launch(
        cls,
        *,
        executable_path: str | None = None,
        headless: bool = True,
        args: Sequence[str] = (),
        playwright: Playwright | None = None,
    ) -> ManagedBrowser:
        """Launch a local Chromium.

        :param executable_path: explicit Chromium; default: :func:`find_chromium`.
        :param args: extra command-line switches, appended to :data:`LAUNCH_ARGS`.
        :param playwright: a started Playwright to reuse; one is started (and later
            stopped by :meth:`close`) otherwise.
        """
        exe = find_chromium(executable_path)
        pw = playwright or await async_playwright().start()
        try:
            browser = await pw.chromium.launch(
                executable_path=exe, headless=headless, args=[*LAUNCH_ARGS, *args]
            )
        except Exception:
            if playwright is None:
                await pw.stop()
            raise
        return cls(pw, browser, owns_playwright=playwright is None)

    @classmethod
    async def connect(cls, cdp_url: str, *, playwright: Playwright | None = None) -> ManagedBrowser:
        """Attach to a running Chromium over CDP (``http://host:9222`` or a ws:// URL)."""
        pw = playwright or await async_playwright().start()
        try:
            browser = await pw.chromium.connect_over_cdp(cdp_url)
        except Exception:
            if playwright is None:
                await pw.stop()
            raise
        return cls(pw, browser, owns_playwright=playwright is None)

    async def new_context(
        self,
        *,
        offline: bool = False,
        allow_hosts: Iterable[str] = ("127.0.0.1", "localhost"),
        router: OfflineRouter | None = None,
        **context_options: Any,
    ) -> BrowserContext:
        """A fresh, isolated context with the DOM layer injected into every frame.

        :param offline: abort every request to a host outside ``allow_hosts`` (service
            workers are blocked too, so nothing bypasses the router).
        :param router: a prepared :class:`OfflineRouter` (e.g. with saved pages to serve);
            implies offline routing.
        :param context_options: passed to Playwright's ``new_context`` (viewport, locale...).
        """
        if offline or router is not None:
            context_options.setdefault("service_workers", "block")
        ctx = await self._browser.new_context(**context_options)
        await ctx.add_init_script(script=bundle())
        if router is None and offline:
            router = OfflineRouter(allow_hosts=allow_hosts)
        if router is not None:
            await router.install(ctx)
        self._contexts.append(ctx)
        ctx.on("close", lambda _ctx: self._forget(ctx))
        return ctx

    def _forget(self, ctx: BrowserContext) -> None:
        if ctx in self._contexts:
            self._contexts.remove(ctx)

    async def new_page(
        self,
        *,
        context: BrowserContext | None = None,
        offline: bool = False,
        allow_hosts: Iterable[str] = ("127.0.0.1", "localhost"),
        router: OfflineRouter | None = None,
        **context_options: Any,
    ) -> PlaywrightPage:
        """A :class:`PlaywrightPage` in ``context`` or in a new context of its own (closed
        with the page)."""
        own = context is None
        ctx = context or await self.new_context(
            offline=offline, allow_hosts=allow_hosts, router=router, **context_options
        )
        page = await ctx.new_page()
        return PlaywrightPage(page, close_context=own)

    async def close(self) -> None:
        """Close every context, the browser (or the CDP connection) and our Playwright."""
        for ctx in list(self._contexts):
            with contextlib.suppress(Exception):  # already closed together with its page
                await ctx.close()
        self._contexts.clear()
        try:
            await self._browser.close()
        finally:
            if self._owns_pw:
                await self._pw.stop()

    async def __aenter__(self) -> ManagedBrowser:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()


async def launch_browser(
    *,
    executable_path: str | None = None,
    headless: bool = True,
    args: Sequence[str] = (),
    cdp_url: str | None = None,
) -> ManagedBrowser:
    """Launch Chromium, or connect to ``cdp_url`` when given (the fleet's remote browsers)."""
    if cdp_url:
        return await ManagedBrowser.connect(cdp_url)
    return await ManagedBrowser.launch(executable_path=executable_path, headless=headless, args=args)

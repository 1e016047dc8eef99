"""Opening what the user named (a URL or a saved HTML file) in Chromium for a command."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import urlsplit

from jobpilot.errors import UsageError


def is_url(target: str) -> bool:
    return urlsplit(target).scheme in ("http", "https", "file")


@asynccontextmanager
async def open_target(
    target: str,
    *,
    as_url: str | None = None,
    headed: bool = False,
    offline: bool | None = None,
    allow_hosts: tuple[str, ...] = ("127.0.0.1", "localhost"),
) -> AsyncIterator[object]:
    """Yield a loaded ``PlaywrightPage`` for ``target``.

    A file is served as if it were at ``as_url`` (or at its own file:// URL) with no network
    at all, as the DOM it was saved from (:mod:`jobpilot.dom.saved`: nested forms restored);
    at its file:// URL the files saved beside it (styles, images) still load from disk.
    A URL is loaded from the network unless ``offline`` is set.
    """
    from jobpilot.dom.saved import request_url
    from jobpilot.runner import OfflineRouter, launch_browser

    router: OfflineRouter | None = None
    saved: dict[str, bytes] | None = None
    if is_url(target) and not Path(target).exists():
        if as_url:
            raise UsageError("--url only applies to a saved HTML file", hint="drop --url")
        url = target
        if offline:
            router = OfflineRouter(allow_hosts=allow_hosts)
    else:
        path = Path(target).expanduser()
        if not path.is_file():
            raise UsageError(
                f"{target!r} is neither a URL nor an existing file",
                hint="give an http(s):// URL or the path of a saved HTML page",
            )
        saved = {}
        if as_url:
            if urlsplit(as_url).scheme not in ("http", "https"):
                raise UsageError(
                    f"--url {as_url!r} is not an http(s) URL",
                    hint="e.g. --url https://jobs.lever.co/acme/1/apply",
                )
            url = request_url(as_url)
        else:
            url = path.resolve().as_uri()
        saved[url] = path.read_bytes()
    browser = await launch_browser(headless=not headed)
    try:
        if saved is not None:
            from jobpilot.dom.saved import serve_offline
            from jobpilot.runner import PlaywrightPage

            context = await browser.new_context(service_workers="block")
            await serve_offline(context, saved)
            page = PlaywrightPage(await context.new_page(), close_context=True)
        else:
            page = await browser.new_page(router=router)
        await page.goto(url)  # PageLoadError for an unreachable page or an HTTP error
        yield page
    finally:
        await browser.close()

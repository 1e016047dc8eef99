"""Offline routing: no request leaves the machine unless its host is allowed.

Two uses: tests and benchmarks must never touch live sites, and ``jobpilot inspect
page.html --url https://boards.greenhouse.io/x/jobs/1`` must show a saved page exactly as if
it were at its real URL (so URL-based ATS detection and relative links behave) with no
network at all. One handler decides every request, in this order: a saved file registered
for that URL is served; a request to an allowed host goes through; anything else is
aborted and recorded in :attr:`OfflineRouter.blocked`.
"""

from __future__ import annotations

import mimetypes
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from playwright.async_api import BrowserContext, Page, Route
from playwright.async_api import Error as PlaywrightError

_GONE = re.compile(
    r"has been disposed|context disposed|has been closed|Target closed|Route is already handled", re.I
)
"""Playwright's words for a route whose request, page or context no longer exists. "Request
context disposed" is what a forwarded request's ``route.fetch`` raises when its context
closes mid-request (a page's own upload still running when the run ends); a run that ends
sooner (a faster snapshot) makes that more likely, so every wording must be here."""


def _key(url: str) -> str:
    """The URL without its fragment (fragments never reach the network)."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc.lower(), parts.path or "/", parts.query, ""))


def _origin(url: str) -> str:
    parts = urlsplit(url)
    if not parts.scheme or not parts.netloc:
        raise ValueError(f"not an origin: {url!r} (expected scheme://host[:port])")
    return f"{parts.scheme}://{parts.netloc.lower()}"


@dataclass(frozen=True)
class SavedResponse:
    body: bytes
    content_type: str
    status: int = 200


class OfflineRouter:
    """Route handler for a context or page: serve saved files, allow listed hosts, abort
    the rest.

    :param allow_hosts: host names (no port) whose requests pass, e.g. the local fixture
        server's ``127.0.0.1``. Empty: nothing reaches the network.
    """

    def __init__(self, *, allow_hosts: Iterable[str] = ()) -> None:
        self.allow_hosts: set[str] = {h.lower() for h in allow_hosts}
        self._saved: dict[str, SavedResponse] = {}
        self._forwards: dict[str, str] = {}
        self.blocked: list[str] = []
        """Every aborted URL, in order (tests assert on it; ``inspect`` can report it)."""

    def serve(
        self,
        url: str,
        path: str | Path | None = None,
        *,
        body: bytes | str | None = None,
        content_type: str | None = None,
        status: int = 200,
    ) -> None:
        """Answer requests for ``url`` with a saved file (``path``) or ``body``."""
        if (path is None) == (body is None):
            raise ValueError("give exactly one of path or body")
        if path is not None:
            p = Path(path)
            data = p.read_bytes()
            guessed = mimetypes.guess_type(p.name)[0]
        else:
            data = body.encode("utf-8") if isinstance(body, str) else bytes(body or b"")
            guessed = None
        ctype = content_type or guessed or "text/html; charset=utf-8"
        if ctype.startswith("text/") and "charset" not in ctype:
            ctype += "; charset=utf-8"
        self._saved[_key(url)] = SavedResponse(data, ctype, status)

    def allows(self, url: str) -> bool:
        """True when a request to ``url`` may use the network (or is a local scheme)."""
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob", "about", "chrome-extension", "file"):
            return True
        return (parts.hostname or "").lower() in self.allow_hosts

    def forward(self, origin: str, to: str) -> None:
        """Answer every request for ``origin`` (``https://job-boards.greenhouse.io``) from the
        server at ``to`` (``http://127.0.0.1:8123``), keeping method, path, query, headers and
        body. A local replica then runs *as if* it were the real site: URL-based detection,
        same-origin rules, cookies and form posts all see the real origin."""
        self._forwards[_origin(origin)] = _origin(to)

    async def handle(self, route: Route) -> None:
        """The route callback: saved file, forwarded origin, allowed host, or abort.

        A request whose page or context closed while it was answered (a menu's option list
        still loading when the application moved on) needs no answer any more: Playwright
        then refuses the fulfil, and that refusal is dropped here rather than surfacing as
        an error of whatever runs next."""
        try:
            await self._answer(route)
        except PlaywrightError as exc:
            if not _GONE.search(str(exc)):
                raise

    async def _answer(self, route: Route) -> None:
        url = route.request.url
        saved = self._saved.get(_key(url))
        if saved is not None:
            await route.fulfill(status=saved.status, body=saved.body, content_type=saved.content_type)
            return
        parts = urlsplit(url)
        target = self._forwards.get(f"{parts.scheme}://{parts.netloc.lower()}")
        if target is not None:
            local = target + urlunsplit(("", "", parts.path or "/", parts.query, ""))
            response = await route.fetch(url=local, max_redirects=0)
            await route.fulfill(response=response)
            return
        if self.allows(url):
            await route.continue_()
            return
        self.blocked.append(url)
        await route.abort("blockedbyclient")

    async def install(self, target: BrowserContext | Page) -> None:
        """Route every request of ``target`` through :meth:`handle`; WebSockets to hosts
        outside the allow-list are closed as well."""
        await target.route("**/*", self.handle)
        route_ws = getattr(target, "route_web_socket", None)
        if route_ws is not None:

            async def ws_handler(ws: object) -> None:
                url: str = ws.url  # type: ignore[attr-defined]
                if self.allows(url):
                    ws.connect_to_server()  # type: ignore[attr-defined]
                else:
                    self.blocked.append(url)
                    await ws.close(code=1008, reason="jobpilot offline mode")  # type: ignore[attr-defined]

            await route_ws("**/*", ws_handler)

    async def uninstall(self, target: BrowserContext | Page) -> None:
        await target.unroute("**/*", self.handle)


async def block_external(
    target: BrowserContext | Page, *, allow_hosts: Iterable[str] = ("127.0.0.1", "localhost")
) -> OfflineRouter:
    """Abort every request of ``target`` to a host outside ``allow_hosts``; returns the
    router so callers can read :attr:`OfflineRouter.blocked`."""
    router = OfflineRouter(allow_hosts=allow_hosts)
    await router.install(target)
    return router


async def serve_saved_page(
    target: BrowserContext | Page,
    *,
    url: str,
    path: str | Path,
    allow_hosts: Iterable[str] = (),
) -> OfflineRouter:
    """Serve the saved HTML file ``path`` as if it were at ``url``, offline.

    Everything else the page asks for (its scripts, images, fonts, analytics) is blocked
    unless its host is in ``allow_hosts``. Then ``page.goto(url)`` shows the saved page with
    ``location.href == url``.
    """
    router = OfflineRouter(allow_hosts=allow_hosts)
    router.serve(url, path, content_type="text/html; charset=utf-8")
    await router.install(target)
    return router

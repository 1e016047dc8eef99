"""Offline routing: no request leaves the machine unless its host is allowed.

Two uses: tests and benchmarks must never touch live sites, and ``jobpilot inspect
page.html --url https://boards.greenhouse.io/x/jobs/1`` must show a saved page exactly as if
it were at its real URL (so URL-based ATS detection and relative links behave) with no
network at all. One handler decides every request, in this order: a saved file registered
for that URL is served; a request to an allowed host goes through; anything else is
aborted and recorded in :attr:`OfflineRouter.blocked`.
"""

from __future__ import annotations

import contextlib
import mimetypes
import re
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from http.cookies import CookieError, SimpleCookie
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

from playwright.async_api import APIResponse, BrowserContext, Page, Route
from playwright.async_api import Error as PlaywrightError

_GONE = re.compile(
    r"has been disposed|context disposed|has been closed|Target closed|Route is already handled", re.I
)
"""Playwright's words for a route whose request, page or context no longer exists. "Request
context disposed" is what a forwarded request's ``route.fetch`` raises when its context
closes mid-request (a page's own upload still running when the run ends); a run that ends
sooner (a faster snapshot) makes that more likely, so every wording must be here."""


MAX_REDIRECTS = 20
"""Hops followed for one request, as Chromium does before ERR_TOO_MANY_REDIRECTS."""
_REDIRECTS = frozenset({301, 302, 303, 307, 308})


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
        self._prefetched: dict[str, APIResponse] = {}  # the end of a redirect, for its navigation
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
        if self._local(url) is not None:
            await self._forward(route)
            return
        if self.allows(url):
            await route.continue_()
            return
        self.blocked.append(url)
        await route.abort("blockedbyclient")

    def _local(self, url: str) -> str | None:
        """The replica's URL for ``url`` when its origin is forwarded."""
        parts = urlsplit(url)
        target = self._forwards.get(f"{parts.scheme}://{parts.netloc.lower()}")
        if target is None:
            return None
        return target + urlunsplit(("", "", parts.path or "/", parts.query, ""))

    async def _forward(self, route: Route) -> None:
        """Answer a forwarded request from its replica, redirects included.

        Playwright routes only the first request of a redirect chain: the request the
        browser makes for a fulfilled 3xx goes straight to the network, where a replica's
        origin does not resolve (or, worse, the real site answers). So the chain is followed
        here, hop by hop, each hop decided by the same rules (replica, saved file, allowed
        host, or blocked), the cookies of every 3xx set as the browser would have. A fetch
        gets the final response. A page load goes on as a new navigation to the final URL
        (the page's URL is then the target's, as after a real redirect), answered with the
        response already fetched: the target is requested once, and a chain that ends
        blocked or failed never starts a navigation.
        """
        request = route.request
        navigation = request.is_navigation_request()
        if navigation:
            ready = self._prefetched.pop(_key(request.url), None)
            if ready is not None:
                await route.fulfill(response=ready)
                return
        # Playwright's own way to go on with a navigation elsewhere (its HAR replay uses it);
        # not public API: without it, a page load is answered like a fetch (its URL stays).
        impl = getattr(route, "_impl_obj", route)
        navigate = getattr(impl, "_redirect_navigation_request", None) if navigation else None
        url, method = request.url, request.method
        body: bytes | None = None  # None: the request's own body
        headers: dict[str, str] | None = None
        for _ in range(MAX_REDIRECTS + 1):
            moved = url != request.url and navigate is not None
            local = self._local(url)
            if local is None:  # a hop off the replicas: saved, allowed or blocked as usual
                saved = self._saved.get(_key(url))
                if saved is not None and moved:
                    await navigate(url)  # type: ignore[misc]
                    return
                if saved is not None:
                    await route.fulfill(status=saved.status, body=saved.body, content_type=saved.content_type)
                    return
                if not self.allows(url):
                    self.blocked.append(url)
                    await route.abort("blockedbyclient")
                    return
                local = url
            response = await route.fetch(
                url=local, method=method, headers=headers, post_data=body, max_redirects=0
            )
            location = response.headers.get("location")
            if response.status not in _REDIRECTS or not location:
                if moved:
                    self._prefetched[_key(url)] = response
                    await navigate(url)  # type: ignore[misc]
                else:
                    await route.fulfill(response=response)
                return
            await self._keep_cookies(route, response.headers_array, url)
            if response.status not in (307, 308) and method not in ("GET", "HEAD"):
                method, body = "GET", b""  # 301/302/303 after a post: a GET without the body
                headers = {
                    k: v
                    for k, v in request.headers.items()
                    if k.lower() not in ("content-type", "content-length")
                }
            url = urljoin(url, location)
        await route.abort("failed")  # a redirect loop, like the browser's ERR_TOO_MANY_REDIRECTS

    @staticmethod
    async def _keep_cookies(route: Route, headers: Sequence[Any], url: str) -> None:
        """Set the cookies of a 3xx the browser never sees (a sign-in that redirects), as
        the browser would have for ``url``."""
        parts = urlsplit(url)
        default_path = parts.path[: parts.path.rfind("/")] or "/"
        jar: list[Any] = []
        for h in headers:
            if h["name"].lower() != "set-cookie":
                continue
            parsed: SimpleCookie = SimpleCookie()
            try:
                parsed.load(h["value"])
            except CookieError:
                continue
            for name, morsel in parsed.items():
                cookie: dict[str, Any] = {
                    "name": name,
                    "value": morsel.value,
                    "domain": morsel["domain"] or parts.hostname or "",
                    "path": morsel["path"] or default_path,
                    "httpOnly": bool(morsel["httponly"]),
                    "secure": bool(morsel["secure"]),
                }
                if morsel["max-age"]:
                    with contextlib.suppress(ValueError):
                        cookie["expires"] = time.time() + int(morsel["max-age"])
                same_site = str(morsel["samesite"]).capitalize()
                if same_site in ("Strict", "Lax", "None"):
                    cookie["sameSite"] = same_site
                jar.append(cookie)
        if not jar:
            return
        try:
            context = route.request.frame.page.context
        except PlaywrightError:  # a worker's request: no page to set them for
            return
        await context.add_cookies(jar)

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

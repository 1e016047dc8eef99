"""Offline mode and serving saved pages at their real URL; finding Chromium."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from jobpilot.dom import SOURCES, bundle, source_paths
from jobpilot.runner import BrowserNotFoundError, OfflineRouter, PlaywrightPage, find_chromium

ASSETS = Path(__file__).parent / "assets"
SAVED_URL = "https://boards.greenhouse.io/acme/jobs/1"


@pytest.mark.browser
async def test_external_requests_are_blocked(browser: Any, dom_server: Any) -> None:
    router = OfflineRouter(allow_hosts=["127.0.0.1"])
    page: PlaywrightPage = await browser.new_page(router=router)
    try:
        await page.goto(dom_server.url("offline.html"))
        snap = await page.snapshot()
        assert [f.label for f in snap.fields] == ["Answer"]
        assert set(router.blocked) >= {
            "https://fonts.example.net/css?family=Lato",
            "https://cdn.example.com/lib.js",
            "https://images.example.org/logo.png",
        }
        assert not any("127.0.0.1" in u for u in router.blocked)
        loaded = await page.raw.evaluate(
            "() => document.images[0].complete && document.images[0].naturalWidth"
        )
        assert loaded == 0, "the external image never loaded"
    finally:
        await page.close()


@pytest.mark.browser
async def test_saved_page_served_at_its_real_url(browser: Any, dom_server: Any) -> None:
    router = OfflineRouter()  # no host allowed at all
    router.serve(SAVED_URL, ASSETS / "saved_greenhouse.html")
    page: PlaywrightPage = await browser.new_page(router=router)
    try:
        dom_server.clear()
        await page.goto(SAVED_URL)
        snap = await page.snapshot()
        assert snap.url == SAVED_URL and page.url == SAVED_URL
        assert snap.title == "Job Application for Toolmaker at Acme"
        assert [(f.id, f.label, f.required) for f in snap.fields] == [
            ("first_name", "First Name", True),
            ("email", "Email", True),
        ]
        assert "https://boards.cdn.example.com/assets/app.js" in router.blocked
        assert "app_body" in snap.element_ids
        assert dom_server.requests == [], "nothing went to any server"
    finally:
        await page.close()


@pytest.mark.browser
async def test_bundle_is_injected_when_no_init_script_ran(browser: Any, dom_server: Any) -> None:
    """A context made without ManagedBrowser.new_context (raw Playwright) still works."""
    ctx = await browser.browser.new_context()
    try:
        await OfflineRouter(allow_hosts=["127.0.0.1"]).install(ctx)  # the page's CDN script stays offline
        raw = await ctx.new_page()
        await raw.goto(dom_server.url("offline.html").replace("offline", "saved_greenhouse"))
        assert not await raw.evaluate("() => !!globalThis.__jobpilot")
        page = PlaywrightPage(raw)
        snap = await page.snapshot()
        assert [f.id for f in snap.fields] == ["first_name", "email"]
        # a second injection is harmless: every file guards itself
        await raw.evaluate(bundle())
        again = await page.snapshot()
        assert [f.ref for f in again.fields] == [f.ref for f in snap.fields]
    finally:
        await ctx.close()


def test_bundle_lists_every_script_in_order() -> None:
    on_disk = {p.name for p in source_paths()[0].parent.glob("*.js")}
    assert set(SOURCES) == on_disk
    assert SOURCES[0] == "util.js" and SOURCES[-1] == "index.js"
    text = bundle()
    positions = [text.index(f"jobpilot/dom/js/{name}") for name in SOURCES]
    assert positions == sorted(positions)
    assert "import " not in text.replace("important", "") and "require(" not in text


def test_find_chromium_errors_name_the_fix(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("JOBPILOT_CHROMIUM", str(tmp_path / "no-such-chrome"))
    with pytest.raises(BrowserNotFoundError, match="apt-get install chromium"):
        find_chromium()
    monkeypatch.delenv("JOBPILOT_CHROMIUM")
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr("jobpilot.runner.browser.CANDIDATES", ("definitely-not-chromium",))
    with pytest.raises(BrowserNotFoundError, match="apt-get install chromium"):
        find_chromium()
    fake = tmp_path / "my-chrome"
    fake.write_text("#!/bin/sh\n")
    fake.chmod(0o755)
    monkeypatch.setenv("JOBPILOT_CHROMIUM", str(fake))
    assert find_chromium() == str(fake)


@pytest.mark.browser
async def test_a_forwarded_request_cut_off_by_closing_its_page_is_dropped(browser: Any) -> None:
    """A page's own request (an upload it started) still in flight when the run closes the
    page: the forward has nobody left to answer. Playwright says "Request context disposed";
    the router drops it instead of raising inside the next test's event loop."""
    import asyncio
    import logging

    from aiohttp import web

    received = asyncio.Event()

    async def slow(request: web.Request) -> web.Response:
        await request.read()
        received.set()
        await asyncio.sleep(1.0)
        return web.json_response({"ok": True})

    app = web.Application()
    app.router.add_post("/upload", slow)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    loop = asyncio.get_running_loop()
    errors: list[str] = []
    old_handler = loop.get_exception_handler()
    loop.set_exception_handler(lambda _loop, ctx: errors.append(str(ctx.get("exception") or ctx)))

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            errors.append(record.getMessage())

    collect = Collect(level=logging.ERROR)
    logging.getLogger("playwright").addHandler(collect)
    try:
        router = OfflineRouter()
        router.forward("https://ats.example.com", f"http://127.0.0.1:{port}")
        router.serve(
            "https://ats.example.com/apply",
            body="<form><input name=q></form><script>fetch('/upload', {method: 'POST', body: 'x'})</script>",
            content_type="text/html",
        )
        page: PlaywrightPage = await browser.new_page(router=router)
        await page.goto("https://ats.example.com/apply")
        await asyncio.wait_for(received.wait(), 10)
        await page.close()
        await asyncio.sleep(1.5)  # the server answers into a closed context
    finally:
        loop.set_exception_handler(old_handler)
        logging.getLogger("playwright").removeHandler(collect)
        await runner.cleanup()
    assert errors == []


@pytest.fixture
async def redirecting_replica() -> Any:
    """A replica that answers with redirects the way real sites do: a moved page, a
    post-redirect-get after a form post that signs in (its cookie set on the 303), a 307 that
    keeps the post, a loop, and a redirect off to a host nobody allowed."""
    from aiohttp import web

    posts: list[str] = []

    async def form(request: web.Request) -> web.Response:
        return web.Response(
            text="<form method=post action=/apply><input name=email value=a@example.org>"
            "<button>Send</button></form>",
            content_type="text/html",
        )

    async def apply(request: web.Request) -> web.Response:
        posts.append((await request.post())["email"])  # type: ignore[arg-type]
        raise web.HTTPSeeOther(
            "https://ats.example.com/thanks?step=done", headers={"Set-Cookie": "sid=s3cr3t; Path=/; HttpOnly"}
        )

    async def thanks(request: web.Request) -> web.Response:
        sid = request.cookies.get("sid", "none")
        return web.Response(text=f"<h1>Thank you</h1><p id=sid>{sid}</p>", content_type="text/html")

    async def echo(request: web.Request) -> web.Response:
        return web.Response(text=f"{request.method} {await request.text()}")

    def redirect(status: type[web.HTTPRedirection], location: str) -> Any:
        async def handler(request: web.Request) -> web.Response:
            raise status(location)

        return handler

    async def moved(request: web.Request) -> web.Response:
        return web.Response(text="<h1>Moved here</h1>", content_type="text/html")

    app = web.Application()
    app.router.add_get("/old", redirect(web.HTTPFound, "/new"))
    app.router.add_get("/new", moved)
    app.router.add_get("/form", form)
    app.router.add_post("/apply", apply)
    app.router.add_get("/thanks", thanks)
    app.router.add_post("/api", redirect(web.HTTPTemporaryRedirect, "/api2"))
    app.router.add_post("/api2", echo)
    app.router.add_get("/loop", redirect(web.HTTPFound, "/loop"))
    app.router.add_get("/away", redirect(web.HTTPFound, "https://elsewhere.example.net/x"))
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        yield f"http://127.0.0.1:{port}", posts
    finally:
        await runner.cleanup()


@pytest.mark.browser
async def test_a_forwarded_replica_can_redirect(browser: Any, redirecting_replica: Any) -> None:
    """Playwright routes only the first request of a redirect chain; the router carries the
    chain on so a replica redirects like the real site (the page ends at the target URL,
    the post is sent once, the 303's cookie is kept) and a redirect never leaves the
    allow-list."""
    origin, posts = redirecting_replica
    router = OfflineRouter()
    router.forward("https://ats.example.com", origin)
    page: PlaywrightPage = await browser.new_page(router=router)
    try:
        await page.goto("https://ats.example.com/old")
        assert page.url == "https://ats.example.com/new"
        assert "Moved here" in await page.text()

        await page.goto("https://ats.example.com/form")
        snap = await page.snapshot()
        await page.click(next(b.ref for b in snap.buttons if b.text == "Send"))
        await page.raw.wait_for_url("https://ats.example.com/thanks?step=done")
        await page.raw.wait_for_selector("#sid")
        assert posts == ["a@example.org"], "one post, not repeated by the redirect"
        assert await page.raw.inner_text("#sid") == "s3cr3t", "the 303's cookie reached the next page"

        kept = await page.raw.evaluate(
            "() => fetch('/api', {method: 'POST', body: 'keep me'}).then(r => r.text())"
        )
        assert kept == "POST keep me", "a 307 keeps the method and the body"
        looped = await page.raw.evaluate("() => fetch('/loop').then(() => 'answered', () => 'failed')")
        assert looped == "failed"

        with pytest.raises(Exception):  # noqa: B017 - Playwright's error for an aborted navigation
            await page.raw.goto("https://ats.example.com/away")
        assert "https://elsewhere.example.net/x" in router.blocked
    finally:
        await page.close()


@pytest.mark.browser
async def test_a_forwarded_replica_receives_uploaded_bytes(browser: Any, tmp_path: Path) -> None:
    """A file the page layer put in a file box reaches a forwarded replica whole, as a
    multipart form post and as a fetch of FormData (the bytes, not only the part headers)."""
    import hashlib
    import os

    from aiohttp import web
    from jobpilot.models.plan import Action, FileSpec

    data = os.urandom(300_000)
    cv = tmp_path / "cv.pdf"
    cv.write_bytes(b"%PDF-1.4\n" + data)
    want = hashlib.sha256(cv.read_bytes()).hexdigest()
    got: list[tuple[str, str, int, str]] = []

    async def form(request: web.Request) -> web.Response:
        return web.Response(
            text="<form method=post action=/apply enctype=multipart/form-data>"
            "<label for=cv>Resume</label><input type=file id=cv name=cv>"
            "<button>Send</button></form>",
            content_type="text/html",
        )

    async def receive(request: web.Request) -> web.Response:
        reader = await request.multipart()
        async for part in reader:
            if part.name == "cv":  # type: ignore[union-attr]
                body = await part.read()  # type: ignore[union-attr]
                name = part.filename or ""  # type: ignore[union-attr]
                got.append((request.path, name, len(body), hashlib.sha256(body).hexdigest()))
        return web.Response(text="<h1>Received</h1>", content_type="text/html")

    app = web.Application(client_max_size=5_000_000)
    app.router.add_get("/form", form)
    app.router.add_post("/apply", receive)
    app.router.add_post("/api/files", receive)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    router = OfflineRouter()
    router.forward("https://ats.example.com", f"http://127.0.0.1:{port}")
    page: PlaywrightPage = await browser.new_page(router=router)
    try:
        await page.goto("https://ats.example.com/form")
        snap = await page.snapshot()
        box = next(f for f in snap.fields if f.label == "Resume")
        spec = FileSpec(path=str(cv), name="cv.pdf", mime="application/pdf")
        (res,) = await page.apply([Action(kind="upload", ref=box.ref, file=spec)])
        assert res.ok, res
        await page.raw.evaluate(
            "() => fetch('/api/files', {method: 'POST', body: new FormData(document.forms[0])})"
        )
        await page.click(next(b.ref for b in snap.buttons if b.text == "Send"))
        await page.raw.wait_for_selector("text=Received")
    finally:
        await page.close()
        await runner.cleanup()
    size = cv.stat().st_size
    assert got == [("/api/files", "cv.pdf", size, want), ("/apply", "cv.pdf", size, want)]

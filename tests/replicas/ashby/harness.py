"""Serving the Ashby replica as if it were jobs.ashbyhq.com, and capturing it for the corpus.

The live replica (``app/``) is a client-rendered React app like Ashby's own page. Tests serve
it through an :class:`~jobpilot.runner.OfflineRouter`: the page URLs are answered with the
app shell, and everything else on ``https://jobs.ashbyhq.com`` (React, the form definition,
suggestion data, the submit endpoint) is forwarded to a recording ``FixtureServer`` rooted at
``tests/``. So URL-based detection, same-origin rules and the multipart POST all behave as on
the real site, and the server records exactly what was submitted.

The eval corpus needs pages that render without a network, as the real captures do; run

    uv run python tests/replicas/ashby/harness.py

to re-capture the rendered DOM into ``tests/replicas/ashby/*.html`` (the hand-written
``*.labels.json`` beside them name the controls). ``tests/ats/test_ashby.py`` fails when a
capture no longer matches what the app renders.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import Any

from jobpilot.runner import OfflineRouter

HERE = Path(__file__).parent
APP = HERE / "app"
TESTS = HERE.parent.parent

ORIGIN = "https://jobs.ashbyhq.com"
ORG = "brightwater-robotics"
JOB_ID = "3f6c2a9e-8d41-4b7a-9e35-2c1d7f0a4b68"
APP_URL = f"{ORIGIN}/{ORG}/{JOB_ID}/application"
SUBMIT_PATH = "/api/non-user-graphql"
CAREERS_URL = f"https://careers.brightwater-robotics.example/open-roles?ashby_jid={JOB_ID}"
EMBED_SCRIPT_URL = f"{ORIGIN}/{ORG}/embed?version=2"
EMBED_FRAME_URL = f"{APP_URL}?embed=js"

CAPTURES: dict[str, str] = {
    "application-brightwater-robotics.html": APP_URL,
    "embed-careers-brightwater-robotics.html": CAREERS_URL,
}
"""Corpus file -> the URL it is captured from (and labelled with)."""


def make_router(server_origin: str) -> OfflineRouter:
    """A router that serves the replica at Ashby's URLs and forwards the rest of the Ashby
    origin to the fixture server at ``server_origin``; nothing else reaches the network."""
    router = OfflineRouter()
    shell = APP / "application.html"
    router.serve(APP_URL, shell, content_type="text/html; charset=utf-8")
    router.serve(EMBED_FRAME_URL, shell, content_type="text/html; charset=utf-8")
    router.serve(CAREERS_URL, APP / "careers-embed.html", content_type="text/html; charset=utf-8")
    router.serve(EMBED_SCRIPT_URL, APP / "embed.js", content_type="text/javascript")
    router.forward(ORIGIN, server_origin)
    return router


async def wait_rendered(raw_page: Any) -> None:
    """Wait until the React form is on the page (top document or the embed iframe)."""
    if raw_page.url.startswith(ORIGIN):
        await raw_page.wait_for_selector(".ashby-application-form-submit-button", timeout=10_000)
        return
    await raw_page.wait_for_selector("#ashby_embed_iframe", state="attached", timeout=10_000)
    frame = raw_page.frame_locator("#ashby_embed_iframe")
    await frame.locator(".ashby-application-form-submit-button").wait_for(timeout=10_000)


async def capture(browser: Any, server_origin: str) -> dict[str, str]:
    """The rendered DOM of every corpus page, as the captured files should hold it."""
    out: dict[str, str] = {}
    for name, url in CAPTURES.items():
        page = await browser.new_page(router=make_router(server_origin))
        try:
            await page.raw.goto(url)
            await wait_rendered(page.raw)
            html = await page.raw.evaluate("() => document.documentElement.outerHTML")
        finally:
            await page.close()
        out[name] = "<!DOCTYPE html>\n" + html + "\n"
    return out


async def _main() -> None:
    sys.path.insert(0, str(TESTS))
    from jobpilot.runner import launch_browser
    from server import FixtureServer  # tests/server.py

    server = FixtureServer(TESTS).start()
    try:
        async with await launch_browser() as browser:
            for name, html in (await capture(browser, server.origin)).items():
                (HERE / name).write_text(html, "utf-8")
                print(f"wrote {HERE / name}")
    finally:
        server.stop()


if __name__ == "__main__":
    asyncio.run(_main())

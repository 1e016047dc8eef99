"""A snapshot of a document still being parsed waits for the parser: a form post's answer
read half-way (its heading without the controls below it) would be planned as a whole step.

The server sends the first half of a page, holds the rest until the test releases it, and
the snapshot is asked for in between: it must come back with every control of the page,
for the top document and for a same-origin frame's document alike.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from jobpilot.runner import PlaywrightPage

pytestmark = pytest.mark.browser

HEAD = b"""<!doctype html><html><head><title>Step 2</title></head><body>
<h1>Job Application - Personal Information</h1>
<form method="post"><label for="first">First name</label><input id="first" name="first">
"""
TAIL = b"""<label for="last">Last name</label><input id="last" name="last">
<label for="city">City</label><input id="city" name="city">
<button type="submit">Save and Continue</button></form></body></html>
"""
FRAMED = b"""<!doctype html><html><body><h1>Employer</h1>
<iframe id="portal" src="/slow"></iframe></body></html>"""


class _Server:
    """Serves ``/slow`` in two parts, the second once ``release`` is set; ``/framed`` holds it
    in a same-origin frame."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.first_sent = threading.Event()
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.end_headers()
                if self.path.startswith("/framed"):
                    self.wfile.write(FRAMED)
                    return
                self.wfile.write(HEAD + b" " * 4096)  # past the parser's first-chunk buffer
                self.wfile.flush()
                owner.first_sent.set()
                owner.release.wait(10)
                self.wfile.write(TAIL)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}{path}"

    def close(self) -> None:
        self.release.set()
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def slow_server() -> Iterator[_Server]:
    server = _Server()
    try:
        yield server
    finally:
        server.close()


async def _release_after_snapshot_started(server: _Server, page: PlaywrightPage) -> Any:
    """Ask for the snapshot while the page is half-sent, then send the rest."""
    await asyncio.to_thread(server.first_sent.wait, 10)
    loading = await page.raw.evaluate(
        "() => [document, ...[...document.querySelectorAll('iframe')].map(f => f.contentDocument)]"
        ".some(d => d && d.readyState === 'loading')"
    )
    assert loading, "the page is still being parsed when the snapshot is asked for"
    task = asyncio.ensure_future(page.snapshot())
    await asyncio.sleep(0.3)
    assert not task.done(), "the snapshot waits for the rest of the document"
    server.release.set()
    return await asyncio.wait_for(task, 10)


async def test_snapshot_waits_for_the_document_to_be_parsed(
    page: PlaywrightPage, slow_server: _Server
) -> None:
    await page.raw.goto(slow_server.url("/slow"), wait_until="commit")
    snap = await _release_after_snapshot_started(slow_server, page)
    assert [f.id for f in snap.fields] == ["first", "last", "city"]
    assert [b.text for b in snap.buttons] == ["Save and Continue"]


async def test_snapshot_waits_for_a_same_origin_frame_being_parsed(
    page: PlaywrightPage, slow_server: _Server
) -> None:
    await page.raw.goto(slow_server.url("/framed"), wait_until="commit")
    await page.raw.wait_for_selector("#portal", state="attached")
    snap = await _release_after_snapshot_started(slow_server, page)
    assert [f.id for f in snap.fields] == ["first", "last", "city"]
    assert all(f.frame == "0" for f in snap.fields)


async def test_snapshot_of_a_parsed_page_does_not_wait(page: PlaywrightPage, slow_server: _Server) -> None:
    slow_server.release.set()
    await page.goto(slow_server.url("/slow"))
    snap = await asyncio.wait_for(page.snapshot(), 5)
    assert [f.id for f in snap.fields] == ["first", "last", "city"]

"""Hidden file inputs as real sites build them: display:none behind a styled button,
zero-size, opacity 0 inside a label, inside a click-to-open drop zone, triggered by a link
elsewhere in the section, and created only when a button is clicked. The snapshot sees each
as an uploadable field, and an upload reaches the page through both DOM-layer paths
(Playwright's set_input_files and the DataTransfer path the extension uses)."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

import pytest
from jobpilot.models.plan import Action, FileSpec
from jobpilot.models.snapshot import FormSnapshot
from jobpilot.runner import PlaywrightPage

pytestmark = pytest.mark.browser

INPUTS = ("resume", "cover", "portfolio", "cert", "transcript")


async def load(page: PlaywrightPage, dom_server: Any) -> FormSnapshot:
    await page.goto(dom_server.url("uploads-hidden.html"))
    return await page.snapshot()


async def test_every_hidden_input_is_an_uploadable_field(page: PlaywrightPage, dom_server: Any) -> None:
    snap = await load(page, dom_server)
    files = {f.id or f.attrs.get("id", ""): f for f in snap.fields if f.type == "file"}
    for key in INPUTS:
        assert files[key].visible, key
    assert not files["old"].visible, "a file input in a hidden section is not there for a person"
    picker = next(f for f in snap.fields if f.type == "file" and f.tag == "button")
    assert picker.id == "sample-btn" and picker.visible and picker.label == "Writing sample"


async def test_upload_with_playwright(page: PlaywrightPage, dom_server: Any, tmp_path: Path) -> None:
    snap = await load(page, dom_server)
    doc = tmp_path / "doc.pdf"
    doc.write_bytes(b"%PDF-1.4 hidden\n")
    targets = [f for f in snap.fields if f.type == "file" and f.visible]
    results = await page.apply(
        [Action(kind="upload", ref=f.ref, file=FileSpec(path=str(doc))) for f in targets]
    )
    assert all(r.ok for r in results), results
    got = await page.raw.evaluate("() => window.got")
    assert {k: got.get(k) for k in (*INPUTS, "sample")} == {k: ["doc.pdf:16"] for k in (*INPUTS, "sample")}
    assert await page.raw.text_content("#sample-name") == "doc.pdf"


async def test_upload_through_the_datatransfer_path(page: PlaywrightPage, dom_server: Any) -> None:
    """The extension's path: the file travels as base64 and the DOM layer sets it."""
    snap = await load(page, dom_server)
    data = base64.b64encode(b"hello").decode()
    files = [{"name": "a.txt", "mime": "text/plain", "data": data}]
    targets = [f for f in snap.fields if f.type == "file" and f.visible]
    results = await page.raw.evaluate(
        "(acts) => globalThis.__jobpilot.apply(acts)",
        [
            {"kind": "upload", "ref": f.ref, "payload": {"files": files}} for f in targets
        ],
    )
    assert [r["ok"] for r in results] == [True] * len(targets), results
    got = await page.raw.evaluate("() => window.got")
    assert {k: got.get(k) for k in (*INPUTS, "sample")} == {k: ["a.txt:5"] for k in (*INPUTS, "sample")}


async def test_a_picker_button_that_opens_nothing_is_an_error(page: PlaywrightPage, dom_server: Any) -> None:
    await page.raw.set_content("<div><span>Resume</span><button type=button>Upload resume</button></div>")
    snap = await page.snapshot()
    (btn,) = [f for f in snap.fields if f.type == "file"]
    data = base64.b64encode(b"x").decode()
    (res,) = await page.raw.evaluate(
        "(a) => globalThis.__jobpilot.apply([a])",
        {"kind": "upload", "ref": btn.ref, "payload": {"files": [{"name": "r.pdf", "data": data}]}},
    )
    assert not res["ok"] and "opened no file input" in res["error"]

"""File uploads the server really receives: a hidden file input and a drop zone."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from jobpilot.models.plan import Action, FileSpec
from jobpilot.models.snapshot import FormSnapshot
from jobpilot.runner import PlaywrightPage

pytestmark = pytest.mark.browser

PDF_BYTES = b"%PDF-1.4\n% fixture resume\n" + bytes(range(256)) + b"\n%%EOF\n"


@pytest.fixture
def resume(tmp_path: Path) -> Path:
    path = tmp_path / "ada-resume.pdf"
    path.write_bytes(PDF_BYTES)
    return path


async def open_upload(page: PlaywrightPage, dom_server: Any) -> FormSnapshot:
    await page.goto(dom_server.url("upload.html"))
    return await page.snapshot()


async def test_file_input_upload_reaches_server(page: PlaywrightPage, dom_server: Any, resume: Path) -> None:
    snap = await open_upload(page, dom_server)
    cv = next(f for f in snap.fields if f.id == "resume")
    assert (cv.type, cv.label, cv.visible) == ("file", "Resume", True)
    (res,) = await page.apply([Action(kind="upload", ref=cv.ref, file=FileSpec(path=str(resume)))])
    assert res.ok and res.value == ["ada-resume.pdf"], res
    await page.click(next(b.ref for b in snap.buttons if b.text == "Send"))
    req = await dom_server.next_post("/upload")
    assert req.form == {"applicant": ["Ada"]}
    (uploaded,) = req.files["resume"]
    assert uploaded.filename == "ada-resume.pdf"
    assert uploaded.content_type == "application/pdf"
    assert uploaded.data == PDF_BYTES


async def test_drop_zone_upload_reaches_server(page: PlaywrightPage, dom_server: Any, resume: Path) -> None:
    snap = await open_upload(page, dom_server)
    zone = next(f for f in snap.fields if f.id == "cl-zone")
    assert zone.type == "file" and zone.tag == "div"
    spec = FileSpec(path=str(resume), name="cover.txt", mime="text/plain")
    (res,) = await page.apply([Action(kind="upload", ref=zone.ref, file=spec)])
    assert res.ok and res.value == ["cover.txt"], res
    assert await page.raw.text_content("#cl-zone") == "Got cover.txt"
    await page.click(next(b.ref for b in snap.buttons if b.text == "Send dropped file"))
    req = await dom_server.next_post("/drop-upload")
    (uploaded,) = req.files["cover"]
    assert (uploaded.filename, uploaded.content_type, uploaded.data) == ("cover.txt", "text/plain", PDF_BYTES)


async def test_js_datatransfer_path_on_a_file_input(page: PlaywrightPage, dom_server: Any) -> None:
    """The extension has no set_input_files: the DOM layer's DataTransfer path must work."""
    snap = await open_upload(page, dom_server)
    cv = next(f for f in snap.fields if f.id == "resume")
    result = await page.raw.evaluate(
        """(ref) => globalThis.__jobpilot.apply([{kind: 'upload', ref,
               payload: {files: [{name: 'a.txt', mime: 'text/plain', data: btoa('hello')}]}}])""",
        cv.ref,
    )
    assert result[0]["ok"] and result[0]["value"] == ["a.txt"]
    await page.click(next(b.ref for b in snap.buttons if b.text == "Send"))
    req = await dom_server.next_post("/upload")
    assert req.files["resume"][0].data == b"hello"


async def test_missing_file_is_an_error_result(page: PlaywrightPage, dom_server: Any, tmp_path: Path) -> None:
    snap = await open_upload(page, dom_server)
    cv = next(f for f in snap.fields if f.id == "resume")
    (res,) = await page.apply(
        [Action(kind="upload", ref=cv.ref, file=FileSpec(path=str(tmp_path / "nope.pdf")))]
    )
    assert not res.ok and "cannot read" in (res.error or "")

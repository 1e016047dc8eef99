"""The Page contract: both transports answer the same input the same way.

Each test runs against ``PlaywrightPage`` and against ``ExtensionPage`` (the real extension
in Chromium and the real native host process it started; see conftest.py): unknown refs, a
cross-origin frame, a frame that goes away, uploads, a select on a combobox whose options
load lazily, a page that navigates while actions run, and a link followed by a click.
Same results, same error classes (``jobpilot.errors``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from jobpilot.errors import FrameGoneError, PageLoadError, RefNotFoundError
from jobpilot.models.plan import Action, FileSpec
from jobpilot.models.snapshot import Field, FormSnapshot
from jobpilot.pagebase import FRAME_GONE, NAVIGATED

from .conftest import Opener, Sites

pytestmark = pytest.mark.browser


def field(snap: FormSnapshot, label: str) -> Field:
    found = [f for f in snap.fields if f.label == label]
    assert len(found) == 1, [(f.label, f.ref) for f in snap.fields]
    return found[0]


def fill(f: Field, value: str) -> Action:
    return Action(kind="fill", ref=f.ref, frame=f.frame, value=value, source="test")


async def frame_text(raw: Any, selector: str) -> str:
    """Text of an element inside the cross-origin frame, read by the browser itself."""
    frame = next(fr for fr in raw.frames if fr.url.endswith("/frame.html"))
    return str(await frame.locator(selector).text_content())


async def test_unknown_refs_are_refnotfound_everywhere(transport: Opener, sites: Sites) -> None:
    opened = await transport(sites.contract())
    page = opened.page
    await page.snapshot()
    for bad in ("e99999", "x424242:e1", "not a ref!", ""):
        with pytest.raises(RefNotFoundError, match="snapshot"):
            await page.click(bad)
    with pytest.raises(RefNotFoundError, match="group"):
        await page.click("g1")
    results = await page.apply(
        [
            Action(kind="fill", ref="e99999", value="x"),
            Action(kind="fill", ref="not a ref!", value="x"),
            Action(kind="check", ref=None, value="true"),
        ]
    )
    assert [r.ok for r in results] == [False, False, False]
    assert results[0].error == "unknown or removed ref e99999 (take a new snapshot: the page changed)"
    assert results[1].error == "'not a ref!' is not a ref from a snapshot; take a new snapshot"
    assert results[2].error == "None is not a ref from a snapshot; take a new snapshot"
    assert [r.ref for r in results] == ["e99999", "not a ref!", None]


async def test_cross_origin_frame_is_one_snapshot_and_takes_actions(transport: Opener, sites: Sites) -> None:
    opened = await transport(sites.contract())
    page = opened.page
    await page.wait_for(selector="#partner", timeout_ms=10_000)
    snap = await _with_frame(page)
    depot = field(snap, "Home depot")
    assert depot.ref.startswith("x") and ":" in depot.ref and depot.frame.startswith("x")
    frame = next(f for f in snap.frames if f.path == depot.frame)
    assert frame.same_origin is False and frame.url.startswith(sites.other.origin)
    (res,) = await page.apply([fill(depot, "Bay 7")])
    assert res.ok and res.ref == depot.ref, res
    button = next(b for b in (await page.snapshot()).buttons if b.text == "Check depot")
    assert button.ref.split(":")[0] == depot.ref.split(":")[0]
    await page.click(button.ref)
    assert await page.wait_for(stable_ms=100, timeout_ms=5_000)
    assert field(await page.snapshot(), "Home depot").value == "Bay 7"
    assert await frame_text(opened.raw, "#pinged") == "checked Bay 7"


async def test_a_frame_that_went_away(transport: Opener, sites: Sites) -> None:
    opened = await transport(sites.contract())
    page = opened.page
    snap = await _with_frame(page)
    depot = field(snap, "Home depot")
    button = next(b for b in snap.buttons if b.text == "Check depot")
    await opened.raw.evaluate("() => document.getElementById('partner').remove()")
    with pytest.raises(FrameGoneError):
        await page.click(button.ref)
    (res,) = await page.apply([fill(depot, "Bay 9")])
    assert not res.ok and res.error == FRAME_GONE and res.ref == depot.ref
    after = await page.snapshot()
    assert not any(f.ref.startswith("x") for f in after.fields)
    assert field(after, "Full name").ref  # the top document still answers


async def test_uploads_top_and_cross_origin(transport: Opener, sites: Sites, upload_file: Path) -> None:
    opened = await transport(sites.contract())
    page = opened.page
    snap = await _with_frame(page)
    resume, licence = field(snap, "Resume"), field(snap, "Licence scan")
    spec = FileSpec(path=str(upload_file), name="licence-scan.pdf", mime="application/pdf")
    missing = FileSpec(path=str(upload_file.with_name("nowhere.pdf")))
    results = await page.apply(
        [
            Action(kind="upload", ref=resume.ref, frame=resume.frame, file=spec),
            Action(kind="upload", ref=licence.ref, frame=licence.frame, file=spec),
            Action(kind="upload", ref=resume.ref, frame=resume.frame, file=missing),
        ]
    )
    assert [r.ok for r in results] == [True, True, False], results
    assert results[2].error is not None and results[2].error.startswith("cannot read ")
    assert "nowhere.pdf" in results[2].error
    size = upload_file.stat().st_size
    assert await frame_text(opened.raw, "#pinged") == f"licence licence-scan.pdf:{size}"
    names = await opened.raw.evaluate(
        "() => Array.from(document.getElementById('resume').files).map((f) => [f.name, f.size, f.type])"
    )
    assert names == [["licence-scan.pdf", size, "application/pdf"]]


async def test_select_on_a_lazy_combobox(transport: Opener, sites: Sites) -> None:
    opened = await transport(sites.contract())
    page = opened.page
    assert await page.wait_for(selector="#team", timeout_ms=10_000)
    team = field(await page.snapshot(), "Team")
    assert team.type == "combobox" and not [o for o in team.options if o.text]  # closed: no options
    listed, chosen = await page.apply(
        [
            Action(kind="select", ref=team.ref, value=[], source="test"),  # read the options
            Action(kind="select", ref=team.ref, value="Cross-dock operations", source="test"),
        ]
    )
    assert listed.ok and listed.value == ["Linehaul planning", "Cross-dock operations", "Customer desk"]
    assert chosen.ok, chosen
    assert "Cross-dock operations" in field(await page.snapshot(), "Team").value
    hidden = await opened.raw.evaluate("() => document.querySelector('input[name=team]').value")
    assert hidden == "Cross-dock operations"
    (nothing,) = await page.apply([Action(kind="select", ref=team.ref, value="Night shift", source="test")])
    assert not nothing.ok  # never a guess


async def test_navigation_during_an_action(transport: Opener, sites: Sites) -> None:
    opened = await transport(sites.contract())
    page = opened.page
    snap = await page.snapshot()
    leave, name = field(snap, "Where to next"), field(snap, "Full name")
    results = await page.apply([fill(name, "Ilse Marrow"), fill(leave, "go"), fill(name, "after")])
    assert [r.ref for r in results] == [name.ref, leave.ref, name.ref]
    allowed = {None, NAVIGATED, "no result from the page"}
    assert all(r.ok or r.error in allowed for r in results), results
    assert await page.wait_for(url_contains="next.html", timeout_ms=15_000)
    assert await page.wait_for(stable_ms=100, timeout_ms=15_000)
    after = await page.snapshot()
    assert after.url.split("#")[0].endswith("/next.html")
    assert field(after, "Anything else?").ref
    # The old page's refs mean nothing now: a result (or the error), never a hang.
    (stale,) = await page.apply([fill(leave, "x")])
    assert not stale.ok


async def test_a_link_is_in_the_snapshot_and_a_click_follows_it(transport: Opener, sites: Sites) -> None:
    """Sites open an application with a plain link: the snapshot lists it (not as a button)
    and clicking its ref follows it, on both transports."""
    opened = await transport(sites.contract())
    page = opened.page
    snap = await page.snapshot()
    (link,) = [x for x in snap.links if x.text == "Continue to the next page"]
    assert link.href == sites.main.url("next.html?via=link") and link.visible
    assert not any(b.text == link.text for b in snap.buttons)
    await page.click(link.ref)
    assert await page.wait_for(url_contains="via=link", timeout_ms=15_000)
    assert await page.wait_for(stable_ms=100, timeout_ms=15_000)
    assert field(await page.snapshot(), "Anything else?").ref


async def _with_frame(page: Any) -> FormSnapshot:
    """A snapshot once the cross-origin frame's form is in it (the frame loads after the
    page)."""
    for _ in range(100):
        snap: FormSnapshot = await page.snapshot()
        if any(f.label == "Home depot" for f in snap.fields):
            return snap
        await page.wait_for(stable_ms=100, timeout_ms=1_000)
    raise AssertionError("the cross-origin frame never showed its form")


async def test_goto_raises_pageloaderror(transport: Opener, sites: Sites) -> None:
    """An unreachable page and an HTTP error are one error, PageLoadError, naming the URL.
    (The extension does not navigate the person's tab: it says so with the same error.)"""
    opened = await transport(sites.contract())
    page = opened.page
    for url in (sites.main.url("no-such-page.html"), "http://127.0.0.1:9/apply"):
        with pytest.raises(PageLoadError) as err:
            await page.goto(url, timeout_ms=15_000)
        assert url in str(err.value) and err.value.hint


async def test_text_reads_displayed_frames(transport: Opener, sites: Sites) -> None:
    """A confirmation inside the frame an ATS embeds its application in (iCIMS) is part of
    ``page.text()``, so the engine's confirmation reading sees it; a frame that is not
    displayed (a tracker) adds nothing."""
    from jobpilot.engine.confirm import read_confirmation

    opened = await transport(sites.main.url(f"confirm.html?other={sites.other.origin}"))
    page = opened.page
    assert await read_confirmation(page, timeout_ms=20_000) is not None
    text = await page.text()
    assert "Careers at Quillfeather" in text and "Reference QF-2231." in text
    assert text.index("Careers at Quillfeather") < text.index("Thank you for applying")
    assert "tracker 77" not in text

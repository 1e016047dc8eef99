"""Open shadow roots, same-origin iframes (walked by the JS) and a cross-origin iframe
(snapshotted separately by the runner, refs prefixed ``x<N>:``)."""

from __future__ import annotations

from typing import Any

import pytest
from jobpilot.models.plan import Action
from jobpilot.models.snapshot import FormSnapshot
from jobpilot.runner import PlaywrightPage

pytestmark = pytest.mark.browser


def field(snap: FormSnapshot, id_: str) -> Any:
    return next(f for f in snap.fields if f.id == id_)


async def open_frames(page: PlaywrightPage, dom_server: Any, dom_server_alt: Any) -> FormSnapshot:
    await page.goto(dom_server.url(f"frames.html?xorigin={dom_server_alt.origin}"))
    await page.raw.frame_locator("#cross").locator("#x-city").wait_for()
    await page.raw.frame_locator("#same").frame_locator("#leaf").locator("#leaf-q").wait_for()
    return await page.snapshot()


async def test_shadow_dom_snapshot_and_fill(
    page: PlaywrightPage, dom_server: Any, dom_server_alt: Any
) -> None:
    snap = await open_frames(page, dom_server, dom_server_alt)
    name = field(snap, "sh-name")
    nick = field(snap, "nick")  # inside a shadow root inside a shadow root
    assert (name.label, name.in_shadow, name.required, name.frame) == ("Name in shadow", True, True, "")
    assert (nick.label, nick.in_shadow) == ("Nickname", True)
    assert name.section == "Contact"
    results = await page.apply(
        [Action(kind="fill", ref=name.ref, value="Grace"), Action(kind="fill", ref=nick.ref, value="Amazing")]
    )
    assert all(r.ok for r in results), results
    got = await page.raw.evaluate(
        """() => {
            const card = document.querySelector('job-card').shadowRoot;
            return [card.getElementById('sh-name').value,
                    card.querySelector('inner-field').shadowRoot.getElementById('nick').value];
        }"""
    )
    assert got == ["Grace", "Amazing"]


async def test_same_origin_iframes(page: PlaywrightPage, dom_server: Any, dom_server_alt: Any) -> None:
    snap = await open_frames(page, dom_server, dom_server_alt)
    inner = field(snap, "inner-email")
    leaf = field(snap, "leaf-q")
    assert (inner.frame, inner.label, inner.section) == ("0", "Inner email", "Inner application")
    assert (leaf.frame, leaf.label) == ("0.0", "Leaf question")
    frames = {f.path: f for f in snap.frames}
    assert frames["0"].same_origin and frames["0"].url == dom_server.url("frame-inner.html")
    assert frames["0.0"].same_origin and frames["0"].id == "same"
    assert not frames["1"].same_origin  # listed by the JS, entered by the runner
    (res,) = await page.apply([Action(kind="fill", ref=inner.ref, frame="0", value="inner@example.org")])
    assert res.ok and res.value == "inner@example.org"
    assert await page.raw.frame_locator("#same").locator("#inner-email").input_value() == "inner@example.org"
    send = next(b for b in snap.buttons if b.text == "Send inner")
    assert send.frame == "0"
    await page.click(send.ref)
    req = await dom_server.next_post("/inner-submit")
    assert req.form == {"email": ["inner@example.org"]}


async def test_cross_origin_iframe(page: PlaywrightPage, dom_server: Any, dom_server_alt: Any) -> None:
    dom_server_alt.clear()
    snap = await open_frames(page, dom_server, dom_server_alt)
    city = field(snap, "x-city")
    assert city.ref.startswith("x0:") and city.frame == "x0"
    assert city.label == "Cross-origin city"
    remote = next(f for f in snap.fields if f.name == "remote")
    assert remote.ref.startswith("x0:g") and all(m.ref.startswith("x0:") for m in remote.members)
    assert remote.label == "Remote only?"
    xinfo = next(f for f in snap.frames if f.path == "x0")
    assert not xinfo.same_origin and xinfo.url == dom_server_alt.url("frame-cross.html")
    results = await page.apply(
        [
            Action(kind="fill", ref=city.ref, frame=city.frame, value="Springfield"),
            Action(kind="select", ref=remote.ref, frame=remote.frame, value="No"),
        ]
    )
    assert all(r.ok for r in results), results
    assert results[0].ref == city.ref and results[1].value == "no"
    again = await page.snapshot()
    assert field(again, "x-city").ref == city.ref, "x<N> numbering is stable across snapshots"
    await page.click(next(b.ref for b in snap.buttons if b.text == "Send embedded"))
    req = await dom_server_alt.next_post("/cross-submit")
    assert req.form == {"city": ["Springfield"], "remote": ["no"]}

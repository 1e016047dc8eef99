"""Filling React-controlled inputs (real React 18 UMD build, vendored under assets/vendor).

The page submits React *state* as JSON, like a single-page application: what the server
receives proves whether React registered a value, whatever the DOM displayed.
"""

from __future__ import annotations

from typing import Any

import pytest
from jobpilot.models.plan import Action
from jobpilot.models.snapshot import FormSnapshot
from jobpilot.runner import PlaywrightPage

pytestmark = pytest.mark.browser


def ref_of(snap: FormSnapshot, id_: str) -> str:
    return next(f.ref for f in snap.fields if f.id == id_)


def submit_ref(snap: FormSnapshot) -> str:
    return next(b.ref for b in snap.buttons if b.text == "Send")


async def open_form(page: PlaywrightPage, dom_server: Any) -> FormSnapshot:
    await page.goto(dom_server.url("react.html"))
    await page.raw.wait_for_selector("#name")
    return await page.snapshot()


async def test_naive_assignment_is_lost(page: PlaywrightPage, dom_server: Any) -> None:
    snap = await open_form(page, dom_server)
    shown = await page.raw.evaluate(
        """() => {
            const el = document.getElementById('name');
            el.value = 'Naive Name';
            el.dispatchEvent(new Event('input', {bubbles: true}));
            return el.value;
        }"""
    )
    assert shown == "Naive Name"  # the DOM shows it ...
    await page.click(submit_ref(snap))
    req = await dom_server.next_post("/react-submit")
    assert req.json["name"] == "", "... but React never saw it, so the server gets nothing"


async def test_injector_commits_values_react_sees(page: PlaywrightPage, dom_server: Any) -> None:
    snap = await open_form(page, dom_server)
    shift = next(f for f in snap.fields if f.name == "shift")
    assert shift.type == "radio" and [m.value for m in shift.members] == ["early", "late"]
    results = await page.apply(
        [
            Action(kind="fill", ref=ref_of(snap, "name"), value="Ada Lovelace"),
            Action(kind="fill", ref=ref_of(snap, "remail"), value="ada@example.org"),
            Action(kind="fill", ref=ref_of(snap, "bio"), value="Analytical engines.\nAnd poetry."),
            Action(kind="select", ref=ref_of(snap, "plan"), value="Professional"),
            Action(kind="select", ref=shift.ref, value="Late"),
            Action(kind="check", ref=ref_of(snap, "terms"), value="true"),
        ]
    )
    assert [r.ok for r in results] == [True] * 6, results
    assert results[0].value == "Ada Lovelace" and results[3].value == "pro"
    await page.click(submit_ref(snap))
    req = await dom_server.next_post("/react-submit")
    assert req.json == {
        "name": "Ada Lovelace",
        "email": "ada@example.org",
        "bio": "Analytical engines.\nAnd poetry.",
        "plan": "pro",
        "digits": "",
        "shift": "late",
        "terms": True,
    }
    # Unticking goes through React too.
    (res,) = await page.apply([Action(kind="check", ref=ref_of(snap, "terms"), value="false")])
    assert res.ok, res
    dom_server.clear()
    await page.click(submit_ref(snap))
    req = await dom_server.next_post("/react-submit")
    assert req.json["terms"] is False and req.json["shift"] == "late"


async def test_rejected_value_is_reported_not_silently_ok(page: PlaywrightPage, dom_server: Any) -> None:
    snap = await open_form(page, dom_server)
    bad, good = await page.apply(
        [
            Action(kind="fill", ref=ref_of(snap, "digits"), value="12ab"),
            Action(kind="fill", ref=ref_of(snap, "digits"), value="1234"),
        ]
    )
    assert not bad.ok and bad.value == "" and "did not keep" in (bad.error or "")
    assert good.ok and good.value == "1234"


async def test_a_run_of_boxes_is_checked_box_by_box(page: PlaywrightPage, dom_server: Any) -> None:
    """Text boxes in a row are typed with one task for the page at the end (speed): React
    still registers each, a value React refuses in the middle of the run is reported, and a
    box the page removes in reaction to an earlier one is reported as removed, not as typed."""
    snap = await open_form(page, dom_server)
    name, digits, email = await page.apply(
        [
            Action(kind="fill", ref=ref_of(snap, "name"), value="Ada Lovelace"),
            Action(kind="fill", ref=ref_of(snap, "digits"), value="12ab"),
            Action(kind="fill", ref=ref_of(snap, "remail"), value="ada@example.org"),
        ]
    )
    assert name.ok and email.ok and email.value == "ada@example.org"
    assert not digits.ok and digits.value == "" and "did not keep" in (digits.error or "")
    dom_server.clear()
    await page.click(submit_ref(snap))
    req = await dom_server.next_post("/react-submit")
    assert req.json["name"] == "Ada Lovelace" and req.json["email"] == "ada@example.org"
    assert req.json["digits"] == ""

    snap = await open_form(page, dom_server)
    # typing a name removes the bio box at once, and the e-mail box in a microtask (the
    # page's microtasks run between the boxes of a run)
    await page.raw.evaluate(
        """() => document.getElementById('name').addEventListener('input', () => {
            document.getElementById('bio').remove();
            queueMicrotask(() => document.getElementById('remail').remove());
        })"""
    )
    name, bio, email = await page.apply(
        [
            Action(kind="fill", ref=ref_of(snap, "name"), value="Ada"),
            Action(kind="fill", ref=ref_of(snap, "bio"), value="Engines."),
            Action(kind="fill", ref=ref_of(snap, "remail"), value="ada@example.org"),
        ]
    )
    assert name.ok
    assert not bio.ok and "removed" in (bio.error or "")
    assert not email.ok and "removed" in (email.error or "")


async def test_select_never_guesses(page: PlaywrightPage, dom_server: Any) -> None:
    snap = await open_form(page, dom_server)
    (res,) = await page.apply([Action(kind="select", ref=ref_of(snap, "plan"), value="Premium")])
    assert not res.ok
    assert "Premium" in (res.error or "") and "Basic | Professional" in (res.error or "")
    assert res.value == "basic"
    (res,) = await page.apply([Action(kind="select", ref=ref_of(snap, "plan"), value="  professional ")])
    assert res.ok and res.value == "pro"  # case/space-insensitive exact text match

"""Custom dropdowns: a react-select look-alike with async options, and a listbox button."""

from __future__ import annotations

from typing import Any

import pytest
from jobpilot.models.plan import Action
from jobpilot.models.snapshot import FormSnapshot
from jobpilot.runner import PlaywrightPage

pytestmark = pytest.mark.browser


def field(snap: FormSnapshot, id_: str) -> Any:
    return next(f for f in snap.fields if f.id == id_)


async def open_combo(page: PlaywrightPage, dom_server: Any) -> FormSnapshot:
    await page.goto(dom_server.url("combobox.html"))
    await page.raw.wait_for_selector("#adult")
    return await page.snapshot()


async def test_combobox_snapshot(page: PlaywrightPage, dom_server: Any) -> None:
    snap = await open_combo(page, dom_server)
    country = field(snap, "country")
    assert country.type == "combobox" and country.tag == "input"
    assert (country.label, country.required, country.visible) == ("Country of residence", True, True)
    assert country.attrs["aria-haspopup"] == "true"
    # react-select's hidden "required" companion input is part of the widget, not a field
    assert len([f for f in snap.fields if f.type != "combobox"]) == 0


async def test_async_combobox_select_and_submit(page: PlaywrightPage, dom_server: Any) -> None:
    snap = await open_combo(page, dom_server)
    results = await page.apply(
        [
            Action(kind="select", ref=field(snap, "country").ref, value="niger"),
            Action(kind="select", ref=field(snap, "adult").ref, value="Yes"),
        ]
    )
    assert [r.ok for r in results] == [True, True], results
    # exact match: "Niger", not the first option containing it ("Nigeria")
    assert results[0].value == "Niger" and results[1].value == "Yes"
    again = await page.snapshot()
    assert field(again, "country").value == "Niger"
    await page.click(next(b.ref for b in snap.buttons if b.text == "Submit"))
    req = await dom_server.next_post("/combo-submit")
    assert req.form == {"country": ["Niger"], "adult": ["Yes"]}


async def test_combobox_no_match_reports_and_leaves_empty(page: PlaywrightPage, dom_server: Any) -> None:
    snap = await open_combo(page, dom_server)
    (res,) = await page.apply([Action(kind="select", ref=field(snap, "country").ref, value="Atlantis")])
    assert not res.ok
    assert '"Atlantis"' in (res.error or "")
    assert not res.value
    await page.raw.wait_for_timeout(50)
    assert await page.raw.input_value("#country") == ""
    (res,) = await page.apply([Action(kind="select", ref=field(snap, "adult").ref, value="Maybe")])
    assert not res.ok and "Yes | No" in (res.error or ""), res.error
    # The required companion inputs are still empty, so a click would be stopped by the
    # browser's validation: submit() skips it, to show what the server would get.
    await page.raw.evaluate("document.getElementById('cform').submit()")
    req = await dom_server.next_post("/combo-submit")
    assert req.form == {"country": [""], "adult": [""]}


async def test_listbox_button(page: PlaywrightPage, dom_server: Any) -> None:
    await page.goto(dom_server.url("listbox.html"))
    snap = await page.snapshot()
    degree = field(snap, "degree")
    assert (degree.type, degree.label, degree.value) == ("listbox", "Highest degree", "Select One")
    bad, good = await page.apply(
        [
            Action(kind="select", ref=degree.ref, value="Bachelor"),
            Action(kind="select", ref=degree.ref, value="master's DEGREE"),
        ]
    )
    assert not bad.ok and "Bachelor's degree" in (bad.error or "")
    assert good.ok and good.value == "Master's degree"
    await page.click(next(b.ref for b in snap.buttons if b.text == "Save"))
    req = await dom_server.next_post("/listbox-submit")
    assert req.form == {"degree": ["Master's degree"]}


async def test_click_only_selects_of_one_kind_open_at_the_first_click(
    page: PlaywrightPage, dom_server: Any
) -> None:
    """Selects that open on the click only (UI5's sap.m.Select): the first is pressed, waited
    for, then clicked; once that kind is known to open on the click, the next press of the
    same kind clicks at once (in the press's own task), and listing and choosing still work."""
    await page.goto(dom_server.url("clickselect.html"))
    snap = await page.snapshot()
    shift, site = field(snap, "shift"), field(snap, "site")
    assert (shift.type, site.type) == ("combobox", "combobox")
    listed, chosen, other = await page.apply(
        [
            Action(kind="select", ref=shift.ref, value=[]),
            Action(kind="select", ref=shift.ref, value="evening"),
            Action(kind="select", ref=site.ref, value="South campus"),
        ]
    )
    assert listed.ok and listed.value == ["Day", "Evening", "Night"], listed
    assert chosen.ok and chosen.value == "Evening", chosen
    assert other.ok and other.value == "South campus", other
    log = await page.raw.evaluate("window.clickLog")
    # One click per open: the first waited for the press to open nothing, the rest did not.
    assert log == [
        {"id": "shift", "sameTask": False},
        {"id": "shift", "sameTask": True},
        {"id": "site", "sameTask": True},
    ], log
    again = await page.snapshot()
    assert (field(again, "shift").value, field(again, "site").value) == ("Evening", "South campus")

"""Toggle-button groups (toggles.js): one field per group, answered by clicking a button."""

from __future__ import annotations

from typing import Any

import pytest
from jobpilot.models.plan import Action
from jobpilot.models.snapshot import Field, FormSnapshot
from jobpilot.runner import PlaywrightPage

pytestmark = pytest.mark.browser


def by_label(snap: FormSnapshot, label: str) -> Field:
    return next(f for f in snap.fields if f.label == label)


async def open_toggles(page: PlaywrightPage, dom_server: Any) -> FormSnapshot:
    await page.goto(dom_server.url("toggles.html"))
    return await page.snapshot()


async def test_toggle_groups_are_one_field_each(page: PlaywrightPage, dom_server: Any) -> None:
    snap = await open_toggles(page, dom_server)
    relocate = by_label(snap, "Would you relocate for this role?")
    assert (relocate.type, relocate.name, relocate.attrs["widget"]) == ("radio", "relocate", "toggle-buttons")
    assert [o.text for o in relocate.options] == ["Yes", "No"] and relocate.value is None and relocate.visible
    shift = by_label(snap, "Preferred shift")
    assert [o.text for o in shift.options] == ["Day", "Night", "Either"]
    # the hidden checkbox is part of the group, not a field of its own; upload buttons are no group
    assert not any(f.type == "checkbox" for f in snap.fields)
    assert [f.type for f in snap.fields if f.label == "CV"] == ["file"]


async def test_select_clicks_the_button_and_verifies(page: PlaywrightPage, dom_server: Any) -> None:
    snap = await open_toggles(page, dom_server)
    relocate = by_label(snap, "Would you relocate for this role?")
    shift = by_label(snap, "Preferred shift")
    results = await page.apply(
        [
            Action(kind="select", ref=relocate.ref, value="No"),
            Action(kind="select", ref=shift.ref, value="night"),
            Action(kind="select", ref=shift.ref, value="Weekends"),
        ]
    )
    assert [(r.ok, r.value) for r in results[:2]] == [(True, "No"), (True, "Night")]
    assert not results[2].ok and "Day | Night | Either" in (results[2].error or "")
    again = await page.snapshot()
    assert by_label(again, "Would you relocate for this role?").value == "No"
    assert by_label(again, "Preferred shift").value == "Night"  # the failed choice changed nothing
    assert await page.raw.is_checked("[name=relocate]") is False
    (yes,) = await page.apply([Action(kind="select", ref=relocate.ref, value="Yes")])
    assert yes.ok and await page.raw.is_checked("[name=relocate]") is True

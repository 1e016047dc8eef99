"""Web components as design systems build them (SmartRecruiters' spl-*): what the page
shows through <slot>s and nested open shadow roots is read and driven like light DOM."""

from __future__ import annotations

from typing import Any

import pytest
from jobpilot.models.plan import Action
from jobpilot.runner import PlaywrightPage

pytestmark = pytest.mark.browser


async def test_slotted_text_nested_option_rows_and_cross_boundary_lists(
    page: PlaywrightPage, dom_server: Any
) -> None:
    await page.goto(dom_server.url("web-components.html"))
    snap = await page.snapshot()
    by_label = {f.label: f for f in snap.fields}
    # The label text and the button caption are slotted in from the page.
    agree = by_label["I have read the privacy notice"]
    assert agree.type == "checkbox" and agree.in_shadow
    (cont,) = [b for b in snap.buttons if b.text == "Continue"]
    # Option rows each live in their own shadow root, slotted into the listbox.
    size = by_label["Team size"]
    assert size.type == "listbox"
    assert [o.text for o in size.options] == ["Small (1-10)", "Medium (11-50)"]
    town = by_label["Town"]
    assert town.type == "combobox"

    results = await page.apply(
        [
            Action(kind="check", ref=agree.ref, value="true"),
            Action(kind="select", ref=size.ref, value="Medium (11-50)"),
            # The input names (aria-controls) a list its enclosing component renders.
            Action(kind="select", ref=town.ref, value="Shelbyville"),
        ]
    )
    assert [r.ok for r in results] == [True, True, True], results
    listed = await page.apply([Action(kind="select", ref=size.ref, value=[])])
    assert listed[0].value == ["Small (1-10)", "Medium (11-50)"]
    await page.click(cont.ref)
    got = await page.raw.evaluate(
        """() => [document.getElementById('agree').shadowRoot.getElementById('c').checked,
                  document.getElementById('size').value, document.getElementById('town').value,
                  document.body.dataset.continued]"""
    )
    assert got == [True, "m", "Shelbyville", "yes"]

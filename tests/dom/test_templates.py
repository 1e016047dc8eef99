"""Templates are never fields: <template> content, hidden clone rows, placeholder names,
unrendered AngularJS repeats and Vue v-for blocks; unrendered bindings are never labels."""

from __future__ import annotations

from typing import Any

import pytest
from jobpilot.runner import PlaywrightPage

pytestmark = pytest.mark.browser


async def test_prototypes_are_not_fields(page: PlaywrightPage, dom_server: Any) -> None:
    await page.goto(dom_server.url("templates.html"))
    snap = await page.snapshot()
    names = [f.name for f in snap.fields]
    assert names == ["full_name", "employers[0][name]", "cv"], names
    cv = snap.fields[-1]
    assert cv.label is None or "{{" not in cv.label
    assert all("{{" not in (f.label or "") for f in snap.fields)


async def test_a_rendered_repeat_keeps_its_fields(page: PlaywrightPage, dom_server: Any) -> None:
    """The same directive on a page whose app ran (no unrendered bindings): real fields."""
    await page.goto(dom_server.url("templates-compiled.html"))
    snap = await page.snapshot()
    assert [(f.name, f.label) for f in snap.fields] == [
        ("answer_0", "Years of experience"),
        ("answer_1", "Favourite tool"),
    ]


async def test_unrendered_bindings_are_not_labels(page: PlaywrightPage, dom_server: Any) -> None:
    await page.raw.set_content(
        "<form><span>{{ labels.start }}</span><input type=date name=d1>"
        "<span>%HEADER_SUMMARY%</span><textarea name=summary></textarea>"
        "<label for=n>Notice period {{ hint }}</label><input id=n name=notice></form>"
    )
    snap = await page.snapshot()
    # An untranslated i18n key still names the question; a binding expression never does.
    assert [(f.name, f.label) for f in snap.fields] == [
        ("d1", None),
        ("summary", "%HEADER_SUMMARY%"),
        ("notice", "Notice period"),
    ]

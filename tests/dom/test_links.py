"""Links as snapshot facts: an application opened by a plain link ("I'm interested") is
visible to flows, found by its words (the posting's link before the site menu's) and
followed on the page's own tab."""

from __future__ import annotations

from typing import Any

import pytest
from jobpilot.engine.links import find_link, follow
from jobpilot.models.snapshot import FormSnapshot, Link
from jobpilot.runner import PlaywrightPage

pytestmark = pytest.mark.browser


@pytest.fixture
async def snap(page: PlaywrightPage, dom_server: Any) -> FormSnapshot:
    await page.goto(dom_server.url("links.html"))
    return await page.snapshot()


def link(snap: FormSnapshot, text: str) -> Link:
    found = [x for x in snap.links if x.text == text]
    assert len(found) == 1, [x.text for x in snap.links]
    return found[0]


async def test_links_are_listed_apart_from_buttons(snap: FormSnapshot, dom_server: Any) -> None:
    texts = [x.text for x in snap.links]
    assert texts == [
        "All jobs",
        "Apply",
        "Our ovens",
        "I’m interested",
        "Apply now",
        "Apply with your bakery pass",
        "Share this job",
        "Privacy",
    ], "mail, phone and in-page links are left out; template content is not the page"
    interested = link(snap, "I’m interested")
    assert interested.href == dom_server.url("links-apply.html?start=1")
    assert interested.visible and "btn--primary" in interested.attrs["class"]
    assert not link(snap, "Our ovens").visible
    assert link(snap, "Share this job").target == "_blank"
    assert [b.text for b in snap.buttons] == ["Save job"], "a link with role=button stays a button"
    roles = {r.role for r in snap.regions_of(link(snap, "Apply"))}
    assert "navigation" in roles
    assert "main" in {r.role for r in snap.regions_of(interested)}


async def test_the_apply_link_of_the_posting_is_found_before_the_menus(snap: FormSnapshot) -> None:
    found = find_link(snap)
    assert found is not None and found.text == "I’m interested"
    assert find_link(snap, ["apply"]) == link(snap, "Apply"), "only one link says just 'Apply'"
    assert find_link(snap, ["our ovens"]) is None, "a hidden link is not offered"
    assert find_link(snap, ["our ovens"], visible=False) == link(snap, "Our ovens")


@pytest.mark.parametrize(
    ("text", "arrives"),
    [("I’m interested", "start=1"), ("Apply now", "via=script"), ("Share this job", "links-share.html")],
)
async def test_following_a_link_stays_on_the_page_tab(
    page: PlaywrightPage, snap: FormSnapshot, text: str, arrives: str
) -> None:
    """A click follows a link (its script runs first); a link to another tab is loaded in
    this one, so the flow's page is where the link leads."""
    tabs = len(page.raw.context.pages)
    await follow(page, link(snap, text))
    assert await page.wait_for(url_contains=arrives, timeout_ms=10_000), page.url
    assert len(page.raw.context.pages) == tabs
    after = await page.snapshot()
    assert after.document_id != snap.document_id
    if arrives != "links-share.html":
        assert [f.name for f in after.fields] == ["first_name"]

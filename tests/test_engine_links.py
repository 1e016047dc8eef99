"""``jobpilot.engine.links`` without a browser: which link words open an application, and how
a link is followed (a click on the page's tab; another tab's link loaded in this one)."""

from __future__ import annotations

import pytest
from jobpilot.engine.links import find_link, follow
from jobpilot.models.snapshot import FormSnapshot, Link, RegionInfo


@pytest.mark.parametrize(
    "text",
    ["Apply", "Apply now", "I'm interested", "I’m interested", "Apply for this job online",
     "Jetzt bewerben", "Postuler", "Postúlate", "Solliciteer nu", "Ansök nu"],
)
def test_apply_words(text: str) -> None:
    snap = FormSnapshot(url="https://x.example/", links=[Link(ref="e1", text=text, href="https://x.example/a")])
    assert find_link(snap) is not None


@pytest.mark.parametrize(
    "text", ["Apply filters", "Applied Materials", "How to apply", "Share", "Sök", "Apply with LinkedIn"]
)
def test_other_words_are_not_apply_links(text: str) -> None:
    snap = FormSnapshot(url="https://x.example/", links=[Link(ref="e1", text=text, href="https://x.example/a")])
    assert find_link(snap) is None


def test_the_postings_link_before_the_menus_and_hidden_ones_left() -> None:
    snap = FormSnapshot(
        url="https://x.example/",
        regions=[RegionInfo(ref="r1", role="navigation"), RegionInfo(ref="r2", role="main")],
        links=[
            Link(ref="e1", text="Apply", href="https://x.example/general", region="r1"),
            Link(ref="e2", text="Apply now", href="https://x.example/job/apply", visible=False, region="r2"),
            Link(ref="e3", text="Apply now", href="https://x.example/job/apply", region="r2"),
        ],
    )
    found = find_link(snap)
    assert found is not None and found.ref == "e3"
    assert find_link(snap, ["apply"]) == snap.links[0], "a menu link is still found when it is the only one"


class _Page:
    def __init__(self, *, can_goto: bool = True) -> None:
        self.calls: list[tuple[str, str]] = []
        if can_goto:
            self.goto = self._goto

    async def _goto(self, url: str) -> None:
        self.calls.append(("goto", url))

    async def click(self, ref: str) -> None:
        self.calls.append(("click", ref))


@pytest.mark.parametrize(
    ("target", "href", "can_goto", "expected"),
    [
        (None, "https://x.example/apply", True, ("click", "e1")),
        ("_self", "https://x.example/apply", True, ("click", "e1")),
        ("_blank", "https://x.example/apply", True, ("goto", "https://x.example/apply")),
        ("_blank", "javascript:void(0)", True, ("click", "e1")),
        ("_blank", "https://x.example/apply", False, ("click", "e1")),
    ],
)
async def test_follow(target: str | None, href: str, can_goto: bool, expected: tuple[str, str]) -> None:
    page = _Page(can_goto=can_goto)
    await follow(page, Link(ref="e1", text="Apply", href=href, target=target))
    assert page.calls == [expected]

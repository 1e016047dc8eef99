"""The one page protocol plugins program against.

Two implementations: ``jobpilot.runner.playwright_page.PlaywrightPage`` (headless or headed
Chromium) and the extension transport (each call a message to the user's tab). Plugins and
the apply engine never touch Playwright directly, so the same flow runs in both places.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol, runtime_checkable

from jobpilot.models.plan import Action, ActionResult
from jobpilot.models.snapshot import FormSnapshot


@runtime_checkable
class Page(Protocol):
    @property
    def url(self) -> str: ...

    async def snapshot(self) -> FormSnapshot:
        """The current form state of the page and all its frames."""

    async def apply(self, actions: list[Action]) -> list[ActionResult]:
        """Execute actions in order through the DOM layer; one result per action."""

    async def click(self, ref: str) -> None:
        """Click a field or button by ref (a real, trusted click where the transport can)."""

    async def wait_for(
        self,
        *,
        text: str | None = None,
        selector: str | None = None,
        stable_ms: int = 0,
        url_contains: str | None = None,
        timeout_ms: int = 10_000,
    ) -> bool:
        """Wait until the condition holds (text visible, selector present, DOM quiet for
        ``stable_ms``, or URL containing a substring); False on timeout."""

    async def text(self) -> str:
        """The visible text of the page (confirmation and error messages are read from it)."""

    async def screenshot(self, path: str) -> str:
        """Save a full-page PNG and return its path."""


def results_from_page(actions: Sequence[Action], raws: Sequence[dict[str, Any]]) -> list[ActionResult]:
    """The DOM layer's result for each action, under the action's own ref: both transports
    hand the page a frame-local ref, and an action the page did not answer (it navigated
    mid-run) is reported, never dropped."""
    out = []
    for n, action in enumerate(actions):
        if n >= len(raws):
            out.append(ActionResult(ref=action.ref, ok=False, error="no result from the page"))
            continue
        out.append(ActionResult.model_validate({**raws[n], "ref": action.ref}))
    return out

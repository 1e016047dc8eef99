"""Fixtures for the DOM-layer tests: fixture pages served from two origins, and a page."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest
from jobpilot.runner import PlaywrightPage
from playwright.async_api import BrowserContext

ASSETS = Path(__file__).parent / "assets"


@pytest.fixture(scope="session")
def dom_server(fixture_server_factory: Callable[[Path], Any]) -> Any:
    """tests/dom/assets on 127.0.0.1:<random port>."""
    return fixture_server_factory(ASSETS)


@pytest.fixture(scope="session")
def dom_server_alt(fixture_server_factory: Callable[[Path], Any]) -> Any:
    """The same pages on another port: a different origin, for cross-origin frames."""
    return fixture_server_factory(ASSETS)


@pytest.fixture
async def page(browser_context: BrowserContext, dom_server: Any) -> AsyncIterator[PlaywrightPage]:
    """A PlaywrightPage in a fresh offline context; the server's records start empty.

    The page is closed with its context (browser_context's teardown): a bare page.close()
    right after a form POST navigation can hang in Chromium 156.
    """
    dom_server.clear()
    pw_page = await browser_context.new_page()
    yield PlaywrightPage(pw_page)

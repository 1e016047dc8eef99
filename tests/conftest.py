"""Shared test fixtures: a recording local HTTP server and one Chromium per session.

Generic on purpose (any test package can use them):

- ``fixture_server_factory(root)`` starts a :class:`FixtureServer` for a directory on
  127.0.0.1 with a random port; ``fixture_server`` serves ``tests/assets``.
- ``browser`` is one :class:`jobpilot.runner.ManagedBrowser` for the whole session (launch
  is the slow part); ``browser_context`` is a fresh offline context per test (only
  127.0.0.1/localhost reachable), closed afterwards.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from jobpilot.runner import ManagedBrowser
    from playwright.async_api import BrowserContext

TESTS_DIR = Path(__file__).parent


def _load_server_module():  # type: ignore[no-untyped-def]
    """tests/ is no package (pytest runs with --import-mode=importlib): load server.py by path."""
    name = "jobpilot_tests_server"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, TESTS_DIR / "server.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


server_module = _load_server_module()
FixtureServer = server_module.FixtureServer


@pytest.fixture(scope="session")
def fixture_server_factory() -> Iterator[Callable[[Path], FixtureServer]]:
    """Start servers for directories on demand; all are stopped at the end of the session."""
    servers: list[FixtureServer] = []

    def start(root: Path) -> FixtureServer:
        server = FixtureServer(root).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


@pytest.fixture(scope="session")
def fixture_server(fixture_server_factory: Callable[[Path], FixtureServer]) -> FixtureServer:
    """A recording server for ``tests/assets``."""
    return fixture_server_factory(TESTS_DIR / "assets")


@pytest.fixture(scope="session")
async def browser() -> AsyncIterator[ManagedBrowser]:
    """One headless Chromium for the session. A missing Chromium fails the tests that need it
    (never a silent skip): `./dev test` installs it."""
    from jobpilot.runner import BrowserNotFoundError, launch_browser

    try:
        managed = await launch_browser()
    except BrowserNotFoundError as exc:
        pytest.fail(f"{exc} (./dev test installs it)", pytrace=False)
    try:
        yield managed
    finally:
        await managed.close()


@pytest.fixture
async def browser_context(browser: ManagedBrowser) -> AsyncIterator[BrowserContext]:
    """A fresh offline context (only 127.0.0.1 and localhost reachable), closed afterwards."""
    ctx = await browser.new_context(offline=True)
    try:
        yield ctx
    finally:
        await ctx.close()

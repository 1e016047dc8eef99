"""Both page transports, for the Page contract suite: ``transport`` opens a URL as a ``Page``.

- ``playwright``: ``PlaywrightPage`` on the session's headless Chromium.
- ``extension``: ``ExtensionPage`` on a tab of a second Chromium that runs the real
  extension; the host side of the native port is this test process (``relay.py``), so the
  test calls ``ExtensionPage`` directly and sees what it returns and raises.

The pages are served by two recording servers on different ports: a frame from the second
is cross-origin to a page from the first.
"""

from __future__ import annotations

import contextlib
import importlib.util
import itertools
import shutil
import sys
import tempfile
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from .relay import RelayHost, install_relay

HERE = Path(__file__).parent
TESTS = HERE.parent
VENDOR = TESTS / "dom" / "assets" / "vendor"


def _extension_helpers() -> Any:
    """``tests/extension/conftest.py`` as a module (its build and launch helpers)."""
    name = "jobpilot_tests_extension_helpers"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, TESTS / "extension" / "conftest.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


@dataclass
class Sites:
    main: Any
    other: Any

    def contract(self) -> str:
        return self.main.url(f"contract.html?other={self.other.origin}")


@pytest.fixture(scope="session")
def sites(fixture_server_factory: Callable[[Path], Any], tmp_path_factory: pytest.TempPathFactory) -> Sites:
    root = tmp_path_factory.mktemp("contract-pages")
    for f in (HERE / "assets").iterdir():
        shutil.copy(f, root / f.name)
    shutil.copytree(VENDOR, root / "vendor")
    return Sites(main=fixture_server_factory(root), other=fixture_server_factory(root))


@dataclass
class ExtensionBrowser:
    ctx: Any
    sw: Any
    relay: RelayHost
    opened: itertools.count = field(default_factory=itertools.count)

    async def tab_id(self, url: str) -> int:
        tab = await self.sw.evaluate(
            "async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id ?? null", url
        )
        assert tab is not None, f"no tab at {url}"
        return int(tab)


@pytest.fixture(scope="session")
async def extension_browser(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[ExtensionBrowser]:
    helpers = _extension_helpers()
    dist = helpers.build_extension()
    home = tmp_path_factory.mktemp("contract-home")
    udd = tmp_path_factory.mktemp("contract-chromium")
    helpers.jobpilot(home, "host", "install", "--browser", "chromium", "--user-data-dir", str(udd))
    sockdir = Path(tempfile.mkdtemp(prefix="jp-relay-"))  # Unix socket paths must be short
    relay = RelayHost(sockdir / "host.sock")
    await relay.start()
    install_relay(udd / "NativeMessagingHosts" / "com.jobpilot.host.json", home, relay.sock)
    from playwright.async_api import async_playwright

    pw = await async_playwright().start()
    try:
        ctx, sw = await helpers.launch(udd, dist, pw)
        try:
            await relay.connected()
            yield ExtensionBrowser(ctx=ctx, sw=sw, relay=relay)
        finally:
            await ctx.close()
    finally:
        await relay.close()
        await pw.stop()
        shutil.rmtree(sockdir, ignore_errors=True)


@dataclass
class Opened:
    """A page under test: the ``Page`` and the browser's own handle on the same tab (to
    change the DOM behind the transport's back)."""

    page: Any
    raw: Any


Opener = Callable[[str], Awaitable[Opened]]


@pytest.fixture
async def opened_pages() -> AsyncIterator[list[Any]]:
    """Browser pages a test opened; closed after it."""
    raws: list[Any] = []
    yield raws
    for r in raws:
        with contextlib.suppress(Exception):  # already closed by the test
            await r.close()


@pytest.fixture(params=["playwright", "extension"])
def transport(request: pytest.FixtureRequest, opened_pages: list[Any]) -> Opener:
    """Open a URL as a ``Page`` of the transport under test."""
    if request.param == "playwright":
        browser = request.getfixturevalue("browser")

        async def open_pw(url: str) -> Opened:
            page = await browser.new_page()
            opened_pages.append(page)
            await page.goto(url)
            return Opened(page=page, raw=page.raw)

        return open_pw
    ext: ExtensionBrowser = request.getfixturevalue("extension_browser")

    async def open_ext(url: str) -> Opened:
        # A fragment makes every tab's URL unique, so the tab is found by its URL.
        url = f"{url}#tab{next(ext.opened)}"
        raw = await ext.ctx.new_page()
        opened_pages.append(raw)
        await raw.goto(url)
        return Opened(page=await ext.relay.page(await ext.tab_id(url)), raw=raw)

    return open_ext


@pytest.fixture
def upload_file(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "licence-scan.pdf"
    path.write_bytes(b"%PDF-1.4\n% an invented licence scan\n" + bytes(range(256)) * 8)
    yield path

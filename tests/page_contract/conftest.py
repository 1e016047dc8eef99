"""Both page transports, for the Page contract suite: ``transport`` opens a URL as a ``Page``.

- ``playwright``: ``PlaywrightPage`` on the session's headless Chromium.
- ``extension``: the real extension in a second Chromium, and the real native host that
  Chromium starts through the launcher ``jobpilot host install`` wrote. Each test's page is
  the host's own ``ExtensionPage`` on the tab: the test starts an Auto-fill on the tab (as the
  popup does), the host runs the flow of a probe plugin it loaded like any other
  (``probe_plugin.py``), and that flow runs the test's ``Page`` calls and sends back what they
  returned or raised (``probe.py``). One browser and one host serve the whole suite.

The pages are served by two recording servers on different ports: a frame from the second
is cross-origin to a page from the first.
"""

from __future__ import annotations

import contextlib
import importlib.util
import itertools
import os
import shutil
import sys
import tempfile
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from .probe import ProbePage, ProbeServer, install_probe

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
    probe: ProbeServer
    opened: itertools.count = field(default_factory=itertools.count)

    async def tab_id(self, url: str) -> int:
        tab = await self.sw.evaluate(
            "async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id ?? null", url
        )
        assert tab is not None, f"no tab at {url}"
        return int(tab)

    async def page(self, url: str) -> ProbePage:
        """The host's page on the tab at ``url`` (an Auto-fill running the probe flow), checked
        to be the ``ExtensionPage`` of the host process the extension is connected to."""
        page = await self.probe.page(self.sw, await self.tab_id(url))
        host = await self.sw.evaluate("() => jobpilot.host.status")
        assert page.host_class == "ExtensionPage", page.host_class
        assert page.host_pid == host["pid"] and page.host_pid != os.getpid(), (page.host_pid, host)
        return page


@pytest.fixture(scope="session")
async def extension_browser(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[ExtensionBrowser]:
    import jobpilot.demo

    helpers = _extension_helpers()
    dist = helpers.build_extension()
    home = tmp_path_factory.mktemp("contract-home")
    udd = tmp_path_factory.mktemp("contract-chromium")
    demo = Path(jobpilot.demo.__file__).parent / "profile"
    helpers.jobpilot(
        home, "profile", "import", str(demo / "resume.json"), "--answers", str(demo / "answers.yaml")
    )
    helpers.jobpilot(home, "host", "install", "--browser", "chromium", "--user-data-dir", str(udd))
    env = install_probe(tmp_path_factory.mktemp("contract-probe-site"))
    sockdir = Path(tempfile.mkdtemp(prefix="jp-probe-"))  # Unix socket paths must be short
    probe = ProbeServer(sockdir / "probe.sock")
    await probe.start()
    from playwright.async_api import async_playwright

    pw = await async_playwright().start()
    try:
        ctx, sw = await helpers.launch(udd, dist, pw, env={**os.environ, **env, **probe.env})
        try:
            yield ExtensionBrowser(ctx=ctx, sw=sw, probe=probe)
        finally:
            await probe.close()
            await ctx.close()
    finally:
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
    """Browser pages (and the host's pages on them) a test opened; closed after it, the
    newest first."""
    opened: list[Any] = []
    yield opened
    for p in reversed(opened):
        with contextlib.suppress(Exception):  # already closed by the test
            await p.close()


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
        page = await ext.page(url)
        opened_pages.append(page)
        return Opened(page=page, raw=raw)

    return open_ext


@pytest.fixture
def upload_file(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "licence-scan.pdf"
    path.write_bytes(b"%PDF-1.4\n% an invented licence scan\n" + bytes(range(256)) * 8)
    yield path

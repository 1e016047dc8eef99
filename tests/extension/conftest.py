"""Fixtures for the extension and the native host: the real build, the real host, real Chromium.

- ``extension_dir`` builds ``extension/dist/chromium`` (``npm ci`` when node_modules is
  missing, ``npm run build`` when dist is missing or older than any source, the DOM layer
  included); tests fail (never skip) when node/npm are not installed.
- ``jp_home`` is a JOBPILOT_HOME with the sample profile imported (``default``) and a copy
  whose resume is a 1.5 MB PDF (``big``: its upload is chunked host -> browser).
- ``ext`` is Chromium with the extension loaded through Playwright's persistent context and
  the host manifest installed into its user-data dir with ``jobpilot host install``.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jobpilot.demo
import pytest
from jobpilot.dom import source_paths

ROOT = Path(__file__).resolve().parents[2]
EXT_SRC = ROOT / "extension"
DIST = EXT_SRC / "dist" / "chromium"
ASSETS = Path(__file__).parent / "assets"
DEMO = Path(jobpilot.demo.__file__).parent
RUN_STAMP = time.strftime("%Y%m%d-%H%M%S", time.gmtime())
"""This test session's name in the artefacts folder: every run keeps its own screenshots."""


def artefacts(name: str) -> Path:
    """``test-output/NAME/<this run>/`` (``JOBPILOT_TEST_OUTPUT`` moves ``test-output``):
    screenshots of the steps, kept per run (the README's come from here, ``doc-*.png``)."""
    base = Path(os.environ.get("JOBPILOT_TEST_OUTPUT", ROOT / "test-output"))
    out = base / name / RUN_STAMP
    out.mkdir(parents=True, exist_ok=True)
    return out


CHROMIUM = "/usr/bin/chromium"


def _inputs() -> list[Path]:
    files = [p for p in (EXT_SRC / "src").rglob("*") if p.is_file()]
    files += list((EXT_SRC / "icons").glob("*.png"))
    files += [EXT_SRC / n for n in ("build.mjs", "package.json", "package-lock.json", "tsconfig.json")]
    files += [*source_paths(), ROOT / "core/src/jobpilot/dom/__init__.py"]
    return files


def build_extension() -> Path:
    """Build the extension when dist is missing or stale; return dist/chromium."""
    npm = shutil.which("npm")
    if npm is None or shutil.which("node") is None:
        pytest.fail("node/npm are not installed (./dev test installs them)", pytrace=False)
    stamp = DIST / "manifest.json"
    newest = max(p.stat().st_mtime for p in _inputs() if p.exists())
    fresh = (
        stamp.exists()
        and (EXT_SRC / "dist/firefox/manifest.json").exists()
        and stamp.stat().st_mtime >= newest
    )
    if not fresh:
        if not (EXT_SRC / "node_modules" / ".bin" / "esbuild").exists():
            subprocess.run(
                [npm, "ci", "--no-audit", "--no-fund"], cwd=EXT_SRC, check=True, capture_output=True
            )
        proc = subprocess.run([npm, "run", "build"], cwd=EXT_SRC, capture_output=True, text=True)
        if proc.returncode != 0:
            raise RuntimeError(f"npm run build failed:\n{proc.stdout}\n{proc.stderr}")
    return DIST


@pytest.fixture(scope="session")
def extension_dir() -> Path:
    return build_extension()


def cli_env(home: Path, **extra: str) -> dict[str, str]:
    return {**os.environ, "JOBPILOT_HOME": str(home), **extra}


def jobpilot(home: Path, *args: str, check: bool = True, **extra: str) -> subprocess.CompletedProcess[str]:
    """Run the jobpilot CLI of this environment with JOBPILOT_HOME=home."""
    exe = Path(sys.executable).parent / "jobpilot"
    return subprocess.run(
        [str(exe), *args], env=cli_env(home, **extra), capture_output=True, text=True, check=check, timeout=60
    )


@pytest.fixture(scope="session")
def jp_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """JOBPILOT_HOME with the sample profile as ``default`` and ``big`` (1.5 MB resume)."""
    home = tmp_path_factory.mktemp("jobpilot-home")
    prof = DEMO / "profile"
    jobpilot(home, "profile", "import", str(prof / "resume.json"), "--answers", str(prof / "answers.yaml"))
    big = home / "big-profile"
    shutil.copytree(prof, big)
    pdf = bytearray(b"%PDF-1.4\n% JobPilot test resume\n")
    pdf += bytes(range(256)) * ((1_500_000 - len(pdf)) // 256)
    pdf += b"\n%%EOF\n"
    (big / "resume.pdf").write_bytes(bytes(pdf))
    jobpilot(
        home,
        "profile",
        "import",
        str(big / "resume.json"),
        "--answers",
        str(big / "answers.yaml"),
        "--name",
        "big",
    )
    return home


def host_pid(home: Path) -> int | None:
    try:
        return int((home / "host" / "host.pid").read_text().strip())
    except (OSError, ValueError):
        return None


@dataclass
class Ext:
    """A Chromium with the extension, and helpers to act as the user would."""

    ctx: Any
    sw: Any
    id: str
    home: Path
    user_data_dir: Path

    async def tab_id(self, url_prefix: str) -> int:
        """The newest tab at ``url_prefix`` (a tab an earlier test left open is older)."""
        tab = await self.sw.evaluate(
            """async (u) => Math.max(-1, ...(await chrome.tabs.query({}))
                .filter((t) => (t.url || '').startsWith(u)).map((t) => t.id))""",
            url_prefix,
        )
        tab = None if tab == -1 else tab
        assert tab is not None, f"no tab at {url_prefix}"
        return int(tab)

    async def open(self, url: str) -> Any:
        page = await self.ctx.new_page()
        await page.goto(url)
        return page

    async def popup(self, tab_id: int) -> Any:
        """The popup page opened in a tab for ``tab_id`` (what the toolbar button shows)."""
        popup = await self.ctx.new_page()
        await popup.goto(f"chrome-extension://{self.id}/popup.html?tab={tab_id}")
        return popup

    async def host_state(self) -> dict[str, Any]:
        return dict(await self.sw.evaluate("() => jobpilot.host.status"))

    async def wait_host(self, state: str = "connected", timeout: float = 20.0) -> dict[str, Any]:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            s = await self.host_state()
            if s["state"] == state or loop.time() > deadline:
                return s
            await asyncio.sleep(0.05)


async def launch(
    user_data_dir: Path, extension: Path, playwright: Any, *, env: dict[str, str] | None = None
) -> tuple[Any, Any]:
    """Chromium with the extension; ``env`` (the whole environment) reaches the native host
    Chromium starts."""
    args = [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--disable-extensions-except={extension}",
        f"--load-extension={extension}",
    ]
    ctx = await playwright.chromium.launch_persistent_context(
        str(user_data_dir),
        executable_path=CHROMIUM,
        headless=True,
        args=args,
        **({"env": env} if env else {}),
    )
    sw = ctx.service_workers[0] if ctx.service_workers else await ctx.wait_for_event("serviceworker")
    return ctx, sw


@pytest.fixture(scope="session")
async def playwright_driver() -> AsyncIterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed (./dev test installs it)", pytrace=False)
    from playwright.async_api import async_playwright

    pw = await async_playwright().start()
    try:
        yield pw
    finally:
        await pw.stop()


@pytest.fixture(scope="session")
async def ext(
    extension_dir: Path, jp_home: Path, playwright_driver: Any, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Ext]:
    """One Chromium with the extension and an installed host, for the session."""
    udd = tmp_path_factory.mktemp("chromium-profile")
    jobpilot(jp_home, "host", "install", "--browser", "chromium", "--user-data-dir", str(udd))
    ctx, sw = await launch(udd, extension_dir, playwright_driver)
    e = Ext(ctx=ctx, sw=sw, id=sw.url.split("/")[2], home=jp_home, user_data_dir=udd)
    try:
        yield e
    finally:
        await ctx.close()


@pytest.fixture(scope="session")
def pages(fixture_server_factory: Callable[[Path], Any], tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The demo pages and this folder's assets on one recording server."""
    root = tmp_path_factory.mktemp("ext-pages")
    for src in (DEMO / "pages", ASSETS):
        for f in src.iterdir():
            if f.is_file():
                shutil.copy(f, root / f.name)
    return fixture_server_factory(root)


def form_values(post: Any) -> dict[str, Any]:
    return {k: v[0] if len(v) == 1 else v for k, v in post.form.items()}


def dump(obj: Any) -> str:
    return json.dumps(obj, indent=1, default=str)

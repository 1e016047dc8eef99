"""The test's side of the probe (``probe_plugin.py``): a ``Page`` whose calls run in the real host.

``ProbeServer`` listens on the Unix socket the probe flow connects to from inside the host;
``page(tab_id)`` starts an Auto-fill on the tab through the extension's service worker (the
request the popup's button sends) and returns a :class:`ProbePage` once the flow on that tab
has connected. Every call on a ``ProbePage`` runs in the host process on the host's own
``ExtensionPage``; its result comes back as is and its exception is raised here as the same
class with the same message and attributes.
"""

from __future__ import annotations

import asyncio
import importlib
import os
import shutil
from pathlib import Path
from typing import Any

from jobpilot.models.plan import Action, ActionResult
from jobpilot.models.snapshot import FormSnapshot

from .probe_plugin import SOCKET_ENV, receive, send

HERE = Path(__file__).parent
CONNECT_TIMEOUT = 90.0
"""From the Auto-fill request to the flow's connection: the host's first warm-up (plugins,
the database) on a busy machine included."""


def install_probe(site: Path) -> dict[str, str]:
    """Install the probe plugin into ``site`` (module + ``.dist-info`` with its entry point)
    and return the environment that makes a host load it, and only it among the entry points."""
    site.mkdir(parents=True, exist_ok=True)
    shutil.copy(HERE / "probe_plugin.py", site / "jobpilot_page_probe.py")
    info = site / "jobpilot_page_probe-0.1.dist-info"
    info.mkdir(exist_ok=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: jobpilot-page-probe\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text("[jobpilot]\npage-probe = jobpilot_page_probe\n")
    path = os.pathsep.join(p for p in (str(site), os.environ.get("PYTHONPATH", "")) if p)
    return {"PYTHONPATH": path, "JOBPILOT_LOAD_PLUGINS": "page-probe"}


def rebuild_error(module: str, qualname: str, message: str, attrs: dict[str, Any]) -> BaseException:
    """The host's exception as the same class here (both sides run this checkout's code)."""
    cls: Any = importlib.import_module(module)
    for part in qualname.split("."):
        cls = getattr(cls, part)
    if not (isinstance(cls, type) and issubclass(cls, BaseException)):
        return RuntimeError(f"{module}.{qualname}: {message}")
    exc = cls.__new__(cls)
    exc.args = (message,)
    exc.__dict__.update(attrs)
    return exc


class ProbePage:
    """The :class:`jobpilot.page.Page` protocol, each call made by the real host on its
    ``ExtensionPage`` for ``tab_id``."""

    def __init__(
        self,
        tab_id: int,
        url: str,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        *,
        host_pid: int,
        host_class: str,
    ) -> None:
        self.tab_id = tab_id
        self.host_pid = host_pid
        """The process the calls run in (the host Chromium started)."""
        self.host_class = host_class
        """The class of the page there (``ExtensionPage``)."""
        self._url = url
        self._reader = reader
        self._writer = writer
        self._lock = asyncio.Lock()
        self.calls = 0

    @property
    def url(self) -> str:
        return self._url

    async def _call(self, method: str, *args: Any, **kwargs: Any) -> Any:
        async with self._lock:  # one call at a time on the socket, as on one page
            await send(self._writer, (method, args, kwargs))
            reply = await receive(self._reader)
        if reply is None:
            raise ConnectionError(f"the host's probe flow for tab {self.tab_id} hung up")
        self.calls += 1
        kind, value, self._url = reply
        if kind == "error":
            raise rebuild_error(*value)
        return value

    async def close(self) -> None:
        """Hang up: the flow returns and the host's Auto-fill on the tab ends."""
        self._writer.close()

    async def snapshot(self) -> FormSnapshot:
        result: FormSnapshot = await self._call("snapshot")
        return result

    async def apply(self, actions: list[Action]) -> list[ActionResult]:
        result: list[ActionResult] = await self._call("apply", actions)
        return result

    async def click(self, ref: str) -> None:
        await self._call("click", ref)

    async def wait_for(self, **kwargs: Any) -> bool:
        return bool(await self._call("wait_for", **kwargs))

    async def goto(self, url: str, **kwargs: Any) -> None:
        await self._call("goto", url, **kwargs)

    async def text(self) -> str:
        return str(await self._call("text"))

    async def screenshot(self, path: str) -> str:
        return str(await self._call("screenshot", path))

    async def highlight(self, items: list[dict[str, Any]]) -> int:
        return int(await self._call("highlight", items))


class ProbeServer:
    """Where the probe flows in the host connect: one connection per Auto-fill, by tab."""

    def __init__(self, sock: Path) -> None:
        self.sock = sock
        self._server: asyncio.AbstractServer | None = None
        self._waiting: dict[int, asyncio.Future[ProbePage]] = {}
        self.pages: list[ProbePage] = []

    @property
    def env(self) -> dict[str, str]:
        return {SOCKET_ENV: str(self.sock)}

    async def start(self) -> None:
        self._server = await asyncio.start_unix_server(self._connected, path=str(self.sock))

    async def _connected(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        hello = await receive(reader)
        if not (isinstance(hello, tuple) and hello[0] == "hello" and isinstance(hello[1], int)):
            writer.close()
            return
        _, tab_id, url, pid, cls = hello
        page = ProbePage(tab_id, url, reader, writer, host_pid=pid, host_class=cls)
        self.pages.append(page)
        fut = self._waiting.get(tab_id)
        if fut is None or fut.done():
            await page.close()  # nobody asked for this tab (a left-over Auto-fill)
            return
        fut.set_result(page)

    async def page(self, sw: Any, tab_id: int) -> ProbePage:
        """Start an Auto-fill on ``tab_id`` from the extension and return the host's page on it."""
        fut: asyncio.Future[ProbePage] = asyncio.get_running_loop().create_future()
        self._waiting[tab_id] = fut
        await sw.evaluate(
            """(tab) => {
                globalThis.probeRuns = globalThis.probeRuns || {};
                jobpilot.host.request("autofill", { tab_id: tab }, 600000).then(
                    (data) => { globalThis.probeRuns[tab] = { data }; },
                    (err) => { globalThis.probeRuns[tab] = { error: String(err && err.message || err) }; },
                );
            }""",
            tab_id,
        )
        loop = asyncio.get_running_loop()
        deadline = loop.time() + CONNECT_TIMEOUT
        try:
            while True:
                done, _ = await asyncio.wait({fut}, timeout=0.5)
                if done:
                    return fut.result()
                # An Auto-fill that ended without running the flow (no profile, a host
                # error) says why at once instead of after the whole timeout.
                run = await sw.evaluate("(tab) => (globalThis.probeRuns || {})[tab] ?? null", tab_id)
                if run is not None or loop.time() > deadline:
                    raise AssertionError(f"the host did not run the probe flow on tab {tab_id}: {run}")
        finally:
            self._waiting.pop(tab_id, None)

    async def close(self) -> None:
        for page in self.pages:
            await page.close()
        if self._server is not None:
            self._server.close()


__all__ = ["ProbePage", "ProbeServer", "install_probe", "rebuild_error"]

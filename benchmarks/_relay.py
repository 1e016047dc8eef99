"""The extension's native host, in the benchmark's process: a relay from the browser's port to here.

Chromium starts a native host as a child process with the port on its stdin/stdout. To time
each ``ExtensionPage`` call the engine makes, the host's side of the port must live in the
benchmark's own process. So the manifest names a tiny relay script
instead of the real launcher; it only pipes bytes between its stdio and a Unix socket this
process listens on. Everything else is real: the extension, its service worker and content
scripts, the framing, the host's ``Channel`` and ``ExtensionPage``.
"""

from __future__ import annotations

import asyncio
import json
import os
import socket
import sys
import threading
from pathlib import Path
from typing import Any

from jobpilot_host import PROTOCOL_VERSION, __version__
from jobpilot_host.channel import Channel
from jobpilot_host.page import ExtensionPage

RELAY = """#!{python}
import os, socket, sys, threading
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.connect({sock!r})
def up():
    while True:
        b = os.read(0, 1 << 16)
        if not b:
            break
        s.sendall(b)
    s.shutdown(socket.SHUT_WR)
threading.Thread(target=up, daemon=True).start()
while True:
    b = s.recv(1 << 16)
    if not b:
        break
    os.write(1, b)
"""


def install_relay(manifest: Path, folder: Path, sock: Path) -> None:
    """Point an installed host manifest at a relay to ``sock``."""
    script = folder / "relay-host"
    script.write_text(RELAY.format(python=sys.executable, sock=str(sock)))
    script.chmod(0o700)
    data = json.loads(manifest.read_text())
    data["path"] = str(script)
    manifest.write_text(json.dumps(data))


class RelayHost:
    """Accepts the relay's connections; the newest is the live port (the extension
    reconnects after a restart). ``page(tab_id)`` is an ``ExtensionPage`` on it."""

    def __init__(self, sock: Path) -> None:
        self.sock = sock
        self._server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._server.bind(str(sock))
        self._server.listen(4)
        self.channel: Channel | None = None
        self._connected = asyncio.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._serving: set[asyncio.Task[None]] = set()

    async def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self._server.accept()
            except OSError:
                return
            assert self._loop is not None
            self._loop.call_soon_threadsafe(self._serve, conn)

    def _serve(self, conn: socket.socket) -> None:
        handlers = {"hello": self._hello, "ping": self._ping}
        channel = Channel(conn.makefile("rb"), conn.makefile("wb"), handlers)
        self.channel = channel
        task = asyncio.get_running_loop().create_task(channel.serve())
        self._serving.add(task)
        task.add_done_callback(self._serving.discard)

    async def _hello(self, payload: dict[str, Any]) -> dict[str, Any]:
        self._connected.set()
        return {
            "host_version": __version__,
            "protocol": PROTOCOL_VERSION,
            "pid": os.getpid(),
            "default_profile": "default",
            "actions": ["hello", "ping"],
        }

    async def _ping(self, payload: dict[str, Any]) -> dict[str, Any]:
        return {"pong": True, "data": payload.get("data")}

    async def connected(self, timeout: float = 30.0) -> Channel:
        await asyncio.wait_for(self._connected.wait(), timeout)
        assert self.channel is not None
        return self.channel

    async def page(self, tab_id: int) -> ExtensionPage:
        return ExtensionPage(await self.connected(), tab_id)

    async def close(self) -> None:
        self._server.close()
        for task in list(self._serving):
            task.cancel()
        await asyncio.gather(*self._serving, return_exceptions=True)

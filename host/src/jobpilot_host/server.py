"""The host process: ``python -m jobpilot_host`` (what the browser starts).

Chromium passes the caller's origin (``chrome-extension://ID/``) as argv[1]; Firefox passes
the manifest path and the add-on ID. Both are logged, not trusted: the browser already
enforced ``allowed_origins``/``allowed_extensions``. Logs go to stderr (the launcher written
by ``jobpilot host install`` appends them to ``<JOBPILOT_HOME>/host/host.log``); stdout is
the port and carries nothing else: at startup the host keeps a private duplicate of fd 1 for
the channel and points fd 1 and ``sys.stdout`` at stderr, so a stray ``print()`` in a plugin
(or a child process it starts) lands in the log instead of corrupting the framing.
"""

from __future__ import annotations

import asyncio
import io
import logging
import os
import sys
from typing import BinaryIO

from jobpilot_host import __version__


def protect_stdout() -> BinaryIO:
    """Take the port away from fd 1 and return it as a private binary stream.

    The browser reads frames from the host's stdout, and any byte written there outside a
    frame (a plugin's ``print()``, a library's progress line, a child process inheriting
    fd 1) breaks the length-prefixed framing for good. So the channel writes to a duplicate
    of fd 1 (not inherited by child processes), fd 1 itself is redirected to stderr, and
    ``sys.stdout`` is rebound to write there too: stray output ends up in ``host.log``.
    """
    sys.stdout.flush()
    channel_fd = os.dup(1)  # non-inheritable (PEP 446): children never see the port
    os.dup2(2, 1)
    sys.stdout = io.TextIOWrapper(
        io.FileIO(1, "w", closefd=False), encoding="utf-8", errors="replace", line_buffering=True
    )
    return os.fdopen(channel_fd, "wb")  # buffered: no partial writes; the channel flushes


def pid_file() -> str:
    """``<JOBPILOT_HOME>/host/host.pid`` while the host runs (doctor and tests read it)."""
    from jobpilot.config import home

    folder = home() / "host"
    folder.mkdir(parents=True, exist_ok=True)
    return str(folder / "host.pid")


async def serve(reader: BinaryIO | None = None, writer: BinaryIO | None = None) -> int:
    """Serve one port until EOF; ``writer`` defaults to the protected stdout (see main)."""
    from jobpilot_host.actions import HostApp
    from jobpilot_host.channel import Channel

    channel = Channel(reader or sys.stdin.buffer, writer or sys.stdout.buffer)
    app = HostApp(channel)
    channel.handlers.update(app.handlers())
    try:
        await channel.serve()
    finally:
        await app.close()
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    port_out = protect_stdout()
    logging.basicConfig(
        level=os.environ.get("JOBPILOT_HOST_LOG_LEVEL", "INFO"),
        stream=sys.stderr,
        format="%(asctime)s jobpilot-host[%(process)d] %(levelname)s %(message)s",
    )
    log = logging.getLogger("jobpilot_host")
    log.info("jobpilot-host %s started by %s", __version__, " ".join(argv) or "(no caller)")
    path: str | None = None
    try:
        path = pid_file()
        with open(path, "w") as fh:
            fh.write(str(os.getpid()))
    except OSError:
        path = None
    try:
        code = asyncio.run(serve(writer=port_out))
    except KeyboardInterrupt:
        code = 130
    finally:
        if path:
            try:
                with open(path) as fh:
                    if fh.read().strip() == str(os.getpid()):
                        os.unlink(path)
            except OSError:
                pass
    log.info("stdin closed; exiting")
    return code


if __name__ == "__main__":
    sys.exit(main())

"""The host process: ``python -m jobpilot_host`` (what the browser starts).

Chromium passes the caller's origin (``chrome-extension://ID/``) as argv[1]; Firefox passes
the manifest path and the add-on ID. Both are logged, not trusted: the browser already
enforced ``allowed_origins``/``allowed_extensions``. Logs go to stderr (the launcher written
by ``jobpilot host install`` appends them to ``<JOBPILOT_HOME>/host/host.log``); stdout is
the port and carries nothing else.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys

from jobpilot_host import __version__


def pid_file() -> str:
    """``<JOBPILOT_HOME>/host/host.pid`` while the host runs (doctor and tests read it)."""
    from jobpilot.config import home

    folder = home() / "host"
    folder.mkdir(parents=True, exist_ok=True)
    return str(folder / "host.pid")


async def serve(reader=None, writer=None) -> int:  # type: ignore[no-untyped-def]
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
        code = asyncio.run(serve())
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

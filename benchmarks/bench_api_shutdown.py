"""How long ``jobpilot serve`` takes to stop on SIGTERM with WebSocket clients connected
(issue 17: it was ~25 s, the port already closed; the target is under 2 s).

Starts ``jobpilot serve`` on a fresh SQLite database, connects N event-stream clients,
sends SIGTERM and measures until the process has exited, and until every client has its
close frame (1001). Repeated ``--runs`` times.

Run: ``uv run python benchmarks/bench_api_shutdown.py [--clients 50] [--runs 5]``; results
in ``benchmarks/results/api_shutdown.json``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import aiohttp
from _common import ROOT, summary, write

sys.path.insert(0, str(ROOT / "tests" / "fleet"))


async def one_run(clients: int, folder: Path) -> dict[str, Any]:
    from cryptography.fernet import Fernet

    os.environ.setdefault("JOBPILOT_SECRET_KEY", Fernet.generate_key().decode())
    from conftest import make_user  # type: ignore[import-not-found]
    from jobpilot.fleet.store import FleetStore
    from test_shutdown import free_port, start_api  # type: ignore[import-not-found]

    url = f"sqlite+aiosqlite:///{folder / 'fleet.db'}"
    async with FleetStore(url) as store:
        _, token, _ = await make_user(store)
    port = free_port()
    proc = await start_api(url, port, folder / "serve.log")
    async with aiohttp.ClientSession() as http:
        sockets = [
            await http.ws_connect(
                f"ws://127.0.0.1:{port}/api/stream", headers={"Authorization": f"Bearer {token}"}
            )
            for _ in range(clients)
        ]
        for ws in sockets:
            await ws.receive_json(timeout=60)
        start = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        codes = []
        for ws in sockets:
            msg = await ws.receive(timeout=120)
            codes.append(msg.data if msg.type == aiohttp.WSMsgType.CLOSE else None)
        closed = time.monotonic() - start
        await asyncio.to_thread(proc.wait, 120)
        exited = time.monotonic() - start
    return {
        "exit_seconds": round(exited, 3),
        "all_closed_seconds": round(closed, 3),
        "going_away": sum(1 for c in codes if c == 1001),
        "returncode": proc.returncode,
    }


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    runs = []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as tmp:
            runs.append(await one_run(args.clients, Path(tmp)))
            print(runs[-1], flush=True)
    result = {
        "clients": args.clients,
        "runs": runs,
        "sigterm_to_exit": summary([r["exit_seconds"] for r in runs]),
        "sigterm_to_all_closed": summary([r["all_closed_seconds"] for r in runs]),
        "load_average": os.getloadavg(),
    }
    write("api_shutdown", result)


if __name__ == "__main__":
    asyncio.run(main())

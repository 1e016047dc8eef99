"""Graceful shutdown of the API (issue 17), on SQLite and PostgreSQL: ``jobpilot serve``
stopped by SIGTERM with WebSocket clients connected closes them with 1001 (going away) and
exits cleanly; a client that reconnects to the restarted server with ``since`` receives the
event it missed while the server was down. (How fast: ``benchmarks/bench_api_shutdown.py``.)"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import aiohttp
from jobpilot.fleet.queue import Queue
from jobpilot.fleet.store import FleetStore


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def start_api(url: str, port: int, log: Path) -> subprocess.Popen[bytes]:
    """``jobpilot serve`` as an operator runs it, once it answers its liveness probe."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "jobpilot.cli.main", "serve", "--database-url", url, "--port", str(port)],
        stdout=open(log, "ab"),  # noqa: SIM115
        stderr=subprocess.STDOUT,
        env={**os.environ, "JOBPILOT_LOG_FORMAT": "text"},
    )
    async with aiohttp.ClientSession() as http:
        for _ in range(1200):
            assert proc.poll() is None, log.read_text()[-2000:]
            try:
                async with http.get(f"http://127.0.0.1:{port}/api/health/live") as r:
                    if r.status == 200:
                        return proc
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.1)
    proc.kill()
    raise AssertionError(f"serve never became live: {log.read_text()[-2000:]}")


async def test_sigterm_closes_streams_going_away_and_clients_resume(
    database_url: str, fleet: Any, tmp_path: Path
) -> None:
    async with FleetStore(database_url) as store:
        user, token, applicant = await fleet.make_user(store)
        await Queue(store).enqueue(user, applicant_id=applicant["id"], url="https://jobs.example.org/1")
    port = free_port()
    log = tmp_path / "serve.log"
    proc = await start_api(database_url, port, log)
    stream = f"ws://127.0.0.1:{port}/api/stream"
    async with aiohttp.ClientSession() as http:
        try:
            clients = [
                await http.ws_connect(stream, headers={"Authorization": f"Bearer {token}"}) for _ in range(3)
            ]
            hellos = [await ws.receive_json(timeout=60) for ws in clients]
            assert {h["type"] for h in hellos} == {"hello"}
            seen = hellos[0]["last_event"]
            assert seen >= 1

            proc.send_signal(signal.SIGTERM)
            for ws in clients:
                msg = await ws.receive(timeout=60)
                assert msg.type == aiohttp.WSMsgType.CLOSE, msg
                assert msg.data == aiohttp.WSCloseCode.GOING_AWAY == 1001
                assert msg.extra == "server shutting down"
            assert await asyncio.to_thread(proc.wait, 60) == 0, log.read_text()[-2000:]
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()

        # What happens while no server runs is not lost: the restarted one sends it.
        async with FleetStore(database_url) as store:
            missed = await Queue(store).enqueue(
                user, applicant_id=applicant["id"], url="https://jobs.example.org/2"
            )
        proc = await start_api(database_url, port, log)
        try:
            ws = await http.ws_connect(stream)
            await ws.send_json({"token": token, "since": seen})
            assert (await ws.receive_json(timeout=60))["type"] == "hello"
            event = await ws.receive_json(timeout=60)
            assert event["type"] == "event" and event["event"]["id"] > seen
            assert event["event"]["application_id"] == missed["id"]
            assert event["event"]["state"] == "queued"
            await ws.close()
        finally:
            proc.terminate()
            await asyncio.to_thread(proc.wait, 60)
    assert "going away" in log.read_text()

"""``kill -9`` at random moments: the fleet's exactly-once figures (issue 12), re-run.

Two ``jobpilot worker`` processes (two contexts each) apply to the replica board while a
killer waits until a random one holds an application, sends it SIGKILL 0-4 s later (mid-fill, at
the click, after it) and starts a fresh one in its place. A
third of the jobs answer the submit click only after 2 s and a third parse the resume
slowly, so kills land mid-fill, between the click and the confirmation, and anywhere else.
On SQLite (one file) and PostgreSQL. Counted by the replica's server, not by the fleet:

- ``double_submissions``: jobs the server received more than once (must be 0);
- ``lost``: jobs that ended in no final state, or that the server received while the fleet
  recorded them as not sent (``dead``/``failed``/``queued``), must be 0;
- ``needs_verification``: the worker died between the click and the confirmation; a
  person checks (the server's count says whether it went through: 0 or 1, never 2).

Run: ``uv run python benchmarks/bench_fleet_faults.py [applications per database]`` (default
125, so 250 in all); results in ``benchmarks/results/fleet_faults.json``.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from _common import ROOT, write

sys.path.insert(0, str(ROOT / "tests" / "fleet"))
sys.path.insert(0, str(ROOT / "benchmarks"))

SLOW = float(os.environ.get("JOBPILOT_CHAOS_SLOW", "1"))
"""Stretch the pause after each kill (fewer kills, more progress between them)."""
STALL = float(os.environ.get("JOBPILOT_CHAOS_STALL", "600"))
"""Give up when nothing finishes for this long (a hang is a failure, slowness is not)."""


def _start(url: str, name: str, log: Path) -> subprocess.Popen[bytes]:
    cmd = [
        sys.executable, "-m", "jobpilot.cli.main", "worker", "--database-url", url, "--name", name,
        "--allow-host", "127.0.0.1", "--allow-address", "127.0.0.1",
        "--site-limit", "1000000", "--lease", "10", "-c", "2",
        "--no-evidence", "--verify-timeout", "30", "--backoff", "1", "--max-attempts", "20",
    ]  # fmt: skip
    out = open(log, "ab")  # noqa: SIM115
    return subprocess.Popen(
        cmd, stdout=out, stderr=subprocess.STDOUT, env={"JOBPILOT_LOG": "WARNING", **os.environ}
    )


async def chaos(url: str, replica: Any, n: int, label: str, seed: int) -> dict[str, Any]:
    from bench_fleet import _user
    from jobpilot.fleet.queue import Queue, QueueConfig
    from jobpilot.fleet.store import FleetStore

    rng = random.Random(seed)
    logs = Path(tempfile.mkdtemp(prefix=f"jobpilot-chaos-{label}-"))
    async with FleetStore(url) as store:
        user, applicant = await _user(store)
        q = Queue(store, QueueConfig(max_attempts=20))  # a killed run counts as an attempt
        keys: dict[str, str] = {}
        for i in range(n):
            key = f"{label}-{i}"
            params: dict[str, Any] = {}
            if i % 3 == 1:
                params["confirm_delay"] = 2
            elif i % 3 == 2:
                params["slow_parse"] = 1500
            job = await q.enqueue(
                user, applicant_id=applicant["id"], url=replica.url(key, **params), submit=True
            )
            keys[job["id"]] = key
        started = time.monotonic()
        serial = 0
        procs: list[subprocess.Popen[bytes]] = []
        for _ in range(2):
            serial += 1
            procs.append(_start(url, f"{label}-w{serial}", logs / f"w{serial}.log"))
        kills = 0
        names = [f"{label}-w1", f"{label}-w2"]

        async def holding(name: str) -> bool:
            rows = await store.retry(lambda: q.list_jobs(user["id"], limit=500))
            return any(r["lease_owner"] == name and r["state"] in ("running", "submitting") for r in rows)

        async def killer() -> None:
            """Kill a random worker at a random moment *while it holds an application*: on a
            loaded machine a worker takes long to start, and a kill before it works tests nothing."""
            nonlocal kills, serial
            while True:
                victim = rng.randrange(len(procs))
                while not await holding(names[victim]):
                    await asyncio.sleep(0.2)
                await asyncio.sleep(rng.uniform(0, 4))  # anywhere: mid-fill, at the click, after it
                procs[victim].send_signal(signal.SIGKILL)
                await asyncio.to_thread(procs[victim].wait)
                kills += 1
                serial += 1
                names[victim] = f"{label}-w{serial}"
                procs[victim] = _start(url, names[victim], logs / f"w{serial}.log")
                await asyncio.sleep(rng.uniform(0, 5 * SLOW))

        chaos_task = asyncio.create_task(killer())
        last, progress_at = -1, time.monotonic()
        try:
            while True:
                counts = await store.retry(lambda: q.counts(user["id"]))
                finished = sum(v for k, v in counts.items() if k not in ("queued", "running", "submitting"))
                if finished != last:
                    last, progress_at = finished, time.monotonic()
                if finished == n or time.monotonic() - progress_at > STALL:
                    break
                await asyncio.sleep(0.5)
        finally:
            chaos_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await chaos_task
            for p in procs:
                p.terminate()
            for p in procs:
                try:
                    await asyncio.to_thread(p.wait, 120)
                except subprocess.TimeoutExpired:
                    p.kill()
        seconds = time.monotonic() - started
        jobs = await q.jobs_by_id(list(keys))
    states: dict[str, int] = {}
    double, lost, unconfirmed_sent = [], [], 0
    for job_id, job in jobs.items():
        states[job["state"]] = states.get(job["state"], 0) + 1
        received = replica.submissions[keys[job_id]]
        if received > 1:
            double.append(keys[job_id])
        if job["state"] == "submitted" and received != 1:
            lost.append(keys[job_id])  # the fleet believes it sent one the server never saw
        elif job["state"] == "needs_verification":
            unconfirmed_sent += received
        elif job["state"] != "submitted" and received:
            lost.append(keys[job_id])
    tails = {p.name: p.read_text(errors="replace")[-1500:] for p in sorted(logs.glob("*.log"))[-2:]}
    shutil.rmtree(logs, ignore_errors=True)
    if last != n:
        print(f"stalled at {last}/{n}; last worker logs:", json.dumps(tails, indent=1), flush=True)
    return {
        "database": label,
        "applications": n,
        "kills": kills,
        "seconds": round(seconds, 1),
        "states": states,
        "needs_verification_received_by_server": unconfirmed_sent,
        "double_submissions": len(double),
        "lost": len(lost),
        "examples": {"double": double[:5], "lost": lost[:5]},
    }


async def main() -> None:
    from bench_fleet import _env
    from replica import Replica

    _env()
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 125
    replica = Replica().start()
    rows = []
    folder = Path(tempfile.mkdtemp(prefix="jobpilot-chaos-db-"))
    try:
        rows.append(await chaos(f"sqlite+aiosqlite:///{folder / 'fleet.db'}", replica, n, "sqlite", 12))
        print(rows[-1], flush=True)
        import pgserver

        root = Path(tempfile.mkdtemp(prefix="jobpilot-chaos-pg-"))
        os.chmod(root, 0o755)
        server = pgserver.get_server(root / "pgdata", cleanup_mode="stop")
        socket_dir = server.get_uri().split("host=")[1].split("&")[0]
        try:
            server.psql("CREATE DATABASE chaos;")
            url = f"postgresql+asyncpg://postgres@/chaos?host={socket_dir}"
            rows.append(await chaos(url, replica, n, "postgresql", 13))
            print(rows[-1], flush=True)
        finally:
            server.cleanup()
            shutil.rmtree(root, ignore_errors=True)
    finally:
        replica.stop()
        shutil.rmtree(folder, ignore_errors=True)
    write(
        "fleet_faults",
        {
            "note": "2 worker processes x 2 contexts; SIGKILL to a random one 0-4 s after it claimed work, a"
            " fresh one started in its place; counted by the replica's server",
            "runs": rows,
            "total": {
                "applications": sum(r["applications"] for r in rows),
                "kills": sum(r["kills"] for r in rows),
                "double_submissions": sum(r["double_submissions"] for r in rows),
                "lost": sum(r["lost"] for r in rows),
            },
        },
    )


if __name__ == "__main__":
    asyncio.run(main())

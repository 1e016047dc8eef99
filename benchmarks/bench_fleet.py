"""The fleet on this machine: applications per minute against concurrency (browser contexts
in one worker), memory per context, and queue claim throughput on PostgreSQL (and SQLite).

Applications go to the local replica board (tests/fleet/replica.py: the demo's Northwind
form, submitted for real and counted by the server). Run: ``uv run python
benchmarks/bench_fleet.py`` (about 3 minutes); results in benchmarks/results/fleet.json.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from _common import ROOT, write

sys.path.insert(0, str(ROOT / "tests" / "fleet"))

CONCURRENCY = (1, 2, 4, 8)


def _env() -> None:
    from cryptography.fernet import Fernet

    os.environ.setdefault("JOBPILOT_SECRET_KEY", Fernet.generate_key().decode())
    os.environ.setdefault("JOBPILOT_HOME", tempfile.mkdtemp(prefix="jobpilot-bench-"))


async def _user(store: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    import jobpilot.demo
    from jobpilot.profile_io import load_profile

    demo = Path(jobpilot.demo.__file__).parent / "profile"
    user = await store.create_user("bench-" + os.urandom(3).hex(), tier="pro", daily_cap=1_000_000)
    applicant = await store.create_applicant(
        user["id"], "Mara", load_profile(demo / "resume.json", demo / "answers.yaml")
    )
    await store.add_resume(
        user["id"],
        applicant["id"],
        name="cv",
        filename="resume.pdf",
        content_type="application/pdf",
        data=(demo / "resume.pdf").read_bytes(),
    )
    return user, applicant


async def throughput(replica: Any, concurrency: int, n: int, *, evidence: bool) -> dict[str, Any]:
    from jobpilot.fleet.queue import Queue, QueueConfig
    from jobpilot.fleet.store import FleetStore
    from jobpilot.fleet.worker import Worker, WorkerConfig

    folder = Path(tempfile.mkdtemp(prefix="jobpilot-bench-db-"))
    try:
        async with FleetStore(f"sqlite+aiosqlite:///{folder / 'fleet.db'}") as store:
            user, applicant = await _user(store)
            queue = Queue(store, QueueConfig(site_limit=1_000_000))
            tag = f"b{concurrency}{'e' if evidence else 'n'}-{os.urandom(2).hex()}"
            for i in range(n):
                await queue.enqueue(
                    user, applicant_id=applicant["id"], url=replica.url(f"{tag}-{i}"), submit=True
                )
            worker = Worker(
                store,
                queue,
                WorkerConfig(
                    concurrency=concurrency,
                    max_jobs=n,
                    allow_hosts=("127.0.0.1",),
                    allow_addresses=("127.0.0.1",),  # the replica is on loopback
                    poll_interval=0.05,
                    evidence=evidence,
                ),
            )
            await worker.run()
            events = [e for e in await store.events_after(0, limit=100_000) if e["user_id"] == user["id"]]
            first = min(e["at"] for e in events if e["state"] == "running")
            last = max(e["at"] for e in events if e["state"] == "submitted")
            submitted = sum(replica.submissions[f"{tag}-{i}"] == 1 for i in range(n))
            seconds = last - first
            return {
                "concurrency": concurrency,
                "applications": n,
                "evidence": evidence,
                "submitted_exactly_once": submitted,
                "seconds": round(seconds, 2),
                "applications_per_minute": round(n / seconds * 60, 1),
            }
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _tree_uss(pid: int) -> int:
    import psutil

    total = 0
    root = psutil.Process(pid)
    for p in [root, *root.children(recursive=True)]:
        with contextlib.suppress(psutil.Error):
            total += p.memory_full_info().uss
    return total


async def memory_per_context(replica: Any) -> dict[str, Any]:
    """USS of the whole Chromium process tree with k contexts open on the form."""
    import psutil
    from jobpilot.runner import launch_browser

    browser = await launch_browser()
    try:
        me = psutil.Process()
        chromium = [c for c in me.children(recursive=True) if "chrom" in c.name().lower()]
        top = min(chromium, key=lambda c: c.create_time())  # the browser process
        pages = []
        rows = []
        for k in (0, 1, 2, 4, 8):
            while len(pages) < k:
                page = await browser.new_page(offline=True)
                await page.goto(replica.url(f"mem-{len(pages)}"))
                await page.snapshot()
                pages.append(page)
            await asyncio.sleep(1.0)
            rows.append({"contexts": k, "uss_mib": round(_tree_uss(top.pid) / 2**20, 1)})
        per = (rows[-1]["uss_mib"] - rows[0]["uss_mib"]) / 8
        for p in pages:
            await p.close()
        return {"by_contexts": rows, "mib_per_context": round(per, 1)}
    finally:
        await browser.close()


async def claims(url: str, *, jobs: int, claimers: int) -> dict[str, Any]:
    """Claim ``jobs`` fill-only applications with ``claimers`` concurrent claimers (each
    claim is one transaction: SKIP LOCKED select, lease update, event insert)."""
    from jobpilot.fleet.queue import Queue
    from jobpilot.fleet.store import FleetStore

    async with FleetStore(url, pool_size=claimers + 2) as store:
        user, applicant = await _user(store)
        queue = Queue(store)
        t = time.perf_counter()
        for i in range(jobs):
            await queue.enqueue(user, applicant_id=applicant["id"], url=f"https://s{i % 50}.example/jobs/{i}")
        enqueue_s = time.perf_counter() - t
        got: list[str] = []

        async def claimer(name: str) -> None:
            while (c := await queue.claim(name)) is not None:
                got.append(c.id)

        t = time.perf_counter()
        await asyncio.gather(*[claimer(f"c{i}") for i in range(claimers)])
        claim_s = time.perf_counter() - t
        assert len(got) == len(set(got)) == jobs, "an application was claimed twice"
        return {
            "claimers": claimers,
            "jobs": jobs,
            "claims_per_second": round(jobs / claim_s, 1),
            "enqueues_per_second": round(jobs / enqueue_s, 1),
        }


async def main() -> None:
    _env()
    from replica import Replica

    replica = Replica().start()
    out: dict[str, Any] = {"note": "one worker process, one Chromium, N contexts; replica board on 127.0.0.1"}
    try:
        rows = []
        for c in CONCURRENCY:
            rows.append(await throughput(replica, c, max(8, 4 * c), evidence=True))
            print(rows[-1], flush=True)
        rows.append(await throughput(replica, 4, 16, evidence=False))
        print(rows[-1], flush=True)
        out["throughput"] = rows
        out["memory"] = await memory_per_context(replica)
        print(out["memory"], flush=True)
    finally:
        replica.stop()

    import pgserver

    root = Path(tempfile.mkdtemp(prefix="jobpilot-bench-pg-"))
    os.chmod(root, 0o755)
    server = pgserver.get_server(root / "pgdata", cleanup_mode="stop")
    socket_dir = server.get_uri().split("host=")[1].split("&")[0]
    try:
        pg_rows = []
        for claimers in (1, 4, 8):
            name = f"bench_{claimers}_{os.urandom(2).hex()}"
            server.psql(f"CREATE DATABASE {name};")
            pg_rows.append(
                await claims(
                    f"postgresql+asyncpg://postgres@/{name}?host={socket_dir}", jobs=1000, claimers=claimers
                )
            )
            print(pg_rows[-1], flush=True)
        out["claims_postgresql"] = pg_rows
        folder = Path(tempfile.mkdtemp(prefix="jobpilot-bench-sqlite-"))
        out["claims_sqlite"] = [await claims(f"sqlite+aiosqlite:///{folder / 'q.db'}", jobs=1000, claimers=4)]
        shutil.rmtree(folder, ignore_errors=True)
    finally:
        server.cleanup()
        shutil.rmtree(root, ignore_errors=True)
    write("fleet", out)


if __name__ == "__main__":
    asyncio.run(main())

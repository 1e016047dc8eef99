"""Fault tests with real worker processes on a real PostgreSQL, counted by the replica
board's server: ``kill -9`` mid-fill and between the submit click and the confirmation,
PostgreSQL restarted under load, and many applications through several workers on two
processes, each submitted exactly once."""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest
from jobpilot.fleet.queue import Queue
from jobpilot.fleet.store import FleetStore

pytestmark = pytest.mark.browser

MANY = int(os.environ.get("JOBPILOT_FLEET_MANY", "200"))
"""Applications in the load test: the 200 through 4 workers on 2 processes the issue names
(``JOBPILOT_FLEET_MANY`` lowers it for a quick local run)."""
LEASE = "15"
"""Seconds of lease for the workers of the kill tests: long enough that a live worker on a
busy 2-core machine (renewing every 5 s) never loses its application, so the only lease
that runs out is the killed worker's; the test waits for that expiry however long it takes."""
STALL = 600.0
"""The load tests fail when no application finishes for this long (a hang), never because
the machine is slow: there is no time budget for the whole run."""


@pytest.fixture
async def pg(postgres: Any) -> AsyncIterator[tuple[str, FleetStore]]:
    url = postgres.new_database()
    async with FleetStore(url) as store:
        yield url, store


async def wait_until(check: Callable[[], Any], what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if asyncio.iscoroutine(result):
            result = await result
        if result:
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.1)


async def test_kill_mid_fill_is_retried_by_another_worker_and_submitted_once(
    pg: tuple[str, FleetStore], replica: Any, fleet: Any, tmp_path: Path
) -> None:
    url, store = pg
    user, _, applicant = await fleet.make_user(store, daily_cap=1000)
    q = Queue(store)
    job = await q.enqueue(
        user, applicant_id=applicant["id"], url=replica.url("k-fill", slow_parse=2000), submit=True
    )
    w1 = fleet.start_worker(url, "w1", "--lease", LEASE, "-c", "1", log=tmp_path / "w1.log")
    w2 = None
    try:
        await wait_until(lambda: replica.parses["k-fill"] >= 1, "the first worker to reach the upload", STALL)
        row = await q.get(user["id"], job["id"])
        assert row["state"] == "running" and row["lease_owner"] == "w1"
        w1.kill()  # SIGKILL: no goodbye, the lease just stops being renewed
        w1.wait()
        assert replica.submissions["k-fill"] == 0
        w2 = fleet.start_worker(url, "w2", "--lease", LEASE, "-c", "1", log=tmp_path / "w2.log")
        await wait_until(
            lambda: _state(q, user, job["id"], "submitted", "dead", "failed"), "the retry to finish", STALL
        )
        row = await q.get(user["id"], job["id"])
        assert row["state"] == "submitted", row["last_error"]
        assert replica.submissions["k-fill"] == 1
        assert replica.page_views["k-fill"] == 2 and replica.parses["k-fill"] == 2
        history = await store.history(user["id"], job["id"])
        assert [(h["state"], h["worker"]) for h in history] == [
            ("queued", None),
            ("running", "w1"),
            ("queued", None),
            ("running", "w2"),
            ("submitting", "w2"),
            ("submitted", "w2"),
        ]
        assert "w1 stopped renewing" in history[2]["message"]
    finally:
        if w2 is not None:
            fleet.stop_worker(w2)


async def test_kill_between_submit_and_confirmation_leaves_needs_verification(
    pg: tuple[str, FleetStore], replica: Any, fleet: Any, tmp_path: Path
) -> None:
    url, store = pg
    user, _, applicant = await fleet.make_user(store, daily_cap=1000)
    q = Queue(store)
    job = await q.enqueue(
        user, applicant_id=applicant["id"], url=replica.url("k-sub", confirm_delay=20), submit=True
    )
    w1 = fleet.start_worker(
        url, "w1", "--lease", LEASE, "-c", "1", "--verify-timeout", "60", log=tmp_path / "w1.log"
    )
    w2 = None
    try:
        await wait_until(
            lambda: replica.submissions["k-sub"] >= 1, "the submit click to reach the server", STALL
        )
        row = await q.get(user["id"], job["id"])
        assert row["state"] == "submitting"  # the ledger entry came before the click
        w1.kill()
        w1.wait()
        w2 = fleet.start_worker(url, "w2", "--lease", LEASE, "-c", "1", log=tmp_path / "w2.log")
        await wait_until(
            lambda: _state(q, user, job["id"], "needs_verification"), "needs_verification", STALL
        )
        await asyncio.sleep(4)  # w2 is idle and alive: it must not touch the application
        row = await q.get(user["id"], job["id"])
        assert row["state"] == "needs_verification" and "after the submit click" in row["last_error"]
        assert replica.submissions["k-sub"] == 1
        # A person checks and confirms; it counts against today's cap.
        done = await q.resolve(user["id"], job["id"], submitted=True)
        assert done["state"] == "submitted" and await q.submitted_today(user["id"]) == 1
    finally:
        if w2 is not None:
            fleet.stop_worker(w2)


async def _state(q: Queue, user: dict[str, Any], job_id: str, *states: str) -> bool:
    return (await q.get(user["id"], job_id))["state"] in states


async def _run_many(
    url: str,
    store: FleetStore,
    replica: Any,
    fleet: Any,
    tmp_path: Path,
    *,
    n: int,
    prefix: str,
    during: Callable[[], Any] | None = None,
) -> dict[str, Any]:
    user, _, applicant = await fleet.make_user(store, daily_cap=100_000, tier="pro")
    q = Queue(store)
    ids = [
        (await q.enqueue(user, applicant_id=applicant["id"], url=replica.url(f"{prefix}-{i}"), submit=True))[
            "id"
        ]
        for i in range(n)
    ]
    # The replica confirms at once; a long confirmation wait only keeps a browser starved by
    # other work on this 2-core machine from calling a sent application needs_verification.
    args = ("--lease", "30", "-c", "2", "--no-evidence", "--verify-timeout", "60")
    procs = [fleet.start_worker(url, f"{prefix}-p{i}", *args, log=tmp_path / f"p{i}.log") for i in range(2)]
    try:
        if during is not None:
            await during()
        # No time budget: wait while applications keep finishing; fail only on a stall.
        last, progress_at = -1, time.monotonic()
        while True:
            counts = await store.retry(lambda: q.counts(user["id"]))
            finished = sum(v for k, v in counts.items() if k not in ("queued", "running", "submitting"))
            if finished != last:
                last, progress_at = finished, time.monotonic()
            if finished == n or time.monotonic() - progress_at > STALL:
                break
            assert all(p.poll() is None for p in procs), "a worker process died"
            await asyncio.sleep(0.5)
    finally:
        for p in procs:
            fleet.stop_worker(p)
    logs = "\n".join((tmp_path / f"p{i}.log").read_text(errors="replace")[-3000:] for i in range(2))
    assert counts == {"submitted": n}, (counts, logs)
    per_job = [replica.submissions[f"{prefix}-{i}"] for i in range(n)]
    assert per_job == [1] * n, [f"{prefix}-{i}" for i, c in enumerate(per_job) if c != 1]
    jobs = await q.jobs_by_id(ids)
    assert {j["record"] is not None for j in jobs.values()} == {True}
    # Who submitted each one: the worker named on its "submitted" event.
    by_worker: dict[str, int] = {}
    for job_id in ids:
        done = [h for h in await store.history(user["id"], job_id) if h["state"] == "submitted"]
        assert len(done) == 1, (job_id, done)
        by_worker[done[0]["worker"]] = by_worker.get(done[0]["worker"], 0) + 1
    return {"counts": counts, "by_worker": by_worker}


async def test_postgres_restart_under_load_loses_nothing(
    pg: tuple[str, FleetStore], replica: Any, fleet: Any, postgres: Any, tmp_path: Path
) -> None:
    url, store = pg

    async def restart() -> None:
        await wait_until(lambda: replica.total_for("r-") >= 4, "some submissions before the restart", STALL)
        await asyncio.to_thread(postgres.restart, 2.0)

    await _run_many(url, store, replica, fleet, tmp_path, n=16, prefix="r", during=restart)


async def test_many_applications_through_four_workers_on_two_processes(
    pg: tuple[str, FleetStore], replica: Any, fleet: Any, tmp_path: Path
) -> None:
    url, store = pg
    started = time.monotonic()
    out = await _run_many(url, store, replica, fleet, tmp_path, n=MANY, prefix="m")
    print(f"{MANY} applications in {time.monotonic() - started:.1f} s: {out['by_worker']}")
    # Both processes did real work: the test is about several machines sharing one queue.
    assert set(out["by_worker"]) == {"m-p0", "m-p1"}, out["by_worker"]
    assert all(n > 0 for n in out["by_worker"].values()), out["by_worker"]

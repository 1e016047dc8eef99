"""A worker in real Chromium against the replica board: fill only, submit with evidence,
CAPTCHA hand-off answered live and after parking, graceful shutdown, a remote browser
over CDP."""

from __future__ import annotations

import asyncio
import contextlib
import socket
import subprocess
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from jobpilot.fleet.queue import Queue, QueueConfig
from jobpilot.fleet.store import FleetStore
from jobpilot.fleet.worker import Worker, WorkerConfig

pytestmark = pytest.mark.browser


@pytest.fixture
async def sqlite_store(tmp_path: Path) -> AsyncIterator[FleetStore]:
    async with FleetStore(f"sqlite+aiosqlite:///{tmp_path / 'fleet.db'}") as s:
        yield s


def worker_for(store: FleetStore, **kw: Any) -> Worker:
    qc = QueueConfig(lease_seconds=kw.pop("lease", 6.0), backoff_base=0.5, site_limit=10_000)
    config = WorkerConfig(allow_hosts=("127.0.0.1",), poll_interval=0.1, **kw)
    return Worker(store, Queue(store, qc), config)


async def wait_state(
    q: Queue, user: dict[str, Any], job_id: str, *states: str, timeout: float = 30
) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        job = await q.get(user["id"], job_id)
        if job["state"] in states:
            return job
        if time.monotonic() > deadline:
            raise AssertionError(f"{job_id} is {job['state']} ({job['last_error']}), not {states}")
        await asyncio.sleep(0.1)


async def test_fill_only_and_submit_with_evidence(sqlite_store: FleetStore, replica: Any, fleet: Any) -> None:
    user, _, applicant = await fleet.make_user(sqlite_store)
    w = worker_for(sqlite_store, concurrency=2, max_jobs=2)
    q = w.queue
    fill = await q.enqueue(user, applicant_id=applicant["id"], url=replica.url("w-fill"))
    sub = await q.enqueue(user, applicant_id=applicant["id"], url=replica.url("w-sub"), submit=True)
    await asyncio.wait_for(w.run(), 60)
    fill_row = await q.get(user["id"], fill["id"])
    sub_row = await q.get(user["id"], sub["id"])
    assert fill_row["state"] == "filled", fill_row["last_error"]
    assert sub_row["state"] == "submitted", sub_row["last_error"]
    assert replica.submissions["w-fill"] == 0 and replica.submissions["w-sub"] == 1
    body = replica.bodies["w-sub"][0]
    assert b"Okafor-Lindqvist" in body and b'filename="resume.pdf"' in body
    names = [n for n, _, _ in await sqlite_store.evidence_names(sub["id"])]
    assert {"filled.png", "final.png", "plan.json", "snapshot.json", "run.json"} <= set(names)
    ctype, png = await sqlite_store.evidence_file(sub["id"], "final.png")  # type: ignore[misc]
    assert ctype == "image/png" and png.startswith(b"\x89PNG")
    record = sub_row["record"]
    assert record["plan"]["actions"] and record["evidence"]["screenshots"] == ["filled.png", "final.png"]
    assert record["evidence"]["confirmation_text"]
    states = [e["state"] for e in await sqlite_store.history(user["id"], sub["id"])]
    assert states == ["queued", "running", "submitting", "submitted"]


async def test_captcha_hand_off_answered_live(sqlite_store: FleetStore, replica: Any, fleet: Any) -> None:
    user, _, applicant = await fleet.make_user(sqlite_store)
    w = worker_for(sqlite_store, concurrency=1, max_jobs=1, handoff_wait=30)
    q = w.queue
    job = await q.enqueue(
        user, applicant_id=applicant["id"], url=replica.url("w-captcha", captcha=1), submit=True
    )
    task = asyncio.create_task(w.run())
    waiting = await wait_state(q, user, job["id"], "needs_user")
    assert waiting["question"]["live"] and "hcaptcha" in waiting["question"]["text"].lower()
    assert "handoff.png" in [n for n, _, _ in await sqlite_store.evidence_names(job["id"])]
    await q.answer(user["id"], job["id"], "PASS")
    await asyncio.wait_for(task, 30)
    done = await q.get(user["id"], job["id"])
    assert done["state"] == "submitted", done["last_error"]
    assert replica.submissions["w-captcha"] == 1
    assert b"PASS" in replica.bodies["w-captcha"][0]


async def test_parked_hand_off_resumes_from_the_queue(
    sqlite_store: FleetStore, replica: Any, fleet: Any
) -> None:
    user, _, applicant = await fleet.make_user(sqlite_store)
    w = worker_for(sqlite_store, concurrency=1, max_jobs=1, handoff_wait=0.5)
    q = w.queue
    job = await q.enqueue(
        user, applicant_id=applicant["id"], url=replica.url("w-park", captcha=1), submit=True
    )
    await asyncio.wait_for(w.run(), 30)
    parked = await q.get(user["id"], job["id"])
    assert parked["state"] == "needs_user" and not parked["question"]["live"]
    assert parked["record"]["plan"]["actions"]  # its progress is kept
    await q.answer(user["id"], job["id"], "PASS")
    w2 = worker_for(sqlite_store, concurrency=1, max_jobs=1, handoff_wait=0.5)
    await asyncio.wait_for(w2.run(), 30)
    done = await q.get(user["id"], job["id"])
    assert done["state"] == "submitted", done["last_error"]
    assert replica.submissions["w-park"] == 1


async def test_graceful_shutdown_hands_work_back(sqlite_store: FleetStore, replica: Any, fleet: Any) -> None:
    user, _, applicant = await fleet.make_user(sqlite_store)
    w = worker_for(sqlite_store, concurrency=1, shutdown_grace=0.2)
    q = w.queue
    job = await q.enqueue(
        user, applicant_id=applicant["id"], url=replica.url("w-grace", slow_parse=20_000), submit=True
    )
    task = asyncio.create_task(w.run())
    deadline = time.monotonic() + 30
    while replica.parses["w-grace"] == 0:
        assert time.monotonic() < deadline, "the worker never reached the upload"
        await asyncio.sleep(0.05)
    w.stop()
    await asyncio.wait_for(task, 30)
    back = await q.get(user["id"], job["id"])
    assert back["state"] == "queued" and back["attempts"] == 0 and back["lease_owner"] is None
    assert replica.submissions["w-grace"] == 0
    assert "handed back" in (await sqlite_store.history(user["id"], job["id"]))[-1]["message"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def test_remote_browser_over_cdp(
    sqlite_store: FleetStore, replica: Any, fleet: Any, tmp_path: Path
) -> None:
    from jobpilot.runner import find_chromium

    port = _free_port()
    proc = subprocess.Popen(
        [
            find_chromium(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            f"--remote-debugging-port={port}",
            f"--user-data-dir={tmp_path / 'remote'}",
            "about:blank",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        user, _, applicant = await fleet.make_user(sqlite_store)
        w = worker_for(sqlite_store, concurrency=1, max_jobs=1, cdp_url=f"http://127.0.0.1:{port}")
        job = await w.queue.enqueue(user, applicant_id=applicant["id"], url=replica.url("w-cdp"))
        for _ in range(50):  # the remote browser needs a moment to listen
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
                break
            await asyncio.sleep(0.1)
        await asyncio.wait_for(w.run(), 60)
        assert (await w.queue.get(user["id"], job["id"]))["state"] == "filled"
        assert replica.page_views["w-cdp"] == 1
    finally:
        proc.terminate()
        proc.wait(10)

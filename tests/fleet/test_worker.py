"""A worker in real Chromium against the replica board: fill only, submit with evidence,
CAPTCHA hand-off answered live and after parking (a new token is asked for: tokens are
page-bound), a question after the submit click (answered live, parked then answered, the
worker killed while waiting), graceful shutdown, a remote browser over CDP."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from jobpilot.fleet.queue import Queue, QueueConfig
from jobpilot.fleet.store import Conflict, FleetStore
from jobpilot.fleet.worker import Worker, WorkerConfig

pytestmark = pytest.mark.browser


@pytest.fixture
async def sqlite_store(tmp_path: Path) -> AsyncIterator[FleetStore]:
    async with FleetStore(f"sqlite+aiosqlite:///{tmp_path / 'fleet.db'}") as s:
        yield s


HERE = Path(__file__).parent


def worker_for(store: FleetStore, *, plugins: Any = None, **kw: Any) -> Worker:
    qc = QueueConfig(lease_seconds=kw.pop("lease", 30.0), backoff_base=0.5, site_limit=10_000)
    # The replica is on loopback: the outbound guard lets it through only when allowed.
    config = WorkerConfig(allow_hosts=("127.0.0.1",), allow_addresses=("127.0.0.1",), poll_interval=0.1, **kw)
    return Worker(store, Queue(store, qc), config, plugins=plugins)


def board_plugins() -> Any:
    """The installed plugins plus the replica board's adapter (the code after the click)."""
    from jobpilot_fleet_tests_replica import plugins_with_replica_board

    return plugins_with_replica_board()


async def wait_state(
    q: Queue, user: dict[str, Any], job_id: str, *states: str, timeout: float = 600
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
    await asyncio.wait_for(w.run(), 600)
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
    await asyncio.wait_for(task, 600)
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
    await asyncio.wait_for(w.run(), 600)
    parked = await q.get(user["id"], job["id"])
    assert parked["state"] == "needs_user" and not parked["question"]["live"]
    assert parked["record"]["plan"]["actions"]  # its progress is kept
    await q.answer(user["id"], job["id"], "PASS")
    # The resumed run loads the page again: the old token belongs to the old page, so the
    # person is asked for a new one instead of it being replayed.
    w2 = worker_for(sqlite_store, concurrency=1, max_jobs=1, handoff_wait=30)
    task = asyncio.create_task(w2.run())
    again = await wait_state(q, user, job["id"], "needs_user")
    assert again["question"]["live"] and again["question"]["kind"] == "captcha"
    assert again["question"]["id"] != parked["question"]["id"]
    assert replica.submissions["w-park"] == 0 and replica.page_views["w-park"] == 2
    await q.answer(user["id"], job["id"], "PASS")
    await asyncio.wait_for(task, 600)
    done = await q.get(user["id"], job["id"])
    assert done["state"] == "submitted", done["last_error"]
    assert replica.submissions["w-park"] == 1


CODE_QUESTION = "The board e-mailed a security code: enter it"


async def test_question_after_submit_answered_live(
    sqlite_store: FleetStore, replica: Any, fleet: Any
) -> None:
    from jobpilot_fleet_tests_replica import CODE

    user, _, applicant = await fleet.make_user(sqlite_store)
    w = worker_for(sqlite_store, plugins=board_plugins(), concurrency=1, max_jobs=1, handoff_wait=30)
    q = w.queue
    job = await q.enqueue(
        user, applicant_id=applicant["id"], url=replica.url("w-code-live", security_code=1), submit=True
    )
    task = asyncio.create_task(w.run())
    waiting = await wait_state(q, user, job["id"], "needs_user")
    assert waiting["question"]["text"] == CODE_QUESTION and waiting["question"]["after_submit"] is True
    assert replica.submissions["w-code-live"] == 1 and replica.verified["w-code-live"] == 0
    answered = await q.answer(user["id"], job["id"], CODE)
    assert answered["state"] == "submitting"  # a submission in progress again, never "running"
    await asyncio.wait_for(task, 600)
    done = await q.get(user["id"], job["id"])
    assert done["state"] == "submitted", done["last_error"]
    assert replica.submissions["w-code-live"] == 1 and replica.verified["w-code-live"] == 1
    states = [e["state"] for e in await sqlite_store.history(user["id"], job["id"])]
    assert states == ["queued", "running", "submitting", "needs_user", "submitting", "submitted"]


async def test_question_after_submit_parked_then_answered_continues_without_a_second_click(
    sqlite_store: FleetStore, replica: Any, fleet: Any
) -> None:
    from jobpilot_fleet_tests_replica import CODE

    user, _, applicant = await fleet.make_user(sqlite_store)
    w = worker_for(sqlite_store, plugins=board_plugins(), concurrency=1, max_jobs=1, handoff_wait=0.5)
    q = w.queue
    job = await q.enqueue(
        user, applicant_id=applicant["id"], url=replica.url("w-code-park", security_code=1), submit=True
    )
    await asyncio.wait_for(w.run(), 600)
    parked = await q.get(user["id"], job["id"])
    assert parked["state"] == "needs_user", parked["last_error"]
    question = parked["question"]
    assert not question["live"] and question["after_submit"] is True
    assert question["text"] == CODE_QUESTION and "/verify/w-code-park" in question["page_url"]
    # Nothing claims it meanwhile, and the person cannot cancel what was already sent.
    assert await q.claim("idle") is None
    with pytest.raises(Conflict):
        await q.cancel(user["id"], job["id"])
    assert (await q.answer(user["id"], job["id"], CODE))["state"] == "queued"
    w2 = worker_for(sqlite_store, plugins=board_plugins(), concurrency=1, max_jobs=1, handoff_wait=0.5)
    await asyncio.wait_for(w2.run(), 600)
    done = await q.get(user["id"], job["id"])
    assert done["state"] == "submitted", done["last_error"]
    # One submission, one code entered; the form itself was loaded once, never filled again.
    assert replica.submissions["w-code-park"] == 1 and replica.verified["w-code-park"] == 1
    assert replica.page_views["w-code-park"] == 1 and replica.code_pages["w-code-park"] == 2
    history = await sqlite_store.history(user["id"], job["id"])
    assert [e["state"] for e in history] == [
        "queued",
        "running",
        "submitting",
        "needs_user",
        "needs_user",
        "queued",
        "submitting",
        "submitted",
    ]
    assert "not submitted again" in history[6]["message"]


async def test_worker_killed_while_asking_after_submit_leaves_needs_verification(
    sqlite_store: FleetStore, replica: Any, fleet: Any
) -> None:
    user, _, applicant = await fleet.make_user(sqlite_store)
    q = Queue(sqlite_store, QueueConfig(lease_seconds=3.0))
    job = await q.enqueue(
        user, applicant_id=applicant["id"], url=replica.url("w-code-kill", security_code=1), submit=True
    )
    proc = subprocess.Popen(
        [sys.executable, str(HERE / "code_worker.py"), sqlite_store.url, "doomed"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        waiting = await wait_state(q, user, job["id"], "needs_user", timeout=600)
        assert waiting["question"]["live"] and waiting["question"]["after_submit"] is True
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    await asyncio.sleep(3.5)  # the lease runs out
    assert await q.reap() == 1
    row = await q.get(user["id"], job["id"])
    assert row["state"] == "needs_verification" and "after the submit click" in row["last_error"]
    assert row["question"] is None
    assert await q.claim("another") is None  # never retried automatically
    assert replica.submissions["w-code-kill"] == 1 and replica.verified["w-code-kill"] == 0
    with pytest.raises(Conflict):
        await q.answer(user["id"], job["id"], "K7Q2M9XD")


async def test_shutdown_while_asking_after_submit_parks_the_question(
    sqlite_store: FleetStore, replica: Any, fleet: Any
) -> None:
    from jobpilot_fleet_tests_replica import CODE

    user, _, applicant = await fleet.make_user(sqlite_store)
    w = worker_for(sqlite_store, plugins=board_plugins(), concurrency=1, handoff_wait=60, shutdown_grace=0.2)
    q = w.queue
    job = await q.enqueue(
        user, applicant_id=applicant["id"], url=replica.url("w-code-stop", security_code=1), submit=True
    )
    task = asyncio.create_task(w.run())
    await wait_state(q, user, job["id"], "needs_user")
    w.stop()
    await asyncio.wait_for(task, 600)
    parked = await q.get(user["id"], job["id"])
    # Parked with its question, not handed back to be filled again (that would click twice).
    assert parked["state"] == "needs_user" and parked["lease_owner"] is None
    assert parked["question"]["after_submit"] is True and not parked["question"]["live"]
    assert "handed back" in (await sqlite_store.history(user["id"], job["id"]))[-1]["message"]
    await q.answer(user["id"], job["id"], CODE)
    w2 = worker_for(sqlite_store, plugins=board_plugins(), concurrency=1, max_jobs=1, handoff_wait=0.5)
    await asyncio.wait_for(w2.run(), 600)
    done = await q.get(user["id"], job["id"])
    assert done["state"] == "submitted", done["last_error"]
    assert replica.submissions["w-code-stop"] == 1 and replica.verified["w-code-stop"] == 1
    assert replica.page_views["w-code-stop"] == 1


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
    await asyncio.wait_for(task, 600)
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
        await asyncio.wait_for(w.run(), 600)
        assert (await w.queue.get(user["id"], job["id"]))["state"] == "filled"
        assert replica.page_views["w-cdp"] == 1
    finally:
        proc.terminate()
        proc.wait(10)

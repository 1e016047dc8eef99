"""The dashboard served by ``jobpilot serve``, in real Chromium: sign in with a token, see
applications change state live over the WebSocket, read the plan and screenshots, and
answer a hand-off so the worker finishes the application."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestServer
from jobpilot.fleet.api import create_app
from jobpilot.fleet.queue import Queue, QueueConfig
from jobpilot.fleet.store import FleetStore
from jobpilot.fleet.worker import Worker, WorkerConfig

pytestmark = pytest.mark.browser


async def test_dashboard_live_list_evidence_and_hand_off(
    browser: Any, replica: Any, fleet: Any, tmp_path: Path
) -> None:
    store = FleetStore(f"sqlite+aiosqlite:///{tmp_path / 'dash.db'}")
    queue = Queue(store, QueueConfig(site_limit=1000))
    server = TestServer(create_app(store, queue, admin_token="adm", event_poll=0.1), host="127.0.0.1")
    await server.start_server()
    page = await browser.new_page(offline=True)
    worker_task: asyncio.Task[None] | None = None
    try:
        user, token, applicant = await fleet.make_user(store, "dana")
        other, _, other_applicant = await fleet.make_user(store, "eve")
        await queue.enqueue(other, applicant_id=other_applicant["id"], url=replica.url("dash-eve"))
        fill = await queue.enqueue(user, applicant_id=applicant["id"], url=replica.url("dash-fill"))
        raw = page.raw
        await raw.goto(str(server.make_url("/")))
        await raw.click("#show-token")
        await raw.fill("#token", "jp_wrong")
        await raw.click("#login-form button[type=submit]")
        await raw.wait_for_selector("#login-error:has-text('not accepted')")
        await raw.fill("#token", token)
        await raw.click("#login-form button[type=submit]")
        await raw.wait_for_selector(f"tr[data-app-id='{fill['id']}'][data-state='queued']")
        assert await raw.locator("tr.app").count() == 1  # Eve's application is not listed
        await raw.wait_for_selector("#live.on")

        # Added while the page is open: it appears without a reload.
        job = await queue.enqueue(
            user, applicant_id=applicant["id"], url=replica.url("dash-cap", captcha=1), submit=True
        )
        row = f"tr[data-app-id='{job['id']}']"
        await raw.wait_for_selector(f"{row}[data-state='queued']", timeout=10_000)

        worker = Worker(
            store,
            queue,
            WorkerConfig(
                concurrency=2,
                max_jobs=3,
                allow_hosts=("127.0.0.1",),
                allow_addresses=("127.0.0.1",),  # the replica is on loopback
                poll_interval=0.1,
                handoff_wait=60,
            ),
        )
        worker_task = asyncio.create_task(worker.run())
        await raw.wait_for_selector(f"tr[data-app-id='{fill['id']}'][data-state='filled']", timeout=90_000)
        await raw.wait_for_selector(f"{row}[data-state='needs_user']", timeout=90_000)
        await raw.click(row)
        await raw.wait_for_selector("#handoff .question:has-text('CAPTCHA')")
        await raw.wait_for_selector("#detail img[alt='handoff.png'][src^='blob:']", timeout=10_000)
        await raw.screenshot(path=str(tmp_path / "handoff.png"), full_page=True)
        await raw.fill("#answer", "PASS")
        await raw.click("#send-answer")
        await raw.wait_for_selector(f"{row}[data-state='submitted']", timeout=30_000)
        await asyncio.wait_for(worker_task, 30)
        assert replica.submissions["dash-cap"] == 1

        # The detail of the finished application: plan, screenshots, history.
        await raw.click(row)
        await raw.wait_for_selector("#detail .history li:has-text('submitted')")
        await raw.wait_for_selector("#detail img[alt='final.png'][src^='blob:']", timeout=10_000)
        assert await raw.locator("#detail table.plan tbody tr").count() > 10
        text = await raw.inner_text("#detail")
        assert "Okafor-Lindqvist" in text and "Thank you for applying" in text
        # The disclosure log: the free-text question was handed to the offline bank only.
        await raw.wait_for_selector("#disclosures tr[data-provider='offline']")
        log = await raw.inner_text("#disclosures")
        assert "on-call incident" in log and "this machine" in log and "left the machine" not in log
        await raw.wait_for_function(
            "() => { const i = document.querySelector(\"#detail img[alt='final.png']\");"
            " return i && i.complete && i.naturalWidth > 100; }",
            timeout=10_000,
        )
        await raw.screenshot(path=str(tmp_path / "submitted.png"), full_page=True)
        history = await queue.get(user["id"], job["id"])
        assert json.dumps(history["answers"]).count("PASS") == 1
    finally:
        if worker_task is not None and not worker_task.done():
            worker_task.cancel()
        await page.close()
        await server.close()

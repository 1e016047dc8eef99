"""The operator's page (``/operator``) in real Chromium: the admin token opens it (a wrong
one is refused), it lists a live worker and applications across users, retries a dead one
with the bulk button (refusals named), and changes a user's plan."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestServer
from jobpilot.fleet import tables as t
from jobpilot.fleet.api import create_app
from jobpilot.fleet.queue import Queue
from jobpilot.fleet.registry import Registration
from jobpilot.fleet.store import FleetStore
from sqlalchemy import update

pytestmark = pytest.mark.browser


async def test_operator_page(browser: Any, fleet: Any, tmp_path: Path) -> None:
    store = FleetStore(f"sqlite+aiosqlite:///{tmp_path / 'op.db'}")
    server = TestServer(create_app(store, admin_token="op-secret", reap_every=None), host="127.0.0.1")
    await server.start_server()
    page = await browser.new_page(offline=True)
    try:
        alice, _, alice_app = await fleet.make_user(store, "alice-op")
        bob, _, bob_app = await fleet.make_user(store, "bob-op")
        q = Queue(store)
        dead = await q.enqueue(alice, applicant_id=alice_app["id"], url="https://jobs.example.org/a")
        done = await q.enqueue(bob, applicant_id=bob_app["id"], url="https://jobs.example.org/b")
        async with store.tx() as conn:
            await conn.execute(
                update(t.jobs).where(t.jobs.c.id == dead["id"]).values(state="dead", last_error="no form")
            )
            await conn.execute(
                update(t.jobs)
                .where(t.jobs.c.id == done["id"])
                .values(state="submitted", finished_at=time.time())
            )
        reg = Registration(store, name="page-worker", concurrency=3, every=60)
        await reg.start()

        raw = page.raw
        await raw.goto(str(server.make_url("/operator")))
        await raw.fill("#admin-token", "wrong")
        await raw.click("#token-form button[type=submit]")
        await raw.wait_for_selector("#token-error:has-text('not accepted')")
        await raw.fill("#admin-token", "op-secret")
        await raw.click("#token-form button[type=submit]")
        await raw.wait_for_selector("tr[data-worker='page-worker'][data-state='running']")
        await raw.wait_for_selector(f"tr[data-app-id='{dead['id']}'][data-state='dead']")
        await raw.wait_for_selector(f"tr[data-app-id='{done['id']}'][data-state='submitted']")

        await raw.check(f"tr[data-app-id='{dead['id']}'] input[type=checkbox]")
        await raw.check(f"tr[data-app-id='{done['id']}'] input[type=checkbox]")
        await raw.click("[data-bulk='retry']")
        await raw.wait_for_selector("#message:has-text('retry: 1 done')")
        assert "only dead, failed or cancelled" in ((await raw.text_content("#message")) or "")
        await raw.wait_for_selector(f"tr[data-app-id='{dead['id']}'][data-state='queued']")
        assert (await q.get(alice["id"], dead["id"]))["state"] == "queued"
        assert (await q.get(bob["id"], done["id"]))["state"] == "submitted"

        await raw.select_option(f"tr[data-user-id='{bob['id']}'] select.plan", "enterprise")
        await raw.wait_for_selector("#message:has-text('saved')")
        async with store.engine.connect() as conn:
            tier = await conn.scalar(
                t.users.select().with_only_columns(t.users.c.tier).where(t.users.c.id == bob["id"])
            )
        assert tier == "enterprise"
        await reg.stop()
    finally:
        await page.close()
        await server.close()

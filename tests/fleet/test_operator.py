"""The operator view (issue 17) on SQLite and PostgreSQL, through the admin API and through
``jobpilot fleet ...``: applications across users, bulk retry / release / cancel by the
queue's rules (nothing that may have been submitted is cancelled), user admin (plan, cap,
disable) and token listing and revocation. A user's token never opens these routes."""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

from aiohttp.test_utils import TestClient, TestServer
from click.testing import CliRunner
from jobpilot.fleet import tables as t
from jobpilot.fleet.admin_cli import fleet as fleet_cli
from jobpilot.fleet.api import create_app
from jobpilot.fleet.queue import Queue
from jobpilot.fleet.store import FleetStore
from sqlalchemy import update

ADMIN = "op-admin"
H = {"Authorization": f"Bearer {ADMIN}"}


async def set_state(store: FleetStore, job_id: str, **values: Any) -> None:
    async with store.tx() as conn:
        await conn.execute(update(t.jobs).where(t.jobs.c.id == job_id).values(**values))


async def test_admin_api_across_users(database_url: str, fleet: Any) -> None:
    store = FleetStore(database_url)
    async with TestClient(TestServer(create_app(store, admin_token=ADMIN, reap_every=None))) as c:
        alice, alice_token, alice_app = await fleet.make_user(store)
        bob, bob_token, bob_app = await fleet.make_user(store)
        q = Queue(store)
        ids = {}
        for name, (user, app) in {
            "dead": (alice, alice_app),
            "parked": (alice, alice_app),
            "queued": (bob, bob_app),
            "submitted": (bob, bob_app),
        }.items():
            ids[name] = (
                await q.enqueue(user, applicant_id=app["id"], url=f"https://jobs.example.org/{name}")
            )["id"]
        await set_state(store, ids["dead"], state="dead", last_error="no form", finished_at=time.time())
        await set_state(
            store, ids["parked"], run_after=time.time() + 3600, note="site limit: jobs.example.org"
        )
        await set_state(store, ids["submitted"], state="submitted", finished_at=time.time())

        for headers in ({}, {"Authorization": f"Bearer {alice_token}"}, {"Authorization": "Bearer nope"}):
            r = await c.get("/api/admin/applications", headers=headers)
            assert r.status == 401, headers
        r = await c.get("/api/admin/applications", headers=H)
        listing = await r.json()
        assert r.status == 200 and listing["total"] == 4
        assert listing["counts"] == {"dead": 1, "queued": 2, "submitted": 1}
        assert {a["user_name"] for a in listing["applications"]} == {alice["name"], bob["name"]}
        assert all("record" not in a and "answers" not in a for a in listing["applications"])
        r = await c.get("/api/admin/applications?state=dead", headers=H)
        assert [a["id"] for a in (await r.json())["applications"]] == [ids["dead"]]
        r = await c.get("/api/admin/applications?state=nonsense", headers=H)
        assert r.status == 400 and "unknown state" in (await r.json())["error"]

        # Bulk actions: each by the queue's rules, the refusals reported, the rest done.
        r = await c.post("/api/admin/applications/retry", json={"state": "dead"}, headers=H)
        body = await r.json()
        assert r.status == 200 and (body["matched"], body["done"]) == (1, 1)
        assert (await q.get(alice["id"], ids["dead"]))["state"] == "queued"
        assert (await q.get(alice["id"], ids["dead"]))["attempts"] == 0
        r = await c.post(
            "/api/admin/applications/release", json={"ids": [ids["parked"], ids["queued"]]}, headers=H
        )
        body = await r.json()
        assert body["done"] == 1 and body["failed"] == 1
        parked = await q.get(alice["id"], ids["parked"])
        assert parked["run_after"] <= time.time() + 1 and parked["note"] is None
        assert "not waiting" in next(x for x in body["results"] if not x["ok"])["error"]
        r = await c.post(
            "/api/admin/applications/cancel",
            json={"ids": [ids["queued"], ids["submitted"], "nosuchid"]},
            headers=H,
        )
        body = await r.json()
        assert [x["ok"] for x in body["results"]] == [True, False, False]
        assert (await q.get(bob["id"], ids["queued"]))["state"] == "cancelled"
        assert (await q.get(bob["id"], ids["submitted"]))["state"] == "submitted"  # never cancelled
        r = await c.post("/api/admin/applications/cancel", json={}, headers=H)
        assert r.status == 400  # no selector: nothing is acted on by accident

        # User admin: plan, cap, disable; tokens listed and revoked.
        r = await c.patch(f"/api/admin/users/{bob['id']}", json={"tier": "pro", "daily_cap": 7}, headers=H)
        changed = await r.json()
        assert r.status == 200 and changed["tier"] == "pro" and changed["daily_cap"] == 7
        r = await c.patch(f"/api/admin/users/{bob['id']}", json={"daily_cap": -1}, headers=H)
        assert r.status == 400
        r = await c.patch(f"/api/admin/users/{bob['id']}", json={"disabled": True}, headers=H)
        assert (await r.json())["disabled"] is True
        assert (await c.get("/api/me", headers={"Authorization": f"Bearer {bob_token}"})).status in (401, 403)
        await c.patch(f"/api/admin/users/{bob['id']}", json={"disabled": False}, headers=H)
        assert (await c.get("/api/me", headers={"Authorization": f"Bearer {bob_token}"})).status == 200

        r = await c.get(f"/api/admin/users/{alice['id']}/tokens", headers=H)
        tokens = await r.json()
        assert r.status == 200 and len(tokens) == 1 and alice_token not in json.dumps(tokens)
        r = await c.delete(f"/api/admin/users/{alice['id']}/tokens/{tokens[0]['id']}", headers=H)
        assert r.status == 204
        assert (await c.get("/api/me", headers={"Authorization": f"Bearer {alice_token}"})).status == 401
        r = await c.delete(f"/api/admin/users/{alice['id']}/tokens/{tokens[0]['id']}", headers=H)
        assert r.status == 404
        assert (await c.get("/api/admin/users/nosuchuser", headers=H)).status == 404


def cli(*args: str) -> Any:
    return CliRunner().invoke(fleet_cli, list(args), catch_exceptions=False)


async def test_fleet_commands(database_url: str, fleet: Any) -> None:
    async with FleetStore(database_url) as store:
        user, token, app = await fleet.make_user(store, "carol")
        q = Queue(store)
        dead = (await q.enqueue(user, applicant_id=app["id"], url="https://jobs.example.org/c1"))["id"]
        parked = (await q.enqueue(user, applicant_id=app["id"], url="https://jobs.example.org/c2"))["id"]
        await set_state(store, dead, state="dead", last_error="no form", finished_at=time.time())
        await set_state(store, parked, run_after=time.time() + 3600, note="daily cap")
    db = ["--database-url", database_url]

    def run(*args: str) -> Any:
        result = cli(*args)
        assert result.exit_code == 0, result.output
        return result

    listed = await asyncio.to_thread(run, "dead", *db, "--json")
    assert [a["id"] for a in json.loads(listed.output)["applications"]] == [dead]
    out = (await asyncio.to_thread(run, "queue", *db, "--user", "carol")).output
    assert parked in out and dead in out
    out = (await asyncio.to_thread(run, "retry", *db, dead)).output
    assert f"{dead}  -> queued" in out and "1 done" in out
    out = (
        await asyncio.to_thread(run, "release", *db, "--user", "carol", "--state", "queued", "--yes")
    ).output
    assert "release: 1 done, 1 not changed" in out  # the retried one was not waiting
    refused = await asyncio.to_thread(cli, "retry", *db, parked)
    assert refused.exit_code == 1 and "only dead, failed or cancelled" in refused.output

    out = await asyncio.to_thread(
        run, "user", "set", *db, "carol", "--tier", "enterprise", "--daily-cap", "3", "--json"
    )
    (changed,) = json.loads(out.output)
    assert (changed["tier"], changed["daily_cap"]) == ("enterprise", 3)
    users = json.loads((await asyncio.to_thread(run, "users", *db, "--json")).output)
    assert next(u for u in users if u["name"] == "carol")["tier"] == "enterprise"
    tokens = json.loads((await asyncio.to_thread(run, "tokens", *db, "carol", "--json")).output)
    assert len(tokens) == 1
    out = (await asyncio.to_thread(run, "revoke", *db, "carol", tokens[0]["id"])).output
    assert "revoked" in out
    async with FleetStore(database_url) as store:
        assert await store.user_for_token(token) is None
    workers = await asyncio.to_thread(run, "workers", *db, "--all")
    assert workers.exit_code == 0

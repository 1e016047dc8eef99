"""Billing through the official ``stripe`` client against a local server speaking Stripe's
API, on SQLite and PostgreSQL: Checkout upgrades, the portal cancels, webhooks are verified
(missing, forged, stale: 400 and nothing changes), processed once by event id (a replay is
ignored), safe out of order (the state is read from Stripe), and a failed payment moves the
user to the free plan's limits at the period end. Without Stripe configured, billing is off."""

from __future__ import annotations

import importlib.util
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp.test_utils import TestServer
from jobpilot.fleet import tables as t
from jobpilot.fleet.api import create_app
from jobpilot.fleet.api.common import STORE
from jobpilot.fleet.billing.config import BillingConfig
from jobpilot.fleet.billing.sync import apply_due_downgrades
from jobpilot.fleet.store import FleetStore
from sqlalchemy import func, select


def _load(name: str) -> Any:
    key = f"jobpilot_fleet_tests_{name}"
    if key not in sys.modules:
        spec = importlib.util.spec_from_file_location(key, Path(__file__).parent / f"{name}.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[key] = module
        spec.loader.exec_module(module)
    return sys.modules[key]


fake = _load("stripe_server")


@pytest.fixture
async def stripe_server() -> AsyncIterator[Any]:
    server = await fake.StripeServer().start()
    yield server
    await server.stop()


@pytest.fixture
async def api(database_url: str, stripe_server: Any) -> AsyncIterator[tuple[TestServer, Any]]:
    config = BillingConfig(
        api_key=fake.API_KEY,
        webhook_secret=fake.WEBHOOK_SECRET,
        prices=dict(fake.PRICES),
        api_base=stripe_server.base,
    )
    srv = TestServer(
        create_app(FleetStore(database_url), billing=config, admin_token="adm"), host="127.0.0.1"
    )
    await srv.start_server()
    stripe_server.webhook_url = str(srv.make_url("/api/billing/webhook"))
    yield srv, stripe_server
    await srv.close()


async def new_user(http: aiohttp.ClientSession, name: str) -> dict[str, str]:
    r = await http.post("/api/users", json={"name": name}, headers={"Authorization": "Bearer adm"})
    assert r.status == 201
    return {"Authorization": f"Bearer {(await r.json())['token']}"}


async def snapshot(store: FleetStore) -> Any:
    async with store.engine.connect() as conn:
        users = (await conn.execute(select(t.users.c.id, t.users.c.tier, t.users.c.daily_cap))).all()
        billing = (await conn.execute(select(t.billing))).all()
        events = await conn.scalar(select(func.count()).select_from(t.billing_events))
    return sorted(users), sorted(billing), events


async def test_checkout_portal_and_webhooks(api: tuple[TestServer, Any]) -> None:
    srv, stripe = api
    store: FleetStore = srv.app[STORE]
    async with aiohttp.ClientSession(base_url=str(srv.make_url("/"))) as http:
        me = await new_user(http, f"payer-{id(srv)}")
        info = await (await http.get("/api/billing", headers=me)).json()
        assert info["enabled"] and info["plan"] == "free" and info["concurrency"] == 2
        assert [(p["name"], p["purchasable"]) for p in info["plans"]] == [
            ("free", False),
            ("pro", True),
            ("enterprise", True),
        ]
        assert (await http.post("/api/billing/portal", headers=me)).status == 404  # nothing to manage
        r = await http.post("/api/billing/checkout", json={"plan": "pro"}, headers=me)
        assert r.status == 200
        url = (await r.json())["url"]
        assert url.startswith(stripe.base + "/pay/")
        checkout = next(iter(stripe.checkouts.values()))
        assert checkout["mode"] == "subscription" and checkout["price"] == fake.PRICES["pro"]
        customer = checkout["customer"]

        # Paying sends checkout.session.completed: the plan is read from the subscription.
        async with http.post(url, allow_redirects=False) as paid:
            assert paid.status == 303
        info = await (await http.get("/api/billing", headers=me)).json()
        assert (info["plan"], info["daily_cap"], info["concurrency"], info["status"]) == (
            "pro",
            100,
            8,
            "active",
        )
        r = await http.post("/api/billing/checkout", json={"plan": "pro"}, headers=me)
        assert r.status == 400  # already on it

        # Missing, forged and stale signatures: 400, nothing changes.
        sub = next(iter(stripe.subscriptions.values()))
        stripe.set_status(sub["id"], "canceled")
        ev = stripe.event("customer.subscription.deleted", sub)
        before = await snapshot(store)
        assert (await stripe.post(ev, signature=None))[0] == 400
        assert (await stripe.post(ev, secret="whsec_forged"))[0] == 400
        assert (await stripe.post(ev, at=int(time.time()) - 3600))[0] == 400
        status, body = await stripe.post(ev, signature="t=1,v1=00")
        assert status == 400 and "signature" in body["error"]
        assert await snapshot(store) == before
        stripe.set_status(sub["id"], "active")

        # The portal: cancel at the period end keeps the plan until Stripe ends it.
        r = await http.post("/api/billing/portal", headers=me)
        portal = (await r.json())["url"]
        async with http.post(portal + "/cancel", allow_redirects=False) as done:
            assert done.status == 303
        assert (await (await http.get("/api/billing", headers=me)).json())["plan"] == "pro"
        stripe.set_status(sub["id"], "canceled")
        deleted = await stripe.emit("customer.subscription.deleted", sub)
        assert (await (await http.get("/api/billing", headers=me)).json())["plan"] == "free"

        # A replay of an event already processed is ignored, even after Stripe changed:
        new = stripe.subscribe(customer, fake.PRICES["enterprise"])
        before = await snapshot(store)
        status, body = await stripe.post(deleted)
        assert (status, body["outcome"]) == (200, "duplicate")
        assert await snapshot(store) == before
        await stripe.emit("customer.subscription.created", new)
        assert (await (await http.get("/api/billing", headers=me)).json())["plan"] == "enterprise"


async def test_events_out_of_order_and_failed_payment_at_period_end(
    api: tuple[TestServer, Any], fleet: Any
) -> None:
    srv, stripe = api
    store: FleetStore = srv.app[STORE]
    async with aiohttp.ClientSession(base_url=str(srv.make_url("/"))) as http:
        me = await new_user(http, f"late-{id(srv)}")
        r = await http.post("/api/billing/checkout", json={"plan": "enterprise"}, headers=me)
        url = (await r.json())["url"]
        stripe.deliver = False  # hold the events back, deliver them in the wrong order
        async with http.post(url, allow_redirects=False):
            pass
        completed = stripe.events[-1]
        sub = next(iter(stripe.subscriptions.values()))
        updated = stripe.event("customer.subscription.updated", sub)
        stripe.set_status(sub["id"], "canceled")
        deleted = stripe.event("customer.subscription.deleted", sub)
        # The deletion arrives first, then the older events: the user stays free.
        for ev in (deleted, updated, completed):
            status, body = await stripe.post(ev)
            assert (status, body["outcome"]) == (200, "processed")
        assert (await (await http.get("/api/billing", headers=me)).json())["plan"] == "free"

        # A new subscription, then a failed payment: the plan holds until the period ends.
        stripe.deliver = True
        customer = sub["customer"]
        paid = stripe.subscribe(customer, fake.PRICES["pro"])
        await stripe.emit("customer.subscription.created", paid)
        user_id = (await (await http.get("/api/me", headers=me)).json())["id"]
        applicant = await fleet.make_user(store)  # someone else's, to check nothing else changes
        end = time.time() + 3600
        stripe.set_status(paid["id"], "past_due", period_end=end)
        await stripe.emit(
            "invoice.payment_failed", {"object": "invoice", "customer": customer, "subscription": paid["id"]}
        )
        info = await (await http.get("/api/billing", headers=me)).json()
        assert info["plan"] == "pro" and info["status"] == "past_due" and info["downgrade_at"] is not None
        assert await apply_due_downgrades(store, now=end - 1) == 0
        assert await apply_due_downgrades(store, now=end + 1) == 1
        async with store.engine.connect() as conn:
            tier, cap = (
                await conn.execute(select(t.users.c.tier, t.users.c.daily_cap).where(t.users.c.id == user_id))
            ).one()
            other = await conn.scalar(select(t.users.c.tier).where(t.users.c.id == applicant[0]["id"]))
        assert (tier, cap, other) == ("free", 25, "free")
        # Paying later brings the plan back.
        stripe.set_status(paid["id"], "active", period_end=end + 30 * 86400)
        await stripe.emit(
            "invoice.paid", {"object": "invoice", "customer": customer, "subscription": paid["id"]}
        )
        assert (await (await http.get("/api/billing", headers=me)).json())["plan"] == "pro"


async def test_billing_off_without_configuration(database_url: str) -> None:
    srv = TestServer(create_app(FleetStore(database_url), admin_token="adm"), host="127.0.0.1")
    await srv.start_server()
    try:
        async with aiohttp.ClientSession(base_url=str(srv.make_url("/"))) as http:
            me = await new_user(http, f"off-{id(srv)}")
            info = await (await http.get("/api/billing", headers=me)).json()
            assert not info["enabled"] and info["plan"] == "free"
            assert not any(p["purchasable"] for p in info["plans"])
            assert (await http.post("/api/billing/checkout", json={"plan": "pro"}, headers=me)).status == 404
            assert (await http.post("/api/billing/webhook", data=b"{}")).status == 404
    finally:
        await srv.close()

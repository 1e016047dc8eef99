"""``/api/billing``: the plans and your usage, upgrading through Stripe Checkout, managing
and cancelling through the Customer Portal, and Stripe's webhook.

Without Stripe configured (see ``config``) billing is off: ``GET /api/billing`` says so
and lists the plans and limits the operator set; Checkout and the portal answer 404.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from collections.abc import AsyncIterator
from typing import Any, Literal

import stripe
from aiohttp import web
from pydantic import BaseModel, ConfigDict
from sqlalchemy import func, insert, select

from jobpilot.errors import UsageError
from jobpilot.fleet import tables as t
from jobpilot.fleet.api.common import QUEUE, STORE, Route, body_of, json_response, user_of
from jobpilot.fleet.billing import sync
from jobpilot.fleet.billing.config import BillingConfig
from jobpilot.fleet.billing.plans import all_plans, limits_of
from jobpilot.fleet.billing.stripe_api import StripeApi, verify_event
from jobpilot.fleet.models import ts
from jobpilot.fleet.store import FleetStore, NotFound, is_transient

log = logging.getLogger("jobpilot.fleet.billing")

BILLING: web.AppKey[BillingConfig] = web.AppKey("billing")
STRIPE: web.AppKey[StripeApi | None] = web.AppKey("stripe")
PUBLIC_URL: web.AppKey[str] = web.AppKey("public_url")
MAX_WEBHOOK = 512 * 1024


class PlanOut(BaseModel):
    name: str
    daily_cap: int
    concurrency: int
    """Applications run at once."""
    priority: int
    purchasable: bool
    """Billing is on and this plan has a price."""


class BillingOut(BaseModel):
    enabled: bool
    plan: str
    daily_cap: int
    concurrency: int
    submitted_today: int
    running: int
    status: str | None = None
    """The subscription's status at Stripe (active, past_due ...), None without one."""
    current_period_end: Any = None
    downgrade_at: Any = None
    """A payment failed: the free plan's limits apply from then on."""
    plans: list[PlanOut]


class CheckoutIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    plan: Literal["pro", "enterprise"]


class RedirectOut(BaseModel):
    url: str
    """Send the person there (Stripe's hosted page)."""


def setup(app: web.Application, config: BillingConfig, public_url: str) -> None:
    app[BILLING] = config
    app[STRIPE] = StripeApi(config) if config.enabled else None
    app[PUBLIC_URL] = public_url.rstrip("/")
    if config.enabled:
        app.cleanup_ctx.append(_downgrades)


async def _downgrades(app: web.Application) -> AsyncIterator[None]:
    async def loop() -> None:
        while True:
            try:
                await sync.apply_due_downgrades(app[STORE])
            except Exception as exc:
                if not is_transient(exc):
                    log.exception("billing downgrades")
            await asyncio.sleep(30)

    task = asyncio.create_task(loop(), name="billing-downgrades")
    yield
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


def _config(request: web.Request) -> BillingConfig:
    return request.app.get(BILLING) or BillingConfig()


def _api(request: web.Request) -> StripeApi:
    api = request.app.get(STRIPE)
    if api is None:
        raise NotFound("no billing: this fleet has no Stripe configuration")
    return api


async def billing_row(store: FleetStore, user_id: str) -> dict[str, Any] | None:
    async with store.engine.connect() as conn:
        row = (await conn.execute(select(t.billing).where(t.billing.c.user_id == user_id))).mappings().first()
    return dict(row) if row else None


async def overview(request: web.Request) -> web.Response:
    store, user, config = request.app[STORE], user_of(request), _config(request)
    if config.enabled:
        await sync.apply_due_downgrades(store)
    async with store.engine.connect() as conn:
        limits = await limits_of(conn, user["id"])
        plans = await all_plans(conn)
        running = await conn.scalar(
            select(func.count()).where(t.jobs.c.user_id == user["id"], t.jobs.c.lease_owner.is_not(None))
        )
    row = await billing_row(store, user["id"]) or {}
    used = await request.app[QUEUE].submitted_today(user["id"])
    out = BillingOut(
        enabled=config.enabled,
        plan=limits["plan"],
        daily_cap=limits["daily_cap"],
        concurrency=limits["concurrency"],
        submitted_today=used,
        running=int(running or 0),
        status=row.get("status"),
        current_period_end=ts(row.get("current_period_end")),
        downgrade_at=ts(row.get("downgrade_at")),
        plans=[
            PlanOut(
                name=p.name,
                daily_cap=p.daily_cap,
                concurrency=p.concurrency,
                priority=p.priority,
                purchasable=config.enabled and p.name in config.prices,
            )
            for p in sorted(plans.values(), key=lambda p: p.priority)
        ],
    )
    return json_response(out)


async def _customer(request: web.Request, api: StripeApi, user: dict[str, Any]) -> str:
    store = request.app[STORE]
    row = await billing_row(store, user["id"])
    if row is not None:
        return str(row["customer_id"])
    from jobpilot.fleet.accounts import store as accounts

    account = await accounts.by_user(store, user["id"])
    customer_id = await api.create_customer(email=account["email"] if account else None, user_id=user["id"])
    async with store.tx() as conn:
        raced = await conn.scalar(select(t.billing.c.customer_id).where(t.billing.c.user_id == user["id"]))
        if raced is None:
            await conn.execute(
                insert(t.billing).values(user_id=user["id"], customer_id=customer_id, updated_at=time.time())
            )
    if raced is not None:  # a second click made its own customer meanwhile: keep the first
        await api.delete_customer(customer_id)
        return str(raced)
    return customer_id


async def checkout(request: web.Request) -> web.Response:
    api, config = _api(request), _config(request)
    body: CheckoutIn = await body_of(request, CheckoutIn)
    price = config.prices.get(body.plan)
    if price is None:
        raise UsageError(f"the {body.plan} plan is not for sale here", hint="see GET /api/billing")
    user = user_of(request)
    if user["tier"] == body.plan:
        raise UsageError(f"you are on the {body.plan} plan already", hint="manage it in the portal")
    customer = await _customer(request, api, user)
    base = request.app[PUBLIC_URL]
    url = await api.checkout_url(
        customer_id=customer,
        price_id=price,
        user_id=user["id"],
        success_url=f"{base}/?billing=done",
        cancel_url=f"{base}/?billing=cancelled",
    )
    return json_response(RedirectOut(url=url))


async def portal(request: web.Request) -> web.Response:
    api = _api(request)
    row = await billing_row(request.app[STORE], user_of(request)["id"])
    if row is None:
        raise NotFound("no subscription to manage", hint="upgrade first (POST /api/billing/checkout)")
    url = await api.portal_url(customer_id=row["customer_id"], return_url=request.app[PUBLIC_URL] + "/")
    return json_response(RedirectOut(url=url))


def _bad(message: str) -> web.Response:
    return web.Response(
        status=400,
        text=json.dumps({"error": message, "hint": "send the event as Stripe signs it", "existing": None}),
        content_type="application/json",
    )


async def webhook(request: web.Request) -> web.Response:
    """Stripe's events: verified, then processed once by event id."""
    config = _config(request)
    api = request.app.get(STRIPE)
    if api is None:
        raise NotFound("no billing: this fleet has no Stripe configuration")
    if request.content_length is not None and request.content_length > MAX_WEBHOOK:
        return _bad("the event is too large")
    payload = await request.content.read(MAX_WEBHOOK + 1)
    if len(payload) > MAX_WEBHOOK:
        return _bad("the event is too large")
    try:
        event = verify_event(config, payload, request.headers.get("Stripe-Signature"))
    except stripe.SignatureVerificationError as exc:
        return _bad(f"the signature does not verify: {exc.user_message or 'no valid signature'}")
    except ValueError:
        return _bad("the body is not a Stripe event")
    data = event.to_dict().get("data")
    obj = data.get("object") if isinstance(data, dict) else None
    obj = obj if isinstance(obj, dict) else {}
    customer = obj.get("customer")
    if obj.get("object") == "customer":
        customer = obj.get("id")
    outcome = await sync.apply_event(
        request.app[STORE],
        config,
        api,
        event_id=str(event.id),
        event_type=str(event.type),
        customer_id=str(customer) if isinstance(customer, str) else None,
    )
    return json_response({"received": True, "outcome": outcome})


ROUTES: list[Route] = [
    ("GET", "/api/billing", overview),
    ("POST", "/api/billing/checkout", checkout),
    ("POST", "/api/billing/portal", portal),
    ("POST", "/api/billing/webhook", webhook),
]

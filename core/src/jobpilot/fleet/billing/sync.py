"""A user's plan from their Stripe subscription, read from Stripe itself.

A webhook never says what to change: it only says *which customer* changed, and the state
is read back from Stripe (:meth:`StripeApi.subscriptions`). Events arriving late, twice or
out of order therefore cannot move a user to a plan they no longer have.

- an ``active`` or ``trialing`` subscription: the plan its price buys, now;
- ``past_due`` or ``unpaid`` (a failed payment): the plan stays until the end of the period
  already paid for (``downgrade_at``), then the free plan's limits apply; applications
  running at that moment finish, only new claims see the free limits;
- none, or ``canceled`` / ``incomplete`` / ``incomplete_expired``: free, now (a
  cancellation made in the portal keeps the subscription ``active`` until its period ends,
  so this is that end).
"""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError

from jobpilot.fleet import tables as t
from jobpilot.fleet.billing.config import BillingConfig
from jobpilot.fleet.billing.plans import set_plan
from jobpilot.fleet.billing.stripe_api import StripeApi, Subscription
from jobpilot.fleet.store import FleetStore

PAID = ("active", "trialing")
GRACE = ("past_due", "unpaid")
RANK = {"free": 0, "pro": 1, "enterprise": 2}


def decide(config: BillingConfig, subs: list[Subscription], now: float) -> dict[str, Any]:
    """(the subscription that counts, its status, the plan it buys, the plan in force now,
    when a failed payment takes the plan away)."""
    counted = [s for s in subs if s.status in PAID + GRACE and config.plan_for_price(s.price_id)]
    counted.sort(key=lambda s: (s.status in PAID, RANK.get(config.plan_for_price(s.price_id) or "", 0)))
    sub = counted[-1] if counted else (subs[0] if subs else None)
    bought = config.plan_for_price(sub.price_id) if sub else None
    status = sub.status if sub else None
    downgrade_at = None
    if sub is not None and status in PAID and bought:
        effective = bought
    elif sub is not None and status in GRACE and bought:
        downgrade_at = sub.current_period_end or now
        effective = bought if now < downgrade_at else "free"
    else:
        effective = "free"
    return {
        "subscription_id": sub.id if sub else None,
        "status": status,
        "plan": bought,
        "current_period_end": sub.current_period_end if sub else None,
        "downgrade_at": downgrade_at,
        "effective": effective,
    }


async def customer_user(store: FleetStore, customer_id: str) -> str | None:
    async with store.engine.connect() as conn:
        return await conn.scalar(select(t.billing.c.user_id).where(t.billing.c.customer_id == customer_id))


async def already_processed(store: FleetStore, event_id: str) -> bool:
    async with store.engine.connect() as conn:
        found = await conn.scalar(
            select(t.billing_events.c.event_id).where(t.billing_events.c.event_id == event_id)
        )
    return found is not None


async def apply_event(
    store: FleetStore,
    config: BillingConfig,
    api: StripeApi,
    *,
    event_id: str,
    event_type: str,
    customer_id: str | None,
) -> str:
    """Process one verified event, once: returns ``processed``, ``duplicate`` or ``ignored``
    (no customer of ours). The event id is stored in the transaction that applies the
    state, so a crash in between leaves the event to be processed again on redelivery."""
    if await already_processed(store, event_id):
        return "duplicate"
    user_id = await customer_user(store, customer_id) if customer_id else None
    state = None
    if user_id is not None and customer_id is not None:
        now = time.time()
        state = decide(config, await api.subscriptions(customer_id), now)
    try:
        async with store.tx() as conn:
            await conn.execute(
                insert(t.billing_events).values(
                    event_id=event_id, type=event_type[:100], received_at=time.time()
                )
            )
            if state is not None and user_id is not None:
                await conn.execute(
                    update(t.billing)
                    .where(t.billing.c.user_id == user_id)
                    .values(
                        subscription_id=state["subscription_id"],
                        status=state["status"],
                        plan=state["plan"],
                        current_period_end=state["current_period_end"],
                        downgrade_at=state["downgrade_at"],
                        updated_at=time.time(),
                    )
                )
                await set_plan(conn, user_id, state["effective"])
    except IntegrityError:
        return "duplicate"  # the same event, delivered twice at once: the other one won
    return "processed" if state is not None else "ignored"


async def apply_due_downgrades(store: FleetStore, *, now: float | None = None) -> int:
    """Users whose paid period ended after a failed payment get the free plan's limits.
    Returns how many changed."""
    now = now or time.time()
    changed = 0
    async with store.tx() as conn:
        rows = await conn.execute(
            select(t.billing.c.user_id)
            .join(t.users, t.users.c.id == t.billing.c.user_id)
            .where(
                t.billing.c.downgrade_at.is_not(None),
                t.billing.c.downgrade_at <= now,
                t.users.c.tier != "free",
            )
        )
        for (user_id,) in rows.all():
            changed += int(await set_plan(conn, user_id, "free", now=now))
    return changed

"""Plans set the daily cap, the applications at once and the priority, and the queue
enforces them, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from typing import Any

from jobpilot.fleet import tables as t
from jobpilot.fleet.billing.plans import all_plans, limits_of, set_plan
from jobpilot.fleet.queue import Queue
from jobpilot.fleet.store import FleetStore
from sqlalchemy import update


async def test_shipped_plans(store: FleetStore) -> None:
    async with store.tx() as conn:
        plans = await all_plans(conn)
    assert {n: (p.daily_cap, p.concurrency, p.priority) for n, p in plans.items()} == {
        "free": (25, 2, 0),
        "pro": (100, 8, 10),
        "enterprise": (1000, 32, 20),
    }


async def test_a_user_at_their_concurrency_has_the_rest_skipped_not_blocking_others(
    store: FleetStore, fleet: Any
) -> None:
    q = Queue(store)
    busy, _, ba = await fleet.make_user(store, tier="pro", concurrency=2)
    other, _, oa = await fleet.make_user(store, tier="free")
    for n in range(4):
        await q.enqueue(busy, applicant_id=ba["id"], url=f"https://busy.example/j/{n}")
    waiting = await q.enqueue(other, applicant_id=oa["id"], url="https://other.example/j/1")
    first, second = await q.claim("w"), await q.claim("w")
    assert first is not None and second is not None
    assert {first.user_id, second.user_id} == {busy["id"]}  # pro's priority first
    third = await q.claim("w")  # busy is at 2 at once: the free user's application runs
    assert third is not None and third.id == waiting["id"]
    assert await q.claim("w") is None
    await q.finish(first, "filled", worker="w")
    fourth = await q.claim("w")  # a slot freed: busy's next one
    assert fourth is not None and fourth.user_id == busy["id"]


async def test_concurrent_claimers_never_pass_the_plans_concurrency(store: FleetStore, fleet: Any) -> None:
    q = Queue(store)
    user, _, applicant = await fleet.make_user(store, tier="free", daily_cap=1000)
    for n in range(12):
        await q.enqueue(user, applicant_id=applicant["id"], url=f"https://c{n}.example/j/{n}")
    claimed: list[Any] = []

    async def claimer(name: str) -> None:
        for _ in range(3):
            c = await q.claim(name)
            if c is not None:
                claimed.append(c)

    await asyncio.gather(*[claimer(f"w{i}") for i in range(6)])
    assert len(claimed) == 2  # the free plan: two at once, whoever asks
    async with store.tx() as conn:
        assert (await limits_of(conn, user["id"]))["concurrency"] == 2


async def test_changing_plan_moves_cap_and_waiting_priorities(store: FleetStore, fleet: Any) -> None:
    q = Queue(store)
    user, _, applicant = await fleet.make_user(store, tier="free")
    low = await q.enqueue(user, applicant_id=applicant["id"], url="https://p.example/j/1", priority="low")
    async with store.tx() as conn:
        assert await set_plan(conn, user["id"], "enterprise")
        assert not await set_plan(conn, user["id"], "enterprise")
        limits = await limits_of(conn, user["id"])
    assert limits == {"plan": "enterprise", "daily_cap": 1000, "concurrency": 32, "priority": 20}
    assert (await q.get(user["id"], low["id"]))["priority"] == 19
    # The operator changes a plan's row: every user on it gets the new concurrency.
    async with store.tx() as conn:
        await conn.execute(update(t.plans).where(t.plans.c.name == "enterprise").values(concurrency=5))
        assert (await limits_of(conn, user["id"]))["concurrency"] == 5
        await set_plan(conn, user["id"], "free")
    assert (await q.get(user["id"], low["id"]))["priority"] == -1


async def test_enqueue_priority_and_new_users_cap_come_from_the_plans_rows(
    store: FleetStore, fleet: Any
) -> None:
    """The operator's plan rows decide, not the tiers as shipped: a changed priority is what
    new applications get (read from the user's row, so an upgrade counts at once), and a new
    user starts with their plan's daily cap."""
    q = Queue(store)
    async with store.tx() as conn:
        await conn.execute(update(t.plans).where(t.plans.c.name == "pro").values(priority=50, daily_cap=7))
    user, _, applicant = await fleet.make_user(store, tier="pro")
    assert user["daily_cap"] == 7
    high = await q.enqueue(user, applicant_id=applicant["id"], url="https://r.example/j/1", priority="high")
    assert high["priority"] == 51
    async with store.tx() as conn:
        await set_plan(conn, user["id"], "free")
    # The caller's copy of the user still says "pro": the row in the database decides.
    later = await q.enqueue(user, applicant_id=applicant["id"], url="https://r.example/j/2")
    assert later["priority"] == 0
    explicit = await store.create_user("capped", tier="pro", daily_cap=3)
    assert explicit["daily_cap"] == 3

"""Plans: what a user's tier buys, and the queue's enforcement of it.

A plan (``fleet_plans``: free, pro, enterprise) sets three limits: the daily submission cap,
how many of the user's applications run at once, and the priority their applications are
claimed with. The operator may change a plan's row; a user's ``daily_cap`` and
``concurrency`` columns override their plan's (``concurrency`` NULL: the plan's).

The queue enforces them when it claims: the daily cap through ``queue/limits.py`` (the
user's ``daily_cap``), the priority through ``fleet_jobs.priority`` (set from the plan at
enqueue and moved with the plan, see :func:`set_plan`), and the concurrency here
(:func:`has_room` / :func:`room_clause`): a user with as many applications held by workers
as their plan allows has the rest of theirs skipped, so other users' applications run.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Table, and_, case, func, select, text, update
from sqlalchemy.ext.asyncio import AsyncConnection

from jobpilot.errors import UsageError
from jobpilot.fleet import tables as t

PLAN_NAMES = ("free", "pro", "enterprise")
HELD = ("running", "submitting", "needs_user")
"""States in which a worker may hold an application (``queue.base.ACTIVE``)."""


@dataclass(frozen=True)
class Plan:
    name: str
    daily_cap: int
    concurrency: int
    priority: int


async def all_plans(conn: AsyncConnection) -> dict[str, Plan]:
    rows = await conn.execute(select(t.plans))
    return {
        r.name: Plan(name=r.name, daily_cap=r.daily_cap, concurrency=r.concurrency, priority=r.priority)
        for r in rows
    }


async def plan_of(conn: AsyncConnection, name: str) -> Plan:
    plans = await all_plans(conn)
    if name not in plans:
        raise UsageError(f"unknown plan {name!r}", hint="one of: " + ", ".join(sorted(plans)))
    return plans[name]


def _effective_concurrency(j: Table) -> Any:
    """The concurrency of the user owning ``j``'s row: their own, else their plan's (1 when
    neither is known); 0 for a user the operator disabled (their applications wait)."""
    u, p = t.users.alias("room_u"), t.plans.alias("room_p")
    return (
        select(case((u.c.disabled.is_(True), 0), else_=func.coalesce(u.c.concurrency, p.c.concurrency, 1)))
        .select_from(u.outerjoin(p, p.c.name == u.c.tier))
        .where(u.c.id == j.c.user_id)
        .scalar_subquery()
    )


def room_clause(j: Table) -> ColumnElement[bool]:
    """A condition on a ``fleet_jobs`` row: its user has fewer applications held by workers
    than their concurrency allows (for the claim query's WHERE)."""
    held = t.jobs.alias("room_held")
    count = (
        select(func.count())
        .where(held.c.user_id == j.c.user_id, held.c.state.in_(HELD), held.c.lease_owner.is_not(None))
        .scalar_subquery()
    )
    return count < _effective_concurrency(j)


async def has_room(conn: AsyncConnection, user_id: str, *, postgres: bool) -> bool:
    """Whether the user may have one more application held now. On PostgreSQL this takes
    the user's advisory lock first (the same one the daily cap takes), so two workers cannot
    both take the last slot; the recount then sees every claim committed before."""
    if postgres:
        await conn.execute(text("SELECT pg_advisory_xact_lock(hashtext(:k))"), {"k": "user:" + user_id})
    j = t.jobs
    held = await conn.scalar(
        select(func.count()).where(j.c.user_id == user_id, j.c.state.in_(HELD), j.c.lease_owner.is_not(None))
    )
    user = (
        await conn.execute(
            select(t.users.c.concurrency, t.users.c.disabled, t.plans.c.concurrency.label("plan_concurrency"))
            .select_from(t.users.outerjoin(t.plans, t.plans.c.name == t.users.c.tier))
            .where(t.users.c.id == user_id)
        )
    ).first()
    if user is None or user.disabled:
        return False
    limit = user.concurrency if user.concurrency is not None else (user.plan_concurrency or 1)
    return int(held or 0) < int(limit)


async def set_plan(conn: AsyncConnection, user_id: str, name: str, *, now: float | None = None) -> bool:
    """Put the user on plan ``name`` (in the caller's transaction): their tier, the plan's
    daily cap, and the priority of their waiting applications moved by the difference
    between the plans' priorities. Running applications are not touched. Returns whether
    anything changed."""
    plans = await all_plans(conn)
    if name not in plans:
        raise UsageError(f"unknown plan {name!r}", hint="one of: " + ", ".join(sorted(plans)))
    row = (
        await conn.execute(select(t.users.c.tier).where(t.users.c.id == user_id).with_for_update())
    ).first()
    if row is None or row.tier == name:
        return False
    old = plans.get(row.tier)
    new = plans[name]
    await conn.execute(
        update(t.users).where(t.users.c.id == user_id).values(tier=name, daily_cap=new.daily_cap)
    )
    shift = new.priority - (old.priority if old else 0)
    if shift:
        j = t.jobs
        await conn.execute(
            update(j)
            .where(and_(j.c.user_id == user_id, j.c.state.in_(("queued", "needs_user"))))
            .values(priority=j.c.priority + shift, updated_at=now or time.time())
        )
    return True


async def limits_of(conn: AsyncConnection, user_id: str) -> dict[str, Any]:
    """The user's plan and the limits in force for them (overrides applied)."""
    row = (
        await conn.execute(
            select(
                t.users.c.tier,
                t.users.c.daily_cap,
                t.users.c.concurrency,
                t.plans.c.concurrency.label("plan_concurrency"),
                t.plans.c.priority,
            )
            .select_from(t.users.outerjoin(t.plans, t.plans.c.name == t.users.c.tier))
            .where(t.users.c.id == user_id)
        )
    ).first()
    if row is None:
        return {}
    concurrency = row.concurrency if row.concurrency is not None else (row.plan_concurrency or 1)
    return {
        "plan": row.tier,
        "daily_cap": row.daily_cap,
        "concurrency": concurrency,
        "priority": row.priority or 0,
    }


__all__ = [
    "HELD",
    "PLAN_NAMES",
    "Plan",
    "all_plans",
    "has_room",
    "limits_of",
    "plan_of",
    "room_clause",
    "set_plan",
]

"""Whether a submission may start now: the user's daily cap and the employer site's rate
limit, counted from the ledger plus the submissions being worked on."""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, exists, func, select, text
from sqlalchemy.ext.asyncio import AsyncConnection

from jobpilot.fleet import tables as t
from jobpilot.fleet.queue.base import QueueConfig
from jobpilot.fleet.site_limits import effective
from jobpilot.fleet.store import FleetStore


async def limit_wait(
    store: FleetStore, config: QueueConfig, conn: AsyncConnection, job: dict[str, Any], now: float
) -> tuple[str, float] | None:
    """(why, retry time) when starting this submission now would break the user's daily
    cap or the site's rate limit; None when it may start."""
    if store.is_postgres:  # user first, then site: one order everywhere, no deadlock
        await conn.execute(
            text("SELECT pg_advisory_xact_lock(hashtext(:k))"), {"k": "user:" + job["user_id"]}
        )
        await conn.execute(text("SELECT pg_advisory_xact_lock(hashtext(:k))"), {"k": "site:" + job["site"]})
    s, j = t.submissions, t.jobs
    # Submit jobs being worked on that have no ledger row yet (one asked something after
    # the click already counts through its ledger row).
    holding = and_(
        j.c.submit.is_(True),
        j.c.state.in_(("running", "needs_user")),
        j.c.lease_owner.is_not(None),
        ~exists().where(s.c.job_id == j.c.id, s.c.state != "void"),
    )
    cap = await conn.scalar(select(t.users.c.daily_cap).where(t.users.c.id == job["user_id"]))
    day = now - 86_400
    used = await conn.scalar(
        select(func.count()).where(s.c.user_id == job["user_id"], s.c.created_at > day, s.c.state != "void")
    )
    running = await conn.scalar(select(func.count()).where(j.c.user_id == job["user_id"], holding))
    if int(used or 0) + int(running or 0) >= int(cap or 0):
        oldest = await conn.scalar(
            select(func.min(s.c.created_at)).where(
                s.c.user_id == job["user_id"], s.c.created_at > day, s.c.state != "void"
            )
        )
        until = (oldest + 86_400) if oldest and int(used or 0) >= int(cap or 0) else now + 5
        return f"waiting: daily cap of {cap} submissions reached", until
    # The fleet's own limit when the operator set one (every worker agrees), else the flags.
    site_limit, site_interval = await effective(conn, config.site_limit, config.site_interval)
    window = now - site_interval
    used = await conn.scalar(
        select(func.count()).where(s.c.site == job["site"], s.c.created_at > window, s.c.state != "void")
    )
    running = await conn.scalar(select(func.count()).where(j.c.site == job["site"], holding))
    if int(used or 0) + int(running or 0) >= site_limit:
        oldest = await conn.scalar(
            select(func.min(s.c.created_at)).where(
                s.c.site == job["site"], s.c.created_at > window, s.c.state != "void"
            )
        )
        full = int(used or 0) >= site_limit
        until = (oldest + site_interval) if oldest and full else now + 2
        return f"waiting: rate limit of {site_limit} per {job['site']} reached", until
    return None

"""The per-site rate limit held in the database, so every worker applies the same one.

Before, ``jobpilot worker --site-limit/--site-interval`` set it per worker, and two workers
started with different flags disagreed about the same employer. Now the operator sets it
once (``jobpilot fleet limits --site-limit N --site-interval SECONDS``; rows ``site_limit``
and ``site_interval`` of ``fleet_meta``) and the claim reads it in its own transaction. A
worker's flags are only the fallback while the database holds no value (a fleet that
never set one behaves as before). Daily caps are per user and per plan already
(``jobpilot fleet user set --daily-cap``, ``fleet_plans``). config.toml's ``[limits]`` is
the desktop's own (one person's runs) and does not reach the fleet.
"""

from __future__ import annotations

import time

from sqlalchemy import delete, insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from jobpilot.errors import UsageError
from jobpilot.fleet import tables as t
from jobpilot.fleet.store import FleetStore

NAMES = ("site_limit", "site_interval")


async def read(conn: AsyncConnection) -> dict[str, float]:
    """The values the database holds (missing names: not set)."""
    rows = await conn.execute(select(t.meta.c.name, t.meta.c.value).where(t.meta.c.name.in_(NAMES)))
    return {name: float(value) for name, value in rows}


async def effective(conn: AsyncConnection, site_limit: int, site_interval: float) -> tuple[int, float]:
    """(limit, interval) in force: the database's, else the given fallbacks."""
    held = await read(conn)
    return int(held.get("site_limit", site_limit)), float(held.get("site_interval", site_interval))


async def set_limits(
    store: FleetStore,
    *,
    site_limit: int | None = None,
    site_interval: float | None = None,
    unset: bool = False,
) -> dict[str, float]:
    """Set (or with ``unset``, remove) the fleet's per-site limit; returns what is held."""
    if site_limit is not None and not 1 <= site_limit <= 100_000:
        raise UsageError(f"--site-limit {site_limit} is out of range", hint="1 to 100000 submissions")
    if site_interval is not None and not 1 <= site_interval <= 30 * 86_400:
        raise UsageError(f"--site-interval {site_interval} is out of range", hint="1 s to 30 days")
    async with store.tx() as conn:
        if unset:
            await conn.execute(delete(t.meta).where(t.meta.c.name.in_(NAMES)))
        for name, value in (("site_limit", site_limit), ("site_interval", site_interval)):
            if value is None:
                continue
            row = {"value": str(value), "updated_at": time.time()}
            done = await conn.execute(update(t.meta).where(t.meta.c.name == name).values(**row))
            if not done.rowcount:
                await conn.execute(insert(t.meta).values(name=name, **row))
    async with store.engine.connect() as conn:
        return await read(conn)


__all__ = ["NAMES", "effective", "read", "set_limits"]

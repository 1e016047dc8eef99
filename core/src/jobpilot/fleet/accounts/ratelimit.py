"""Sign-in rate limiting: failures are rows in the database, counted per e-mail (hashed:
the table never holds an address) and per client address over a sliding window, so every
API process behind a load balancer sees the same count. A success clears the e-mail's."""

from __future__ import annotations

import hashlib
import time

from sqlalchemy import and_, delete, func, insert, select

from jobpilot.fleet import tables as t
from jobpilot.fleet.store import FleetStore

WINDOW = 900.0
PER_EMAIL = 5
"""Wrong passwords for one account per window before sign-in is refused for it."""
PER_ADDRESS = 30
"""Failures from one client address per window (many accounts tried from one place)."""


def email_key(email: str) -> str:
    return "email:" + hashlib.sha256(email.strip().lower().encode()).hexdigest()


def address_key(address: str) -> str:
    return "ip:" + address[:90]


async def retry_after(store: FleetStore, email: str, address: str, *, now: float | None = None) -> float:
    """Seconds until a sign-in may be tried again (0: now)."""
    now = now or time.time()
    since = now - WINDOW
    f = t.signin_failures
    wait = 0.0
    async with store.engine.connect() as conn:
        for key, limit in ((email_key(email), PER_EMAIL), (address_key(address), PER_ADDRESS)):
            count, oldest = (
                await conn.execute(
                    select(func.count(), func.min(f.c.at)).where(and_(f.c.key == key, f.c.at > since))
                )
            ).one()
            if int(count or 0) >= limit and oldest is not None:
                wait = max(wait, oldest + WINDOW - now)
    return wait


async def record_failure(store: FleetStore, email: str, address: str) -> None:
    now = time.time()
    async with store.tx() as conn:
        await conn.execute(
            insert(t.signin_failures),
            [{"key": email_key(email), "at": now}, {"key": address_key(address), "at": now}],
        )
        await conn.execute(delete(t.signin_failures).where(t.signin_failures.c.at < now - WINDOW))


async def clear(store: FleetStore, email: str) -> None:
    async with store.tx() as conn:
        await conn.execute(delete(t.signin_failures).where(t.signin_failures.c.key == email_key(email)))

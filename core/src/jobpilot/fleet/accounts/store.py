"""The ``fleet_accounts`` rows: who may sign in with which e-mail and password, whether the
address is verified, and the second factor. An account is one fleet user (``fleet_users``)
whose name is its e-mail address; everything else the fleet holds hangs off that user."""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import insert, select, update

from jobpilot.fleet import tables as t
from jobpilot.fleet.billing.plans import plan_of
from jobpilot.fleet.store import Conflict, FleetStore, NotFound, new_id
from jobpilot.storage import crypto


def normal_email(email: str) -> str:
    return email.strip().lower()


async def create(store: FleetStore, email: str, password_hash: str, *, plan: str) -> dict[str, Any]:
    """A new user on ``plan`` with this account. :raises Conflict: the e-mail has an account."""
    email = normal_email(email)
    now = time.time()
    user_id = new_id()
    async with store.tx() as conn:
        if await conn.scalar(select(t.accounts.c.user_id).where(t.accounts.c.email == email)):
            raise Conflict(
                "an account with this e-mail exists", hint="sign in, or reset the password if it is lost"
            )
        limits = await plan_of(conn, plan)
        name = email[:200]
        if await conn.scalar(select(t.users.c.id).where(t.users.c.name == name)):
            name = f"{email[:160]}-{user_id[:8]}"  # an operator-made user has that name
        await conn.execute(
            insert(t.users).values(
                id=user_id, name=name, tier=plan, daily_cap=limits.daily_cap, created_at=now
            )
        )
        row = {
            "user_id": user_id,
            "email": email,
            "password_hash": password_hash,
            "created_at": now,
            "updated_at": now,
        }
        await conn.execute(insert(t.accounts).values(**row))
    return {**row, "email_verified_at": None, "totp_enabled": False}


async def by_email(store: FleetStore, email: str) -> dict[str, Any] | None:
    async with store.engine.connect() as conn:
        row = (
            (await conn.execute(select(t.accounts).where(t.accounts.c.email == normal_email(email))))
            .mappings()
            .first()
        )
    return dict(row) if row else None


async def by_user(store: FleetStore, user_id: str) -> dict[str, Any] | None:
    async with store.engine.connect() as conn:
        row = (
            (await conn.execute(select(t.accounts).where(t.accounts.c.user_id == user_id))).mappings().first()
        )
    return dict(row) if row else None


async def change(store: FleetStore, user_id: str, **values: Any) -> None:
    async with store.tx() as conn:
        res = await conn.execute(
            update(t.accounts).where(t.accounts.c.user_id == user_id).values(**values, updated_at=time.time())
        )
        if not res.rowcount:
            raise NotFound("no account for this user")


def totp_secret(account: dict[str, Any]) -> str | None:
    blob = account.get("totp_secret")
    return crypto.decrypt(bytes(blob)).decode() if blob else None


def encrypt_secret(secret: str) -> bytes:
    return crypto.encrypt(secret.encode())

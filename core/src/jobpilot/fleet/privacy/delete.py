"""Deleting a user: the Stripe customer first (so no charge follows), then every row that
is theirs in one transaction: applications with their events, ledger and evidence,
applicants and resumes, site accounts, tokens, sessions, account, billing, the user. On
SQLite ``secure_delete`` is switched on for that transaction and the write-ahead log is
truncated afterwards, so the bytes are gone from the file too, not only the rows."""

from __future__ import annotations

from sqlalchemy import delete, func, select, text

from jobpilot.fleet import tables as t
from jobpilot.fleet.accounts.ratelimit import email_key
from jobpilot.fleet.billing.stripe_api import StripeApi
from jobpilot.fleet.store import Conflict, FleetStore


async def delete_user(store: FleetStore, user_id: str, *, stripe: StripeApi | None) -> None:
    """:raises Conflict: a worker holds one of the user's applications right now (it could
    write evidence after the rows are gone): cancel it or wait, then delete."""
    j = t.jobs
    async with store.engine.connect() as conn:
        held = await conn.scalar(
            select(func.count()).where(j.c.user_id == user_id, j.c.lease_owner.is_not(None))
        )
        customer = await conn.scalar(select(t.billing.c.customer_id).where(t.billing.c.user_id == user_id))
        email = await conn.scalar(select(t.accounts.c.email).where(t.accounts.c.user_id == user_id))
    if held:
        raise Conflict(
            f"{held} of your applications are being worked on right now",
            hint="wait for them to finish (or cancel the waiting ones), then delete the account",
        )
    if customer and stripe is not None:
        await stripe.delete_customer(customer)
    async with store.tx() as conn:
        if not store.is_postgres:
            await conn.execute(text("PRAGMA secure_delete = ON"))
        jobs = select(j.c.id).where(j.c.user_id == user_id).scalar_subquery()
        await conn.execute(delete(t.evidence).where(t.evidence.c.job_id.in_(jobs)))
        await conn.execute(delete(t.events).where(t.events.c.user_id == user_id))
        await conn.execute(delete(t.submissions).where(t.submissions.c.user_id == user_id))
        await conn.execute(delete(j).where(j.c.user_id == user_id))
        await conn.execute(delete(t.resumes).where(t.resumes.c.user_id == user_id))
        await conn.execute(delete(t.applicants).where(t.applicants.c.user_id == user_id))
        await conn.execute(delete(t.credentials).where(t.credentials.c.user_id == user_id))
        await conn.execute(delete(t.tokens).where(t.tokens.c.user_id == user_id))
        await conn.execute(delete(t.sessions).where(t.sessions.c.user_id == user_id))
        if email:
            await conn.execute(delete(t.signin_failures).where(t.signin_failures.c.key == email_key(email)))
        await conn.execute(delete(t.accounts).where(t.accounts.c.user_id == user_id))
        await conn.execute(delete(t.billing).where(t.billing.c.user_id == user_id))
        await conn.execute(delete(t.users).where(t.users.c.id == user_id))
    if not store.is_postgres:
        # Outside any transaction (the store's connections begin one at once): the raw
        # driver connection checkpoints the log into the file and truncates it.
        async with store.engine.connect() as conn:
            raw = await conn.get_raw_connection()
            await conn.rollback()
            await raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # type: ignore[union-attr]

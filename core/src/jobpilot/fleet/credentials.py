"""Candidate accounts in the fleet database: the fleet's ``Credentials`` for flows.

An ATS that makes applicants sign in (Workday) gets an account per tenant and e-mail the
first time; the next application to that tenant signs in with it. In the fleet the next
application may run on another machine, so the accounts live in the fleet database (per
user, encrypted with the fleet's shared key), not in a worker's own files.

Two workers must never create two accounts for one tenant and e-mail: :meth:`lease` is a
row lock with an expiry (``lease_owner``/``lease_token``/``lease_expires``) that the holder
renews while it works and releases at the end; a holder that dies stops renewing and the
lease passes to the next worker once it expires. Passwords never appear in a ``repr``, a log
line or an error message.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import secrets
import time
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any

from sqlalchemy import ColumnElement, and_, func, insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from jobpilot.accounts import SiteCredential, account_digest
from jobpilot.errors import AccountLeaseError
from jobpilot.fleet import tables as t
from jobpilot.fleet.store import FleetStore
from jobpilot.storage import crypto

log = logging.getLogger("jobpilot.fleet.credentials")

LEASE_SECONDS = 60.0
"""A lease not renewed for this long passes to the next worker (renewed every third)."""
LEASE_WAIT_S = 300.0
"""How long :meth:`FleetCredentials.lease` waits for another worker holding the account."""


class FleetCredentials:
    """One user's candidate accounts in the fleet database (``fleet_credentials``).

    :param holder: who holds leases (the worker's name, shown to the operator).
    """

    def __init__(
        self,
        store: FleetStore,
        *,
        user_id: str,
        holder: str,
        lease_seconds: float = LEASE_SECONDS,
        wait_s: float = LEASE_WAIT_S,
        poll_s: float = 0.25,
    ) -> None:
        self.store = store
        self.user_id = user_id
        self.holder = holder
        self.lease_seconds = lease_seconds
        self.wait_s = wait_s
        self.poll_s = poll_s

    def _key(self, ats: str, tenant: str, email: str) -> ColumnElement[bool]:
        c = t.credentials.c
        return and_(
            c.user_id == self.user_id, c.ats == ats, c.tenant == tenant, c.account == account_digest(email)
        )

    async def get(self, *, ats: str, tenant: str, email: str) -> SiteCredential | None:
        """The stored account, or None (also while another worker only holds its lease)."""

        async def go() -> bytes | None:
            async with self.store.engine.connect() as conn:
                found = await conn.scalar(select(t.credentials.c.secret).where(self._key(ats, tenant, email)))
            return bytes(found) if found is not None else None

        blob = await self.store.retry(go)
        if blob is None:
            return None
        data = json.loads(crypto.decrypt(blob))
        return SiteCredential(
            ats=ats, tenant=tenant, email=data["email"], password=data["password"], state=data["state"]
        )

    async def put(self, credential: SiteCredential) -> None:
        """Insert or replace the account (store it *before* creating it on the site, as
        ``pending``, so a crash in between leaves a password to try, never a lost one)."""
        blob = crypto.encrypt(
            json.dumps(
                {"email": credential.email, "password": credential.password, "state": credential.state}
            ).encode()
        )
        key = self._key(credential.ats, credential.tenant, credential.email)

        async def go() -> None:
            now = time.time()
            async with self.store.tx() as conn:
                done = await conn.execute(
                    update(t.credentials).where(key).values(secret=blob, updated_at=now)
                )
                if done.rowcount:
                    return
            try:
                async with self.store.tx() as conn:
                    await conn.execute(
                        insert(t.credentials).values(
                            **self._row(credential.ats, credential.tenant, credential.email, now),
                            secret=blob,
                        )
                    )
            except IntegrityError:  # inserted meanwhile (a lease row): replace its secret
                async with self.store.tx() as conn:
                    await conn.execute(update(t.credentials).where(key).values(secret=blob, updated_at=now))

        await self.store.retry(go)

    async def delete(self, *, ats: str, tenant: str, email: str) -> bool:
        """Forget the account (a lease on it stays with its holder); True when one was stored."""

        async def go() -> bool:
            async with self.store.tx() as conn:
                done = await conn.execute(
                    update(t.credentials)
                    .where(self._key(ats, tenant, email), t.credentials.c.secret.is_not(None))
                    .values(secret=None, updated_at=time.time())
                )
                return bool(done.rowcount)

        return await self.store.retry(go)

    def lease(self, *, ats: str, tenant: str, email: str) -> AbstractAsyncContextManager[None]:
        """Exclusive use of this (ATS, tenant, e-mail) across every worker of the fleet while
        the ``async with`` block runs. :raises AccountLeaseError: another worker held it for
        longer than ``wait_s``."""
        return self._lease(ats, tenant, email)

    @asynccontextmanager
    async def _lease(self, ats: str, tenant: str, email: str) -> AsyncIterator[None]:
        token = secrets.token_hex(8)
        deadline = time.monotonic() + self.wait_s
        while not await self.store.retry(lambda: self._take(ats, tenant, email, token)):
            if time.monotonic() >= deadline:
                raise AccountLeaseError(
                    f"another worker has been using the {ats} account for {tenant} for over"
                    f" {self.wait_s:.0f} s",
                    hint="the application is retried later; a worker that died releases it when"
                    f" its lease expires ({self.lease_seconds:.0f} s)",
                )
            await asyncio.sleep(self.poll_s)
        renew = asyncio.create_task(self._renew(ats, tenant, email, token), name="fleet-account-lease")
        try:
            yield
        finally:
            renew.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await renew
            with contextlib.suppress(Exception):
                await self.store.retry(lambda: self._release(ats, tenant, email, token))

    def _row(self, ats: str, tenant: str, email: str, now: float) -> dict[str, Any]:
        return {
            "user_id": self.user_id,
            "ats": ats,
            "tenant": tenant,
            "account": account_digest(email),
            "created_at": now,
            "updated_at": now,
        }

    async def _take(self, ats: str, tenant: str, email: str, token: str) -> bool:
        c = t.credentials.c
        now = time.time()
        held = {"lease_owner": self.holder, "lease_token": token, "lease_expires": now + self.lease_seconds}
        async with self.store.tx() as conn:
            taken = await conn.execute(
                update(t.credentials)
                .where(self._key(ats, tenant, email), or_(c.lease_token.is_(None), c.lease_expires < now))
                .values(**held, updated_at=now)
            )
            if taken.rowcount:
                return True
            if await conn.scalar(select(func.count()).where(self._key(ats, tenant, email))):
                return False  # someone else holds it
        try:
            async with self.store.tx() as conn:
                await conn.execute(insert(t.credentials).values(**self._row(ats, tenant, email, now), **held))
            return True
        except IntegrityError:  # another worker inserted it first: theirs
            return False

    async def _renew(self, ats: str, tenant: str, email: str, token: str) -> None:
        while True:
            await asyncio.sleep(self.lease_seconds / 3)
            try:
                async with self.store.tx() as conn:
                    kept = await conn.execute(
                        update(t.credentials)
                        .where(self._key(ats, tenant, email), t.credentials.c.lease_token == token)
                        .values(lease_expires=time.time() + self.lease_seconds)
                    )
                if not kept.rowcount:
                    log.warning("lost the lease on the %s account for %s", ats, tenant)
                    return
            except Exception as exc:  # the database is away: try again at the next beat
                log.warning("could not renew the %s account lease for %s: %s", ats, tenant, exc)

    async def _release(self, ats: str, tenant: str, email: str, token: str) -> None:
        async with self.store.tx() as conn:
            await conn.execute(
                update(t.credentials)
                .where(self._key(ats, tenant, email), t.credentials.c.lease_token == token)
                .values(lease_owner=None, lease_token=None, lease_expires=None)
            )


__all__ = ["LEASE_SECONDS", "LEASE_WAIT_S", "FleetCredentials"]

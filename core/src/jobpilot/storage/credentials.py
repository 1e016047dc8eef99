"""Accounts on ATS sites that make applicants sign in (Workday tenants, some iCIMS sites).

JobPilot creates such an account for the applicant the first time it applies to a tenant
and signs in with it afterwards. The e-mail and password are stored encrypted with the same
key as profiles (``crypto``); the row is found by ATS, tenant and a SHA-256 digest of the
e-mail, so a copied database file shows neither. Passwords never appear in a ``repr``, a
log line or an error message.
"""

from __future__ import annotations

import asyncio
import json
import os
import time
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import delete, func, insert, select, update

from jobpilot.accounts import CredentialState, SiteCredential, account_digest, generate_password
from jobpilot.errors import AccountLeaseError
from jobpilot.storage import crypto, schema
from jobpilot.storage.db import Database

__all__ = ["CredentialState", "CredentialStore", "SiteCredential", "account_digest", "generate_password"]

LEASE_WAIT_S = 300.0
"""How long ``CredentialStore.lease`` waits for another run holding the same account."""

class CredentialStore:
    """Encrypted site accounts in the JobPilot database (table ``site_credentials``): the
    desktop implementation of ``jobpilot.engine.flow.Credentials``.

    :param db: the open database; None opens the configured one for each call (a run
        without a database of its own still finds the accounts made earlier).
    """

    def __init__(self, db: Database | None = None, *, lock_dir: Path | None = None) -> None:
        self._db = db
        self._lock_dir = lock_dir

    @property
    def db(self) -> Database:
        if self._db is None:
            raise RuntimeError("CredentialStore without a database: use its async methods")
        return self._db

    @asynccontextmanager
    async def _database(self) -> AsyncIterator[Database]:
        if self._db is not None:
            yield self._db
            return
        from jobpilot.config import load_settings

        async with Database(load_settings().database_url) as db:
            yield db

    def lease(
        self, *, ats: str, tenant: str, email: str, wait_s: float = LEASE_WAIT_S
    ) -> AbstractAsyncContextManager[None]:
        """Exclusive use of one account across the runs on this machine: an advisory file
        lock (released by the OS if the holder dies), so two applications to the same
        tenant never both create an account."""
        return _file_lease(
            self._locks() / f"{ats}-{account_digest(tenant + chr(0) + email)[:32]}.lock", wait_s
        )

    def _locks(self) -> Path:
        if self._lock_dir is None:
            from jobpilot.config import home

            self._lock_dir = home() / "locks"
        self._lock_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        return self._lock_dir

    async def get(self, *, ats: str, tenant: str, email: str) -> SiteCredential | None:
        t = schema.site_credentials
        async with self._database() as db, db.engine.connect() as conn:
            blob = await conn.scalar(
                select(t.c.secret).where(
                    t.c.ats == ats, t.c.tenant == tenant, t.c.account == account_digest(email)
                )
            )
        if blob is None:
            return None
        data = json.loads(crypto.decrypt(blob))
        return SiteCredential(
            ats=ats, tenant=tenant, email=data["email"], password=data["password"], state=data["state"]
        )

    async def put(self, credential: SiteCredential) -> None:
        """Insert or replace the account (one transaction)."""
        await self.save(credential)

    async def save(self, cred: SiteCredential) -> None:
        """Insert or replace the account (one transaction)."""
        t = schema.site_credentials
        blob = crypto.encrypt(
            json.dumps({"email": cred.email, "password": cred.password, "state": cred.state}).encode()
        )
        key = (t.c.ats == cred.ats, t.c.tenant == cred.tenant, t.c.account == account_digest(cred.email))
        now = datetime.now(UTC)
        async with self._database() as db, db.engine.begin() as conn:
            if await conn.scalar(select(func.count()).where(*key)):
                await conn.execute(update(t).where(*key).values(secret=blob, updated_at=now))
            else:
                await conn.execute(
                    insert(t).values(
                        ats=cred.ats,
                        tenant=cred.tenant,
                        account=account_digest(cred.email),
                        secret=blob,
                        created_at=now,
                        updated_at=now,
                    )
                )

    async def mark(self, cred: SiteCredential, state: CredentialState) -> SiteCredential:
        updated = replace(cred, state=state)
        await self.save(updated)
        return updated

    async def delete(self, *, ats: str, tenant: str, email: str) -> bool:
        t = schema.site_credentials
        async with self._database() as db, db.engine.begin() as conn:
            res = await conn.execute(
                delete(t).where(t.c.ats == ats, t.c.tenant == tenant, t.c.account == account_digest(email))
            )
            return bool(res.rowcount)

    async def tenants(self, ats: str | None = None) -> list[tuple[str, str]]:
        """(ats, tenant) pairs with a stored account, without decrypting anything."""
        t = schema.site_credentials
        q = select(t.c.ats, t.c.tenant).order_by(t.c.ats, t.c.tenant)
        if ats is not None:
            q = q.where(t.c.ats == ats)
        async with self._database() as db, db.engine.connect() as conn:
            return [(r[0], r[1]) for r in await conn.execute(q)]


@asynccontextmanager
async def _file_lease(path: Path, wait_s: float) -> AsyncIterator[None]:
    """Hold an exclusive ``flock`` on ``path`` (polled, so the event loop keeps running)."""
    import fcntl

    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        deadline = time.monotonic() + wait_s
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise AccountLeaseError(
                        f"another application has held this site account for over {wait_s:.0f} s",
                        hint="let the other application finish (or stop it), then run again",
                    ) from None
                await asyncio.sleep(0.05)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)

"""Accounts on ATS sites that make applicants sign in (Workday tenants, some iCIMS sites).

JobPilot creates such an account for the applicant the first time it applies to a tenant
and signs in with it afterwards. The e-mail and password are stored encrypted with the same
key as profiles (``crypto``); the row is found by ATS, tenant and a SHA-256 digest of the
e-mail, so a copied database file shows neither. Passwords never appear in a ``repr``, a
log line or an error message.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import string
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Literal

from sqlalchemy import delete, func, insert, select, update

from jobpilot.storage import crypto, schema
from jobpilot.storage.db import Database

CredentialState = Literal["pending", "active"]
"""``pending``: stored before the account was created (the creation may not have gone
through); ``active``: the site accepted it."""

_SPECIALS = "!#$%&*+-=?@^_"


def generate_password(length: int = 20) -> str:
    """A strong random password that meets the usual ATS rules (upper, lower, digit,
    special character, at least 8 characters)."""
    if length < 8:
        raise ValueError("passwords shorter than 8 characters are refused by most ATS sites")
    alphabet = string.ascii_letters + string.digits + _SPECIALS
    required = [
        secrets.choice(string.ascii_uppercase),
        secrets.choice(string.ascii_lowercase),
        secrets.choice(string.digits),
        secrets.choice(_SPECIALS),
    ]
    chars = required + [secrets.choice(alphabet) for _ in range(length - len(required))]
    secrets.SystemRandom().shuffle(chars)
    return "".join(chars)


def account_digest(email: str) -> str:
    return hashlib.sha256(email.strip().lower().encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class SiteCredential:
    """One account on one tenant of one ATS."""

    ats: str
    tenant: str
    email: str
    password: str = field(repr=False)
    state: CredentialState = "pending"


class CredentialStore:
    """Encrypted site accounts in the JobPilot database (table ``site_credentials``)."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def get(self, *, ats: str, tenant: str, email: str) -> SiteCredential | None:
        t = schema.site_credentials
        async with self.db.engine.connect() as conn:
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

    async def save(self, cred: SiteCredential) -> None:
        """Insert or replace the account (one transaction)."""
        t = schema.site_credentials
        blob = crypto.encrypt(
            json.dumps({"email": cred.email, "password": cred.password, "state": cred.state}).encode()
        )
        key = (t.c.ats == cred.ats, t.c.tenant == cred.tenant, t.c.account == account_digest(cred.email))
        now = datetime.now(UTC)
        async with self.db.engine.begin() as conn:
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
        async with self.db.engine.begin() as conn:
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
        async with self.db.engine.connect() as conn:
            return [(r[0], r[1]) for r in await conn.execute(q)]

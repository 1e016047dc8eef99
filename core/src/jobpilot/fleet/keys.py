"""The fleet's shared key: every process must hold it, and prove it at start-up.

A worker on a second machine that quietly made its own ``secret.key`` failed every job with
"cannot decrypt stored profile data". So a fleet process (``serve``, ``worker``) refuses to
start without ``JOBPILOT_SECRET_KEY`` (or ``JOBPILOT_SECRET_KEY_FILE``), and checks it
against the database: the ``key_check`` value in ``fleet_meta`` is encrypted with the
fleet's key when the first process starts (after checking any data already stored), and
every later process must decrypt it.

Rotation: list a new key first and the old one after it on every process, run
:func:`rotate_all` (``jobpilot fleet rotate-key``: every encrypted column, in batches, each
row in its own transaction, so it can run beside live workers and be re-run), then drop the
old key.
"""

from __future__ import annotations

import time
from functools import partial
from typing import Any

from sqlalchemy import Table, insert, select, update

from jobpilot.errors import JobPilotError, UsageError
from jobpilot.fleet import tables as t
from jobpilot.fleet.store import FleetStore
from jobpilot.storage import crypto

CHECK_NAME = "key_check"
CHECK_TEXT = b"jobpilot fleet key check"

ENCRYPTED: tuple[tuple[Table, str, tuple[str, ...]], ...] = (
    (t.applicants, "profile", ("id",)),
    (t.resumes, "data", ("id",)),
    (t.credentials, "secret", ("user_id", "ats", "tenant", "account")),
    (t.accounts, "totp_secret", ("user_id",)),
)
"""Every encrypted column: (table, column, primary key)."""


class KeyMismatch(JobPilotError):
    """This process's key cannot open the fleet's data."""


def require_shared_key() -> None:
    """:raises UsageError: no key was given to this process (a fleet never falls back to a
    key file made on one machine)."""
    if crypto.configured_keys() is None:
        raise UsageError(
            f"no shared secret key: set {crypto.KEY_ENV} (or {crypto.KEY_FILE_ENV}) to the fleet's key",
            hint="every fleet process (serve, worker) needs the same key; `jobpilot fleet new-key` makes"
            " one for a new fleet; see docs/operations.md",
        )
    crypto.fernet()  # a malformed key is refused here, with its own message


async def verify_key(store: FleetStore) -> str:
    """Check this process's key against the database; returns what was found
    (``"checked"``, ``"created"``). :raises KeyMismatch: the key cannot decrypt the fleet's
    data. :raises UsageError: no shared key is configured."""
    require_shared_key()
    async with store.engine.connect() as conn:
        stored = await conn.scalar(select(t.meta.c.value).where(t.meta.c.name == CHECK_NAME))
    if stored is not None:
        _open(stored.encode(), "the key check stored by the fleet's first process")
        return "checked"
    # No check yet (a new fleet, or one made before the check existed): any data already
    # stored must open with this key before this key becomes the fleet's.
    for table, column, _ in ENCRYPTED:
        async with store.engine.connect() as conn:
            blob = await conn.scalar(select(table.c[column]).where(table.c[column].is_not(None)).limit(1))
        if blob is not None:
            _open(bytes(blob), f"data stored in {table.name}")
    token = crypto.encrypt(CHECK_TEXT).decode()

    async def go() -> None:
        async with store.tx() as conn:
            if await conn.scalar(select(t.meta.c.name).where(t.meta.c.name == CHECK_NAME)) is None:
                await conn.execute(
                    insert(t.meta).values(name=CHECK_NAME, value=token, updated_at=time.time())
                )

    await store.retry(go)
    await verify_key(store)  # whoever won a race to create it, this key must open it
    return "created"


def _open(token: bytes, what: str) -> None:
    try:
        crypto.fernet().decrypt(token)
    except Exception:
        raise KeyMismatch(
            f"this process's secret key cannot decrypt {what}: it is not the fleet's key",
            hint=f"set {crypto.KEY_ENV} to the key every other fleet process uses (the one the fleet"
            " was set up with); see docs/operations.md",
        ) from None


async def rotate_all(store: FleetStore, *, batch: int = 200) -> dict[str, int]:
    """Re-encrypt every encrypted value with the first configured key; returns how many
    rows per table. Safe beside live processes (one short transaction per row, each row
    re-read under lock) and safe to re-run."""
    require_shared_key()
    done: dict[str, int] = {}
    for table, column, key in ENCRYPTED:
        count = 0
        last: tuple[Any, ...] | None = None
        cols = [table.c[k] for k in key]
        while True:
            q = select(*cols).where(table.c[column].is_not(None)).order_by(*cols).limit(batch)
            if last is not None:
                from sqlalchemy import tuple_

                q = q.where(tuple_(*cols) > tuple_(*last))
            async with store.engine.connect() as conn:
                ids = [tuple(r) for r in await conn.execute(q)]
            if not ids:
                break
            for ident in ids:
                await store.retry(partial(_rotate_row, store, table, column, cols, ident))
                count += 1
            last = ids[-1]
        done[table.name] = count

    async def canary() -> None:
        async with store.tx() as conn:
            await conn.execute(
                update(t.meta)
                .where(t.meta.c.name == CHECK_NAME)
                .values(value=crypto.encrypt(CHECK_TEXT).decode(), updated_at=time.time())
            )

    await store.retry(canary)
    return done


async def _rotate_row(
    store: FleetStore, table: Table, column: str, cols: list[Any], ident: tuple[Any, ...]
) -> None:
    where = [c == v for c, v in zip(cols, ident, strict=True)]
    async with store.tx() as conn:
        blob = await conn.scalar(select(table.c[column]).where(*where).with_for_update())
        if blob is None:
            return
        await conn.execute(update(table).where(*where).values({column: crypto.rotate(bytes(blob))}))


__all__ = ["ENCRYPTED", "KeyMismatch", "require_shared_key", "rotate_all", "verify_key"]

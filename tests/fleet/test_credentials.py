"""Candidate accounts in the fleet database, on SQLite and PostgreSQL: encrypted with the
fleet's key, per user, shared by every worker, and never created twice for one tenant and
e-mail however many workers race for it (the lease)."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest
from jobpilot.errors import AccountLeaseError
from jobpilot.fleet import tables as t
from jobpilot.fleet.credentials import FleetCredentials
from jobpilot.fleet.store import FleetStore
from jobpilot.storage.credentials import SiteCredential
from sqlalchemy import select, update

TENANT = "harborview.wd5.myworkdayjobs.com"
EMAIL = "Ada.Lovelace@example.test"


def _cred(password: str = "Fleet-Password-1!", state: Any = "pending") -> SiteCredential:
    return SiteCredential(ats="workday", tenant=TENANT, email=EMAIL, password=password, state=state)


async def test_accounts_are_encrypted_per_user_and_shared_by_workers(store: FleetStore) -> None:
    alice = await store.create_user("alice")
    bob = await store.create_user("bob")
    one = FleetCredentials(store, user_id=alice["id"], holder="worker-1")
    other_worker = FleetCredentials(store, user_id=alice["id"], holder="worker-2")
    assert await one.get(ats="workday", tenant=TENANT, email=EMAIL) is None
    await one.put(_cred())
    await one.put(_cred(state="active"))
    found = await other_worker.get(ats="workday", tenant=TENANT, email=EMAIL.lower())
    assert found == _cred(state="active")
    assert "Fleet-Password" not in repr(found)
    # Another user's applications never see it.
    assert (
        await FleetCredentials(store, user_id=bob["id"], holder="w").get(
            ats="workday", tenant=TENANT, email=EMAIL
        )
        is None
    )
    async with store.engine.connect() as conn:
        (row,) = (await conn.execute(select(t.credentials))).mappings().all()
    raw = bytes(row["secret"])
    assert b"Fleet-Password" not in raw and b"Ada" not in raw and b"example.test" not in raw
    assert EMAIL.lower() not in row["account"]
    assert await other_worker.delete(ats="workday", tenant=TENANT, email=EMAIL) is True
    assert await one.get(ats="workday", tenant=TENANT, email=EMAIL) is None
    assert await other_worker.delete(ats="workday", tenant=TENANT, email=EMAIL) is False


async def test_two_workers_never_create_two_accounts(database_url: str) -> None:
    """Eight applications on two workers (each its own connection pool, as on two machines)
    race to apply to one tenant with one e-mail: exactly one creates the account, all the
    others sign in with it."""
    created: list[str] = []
    signed_in: list[str] = []
    async with FleetStore(database_url) as first, FleetStore(database_url) as second:
        user = await first.create_user("racer")

        async def application(n: int, store: FleetStore) -> None:
            creds = FleetCredentials(store, user_id=user["id"], holder=f"worker-{n % 2}", poll_s=0.05)
            async with creds.lease(ats="workday", tenant=TENANT, email=EMAIL):
                found = await creds.get(ats="workday", tenant=TENANT, email=EMAIL)
                if found is None:
                    await creds.put(_cred(password=f"pw-{n}-Aa1!"))
                    await asyncio.sleep(0.05)  # the site creates the account
                    created.append(f"pw-{n}-Aa1!")
                    await creds.put(_cred(password=f"pw-{n}-Aa1!", state="active"))
                else:
                    assert found.state == "active"
                    signed_in.append(found.password)

        await asyncio.gather(*(application(n, first if n % 2 else second) for n in range(8)))
        assert len(created) == 1 and signed_in == created * 7


async def test_a_held_lease_waits_and_a_dead_holders_lease_expires(store: FleetStore) -> None:
    user = await store.create_user("waiter")
    holder = FleetCredentials(store, user_id=user["id"], holder="worker-1")
    impatient = FleetCredentials(store, user_id=user["id"], holder="worker-2", wait_s=0.3, poll_s=0.05)
    async with holder.lease(ats="workday", tenant=TENANT, email=EMAIL):
        with pytest.raises(AccountLeaseError) as refused:
            async with impatient.lease(ats="workday", tenant=TENANT, email=EMAIL):
                pytest.fail("two holders at once")
        assert "another worker" in str(refused.value) and "Password" not in str(refused.value)
    # Released at the end of the block: the next one gets it at once.
    async with impatient.lease(ats="workday", tenant=TENANT, email=EMAIL):
        pass
    # A holder that died (it never released, and stopped renewing): the lease expires.
    async with store.tx() as conn:
        await conn.execute(
            update(t.credentials).values(
                lease_owner="dead-worker", lease_token="deadbeef", lease_expires=time.time() - 1
            )
        )
    async with impatient.lease(ats="workday", tenant=TENANT, email=EMAIL):
        async with store.engine.connect() as conn:
            owner = await conn.scalar(select(t.credentials.c.lease_owner))
        assert owner == "worker-2"


async def test_the_lease_is_renewed_while_held(store: FleetStore) -> None:
    """A holder that works longer than the lease keeps it: the expiry moves forward while the
    block runs, and nobody takes a lease that has not expired."""
    user = await store.create_user("slow")
    slow = FleetCredentials(store, user_id=user["id"], holder="worker-1", lease_seconds=5.0)
    other = FleetCredentials(store, user_id=user["id"], holder="worker-2", wait_s=0.1, poll_s=0.05)

    async def expiry() -> float:
        async with store.engine.connect() as conn:
            return float(await conn.scalar(select(t.credentials.c.lease_expires)))

    async with slow.lease(ats="workday", tenant=TENANT, email=EMAIL):
        first = await expiry()
        for _ in range(600):  # invariant, not timing: wait for the renewal however slow
            await asyncio.sleep(0.1)
            if await expiry() > first:
                break
        assert await expiry() > first, "the lease was never renewed"
        with pytest.raises(AccountLeaseError):
            async with other.lease(ats="workday", tenant=TENANT, email=EMAIL):
                if await expiry() > time.time():
                    pytest.fail("a live lease was taken")

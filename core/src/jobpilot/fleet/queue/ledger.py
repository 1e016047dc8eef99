"""Exactly once: the ledger row written right before the submit click, and the outcome of
a run (done, parked, retried with backoff, dead-lettered)."""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import insert, select, update

from jobpilot.fleet import tables as t
from jobpilot.fleet.queue.base import Claim, LeaseLost, QueueBase
from jobpilot.fleet.store import Conflict, add_event, new_id


class Outcomes(QueueBase):
    """The submission ledger (written before the click) and the recorded outcome of a run."""

    async def begin_submit(self, claim: Claim, worker: str) -> str:
        """The ledger entry, written before the submit click; returns the idempotency key.

        :raises LeaseLost: the worker lost the application (do not click);
        :raises Conflict: a submission record for this key exists (do not click).
        """
        key = claim.idempotency_key
        if claim.after_click:
            raise Conflict(f"application {claim.id} was submitted before its question; not submitting again")

        async def go() -> str:
            async with self.store.tx() as conn:
                existing = (
                    (await conn.execute(select(t.submissions).where(t.submissions.c.idempotency_key == key)))
                    .mappings()
                    .first()
                )
                if existing is not None:
                    # Our own earlier try whose commit reply was lost in a database restart.
                    if existing["lease_token"] == claim.lease_token and existing["state"] == "clicking":
                        return key
                    raise Conflict(f"a submission for {key} is already recorded; not submitting again")
                job = await self._held(conn, claim.id, claim.lease_token)
                if job["state"] != "running":
                    raise LeaseLost(f"application {claim.id} is {job['state']}, not running")
                now = time.time()
                await conn.execute(
                    insert(t.submissions).values(
                        idempotency_key=key,
                        job_id=claim.id,
                        user_id=claim.user_id,
                        site=job["site"],
                        worker=worker,
                        lease_token=claim.lease_token,
                        state="clicking",
                        created_at=now,
                    )
                )
                await conn.execute(
                    update(t.jobs).where(t.jobs.c.id == claim.id).values(state="submitting", updated_at=now)
                )
                await add_event(conn, job, "submitting", f"idempotency key {key}", worker=worker)
            return key

        return await self.store.retry(go, attempts=10)

    # --- outcomes ----------------------------------------------------------------------

    async def finish(
        self,
        claim: Claim,
        state: str,
        *,
        worker: str,
        record: dict[str, Any] | None = None,
        message: str = "",
        error: str | None = None,
        question: str | None = None,
        question_kind: str = "parked",
        page_url: str | None = None,
    ) -> None:
        """Record the outcome of a run: ``filled``, ``submitted``, ``needs_verification`` or
        ``needs_user`` (parked, with ``question``; after the submit click it is marked
        ``after_submit`` and keeps ``page_url``, where the answer is used). Retried while the
        database is down: an outcome is never dropped. After a submit click the outcome is
        recorded even if the lease expired meanwhile (the page's confirmation is the truth)."""

        async def go() -> None:
            async with self.store.tx() as conn:
                row = (
                    (await conn.execute(select(t.jobs).where(t.jobs.c.id == claim.id).with_for_update()))
                    .mappings()
                    .first()
                )
                if row is None:
                    raise LeaseLost(f"application {claim.id} is gone")
                job = dict(row)
                sub = (
                    (
                        await conn.execute(
                            select(t.submissions).where(
                                t.submissions.c.idempotency_key == claim.idempotency_key
                            )
                        )
                    )
                    .mappings()
                    .first()
                )
                ours = sub is not None and sub["lease_token"] == claim.lease_token
                if job["lease_token"] != claim.lease_token and not (
                    ours and job["state"] == "needs_verification"
                ):
                    raise LeaseLost(f"application {claim.id} is no longer held by this worker")
                now = time.time()
                values: dict[str, Any] = {
                    "state": state,
                    "lease_owner": None,
                    "lease_token": None,
                    "lease_expires": None,
                    "updated_at": now,
                    "last_error": error,
                }
                if record is not None:
                    values["record"] = record
                if state == "needs_user":
                    values["question"] = {
                        "id": new_id(),
                        "text": question or message,
                        "kind": question_kind,
                        "asked_at": now,
                        "live": False,
                        "after_submit": ours,
                        "page_url": page_url if ours else None,
                    }
                else:
                    values["question"] = None
                    values["finished_at"] = now
                await conn.execute(update(t.jobs).where(t.jobs.c.id == claim.id).values(**values))
                if ours:
                    sub_state = {"submitted": "confirmed"}.get(state, "unconfirmed")
                    await conn.execute(
                        update(t.submissions)
                        .where(t.submissions.c.idempotency_key == claim.idempotency_key)
                        .values(state=sub_state, resolved_at=now if sub_state == "confirmed" else None)
                    )
                await add_event(conn, job, state, message or (question or ""), worker=worker)

        await self.store.retry(go, attempts=40)

    async def fail(self, claim: Claim, error: str, *, worker: str, permanent: bool = False) -> str:
        """A run that went wrong before the submit click: retry after an exponential
        backoff, or dead-letter it when the attempts are used up (``failed`` at once when
        retrying cannot help). Returns the new state."""

        async def go() -> str:
            async with self.store.tx() as conn:
                job = await self._held(conn, claim.id, claim.lease_token)
                if job["state"] == "submitting" or await self._ledger(conn, job) is not None:
                    raise LeaseLost("a submission began: never retried automatically")
                state, values = self._after_failure(job, time.time(), permanent=permanent)
                values["last_error"] = error
                await conn.execute(update(t.jobs).where(t.jobs.c.id == claim.id).values(**values))
                await add_event(conn, job, state, error, worker=worker)
                return state

        return await self.store.retry(go, attempts=40)

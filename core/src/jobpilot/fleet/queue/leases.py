"""Claiming applications (highest priority first, skipping rows other workers hold, never
past a limit), renewing leases, handing back, and reaping leases that expired."""

from __future__ import annotations

import secrets
import time
from typing import Any

from sqlalchemy import select, update

from jobpilot.fleet import tables as t
from jobpilot.fleet.billing.plans import has_room, room_clause
from jobpilot.fleet.queue.base import ACTIVE, Claim, LeaseLost, QueueBase
from jobpilot.fleet.queue.limits import limit_wait
from jobpilot.fleet.store import add_event


class Leases(QueueBase):
    """Claiming applications and holding them: the lease, its renewal, giving one back,
    and taking back the ones whose worker stopped renewing."""

    async def claim(self, worker: str) -> Claim | None:
        """Take the next application this worker may run now; None when there is none."""
        for _ in range(5):
            claimed, more = await self.store.retry(lambda: self._claim_once(worker))
            if claimed is not None or not more:
                return claimed
        return None

    async def _claim_once(self, worker: str) -> tuple[Claim | None, bool]:
        now = time.time()
        j = t.jobs
        async with self.store.tx() as conn:
            q = (
                select(j)
                .where(j.c.state == "queued", j.c.run_after <= now, room_clause(j))
                .order_by(j.c.priority.desc(), j.c.run_after, j.c.created_at)
                .limit(1)
                .with_for_update(skip_locked=True)
            )
            row = (await conn.execute(q)).mappings().first()
            if row is None:
                return None, False
            job = dict(row)
            # An answered question from after the submit click: that submission already
            # counts against the limits and must be continued, not started again.
            after_click = await self._ledger(conn, job) is not None
            # The plan's applications at once, rechecked under the user's lock (two workers
            # may both have passed the query's check): this row waits for a free slot.
            if not await has_room(conn, job["user_id"], postgres=self.store.is_postgres):
                return None, True
            if job["submit"] and not after_click:
                wait = await limit_wait(self.store, self.config, conn, job, now)
                if wait is not None:
                    reason, until = wait
                    await conn.execute(
                        update(j)
                        .where(j.c.id == job["id"])
                        .values(run_after=until, note=reason, updated_at=now)
                    )
                    return None, True
            token = secrets.token_hex(8)
            await conn.execute(
                update(j)
                .where(j.c.id == job["id"])
                .values(
                    state="submitting" if after_click else "running",
                    lease_owner=worker,
                    lease_token=token,
                    lease_expires=now + self.config.lease_seconds,
                    note=None,
                    updated_at=now,
                )
            )
            resume_url: str | None = None
            if after_click:
                # The ledger row is this worker's now: its outcome is recorded against it.
                await conn.execute(
                    update(t.submissions)
                    .where(t.submissions.c.idempotency_key == f"{job['id']}:{job['generation']}")
                    .values(lease_token=token, worker=worker, state="clicking")
                )
                resume_url = next(
                    (
                        str(a["page_url"])
                        for a in reversed(list(job["answers"] or []))
                        if a.get("after_submit") and a.get("page_url")
                    ),
                    None,
                )
                await add_event(
                    conn,
                    job,
                    "submitting",
                    "continuing after the submit click (the form is not submitted again)",
                    worker=worker,
                )
            else:
                await add_event(conn, job, "running", f"attempt {job['attempts'] + 1}", worker=worker)
        return (
            Claim(
                id=job["id"],
                user_id=job["user_id"],
                applicant_id=job["applicant_id"],
                resume_id=job["resume_id"],
                url=job["url"],
                submit=job["submit"],
                attempts=job["attempts"],
                generation=job["generation"],
                lease_token=token,
                answers=list(job["answers"] or []),
                after_click=after_click,
                resume_url=resume_url,
            ),
            True,
        )

    # --- while a worker holds an application ---------------------------------------------

    async def heartbeat(self, worker: str, tokens: list[str]) -> set[str]:
        """Renew the leases; returns the tokens this worker still holds."""
        if not tokens:
            return set()
        j = t.jobs

        async def go() -> set[str]:
            async with self.store.tx() as conn:
                await conn.execute(
                    update(j)
                    .where(j.c.lease_token.in_(tokens), j.c.lease_owner == worker, j.c.state.in_(ACTIVE))
                    .values(lease_expires=time.time() + self.config.lease_seconds)
                )
                rows = await conn.execute(
                    select(j.c.lease_token).where(
                        j.c.lease_token.in_(tokens), j.c.lease_owner == worker, j.c.state.in_(ACTIVE)
                    )
                )
                return {r[0] for r in rows}

        return await self.store.retry(go)

    async def hand_back(self, claim: Claim, *, worker: str, reason: str = "worker shutting down") -> None:
        """Give an application back without counting an attempt (graceful shutdown); one
        waiting live for a person is parked with its question."""

        async def go() -> None:
            async with self.store.tx() as conn:
                try:
                    job = await self._held(conn, claim.id, claim.lease_token)
                except LeaseLost:
                    return
                if job["state"] == "submitting":
                    return  # never handed back: the reaper makes it needs_verification
                now = time.time()
                values: dict[str, Any] = {
                    "lease_owner": None,
                    "lease_token": None,
                    "lease_expires": None,
                    "updated_at": now,
                }
                if job["state"] == "needs_user" and job["question"]:
                    values.update(question={**job["question"], "live": False})
                    state = "needs_user"
                else:
                    values.update(state="queued", run_after=now, question=None)
                    state = "queued"
                await conn.execute(update(t.jobs).where(t.jobs.c.id == claim.id).values(**values))
                await add_event(conn, job, state, f"handed back: {reason}", worker=worker)

        await self.store.retry(go, attempts=20)

    async def reap(self) -> int:
        """Take back applications whose worker stopped renewing its lease: a run that had
        not begun submitting is retried by another worker, one that had begun becomes
        ``needs_verification``, one waiting for a person is parked. Returns how many."""

        async def go() -> int:
            now = time.time()
            j = t.jobs
            async with self.store.tx() as conn:
                rows = (
                    (
                        await conn.execute(
                            select(j)
                            .where(
                                j.c.state.in_(ACTIVE), j.c.lease_owner.is_not(None), j.c.lease_expires < now
                            )
                            .limit(100)
                            .with_for_update(skip_locked=True)
                        )
                    )
                    .mappings()
                    .all()
                )
                for row in rows:
                    job = dict(row)
                    lost = f"worker {job['lease_owner']} stopped renewing its lease"
                    clicked = job["state"] == "submitting" or await self._ledger(conn, job) is not None
                    if clicked:
                        # Also a question asked after the click: the page that asked is gone
                        # with the worker, and whether the submission went through is unknown.
                        state = "needs_verification"
                        values: dict[str, Any] = {
                            "state": state,
                            "lease_owner": None,
                            "lease_expires": None,
                            "updated_at": now,
                            "question": None,
                            "last_error": lost
                            + " after the submit click began; check whether it went through",
                        }
                        await conn.execute(
                            update(t.submissions)
                            .where(t.submissions.c.job_id == job["id"], t.submissions.c.state == "clicking")
                            .values(state="unconfirmed")
                        )
                    elif job["state"] == "needs_user":
                        state = "needs_user"
                        values = {
                            "lease_owner": None,
                            "lease_token": None,
                            "lease_expires": None,
                            "updated_at": now,
                            "question": {**(job["question"] or {}), "live": False},
                        }
                    else:
                        state, values = self._after_failure(job, now, permanent=False)
                        if state == "queued":
                            values["run_after"] = now  # the worker died, not the job: no backoff
                        values["last_error"] = lost
                    await conn.execute(update(j).where(j.c.id == job["id"]).values(**values))
                    await add_event(conn, job, state, lost)
                return len(rows)

        return await self.store.retry(go)

"""The application queue, in the database.

States of an application (``fleet_jobs.state``)::

    queued -> running -> filled | submitted            (done)
                      -> needs_user (asked live: the worker keeps the page and waits;
                                     parked: the person's answer puts it back in the queue)
                      -> submitting -> submitted | needs_verification
                      -> queued (retry after backoff) -> ... -> dead (retries used up)
                      -> failed (nothing to retry: no form on the page)
    queued | needs_user | dead | failed -> cancelled (by the person)

After the submit click (the ledger row exists) an application never goes back to
``running``: a question asked then (Greenhouse's e-mailed security code, Lever's hCaptcha
after the click) moves it ``submitting -> needs_user -> submitting`` (the question says
``after_submit``); a worker that dies meanwhile leaves ``needs_verification``; a parked one
that is answered is claimed straight into ``submitting`` and only continues the page that
asked (see :class:`Claim`), so a second submit click is impossible.

Claiming takes the highest priority first (the user's plan tier plus the request's offset;
answered hand-offs get a boost), skips rows other workers hold (``FOR UPDATE SKIP LOCKED``
on PostgreSQL; SQLite serialises writers with ``BEGIN IMMEDIATE``) and never starts a
submission that would pass the user's daily cap or the site's rate limit (checked under a
per-user and per-site advisory lock on PostgreSQL, so two machines cannot both take the
last slot).

Exactly once: :meth:`Queue.begin_submit` is called right before the submit click; in one
transaction it checks that this worker still holds the lease, inserts the submission record
(primary key = idempotency key ``<job id>:<generation>``, so a second insert fails) and
moves the application to ``submitting``. A worker that dies after that leaves the lease to
expire and :meth:`Queue.reap` turns the application into ``needs_verification``: it is never
retried automatically. A person resolves it (:meth:`Queue.resolve`).
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import and_, exists, func, insert, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

from jobpilot.errors import JobPilotError
from jobpilot.fleet import tables as t
from jobpilot.fleet.store import (
    TIERS,
    Conflict,
    FleetStore,
    NotFound,
    add_event,
    job_key,
    learn_answers,
    new_id,
)
from jobpilot.storage.db import site_of

ACTIVE = ("running", "submitting", "needs_user")
"""States in which a worker may hold the lease."""
FINAL = ("filled", "submitted", "failed", "dead", "cancelled")
PRIORITY_OFFSETS = {"low": -1, "normal": 0, "high": 1}
EMPTY_FIELD = "required field left empty: "
"""How the engine names a required field it could not fill (``ApplyEngine._left_for_person``)."""


class LeaseLost(JobPilotError):
    """This worker no longer holds the application (it was reclaimed, cancelled or answered
    elsewhere): stop working on it, and never click submit."""


@dataclass
class QueueConfig:
    lease_seconds: float = 30.0
    """A claimed application is the worker's while it renews the lease (every third of it)."""
    max_attempts: int = 3
    backoff_base: float = 30.0
    """Seconds before the first retry; doubled for each further one."""
    backoff_max: float = 3600.0
    site_limit: int = 5
    """Submissions per employer site per ``site_interval`` at most."""
    site_interval: float = 3600.0
    answered_boost: int = 5
    """Priority added to an application a person has just answered (they are waiting)."""


@dataclass
class Claim:
    """An application a worker holds: everything it needs to run it."""

    id: str
    user_id: str
    applicant_id: str
    resume_id: str | None
    url: str
    submit: bool
    attempts: int
    generation: int
    lease_token: str
    answers: list[dict[str, Any]] = field(default_factory=list)
    after_click: bool = False
    """The submit click already happened (a parked question asked after it was answered):
    the worker must not fill or submit the form again, only continue the page that asked."""
    resume_url: str | None = None
    """With ``after_click``: the page that asked the question, to continue there."""

    @property
    def idempotency_key(self) -> str:
        return f"{self.id}:{self.generation}"


class Queue:
    def __init__(self, store: FleetStore, config: QueueConfig | None = None) -> None:
        self.store = store
        self.config = config or QueueConfig()

    # --- enqueue -----------------------------------------------------------------------

    async def enqueue(
        self,
        user: dict[str, Any],
        *,
        applicant_id: str,
        url: str,
        resume_id: str | None = None,
        submit: bool = False,
        priority: str = "normal",
        max_attempts: int | None = None,
    ) -> dict[str, Any]:
        """Queue one application. :raises Conflict: the same job (normalised URL) is already
        queued or done for this applicant (``existing`` names it); :raises NotFound: the
        applicant or resume is not the user's."""
        await self.store.get_applicant(user["id"], applicant_id)
        if resume_id is not None:
            resumes = await self.store.list_resumes(user["id"], applicant_id)
            if resume_id not in {r["id"] for r in resumes}:
                raise NotFound(f"no resume {resume_id} for applicant {applicant_id}")
        now = time.time()
        row = {
            "id": new_id(),
            "user_id": user["id"],
            "applicant_id": applicant_id,
            "resume_id": resume_id,
            "url": url,
            "job_key": job_key(url),
            "site": site_of(url),
            "submit": submit,
            "priority": TIERS.get(user["tier"], 0) + PRIORITY_OFFSETS[priority],
            "state": "queued",
            "attempts": 0,
            "max_attempts": max_attempts or self.config.max_attempts,
            "run_after": now,
            "generation": 0,
            "answers": [],
            "created_at": now,
            "updated_at": now,
        }

        async def go() -> dict[str, Any]:
            async with self.store.tx() as conn:
                existing = await conn.scalar(
                    select(t.jobs.c.id).where(
                        t.jobs.c.applicant_id == applicant_id, t.jobs.c.job_key == row["job_key"]
                    )
                )
                if existing:
                    raise Conflict(
                        "this applicant already has this job in the queue or done",
                        hint=f"see GET /api/applications/{existing}",
                        existing=existing,
                    )
                await conn.execute(insert(t.jobs).values(**row))
                await add_event(conn, row, "queued", "submit" if submit else "fill only")
            return row

        try:
            await self.store.retry(go)
            return await self.get(user["id"], row["id"])
        except IntegrityError as exc:  # a concurrent enqueue of the same job won the race
            async with self.store.engine.connect() as conn:
                existing = await conn.scalar(
                    select(t.jobs.c.id).where(
                        t.jobs.c.applicant_id == applicant_id, t.jobs.c.job_key == row["job_key"]
                    )
                )
            raise Conflict(
                "this applicant already has this job in the queue or done", existing=existing
            ) from exc

    # --- claiming ----------------------------------------------------------------------

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
                .where(j.c.state == "queued", j.c.run_after <= now)
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
            if job["submit"] and not after_click:
                wait = await self._limits(conn, job, now)
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

    async def _limits(
        self, conn: AsyncConnection, job: dict[str, Any], now: float
    ) -> tuple[str, float] | None:
        """(why, retry time) when starting this submission now would break the user's daily
        cap or the site's rate limit; None when it may start."""
        if self.store.is_postgres:  # user first, then site: one order everywhere, no deadlock
            await conn.execute(
                text("SELECT pg_advisory_xact_lock(hashtext(:k))"), {"k": "user:" + job["user_id"]}
            )
            await conn.execute(
                text("SELECT pg_advisory_xact_lock(hashtext(:k))"), {"k": "site:" + job["site"]}
            )
        s, j = t.submissions, t.jobs
        # Submit jobs being worked on that have no ledger row yet (one asked something after
        # the click already counts through its ledger row).
        holding = and_(
            j.c.submit.is_(True),
            j.c.state.in_(("running", "needs_user")),
            j.c.lease_owner.is_not(None),
            ~exists().where(s.c.job_id == j.c.id, s.c.state != "void"),
        )
        cap = await conn.scalar(select(t.users.c.daily_cap).where(t.users.c.id == job["user_id"]))
        day = now - 86_400
        used = await conn.scalar(
            select(func.count()).where(
                s.c.user_id == job["user_id"], s.c.created_at > day, s.c.state != "void"
            )
        )
        running = await conn.scalar(select(func.count()).where(j.c.user_id == job["user_id"], holding))
        if int(used or 0) + int(running or 0) >= int(cap or 0):
            oldest = await conn.scalar(
                select(func.min(s.c.created_at)).where(
                    s.c.user_id == job["user_id"], s.c.created_at > day, s.c.state != "void"
                )
            )
            until = (oldest + 86_400) if oldest and int(used or 0) >= int(cap or 0) else now + 5
            return f"waiting: daily cap of {cap} submissions reached", until
        window = now - self.config.site_interval
        used = await conn.scalar(
            select(func.count()).where(s.c.site == job["site"], s.c.created_at > window, s.c.state != "void")
        )
        running = await conn.scalar(select(func.count()).where(j.c.site == job["site"], holding))
        if int(used or 0) + int(running or 0) >= self.config.site_limit:
            oldest = await conn.scalar(
                select(func.min(s.c.created_at)).where(
                    s.c.site == job["site"], s.c.created_at > window, s.c.state != "void"
                )
            )
            full = int(used or 0) >= self.config.site_limit
            until = (oldest + self.config.site_interval) if oldest and full else now + 2
            return f"waiting: rate limit of {self.config.site_limit} per {job['site']} reached", until
        return None

    @staticmethod
    async def _ledger(conn: AsyncConnection, job: dict[str, Any]) -> dict[str, Any] | None:
        """The submission record of the job's current generation unless a person voided it.
        While it exists the submit click may have happened, so the job must never be filled,
        retried or submitted again; only a person (``resolve``) ends that."""
        key = f"{job['id']}:{job['generation']}"
        row = (
            (
                await conn.execute(
                    select(t.submissions).where(
                        t.submissions.c.idempotency_key == key, t.submissions.c.state != "void"
                    )
                )
            )
            .mappings()
            .first()
        )
        return dict(row) if row is not None else None

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

    async def _held(self, conn: AsyncConnection, job_id: str, token: str) -> dict[str, Any]:
        row = (
            (await conn.execute(select(t.jobs).where(t.jobs.c.id == job_id).with_for_update()))
            .mappings()
            .first()
        )
        if row is None or row["lease_token"] != token or row["state"] not in ACTIVE:
            raise LeaseLost(f"application {job_id} is no longer held by this worker")
        return dict(row)

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

    async def ask(
        self, claim: Claim, question: str, *, kind: str, worker: str, page_url: str | None = None
    ) -> tuple[str, str | None]:
        """Put the application in ``needs_user`` with a question while the worker keeps the
        page open. Returns (question id, answer): the answer at once when the person already
        answered the same question (a parked application that resumed), else None and the
        worker polls :meth:`answer_for`.

        A CAPTCHA answer is never given again: its token is single-use and bound to the page
        that showed the challenge, and a resumed application runs on a freshly loaded page,
        so the person is asked for a new one. A question asked after the submit click is
        marked ``after_submit`` (with ``page_url``, where a parked one continues)."""
        for a in claim.answers:
            if kind == "captcha" or a.get("kind") == "captcha":
                continue
            if not a.get("used") and a.get("question") == question:
                a["used"] = True
                return str(a.get("question_id") or ""), str(a["answer"])
        qid = new_id()

        async def go() -> None:
            async with self.store.tx() as conn:
                job = await self._held(conn, claim.id, claim.lease_token)
                now = time.time()
                q = {
                    "id": qid,
                    "text": question,
                    "kind": kind,
                    "asked_at": now,
                    "live": True,
                    "after_submit": await self._ledger(conn, job) is not None,
                    "page_url": page_url,
                }
                await conn.execute(
                    update(t.jobs)
                    .where(t.jobs.c.id == claim.id)
                    .values(state="needs_user", question=q, updated_at=now)
                )
                await add_event(conn, job, "needs_user", question, worker=worker)

        await self.store.retry(go)
        return qid, None

    async def answer_for(self, claim: Claim, qid: str) -> str | None:
        """The person's answer to question ``qid`` once given (None while waiting).

        :raises LeaseLost: the application was cancelled or reclaimed meanwhile."""

        async def go() -> str | None:
            async with self.store.tx() as conn:
                job = await self._held(conn, claim.id, claim.lease_token)
                answers = list(job["answers"] or [])
                for a in answers:
                    if a.get("question_id") == qid and not a.get("used"):
                        a["used"] = True
                        # After the submit click it is a submission in progress again.
                        state = "submitting" if await self._ledger(conn, job) else "running"
                        await conn.execute(
                            update(t.jobs)
                            .where(t.jobs.c.id == claim.id)
                            .values(answers=answers, question=None, state=state, updated_at=time.time())
                        )
                        return str(a["answer"])
            return None

        return await self.store.retry(go)

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

    def _after_failure(
        self, job: dict[str, Any], now: float, *, permanent: bool
    ) -> tuple[str, dict[str, Any]]:
        attempts = job["attempts"] + 1
        values: dict[str, Any] = {
            "attempts": attempts,
            "lease_owner": None,
            "lease_token": None,
            "lease_expires": None,
            "updated_at": now,
            "question": None,
        }
        if permanent:
            values.update(state="failed", finished_at=now)
        elif attempts >= job["max_attempts"]:
            values.update(state="dead", finished_at=now)
        else:
            delay = min(self.config.backoff_base * 2 ** (attempts - 1), self.config.backoff_max)
            values.update(state="queued", run_after=now + delay)
        return values["state"], values

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

    # --- what a person does through the API ------------------------------------------------

    async def get(self, user_id: str, job_id: str) -> dict[str, Any]:
        async with self.store.engine.connect() as conn:
            row = (
                (await conn.execute(select(t.jobs).where(t.jobs.c.id == job_id, t.jobs.c.user_id == user_id)))
                .mappings()
                .first()
            )
        if row is None:
            raise NotFound(f"no application {job_id}")
        return dict(row)

    async def list_jobs(
        self, user_id: str, *, state: str | None = None, limit: int = 100, offset: int = 0
    ) -> list[dict[str, Any]]:
        q = select(t.jobs).where(t.jobs.c.user_id == user_id)
        if state:
            q = q.where(t.jobs.c.state == state)
        q = q.order_by(t.jobs.c.created_at.desc(), t.jobs.c.id).limit(limit).offset(offset)
        async with self.store.engine.connect() as conn:
            return [dict(r) for r in (await conn.execute(q)).mappings()]

    async def jobs_by_id(self, ids: list[str]) -> dict[str, dict[str, Any]]:
        if not ids:
            return {}
        async with self.store.engine.connect() as conn:
            rows = await conn.execute(select(t.jobs).where(t.jobs.c.id.in_(ids)))
            return {r["id"]: dict(r) for r in rows.mappings()}

    async def _person(self, user_id: str, job_id: str, change: Any) -> dict[str, Any]:
        async with self.store.tx() as conn:
            row = (
                (
                    await conn.execute(
                        select(t.jobs)
                        .where(t.jobs.c.id == job_id, t.jobs.c.user_id == user_id)
                        .with_for_update()
                    )
                )
                .mappings()
                .first()
            )
            if row is None:
                raise NotFound(f"no application {job_id}")
            job = dict(row)
            state, values, message = await change(conn, job)
            values["updated_at"] = time.time()
            await conn.execute(update(t.jobs).where(t.jobs.c.id == job_id).values(**values))
            await add_event(conn, job, state, message)
        return await self.get(user_id, job_id)

    async def answer(
        self, user_id: str, job_id: str, answer: str, *, fields: dict[str, str] | None = None
    ) -> dict[str, Any]:
        """The person answers the open question: a worker waiting live continues at once; a
        parked application goes back to the queue, ahead of others, keeping its answers.

        After the submit click the live case is ``submitting`` again (never ``running``, from
        which a death would be retried), and a parked one is claimed into ``submitting`` to
        continue the page that asked. Values for "required field left empty" questions are
        also saved in the applicant's stored profile, so the next application knows them."""

        async def change(conn: AsyncConnection, job: dict[str, Any]) -> tuple[str, dict[str, Any], str]:
            q = job["question"]
            if job["state"] != "needs_user" or not q:
                raise Conflict(f"application {job_id} is {job['state']}; nothing to answer")
            after_click = await self._ledger(conn, job) is not None
            answers = [
                *list(job["answers"] or []),
                {
                    "question_id": q["id"],
                    "question": q["text"],
                    "kind": q.get("kind"),
                    "answer": answer,
                    "fields": fields or {},
                    "at": time.time(),
                    "used": False,
                    "after_submit": after_click,
                    "page_url": q.get("page_url") if after_click else None,
                },
            ]
            learned = empty_field_answers(str(q.get("text") or ""), answer, fields or {})
            if learned:
                await learn_answers(conn, job["applicant_id"], learned)
            if q.get("live") and job["lease_owner"]:
                state = "submitting" if after_click else "running"
                return (
                    state,
                    {"answers": answers, "state": state, "question": None},
                    "answered; resuming",
                )
            values = {
                "answers": answers,
                "state": "queued",
                "question": None,
                "run_after": time.time(),
                "priority": job["priority"] + self.config.answered_boost,
            }
            if after_click:
                return "queued", values, "answered; queued to continue after the submit click"
            return "queued", values, "answered; queued to resume"

        return await self._person(user_id, job_id, change)

    async def resolve(self, user_id: str, job_id: str, *, submitted: bool) -> dict[str, Any]:
        """A person checked a ``needs_verification`` application: it went through
        (``submitted``), or it did not and may be submitted again (``queued``)."""

        async def change(conn: AsyncConnection, job: dict[str, Any]) -> tuple[str, dict[str, Any], str]:
            # A question parked after the submit click may be settled the same way: the
            # person checked with the employer instead of answering.
            parked_after_click = (
                job["state"] == "needs_user"
                and not job["lease_owner"]
                and await self._ledger(conn, job) is not None
            )
            if job["state"] != "needs_verification" and not parked_after_click:
                raise Conflict(f"application {job_id} is {job['state']}, not needs_verification")
            key = f"{job['id']}:{job['generation']}"
            now = time.time()
            if submitted:
                await conn.execute(
                    update(t.submissions)
                    .where(t.submissions.c.idempotency_key == key)
                    .values(state="confirmed", resolved_at=now)
                )
                return (
                    "submitted",
                    {"state": "submitted", "finished_at": now, "lease_token": None, "question": None},
                    "confirmed by a person",
                )
            await conn.execute(
                update(t.submissions)
                .where(t.submissions.c.idempotency_key == key)
                .values(state="void", resolved_at=now)
            )
            values = {
                "state": "queued",
                "generation": job["generation"] + 1,
                "run_after": now,
                "lease_token": None,
                "finished_at": None,
                "attempts": 0,
                "question": None,
            }
            return "queued", values, "a person found it was not submitted; queued again"

        return await self._person(user_id, job_id, change)

    async def cancel(self, user_id: str, job_id: str) -> dict[str, Any]:
        async def change(conn: AsyncConnection, job: dict[str, Any]) -> tuple[str, dict[str, Any], str]:
            if job["state"] in ("submitting", "submitted", "needs_verification", "filled", "cancelled"):
                raise Conflict(f"application {job_id} is {job['state']}; it cannot be cancelled")
            if await self._ledger(conn, job) is not None:
                raise Conflict(
                    f"application {job_id} was already sent (a question came after the submit click)",
                    hint="answer it, or check with the employer and resolve it (POST .../resolve)",
                )
            values = {
                "state": "cancelled",
                "lease_owner": None,
                "lease_token": None,
                "question": None,
                "finished_at": time.time(),
            }
            return "cancelled", values, "cancelled by the person"

        return await self._person(user_id, job_id, change)

    async def retry_now(self, user_id: str, job_id: str) -> dict[str, Any]:
        """Put a dead-lettered (or failed) application back in the queue."""

        async def change(conn: AsyncConnection, job: dict[str, Any]) -> tuple[str, dict[str, Any], str]:
            if job["state"] not in ("dead", "failed", "cancelled"):
                raise Conflict(
                    f"application {job_id} is {job['state']}; only dead, failed or cancelled ones are retried"
                )
            values = {"state": "queued", "attempts": 0, "run_after": time.time(), "finished_at": None}
            return "queued", values, "queued again by the person"

        return await self._person(user_id, job_id, change)

    async def counts(self, user_id: str | None = None) -> dict[str, int]:
        q = select(t.jobs.c.state, func.count()).group_by(t.jobs.c.state)
        if user_id:
            q = q.where(t.jobs.c.user_id == user_id)
        async with self.store.engine.connect() as conn:
            return {r[0]: int(r[1]) for r in await conn.execute(q)}

    async def submitted_today(self, user_id: str) -> int:
        s = t.submissions
        async with self.store.engine.connect() as conn:
            n = await conn.scalar(
                select(func.count()).where(
                    s.c.user_id == user_id, s.c.created_at > time.time() - 86_400, s.c.state != "void"
                )
            )
        return int(n or 0)


def empty_field_answers(question: str, answer: str, fields: dict[str, str]) -> list[tuple[str, str]]:
    """(field label, value) pairs a person gave for "required field left empty" questions:
    the ``fields`` they filled in, and the answer itself when the question names exactly
    one field. These become saved answers of the applicant (the bank learns)."""
    out = [(label.strip(), value) for label, value in fields.items() if label.strip() and value.strip()]
    lines = [line for line in question.splitlines() if line.strip()]
    if len(lines) == 1 and lines[0].startswith(EMPTY_FIELD) and answer.strip():
        label = lines[0][len(EMPTY_FIELD) :].strip()
        if label and label not in {k for k, _ in out}:
            out.append((label, answer))
    return out


__all__ = [
    "ACTIVE",
    "EMPTY_FIELD",
    "FINAL",
    "Claim",
    "LeaseLost",
    "Queue",
    "QueueConfig",
    "empty_field_answers",
]

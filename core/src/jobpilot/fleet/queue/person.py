"""What a person does through the API: queue an application, read it, answer its question,
resolve, cancel or retry it."""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

from jobpilot.fleet import tables as t
from jobpilot.fleet.queue.base import EMPTY_FIELD, PRIORITY_OFFSETS, QueueBase
from jobpilot.fleet.store import Conflict, NotFound, add_event, job_key, learn_answers, new_id
from jobpilot.storage.db import site_of


class PersonActions(QueueBase):
    """Queueing, reading and settling applications on the person's behalf (the API's side)."""

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
            "priority": PRIORITY_OFFSETS[priority],  # + the plan's, read in the transaction
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
                # The plan's row decides (the operator may change it); a user whose tier has
                # no row gets no boost. Read from the user's row, not the caller's copy, so
                # an upgrade that landed a moment ago counts.
                plan_priority = await conn.scalar(
                    select(t.plans.c.priority)
                    .select_from(t.users.join(t.plans, t.plans.c.name == t.users.c.tier))
                    .where(t.users.c.id == user["id"])
                )
                values = {**row, "priority": int(plan_priority or 0) + PRIORITY_OFFSETS[priority]}
                await conn.execute(insert(t.jobs).values(**values))
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
        return await self._cancel(
            user_id,
            job_id,
            by="the person",
            hint="answer it, or check with the employer and resolve it (POST .../resolve)",
        )

    async def _cancel(self, user_id: str, job_id: str, *, by: str, hint: str) -> dict[str, Any]:
        """Cancel an application not yet sent (the person's and the operator's cancel: the
        same rules, ``hint`` says what the one refused can do instead)."""

        async def change(conn: AsyncConnection, job: dict[str, Any]) -> tuple[str, dict[str, Any], str]:
            if job["state"] in ("submitting", "submitted", "needs_verification", "filled", "cancelled"):
                raise Conflict(f"application {job_id} is {job['state']}; it cannot be cancelled")
            if await self._ledger(conn, job) is not None:
                raise Conflict(
                    f"application {job_id} was already sent (a question came after the submit click)",
                    hint=hint,
                )
            values = {
                "state": "cancelled",
                "lease_owner": None,
                "lease_token": None,
                "question": None,
                "finished_at": time.time(),
            }
            return "cancelled", values, f"cancelled by {by}"

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

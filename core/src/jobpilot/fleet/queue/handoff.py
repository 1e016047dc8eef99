"""The worker's side of a hand-off: ask a person while the page stays open, then poll for
the answer."""

from __future__ import annotations

import time

from sqlalchemy import update

from jobpilot.fleet import tables as t
from jobpilot.fleet.queue.base import Claim, QueueBase
from jobpilot.fleet.store import add_event, new_id


class Handoff(QueueBase):
    """A question the worker asks a person while it keeps the page open."""

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

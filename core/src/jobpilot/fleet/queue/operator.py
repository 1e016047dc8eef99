"""What the operator does to applications across users (the admin API, ``jobpilot fleet
retry|release|cancel``): the person's rules, recorded as the operator's.

- **retry**: a dead-lettered, failed or cancelled application is queued again with its
  attempts reset (the same as a person's retry).
- **release**: a queued application waiting for its backoff or a limit (``run_after`` in
  the future) may be claimed now. Limits still hold: one parked by a daily cap or a site's
  rate limit is parked again at the next claim unless the cap was raised meanwhile
  (``jobpilot fleet user set --daily-cap``); a release never lets a submission pass a limit.
- **cancel**: the person's rule: nothing that may have been submitted (``submitting``,
  ``submitted``, ``needs_verification``, or a question asked after the submit click) and
  nothing already finished with a result (``filled``) is cancelled.
"""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy.ext.asyncio import AsyncConnection

from jobpilot.fleet.queue.person import PersonActions
from jobpilot.fleet.store import Conflict

BULK_ACTIONS = ("retry", "release", "cancel")


class OperatorActions(PersonActions):
    """The operator's changes to one application; each its own transaction and event."""

    async def operator_retry(self, user_id: str, job_id: str) -> dict[str, Any]:
        async def change(conn: AsyncConnection, job: dict[str, Any]) -> tuple[str, dict[str, Any], str]:
            if job["state"] not in ("dead", "failed", "cancelled"):
                raise Conflict(
                    f"application {job_id} is {job['state']}; only dead, failed or cancelled ones are retried"
                )
            values = {"state": "queued", "attempts": 0, "run_after": time.time(), "finished_at": None}
            return "queued", values, "queued again by the operator"

        return await self._person(user_id, job_id, change)

    async def release(self, user_id: str, job_id: str) -> dict[str, Any]:
        async def change(conn: AsyncConnection, job: dict[str, Any]) -> tuple[str, dict[str, Any], str]:
            now = time.time()
            if job["state"] != "queued" or job["run_after"] <= now:
                raise Conflict(
                    f"application {job_id} is {job['state']} and not waiting; only queued ones waiting"
                    " for a backoff or a limit are released"
                )
            reason = job["note"] or "a retry backoff"
            values = {"run_after": now, "note": None}
            return "queued", values, f"released by the operator (was waiting: {reason})"

        return await self._person(user_id, job_id, change)

    async def operator_cancel(self, user_id: str, job_id: str) -> dict[str, Any]:
        return await self._cancel(
            user_id,
            job_id,
            by="the operator",
            hint="its user answers it, or checks with the employer and resolves it",
        )

    async def operator_action(self, action: str, user_id: str, job_id: str) -> dict[str, Any]:
        if action == "retry":
            return await self.operator_retry(user_id, job_id)
        if action == "release":
            return await self.release(user_id, job_id)
        if action == "cancel":
            return await self.operator_cancel(user_id, job_id)
        raise ValueError(f"unknown action {action!r}")

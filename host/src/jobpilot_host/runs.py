"""Updates to a run's record that come from the page after the host's own work on it.

- ``run.interrupted``: the host that ran a fill died halfway. The extension kept every
  result that landed on the page meanwhile and hands them to the next host, which records
  them and closes the run as failed, naming the log of the host that stopped. The run was
  stored before anything was typed, so it is never lost; this makes it exact.
- ``run.accept``: the person accepted (or took to edit) a value Fill & review proposed on
  the page; the page typed it and the run records it, so every view keeps the same counts.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from jobpilot_host.errors import ErrorCode, HostError

if TYPE_CHECKING:
    from jobpilot.models.run import ApplicationRun

    from jobpilot_host.actions import HostApp
    from jobpilot_host.channel import Handler


def run_handlers(app: HostApp) -> dict[str, Handler]:
    actions = RunActions(app)
    return {"run.interrupted": actions.interrupted, "run.accept": actions.accept}


class RunActions:
    def __init__(self, app: HostApp) -> None:
        self.app = app

    async def _run(self, run_id: str) -> ApplicationRun:
        await self.app.ready()
        run = await (await self.app.db()).get_run(run_id)
        if run is None:
            raise HostError(ErrorCode.USAGE, f"no run {run_id!r} in this JobPilot's records")
        return run

    async def interrupted(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Record what landed before the host stopped, and close the run as failed."""
        from jobpilot.engine import record
        from jobpilot.models.plan import ActionResult

        run = await self._run(payload["run_id"])
        if run.status != "running":  # finished after all (or told twice): keep its outcome
            return {"recorded": False, "status": run.status, "counts": run.counts().model_dump()}
        landed = [
            ActionResult(ref=r["ref"], ok=r["ok"], error=r.get("error")) for r in payload.get("results", [])
        ]
        run.results += landed
        record.land(run, landed)
        where = payload.get("log") or "the host's log"
        run.status = "failed"
        run.error = f"interrupted: the host stopped during the fill (its log: {where})"
        run.finished_at = datetime.now(UTC)
        await (await self.app.db()).save_run(run)
        return {"recorded": True, "status": run.status, "counts": run.counts().model_dump()}

    async def accept(self, payload: dict[str, Any]) -> dict[str, Any]:
        """The person accepted a proposed value on the page (or took it to edit)."""
        from jobpilot.engine import record
        from jobpilot.models.plan import ActionResult

        run = await self._run(payload["run_id"])
        ref = payload["ref"]
        held = run.plan is not None and any(s.ref == ref and s.proposed for s in run.plan.skipped)
        if not held:
            raise HostError(
                ErrorCode.USAGE,
                f"{ref!r} is not a value this run proposed",
                hint="only a value Fill & review held back can be accepted",
            )
        result = ActionResult(ref=ref, ok=payload["ok"], error=payload.get("error"))
        field = record.accept(run, ref, result, edited=bool(payload.get("edited")))
        if field is None:
            raise HostError(ErrorCode.USAGE, f"{ref!r} is not on the page this run filled last")
        await (await self.app.db()).save_run(run)
        return {"state": field.state, "counts": run.counts().model_dump()}

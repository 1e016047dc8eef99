"""The per-site rate limit held in the database (issue 17), on SQLite and PostgreSQL: two
workers started with different ``--site-limit`` flags apply the operator's one value;
``jobpilot fleet limits`` sets, shows and removes it (the flags apply again)."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from click.testing import CliRunner
from jobpilot.fleet.admin_cli import fleet as fleet_cli
from jobpilot.fleet.queue import Queue, QueueConfig
from jobpilot.fleet.store import FleetStore


def limits(*args: str) -> Any:
    result = CliRunner().invoke(fleet_cli, ["limits", *args])
    return result


async def test_every_worker_applies_the_fleets_site_limit(database_url: str, fleet: Any) -> None:
    async with FleetStore(database_url) as store:
        user, _, applicant = await fleet.make_user(store, daily_cap=100, concurrency=10)
        lenient = Queue(store, QueueConfig(site_limit=50))  # one worker's flags
        strict = Queue(store, QueueConfig(site_limit=50))  # another's
        jobs = [
            await lenient.enqueue(
                user, applicant_id=applicant["id"], url=f"https://acme.example/j/{n}", submit=True
            )
            for n in range(3)
        ]
    db = ["--database-url", database_url]
    shown = await asyncio.to_thread(limits, *db, "--site-limit", "1", "--site-interval", "600")
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.output) == {"site_limit": 1.0, "site_interval": 600.0}
    async with FleetStore(database_url) as store:
        lenient = Queue(store, QueueConfig(site_limit=50))
        strict = Queue(store, QueueConfig(site_limit=2))
        first = await lenient.claim("w1")
        assert first is not None
        assert await strict.claim("w2") is None and await lenient.claim("w1") is None
        waiting = [await lenient.get(user["id"], j["id"]) for j in jobs if j["id"] != first.id]
        assert all("rate limit of 1 per acme.example" in (w["note"] or "") for w in waiting), waiting

    bad = await asyncio.to_thread(limits, *db, "--site-limit", "0")
    assert bad.exit_code == 2 and "not in the range" in bad.output
    gone = await asyncio.to_thread(limits, *db, "--unset")
    assert gone.exit_code == 0 and json.loads(gone.output) == {}
    async with FleetStore(database_url) as store:  # the flags apply again: 50 for this worker
        async with store.tx() as conn:
            from jobpilot.fleet import tables as t
            from sqlalchemy import update

            await conn.execute(update(t.jobs).where(t.jobs.c.state == "queued").values(run_after=0))
        assert await Queue(store, QueueConfig(site_limit=50)).claim("w1") is not None

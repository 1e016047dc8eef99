"""Evidence retention (issue 17) on SQLite and PostgreSQL: evidence of finished applications
older than the period is deleted (files and rows, in batches), a waiting application's is
kept whatever its age, a deleted application's goes at once; the command and the server's
background purge do it."""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer
from click.testing import CliRunner
from jobpilot.fleet import tables as t
from jobpilot.fleet.api import create_app
from jobpilot.fleet.queue import Queue
from jobpilot.fleet.retention import purge_evidence
from jobpilot.fleet.store import FleetStore
from sqlalchemy import delete, update

DAY = 86_400.0
PNG = b"\x89PNG\r\n\x1a\n" + b"x" * 1000


async def seeded(store: FleetStore, fleet: Any) -> tuple[dict[str, str], dict[str, Any]]:
    """Five applications with evidence: old finished, new finished, old waiting, old of
    another state (dead) and one whose application row is gone."""
    user, _, applicant = await fleet.make_user(store)
    q = Queue(store)
    ids = {}
    for name in ("old_done", "new_done", "old_waiting", "old_dead", "deleted"):
        job = await q.enqueue(user, applicant_id=applicant["id"], url=f"https://jobs.example.org/{name}")
        ids[name] = job["id"]
        await store.save_evidence(
            job["id"], [("final.png", "image/png", PNG), ("page.html", "text/html", b"<p>x</p>")]
        )
    states = {
        "old_done": ("submitted", 100),
        "new_done": ("filled", 10),
        "old_waiting": ("needs_user", 100),
        "old_dead": ("dead", 91),
        "deleted": ("filled", 1),
    }
    async with store.tx() as conn:
        for name, (state, age_days) in states.items():
            await conn.execute(update(t.jobs).where(t.jobs.c.id == ids[name]).values(state=state))
            await conn.execute(
                update(t.evidence)
                .where(t.evidence.c.job_id == ids[name])
                .values(created_at=time.time() - age_days * DAY)
            )
        await conn.execute(delete(t.jobs).where(t.jobs.c.id == ids["deleted"]))
    return ids, user


async def kept(store: FleetStore, ids: dict[str, str]) -> dict[str, int]:
    return {name: len(await store.evidence_names(job_id)) for name, job_id in ids.items()}


async def test_purge_takes_old_evidence_of_finished_applications(database_url: str, fleet: Any) -> None:
    async with FleetStore(database_url) as store:
        ids, user = await seeded(store, fleet)
        done = await purge_evidence(store, 90, batch=3)  # batches smaller than the work
        assert (done.files, done.applications) == (6, 3)
        assert done.bytes == 3 * (len(PNG) + len(b"<p>x</p>"))
        assert await kept(store, ids) == {
            "old_done": 0,
            "new_done": 2,
            "old_waiting": 2,  # its person still answers from it
            "old_dead": 0,
            "deleted": 0,
        }
        # The application itself stays, with its state; a second purge has nothing to do.
        assert (await Queue(store).get(user["id"], ids["old_done"]))["state"] == "submitted"
        assert (await purge_evidence(store, 90)).files == 0
        # A shorter period takes the newer one too.
        assert (await purge_evidence(store, 5)).files == 2
        assert (await kept(store, ids))["old_waiting"] == 2
        with pytest.raises(ValueError, match="positive"):
            await purge_evidence(store, 0)


async def test_the_command_and_the_server_purge(database_url: str, fleet: Any) -> None:
    from jobpilot.fleet.admin_cli import fleet as fleet_cli

    async with FleetStore(database_url) as store:
        ids, _ = await seeded(store, fleet)
    result = await asyncio.to_thread(
        CliRunner().invoke, fleet_cli, ["purge-evidence", "--database-url", database_url, "--days", "95"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {"files": 4, "bytes": 2 * (len(PNG) + 8), "applications": 2}
    async with FleetStore(database_url) as store:
        assert (await kept(store, ids))["old_dead"] == 2  # 91 days: younger than 95

    # A server started with --evidence-days purges at start (and every hour after).
    store = FleetStore(database_url)
    app = create_app(store, reap_every=None, evidence_days=90)
    async with TestClient(TestServer(app)):
        for _ in range(200):
            if (await kept(store, ids))["old_dead"] == 0:
                break
            await asyncio.sleep(0.05)
        assert await kept(store, ids) == {
            "old_done": 0,
            "new_done": 2,
            "old_waiting": 2,
            "old_dead": 0,
            "deleted": 0,
        }

"""The Workday replica end to end on two fleet workers (two browsers, two database pools, one
PostgreSQL: as on two machines). Two applications of one applicant to one tenant are
claimed at the same moment: exactly one account is created on the site, by whichever worker
won the lease; the other worker signs in with the account from the fleet database. Both
applications are submitted once."""

from __future__ import annotations

import asyncio
import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jobpilot.fleet import tables as t
from jobpilot.fleet.credentials import FleetCredentials
from jobpilot.fleet.queue import Queue, QueueConfig
from jobpilot.fleet.store import FleetStore
from jobpilot.fleet.worker import Worker, WorkerConfig
from jobpilot.models.profile import SavedAnswer
from sqlalchemy import select

pytestmark = pytest.mark.browser

REPLICA = Path(__file__).parents[1] / "replicas" / "workday"
HOST = "https://harborview.wd5.myworkdayjobs.com"
TENANT = "harborview.wd5.myworkdayjobs.com"
JOBS = (
    f"{HOST}/en-US/Harborview/job/Portland-OR/Backend-Engineer_R-10482",
    f"{HOST}/en-US/Harborview/job/Seattle-WA/Data-Platform-Engineer_R-10517",
)
EMAIL = "mara.ol@example.org"


def _replica_module() -> Any:
    name = "jobpilot_workday_replica"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, REPLICA / "server.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


@pytest.fixture(scope="module")
def workday() -> Iterator[Any]:
    server = _replica_module().WorkdayReplica().start()
    yield server
    server.stop()


def _plugins() -> Any:
    import jobpilot_ats_generic
    import jobpilot_ats_workday
    from jobpilot.plugins import PluginManager

    pm = PluginManager()
    pm.load_builtins()
    pm.register(jobpilot_ats_generic, name="generic")
    pm.register(jobpilot_ats_workday, name="workday")
    return pm


def _worker(store: FleetStore, name: str, origin: str) -> Worker:
    config = WorkerConfig(
        name=name,
        concurrency=1,
        max_jobs=1,
        allow_hosts=("127.0.0.1",),
        allow_addresses=("127.0.0.1",),  # the replica the site is forwarded to is on loopback
        forward={HOST: origin},
        poll_interval=0.1,
        verify_timeout_ms=60_000,  # a starved browser must not turn a sent one into needs_verification
    )
    return Worker(store, Queue(store, QueueConfig(site_limit=100)), config, plugins=_plugins())


async def test_two_workers_share_one_workday_account(postgres: Any, workday: Any, fleet: Any) -> None:
    workday.reset()
    url = postgres.new_database()
    async with FleetStore(url) as first, FleetStore(url) as second:
        user, _, applicant = await fleet.make_user(first)
        profile = fleet.demo_profile()
        profile.application.answers += [
            SavedAnswer(question="Phone Device Type", answer="Mobile"),
            SavedAnswer(question="Have you previously worked for Harborview Outfitters?", answer="No"),
        ]
        await first.update_profile(user["id"], applicant["id"], profile)
        queue = Queue(first)
        jobs = [await queue.enqueue(user, applicant_id=applicant["id"], url=u, submit=True) for u in JOBS]
        one, two = _worker(first, "machine-a", workday.origin), _worker(second, "machine-b", workday.origin)
        await asyncio.wait_for(asyncio.gather(one.run(), two.run()), 600)

        done = [await queue.get(user["id"], j["id"]) for j in jobs]
        assert [d["state"] for d in done] == ["submitted", "submitted"], [d["last_error"] for d in done]
        owners = {e["worker"] for j in jobs for e in await first.history(user["id"], j["id"]) if e["worker"]}
        assert owners == {"machine-a", "machine-b"}  # each machine ran one

        # One account on the site, made once; the other application signed in with it.
        (created,) = workday.of("createAccount", "harborview")
        signins = workday.of("signin", "harborview")
        assert len(signins) == 1 and signins[0].body["password"] == created.body["password"]
        assert len(workday.of("submit", "harborview")) == 2
        # The account lives in the fleet database, encrypted, active, with no lease left.
        stored = await FleetCredentials(first, user_id=user["id"], holder="test").get(
            ats="workday", tenant=TENANT, email=EMAIL
        )
        assert stored is not None and stored.state == "active"
        assert stored.password == created.body["password"] == workday.accounts[("harborview", EMAIL)]
        async with first.engine.connect() as conn:
            (row,) = (await conn.execute(select(t.credentials))).mappings().all()
        assert row["lease_token"] is None and stored.password.encode() not in bytes(row["secret"])
        # ... and nowhere in the run records.
        assert all(stored.password not in str(d["record"]) for d in done)

"""Observability on SQLite and PostgreSQL: a real worker's run in the registry, the
metrics (served the same by two API processes, behind a token), the liveness and
readiness probes, JSON logs with the application id on every line of a run, and the
access log."""

from __future__ import annotations

import asyncio
import io
import json
import logging
import time
from collections.abc import Iterator
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer
from jobpilot.fleet import logs
from jobpilot.fleet import tables as t
from jobpilot.fleet.api import create_app
from jobpilot.fleet.queue import Queue, QueueConfig
from jobpilot.fleet.registry import RETIRED, Registration, RunStats, list_processes, prune
from jobpilot.fleet.store import FleetStore
from jobpilot.fleet.worker import Worker, WorkerConfig
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import update

ADMIN = "ops-admin"
METRICS = "ops-metrics"


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def fleet_samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """The ``jobpilot_fleet_*`` samples of an exposition: {(name, labels): value}."""
    out = {}
    for family in text_string_to_metric_families(text):
        for s in family.samples:
            if s.name.startswith("jobpilot_fleet_"):
                out[(s.name, tuple(sorted(s.labels.items())))] = s.value
    return out


def sample(samples: dict[Any, float], name: str, **labels: str) -> float:
    return samples[(name, tuple(sorted(labels.items())))]


@pytest.fixture
def captured_logs() -> Iterator[io.StringIO]:
    """Every log line of the test as JSON, through the fleet's own configuration."""
    stream = io.StringIO()
    root = logging.getLogger()
    level = root.level
    logs.configure("json", "INFO", stream=stream)
    try:
        yield stream
    finally:
        for handler in list(root.handlers):
            if getattr(handler, "_jobpilot", False):
                root.removeHandler(handler)
        root.setLevel(level)


async def clients(store_url: str, n: int = 2) -> list[TestClient[Any, Any]]:
    out = []
    for _ in range(n):
        app = create_app(FleetStore(store_url), admin_token=ADMIN, metrics_token=METRICS, reap_every=None)
        client: TestClient[Any, Any] = TestClient(TestServer(app))
        await client.start_server()
        out.append(client)
    return out


@pytest.mark.browser
async def test_a_worker_run_in_the_registry_the_metrics_and_the_logs(
    database_url: str, replica: Any, fleet: Any, captured_logs: io.StringIO
) -> None:
    store = await FleetStore(database_url).open()
    api = await clients(database_url)
    try:
        user, _, applicant = await fleet.make_user(store, tier="pro")
        q = Queue(store, QueueConfig(lease_seconds=15, site_limit=10_000))  # no lease lost under load
        jobs = {
            "filled": await q.enqueue(user, applicant_id=applicant["id"], url=replica.url("obs-fill")),
            "submitted": await q.enqueue(
                user, applicant_id=applicant["id"], url=replica.url("obs-sub"), submit=True
            ),
            "dead": await q.enqueue(
                user,
                applicant_id=applicant["id"],
                url=f"http://127.0.0.1:{replica.port}/no/such/page",
                max_attempts=1,
            ),
            "asked": await q.enqueue(
                user, applicant_id=applicant["id"], url=replica.url("obs-cap", captcha=1), submit=True
            ),
        }
        worker = Worker(
            store,
            q,
            WorkerConfig(
                concurrency=2, max_jobs=4, allow_hosts=("127.0.0.1",), allow_addresses=("127.0.0.1",),
                poll_interval=0.1, handoff_wait=60,
                name="obs-worker",
            ),
        )  # fmt: skip
        run = asyncio.create_task(worker.run())

        # While the CAPTCHA waits for the person, the registry shows the worker holding it.
        deadline = time.monotonic() + 60
        seen: dict[str, Any] = {}
        while time.monotonic() < deadline and not seen:
            r = await api[0].get("/api/admin/workers", headers=bearer(ADMIN))
            assert r.status == 200
            for w in await r.json():
                if w["name"] == "obs-worker" and any(
                    j["id"] == jobs["asked"]["id"] and j["phase"] == "asking" for j in w["jobs"]
                ):
                    seen = w
            await asyncio.sleep(0.2)
        assert seen, "the worker never showed the application waiting for the person"
        assert seen["live"] and seen["state"] == "running" and seen["concurrency"] == 2
        r = await api[1].get("/metrics", headers=bearer(METRICS))
        live = fleet_samples(await r.text())
        assert (
            sample(live, "jobpilot_fleet_worker_up", worker="obs-worker", kind="worker", host=seen["host"])
            == 1
        )
        assert sample(live, "jobpilot_fleet_worker_jobs", worker="obs-worker") >= 1
        assert sample(live, "jobpilot_fleet_workers_live") == 1

        await q.answer(user["id"], jobs["asked"]["id"], "PASS")
        await asyncio.wait_for(run, 90)
        states = {k: (await q.get(user["id"], j["id"]))["state"] for k, j in jobs.items()}
        assert states == {"filled": "filled", "submitted": "submitted", "dead": "dead", "asked": "submitted"}

        texts = []
        for client in api:
            r = await client.get("/metrics", headers=bearer(METRICS))
            assert r.status == 200 and r.headers["Content-Type"].startswith("text/plain; version=0.0.4")
            texts.append(await r.text())
        first, second = (fleet_samples(x) for x in texts)
        assert first == second, "two API processes disagree"
        assert "process_cpu_seconds_total" in texts[0]
        assert sample(first, "jobpilot_fleet_claims_total") == 4
        assert sample(first, "jobpilot_fleet_outcomes_total", outcome="submitted") == 2
        assert sample(first, "jobpilot_fleet_outcomes_total", outcome="filled") == 1
        assert sample(first, "jobpilot_fleet_outcomes_total", outcome="dead") == 1
        assert sample(first, "jobpilot_fleet_run_seconds_count") == 4
        assert sample(first, "jobpilot_fleet_run_seconds_bucket", le="+Inf") == 4
        assert sample(first, "jobpilot_fleet_run_seconds_sum") > 0
        assert sample(first, "jobpilot_fleet_applications", state="submitted") == 2
        assert sample(first, "jobpilot_fleet_applications", state="dead") == 1
        assert sample(first, "jobpilot_fleet_workers_live") == 0  # stopped cleanly
        r = await api[0].get("/api/admin/workers?all=true", headers=bearer(ADMIN))
        row = next(w for w in await r.json() if w["name"] == "obs-worker")
        assert row["state"] == "stopped" and not row["live"] and row["jobs"] == [] and row["claims"] == 4

        # Every line written while an application ran names it.
        lines = [json.loads(x) for x in captured_logs.getvalue().splitlines() if x.strip()]
        for key, job in jobs.items():
            mine = [x for x in lines if x.get("application_id") == job["id"]]
            messages = " | ".join(x["message"] for x in mine)
            assert any("claimed" in x["message"] for x in mine), (key, messages)
            assert any(x.get("outcome") for x in mine), (key, messages)
            assert all(x["worker"] == "obs-worker" and x["attempt"] >= 1 for x in mine)
        for x in lines:
            for job in jobs.values():
                if job["id"] in x["message"]:
                    assert x.get("application_id") == job["id"], x
    finally:
        for client in api:
            await client.close()
        await store.close()


async def test_metrics_need_a_token_and_count_the_queue_across_users(database_url: str, fleet: Any) -> None:
    store = await FleetStore(database_url).open()
    a, b = await clients(database_url)
    try:
        q = Queue(store)
        alice, alice_token, alice_app = await fleet.make_user(store)
        bob, _, bob_app = await fleet.make_user(store)
        made = [
            await q.enqueue(alice, applicant_id=alice_app["id"], url=f"https://jobs.example.org/a/{i}")
            for i in range(3)
        ] + [
            await q.enqueue(bob, applicant_id=bob_app["id"], url=f"https://jobs.example.org/b/{i}")
            for i in range(2)
        ]
        async with store.tx() as conn:  # one waits for a backoff, one is dead
            await conn.execute(
                update(t.jobs).where(t.jobs.c.id == made[0]["id"]).values(run_after=time.time() + 600)
            )
            await conn.execute(update(t.jobs).where(t.jobs.c.id == made[4]["id"]).values(state="dead"))
            await conn.execute(
                update(t.jobs).where(t.jobs.c.id == made[1]["id"]).values(run_after=time.time() - 30)
            )

        assert (await a.get("/metrics")).status == 401
        assert (await a.get("/metrics", headers=bearer("wrong"))).status == 401
        assert (await a.get("/metrics", headers=bearer(alice_token))).status == 401  # a user's token
        assert (await a.get("/metrics", headers=bearer(ADMIN))).status == 200
        r = await a.get("/metrics", headers=bearer(METRICS))
        assert r.status == 200
        s = fleet_samples(await r.text())
        assert sample(s, "jobpilot_fleet_applications", state="queued") == 4
        assert sample(s, "jobpilot_fleet_applications", state="dead") == 1
        assert sample(s, "jobpilot_fleet_applications", state="running") == 0
        assert sample(s, "jobpilot_fleet_queue_ready") == 3
        assert sample(s, "jobpilot_fleet_queue_waiting") == 1
        assert 29 <= sample(s, "jobpilot_fleet_queue_oldest_ready_seconds") < 600
        assert sample(s, "jobpilot_fleet_claims_total") == 0
        assert (
            fleet_samples(await (await b.get("/metrics", headers=bearer(METRICS))).text()).keys() == s.keys()
        )
        # A worker that stopped beating without stopping shows as down.
        reg = Registration(store, name="gone", concurrency=3, every=1.0)
        await reg.start()
        reg.stats.claims = 7
        await reg.beat(
            [{"id": made[1]["id"], "user_id": alice["id"], "phase": "filling", "since": time.time()}]
        )
        async with store.tx() as conn:
            await conn.execute(
                update(t.workers).where(t.workers.c.name == "gone").values(last_seen=time.time() - 60)
            )
        s = fleet_samples(await (await b.get("/metrics", headers=bearer(METRICS))).text())
        assert (
            sample(s, "jobpilot_fleet_worker_up", worker="gone", kind="worker", host=reg_host(s, "gone")) == 0
        )
        assert sample(s, "jobpilot_fleet_workers_live") == 0
        assert sample(s, "jobpilot_fleet_claims_total") == 7
    finally:
        await a.close()
        await b.close()
        await store.close()

    # Metrics are off when the server has neither token.
    app = create_app(FleetStore(database_url), reap_every=None)
    async with TestClient(TestServer(app)) as c:
        r = await c.get("/metrics")
        assert r.status == 404 and "--metrics-token" in (await r.json())["hint"]


def reg_host(samples: dict[Any, float], worker: str) -> str:
    for (name, labels), _ in samples.items():
        if name == "jobpilot_fleet_worker_up" and ("worker", worker) in labels:
            return dict(labels)["host"]
    raise AssertionError(f"no worker_up for {worker}")


async def test_registry_keeps_counters_across_restarts_and_pruning(database_url: str) -> None:
    async with FleetStore(database_url) as store:
        first = Registration(store, name="w1", concurrency=2, every=1.0)
        await first.start()
        first.stats.claims = 5
        first.stats.outcome("submitted", 3.0)
        first.stats.outcome("retry", 700.0)
        await first.stop()
        again = Registration(store, name="w1", concurrency=4, every=1.0)  # the same --name restarts
        await again.start()
        assert again.stats.claims == 5 and again.stats.outcomes == {"submitted": 1, "retry": 1}
        assert again.stats.retries == 1 and again.stats.run_count == 2
        other = Registration(store, name="w2", every=1.0)
        await other.start()
        other.stats.claims = 2
        await other.stop()
        rows = {r["name"]: r for r in await list_processes(store)}
        assert rows["w1"]["live"] and rows["w1"]["concurrency"] == 4 and not rows["w2"]["live"]

        async with store.tx() as conn:  # w2 stopped long ago
            await conn.execute(
                update(t.workers).where(t.workers.c.name == "w2").values(last_seen=time.time() - 9e5)
            )
        assert await prune(store, older_than=7 * 86_400) == 1
        rows = {r["name"]: r for r in await list_processes(store, kind=None)}
        assert set(rows) == {"w1"}  # the retired row is not a process
        from jobpilot.fleet.registry import all_rows

        totals = RunStats()
        for row in await all_rows(store):
            totals.add(RunStats.from_json(row["stats"]))
        assert totals.claims == 7 and any(r["name"] == RETIRED for r in await all_rows(store))
        assert await prune(store) == 0


async def test_liveness_and_readiness(database_url: str) -> None:
    from jobpilot.fleet.api.ops import DRAINING
    from jobpilot.storage.migrations.fleet import FLEET
    from sqlalchemy import text
    from sqlalchemy.ext.asyncio import create_async_engine

    store = FleetStore(database_url)
    app = create_app(store, reap_every=None)
    async with TestClient(TestServer(app)) as c:
        r = await c.get("/api/health/live")
        assert r.status == 200 and (await r.json())["ok"] is True
        r = await c.get("/api/health/ready")
        body = await r.json()
        assert (
            r.status == 200
            and body["ok"]
            and body["schema_version"] == FLEET.latest == body["schema_expected"]
        )

        async with store.tx() as conn:  # migrated by a newer JobPilot
            await conn.execute(
                text("INSERT INTO fleet_schema_version (version, applied_at) VALUES (:v, CURRENT_TIMESTAMP)"),
                {"v": FLEET.latest + 1},
            )
        r = await c.get("/api/health/ready")
        body = await r.json()
        assert r.status == 503 and not body["ok"] and "newer than this code" in body["problems"][0]
        async with store.tx() as conn:
            await conn.execute(
                text("DELETE FROM fleet_schema_version WHERE version > :v"), {"v": FLEET.latest}
            )
        assert (await c.get("/api/health/ready")).status == 200

        app[DRAINING].append(True)  # what on_shutdown sets
        r = await c.get("/api/health/ready")
        assert r.status == 503 and (await r.json())["problems"] == ["shutting down"]
        app[DRAINING].clear()

        real = store.engine
        store.engine = create_async_engine("postgresql+asyncpg://nobody@127.0.0.1:9/none")
        try:
            r = await c.get("/api/health/ready")
            body = await r.json()
            assert r.status == 503 and body["database"] == "unreachable"
            assert (await c.get("/api/health/live")).status == 200  # alive all the same
        finally:
            await store.engine.dispose()
            store.engine = real


async def test_access_log_and_text_logs(database_url: str, fleet: Any) -> None:
    stream = io.StringIO()
    root = logging.getLogger()
    level = root.level
    logs.configure("json", "INFO", stream=stream)
    store = FleetStore(database_url)
    server = TestServer(create_app(store, reap_every=None))
    await server.start_server(access_log_class=logs.AccessLogger, access_log=logs.access_log)
    try:
        async with TestClient(server) as c:
            user, token, _ = await fleet.make_user(store)
            assert (await c.get("/api/me", headers=bearer(token))).status == 200
            assert (await c.get("/api/me?token=secret-in-query")).status == 401
        lines = [json.loads(x) for x in stream.getvalue().splitlines() if x.strip()]
        access = [x for x in lines if x["logger"] == "jobpilot.fleet.access"]
        ok = next(x for x in access if x["status"] == 200)
        assert ok["method"] == "GET" and ok["path"] == "/api/me" and ok["user_id"] == user["id"]
        assert ok["ms"] >= 0 and ok["remote"] and ok["ts"].endswith("+00:00")
        refused = next(x for x in access if x["status"] == 401)
        assert refused["user_id"] is None and "secret-in-query" not in json.dumps(refused)
    finally:
        await server.close()
        for handler in list(root.handlers):
            if getattr(handler, "_jobpilot", False):
                root.removeHandler(handler)
        root.setLevel(level)

    # Plain text for a terminal, with the application context in brackets.
    text = io.StringIO()
    logs.configure("text", "INFO", stream=text)
    try:
        with logs.application_context("abc123", worker="w9", attempt=2):
            logging.getLogger("jobpilot.engine").info("filled %d fields", 12)
        logging.getLogger("jobpilot.engine").info("outside")
    finally:
        for handler in list(root.handlers):
            if getattr(handler, "_jobpilot", False):
                root.removeHandler(handler)
        root.setLevel(level)
    first, second = text.getvalue().splitlines()
    assert "INFO jobpilot.engine [application_id=abc123 worker=w9 attempt=2] filled 12 fields" in first
    assert "[" not in second and second.endswith("outside")
    assert logs.resolve_format("auto", io.StringIO()) == "json"  # not a terminal

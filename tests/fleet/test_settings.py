"""Per-user settings (issue 11, fleet part): the content provider (offline by default) and
the CAPTCHA solver (the person by default), chosen by each user through the API and used by
the worker for that user's applications only; a solver that gives no answer still hands the
CAPTCHA to the person."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer
from jobpilot import hookimpl
from jobpilot.fleet import tables as t
from jobpilot.fleet.api import create_app
from jobpilot.fleet.queue import Queue, QueueConfig
from jobpilot.fleet.store import FleetStore
from jobpilot.fleet.worker import Worker, WorkerConfig
from jobpilot.models.providers import CaptchaChallenge, CaptchaSolution
from sqlalchemy import update

ADMIN = "settings-admin"


@pytest.fixture
async def client(database_url: str) -> AsyncIterator[TestClient[Any, Any]]:
    store = FleetStore(database_url)
    async with TestClient(TestServer(create_app(store, admin_token=ADMIN, reap_every=None))) as c:
        yield c


async def _user(client: TestClient[Any, Any], name: str) -> dict[str, str]:
    r = await client.post("/api/users", json={"name": name}, headers={"Authorization": f"Bearer {ADMIN}"})
    assert r.status == 201
    return {"Authorization": f"Bearer {(await r.json())['token']}"}


async def test_settings_default_to_offline_and_the_person_and_are_per_user(
    client: TestClient[Any, Any],
) -> None:
    alice, bob = await _user(client, "alice"), await _user(client, "bob")
    defaults = {"content_provider": "offline", "captcha_solver": "person"}
    assert await (await client.get("/api/me/settings", headers=alice)).json() == defaults
    r = await client.put("/api/me/settings", json={"captcha_solver": "twocaptcha"}, headers=alice)
    assert r.status == 200 and await r.json() == {
        "content_provider": "offline",
        "captcha_solver": "twocaptcha",
    }
    r = await client.put("/api/me/settings", json={"content_provider": "openai"}, headers=alice)
    assert await r.json() == {"content_provider": "openai", "captcha_solver": "twocaptcha"}
    assert await (await client.get("/api/me/settings", headers=bob)).json() == defaults
    # Back to the defaults is an opt-out like any other change.
    r = await client.put(
        "/api/me/settings", json={"content_provider": "offline", "captcha_solver": "person"}, headers=alice
    )
    assert await r.json() == defaults


@pytest.mark.parametrize(
    "body",
    [
        {"content_provider": "Open AI"},
        {"captcha_solver": ""},
        {"captcha_solver": "x" * 80},
        {"content_provider": "offline\u0000"},
        {"api_key": "sk-..."},  # no such setting: refused, not ignored
        {"content_provider": 3},
    ],
)
async def test_bad_settings_are_refused_and_change_nothing(client: TestClient[Any, Any], body: Any) -> None:
    alice = await _user(client, "alice")
    await client.put("/api/me/settings", json={"captcha_solver": "twocaptcha"}, headers=alice)
    r = await client.put("/api/me/settings", json=body, headers=alice)
    assert r.status == 400 and (await r.json())["error"]
    assert (await (await client.get("/api/me/settings", headers=alice)).json())[
        "captcha_solver"
    ] == "twocaptcha"


async def test_a_disabled_users_tokens_stop_working(database_url: str) -> None:
    async with FleetStore(database_url) as store:
        user = await store.create_user("gone")
        token = await store.issue_token(user["id"])
        assert await store.user_for_token(token) is not None
        async with store.tx() as conn:
            await conn.execute(update(t.users).where(t.users.c.id == user["id"]).values(disabled=True))
        assert await store.user_for_token(token) is None


# --- the worker uses them --------------------------------------------------------------------


class _Solver:
    def __init__(self, name: str, token: str | None, fail: bool = False) -> None:
        self.name = name
        self.token = token
        self.fail = fail
        self.calls: list[str] = []

    async def solve_captcha(self, page: Any, challenge: CaptchaChallenge) -> CaptchaSolution | None:
        self.calls.append(challenge.kind)
        if self.fail:
            raise RuntimeError("the service is down")
        return CaptchaSolution(token=self.token, solver=self.name) if self.token else None


class _SolverPlugin:
    def __init__(self, *solvers: _Solver) -> None:
        self.solvers = solvers

    @hookimpl
    def register_captcha_solvers(self, register: Any) -> None:
        for s in self.solvers:
            register(s)


@pytest.mark.browser
async def test_the_worker_uses_each_users_solver_and_falls_back_to_the_person(
    tmp_path: Path, replica: Any, fleet: Any
) -> None:
    from jobpilot.plugins import load

    good = _Solver("good-solver", "PASS")
    broken = _Solver("broken-solver", None, fail=True)
    plugins = load()
    plugins.register(_SolverPlugin(good, broken), name="test-solvers")
    async with FleetStore(f"sqlite+aiosqlite:///{tmp_path / 'fleet.db'}") as store:
        q = Queue(store, QueueConfig(site_limit=10_000))
        jobs = {}
        for name, solver in (("opted", "good-solver"), ("broken", "broken-solver"), ("default", None)):
            user, _, applicant = await fleet.make_user(store)
            if solver:
                await store.update_settings(user["id"], {"captcha_solver": solver})
            job = await q.enqueue(
                user, applicant_id=applicant["id"], url=replica.url(f"s-{name}", captcha=1), submit=True
            )
            jobs[name] = (user, job)
        config = WorkerConfig(
            allow_hosts=("127.0.0.1",),
            allow_addresses=("127.0.0.1",),  # the replica is on loopback
            poll_interval=0.1,
            concurrency=1,
            max_jobs=3,
            handoff_wait=0.2,
        )
        await asyncio.wait_for(Worker(store, q, config, plugins=plugins).run(), 300)
        done = {name: await q.get(user["id"], job["id"]) for name, (user, job) in jobs.items()}
    # The user who opted in: solved by their solver, submitted, nobody asked.
    assert done["opted"]["state"] == "submitted", done["opted"]["last_error"]
    assert replica.submissions["s-opted"] == 1 and b"PASS" in replica.bodies["s-opted"][0]
    assert good.calls == ["hcaptcha"]
    # A solver that fails leaves it to the person; the default user's goes to the person.
    assert broken.calls == ["hcaptcha"]
    for name in ("broken", "default"):
        assert done[name]["state"] == "needs_user" and done[name]["question"]["kind"] == "captcha", name
        assert replica.submissions[f"s-{name}"] == 0


@pytest.mark.browser
async def test_content_provider_none_generates_nothing(tmp_path: Path, replica: Any, fleet: Any) -> None:
    """``none`` switches generation off for that user: no provider request is made (the
    disclosure log is empty), where the default offline provider answers from the bank."""
    async with FleetStore(f"sqlite+aiosqlite:///{tmp_path / 'fleet.db'}") as store:
        q = Queue(store, QueueConfig(site_limit=10_000))
        rows = {}
        for name, provider in (("none", "none"), ("offline", None)):
            user, _, applicant = await fleet.make_user(store)
            if provider:
                await store.update_settings(user["id"], {"content_provider": provider})
            rows[name] = (
                user,
                await q.enqueue(user, applicant_id=applicant["id"], url=replica.url(f"c-{name}")),
            )
        config = WorkerConfig(
            allow_hosts=("127.0.0.1",),
            allow_addresses=("127.0.0.1",),  # the replica is on loopback
            poll_interval=0.1,
            concurrency=1,
            max_jobs=2,
        )
        await asyncio.wait_for(Worker(store, q, config).run(), 300)
        records = {name: (await q.get(user["id"], job["id"]))["record"] for name, (user, job) in rows.items()}
    assert records["offline"]["disclosures"], "the default offline provider was asked nothing"
    assert records["none"]["disclosures"] == []

"""Fuzz every route of the API against its own OpenAPI description (schemathesis, valid and
invalid inputs, NUL characters included), on SQLite and on PostgreSQL: no 5xx, no response
outside the schema, never another user's data, and the database unchanged after every 4xx
(a refused request changes nothing). The fuzzing user (Bob) shares the server with Alice,
whose applicant, profile and application must never show up. The counts of requests and
of 5xx answers are printed at the end of each database's run (``-s``)."""

from __future__ import annotations

import asyncio
import hashlib
import io
import json
import threading
import zipfile
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, settings
from jobpilot.fleet.openapi import spec
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

schema = schemathesis.openapi.from_dict(spec())
ADMIN = "fuzz-admin"
SECRET = "Zyxwvutsr Secretname"


class Server:
    def __init__(self, url: str) -> None:
        self.url = url
        self.store: Any = None
        self.ready = threading.Event()
        self.port = 0
        self.loop: asyncio.AbstractEventLoop | None = None
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        from aiohttp import web
        from jobpilot.fleet.api import create_app
        from jobpilot.fleet.store import FleetStore

        self.loop = asyncio.new_event_loop()
        self.store = FleetStore(self.url)
        app = create_app(self.store, admin_token=ADMIN, reap_every=None)
        runner = web.AppRunner(app, access_log=None)
        self.loop.run_until_complete(runner.setup())
        site = web.TCPSite(runner, "127.0.0.1", 0)
        self.loop.run_until_complete(site.start())
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.ready.set()
        self.loop.run_forever()
        self.loop.run_until_complete(runner.cleanup())

    def start(self) -> Server:
        self.thread.start()
        self.ready.wait(30)
        return self

    def state(self) -> str:
        """A digest of every row of every fleet table, read on the server's own loop."""
        from jobpilot.fleet import tables as t
        from sqlalchemy import select

        async def read() -> str:
            digest = hashlib.sha256()
            async with self.store.engine.connect() as conn:
                for table in t.metadata.sorted_tables:
                    rows = (await conn.execute(select(table))).all()
                    digest.update(table.name.encode())
                    for row in sorted(repr(tuple(r)) for r in rows):
                        digest.update(row.encode())
            return digest.hexdigest()

        assert self.loop is not None
        return asyncio.run_coroutine_threadsafe(read(), self.loop).result(60)

    def stop(self) -> None:
        assert self.loop is not None
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def world(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, fleet: Any
) -> Iterator[dict[str, Any]]:
    if request.param == "sqlite":
        url = f"sqlite+aiosqlite:///{tmp_path_factory.mktemp('fuzz') / 'api.db'}"
    else:
        url = request.getfixturevalue("postgres").new_database()
    server = Server(url).start()
    base = f"http://127.0.0.1:{server.port}"
    admin = {"Authorization": f"Bearer {ADMIN}"}

    def user(name: str) -> dict[str, str]:
        r = requests.post(f"{base}/api/users", json={"name": name}, headers=admin, timeout=10)
        r.raise_for_status()
        return {"Authorization": f"Bearer {r.json()['token']}"}

    # Bob has no password (the operator made him): DELETE /api/me is confirmed by his name,
    # which the fuzzer must not stumble upon, or the rest of the run would be 401s.
    alice, bob = user("alice"), user("bob-" + hashlib.sha256(request.param.encode()).hexdigest()[:20])
    profile = json.loads(fleet.demo_profile().model_dump_json(by_alias=True))
    profile["basics"]["name"] = SECRET
    applicant = requests.post(
        f"{base}/api/applicants", json={"name": SECRET, "profile": profile}, headers=alice, timeout=10
    ).json()
    application = requests.post(
        f"{base}/api/applications",
        json={"applicant_id": applicant["id"], "url": "https://jobs.example.com/secret/1"},
        headers=alice,
        timeout=10,
    ).json()
    # Bob gets one applicant of his own, so the fuzzer reaches deeper code paths too.
    requests.post(
        f"{base}/api/applicants",
        json={"name": "Bob's", "profile": {"basics": {"name": "B"}}},
        headers=bob,
        timeout=10,
    )
    seen: Counter[str] = Counter()
    yield {
        "base": base,
        "bob": bob,
        "alice_markers": [SECRET, applicant["id"], application["id"], "jobs.example.com/secret"],
        "server": server,
        "seen": seen,
    }
    server.stop()
    print(
        f"\nfuzzed {seen['requests']} requests on {request.param}: {seen['5xx']} answered 5xx,"
        f" {seen['4xx']} answered 4xx (database unchanged after each), {seen['2xx']} 2xx"
    )
    assert seen["requests"] > 0 and seen["5xx"] == 0


def no_data_of_another_user(markers: list[str]) -> Any:
    def check(ctx: Any, response: Any, case: Any) -> bool:
        body = bytes(response.content or b"")
        if body.startswith(b"PK"):  # the export: every file inside it
            with zipfile.ZipFile(io.BytesIO(body)) as z:
                body = b"\n".join(z.read(n) for n in z.namelist())
        leaked = [m for m in markers if m.encode() in body]
        assert not leaked, f"response shows another user's data: {leaked}"
        return True

    return check


def _operator_route(path: str) -> bool:
    """The operator's routes (admin or metrics token, probes): tested in test_observability;
    the fuzzer's world holds user tokens only."""
    return path.startswith("/api/admin/") or path in ("/metrics", "/api/health/live", "/api/health/ready")


def test_every_route_is_described() -> None:
    """A user's route missing from /openapi.json is a route the fuzzer never tries."""
    from jobpilot.fleet.api import ROUTES

    paths = spec()["paths"]
    undocumented = [
        f"{method} {path}"
        for method, path, _ in ROUTES
        if method.lower() not in paths.get(path, {})
        and path not in ("/", "/operator", "/openapi.json", "/api/stream")  # pages, spec, stream
        and not _operator_route(path)
    ]
    assert not undocumented


@schema.parametrize()
@settings(
    max_examples=8,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_api_conforms_to_its_openapi(case: Any, world: dict[str, Any]) -> None:
    before = world["server"].state()
    # The operator's routes are fuzzed with the admin token (Bob's would stop every case at
    # 401); the operator sees applications across users, so no leak check applies there.
    operator = case.path.startswith("/api/admin/")
    headers = {"Authorization": f"Bearer {ADMIN}"} if operator else world["bob"]
    response = case.call(base_url=world["base"], headers=headers, timeout=60)
    seen = world["seen"]
    seen["requests"] += 1
    seen[f"{response.status_code // 100}xx"] += 1
    case.validate_response(
        response,
        checks=[
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
            *([] if operator else [no_data_of_another_user(world["alice_markers"])]),
        ],
    )
    if 400 <= response.status_code < 500:
        assert world["server"].state() == before, (
            f"{case.method} {case.path} answered {response.status_code} but changed the database"
        )

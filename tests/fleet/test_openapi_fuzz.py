"""Fuzz the API against its own OpenAPI description (schemathesis): no 5xx, no response
outside the schema, and never another user's data. The fuzzing user (Bob) shares the
server with Alice, whose applicant, profile and application must never show up."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Iterator
from pathlib import Path
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
    def __init__(self, db: Path) -> None:
        self.db = db
        self.ready = threading.Event()
        self.port = 0
        self.loop: asyncio.AbstractEventLoop | None = None
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        from aiohttp import web
        from jobpilot.fleet.api import create_app
        from jobpilot.fleet.store import FleetStore

        self.loop = asyncio.new_event_loop()
        app = create_app(FleetStore(f"sqlite+aiosqlite:///{self.db}"), admin_token=ADMIN, reap_every=None)
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

    def stop(self) -> None:
        assert self.loop is not None
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory, fleet: Any) -> Iterator[dict[str, Any]]:
    server = Server(tmp_path_factory.mktemp("fuzz") / "api.db").start()
    base = f"http://127.0.0.1:{server.port}"
    admin = {"Authorization": f"Bearer {ADMIN}"}

    def user(name: str) -> dict[str, str]:
        r = requests.post(f"{base}/api/users", json={"name": name}, headers=admin, timeout=10)
        r.raise_for_status()
        return {"Authorization": f"Bearer {r.json()['token']}"}

    alice, bob = user("alice"), user("bob")
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
    yield {
        "base": base,
        "bob": bob,
        "alice_markers": [SECRET, applicant["id"], application["id"], "jobs.example.com/secret"],
    }
    server.stop()


def no_data_of_another_user(markers: list[str]) -> Any:
    def check(ctx: Any, response: Any, case: Any) -> bool:
        text = response.text or ""
        leaked = [m for m in markers if m in text]
        assert not leaked, f"response shows another user's data: {leaked}"
        return True

    return check


@schema.parametrize()
@settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_api_conforms_to_its_openapi(case: Any, world: dict[str, Any]) -> None:
    case.call_and_validate(
        base_url=world["base"],
        headers=world["bob"],
        checks=[
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
            no_data_of_another_user(world["alice_markers"]),
        ],
        timeout=10,
    )

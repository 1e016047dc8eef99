"""The HTTP API and the WebSocket stream, in process: users and tokens, applicants and
resumes, enqueue with de-duplication, state, evidence, history, hand-off answers,
verification, and that no user ever sees another user's data."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import jobpilot.demo
import pytest
from aiohttp.test_utils import TestClient, TestServer
from jobpilot.fleet.api import QUEUE, STORE, create_app
from jobpilot.fleet.queue import Queue, QueueConfig
from jobpilot.fleet.store import FleetStore

DEMO = Path(jobpilot.demo.__file__).parent
ADMIN = "admin-secret"


@pytest.fixture
async def client(tmp_path: Path) -> AsyncIterator[TestClient[Any, Any]]:
    store = FleetStore(f"sqlite+aiosqlite:///{tmp_path / 'api.db'}")
    queue = Queue(store, QueueConfig(lease_seconds=0.5))
    app = create_app(store, queue, admin_token=ADMIN, reap_every=0.3, event_poll=0.05)
    async with TestClient(TestServer(app)) as c:
        yield c


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def new_user(client: TestClient[Any, Any], name: str) -> str:
    r = await client.post("/api/users", json={"name": name, "tier": "pro"}, headers=auth(ADMIN))
    assert r.status == 201, await r.text()
    return str((await r.json())["token"])


async def new_applicant(client: TestClient[Any, Any], token: str, fleet: Any) -> dict[str, Any]:
    profile = json.loads(fleet.demo_profile().model_dump_json(by_alias=True))
    r = await client.post("/api/applicants", json={"name": "Mara", "profile": profile}, headers=auth(token))
    assert r.status == 201, await r.text()
    applicant: dict[str, Any] = await r.json()
    form = aiohttp.FormData()
    form.add_field(
        "file",
        (DEMO / "profile" / "resume.pdf").read_bytes(),
        filename="resume.pdf",
        content_type="application/pdf",
    )
    form.add_field("name", "main cv")
    r = await client.post(f"/api/applicants/{applicant['id']}/resumes", data=form, headers=auth(token))
    assert r.status == 201, await r.text()
    applicant["resume"] = await r.json()
    return applicant


async def test_users_tokens_and_auth(client: TestClient[Any, Any]) -> None:
    assert (await client.get("/api/me")).status == 401
    assert (await client.get("/api/me", headers=auth("jp_nope"))).status == 401
    r = await client.post("/api/users", json={"name": "x"}, headers=auth("not-admin"))
    assert r.status == 401 and (await r.json())["error"]
    token = await new_user(client, "alice")
    me = await (await client.get("/api/me", headers=auth(token))).json()
    assert me["name"] == "alice" and me["tier"] == "pro" and me["submitted_today"] == 0
    r = await client.post("/api/tokens", json={"label": "ci"}, headers=auth(token))
    second = (await r.json())["token"]
    assert (await client.get("/api/me", headers=auth(second))).status == 200
    assert (await client.post("/api/users", json={"name": "alice"}, headers=auth(ADMIN))).status == 409
    r = await client.post("/api/users", json={"name": ""}, headers=auth(ADMIN))
    assert r.status == 400 and "name" in (await r.json())["error"]
    health = await (await client.get("/api/health")).json()
    assert health["ok"] and health["database"] == "sqlite"
    spec = await (await client.get("/openapi.json")).json()
    assert spec["openapi"].startswith("3.1") and "/api/applications" in spec["paths"]


async def test_applicants_applications_and_isolation(client: TestClient[Any, Any], fleet: Any) -> None:
    alice, bob = await new_user(client, "alice"), await new_user(client, "bob")
    applicant = await new_applicant(client, alice, fleet)
    got = await (await client.get(f"/api/applicants/{applicant['id']}", headers=auth(alice))).json()
    assert got["profile"]["basics"]["name"] and got["resumes"][0]["filename"] == "resume.pdf"
    assert got["resumes"][0]["default"] is True
    url = "https://jobs.example.com/acme/123"
    body = {"applicant_id": applicant["id"], "url": url, "submit": False}
    r = await client.post("/api/applications", json=body, headers=auth(alice))
    assert r.status == 201
    app = await r.json()
    assert app["state"] == "queued" and app["site"] == "example.com"  # the employer's domain
    dup = await client.post(
        "/api/applications", json={**body, "url": url + "/?utm_source=x"}, headers=auth(alice)
    )
    assert dup.status == 409 and (await dup.json())["existing"] == app["id"]
    bad = await client.post("/api/applications", json={**body, "url": "ftp://x/y"}, headers=auth(alice))
    assert bad.status == 400
    extra = await client.post("/api/applications", json={**body, "surprise": 1}, headers=auth(alice))
    assert extra.status == 400
    # Bob sees none of it, and cannot use Alice's applicant.
    for path in (
        f"/api/applicants/{applicant['id']}",
        f"/api/applicants/{applicant['id']}/resumes",
        f"/api/applications/{app['id']}",
        f"/api/applications/{app['id']}/evidence",
        f"/api/applications/{app['id']}/history",
    ):
        r = await client.get(path, headers=auth(bob))
        assert r.status == 404, path
        assert applicant["id"] not in await r.text() or "no " in (await r.json())["error"]
    assert (await (await client.get("/api/applicants", headers=auth(bob))).json()) == []
    listing = await (await client.get("/api/applications", headers=auth(bob))).json()
    assert listing == {"items": [], "counts": {}}
    r = await client.post("/api/applications", json=body, headers=auth(bob))
    assert r.status == 404
    assert (await client.post(f"/api/applications/{app['id']}/cancel", headers=auth(bob))).status == 404
    assert (await client.delete(f"/api/applicants/{applicant['id']}", headers=auth(bob))).status == 404
    # Alice's own listing, filters and cancel.
    listing = await (await client.get("/api/applications?state=queued", headers=auth(alice))).json()
    assert [a["id"] for a in listing["items"]] == [app["id"]] and listing["counts"] == {"queued": 1}
    assert (await client.get("/api/applications?limit=0", headers=auth(alice))).status == 400
    assert (await client.get("/api/applications?state=nope", headers=auth(alice))).status == 400
    r = await client.post(f"/api/applications/{app['id']}/cancel", headers=auth(alice))
    assert (await r.json())["state"] == "cancelled"
    r = await client.post(f"/api/applications/{app['id']}/retry", headers=auth(alice))
    assert (await r.json())["state"] == "queued"


async def test_resolve_needs_verification(client: TestClient[Any, Any], fleet: Any) -> None:
    alice = await new_user(client, "alice")
    applicant = await new_applicant(client, alice, fleet)
    body = {"applicant_id": applicant["id"], "url": "https://a.example/j/1", "submit": True}
    app = await (await client.post("/api/applications", json=body, headers=auth(alice))).json()
    queue: Queue = client.app[QUEUE]
    claim = await queue.claim("doomed")
    assert claim is not None
    await queue.begin_submit(claim, "doomed")  # ... and the worker dies after the click
    deadline = time.monotonic() + 10
    while (await (await client.get(f"/api/applications/{app['id']}", headers=auth(alice))).json())[
        "state"
    ] != "needs_verification":
        assert time.monotonic() < deadline, "the server's reaper never marked it"
        await asyncio.sleep(0.1)
    r = await client.post(
        f"/api/applications/{app['id']}/resolve", json={"submitted": True}, headers=auth(alice)
    )
    assert (await r.json())["state"] == "submitted"
    again = await client.post(
        f"/api/applications/{app['id']}/resolve", json={"submitted": True}, headers=auth(alice)
    )
    assert again.status == 409
    me = await (await client.get("/api/me", headers=auth(alice))).json()
    assert me["submitted_today"] == 1


@pytest.mark.browser
async def test_stream_state_and_evidence(client: TestClient[Any, Any], fleet: Any, replica: Any) -> None:
    from jobpilot.fleet.worker import Worker, WorkerConfig

    alice, bob = await new_user(client, "alice"), await new_user(client, "bob")
    applicant = await new_applicant(client, alice, fleet)
    ws_a = await client.ws_connect("/api/stream")
    await ws_a.send_json({"token": alice})
    assert (await ws_a.receive_json(timeout=5))["type"] == "hello"
    ws_b = await client.ws_connect("/api/stream", headers=auth(bob))
    assert (await ws_b.receive_json(timeout=5))["type"] == "hello"
    bad = await client.ws_connect("/api/stream")
    await bad.send_json({"token": "jp_wrong"})
    assert (await bad.receive_json(timeout=5))["type"] == "error"

    body = {"applicant_id": applicant["id"], "url": replica.url("api-1"), "submit": True}
    app = await (await client.post("/api/applications", json=body, headers=auth(alice))).json()
    store: FleetStore = client.app[STORE]
    worker = Worker(
        store,
        Queue(store, QueueConfig(site_limit=1000)),
        WorkerConfig(concurrency=1, max_jobs=1, allow_hosts=("127.0.0.1",), poll_interval=0.1),
    )
    await asyncio.wait_for(worker.run(), 60)
    seen = []
    while "submitted" not in seen:
        msg = await ws_a.receive_json(timeout=10)
        assert msg["event"]["application_id"] == app["id"]
        seen.append(msg["event"]["state"])
        assert msg["application"]["state"] in ("queued", "running", "submitting", "submitted")
    assert seen == ["queued", "running", "submitting", "submitted"]
    with pytest.raises(asyncio.TimeoutError):
        await ws_b.receive_json(timeout=0.5)  # Bob hears nothing of Alice's applications

    ev = await (await client.get(f"/api/applications/{app['id']}/evidence", headers=auth(alice))).json()
    assert ev["state"] == "submitted" and ev["plan"]["actions"] and ev["filled"] > 10
    assert ev["confirmation_text"]
    # The disclosure log: the free-text question went to the offline bank, on this machine.
    sent = ev["disclosures"]
    assert sent and {(d["provider"], d["local"], d["purpose"]) for d in sent} == {("offline", True, "answer")}
    assert any("on-call incident" in (d["field"] or "") and d["sent"]["question"] == d["field"] for d in sent)
    alice_user = await store.user_for_token(alice)
    assert alice_user is not None
    stored = (await client.app[QUEUE].get(alice_user["id"], app["id"]))["record"]["disclosures"]
    assert [d["sent"] for d in sent] == [d["sent"] for d in stored]
    png = next(f for f in ev["files"] if f["name"] == "final.png")
    r = await client.get(png["url"], headers=auth(alice))
    assert r.status == 200 and (await r.read()).startswith(b"\x89PNG")
    assert (await client.get(png["url"], headers=auth(bob))).status == 404
    hist = await (await client.get(f"/api/applications/{app['id']}/history", headers=auth(alice))).json()
    assert [h["state"] for h in hist] == seen
    # A reconnecting client catches up from the last event it saw.
    late = await client.ws_connect("/api/stream")
    await late.send_json({"token": alice, "since": hist[1]["id"]})
    await late.receive_json(timeout=5)
    replay = [(await late.receive_json(timeout=5))["event"]["state"] for _ in range(2)]
    assert replay == ["submitting", "submitted"]
    for ws in (ws_a, ws_b, bad, late):
        await ws.close()

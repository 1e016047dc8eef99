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
from jobpilot.fleet.store import FleetStore, token_digest

DEMO = Path(jobpilot.demo.__file__).parent
ADMIN = "admin-secret"


@pytest.fixture
async def client(tmp_path: Path) -> AsyncIterator[TestClient[Any, Any]]:
    store = FleetStore(f"sqlite+aiosqlite:///{tmp_path / 'api.db'}")
    # A lease long enough that a busy machine never loses one mid-test; the test that needs a
    # dead worker expires its lease explicitly.
    queue = Queue(store, QueueConfig(lease_seconds=120))
    app = create_app(store, queue, admin_token=ADMIN, reap_every=0.3, event_poll=0.05)
    async with TestClient(TestServer(app)) as c:
        yield c


async def expire_lease(store: FleetStore, job_id: str) -> None:
    """What a dead worker leaves: a lease nobody renews, already past its expiry."""
    from jobpilot.fleet import tables as t
    from sqlalchemy import update

    async with store.tx() as conn:
        await conn.execute(update(t.jobs).where(t.jobs.c.id == job_id).values(lease_expires=0))


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
    await expire_lease(client.app[STORE], app["id"])
    deadline = time.monotonic() + 120
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
    assert (await ws_a.receive_json(timeout=60))["type"] == "hello"
    ws_b = await client.ws_connect("/api/stream", headers=auth(bob))
    assert (await ws_b.receive_json(timeout=60))["type"] == "hello"
    bad = await client.ws_connect("/api/stream")
    await bad.send_json({"token": "jp_wrong"})
    assert (await bad.receive_json(timeout=60))["type"] == "error"

    body = {"applicant_id": applicant["id"], "url": replica.url("api-1"), "submit": True}
    app = await (await client.post("/api/applications", json=body, headers=auth(alice))).json()
    store: FleetStore = client.app[STORE]
    worker = Worker(
        store,
        Queue(store, QueueConfig(site_limit=1000)),
        WorkerConfig(
            concurrency=1,
            max_jobs=1,
            allow_hosts=("127.0.0.1",),
            allow_addresses=("127.0.0.1",),  # the replica is on loopback
            poll_interval=0.1,
        ),
    )
    await asyncio.wait_for(worker.run(), 60)
    seen = []
    while "submitted" not in seen:
        msg = await ws_a.receive_json(timeout=60)
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
    await late.receive_json(timeout=60)
    replay = [(await late.receive_json(timeout=60))["event"]["state"] for _ in range(2)]
    assert replay == ["submitting", "submitted"]
    for ws in (ws_a, ws_b, bad, late):
        await ws.close()


async def test_every_route_refuses_another_users_ids(client: TestClient[Any, Any], fleet: Any) -> None:
    """Bob, with Alice's real applicant, resume and application ids, calls every route that
    takes an id (and enqueue, which takes them in its body): each answers 404 exactly like a
    missing object, and none of Alice's data changes."""
    from jobpilot.fleet.api import ROUTES

    alice, bob = await new_user(client, "alice"), await new_user(client, "bob")
    applicant = await new_applicant(client, alice, fleet)
    bob_applicant = await new_applicant(client, bob, fleet)
    store: FleetStore = client.app[STORE]
    queue: Queue = client.app[QUEUE]
    alice_user = await store.user_for_token(alice)
    assert alice_user is not None

    async def app(n: int) -> str:
        body = {"applicant_id": applicant["id"], "url": f"https://iso.example/jobs/{n}", "submit": True}
        r = await client.post("/api/applications", json=body, headers=auth(alice))
        assert r.status == 201
        return str((await r.json())["id"])

    # One application in each state a route acts on: queued (cancel), needs_user (answer),
    # needs_verification (resolve), failed (retry).
    queued, asking, verifying, failed = [await app(n) for n in range(4)]
    await queue.cancel(alice_user["id"], queued)
    await queue.retry_now(alice_user["id"], queued)
    for job_id, outcome in ((asking, "needs_user"), (verifying, "needs_verification"), (failed, "failed")):
        claim = await queue.claim("w")
        while claim is not None and claim.id != job_id:
            await queue.hand_back(claim, worker="w")
            claim = await queue.claim("w")
        assert claim is not None
        if outcome == "failed":
            await queue.fail(claim, "no form", worker="w", permanent=True)
            continue
        if outcome == "needs_verification":
            await queue.begin_submit(claim, "w")
        await queue.finish(claim, outcome, worker="w", question="required field left empty: Shoe size")
    png = b"\x89PNG\r\n\x1a\n" + b"0" * 64
    for job_id in (queued, asking, verifying, failed):
        await store.save_evidence(job_id, [("final.png", "image/png", png)])
    jobs = [queued, asking, verifying, failed]

    async def alices_data() -> Any:
        detail = await (await client.get(f"/api/applicants/{applicant['id']}", headers=auth(alice))).json()
        out: list[Any] = [detail]
        for job_id in jobs:
            for suffix in ("", "/evidence", "/history"):
                r = await client.get(f"/api/applications/{job_id}{suffix}", headers=auth(alice))
                assert r.status == 200
                out.append(await r.json())
        return out

    before = await alices_data()
    profile = json.loads(fleet.demo_profile().model_dump_json(by_alias=True))
    profile["basics"]["name"] = "Bob Was Here"

    def multipart() -> aiohttp.FormData:
        form = aiohttp.FormData()
        form.add_field("file", b"%PDF-1.4 bob", filename="bob.pdf", content_type="application/pdf")
        return form

    bodies: dict[tuple[str, str], Any] = {
        ("PUT", "/api/applicants/{applicant_id}/profile"): {"json": {"profile": profile}},
        ("POST", "/api/applicants/{applicant_id}/resumes"): {"data": multipart},
        ("POST", "/api/applications/{application_id}/answer"): {"json": {"answer": "44"}},
        ("POST", "/api/applications/{application_id}/resolve"): {"json": {"submitted": False}},
    }
    tried: set[tuple[str, str]] = set()
    user_routes = [(m, p) for m, p, _ in ROUTES if "{" in p and not p.startswith("/api/admin/")]
    for method, path in user_routes:  # the operator's routes take the admin token only
        tried.add((method, path))
        ids = jobs if "{application_id}" in path else [applicant["id"]]
        for some_id in ids:
            url = path.replace("{applicant_id}", some_id).replace("{application_id}", some_id)
            url = url.replace("{name}", "final.png")
            url = url.replace("{token_id}", token_digest(alice)[:16])  # Alice's token, by its id
            kwargs = dict(bodies.get((method, path), {}))
            if "data" in kwargs:
                kwargs["data"] = kwargs["data"]()
            r = await client.request(method, url, headers=auth(bob), **kwargs)
            assert r.status == 404, (method, url, r.status, await r.text())
            assert (await r.json())["error"].startswith("no ")
    assert tried == set(user_routes)
    # Enqueue takes ids in its body: Alice's applicant, or Alice's resume for Bob's applicant.
    r = await client.post(
        "/api/applications",
        json={"applicant_id": applicant["id"], "url": "https://iso.example/jobs/bob", "submit": True},
        headers=auth(bob),
    )
    assert r.status == 404
    r = await client.post(
        "/api/applications",
        json={
            "applicant_id": bob_applicant["id"],
            "resume_id": applicant["resume"]["id"],
            "url": "https://iso.example/jobs/bob2",
        },
        headers=auth(bob),
    )
    assert r.status == 404
    # Nothing of Alice's changed: profile, resumes, states, evidence, history.
    assert await alices_data() == before
    states = {j: (await queue.get(alice_user["id"], j))["state"] for j in jobs}
    assert states == {
        queued: "queued",
        asking: "needs_user",
        verifying: "needs_verification",
        failed: "failed",
    }
    assert (await store.profile_of(applicant["id"])).basics.name != "Bob Was Here"
    assert len(await store.list_resumes(alice_user["id"], applicant["id"])) == 1


async def test_stream_sends_an_event_that_became_visible_out_of_order(
    client: TestClient[Any, Any], fleet: Any
) -> None:
    """On PostgreSQL a transaction holding event id N may commit after the one holding N+1;
    the hub must still send N (once) after it has moved past it. Simulated by writing N+1
    first and N afterwards, as the database would make them visible."""
    from jobpilot.fleet import tables as t
    from sqlalchemy import insert

    alice = await new_user(client, "alice")
    applicant = await new_applicant(client, alice, fleet)
    ws = await client.ws_connect("/api/stream", headers=auth(alice))
    assert (await ws.receive_json(timeout=60))["type"] == "hello"
    body = {"applicant_id": applicant["id"], "url": "https://order.example/j/1"}
    app = await (await client.post("/api/applications", json=body, headers=auth(alice))).json()
    first = await ws.receive_json(timeout=60)
    assert first["event"]["state"] == "queued"
    base = first["event"]["id"]
    store: FleetStore = client.app[STORE]
    user = await store.user_for_token(alice)
    assert user is not None

    async def write(event_id: int, message: str) -> None:
        async with store.tx() as conn:
            await conn.execute(
                insert(t.events).values(
                    id=event_id,
                    user_id=user["id"],
                    job_id=app["id"],
                    state="queued",
                    message=message,
                    at=time.time(),
                )
            )

    await write(base + 2, "committed first")
    msg = await ws.receive_json(timeout=60)
    assert (msg["event"]["id"], msg["event"]["message"]) == (base + 2, "committed first")
    await asyncio.sleep(0.3)  # the hub has moved past base + 1 by now
    await write(base + 1, "committed late")
    msg = await ws.receive_json(timeout=60)
    assert (msg["event"]["id"], msg["event"]["message"]) == (base + 1, "committed late")
    with pytest.raises(asyncio.TimeoutError):  # and nothing twice
        await ws.receive_json(timeout=0.6)
    await ws.close()

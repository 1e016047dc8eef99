"""Never a 500 (issue 12): hostile and malformed requests get a 4xx naming the problem, on
SQLite and PostgreSQL, the database is left as it was, and the server keeps serving.

Classes: JSON nested deeply enough to exhaust recursion (every JSON route), bytes that are
not UTF-8 or not ASCII in ``Authorization`` (Bearer and Basic, user and admin routes), NUL
characters and lone surrogates in strings and path ids (PostgreSQL refuses both), multipart
part headers aiohttp refuses, and a NUL in an upload's file name. Requests whose bytes no
HTTP client would send go over a raw socket."""

from __future__ import annotations

import asyncio
import hashlib
import json
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer
from jobpilot.fleet import tables as t
from jobpilot.fleet.api import create_app
from jobpilot.fleet.queue import Queue
from jobpilot.fleet.store import FleetStore
from sqlalchemy import select

ADMIN = "hostile-admin"
DEEP = "[" * 100_000 + "]" * 100_000
DEEP_OBJECT = '{"a":' * 50_000 + "1" + "}" * 50_000


class World:
    """A served API with one user, applicant and application, and a digest of every table."""

    def __init__(self, client: TestClient[Any, Any], store: FleetStore) -> None:
        self.client = client
        self.store = store
        self.token = ""
        self.applicant = ""
        self.application = ""

    @property
    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    async def state(self) -> str:
        digest = hashlib.sha256()
        async with self.store.engine.connect() as conn:
            for table in t.metadata.sorted_tables:
                rows = (await conn.execute(select(table))).all()
                digest.update(table.name.encode())
                for row in sorted(repr(tuple(r)) for r in rows):
                    digest.update(row.encode())
        return digest.hexdigest()

    async def raw(self, request: bytes) -> tuple[int, bytes]:
        """Send bytes as they are; the status and body of the answer."""
        server = self.client.server
        reader, writer = await asyncio.open_connection(server.host, server.port)
        try:
            writer.write(request)
            await writer.drain()
            data = await asyncio.wait_for(reader.read(), 30)
        finally:
            writer.close()
        head, _, body = data.partition(b"\r\n\r\n")
        return int(head.split(b" ", 2)[1]), body

    async def still_serving(self) -> None:
        r = await self.client.get("/api/health")
        assert r.status == 200
        r = await self.client.get(f"/api/applications/{self.application}", headers=self.auth)
        assert r.status == 200


@pytest.fixture
async def world(database_url: str, fleet: Any) -> AsyncIterator[World]:
    store = FleetStore(database_url)
    app = create_app(store, Queue(store), admin_token=ADMIN, reap_every=None)
    async with TestClient(TestServer(app)) as client:
        w = World(client, store)
        r = await client.post(
            "/api/users", json={"name": "hostile"}, headers={"Authorization": f"Bearer {ADMIN}"}
        )
        w.token = (await r.json())["token"]
        profile = json.loads(fleet.demo_profile().model_dump_json(by_alias=True))
        r = await client.post("/api/applicants", json={"name": "Mara", "profile": profile}, headers=w.auth)
        w.applicant = (await r.json())["id"]
        r = await client.post(
            "/api/applications",
            json={"applicant_id": w.applicant, "url": "https://jobs.example.test/1"},
            headers=w.auth,
        )
        w.application = (await r.json())["id"]
        yield w


async def _refused(
    w: World, response: Any, before: str, *words: str, status: tuple[int, ...] = (400,)
) -> None:
    body = await response.text() if hasattr(response, "text") else response
    assert response.status in status, (response.status, body[:300])
    message = json.loads(body)["error"].lower()
    assert all(word in message for word in words), message
    assert await w.state() == before, "a refused request changed the database"
    await w.still_serving()


def _json_routes(w: World) -> list[tuple[str, str, dict[str, str]]]:
    admin = {"Authorization": f"Bearer {ADMIN}"}
    a, j = w.applicant, w.application
    return [
        ("POST", "/api/users", admin),
        ("POST", "/api/tokens", w.auth),
        ("POST", "/api/applicants", w.auth),
        ("PUT", f"/api/applicants/{a}/profile", w.auth),
        ("POST", "/api/applications", w.auth),
        ("POST", f"/api/applications/{j}/answer", w.auth),
        ("POST", f"/api/applications/{j}/resolve", w.auth),
    ]


async def test_deeply_nested_json_on_every_json_route(world: World) -> None:
    before = await world.state()
    for method, path, headers in _json_routes(world):
        for body in (DEEP, DEEP_OBJECT):
            r = await world.client.request(
                method, path, data=body, headers={**headers, "Content-Type": "application/json"}
            )
            await _refused(world, r, before, "nested")


async def test_nul_and_lone_surrogates_in_json_strings(world: World) -> None:
    before = await world.state()
    a = world.applicant
    bodies = [
        ("POST", "/api/applications", {"applicant_id": a + "\u0000", "url": "https://jobs.example.test/2"}),
        ("POST", "/api/applications", {"applicant_id": a, "url": "https://jobs.example.test/\u0000"}),
        ("POST", "/api/applicants", {"name": "Ma\u0000ra", "profile": {"basics": {"name": "M"}}}),
        ("POST", "/api/applicants", {"name": "Mara", "profile": {"basics": {"name": "M\u0000"}}}),
        ("POST", "/api/tokens", {"label": "ci\u0000"}),
        ("POST", f"/api/applications/{world.application}/answer", {"answer": "\u0000"}),
    ]
    for method, path, body in bodies:
        r = await world.client.request(method, path, json=body, headers=world.auth)
        await _refused(world, r, before, "nul")
    # A lone surrogate cannot be stored as UTF-8 (json.dumps writes it as an escape).
    for method, path, body in bodies[:3]:
        raw = json.dumps(body).replace("\\u0000", "\\ud800")
        r = await world.client.request(
            method, path, data=raw, headers={**world.auth, "Content-Type": "application/json"}
        )
        await _refused(world, r, before, "surrogate")


async def test_nul_in_path_ids_and_queries(world: World) -> None:
    before = await world.state()
    j = world.application
    for path in (
        "/api/applications/ab%00cd",
        f"/api/applications/{j}%00",
        f"/api/applications/{j}/evidence/fi%00le.png",
        "/api/applicants/%00/resumes",
        f"/api/applications/{j}/history%00",
        "/api/applications/%ED%A0%80",  # an encoded lone surrogate
    ):
        r = await world.client.get(path, headers=world.auth)
        assert r.status in (400, 404), (path, r.status)
        assert (await r.json())["error"]
    r = await world.client.get("/api/applications?state=queued%00", headers=world.auth)
    await _refused(world, r, before, "nul")
    for path in (f"/api/applications/{j}%00/cancel", f"/api/applicants/{world.applicant}%00"):
        r = (
            await world.client.post(path, headers=world.auth)
            if "cancel" in path
            else await world.client.delete(path, headers=world.auth)
        )
        assert r.status in (400, 404), (path, r.status)
    assert await world.state() == before
    await world.still_serving()


@pytest.mark.parametrize(
    "value",
    [
        b"Bearer \xff\xfe\xfd",  # not UTF-8
        b"Bearer caf\xc3\xa9-token",  # UTF-8, not ASCII
        b"Bearer \xed\xa0\x80",  # an encoded surrogate
        b"Basic \xff\xff\xff",
        b"Basic " + "Zoë:pässword".encode(),
        b"Bearer jp_" + b"a" * 5_000,  # long, under aiohttp's 8 KiB header line
    ],
)
async def test_authorization_bytes_that_are_not_a_token(world: World, value: bytes) -> None:
    before = await world.state()
    for method, path, body in (
        (b"GET", b"/api/me", b""),
        (b"POST", b"/api/users", b'{"name": "mallory"}'),  # the admin check
        (b"GET", b"/api/applications/" + world.application.encode(), b""),
    ):
        request = (
            method + b" " + path + b" HTTP/1.1\r\nHost: x\r\nAuthorization: " + value + b"\r\n"
            b"Content-Type: application/json\r\nContent-Length: " + str(len(body)).encode() + b"\r\n"
            b"Connection: close\r\n\r\n" + body
        )
        status, answer = await world.raw(request)
        assert status in (400, 401), (value[:40], path, status, answer[:200])
        assert json.loads(answer)["error"]
    assert await world.state() == before
    await world.still_serving()


def _multipart(boundary: bytes, parts: list[bytes]) -> bytes:
    body = b"".join(b"--" + boundary + b"\r\n" + p + b"\r\n" for p in parts) + b"--" + boundary + b"--\r\n"
    return body


async def test_multipart_bodies_aiohttp_refuses_and_nul_in_file_names(world: World) -> None:
    before = await world.state()
    b = b"XyZbOuNdArY"
    pdf = b"%PDF-1.4 resume"
    cases = [
        # a part header line without a colon
        [b"Content-Disposition form-data name=file\r\n\r\n" + pdf],
        # a part header with bytes that are not UTF-8
        [
            b'Content-Disposition: form-data; name="file"; filename="\xff\xfe.pdf"\r\nX-\xff: \xfe\r\n\r\n'
            + pdf
        ],
        # NUL in the file name, plain and RFC 5987-encoded
        [b'Content-Disposition: form-data; name="file"; filename="cv\x00.pdf"\r\n\r\n' + pdf],
        [b"Content-Disposition: form-data; name=\"file\"; filename*=UTF-8''cv%00.pdf\r\n\r\n" + pdf],
        # an unknown transfer encoding
        [
            b'Content-Disposition: form-data; name="file"; filename="cv.pdf"\r\n'
            b"Content-Transfer-Encoding: rot13\r\n\r\n" + pdf
        ],
        # a part header line longer than aiohttp accepts
        [b'Content-Disposition: form-data; name="file"; filename="' + b"a" * 70_000 + b'.pdf"\r\n\r\n' + pdf],
        # NUL in the resume's display name
        [
            b'Content-Disposition: form-data; name="file"; filename="cv.pdf"\r\n\r\n' + pdf,
            b'Content-Disposition: form-data; name="name"\r\n\r\nmain\x00cv',
        ],
    ]
    path = f"/api/applicants/{world.applicant}/resumes".encode()
    for parts in cases:
        body = _multipart(b, parts)
        request = (
            b"POST " + path + b" HTTP/1.1\r\nHost: x\r\n"
            b"Authorization: Bearer " + world.token.encode() + b"\r\n"
            b"Content-Type: multipart/form-data; boundary=" + b + b"\r\nContent-Length: "
            + str(len(body)).encode() + b"\r\nConnection: close\r\n\r\n" + body
        )  # fmt: skip
        status, answer = await world.raw(request)
        assert 400 <= status < 500, (parts[0][:80], status, answer[:300])
        assert json.loads(answer)["error"]
        assert await world.state() == before, parts[0][:80]
    await world.still_serving()

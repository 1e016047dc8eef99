"""Accounts through the HTTP API, on SQLite and PostgreSQL, with e-mail through a real
local SMTP server (aiosmtpd): sign-up, the verification link, sign-in with a session
cookie (Secure, HttpOnly, SameSite), CSRF on every state change, the rate limit, password
reset by a signed single-use link, TOTP with recovery codes, API tokens listed and revoked."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import aiohttp
import pyotp
import pytest
from aiohttp.test_utils import TestServer
from argon2 import PasswordHasher
from jobpilot.errors import UsageError
from jobpilot.fleet.accounts import links, passwords
from jobpilot.fleet.accounts.config import AccountsConfig, SmtpConfig
from jobpilot.fleet.api import create_app
from jobpilot.fleet.store import FleetStore


def _load(name: str) -> Any:
    key = f"jobpilot_fleet_tests_{name}"
    if key not in sys.modules:
        spec = importlib.util.spec_from_file_location(key, Path(__file__).parent / f"{name}.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[key] = module
        spec.loader.exec_module(module)
    return sys.modules[key]


smtp_module = _load("smtp")
link_in = smtp_module.link_in
PASSWORD = "correct horse battery"


@pytest.fixture(scope="session", autouse=True)
def cheap_argon2() -> None:
    """Real argon2id, with less memory than production's 64 MiB: the suite hashes often."""
    passwords.set_hasher(PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@pytest.fixture(scope="session")
def smtp() -> Iterator[Any]:
    server = smtp_module.SmtpServer().start()
    yield server
    server.stop()


class Browserish:
    """An HTTP client that keeps cookies like a browser on a secure origin, and sends the
    CSRF token it was given."""

    def __init__(self, server: TestServer) -> None:
        base = str(server.make_url("/"))
        self.jar = aiohttp.CookieJar(unsafe=True, treat_as_secure_origin=base)
        self.http = aiohttp.ClientSession(base_url=base, cookie_jar=self.jar)
        self.csrf = ""

    async def form_token(self) -> str:
        r = await self.http.get("/api/auth/csrf")
        assert r.status == 200
        self.csrf = (await r.json())["csrf"]
        return self.csrf

    async def post(self, path: str, body: Any = None, *, csrf: bool = True) -> aiohttp.ClientResponse:
        headers = {"X-CSRF-Token": self.csrf} if csrf else {}
        return await self.http.post(path, json=body if body is not None else {}, headers=headers)

    async def signin(self, email: str, password: str = PASSWORD) -> aiohttp.ClientResponse:
        await self.form_token()
        r = await self.post("/api/auth/signin", {"email": email, "password": password})
        if r.status == 200:
            self.csrf = (await r.json())["csrf"]
        return r

    async def close(self) -> None:
        await self.http.close()


@pytest.fixture
async def server(database_url: str, smtp: Any) -> AsyncIterator[TestServer]:
    config = AccountsConfig(
        public_url="http://jobs.example.test", smtp=SmtpConfig(host="127.0.0.1", port=smtp.port, tls="none")
    )
    srv = TestServer(create_app(FleetStore(database_url), accounts=config), host="127.0.0.1")
    await srv.start_server()
    yield srv
    await srv.close()


async def sign_up(client: Browserish, smtp: Any, email: str) -> None:
    await client.form_token()
    r = await client.post("/api/auth/signup", {"email": email, "password": PASSWORD})
    assert r.status == 201, await r.text()
    token = link_in(smtp.inbox.wait_for(email), "verify")
    await client.form_token()
    r = await client.post("/api/auth/verify", {"token": token})
    assert r.status == 200, await r.text()


async def test_sign_up_verify_sign_in_session_and_csrf(server: TestServer, smtp: Any) -> None:
    client = Browserish(server)
    email = f"ada-{id(server)}@example.org"
    try:
        # Forms before a session need the double-submit token.
        r = await client.post("/api/auth/signup", {"email": email, "password": PASSWORD}, csrf=False)
        assert r.status == 403 and "CSRF" in (await r.json())["error"]
        await client.form_token()
        r = await client.post("/api/auth/signup", {"email": email, "password": "short"})
        assert r.status == 400 and "too short" in (await r.json())["error"]
        r = await client.post("/api/auth/signup", {"email": "not an address", "password": PASSWORD})
        assert r.status == 400
        r = await client.post("/api/auth/signup", {"email": email, "password": PASSWORD})
        assert r.status == 201
        r = await client.post("/api/auth/signup", {"email": email.upper(), "password": PASSWORD})
        assert r.status == 409
        mail = smtp.inbox.wait_for(email)
        assert "http://jobs.example.test/?verify=" in mail.get_content()
        # Not confirmed yet: no session.
        r = await client.signin(email)
        assert r.status == 403 and "confirm" in (await r.json())["error"]
        await client.form_token()
        forged = link_in(mail, "verify")[:-2] + "xx"
        r = await client.post("/api/auth/verify", {"token": forged})
        assert r.status == 400 and "not valid" in (await r.json())["error"]
        r = await client.post("/api/auth/verify", {"token": link_in(mail, "verify")})
        assert r.status == 200
        r = await client.signin(email, "wrong password!")
        assert r.status == 401 and (await r.json())["error"] == "wrong e-mail or password"
        r = await client.signin(email)
        assert r.status == 200
        cookie = r.headers["Set-Cookie"]
        assert "jp_session=" in cookie and "Secure" in cookie and "HttpOnly" in cookie
        assert "SameSite=Lax" in cookie
        me = await (await client.http.get("/api/me")).json()
        assert me["name"] == email and me["tier"] == "free"
        session = await (await client.http.get("/api/auth/session")).json()
        assert session["user"]["email_verified"] and session["csrf"] == client.csrf
        # Every state change with the cookie needs the session's CSRF token.
        r = await client.http.post("/api/tokens", json={"label": "ci"})
        assert r.status == 403
        r = await client.http.post("/api/tokens", json={"label": "ci"}, headers={"X-CSRF-Token": "nope"})
        assert r.status == 403
        r = await client.post("/api/tokens", {"label": "ci"})
        assert r.status == 201
        token = (await r.json())["token"]
        bearer = {"Authorization": f"Bearer {token}"}
        async with aiohttp.ClientSession(base_url=str(server.make_url("/"))) as api:
            assert (await api.get("/api/me", headers=bearer)).status == 200
            listed = await (await api.get("/api/tokens", headers=bearer)).json()
            assert [(t["label"], t["current"]) for t in listed] == [("ci", True)]
            # Revoked from the dashboard: the token stops working at once.
            r = await client.http.delete(
                f"/api/tokens/{listed[0]['id']}", headers={"X-CSRF-Token": client.csrf}
            )
            assert r.status == 204
            assert (await api.get("/api/me", headers=bearer)).status == 401
            r = await client.http.delete(
                f"/api/tokens/{listed[0]['id']}", headers={"X-CSRF-Token": client.csrf}
            )
            assert r.status == 404
        # Signing out ends the session on the server, not only in this browser.
        stolen = client.jar.filter_cookies(server.make_url("/"))["jp_session"].value
        assert (await client.post("/api/auth/signout")).status == 204
        async with aiohttp.ClientSession(base_url=str(server.make_url("/"))) as other:
            r = await other.get("/api/me", headers={"Cookie": f"jp_session={stolen}"})
            assert r.status == 401
    finally:
        await client.close()


async def test_sign_in_is_rate_limited(server: TestServer, smtp: Any) -> None:
    client = Browserish(server)
    email = f"bo-{id(server)}@example.org"
    try:
        await sign_up(client, smtp, email)
        for _ in range(5):
            assert (await client.signin(email, "not the password")).status == 401
        r = await client.signin(email)  # even the right password, for a while
        assert r.status == 429 and int(r.headers["Retry-After"]) > 0
        other = f"nobody-{id(server)}@example.org"  # another account is not locked by this one
        assert (await client.signin(other, "whatever")).status == 401
    finally:
        await client.close()


async def test_password_reset_by_a_single_use_link(server: TestServer, smtp: Any) -> None:
    client, thief = Browserish(server), Browserish(server)
    email = f"cy-{id(server)}@example.org"
    try:
        await sign_up(client, smtp, email)
        assert (await thief.signin(email)).status == 200
        await client.form_token()
        r = await client.post("/api/auth/password/forgot", {"email": f"unknown-{email}"})
        assert r.status == 202
        r = await client.post("/api/auth/password/forgot", {"email": email})
        assert r.status == 202
        token = link_in(smtp.inbox.wait_for(email, 2), "reset")
        assert not smtp.inbox.to(f"unknown-{email}")
        new = "a brand new passphrase"
        r = await client.post("/api/auth/password/reset", {"token": token, "password": new})
        assert r.status == 200
        # Every session is gone; the old password too; the link works once.
        assert (await thief.http.get("/api/me")).status == 401
        assert (await client.signin(email)).status == 401
        assert (await client.signin(email, new)).status == 200
        await client.form_token()
        r = await client.post("/api/auth/password/reset", {"token": token, "password": "yet another one!"})
        assert r.status == 400 and "not valid" in (await r.json())["error"]
    finally:
        await client.close()
        await thief.close()


def test_links_are_signed_and_expire() -> None:
    token = links.make("reset", "u1", "hash")
    assert links.read("reset", token, 60)["u"] == "u1"
    with pytest.raises(UsageError, match="expired"):
        links.read("reset", token, -1)
    with pytest.raises(UsageError, match="not valid"):
        links.read("verify", token, 60)  # signed for another purpose
    with pytest.raises(UsageError, match="not valid"):
        links.read("reset", token[:-3] + "abc", 60)


async def test_totp_second_factor_and_recovery_codes(server: TestServer, smtp: Any) -> None:
    client = Browserish(server)
    email = f"di-{id(server)}@example.org"
    try:
        await sign_up(client, smtp, email)
        assert (await client.signin(email)).status == 200
        setup = await (await client.post("/api/auth/totp/setup")).json()
        assert setup["otpauth_uri"].startswith("otpauth://totp/JobPilot:")
        totp = pyotp.TOTP(setup["secret"])
        r = await client.post(
            "/api/auth/totp/enable", {"code": "000000" if totp.now() != "000000" else "111111"}
        )
        assert r.status == 400
        r = await client.post("/api/auth/totp/enable", {"code": totp.now()})
        assert r.status == 200
        codes = (await r.json())["recovery_codes"]
        assert len(codes) == 10 and len(set(codes)) == 10
        assert (await client.post("/api/auth/signout")).status == 204

        # The password alone gives a session that can do nothing but take the code.
        r = await client.signin(email)
        assert r.status == 200 and (await r.json())["second_factor"] is True
        assert (await client.http.get("/api/me")).status == 401
        r = await client.post("/api/auth/second-factor", {"code": "12345"})
        assert r.status == 401
        r = await client.post("/api/auth/second-factor", {"code": codes[0]})
        assert r.status == 200
        client.csrf = (await r.json())["csrf"]
        assert (await client.http.get("/api/me")).status == 200
        assert (await client.post("/api/auth/signout")).status == 204
        # A recovery code works once.
        await client.signin(email)
        assert (await client.post("/api/auth/second-factor", {"code": codes[0]})).status == 401
        assert (await client.post("/api/auth/second-factor", {"code": codes[1]})).status == 200
    finally:
        await client.close()


async def test_the_stream_takes_the_session_cookie_from_our_own_pages_only(
    server: TestServer, smtp: Any
) -> None:
    """The dashboard signed in with a password follows its applications over the WebSocket
    with its cookie; a page on another site, which the browser would also send the cookie
    from, gets nothing (cross-site WebSocket hijacking)."""
    client = Browserish(server)
    email = f"ev-{id(server)}@example.org"
    own = f"http://{server.host}:{server.port}"
    try:
        await sign_up(client, smtp, email)
        assert (await client.signin(email)).status == 200
        for origin in (own, "http://jobs.example.test"):  # the server's address, or the public one
            ws = await client.http.ws_connect("/api/stream", headers={"Origin": origin})
            await ws.send_json({"since": 0})
            hello = await ws.receive_json(timeout=10)
            assert hello["type"] == "hello" and hello["user"] == email
            await ws.close()
        for headers in ({"Origin": "http://evil.example"}, {}):
            ws = await client.http.ws_connect("/api/stream", headers=headers)
            await ws.send_json({"since": 0})
            refused = await ws.receive_json(timeout=10)
            assert refused["type"] == "error"
            await ws.receive(timeout=10)
            assert ws.close_code == 4401
        # Signed out: the cookie opens nothing any more.
        assert (await client.post("/api/auth/signout")).status == 204
        ws = await client.http.ws_connect("/api/stream", headers={"Origin": own})
        await ws.send_json({"since": 0})
        assert (await ws.receive_json(timeout=10))["type"] == "error"
    finally:
        await client.close()

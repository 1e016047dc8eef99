"""Fixtures for the CAPTCHA tests: a local server speaking the 2Captcha APIs (both styles)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web

TOKEN = "03AFcWeA-local-test-token"
"""The reCAPTCHA token (``gRecaptchaResponse``); the other kinds have tokens of their own."""
TOKENS = {
    "recaptcha": TOKEN,
    "hcaptcha": "P1_eyJ0eXAiOiJKV1Qi-local-test-token",
    "turnstile": "0.zrSnRHO7h0HwSjSCU8oy-local-test-token",
}
"""Per kind, so a test can tell which field of a reply the plugin read."""
USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36"
TASK_KINDS = {
    "RecaptchaV2TaskProxyless": "recaptcha",
    "RecaptchaV3TaskProxyless": "recaptcha",
    "HCaptchaTaskProxyless": "hcaptcha",
    "TurnstileTaskProxyless": "turnstile",
}
LEGACY_KINDS = {"userrecaptcha": "recaptcha", "hcaptcha": "hcaptcha", "turnstile": "turnstile"}


def task_solution(kind: str) -> dict[str, str]:
    """``solution`` of a ready getTaskResult, shaped per task type as 2Captcha documents it:
    reCAPTCHA answers ``gRecaptchaResponse`` (and ``token``), hCaptcha ``token`` with
    ``respKey``/``userAgent`` (``gRecaptchaResponse`` only as a legacy alias), Turnstile
    ``token`` and ``userAgent`` only."""
    token = TOKENS[kind]
    if kind == "recaptcha":
        return {"gRecaptchaResponse": token, "token": token}
    if kind == "hcaptcha":
        return {
            "token": token,
            "respKey": "E0_eyJ0eXAi-resp-key",
            "userAgent": USER_AGENT,
            "gRecaptchaResponse": token,
        }
    return {"token": token, "userAgent": USER_AGENT}


class FakeTwoCaptcha:
    """``POST /createTask``, ``POST /getTaskResult`` (JSON) and ``POST /in.php``,
    ``GET /res.php`` (legacy), as 2Captcha documents them.

    ``not_ready``: polls answered "processing"/``CAPCHA_NOT_READY`` before the token;
    ``create_error``/``result_error``: an error code to answer with instead; ``no_slot``:
    ``ERROR_NO_SLOT_AVAILABLE`` answers before a task is accepted; ``never_ready``: poll forever.

    Each task gets its own id and is answered for its type (``task_solution``); legacy
    ``res.php?action=get2`` adds the ``price`` charged, ``action=get`` does not; a Turnstile
    answer carries the ``useragent`` the token was made with. ``create_delay`` holds each
    createTask/in.php reply, so solves that run at once overlap on the server."""

    def __init__(self) -> None:
        self.key = "test-key"
        self.requests: list[dict[str, Any]] = []
        self.not_ready = 2
        self.create_error: str | None = None
        self.result_error: str | None = None
        self.no_slot = 0
        self.never_ready = False
        self.cost = "0.00299"
        self.price = "0.00145"
        """What legacy ``res.php?action=get2`` reports as charged."""
        self.create_delay = 0.0
        self.tasks: dict[int, str] = {}
        """Task id -> the kind it was created for (recaptcha, hcaptcha, turnstile)."""
        self.polls = 0
        self.runner: web.AppRunner | None = None
        self.port = 0

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _ready(self) -> bool:
        self.polls += 1
        return not self.never_ready and self.polls > self.not_ready

    async def create_task(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.requests.append({"path": "createTask", **body})
        if body.get("clientKey") != self.key:
            return web.json_response(
                {"errorId": 1, "errorCode": "ERROR_KEY_DOES_NOT_EXIST", "errorDescription": "bad key"}
            )
        if self.no_slot:
            self.no_slot -= 1
            return web.json_response({"errorId": 1, "errorCode": "ERROR_NO_SLOT_AVAILABLE"})
        if self.create_error:
            return web.json_response(
                {"errorId": 1, "errorCode": self.create_error, "errorDescription": "scripted"}
            )
        kind = TASK_KINDS.get(str((body.get("task") or {}).get("type")))
        if kind is None:
            return web.json_response({"errorId": 1, "errorCode": "ERROR_TASK_NOT_SUPPORTED"})
        if self.create_delay:
            await asyncio.sleep(self.create_delay)
        task_id = 7243 + len(self.tasks)
        self.tasks[task_id] = kind
        return web.json_response({"errorId": 0, "taskId": task_id})

    async def task_result(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.requests.append({"path": "getTaskResult", **body})
        if self.result_error:
            return web.json_response({"errorId": 1, "errorCode": self.result_error})
        kind = self.tasks.get(body.get("taskId"))  # type: ignore[arg-type]
        if kind is None:
            return web.json_response({"errorId": 1, "errorCode": "ERROR_NO_SUCH_CAPCHA_ID"})
        if not self._ready():
            return web.json_response({"errorId": 0, "status": "processing"})
        return web.json_response(
            {
                "errorId": 0,
                "status": "ready",
                "solution": task_solution(kind),
                "cost": self.cost,
                "ip": "127.0.0.1",
                "solveCount": 1,
            }
        )

    async def in_php(self, request: web.Request) -> web.Response:
        form = dict(await request.post())
        self.requests.append({"path": "in.php", **form})
        if form.get("key") != self.key:
            return web.json_response({"status": 0, "request": "ERROR_WRONG_USER_KEY"})
        if self.no_slot:
            self.no_slot -= 1
            return web.json_response({"status": 0, "request": "ERROR_NO_SLOT_AVAILABLE"})
        if self.create_error:
            return web.json_response({"status": 0, "request": self.create_error})
        kind = LEGACY_KINDS.get(str(form.get("method")))
        if kind is None:
            return web.json_response({"status": 0, "request": "ERROR_WRONG_CAPTCHA_ID"})
        if self.create_delay:
            await asyncio.sleep(self.create_delay)
        task_id = 2122988149 + len(self.tasks)
        self.tasks[task_id] = kind
        return web.json_response({"status": 1, "request": str(task_id)})

    async def res_php(self, request: web.Request) -> web.Response:
        self.requests.append({"path": "res.php", **dict(request.query)})
        if self.result_error:
            return web.json_response({"status": 0, "request": self.result_error})
        try:
            kind = self.tasks.get(int(request.query.get("id", "")))
        except ValueError:
            kind = None
        if kind is None or request.query.get("action") not in ("get", "get2"):
            return web.json_response({"status": 0, "request": "ERROR_WRONG_CAPTCHA_ID"})
        if not self._ready():
            return web.json_response({"status": 0, "request": "CAPCHA_NOT_READY"})
        reply: dict[str, Any] = {"status": 1, "request": TOKENS[kind]}
        if kind == "turnstile":
            reply["useragent"] = USER_AGENT
        if request.query.get("action") == "get2":
            reply["price"] = self.price
        return web.json_response(reply)

    async def start(self) -> FakeTwoCaptcha:
        app = web.Application()
        app.router.add_post("/createTask", self.create_task)
        app.router.add_post("/getTaskResult", self.task_result)
        app.router.add_post("/in.php", self.in_php)
        app.router.add_get("/res.php", self.res_php)
        self.runner = web.AppRunner(app)
        await self.runner.setup()
        site = web.TCPSite(self.runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return self

    async def stop(self) -> None:
        if self.runner is not None:
            await self.runner.cleanup()


@pytest.fixture
async def twocaptcha() -> AsyncIterator[FakeTwoCaptcha]:
    server = await FakeTwoCaptcha().start()
    try:
        yield server
    finally:
        await server.stop()
        await asyncio.sleep(0)


@pytest.fixture
def token() -> str:
    return TOKEN


@pytest.fixture
def tokens() -> dict[str, str]:
    return dict(TOKENS)


@pytest.fixture
def captcha_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("JOBPILOT_HOME", str(tmp_path))
    return tmp_path

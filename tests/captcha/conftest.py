"""Fixtures for the CAPTCHA tests: a local server speaking the 2Captcha APIs (both styles)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web

TOKEN = "03AFcWeA-local-test-token"


class FakeTwoCaptcha:
    """``POST /createTask``, ``POST /getTaskResult`` (JSON) and ``POST /in.php``,
    ``GET /res.php`` (legacy), as 2Captcha documents them.

    ``not_ready``: polls answered "processing"/``CAPCHA_NOT_READY`` before the token;
    ``create_error``/``result_error``: an error code to answer with instead; ``no_slot``:
    ``ERROR_NO_SLOT_AVAILABLE`` answers before a task is accepted; ``never_ready``: poll forever."""

    def __init__(self) -> None:
        self.key = "test-key"
        self.requests: list[dict[str, Any]] = []
        self.not_ready = 2
        self.create_error: str | None = None
        self.result_error: str | None = None
        self.no_slot = 0
        self.never_ready = False
        self.cost = "0.00299"
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
        return web.json_response({"errorId": 0, "taskId": 7243})

    async def task_result(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.requests.append({"path": "getTaskResult", **body})
        if self.result_error:
            return web.json_response({"errorId": 1, "errorCode": self.result_error})
        if not self._ready():
            return web.json_response({"errorId": 0, "status": "processing"})
        return web.json_response(
            {
                "errorId": 0,
                "status": "ready",
                "solution": {"gRecaptchaResponse": TOKEN},
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
        return web.json_response({"status": 1, "request": "2122988149"})

    async def res_php(self, request: web.Request) -> web.Response:
        self.requests.append({"path": "res.php", **dict(request.query)})
        if self.result_error:
            return web.json_response({"status": 0, "request": self.result_error})
        if not self._ready():
            return web.json_response({"status": 0, "request": "CAPCHA_NOT_READY"})
        return web.json_response({"status": 1, "request": TOKEN})

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
def captcha_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("JOBPILOT_HOME", str(tmp_path))
    return tmp_path

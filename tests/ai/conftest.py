"""Fixtures for the AI tests: a local server speaking the OpenAI API, and an applicant whose
sensitive answers are easy to spot in any request body."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from jobpilot.models.profile import Profile

SECRETS = {
    "salary": "USD 187,450 base",
    "gender": "Genderqueer",
    "race": "Pacific Islander",
    "veteran": "I identify as a protected veteran",
    "disability": "Yes, I have a disability",
    "ssn": "123-45-6789",
}
"""Sensitive values of the test profile: none may appear in any request a provider gets."""


@dataclass
class Reply:
    """One scripted reply: an HTTP status, a JSON body, headers, a delay before answering."""

    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


class FakeOpenAI:
    """Speaks ``POST /v1/chat/completions`` and ``POST /v1/embeddings``; records every request.

    Replies come from per-endpoint queues (``script``); an empty queue answers with
    ``default_answer`` (chat) or deterministic vectors (embeddings)."""

    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.raw: list[str] = []
        self.queues: dict[str, list[Reply]] = {"chat": [], "embeddings": []}
        self.default_answer = "UNKNOWN"
        self.answers: dict[str, str] = {}
        """Question substring -> the answer the "model" gives."""
        self.runner: web.AppRunner | None = None
        self.port = 0

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def script(self, endpoint: str, *replies: Reply) -> None:
        self.queues[endpoint].extend(replies)

    def reply(
        self,
        endpoint: str,
        *,
        status: int = 200,
        body: Any = None,
        headers: dict[str, str] | None = None,
        delay: float = 0.0,
        times: int = 1,
    ) -> None:
        """Queue ``times`` scripted replies for ``endpoint`` ("chat" or "embeddings")."""
        for _ in range(times):
            self.queues[endpoint].append(Reply(status=status, body=body, headers=headers or {}, delay=delay))

    def chat_reply(self, content: str) -> dict[str, Any]:
        return {
            "id": "chatcmpl-test",
            "object": "chat.completion",
            "created": 0,
            "model": "test-model",
            "choices": [
                {"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}
            ],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
        }

    async def _serve(self, request: web.Request, endpoint: str) -> web.Response:
        text = await request.text()
        self.raw.append(text)
        body = json.loads(text)
        self.requests.append({"endpoint": endpoint, "auth": request.headers.get("Authorization"), **body})
        reply = self.queues[endpoint].pop(0) if self.queues[endpoint] else None
        if reply is not None and reply.delay:
            await asyncio.sleep(reply.delay)
        if (reply is not None and reply.body is not None) or (reply is not None and reply.status != 200):
            payload = (
                reply.body if reply.body is not None else {"error": {"message": "scripted", "type": "test"}}
            )
            return web.json_response(payload, status=reply.status, headers=reply.headers)
        if endpoint == "chat":
            user = body["messages"][-1]["content"]
            task = user.split("\n\n", 1)[-1]  # after the facts: the question or the letter's brief
            content = next((a for q, a in self.answers.items() if q in task), self.default_answer)
            return web.json_response(self.chat_reply(content))
        inputs = body["input"] if isinstance(body["input"], list) else [body["input"]]
        data = [
            {
                "object": "embedding",
                "index": i,
                "embedding": [float(len(t) % 7), 1.0, float("python" in t.lower())],
            }
            for i, t in enumerate(inputs)
        ]
        return web.json_response(
            {
                "object": "list",
                "data": data,
                "model": body["model"],
                "usage": {"prompt_tokens": 1, "total_tokens": 1},
            }
        )

    async def start(self) -> FakeOpenAI:
        app = web.Application()

        async def chat(r: web.Request) -> web.Response:
            return await self._serve(r, "chat")

        async def embeddings(r: web.Request) -> web.Response:
            return await self._serve(r, "embeddings")

        app.router.add_post("/v1/chat/completions", chat)
        app.router.add_post("/v1/embeddings", embeddings)
        self.runner = web.AppRunner(app)
        await self.runner.setup()
        site = web.TCPSite(self.runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return self

    async def stop(self) -> None:
        if self.runner is not None:
            await self.runner.cleanup()

    def assert_no_secret_sent(self) -> None:
        for raw in self.raw:
            for name, value in SECRETS.items():
                assert value.lower() not in raw.lower(), f"{name} was sent: {raw[:300]}"


@pytest.fixture
async def openai_server() -> AsyncIterator[FakeOpenAI]:
    server = await FakeOpenAI().start()
    try:
        yield server
    finally:
        await server.stop()


@pytest.fixture
def applicant() -> Profile:
    return Profile.model_validate(
        {
            "basics": {
                "name": "Ada Quinlan",
                "label": "Backend Engineer",
                "email": "ada@example.org",
                "phone": "+1 555 0100",
                # A summary that mentions a sensitive value: it must be scrubbed.
                "summary": f"Backend engineer; expecting {SECRETS['salary']}. SSN {SECRETS['ssn']}.",
                "location": {"city": "Lisbon", "countryCode": "PT"},
                "ssn": SECRETS["ssn"],
            },
            "work": [
                {
                    "name": "Tidewater",
                    "position": "Senior Backend Engineer",
                    "startDate": "2019-03",
                    "highlights": ["Led the move of billing to PostgreSQL and Kafka"],
                }
            ],
            "education": [
                {
                    "institution": "Universidade do Porto",
                    "studyType": "MSc",
                    "area": "Computer Science",
                    "endDate": "2016",
                }
            ],
            "skills": [{"name": "Python", "keywords": ["PostgreSQL", "Kafka", "Kubernetes"]}],
            "application": {
                "work_authorized": True,
                "requires_sponsorship": False,
                "salary_expectation": SECRETS["salary"],
                "years_experience": 9,
                "eeo": {
                    "gender": SECRETS["gender"],
                    "race": SECRETS["race"],
                    "veteran_status": SECRETS["veteran"],
                    "disability_status": SECRETS["disability"],
                },
                "answers": [
                    {
                        "question": "Why do you want to work here?",
                        "answer": "Your data platform is the kind I love to build.",
                    },
                    {"question": "When can you start?", "answer": "Four weeks after an offer."},
                    {"question": "What are your salary expectations?", "answer": SECRETS["salary"]},
                    {"question": "Are you willing to relocate?", "answer": "Yes"},
                ],
            },
        }
    )


@pytest.fixture
def ai_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("JOBPILOT_HOME", str(tmp_path))
    return tmp_path


@pytest.fixture
def secrets() -> dict[str, str]:
    return dict(SECRETS)

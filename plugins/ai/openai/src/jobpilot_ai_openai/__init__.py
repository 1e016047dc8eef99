"""Answers, cover letters and embeddings through the OpenAI API or any server that speaks it.

Opt-in: the engine uses it only when the person sets ``[ai] provider = "openai"`` (and
``[ai] embedder = "openai"`` for ``jobpilot match``). Requests carry only what
``jobpilot.engine.content.build_request`` allows (never EEO, visa, salary or ID answers), and
each one is written to the application's disclosure log.

Configuration (``config.toml``; environment variables win)::

    [plugins.openai]
    api_key = "sk-..."                      # OPENAI_API_KEY
    base_url = "http://localhost:11434/v1"  # OPENAI_BASE_URL (Ollama, vLLM, ...)
    model = "gpt-4o-mini"                   # JOBPILOT_OPENAI_MODEL
    embedding_model = "text-embedding-3-small"
    timeout = 30                            # seconds per request
    retries = 3                             # after a 429, a 5xx, a timeout or a dropped connection
    backoff = 1.0                           # seconds, doubled per retry (Retry-After wins)
    max_backoff = 30.0                      # seconds: the cap on any one wait

A reply of ``UNKNOWN``, an empty reply, or a choice that is not one of the offered options
is no answer (None); after the retries run out the answer is None too: never made up.

``OpenAIProvider.time_budget_s`` is the longest these settings let one answer take (every
attempt timing out, every wait at its cap); the engine's ``ContentService`` waits that long
(plus a margin) before it cancels, so a persistent timeout ends in "retried, then no answer"
rather than the service cutting the retries short.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
from typing import Any

from jobpilot import hookimpl
from jobpilot.config import plugin_settings
from jobpilot.models.providers import ContentRequest

log = logging.getLogger("jobpilot_ai_openai")

__all__ = ["EmbeddingError", "OpenAIProvider"]

DEFAULT_MODEL = "gpt-4o-mini"
DEFAULT_EMBEDDING_MODEL = "text-embedding-3-small"
KNOWN_DIMENSIONS = {
    "text-embedding-3-small": 1536,
    "text-embedding-3-large": 3072,
    "text-embedding-ada-002": 1536,
}
UNKNOWN = "UNKNOWN"

SYSTEM = (
    "You help a job applicant fill in an application form. Write in the applicant's voice "
    "(first person), truthfully, using only the facts given. Never invent employers, dates, "
    "numbers, degrees or credentials. Never state anything about salary, work authorisation, "
    "visa or sponsorship, gender, race, ethnicity, veteran or disability status, age, or "
    f"government IDs. If the facts do not support an answer, reply exactly {UNKNOWN}."
)


class EmbeddingError(RuntimeError):
    """The embeddings endpoint gave no vectors (after the retries)."""


def _facts(request: ContentRequest) -> dict[str, Any]:
    a = request.applicant
    data: dict[str, Any] = {
        "applicant": {k: v for k, v in a.model_dump().items() if v not in (None, [], "")},
        "job": {
            k: v
            for k, v in {
                "title": request.job_title,
                "company": request.company,
                "description": request.job_description,
            }.items()
            if v
        },
    }
    if request.saved_answers:
        data["answers_the_applicant_gave_before"] = [k.model_dump() for k in request.saved_answers]
    return data


RESUME_TASK = (
    "Read the resume below into JSON Resume. Reply with one JSON object only, with any of the "
    "keys basics (name, label, email, phone, url, location {city, region, countryCode}), work "
    "(list of {name, position, startDate, endDate}), education (list of {institution, "
    "studyType, area, startDate, endDate}). Copy every value exactly as the resume writes it "
    "(dates as YYYY-MM or YYYY); leave out what the resume does not say. Never guess."
)


def messages_for(request: ContentRequest) -> list[dict[str, str]]:
    """The chat messages for one request (everything in them comes from the request)."""
    if request.kind == "resume":
        return [
            {"role": "system", "content": RESUME_TASK},
            {"role": "user", "content": request.resume_text},
        ]
    facts = json.dumps(_facts(request), ensure_ascii=False, indent=1)
    limit = f" Keep it under {request.max_chars} characters." if request.max_chars else ""
    if request.kind == "cover_letter":
        task = (
            "Write a concise cover letter (three short paragraphs) for this application, "
            f"signed with the applicant's name.{limit} Reply with the letter only."
        )
    elif request.options:
        listed = "\n".join(f"- {o}" for o in request.options)
        task = (
            f"Answer the application question below by choosing exactly one of the options, "
            f"copied verbatim, or {UNKNOWN}.\nQuestion: {request.question}\nOptions:\n{listed}\n"
            "Reply with the option only."
        )
    elif request.policy == "facts":
        task = (
            "The application question below asks a fact about the applicant's own "
            f"circumstances. Answer it only if the facts above state it.{limit} Reply with the "
            "answer, then a last line 'Quote: ' followed by the exact words copied from the "
            f"facts that support it; if the facts do not state it, reply {UNKNOWN}.\n"
            f"Question: {request.question}"
        )
    else:
        task = (
            f"Answer the application question below in a few sentences.{limit} Reply with the "
            f"answer only, or {UNKNOWN}.\nQuestion: {request.question}"
        )
    return [
        {"role": "system", "content": SYSTEM},
        {"role": "user", "content": f"Facts:\n{facts}\n\n{task}"},
    ]


def _clean(reply: str | None, request: ContentRequest) -> str | None:
    text = (reply or "").strip()
    if not text or text.strip(" .\"'").upper() == UNKNOWN or text.upper().startswith(UNKNOWN):
        return None
    if request.options:
        stripped = text.strip(" .\"'`-*")
        for o in request.options:
            if stripped == o or stripped.casefold() == o.casefold():
                return o
        return None
    return text


class OpenAIProvider:
    """A content generator and an embedder on the official ``openai`` client."""

    name = "openai"
    local = False

    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        model: str = DEFAULT_MODEL,
        embedding_model: str = DEFAULT_EMBEDDING_MODEL,
        timeout: float = 30.0,
        retries: int = 3,
        backoff: float = 1.0,
        max_backoff: float = 30.0,
        dimensions: int | None = None,
    ) -> None:
        self.api_key = api_key
        self.base_url = base_url
        self.model = model
        self.embedding_model = embedding_model
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.max_backoff = max_backoff
        self.dimensions = dimensions or KNOWN_DIMENSIONS.get(embedding_model, 0)
        self._client: Any = None

    @property
    def time_budget_s(self) -> float:
        """The worst case of one ``generate_content`` call under these settings: each of the
        ``retries + 1`` attempts running into ``timeout``, and each wait between them at
        ``max_backoff`` (a Retry-After is capped there too). ContentService reads this so
        its own limit never cancels the retries this provider was configured to make."""
        return (self.retries + 1) * self.timeout + self.retries * self.max_backoff

    @classmethod
    def from_settings(cls) -> OpenAIProvider:
        cfg = plugin_settings("openai")
        return cls(
            api_key=os.environ.get("OPENAI_API_KEY") or cfg.get("api_key"),
            base_url=os.environ.get("OPENAI_BASE_URL") or cfg.get("base_url"),
            model=os.environ.get("JOBPILOT_OPENAI_MODEL") or cfg.get("model", DEFAULT_MODEL),
            embedding_model=cfg.get("embedding_model", DEFAULT_EMBEDDING_MODEL),
            timeout=float(cfg.get("timeout", 30.0)),
            retries=int(cfg.get("retries", 3)),
            backoff=float(cfg.get("backoff", 1.0)),
            max_backoff=float(cfg.get("max_backoff", 30.0)),
            dimensions=cfg.get("dimensions"),
        )

    @property
    def client(self) -> Any:
        if self._client is None:
            import openai

            if not self.api_key and not self.base_url:
                raise RuntimeError(
                    "the openai provider has no API key: set OPENAI_API_KEY or [plugins.openai] api_key "
                    "(or base_url for a local OpenAI-compatible server)"
                )
            self._client = openai.AsyncOpenAI(
                api_key=self.api_key or "not-needed",
                base_url=self.base_url,
                timeout=self.timeout,
                max_retries=0,  # retries are ours: backoff, Retry-After, and a clear give-up
            )
        return self._client

    def _delay(self, attempt: int, exc: Exception) -> float:
        response = getattr(exc, "response", None)
        header = response.headers.get("retry-after") if response is not None else None
        try:
            if header is not None:
                return min(float(header), self.max_backoff)
        except ValueError:
            pass
        return min(self.backoff * (2**attempt), self.max_backoff)

    async def _call(self, what: str, fn: Any, **kwargs: Any) -> Any:
        """Call the API, retrying rate limits, server errors, timeouts and dropped connections;
        None when the retries run out or the request is refused."""
        import openai

        retryable = (
            openai.RateLimitError,
            openai.InternalServerError,
            openai.APITimeoutError,
            openai.APIConnectionError,
        )
        for attempt in range(self.retries + 1):
            try:
                return await fn(**kwargs)
            except retryable as exc:
                if attempt == self.retries:
                    log.warning("%s: giving up after %d attempts: %s", what, attempt + 1, exc)
                    return None
                delay = self._delay(attempt, exc)
                log.info("%s: %s; retrying in %.2fs", what, type(exc).__name__, delay)
                await asyncio.sleep(delay)
            except openai.APIStatusError as exc:  # 400/401/403/404...: retrying will not help
                log.warning("%s refused: %s", what, exc)
                return None
        return None

    async def generate_content(self, request: ContentRequest) -> str | None:
        max_tokens = {"cover_letter": 900, "resume": 1500}.get(request.kind, 400)
        resp = await self._call(
            "chat completion",
            self.client.chat.completions.create,
            model=self.model,
            messages=messages_for(request),
            temperature=0 if request.kind == "resume" else 0.2,
            max_tokens=max_tokens,
        )
        if resp is None or not getattr(resp, "choices", None):
            return None
        if request.kind == "resume":
            return (resp.choices[0].message.content or "").strip() or None
        return _clean(resp.choices[0].message.content, request)

    async def embed(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        resp = await self._call(
            "embeddings", self.client.embeddings.create, model=self.embedding_model, input=texts
        )
        if resp is None or len(resp.data) != len(texts):
            raise EmbeddingError(
                f"{self.base_url or 'OpenAI'} returned no embeddings for {len(texts)} text(s)"
            )
        vectors = [list(d.embedding) for d in sorted(resp.data, key=lambda d: d.index)]
        self.dimensions = len(vectors[0])
        return vectors


@hookimpl
def register_content_generators(register: Any) -> None:
    register(OpenAIProvider.from_settings())


@hookimpl
def register_embedders(register: Any) -> None:
    register(OpenAIProvider.from_settings())

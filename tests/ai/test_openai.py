"""The OpenAI plugin against a local server that speaks the OpenAI API: what it sends, what
it does with replies, errors, timeouts and rate limits."""

from __future__ import annotations

import time
from typing import Any

import pytest
from jobpilot.engine.content import build_request
from jobpilot.models.profile import Profile
from jobpilot_ai_openai import EmbeddingError, OpenAIProvider


def provider(server: Any, **kw: Any) -> OpenAIProvider:
    opts: dict[str, Any] = {
        "api_key": "sk-test",
        "base_url": server.base_url,
        "model": "test-model",
        "embedding_model": "test-embed",
        "retries": 2,
        "backoff": 0.01,
        "timeout": 5.0,
    }
    opts.update(kw)
    return OpenAIProvider(**opts)


def request(profile: Profile, question: str = "Describe a project you are proud of.", **kw: Any) -> Any:
    req = build_request(
        profile,
        kind=kw.pop("kind", "answer"),
        question=question,
        job_title="Data Engineer",
        company="Acme",
        job_description="We run Kafka on Kubernetes.",
        **kw,
    )
    assert req is not None
    return req


async def test_sends_model_and_messages_and_returns_the_answer(
    openai_server: Any, applicant: Profile
) -> None:
    openai_server.answers["proud of"] = "I led the move of billing to PostgreSQL and Kafka."
    got = await provider(openai_server).generate_content(request(applicant))
    assert got == "I led the move of billing to PostgreSQL and Kafka."
    (sent,) = openai_server.requests
    assert sent["model"] == "test-model" and sent["auth"] == "Bearer sk-test"
    system, user = sent["messages"]
    assert system["role"] == "system" and "UNKNOWN" in system["content"]
    assert user["role"] == "user" and "Describe a project you are proud of." in user["content"]
    assert "Senior Backend Engineer" in user["content"] and "Acme" in user["content"]
    openai_server.assert_no_secret_sent()


async def test_choice_questions_list_the_options_and_accept_only_one_of_them(
    openai_server: Any, applicant: Profile
) -> None:
    p = provider(openai_server)
    req = request(applicant, "Which work setup do you prefer?", options=["Remote", "Hybrid", "Office"])
    openai_server.answers["work setup"] = "hybrid."
    assert await p.generate_content(req) == "Hybrid"  # normalised to the offered text, verbatim
    assert "- Remote\n- Hybrid\n- Office" in openai_server.requests[-1]["messages"][1]["content"]
    openai_server.answers["work setup"] = "Four days a week in the office"
    assert await p.generate_content(req) is None  # not an option: no answer


async def test_unknown_means_no_answer(openai_server: Any, applicant: Profile) -> None:
    openai_server.default_answer = "UNKNOWN"
    assert (
        await provider(openai_server).generate_content(request(applicant, "What is your favourite book?"))
        is None
    )


async def test_rate_limit_is_retried_with_backoff_then_answered(
    openai_server: Any, applicant: Profile
) -> None:
    openai_server.reply(
        "chat", status=429, body={"error": {"message": "slow down", "type": "rate_limit"}}, times=2
    )
    openai_server.answers["proud of"] = "The billing migration."
    started = time.monotonic()
    got = await provider(openai_server, backoff=0.05).generate_content(request(applicant))
    assert got == "The billing migration."
    assert len(openai_server.requests) == 3
    assert time.monotonic() - started >= 0.05 + 0.1  # 0.05 then 0.1: exponential backoff


async def test_retry_after_header_is_honoured(openai_server: Any, applicant: Profile) -> None:
    openai_server.reply("chat", status=429, headers={"Retry-After": "0.3"})
    openai_server.answers["proud of"] = "ok"
    started = time.monotonic()
    assert await provider(openai_server).generate_content(request(applicant)) == "ok"
    assert time.monotonic() - started >= 0.3


async def test_rate_limit_that_never_ends_gives_no_answer(openai_server: Any, applicant: Profile) -> None:
    openai_server.reply("chat", status=429, times=10)
    openai_server.answers["proud of"] = "never reached"
    assert await provider(openai_server, retries=2).generate_content(request(applicant)) is None
    assert len(openai_server.requests) == 3  # one try and two retries, then it gives up


async def test_server_errors_are_retried(openai_server: Any, applicant: Profile) -> None:
    openai_server.reply("chat", status=503)
    openai_server.answers["proud of"] = "after a 503"
    assert await provider(openai_server).generate_content(request(applicant)) == "after a 503"


async def test_a_timeout_gives_no_answer(openai_server: Any, applicant: Profile) -> None:
    """A server that never answers in time: the plugin retries, then gives no answer."""
    openai_server.reply("chat", delay=1.0, times=3)
    openai_server.answers["proud of"] = "never in time"
    started = time.monotonic()
    assert await provider(openai_server, timeout=0.2, retries=1).generate_content(request(applicant)) is None
    assert len(openai_server.requests) == 2  # the first try timed out and was retried once
    assert time.monotonic() - started < 3


class _Provides:
    """Registers one content generator with a PluginManager, as an installed plugin would."""

    def __init__(self, gen: Any) -> None:
        self.gen = gen

    from jobpilot import hookimpl

    @hookimpl
    def register_content_generators(self, register: Any) -> None:
        register(self.gen)


def test_the_service_waits_for_the_whole_retry_budget_of_the_defaults(applicant: Profile) -> None:
    """With the shipped defaults (30 s timeout, 3 retries) a persistent timeout takes over
    two minutes; the service must not cancel before the provider gives up by itself."""
    from jobpilot.engine.content import ContentService
    from jobpilot.plugins import PluginManager

    p = OpenAIProvider(api_key="sk-test")
    assert p.time_budget_s >= 4 * 30 + 3 * 1.0  # four attempts timing out, with the waits between
    svc = ContentService(PluginManager(), applicant, provider="openai")
    assert svc.time_limit(p) > p.time_budget_s
    assert ContentService(PluginManager(), applicant, timeout_s=7.0).time_limit(p) == 7.0  # explicit wins


async def test_the_service_records_a_persistent_timeout_as_no_answer(
    openai_server: Any, applicant: Profile
) -> None:
    """Through ContentService, as an application uses it: retried, then "no_answer" (never
    "error" from the service's own limit, never a made-up answer)."""
    from jobpilot.engine.content import ContentService
    from jobpilot.plugins import PluginManager

    openai_server.reply("chat", delay=1.0, times=5)
    gen = provider(openai_server, timeout=0.2, retries=2, backoff=0.01, max_backoff=0.05)
    pm = PluginManager()
    pm.register(_Provides(gen), name="openai-test")
    seen: list[Any] = []
    try:
        svc = ContentService(pm, applicant, provider="openai", on_disclosure=seen.append)
        assert await svc.ask(request(applicant, "Describe a project you are proud of.")) is None
    finally:
        pm.unregister("openai-test")
    assert [(d.provider, d.outcome) for d in seen if d.provider == "openai"] == [("openai", "no_answer")]
    assert len(openai_server.requests) == 3  # one try and two retries


async def test_refusals_are_not_retried(openai_server: Any, applicant: Profile) -> None:
    openai_server.reply("chat", status=401, body={"error": {"message": "bad key", "type": "auth"}})
    assert await provider(openai_server).generate_content(request(applicant)) is None
    assert len(openai_server.requests) == 1


async def test_cover_letter(openai_server: Any, applicant: Profile) -> None:
    openai_server.answers["cover letter"] = "Dear Acme team,\n\nI build data platforms.\n\nAda Quinlan"
    req = request(applicant, "Cover letter", kind="cover_letter", max_chars=1500)
    got = await provider(openai_server).generate_content(req)
    assert got is not None and got.startswith("Dear Acme team")
    user = openai_server.requests[-1]["messages"][1]["content"]
    assert "under 1500 characters" in user and "Kafka on Kubernetes" in user
    openai_server.assert_no_secret_sent()


async def test_embeddings(openai_server: Any) -> None:
    p = provider(openai_server)
    vectors = await p.embed(["Python developer", "chef"])
    assert vectors == [[2.0, 1.0, 1.0], [4.0, 1.0, 0.0]] and p.dimensions == 3
    (sent,) = openai_server.requests
    assert sent["model"] == "test-embed" and sent["input"] == ["Python developer", "chef"]


async def test_embeddings_rate_limited_then_failing_raise_a_clear_error(openai_server: Any) -> None:
    openai_server.reply("embeddings", status=429, times=5)
    with pytest.raises(EmbeddingError, match="no embeddings"):
        await provider(openai_server, retries=1).embed(["x"])


async def test_no_key_and_no_base_url_is_a_clear_error(applicant: Profile) -> None:
    with pytest.raises(RuntimeError, match="OPENAI_API_KEY"):
        await OpenAIProvider(api_key=None, base_url=None).generate_content(request(applicant))


def test_settings_come_from_config_and_env(ai_home: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    (ai_home / "config.toml").write_text(
        '[plugins.openai]\nbase_url = "http://127.0.0.1:11434/v1"\nmodel = "llama3.1"\nretries = 5\n'
    )
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    p = OpenAIProvider.from_settings()
    assert (p.base_url, p.model, p.retries, p.api_key) == ("http://127.0.0.1:11434/v1", "llama3.1", 5, None)
    monkeypatch.setenv("JOBPILOT_OPENAI_MODEL", "qwen2.5")
    assert OpenAIProvider.from_settings().model == "qwen2.5"

"""The question policy through the real extension (issue 11): the person's own browser,
the native host with the OpenAI provider opted in, the official OpenAI client against the
local OpenAI-compatible server. No profile-policy question and no profile value reaches
the server, and the popup says, for each question left for the person, which policy kept
it back."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from jobpilot.engine.content import sensitive_values
from jobpilot.profile_io import load_profile

from .conftest import DEMO, Ext, jobpilot, launch

pytestmark = pytest.mark.browser

AI_TESTS = Path(__file__).parents[1] / "ai"
PROFILE_QUESTIONS = (
    "Wie viel möchten Sie bei uns im Jahr verdienen?",
    "Disposez-vous d'un titre de séjour qui vous permet de travailler ici ?",
    "¿En qué año naciste?",
    "How much do you currently make per year?",
)


def _fake_openai() -> Any:
    """The local OpenAI-compatible server of the AI tests (one implementation for both)."""
    name = "jobpilot_tests_fake_openai"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, AI_TESTS / "conftest.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name].FakeOpenAI


@pytest.fixture
async def openai_server() -> AsyncIterator[Any]:
    server = await _fake_openai()().start()
    try:
        yield server
    finally:
        await server.stop()


@pytest.fixture
async def ext_openai(
    extension_dir: Path, playwright_driver: Any, tmp_path: Path, openai_server: Any
) -> AsyncIterator[Ext]:
    """A Chromium with the extension whose host uses the OpenAI provider (the person's opt-in)."""
    home = tmp_path / "home"
    home.mkdir()
    prof = DEMO / "profile"
    jobpilot(home, "profile", "import", str(prof / "resume.json"), "--answers", str(prof / "answers.yaml"))
    (home / "config.toml").write_text(
        '[ai]\nprovider = "openai"\ncover_letters = "never"\n\n'
        f'[plugins.openai]\nbase_url = "{openai_server.base_url}"\n'
        'api_key = "sk-local"\nmodel = "local-model"\n',
        "utf-8",
    )
    udd = tmp_path / "chromium"
    jobpilot(home, "host", "install", "--browser", "chromium", "--user-data-dir", str(udd))
    ctx, sw = await launch(udd, extension_dir, playwright_driver)
    try:
        yield Ext(ctx=ctx, sw=sw, id=sw.url.split("/")[2], home=home, user_data_dir=udd)
    finally:
        await ctx.close()


async def test_extension_sends_no_profile_question_and_no_profile_value(
    ext_openai: Ext, openai_server: Any, fixture_server_factory: Any
) -> None:
    openai_server.answers.update(
        {
            "verdienen": "180.000 EUR",
            "naciste": "1990",
            "currently make": "USD 200,000",
            "Warum": "Weil ich Datenplattformen liebe.",
            "race condition": "A double-charge in billing retries.",
        }
    )
    pages = fixture_server_factory(AI_TESTS / "assets")
    url = pages.url("policy-questions.html")
    ext = ext_openai
    assert (await ext.wait_host())["state"] == "connected"
    page = await ext.open(url)
    popup = await ext.popup(await ext.tab_id(url))
    await popup.wait_for_selector("#plan[data-ready], #error:not([hidden])", timeout=60_000, state="attached")
    await popup.bring_to_front()
    await popup.click("#autofill")
    await popup.wait_for_selector(
        "#result:not([hidden]), #error:not([hidden])", timeout=120_000, state="attached"
    )
    assert await popup.locator("#error").is_hidden(), await popup.inner_text("#error")

    # What reached the "model": open questions only; nothing of the profile policy.
    assert openai_server.raw, "the provider was never asked: the test would prove nothing"
    profile = load_profile(DEMO / "profile" / "resume.json", DEMO / "profile" / "answers.yaml")
    values = {*sensitive_values(profile), str(profile.application.salary_expectation)}
    for raw in openai_server.raw:
        text = raw.encode().decode("unicode_escape", errors="ignore").lower()
        for q in PROFILE_QUESTIONS:
            assert q.lower() not in text and q.lower() not in raw.lower(), f"sent: {q}"
        for v in values:
            assert v.lower() not in text, f"sent a profile value: {v}"
    asked = {
        r["messages"][-1]["content"].split("Question: ")[-1].split("\n")[0] for r in openai_server.requests
    }
    assert "Warum möchten Sie bei Brightwell arbeiten?" in asked
    assert not asked & set(PROFILE_QUESTIONS)
    assert "Heb je rijbewijs B?" not in asked  # a yes/no facts question never goes to a model

    # The page got the open answer; the person sees why the others were left.
    assert await page.input_value("#why") == "Weil ich Datenplattformen liebe."
    assert await page.input_value("#earn") == ""
    shown = await popup.inner_text("body")
    assert "profile policy (pay)" in shown, shown
    assert "facts policy (licence_certification)" in shown, shown
    await popup.close()
    await page.close()

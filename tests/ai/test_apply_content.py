"""Custom questions and cover letters in a real application (real Chromium), with the
offline default and with the OpenAI plugin against the local OpenAI-compatible server."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from jobpilot.engine.apply import ApplyEngine, ApplyOptions
from jobpilot.models.profile import Profile
from jobpilot.plugins import load
from jobpilot.storage import Database

pytestmark = pytest.mark.browser
ASSETS = Path(__file__).parent / "assets"


@pytest.fixture(scope="module")
def pages(fixture_server_factory: Any) -> Any:
    return fixture_server_factory(ASSETS)


async def apply(browser: Any, url: str, profile: Profile, **options: Any) -> Any:
    page = await browser.new_page(offline=True)
    try:
        await page.goto(url)
        engine = ApplyEngine(load(), profile, options=ApplyOptions(**options))
        return await engine.run(page)
    finally:
        await page.close()


async def test_offline_default_answers_by_meaning_and_leaves_the_rest(
    browser: Any, pages: Any, applicant: Profile, secrets: dict[str, str], ai_home: Path
) -> None:
    pages.clear()
    run = await apply(browser, pages.url("apply-questions.html"), applicant, submit=True)
    by_label = {a.label: a for a in run.plan.actions}
    attracts = by_label["What attracts you to this company?"]
    assert attracts.value == "Your data platform is the kind I love to build."
    assert attracts.source == "ai:offline" and attracts.review
    skipped = {s.label: s.reason for s in run.plan.skipped}
    assert skipped["Describe a data pipeline you are proud of."] == "no saved answer"  # not made up
    # A template letter for the required cover-letter box, flagged for review.
    cover = by_label["Cover letter"]
    assert cover.value.startswith("Dear Acme Logistics hiring team,") and cover.review
    assert all(d.local for d in run.disclosures)  # nothing left the machine
    # Sensitive answers come from the profile only.
    assert by_label["What are your salary expectations?"].value == secrets["salary"]
    assert by_label["Gender"].value == secrets["gender"]
    assert run.status == "submitted", (run.error, run.needs_user)


async def test_openai_provider_with_disclosure_log(
    browser: Any,
    pages: Any,
    applicant: Profile,
    secrets: dict[str, str],
    openai_server: Any,
    ai_home: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", openai_server.base_url)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-local")
    monkeypatch.setenv("JOBPILOT_OPENAI_MODEL", "local-model")
    openai_server.answers["proud of"] = "A Kafka to PostgreSQL pipeline for billing events."
    openai_server.answers["work setup"] = "Hybrid"
    openai_server.answers["cover letter"] = (
        "Dear Acme Logistics team,\n\nI build data platforms.\n\nAda Quinlan"
    )
    pages.clear()
    async with Database(f"sqlite+aiosqlite:///{ai_home / 'jobpilot.db'}") as db:
        page = await browser.new_page(offline=True)
        try:
            await page.goto(pages.url("apply-questions.html"))
            engine = ApplyEngine(
                load(),
                applicant,
                db=db,
                options=ApplyOptions(submit=True, content_provider="openai", profile_name="ada"),
            )
            run = await engine.run(page)
        finally:
            await page.close()
    assert run.status == "submitted", (run.error, run.needs_user)
    (post,) = pages.posts("/submit/questions")
    form = {k: v[0] for k, v in post.form.items()}
    assert form["attracts"] == "Your data platform is the kind I love to build."  # the bank first
    assert form["paradigm"] == "A Kafka to PostgreSQL pipeline for billing events."
    assert form["setup"] == "hybrid"
    assert form["cover"].startswith("Dear Acme Logistics team")
    assert form["salary"] == secrets["salary"] and form["gender"] == secrets["gender"]
    # The model never saw a sensitive value, and only got what the log says it got.
    openai_server.assert_no_secret_sent()
    assert {r["model"] for r in openai_server.requests} == {"local-model"}
    remote = [d for d in run.disclosures if d.provider == "openai"]
    assert sorted((d.purpose, d.field, d.outcome) for d in remote) == [
        ("answer", "Describe a data pipeline you are proud of.", "answered"),
        ("answer", "Which work setup do you prefer?", "answered"),
        ("cover_letter", "Cover letter", "answered"),
    ]
    assert len(openai_server.requests) == len(remote)
    assert all(not d.local for d in remote)
    local = [d for d in run.disclosures if d.provider == "offline"]
    assert any(d.outcome == "answered" and d.field == "What attracts you to this company?" for d in local)
    sent_questions = {
        r["messages"][1]["content"].split("Question: ")[-1].split("\n")[0] for r in openai_server.requests
    }
    assert "What are your salary expectations?" not in sent_questions

    # The log is stored with the run and shown by the CLI.
    env = {**os.environ, "JOBPILOT_HOME": str(ai_home)}
    proc = subprocess.run(
        [sys.executable, "-m", "jobpilot.cli.main", "disclosures", run.id[:8]],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert "openai (sent off this machine): cover_letter for 'Cover letter' -> answered" in proc.stdout
    assert "offline (local, nothing left this machine)" in proc.stdout
    proc = subprocess.run(
        [sys.executable, "-m", "jobpilot.cli.main", "disclosures", run.id, "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    (entry,) = json.loads(proc.stdout)
    dumped = json.dumps(entry).lower()
    assert all(v.lower() not in dumped for v in secrets.values())


async def test_openai_rate_limited_for_good_leaves_the_field(
    browser: Any,
    pages: Any,
    applicant: Profile,
    openai_server: Any,
    ai_home: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    (ai_home / "config.toml").write_text("[plugins.openai]\nretries = 1\nbackoff = 0.01\n")
    monkeypatch.setenv("OPENAI_BASE_URL", openai_server.base_url)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-local")
    openai_server.reply("chat", status=429, times=50)
    applicant.application.cover_letter = "My own letter."
    run = await apply(browser, pages.url("apply-questions.html"), applicant, content_provider="openai")
    skipped = {s.label: s.reason for s in run.plan.skipped}
    assert skipped["Describe a data pipeline you are proud of."] == "no saved answer"
    assert {a.label: a.value for a in run.plan.actions}["Cover letter"] == "My own letter."
    assert {d.outcome for d in run.disclosures if d.provider == "openai"} == {"no_answer"}

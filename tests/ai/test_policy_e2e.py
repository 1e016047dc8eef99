"""The question policy end to end (issue 11), headless: real Chromium, the generic mapper,
the official OpenAI client against the local OpenAI-compatible server. No profile-policy
question (in German, French, Spanish or English) and no profile value ever reaches the
server; facts questions reach it only as free text and come back as reviewed drafts; a
required profile question with no answer parks the application instead of submitting it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from jobpilot.engine.apply import ApplyEngine, ApplyOptions
from jobpilot.engine.content import sensitive_values
from jobpilot.models.profile import Profile
from jobpilot.plugins import load
from jobpilot.storage import Database

pytestmark = pytest.mark.browser
ASSETS = Path(__file__).parent / "assets"

PROFILE_QUESTIONS = (
    "Wie viel möchten Sie bei uns im Jahr verdienen?",
    "Disposez-vous d'un titre de séjour qui vous permet de travailler ici ?",
    "¿En qué año naciste?",
    "How much do you currently make per year?",
)


@pytest.fixture(scope="module")
def pages(fixture_server_factory: Any) -> Any:
    return fixture_server_factory(ASSETS)


def assert_nothing_sensitive_reached(server: Any, profile: Profile, secrets: dict[str, str]) -> None:
    """Not one profile-policy question, not one profile value, in any request body."""
    assert server.raw, "the provider was never asked: the test would prove nothing"
    values = {*secrets.values(), *sensitive_values(profile)}
    for raw in server.raw:
        body = raw.encode().decode("unicode_escape", errors="ignore").lower()  # JSON escapes undone
        for q in PROFILE_QUESTIONS:
            assert q.lower() not in body and q.lower() not in raw.lower(), f"sent: {q}"
        for v in values:
            assert v.lower() not in body and v.lower() not in raw.lower(), f"sent a profile value: {v}"


async def test_openai_sees_no_profile_question_and_no_profile_value(
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
    # The "model" would happily answer anything it is asked.
    openai_server.answers.update(
        {
            "verdienen": "180.000 EUR",
            "titre de séjour": "Oui",
            "naciste": "1990",
            "currently make": "USD 200,000",
            "rijbewijs": "Ja",
            "Kafka": "Since 2019 at Tidewater.\nQuote: Led the move of billing to PostgreSQL and Kafka",
            "Warum": "Weil ich Datenplattformen liebe.",
            "race condition": "A double-charge in billing retries.",
        }
    )
    pages.clear()
    async with Database(f"sqlite+aiosqlite:///{ai_home / 'jobpilot.db'}") as db:
        page = await browser.new_page(offline=True)
        try:
            await page.goto(pages.url("policy-questions.html"))
            options = ApplyOptions(submit=True, content_provider="openai", cover_letters="never")
            engine = ApplyEngine(load(), applicant, db=db, options=options)
            run = await engine.run(page)
        finally:
            await page.close()

    assert_nothing_sensitive_reached(openai_server, applicant, secrets)
    tasks = [r["messages"][-1]["content"] for r in openai_server.requests]
    asked = [t.split("Question: ")[-1].split("\n")[0] for t in tasks]
    assert sorted(asked) == sorted(
        [
            "How many years have you worked with Kafka, and where?",
            "Warum möchten Sie bei Brightwell arbeiten?",
            "Describe a race condition you tracked down.",
        ]
    )  # the yes/no facts question ("Heb je rijbewijs B?") was not sent either

    # Required profile question unanswered, a facts draft to check: parked, never submitted.
    assert run.status == "needs_user" and not run.submitted
    assert pages.posts("/submit/policy") == []
    assert any("Wie viel" in n and "(profile policy: pay)" in n for n in run.needs_user), run.needs_user
    assert any("check the drafted answer" in n and "Kafka" in n for n in run.needs_user), run.needs_user

    by_label = {a.label: a for a in run.plan.actions}
    assert by_label["Warum möchten Sie bei Brightwell arbeiten?"].value == "Weil ich Datenplattformen liebe."
    kafka = by_label["How many years have you worked with Kafka, and where?"]
    assert kafka.value == "Since 2019 at Tidewater." and kafka.review and "facts draft" in kafka.source
    skipped = {s.label: s.reason for s in run.plan.skipped}
    for q in PROFILE_QUESTIONS:
        assert skipped[q].startswith("profile policy"), (q, skipped.get(q))
    assert skipped["Heb je rijbewijs B?"].startswith("facts policy (licence_certification)")

    # The run record says, for every question, which policy applied and what was sent.
    record = {q.field: q for q in run.questions}
    assert {q: record[q].policy for q in PROFILE_QUESTIONS} == dict.fromkeys(PROFILE_QUESTIONS, "profile")
    assert all(record[q].sent_to == [] for q in PROFILE_QUESTIONS)
    licence = record["Heb je rijbewijs B?"]
    assert licence.policy == "facts" and licence.sent_to == ["offline"]  # the local bank only
    assert record["How many years have you worked with Kafka, and where?"].sent_to == ["offline", "openai"]
    assert record["How many years have you worked with Kafka, and where?"].draft
    assert record["Warum möchten Sie bei Brightwell arbeiten?"].policy == "open"
    remote = [d for d in run.disclosures if d.provider == "openai"]
    assert len(remote) == len(openai_server.requests)
    assert {(d.field, d.policy) for d in remote} == {
        ("How many years have you worked with Kafka, and where?", "facts"),
        ("Warum möchten Sie bei Brightwell arbeiten?", "open"),
        ("Describe a race condition you tracked down.", "open"),
    }

    # The stored record, through the CLI: every question with its policy and where it went.
    proc = subprocess.run(
        [sys.executable, "-m", "jobpilot.cli.main", "disclosures", run.id, "--json"],
        capture_output=True,
        text=True,
        env={**os.environ, "JOBPILOT_HOME": str(ai_home)},
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    (entry,) = json.loads(proc.stdout)
    stored = {q["field"]: (q["policy"], q["sent_to"]) for q in entry["questions"]}
    assert stored["How much do you currently make per year?"] == ("profile", [])
    assert stored["Describe a race condition you tracked down."] == ("open", ["offline", "openai"])

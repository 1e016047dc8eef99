"""The AI commands as a person uses them: answers (corrections go back into the bank),
jobs and match."""

from __future__ import annotations

import asyncio
import json
import os
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from jobpilot.engine.content import build_request
from jobpilot.models.profile import Profile
from jobpilot.storage import Database
from jobpilot_ai_offline import OfflineWriter

ASSETS = Path(__file__).parent / "assets"


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


def cli(home: Path, *args: str) -> Result:
    """Run a command in-process (the CLI's own error handling included); JOBPILOT_HOME is
    ``home`` (set by the ``ai_home`` fixture)."""
    from jobpilot.cli.main import main

    assert os.environ["JOBPILOT_HOME"] == str(home)
    code = 0
    with CliRunner().isolation() as (out, err, _):
        try:
            main(list(args))
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        return Result(code, out.getvalue().decode(), err.getvalue().decode())


@pytest.fixture
def home(ai_home: Path, applicant: Profile, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("JOBPILOT_DATABASE_URL", raising=False)

    async def save() -> None:
        async with Database(f"sqlite+aiosqlite:///{ai_home / 'jobpilot.db'}") as db:
            await db.save_profile("default", applicant)

    asyncio.run(save())
    return ai_home


def stored(home: Path) -> Profile:
    async def get() -> Profile | None:
        async with Database(f"sqlite+aiosqlite:///{home / 'jobpilot.db'}") as db:
            return await db.get_profile("default")

    prof = asyncio.run(get())
    assert prof is not None
    return prof


def test_a_corrected_answer_goes_back_into_the_bank(home: Path) -> None:
    # The person corrects what was filled for a question the bank did not know.
    question = "Describe a data pipeline you are proud of."
    proc = cli(home, "answers", "add", question, "The Kafka billing pipeline at Tidewater.")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("saved the answer")
    prof = stored(home)
    req = build_request(prof, kind="answer", question="Tell us about a pipeline you built and are proud of.")
    assert req is not None
    assert asyncio.run(OfflineWriter().generate_content(req)) == "The Kafka billing pipeline at Tidewater."
    # A second correction replaces the first (same question, any case or punctuation).
    proc = cli(home, "answers", "add", "describe a data pipeline you are proud of", "The Airflow migration.")
    assert proc.stdout.startswith("corrected")
    prof = stored(home)
    assert [a.answer for a in prof.application.answers if "pipeline" in a.question] == [
        "The Airflow migration."
    ]
    listed = cli(home, "answers", "list")
    assert "What are your salary expectations? [never sent to a provider]" in listed.stdout
    assert cli(home, "answers", "remove", question).returncode == 0
    assert all("pipeline" not in a.question for a in stored(home).application.answers)
    bad = cli(home, "answers", "remove", "no such question")
    assert bad.returncode == 2 and "fix:" in bad.stderr


def test_sensitive_corrections_are_stored_but_never_sent(home: Path) -> None:
    proc = cli(home, "answers", "add", "Do you require visa sponsorship?", "No")
    assert "never sent to a provider" in proc.stdout
    prof = stored(home)
    req = build_request(prof, kind="cover_letter")
    assert req is not None and all("visa" not in k.question.lower() for k in req.saved_answers)


def test_jobs_and_match(home: Path) -> None:
    for name in ("posting-data.html", "posting-chef.html", "posting-frontend.txt"):
        proc = cli(home, "jobs", "add", str(ASSETS / name))
        assert proc.returncode == 0 and proc.stdout.startswith("saved "), proc.stderr
    listed = json.loads(cli(home, "jobs", "list", "--json").stdout)
    assert {j["title"] for j in listed} == {"Data Engineer", "Pastry Chef", "Frontend Developer"}
    proc = cli(home, "match", "--json")
    assert proc.returncode == 0, proc.stderr
    ranked = json.loads(proc.stdout)
    assert ranked[0]["title"] == "Data Engineer"
    assert "kafka" in ranked[0]["matched_keywords"] and "airflow" in ranked[0]["missing_keywords"]
    table = cli(home, "match")
    assert "Data Engineer" in table.stdout and "missing keywords" in table.stdout
    chef = next(j for j in listed if j["title"] == "Pastry Chef")
    assert cli(home, "jobs", "remove", chef["id"][:10]).returncode == 0
    assert len(json.loads(cli(home, "match", "--json").stdout)) == 2


def test_match_errors_are_clear(ai_home: Path) -> None:
    tmp_path = ai_home
    proc = cli(tmp_path, "match", "--profile", "nobody")
    assert proc.returncode == 2 and "no profile named 'nobody'" in proc.stderr and "fix:" in proc.stderr
    proc = cli(tmp_path, "jobs", "add", str(tmp_path / "missing.html"))
    assert proc.returncode == 2 and "neither a URL nor a file" in proc.stderr

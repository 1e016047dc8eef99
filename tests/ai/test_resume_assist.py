"""The configured AI provider may help read a resume, only when the person asks (``--ai``):
the offline reading stays the default and comes first, the provider only fills what it left
empty, and nothing the resume does not say is kept. The official OpenAI client talks to a
local server speaking its protocol."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from jobpilot.plugins import load
from jobpilot.resume.assist import assist
from jobpilot.resume.parse import parse_lines

RESUME = """Noor Valtonen
noor.valtonen@example.net | +1 206 555 0117
Seattle, WA

Staff Data Engineer

I have spent my career building pipelines. Since March 2020 I have worked at Brightwater
Systems as a data engineer, and before that I was an analyst at Harborlight Insights.
"""


def _model_reply() -> str:
    """What the "model" answers: some of it true to the resume, some of it not."""
    return (
        "```json\n"
        + json.dumps(
            {
                "basics": {
                    "name": "Noor Valtonen",
                    "label": "Staff Data Engineer",  # in the resume: kept
                    "email": "noor@other.example",  # the offline reading has the email: not replaced
                    "url": "https://noor.example",  # not in the resume: dropped
                },
                "work": [
                    {"name": "Brightwater Systems", "position": "data engineer", "startDate": "2020-03"},
                    {"name": "Harborlight Insights", "position": "analyst", "startDate": "2017-01"},
                    {"name": "Invented Corp", "position": "CTO"},  # not in the resume: dropped
                ],
            }
        )
        + "\n```"
    )


@pytest.fixture
def openai_env(openai_server: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Any:
    monkeypatch.setenv("JOBPILOT_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("JOBPILOT_AI_PROVIDER", "openai")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    monkeypatch.setenv("OPENAI_BASE_URL", openai_server.base_url)
    return openai_server


async def test_the_provider_fills_only_gaps_with_what_the_resume_says(openai_env: Any) -> None:
    openai_env.reply("chat", body=openai_env.chat_reply(_model_reply()))
    lines = RESUME.splitlines()
    offline = parse_lines(lines)
    assert offline.resume["basics"]["email"] == "noor.valtonen@example.net"
    assert not offline.resume.get("work")  # prose: the offline reading finds no dated entry
    draft = await assist(offline, lines, load(), "openai")
    basics = draft.resume["basics"]
    assert basics["email"] == "noor.valtonen@example.net" and basics["label"] == "Staff Data Engineer"
    assert "url" not in basics
    assert draft.resume["work"] == [
        {"name": "Brightwater Systems", "position": "data engineer", "startDate": "2020-03"},
        {"name": "Harborlight Insights", "position": "analyst"},  # 2017 is not in the resume
    ]
    assert {f.line for f in draft.found if f.path.startswith("work")} == {"read by openai"}
    assert any("check them" in n for n in draft.notes)
    (req,) = openai_env.requests
    assert req["messages"][-1]["content"] == "\n".join(lines)  # the resume's text, nothing else
    assert req["messages"][0]["content"].startswith("Read the resume below into JSON Resume")


async def test_an_unreadable_answer_keeps_the_offline_reading(openai_env: Any) -> None:
    openai_env.reply("chat", body=openai_env.chat_reply("I cannot help with that."))
    lines = RESUME.splitlines()
    draft = await assist(parse_lines(lines), lines, load(), "openai")
    assert not draft.resume.get("work") and "could not read" in draft.notes[-1]


def test_without_a_configured_provider_ai_is_refused_and_nothing_is_sent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JOBPILOT_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("JOBPILOT_AI_PROVIDER", raising=False)  # the default: offline
    cv = tmp_path / "cv.txt"
    cv.write_text(RESUME)

    def cli(*args: str) -> tuple[int, str]:
        from jobpilot.cli.main import main

        with CliRunner().isolation() as (out, err, _):
            try:
                main(list(args))
            except SystemExit as exc:
                return (exc.code if isinstance(exc.code, int) else 1), (
                    out.getvalue() + err.getvalue()
                ).decode()
            return 0, (out.getvalue() + err.getvalue()).decode()

    code, _ = cli("profile", "from-resume", str(cv), "--json")
    assert code == 0
    code, output = cli("profile", "from-resume", str(cv), "--ai", "--json")
    assert code == 2 and "no AI provider is configured" in output, output

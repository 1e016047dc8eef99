"""The CLI as a person uses it: real processes, real Chromium, clear errors, exit codes."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import jobpilot.demo

DEMO = Path(jobpilot.demo.__file__).parent
NO_FORM = Path(__file__).parent / "e2e" / "assets" / "no-form.html"

pytestmark = pytest.mark.browser


def cli(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "JOBPILOT_HOME": str(home)}
    return subprocess.run(
        [sys.executable, "-m", "jobpilot.cli.main", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_inspect_json_contract(tmp_path: Path) -> None:
    page = DEMO / "pages" / "northwind-careers.html"
    proc = cli(tmp_path, "inspect", str(page), "--url", "https://jobs.lever.co/northwind/1f2e/apply", "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["url"] == "https://jobs.lever.co/northwind/1f2e/apply"
    assert data["ats"]["name"] == "lever" and 0 < data["ats"]["confidence"] <= 1
    required = {"ref", "frame", "tag", "type", "id", "name", "label", "key", "confidence", "required"}
    assert all(required <= set(f) for f in data["fields"])
    by_id = {f["id"]: f for f in data["fields"] if f["id"]}
    assert by_id["fname"]["key"] == "first_name" and by_id["fname"]["required"] is True
    assert by_id["mail"]["key"] == "email"
    radios = [f for f in data["fields"] if f["name"] == "authorized"]
    assert len(radios) == 1 and radios[0]["type"] == "radio"  # a radio group is one entry
    honeypot = next(f for f in data["fields"] if f["name"] == "website_url")
    assert honeypot["key"] == "unknown"


def test_inspect_unreachable_url_is_a_clear_error(tmp_path: Path) -> None:
    proc = cli(tmp_path, "inspect", "http://127.0.0.1:9/apply")
    assert proc.returncode == 1
    assert "could not load http://127.0.0.1:9/apply" in proc.stderr
    assert "fix:" in proc.stderr and "Traceback" not in proc.stderr


def test_inspect_missing_file(tmp_path: Path) -> None:
    proc = cli(tmp_path, "inspect", str(tmp_path / "nope.html"))
    assert proc.returncode == 2 and "neither a URL nor an existing file" in proc.stderr


def test_apply_page_without_form_writes_nothing(tmp_path: Path) -> None:
    imported = cli(
        tmp_path, "profile", "import", str(DEMO / "profile" / "resume.json"),
        "--answers", str(DEMO / "profile" / "answers.yaml"),
    )
    assert imported.returncode == 0, imported.stderr
    proc = cli(tmp_path, "apply", str(NO_FORM), "--url", "https://careers.example.test/jobs", "--submit")
    assert proc.returncode == 1
    assert "no form fields on https://careers.example.test/jobs" in proc.stderr
    rows = sqlite3.connect(tmp_path / "jobpilot.db").execute("select count(*) from application_runs")
    assert rows.fetchone()[0] == 0


def test_apply_without_profile(tmp_path: Path) -> None:
    proc = cli(tmp_path, "apply", str(NO_FORM))
    assert proc.returncode == 2 and "no profile named 'default'" in proc.stderr


def test_eval_scores_a_labelled_corpus(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus" / "lever"
    corpus.mkdir(parents=True)
    (corpus / "northwind.html").symlink_to(DEMO / "pages" / "northwind-careers.html")
    labels = {
        "url": "https://jobs.lever.co/northwind/1f2e/apply",
        "ats": "lever",
        "fields": [
            {"match": {"id": "fname"}, "key": "first_name"},
            {"match": {"id": "mail"}, "key": "email"},
            {"match": {"name": "authorized"}, "key": "work_authorized"},
            {"match": {"id": "oncall"}, "key": "question"},
            {"match": {"name": "website_url"}, "key": "unknown"},
            # Deliberately wrong label: eval must count it as an error.
            {"match": {"id": "tel"}, "key": "email"},
            {"match": {"label": "LinkedIn profile"}, "css": "#li", "key": "links.linkedin"},
        ],
    }
    (corpus / "northwind.labels.json").write_text(json.dumps(labels))
    proc = cli(tmp_path, "eval", str(tmp_path / "corpus"), "--json")
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    overall = report["overall"]
    assert overall["pages"] == 1 and overall["detection_accuracy"] == 1.0
    assert overall["labelled"] == 6 and overall["predictions"] == 6 and overall["correct"] == 5
    assert overall["false_fills"] == 0 and overall["wrong"] == 1
    (err,) = report["errors"]
    assert err["match"] == {"id": "tel"} and err["predicted"] == "phone" and err["outcome"] == "wrong"
    assert report["per_ats"]["lever"]["precision"] == pytest.approx(5 / 6, abs=1e-3)


def test_eval_rejects_a_folder_without_labels(tmp_path: Path) -> None:
    proc = cli(tmp_path, "eval", str(tmp_path))
    assert proc.returncode == 2 and "no labelled pages" in proc.stderr

"""The CLI as a person uses it: real processes, real Chromium, clear errors, exit codes."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import jobpilot.demo
import pytest

DEMO = Path(jobpilot.demo.__file__).parent
NO_FORM = Path(__file__).parent / "e2e" / "assets" / "no-form.html"

pytestmark = pytest.mark.browser


def cli(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "JOBPILOT_HOME": str(home), "COLUMNS": "250"}  # tables unwrapped
    return subprocess.run(
        [sys.executable, "-m", "jobpilot.cli.main", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_inspect_json_contract(tmp_path: Path) -> None:
    page = DEMO / "pages" / "northwind-careers.html"
    url = "https://jobs.lever.co/northwind/1f2e/apply"
    proc = cli(tmp_path, "inspect", str(page), "--url", url, "--json")
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


def test_inspect_page_without_form(tmp_path: Path) -> None:
    """A person is told there is nothing to fill (exit 1); the JSON contract still answers."""
    proc = cli(tmp_path, "inspect", str(NO_FORM), "--url", "https://careers.example.test/jobs")
    assert proc.returncode == 1, proc.stderr
    assert "no form fields on https://careers.example.test/jobs" in proc.stderr
    assert "Apply" in proc.stderr and "Traceback" not in proc.stderr
    proc = cli(tmp_path, "inspect", str(NO_FORM), "--url", "https://careers.example.test/jobs", "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["url"] == "https://careers.example.test/jobs"
    assert not any(f["visible"] for f in data["fields"])


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
    proc = cli(tmp_path, "eval", str(tmp_path / "corpus"), "--json", "--by", "tenant")
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    overall = report["overall"]
    assert overall["pages"] == 1 and overall["detection_accuracy"] == 1.0
    assert overall["labelled"] == 6 and overall["predictions"] == 6 and overall["correct"] == 5
    assert overall["false_fills"] == 0 and overall["wrong"] == 1
    (err,) = report["errors"]
    assert err["match"] == {"id": "tel"} and err["predicted"] == "phone" and err["outcome"] == "wrong"
    assert err["page"] == "lever/northwind"  # named by its path in the corpus
    assert report["per_ats"]["lever"]["precision"] == pytest.approx(5 / 6, abs=1e-3)
    assert report["per_tenant"]["lever:northwind"]["wrong"] == 1
    assert sum(band["predictions"] for band in report["reliability"]) == 6
    text = cli(tmp_path, "eval", str(tmp_path / "corpus"), "--by", "tenant", "--no-errors")
    assert text.returncode == 0 and "lever:northwind" in text.stdout and "Reliability" in text.stdout


def test_eval_rejects_a_folder_without_labels(tmp_path: Path) -> None:
    proc = cli(tmp_path, "eval", str(tmp_path))
    assert proc.returncode == 2 and "no labelled pages" in proc.stderr


@pytest.mark.parametrize(
    ("labels", "words"),
    [
        ('{"ats": "lever", "fields": [', ["is not valid JSON"]),
        (
            '{"ats": "lever", "fields": [{"match": {"id": "mail"}, "key": "e-mail"}]}',
            ["outside the vocabulary", "e-mail"],
        ),
    ],
)
def test_eval_rejects_a_bad_labels_file(tmp_path: Path, labels: str, words: list[str]) -> None:
    (tmp_path / "page.html").symlink_to(DEMO / "pages" / "northwind-careers.html")
    (tmp_path / "page.labels.json").write_text(labels)
    proc = cli(tmp_path, "eval", str(tmp_path))
    assert proc.returncode == 2, proc.stderr
    assert "page.labels.json" in proc.stderr and "Traceback" not in proc.stderr
    for w in words:
        assert w in proc.stderr


def test_demo_applies_to_the_sample_pages(tmp_path: Path) -> None:
    """The README's "run it" command: both sample pages submitted, what the local server
    received counted, and the evidence where the summary says."""
    proc = cli(tmp_path, "demo")
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    out = proc.stdout
    assert "JobPilot demo" in out
    for page in ("northwind-careers.html", "brandt-bewerbung.html"):
        row = next(line for line in out.splitlines() if page in line and "│" in line)
        assert "submitted" in row and "file(s)" in row and "nothing" not in row, row
    evidence = Path(out.split("screenshots, snapshots and plans: ", 1)[1].split()[0])
    assert evidence.is_dir() and evidence.is_relative_to(tmp_path)
    assert len(list(evidence.rglob("*.png"))) >= 2


def test_apply_fills_without_submitting_unless_asked(tmp_path: Path) -> None:
    imported = cli(
        tmp_path, "profile", "import", str(DEMO / "profile" / "resume.json"),
        "--answers", str(DEMO / "profile" / "answers.yaml"),
    )
    assert imported.returncode == 0, imported.stderr
    page = DEMO / "pages" / "northwind-careers.html"
    proc = cli(tmp_path, "apply", str(page), "--url", "https://jobs.lever.co/northwind/1f2e/apply", "--json")
    assert proc.returncode == 0, proc.stderr
    record = json.loads(proc.stdout)
    assert record["status"] == "filled" and record["submitted"] is False
    assert record["submit_requested"] is False
    filled = {a["key"]: a["value"] for a in record["plan"]["actions"] if a["kind"] == "fill"}
    assert filled["email"] == "mara.ol@example.org", filled
    assert not any(a["kind"] == "click" and a.get("key") == "submit" for a in record["plan"]["actions"])
    db = sqlite3.connect(tmp_path / "jobpilot.db")
    assert db.execute("select status, submitted from application_runs").fetchall() == [("filled", 0)]
    # What was typed is encrypted at rest like the profile; `jobpilot runs` still reads it.
    (raw,) = db.execute("select record from application_runs").fetchone()
    assert "mara.ol@example.org" not in raw and "Okafor" not in raw and "fernet" in raw
    listed = cli(tmp_path, "runs", "--json")
    assert listed.returncode == 0, listed.stderr
    (back,) = json.loads(listed.stdout)
    assert back["id"] == record["id"] and back["plan"] == record["plan"]
    evidence = tmp_path / "evidence"
    assert (evidence.stat().st_mode & 0o777) == 0o700
    assert ((evidence / record["id"]).stat().st_mode & 0o077) == 0


@pytest.mark.parametrize(
    ("status", "submit", "code"),
    [
        ("submitted", True, 0),
        ("filled", False, 0),
        ("filled", True, 1),
        ("failed", False, 1),
        ("needs_user", True, 3),
        ("needs_verification", True, 4),
    ],
)
def test_apply_exit_codes(status: str, submit: bool, code: int) -> None:
    from jobpilot.cli.apply_cmd import exit_code

    assert exit_code(status, submit=submit) == code

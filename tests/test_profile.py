"""Profile import: JSON Resume + answers, every problem reported with its path, nothing
stored on bad input, PII encrypted at rest."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import jobpilot.demo
import pytest
from jobpilot.errors import ProfileError
from jobpilot.profile_io import load_profile

DATA = Path(jobpilot.demo.__file__).parent / "profile"


def cli(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "JOBPILOT_HOME": str(home)}
    return subprocess.run(
        [sys.executable, "-m", "jobpilot.cli.main", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def test_load_profile_combines_resume_and_answers() -> None:
    p = load_profile(DATA / "resume.json", DATA / "answers.yaml")
    assert p.split_name() == ("Mara", "Okafor-Lindqvist")
    assert p.application.work_authorized is True
    assert p.application.eeo.gender == "Female"
    assert p.resume_path() == str((DATA / "resume.pdf").resolve())
    assert p.profile_url("linkedin") == "https://www.linkedin.com/in/maraol"


def test_every_problem_has_its_path(tmp_path: Path) -> None:
    doc = json.loads((DATA / "resume.json").read_text())
    doc["basics"]["email"] = "not-an-email"
    doc["basics"]["location"]["countryCode"] = "USA"
    bad = tmp_path / "resume.json"
    bad.write_text(json.dumps(doc))
    answers = tmp_path / "answers.yaml"
    answers.write_text("work_authorized: maybe\neeo:\n  gendr: Female\n")
    with pytest.raises(ProfileError) as err:
        load_profile(bad, answers)
    paths = [p for p, _ in err.value.problems]
    assert "resume.json: basics.email" in paths
    assert "resume.json: basics.location.countryCode" in paths
    assert "answers.yaml: work_authorized" in paths
    assert "answers.yaml: eeo.gendr" in paths


def test_cli_import_stores_encrypted_and_bad_input_writes_nothing(tmp_path: Path) -> None:
    home = tmp_path / "home"
    bad = tmp_path / "broken.json"
    bad.write_text('{"basics": {"name": "X", "email": "x@example.org",}')
    proc = cli(home, "profile", "import", str(bad))
    assert proc.returncode == 2
    assert "not valid JSON" in proc.stderr and "line 1" in proc.stderr
    assert not (home / "jobpilot.db").exists()

    missing_email = tmp_path / "r.json"
    missing_email.write_text('{"basics": {"name": "X"}}')
    proc = cli(home, "profile", "import", str(missing_email))
    assert proc.returncode == 2 and "basics.email" in proc.stderr
    assert not (home / "jobpilot.db").exists()

    proc = cli(
        home,
        "profile",
        "import",
        str(DATA / "resume.json"),
        "--answers",
        str(DATA / "answers.yaml"),
        "--name",
        "mara",
    )
    assert proc.returncode == 0, proc.stderr
    raw = sqlite3.connect(home / "jobpilot.db").execute("select data from profiles").fetchone()[0]
    assert b"mara.ol@example.org" not in raw and b"Okafor" not in raw
    shown = cli(home, "profile", "show", "mara")
    assert json.loads(shown.stdout)["basics"]["email"] == "mara.ol@example.org"
    assert cli(home, "profile", "show", "nobody").returncode == 2


@pytest.mark.parametrize(
    ("case", "words"),
    [
        ("latin-1", ["not UTF-8"]),  # a Latin-1 export: where it is, no traceback
        ("folder", ["is not a file"]),  # a folder where a file belongs
        ("broken-yaml", ["not valid YAML"]),  # the answers file does not parse
    ],
)
def test_unreadable_input_is_a_clear_error(tmp_path: Path, case: str, words: list[str]) -> None:
    home = tmp_path / "home"
    if case == "latin-1":
        resume = tmp_path / "r.json"
        resume.write_bytes(b'{"basics": {"name": "Jos\xe9", "email": "jose@example.org"}}')
        args = [str(resume)]
    elif case == "folder":
        args = [str(tmp_path)]
    else:
        answers = tmp_path / "answers.yaml"
        answers.write_text("eeo: [gender: Female\n")
        args = [str(DATA / "resume.json"), "--answers", str(answers)]
    proc = cli(home, "profile", "import", *args)
    assert proc.returncode == 2, proc.stderr
    for w in words:
        assert w in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (home / "jobpilot.db").exists()


def test_resume_paths_are_relative_to_the_answers_file(tmp_path: Path) -> None:
    answers_dir = tmp_path / "answers"
    answers_dir.mkdir()
    (answers_dir / "cv.pdf").write_bytes((DATA / "resume.pdf").read_bytes())
    answers = answers_dir / "answers.yaml"
    answers.write_text("resumes:\n  - {name: main, path: cv.pdf, default: true}\n")
    profile = load_profile(DATA / "resume.json", answers)
    assert profile.resume_path() == str((answers_dir / "cv.pdf").resolve())
    # A missing one is reported in the answers file's terms.
    answers.write_text("resumes:\n  - {name: main, path: gone.pdf}\n")
    with pytest.raises(ProfileError) as err:
        load_profile(DATA / "resume.json", answers)
    assert [p for p, _ in err.value.problems] == ["answers.yaml: resumes[0].path"]

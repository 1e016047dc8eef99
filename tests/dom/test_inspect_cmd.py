"""``jobpilot inspect`` as a plugin author and a person use it: real process, real Chromium."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from jobpilot.models.snapshot import FormSnapshot

pytestmark = pytest.mark.browser

ASSETS = Path(__file__).parent / "assets"
URL = "https://careers.quillmoor.example/openings"


def cli(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "JOBPILOT_HOME": str(home), "COLUMNS": "250"}
    return subprocess.run(
        [sys.executable, "-m", "jobpilot.cli.main", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_snapshot_flag_prints_what_the_hooks_receive(tmp_path: Path) -> None:
    proc = cli(tmp_path, "inspect", str(ASSETS / "labels.html"), "--url", URL, "--snapshot")
    assert proc.returncode == 0, proc.stderr
    snap = FormSnapshot.model_validate_json(proc.stdout)
    assert snap.url == URL and snap.document_id
    assert snap.fields and all(f.ref for f in snap.fields)
    raw = json.loads(proc.stdout)
    assert "stats" not in raw and "key" not in raw["fields"][0], "the snapshot, not the inspect contract"


def test_snapshot_and_json_together_is_a_usage_error(tmp_path: Path) -> None:
    proc = cli(tmp_path, "inspect", str(ASSETS / "labels.html"), "--snapshot", "--json")
    assert proc.returncode == 2 and "choose one" in proc.stderr


def test_a_page_of_hidden_controls_gets_one_message(tmp_path: Path) -> None:
    """Mapped but hidden controls: no table of them followed by "no form fields"."""
    page = ASSETS / "inspect" / "hidden-only.html"
    proc = cli(tmp_path, "inspect", str(page), "--url", URL)
    assert proc.returncode == 1
    assert f"no form fields on {URL} (2 hidden control(s)" in proc.stderr
    assert "email" not in proc.stdout and "first_name" not in proc.stdout, proc.stdout
    assert "Traceback" not in proc.stderr
    data = json.loads(cli(tmp_path, "inspect", str(page), "--url", URL, "--json").stdout)
    assert {f["key"] for f in data["fields"]} >= {"email"}
    assert not any(f["visible"] for f in data["fields"])


def test_a_job_ad_without_a_form_names_its_apply_link(tmp_path: Path) -> None:
    """A job ad opens its application with a link: inspect says which one and where it goes
    (the posting's, not the menu's bare "Apply")."""
    job = "https://careers.hollin.example/jobs/night-baker"
    proc = cli(tmp_path, "inspect", str(ASSETS / "links.html"), "--url", job)
    assert proc.returncode == 1
    assert f"no form fields on {job}" in proc.stderr
    assert "'I’m interested' link leads to https://careers.hollin.example/jobs/links-apply.html?start=1" in (
        proc.stderr.replace("\n", " ")
    ), proc.stderr


def test_a_saved_page_keeps_its_nested_form_as_a_file_and_at_a_bare_host_url(tmp_path: Path) -> None:
    """Served offline at its own file:// URL or at ``--url https://host`` (requested as
    ``https://host/``), the page is the DOM it was saved from: the nested form keeps its id,
    and a stylesheet saved beside the file still loads from disk (it hides a control)."""
    page = tmp_path / "saved" / "apply.html"
    page.parent.mkdir()
    html = (ASSETS / "nested-forms.html").read_text("utf-8")
    html = html.replace("<head>", '<head><link rel="stylesheet" href="apply_files/site.css">')
    page.write_text(html, "utf-8")
    (page.parent / "apply_files").mkdir()
    (page.parent / "apply_files" / "site.css").write_text("#second-nested { display: none }", "utf-8")
    for extra in ((), ("--url", "https://Careers.Lindqvist.example")):
        proc = cli(tmp_path, "inspect", str(page), *extra, "--snapshot")
        assert proc.returncode == 0, proc.stderr
        snap = FormSnapshot.model_validate_json(proc.stdout)
        assert "offer-application-form" in snap.element_ids, extra
        other = next(f for f in snap.fields if f.name == "other")
        if extra:
            assert snap.url == "https://careers.lindqvist.example/"
            assert other.visible, "no network: the stylesheet is not there"
        else:
            assert snap.url == page.resolve().as_uri()
            assert not other.visible, "the stylesheet beside the file was not loaded"

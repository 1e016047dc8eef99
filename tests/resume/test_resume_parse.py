"""A resume (PDF printed by Chromium, DOCX written by python-docx, text) read into a draft
profile: JSON Resume + the answers it states, each value with its line; bad files refused
with the fix; ``jobpilot profile from-resume`` prints it and writes files `profile import`
takes as they are."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from jobpilot.errors import UsageError
from jobpilot.models.profile import Profile
from jobpilot.resume import parse_resume
from jobpilot.resume.dates import find_range, find_single
from jobpilot.resume.parse import parse_lines

HERE = Path(__file__).parent
HTML = HERE / "resume-jonah.html"


async def print_pdf(context: Any, html: Path, out: Path) -> Path:
    """The resume as a real PDF: Chromium prints the HTML (what a person's editor exports)."""
    page = await context.new_page()
    await page.set_content(html.read_text("utf-8"))
    await page.pdf(path=str(out), format="A4")
    await page.close()
    return out


def expect_jonah(draft: Any) -> None:
    r = draft.resume
    b = r["basics"]
    assert b["name"] == "Jonah Whitcombe" and b["label"] == "Senior Data Engineer"
    assert b["email"] == "jonah.whitcombe@example.net" and b["phone"] == "+1 (503) 555-0143"
    assert b["location"] == {"city": "Portland", "region": "OR", "countryCode": "US"}
    assert {p["url"] for p in b["profiles"]} == {
        "https://linkedin.com/in/jonah-whitcombe-demo",
        "https://github.com/jwhitcombe-demo",
    }
    assert b["summary"].startswith("Data engineer with 9 years")
    first, second = r["work"]
    assert first["name"] == "Fernhollow Analytics" and first["position"] == "Senior Data Engineer"
    assert first["startDate"] == "2021-03" and "endDate" not in first  # "Present": a current job
    assert first["highlights"][1] == "Cut warehouse costs by 40%"
    assert second["name"] == "Brackenridge Logistics" and second["position"] == "Data Engineer"
    assert (second["startDate"], second["endDate"]) == ("2016-06", "2021-02")
    (edu,) = r["education"]
    assert edu["institution"] == "Oregon State University"
    assert (edu["studyType"], edu["area"]) == ("B.S.", "Computer Science")
    assert (edu["startDate"], edu["endDate"]) == ("2012-09", "2016-06")
    assert r["skills"][0] == {"name": "Languages", "keywords": ["Python", "SQL", "Go"]}
    a = draft.answers
    assert (a["first_name"], a["last_name"]) == ("Jonah", "Whitcombe")
    assert a["years_experience"] == 9 and a["willing_to_relocate"] is True
    # never inferred: nothing the resume does not say
    assert not {"work_authorized", "requires_sponsorship", "eeo", "salary_expectation"} & set(a)
    # each value says where it came from
    lines = {f.path: f.line for f in draft.found}
    assert lines["work[0].startDate"] == "Mar 2021 – Present"
    assert "9 years of experience" in lines["application.years_experience"]
    # the draft is a valid profile once the file is attached
    Profile.model_validate({**r, "application": a})


async def test_a_pdf_resume_becomes_a_draft(browser_context: Any, tmp_path: Path) -> None:
    pdf = await print_pdf(browser_context, HTML, tmp_path / "jonah.pdf")
    draft = parse_resume(pdf)
    expect_jonah(draft)
    assert draft.answers["resumes"] == [{"name": "main", "path": str(pdf), "default": True}]
    assert draft.notes == []


def test_a_docx_resume_becomes_a_draft(tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_heading("Jonah Whitcombe", 0)
    for line in (
        "Senior Data Engineer",
        "jonah.whitcombe@example.net | +1 (503) 555-0143 | Portland, OR | "
        "linkedin.com/in/jonah-whitcombe-demo | github.com/jwhitcombe-demo",
    ):
        d.add_paragraph(line)
    d.add_heading("Summary", 1)
    d.add_paragraph(
        "Data engineer with 9 years of experience building batch and streaming pipelines. Open to relocation."
    )
    d.add_heading("Experience", 1)
    table = d.add_table(rows=1, cols=2)  # a layout table: title left, dates right
    table.rows[0].cells[0].text = "Senior Data Engineer — Fernhollow Analytics"
    table.rows[0].cells[1].text = "Mar 2021 – Present"
    d.add_paragraph("Built the streaming ingestion platform for 40 source systems", style="List Bullet")
    d.add_paragraph("Cut warehouse costs by 40%", style="List Bullet")
    d.add_paragraph("Data Engineer — Brackenridge Logistics   Jun 2016 – Feb 2021")
    d.add_paragraph("• Designed the nightly ETL and its data-quality checks")
    d.add_heading("Education", 1)
    d.add_paragraph("Oregon State University   Sep 2012 – Jun 2016")
    d.add_paragraph("B.S. in Computer Science")
    d.add_heading("Skills", 1)
    d.add_paragraph("Languages: Python, SQL, Go")
    path = tmp_path / "jonah.docx"
    d.save(str(path))
    draft = parse_resume(path)
    expect_jonah(draft)


@pytest.mark.parametrize(
    ("line", "start", "end"),
    [
        ("Mar 2021 – Present", "2021-03", None),
        ("06/2013 - 05/2017", "2013-06", "2017-05"),
        ("2017 – 2021", "2017", "2021"),
        ("Sept. 2013 to June 2017", "2013-09", "2017-06"),
        ("Acme   Jan 2019 - Dec 2020", "2019-01", "2020-12"),
    ],
)
def test_date_ranges(line: str, start: str, end: str | None) -> None:
    span = find_range(line)
    assert span is not None and (span.start, span.end) == (start, end)
    assert span.current == (end is None)


def test_a_lone_year_is_an_end_and_a_month_is_never_made_up() -> None:
    assert find_range("Class of 2017") is None
    single = find_single("Class of 2017")
    assert single is not None and single.end == "2017"


def test_what_is_unsure_is_said_not_guessed() -> None:
    draft = parse_lines(
        [
            "Ada Quenby",
            "Experience",
            "Northgate   Brightwell   2019 - 2021",  # which is the employer?
            "Skills",
            "Go",
        ]
    )
    assert "email" not in draft.resume["basics"]
    assert any("no e-mail address" in n for n in draft.notes)
    assert any("which of 'Northgate' and 'Brightwell'" in n for n in draft.notes)
    assert any("no Education section" in n for n in draft.notes)


def test_bad_files_are_refused_with_the_fix(tmp_path: Path) -> None:
    from pypdf import PdfWriter

    html = tmp_path / "cv.html"
    html.write_text("<p>hi</p>")
    with pytest.raises(UsageError, match="not a PDF, DOCX or text file") as exc:
        parse_resume(html)
    assert exc.value.hint and "PDF or DOCX" in exc.value.hint
    blank = tmp_path / "scan.pdf"  # a PDF without a text layer (a scan)
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    with blank.open("wb") as fh:
        writer.write(fh)
    with pytest.raises(UsageError, match="no text to read"):
        parse_resume(blank)
    fake = tmp_path / "broken.pdf"
    fake.write_bytes(b"%PDF-1.4\nnot really\n")
    with pytest.raises(UsageError):
        parse_resume(fake)
    with pytest.raises(UsageError, match="no such file"):
        parse_resume(tmp_path / "missing.pdf")


async def test_cli_prints_the_draft_and_writes_files_profile_import_takes(
    browser_context: Any, tmp_path: Path
) -> None:
    pdf = await print_pdf(browser_context, HTML, tmp_path / "jonah.pdf")
    exe = str(Path(sys.executable).parent / "jobpilot")
    env = {"JOBPILOT_HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin"}
    out = subprocess.run(
        [exe, "profile", "from-resume", str(pdf), "--json"], capture_output=True, text=True, env=env
    )
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert set(data) == {"resume", "answers", "found", "notes"}
    assert data["resume"]["work"][0]["startDate"] == "2021-03"
    human = subprocess.run(
        [exe, "profile", "from-resume", str(pdf), "--out", str(tmp_path / "draft")],
        capture_output=True,
        text=True,
        env=env,
    )
    assert human.returncode == 0, human.stderr
    assert "nothing is stored yet" in human.stdout and "Fernhollow Analytics" in human.stdout
    imported = subprocess.run(
        [
            exe,
            "profile",
            "import",
            str(tmp_path / "draft/resume.json"),
            "--answers",
            str(tmp_path / "draft/answers.yaml"),
        ],
        capture_output=True,
        text=True,
        env=env,
    )
    assert imported.returncode == 0, imported.stderr
    assert "Jonah Whitcombe <jonah.whitcombe@example.net>" in imported.stdout
    bad = subprocess.run(
        [exe, "profile", "from-resume", str(tmp_path)], capture_output=True, text=True, env=env
    )
    assert bad.returncode == 2 and "fix:" in bad.stderr

"""The SmartRecruiters flow's pure parts: entries matched and fixed, the City suggestion
chosen, pages told apart (hand-built snapshots, invented content)."""

from __future__ import annotations

from pathlib import Path

import jobpilot.demo
from jobpilot.models.snapshot import Button, Field, FormSnapshot
from jobpilot.profile_io import load_profile
from jobpilot_ats_smartrecruiters import entries, location
from jobpilot_ats_smartrecruiters.flow import errors, identify, primary_button

DEMO = Path(jobpilot.demo.__file__).parent / "profile"
PROFILE = load_profile(DEMO / "resume.json", DEMO / "answers.yaml")
URL = "https://jobs.smartrecruiters.com/oneclick-ui/company/Acme/publication/0b6d1c7e-51a2-4c1e-9d3f-2a7b8c9d0e1f"


def test_profile_entries_as_the_form_takes_them() -> None:
    jobs = entries.wanted(PROFILE, "experience")
    assert [j.values for j in jobs] == [
        {
            "title": "Senior Backend Engineer",
            "company": "Tidewater Analytics",
            "start": "03/2021",
            "end": "",
            "current": True,
        },
        {
            "title": "Software Engineer",
            "company": "Quayside Labs",
            "start": "06/2017",
            "end": "02/2021",
            "current": False,
        },
    ]
    (school,) = entries.wanted(PROFILE, "education")
    assert school.values["institution"] == "University of Washington" and school.values["end"] == "06/2017"
    assert entries.month_year("2021") == ""  # a year alone: the form refuses it, left empty


def test_matching_tolerates_suffixes_and_abbreviations_never_strangers() -> None:
    jobs = entries.wanted(PROFILE, "experience")
    assert entries.match({"company": "Tidewater Analytics Inc."}, jobs, set()) == 0
    assert entries.match({"company": "Quayside Labs"}, jobs, {1}) is None  # already taken
    assert (
        entries.match({"company": "University of Washington", "title": "Teaching Assistant"}, jobs, set())
        is None
    )
    schools = entries.wanted(PROFILE, "education")
    assert entries.match({"institution": "Univ. of Washington"}, schools, set()) == 0


def _form(index: int, **values: str | bool) -> FormSnapshot:
    ids = {
        "title": "title-input",
        "company": "company-input",
        "start": "start-date-input",
        "current": "current-job-input",
    }
    fields = []
    for part, value in values.items():
        if isinstance(value, bool):
            fields.append(
                Field(ref=part, tag="input", type="checkbox", id=f"{ids[part]}-{index}", checked=value)
            )
        else:
            fields.append(Field(ref=part, tag="input", type="text", id=f"{ids[part]}-{index}", value=value))
    return FormSnapshot(url=URL, fields=fields)


def test_fixes_change_only_what_differs() -> None:
    job = entries.wanted(PROFILE, "experience")[0]
    snap = _form(
        0, title="Senior Backend Engineer", company="Tidewater Analytics Inc.", start="01/2021", current=True
    )
    fields = entries.form_fields(snap, 0)
    assert set(fields) == {"title", "company", "start", "current"}
    assert entries.form_fields(snap, 1) == {}
    got = [(a.ref, a.kind, a.value) for a in entries.fixes(fields, job, "experience")]
    assert got == [("company", "fill", "Tidewater Analytics"), ("start", "fill", "03/2021")]


def test_city_suggestion_is_the_applicant_place_or_none() -> None:
    place = location.Place.of(PROFILE)
    assert place is not None and place.text == "San Francisco, California, United States"
    offered = [
        "South San Francisco, California, United States",
        "San Francisco de Macorís, Duarte, Dominican Republic",
        "San Francisco, California, United States",
    ]
    assert location.choose(place, offered) == "San Francisco, California, United States"
    assert location.choose(
        place, ["San Francisco, CA, United States", "South San Francisco, CA, United States"]
    ) == ("San Francisco, CA, United States")
    assert location.choose(place, offered[:2]) is None  # never the first for being first


def test_pages_are_told_apart_by_smartrecruiters_hooks() -> None:
    hook = [{"tag": "oc-input", "data-test": "personal-info-first-name-input"}]
    personal = FormSnapshot(url=URL, fields=[Field(ref="a", tag="input", type="text", ancestors=hook)])
    assert identify(personal, "") == "personal"
    question = [{"tag": "div", "data-test": "screening-question-q-1"}]
    questions = FormSnapshot(url=URL, fields=[Field(ref="q", tag="input", type="text", ancestors=question)])
    assert identify(questions, "") == "questions"
    primary = Button(ref="b", text="Küldés", attrs={"class": "c-spl-button c-spl-button--primary"})
    review = FormSnapshot(
        url=URL, buttons=[Button(ref="x", text="Back", attrs={"class": "c-spl-button--secondary"}), primary]
    )
    assert identify(review, "") == "review" and primary_button(review) == primary  # whatever the language
    assert identify(FormSnapshot(url=URL), "Thank you for applying!") == "done"
    assert errors("Personal information\nFirst name is required\nThe email addresses do not match\n") == [
        "First name is required",
        "The email addresses do not match",
    ]

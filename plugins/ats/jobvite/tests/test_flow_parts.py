"""The Jobvite flow's pure parts: numbered blocks filled from the profile, steps told apart
(hand-built snapshots, invented content)."""

from __future__ import annotations

from pathlib import Path

import jobpilot.demo
from jobpilot.models.snapshot import Button, Field, FormSnapshot, Option
from jobpilot.profile_io import load_profile
from jobpilot_ats_jobvite import rows
from jobpilot_ats_jobvite.flow import next_button, step_of

DEMO = Path(jobpilot.demo.__file__).parent / "profile"
PROFILE = load_profile(DEMO / "resume.json", DEMO / "answers.yaml")
URL = "https://jobs.jobvite.com/tallgrass/job/oQ3xYfwZ/apply"


def block(section: str, index: int, part: str, **kw: object) -> Field:
    return Field(
        ref=f"{section}{index}{part}",
        tag=str(kw.pop("tag", "input")),
        name=f"{section}[{index}].{part}",
        **kw,
    )  # type: ignore[arg-type]


def test_each_block_gets_its_own_entry() -> None:
    snap = FormSnapshot(
        url=URL,
        fields=[
            block("workHistory", 0, "company", type="text"),
            block("workHistory", 0, "startDate", type="text"),
            block("workHistory", 0, "current", type="checkbox", checked=False),
            block("workHistory", 1, "company", type="text", value="Quayside Labs"),
            block("workHistory", 1, "endDate", type="text"),
            block(
                "education",
                0,
                "degree",
                tag="select",
                type="select-one",
                options=[
                    Option(value="", text="Select an option..."),
                    Option(value="b", text="Bachelor's Degree"),
                ],
            ),
        ],
    )
    found = rows.blocks(snap, "workHistory")
    assert sorted(found) == [0, 1]
    first = rows.block_plan(URL, "jobvite", found[0], rows.work_values(PROFILE)[0], "work history 1")
    assert [(a.ref, a.kind, a.value) for a in first.actions] == [
        ("workHistory0company", "fill", "Tidewater Analytics"),
        ("workHistory0startDate", "fill", "03/2021"),
        ("workHistory0current", "check", "true"),
    ]
    second = rows.block_plan(URL, "jobvite", found[1], rows.work_values(PROFILE)[1], "work history 2")
    assert [(a.ref, a.value) for a in second.actions] == [
        ("workHistory1endDate", "02/2021")
    ]  # the company is right
    school = rows.block_plan(
        URL, "jobvite", rows.blocks(snap, "education")[0], rows.education_values(PROFILE)[0], "education 1"
    )
    assert [(a.kind, a.value) for a in school.actions] == [("select", "Bachelor's Degree")]
    assert rows.row_refs(snap) == {f.ref for f in snap.fields}


def test_a_degree_the_select_does_not_offer_is_left_with_a_reason() -> None:
    degree = block(
        "education",
        0,
        "degree",
        tag="select",
        type="select-one",
        options=[Option(value="m", text="Master's Degree")],
    )
    plan = rows.block_plan(
        URL, "jobvite", {"degree": degree}, {"degree": ("Bachelor's Degree", "education[0].studyType")}, "e"
    )
    assert plan.actions == [] and "no option matches" in plan.skipped[0].reason


def test_steps_and_next() -> None:
    contact = FormSnapshot(
        url=URL,
        fields=[Field(ref="f", tag="input", type="text", name="firstName")],
        buttons=[Button(ref="n", text="Next"), Button(ref="l", text="Apply with LinkedIn")],
    )
    assert step_of(contact, "") == "contact" and next_button(contact).ref == "n"  # type: ignore[union-attr]
    prescreen = [{"tag": "div", "class": "jv-form-field jv-prescreen-element"}]
    questions = FormSnapshot(
        url=URL, fields=[Field(ref="q", tag="input", type="text", name="pq_1", ancestors=prescreen)]
    )
    assert step_of(questions, "") == "questions"
    assert step_of(FormSnapshot(url=URL), "Thank you for your application!") == "done"

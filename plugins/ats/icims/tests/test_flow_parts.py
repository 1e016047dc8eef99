"""The flow's pure parts: which step a snapshot shows, its errors, the entries wanted."""

from __future__ import annotations

from typing import Any

from jobpilot.models.profile import Profile
from jobpilot.models.snapshot import Link
from jobpilot_ats_icims import rows, steps

PORTAL = "https://careers-brightlane.icims.com/jobs/4521/platform-engineer"


def test_steps_are_told_apart(ic: Any) -> None:
    email = ic.snap(ic.field("e1", "css_loginName", type="email"), buttons=[ic.button("b1", "Next")])
    assert steps.identify(email).kind == "email"
    password = ic.snap(
        ic.field("e1", "css_loginName", type="email", readonly=True),
        ic.field("e2", "css_password", type="password"),
        buttons=[ic.button("b1", "Log In")],
    )
    assert steps.identify(password).kind == "password"
    profile = ic.snap(ic.field("e1", "-1_PersonProfileFields.FirstName"), buttons=[ic.button("b1", "Next")])
    assert steps.identify(profile).kind == "profile"
    questions = ic.snap(
        ic.field("e1", "-1_rcf1101"), buttons=[ic.button("b1", "Next")], headings=["Job Questions"]
    )
    eeo = ic.snap(ic.field("e1", "-1_rcf2001"), buttons=[ic.button("b1", "Next")], headings=["Job Questions"])
    q, e = steps.identify(questions), steps.identify(eeo)
    assert q.kind == e.kind == "step" and q.key != e.key  # same title, other questions
    review = ic.snap(
        ic.field("e1", "-1_Certification", type="checkbox"),
        buttons=[ic.button("b1", "Previous"), ic.button("b2", "Submit Application")],
    )
    assert steps.identify(review).kind == "review"
    job = ic.snap(
        buttons=[ic.button("b1", "Apply for this job online", cls="iCIMS_ApplyOnlineButton", type=None)]
    )
    assert steps.identify(job).kind == "job"
    # On the real portal "Apply for this job online" is a plain link; a menu's bare "Apply"
    # link is not the posting's.
    link = Link(
        ref="e9",
        text="Apply for this job online",
        href=PORTAL + "/login",
        attrs={"class": "iCIMS_ApplyOnlineButton iCIMS_PrimaryButton"},
    )
    assert steps.identify(ic.snap(links=[link])).kind == "job"
    assert steps.apply_button(ic.snap(links=[link])) == link
    menu = Link(ref="e3", text="Apply", href=PORTAL + "/jobs/intro")
    assert steps.identify(ic.snap(links=[menu])).kind == "unknown"
    done = ic.snap(headings=["Application Complete", "Thank you for applying!"])
    assert steps.identify(done).kind == "done"


def test_errors_are_read_from_the_messages_controls_point_at(ic: Any) -> None:
    s = ic.snap(
        ic.field(
            "e1",
            "-1_PersonProfileFields.FirstName",
            label="First Name",
            description="First Name is required.",
        ),
        ic.field(
            "e2",
            "-1_PersonProfileFields.Password",
            label="Create Password",
            description="At least 8 characters.",
        ),
    )
    assert steps.errors(s) == ["fix First Name: First Name is required."]


def test_entries_wanted_from_the_profile() -> None:
    p = Profile.model_validate(
        {
            "basics": {"name": "Ada Example", "email": "ada@example.org"},
            "work": [
                {"name": "Acme", "position": "Lead", "startDate": "2020-04-01"},
                {"name": "Initech", "position": "Dev", "startDate": "2016-01-01", "endDate": "2020-03-31"},
            ],
            "education": [
                {
                    "institution": "State U",
                    "studyType": "Bachelor's Degree",
                    "area": "Math",
                    "endDate": "2015",
                }
            ],
        }
    )
    work = rows.wanted(p, "work")
    assert work[0] == {
        "employer": "Acme",
        "jobtitle": "Lead",
        "startmonth": "04",
        "startyear": "2020",
        "endmonth": "",
        "endyear": "",
        "current": "true",
    }
    assert work[1]["endmonth"] == "03" and work[1]["current"] == ""
    assert rows.wanted(p, "education") == [
        {"school": "State U", "degree": "Bachelor's Degree", "major": "Math", "graduationyear": "2015"}
    ]


def test_entry_actions_keep_what_is_right_and_never_pick_an_absent_option(ic: Any) -> None:
    month = ic.field(
        "e1", "-1_WorkExperience_0_StartMonth", type="select-one", options=["", "01", "02", "03"]
    )
    assert rows._action(month, "03", "Work Experience 1").value == "03"  # type: ignore[union-attr]
    same = ic.field("e2", "-1_WorkExperience_0_Employer", value="Acme")
    assert rows._action(same, "Acme", "Work Experience 1") is None
    degree = ic.field("e3", "-1_Education_0_Degree", type="select-one", options=["", "Diploma", "Doctorate"])
    assert rows._action(degree, "Bachelor's Degree", "Education 1") is None

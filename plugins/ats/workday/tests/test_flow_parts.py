"""The flow's pure parts: where am I, what went wrong, which row is which profile entry."""

from __future__ import annotations

from typing import Any

from jobpilot.models.profile import Profile
from jobpilot_ats_workday import rows, steps


def test_identify_pages(wd: Any) -> None:
    s = wd.snap
    b = wd.button
    assert steps.identify(s(buttons=[b("1", "Apply", "adventureButton")]), "").kind == "job"
    assert steps.identify(s(buttons=[b("1", "Apply Manually", "applyManually")]), "").kind == "chooser"
    account = s(wd.field("p", "password", type="password"), buttons=[b("1", "Sign In", "signInLink")])
    assert steps.identify(account, "").kind == "account"
    nxt = b("n", "Save and Continue", "bottom-navigation-next-button")
    where = steps.identify(s(buttons=[nxt]), "current step 3 of 7\nMy Experience\n")
    assert (where.kind, where.name) == ("step", "My Experience")
    by_heading = steps.identify(s(buttons=[nxt], headings=["Acme Careers", "Voluntary Disclosures"]), "")
    assert by_heading.name == "Voluntary Disclosures"
    review = steps.identify(s(buttons=[b("n", "Submit", "bottom-navigation-next-button")]), "")
    assert review.kind == "review"
    assert steps.identify(s(), "Congratulations! Your application has been submitted.").kind == "done"
    assert steps.identify(s(), "Search for Jobs").kind == "unknown"


def test_errors_name_the_fields(wd: Any) -> None:
    bad = wd.field(
        "e1",
        "phone-number",
        label="Phone Number",
        description="Error: The field Phone Number is required and must have a value.",
    )
    ok = wd.field("e2", "addressSection_city", label="City", description="As on your ID")
    text = "Errors Found\nError: The field Phone Number is required and must have a value.\nError: Pick one\n"
    got = steps.errors(wd.snap(bad, ok), text)
    assert got == [
        "fix Phone Number: Error: The field Phone Number is required and must have a value.",
        "fix: Error: Pick one",
    ]
    assert steps.errors(wd.snap(ok), "All good") == []


def test_rows_match_profile_entries_despite_parser_spelling(wd: Any) -> None:
    def work_row(n: int, title: str, company: str) -> list[Any]:
        r = f"workExperience-{n}"
        return [
            wd.field(f"t{n}", "jobTitle", wrapper="jobTitle", row=r, value=title),
            wd.field(f"c{n}", "company", wrapper="company", row=r, value=company),
        ]

    snapshot = wd.snap(
        *work_row(1, "Sr. Engineer", "Tidewater Analytics Inc."),
        *work_row(2, "Teaching Assistant", "University of Washington"),
        *work_row(3, "Software Engineer", "Quayside Labs"),
    )
    found = rows.rows_of(snapshot)["work"]
    assert [r.index for r in found] == [1, 2, 3] and found[0].value("company") == "Tidewater Analytics Inc."
    profile = Profile.model_validate(
        {
            "basics": {"name": "Ada Example", "email": "ada@example.org"},
            "work": [
                {"name": "Tidewater Analytics", "position": "Senior Engineer", "startDate": "2021-03-01"},
                {
                    "name": "Quayside Labs",
                    "position": "Software Engineer",
                    "startDate": "2017-06-01",
                    "endDate": "2021-02-28",
                },
            ],
        }
    )
    entries = rows.work_entries(profile)
    assert entries[0].values["current"] is True and entries[0].values["start.month"] == "03"
    assert entries[1].values["end.year"] == "2021" and entries[1].values["end.month"] == "02"
    pairs = rows.match(found, entries)
    assert {i: e.index for i, e in pairs.items()} == {1: 0, 3: 1}  # row 2 is nobody's: delete it
    assert rows.name_similarity("Univ. of Washington", "University of Washington") == 1.0
    assert rows.name_similarity("Quayside Labs", "Tidewater Analytics") == 0.0

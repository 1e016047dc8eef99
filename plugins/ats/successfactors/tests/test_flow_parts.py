"""The flow's pure parts: which page a snapshot shows, rows wanted, dates, parser guesses."""

from __future__ import annotations

from typing import Any

from jobpilot.models.plan import FillPlan, SkippedField
from jobpilot.models.profile import Profile
from jobpilot.vocabulary import FieldKey as K
from jobpilot_ats_successfactors import rows, steps
from jobpilot_ats_successfactors.flow import _unconfirmed


def test_pages_are_told_apart(sf: Any) -> None:
    job = sf.snap(buttons=[sf.button("b1", "Apply", "applyButton_top")])
    assert steps.identify(job).kind == "job"
    login = sf.snap(sf.classic("e1", "username", type="email"), sf.classic("e2", "password", type="password"))
    assert steps.identify(login).kind == "login"
    create = sf.snap(sf.classic("e1", "fbclc_userName"), sf.classic("e2", "fbclc_pwd", type="password"))
    assert steps.identify(create).kind == "create"
    app = sf.snap(
        sf.ui5("e1", "firstName"), buttons=[sf.button("b1", "Save Draft"), sf.button("b2", "Apply")]
    )
    assert steps.identify(app).kind == "application"
    assert steps.identify(sf.snap(headings=["Thank you for applying"])).kind == "done"


def test_dates_and_rows_wanted() -> None:
    assert rows.sf_date("2021-03-01") == "03/01/2021"
    assert rows.sf_date("2017") == "01/01/2017"
    assert rows.sf_date(None) == ""
    p = Profile.model_validate(
        {
            "basics": {"name": "Ada Example", "email": "ada@example.org"},
            "work": [{"name": "Acme", "position": "Lead", "startDate": "2020-04-01"}],
            "education": [
                {"institution": "State U", "studyType": "Master's Degree", "endDate": "2015-05-15"}
            ],
        }
    )
    assert rows.wanted(p, "work") == [
        {"employer": "Acme", "title": "Lead", "startdate": "04/01/2020", "enddate": "", "present": "true"}
    ]
    assert rows.wanted(p, "education")[0]["enddate"] == "05/15/2015"


def test_parser_guesses_without_a_profile_value_are_cleared(sf: Any) -> None:
    middle = sf.ui5("e1", "middleName", value="Okafor")
    state = sf.ui5("e2", "address2", value="")
    snap = sf.snap(middle, state)
    plan = FillPlan(
        url=snap.url,
        skipped=[
            SkippedField(ref="e1", key=K.MIDDLE_NAME, reason="the profile has no answer"),
            SkippedField(ref="e2", key=K.ADDRESS_STREET, reason="no further line"),
        ],
    )
    (clear,) = _unconfirmed(snap, plan, {"middleName"})
    assert clear.ref == "e1" and clear.value == "" and clear.review
    assert _unconfirmed(snap, plan, set()) == []  # typed by the person, not the parser: kept

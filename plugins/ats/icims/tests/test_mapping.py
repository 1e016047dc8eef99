"""Mapping iCIMS's own names; labels (the generic mapper) decide the customer's questions."""

from __future__ import annotations

from typing import Any

import pytest
from jobpilot.models.mapping import Detection
from jobpilot.vocabulary import FieldKey as K
from jobpilot_ats_icims import map_fields
from jobpilot_ats_icims.mapping import map_field

ICIMS = Detection(ats="icims", confidence=0.98)


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("-1_PersonProfileFields.FirstName", K.FIRST_NAME),
        ("-1_PersonProfileFields.LastName", K.LAST_NAME),
        ("12345_PersonProfileFields.Email", K.EMAIL),
        ("-1_PersonProfileFields.PhoneNumber", K.PHONE),
        ("-1_PersonProfileFields.AddressStreet1", K.ADDRESS_STREET),
        ("-1_PersonProfileFields.AddressStreet2", K.ADDRESS_STREET),
        ("-1_PersonProfileFields.AddressCity", K.ADDRESS_CITY),
        ("-1_PersonProfileFields.AddressState", K.ADDRESS_REGION),
        ("-1_PersonProfileFields.AddressZip", K.ADDRESS_POSTAL_CODE),
        ("-1_PersonProfileFields.AddressCountry", K.ADDRESS_COUNTRY),
        ("-1_PersonProfileFields.Resume", K.RESUME),
        ("-1_PersonProfileFields.EEOGender", K.EEO_GENDER),
        ("-1_PersonProfileFields.EEO_Race", K.EEO_RACE),
        ("-1_PersonProfileFields.EEOHispanicLatino", K.EEO_HISPANIC_LATINO),
        ("-1_PersonProfileFields.EEOVeteranStatus", K.EEO_VETERAN_STATUS),
        ("-1_PersonProfileFields.EEODisabilityStatus", K.EEO_DISABILITY_STATUS),
        ("css_loginName", K.EMAIL),
        ("accept_gdpr", K.CONSENT),
    ],
)
def test_own_names(ic: Any, name: str, key: K) -> None:
    m = map_field(ic.field("e1", name))
    assert m is not None and m.key == key and m.confidence >= 0.9


def test_passwords_and_job_search_are_left_alone(ic: Any) -> None:
    for f in (
        ic.field("e1", "-1_PersonProfileFields.Password", type="password"),
        ic.field("e2", "css_password", type="password"),
        ic.field("e3", "searchKeyword", id="jsb_f_keywords_i"),
        ic.field("e4", "searchZip", id="jsb_f_zipcode_i"),
        ic.field("e5", None, id="iCIMS_SortSelect", type="select-one"),
    ):
        m = map_field(f)
        assert m is not None and m.key == K.UNKNOWN and m.confidence >= 0.99, f.name


def test_custom_questions_have_no_opinion(ic: Any) -> None:
    assert map_field(ic.field("e1", "-1_rcf1101", label="Are you authorized to work?")) is None
    assert map_field(ic.field("e2", "-1_PersonProfileFields.SomethingNew")) is None


def test_entries_first_is_current_others_left_to_the_flow(ic: Any) -> None:
    title0 = map_field(ic.field("e1", "-1_WorkExperience_0_JobTitle"))
    employer0 = map_field(ic.field("e2", "-1_WorkExperience_0_Employer"))
    title1 = map_field(ic.field("e3", "-1_WorkExperience_1_JobTitle"))
    school0 = map_field(ic.field("e4", "-1_Education_0_School"))
    year0 = map_field(ic.field("e5", "-1_Education_0_GraduationYear"))
    school1 = map_field(ic.field("e6", "-1_Education_1_School"))
    assert title0 and title0.key == K.CURRENT_TITLE
    assert employer0 and employer0.key == K.CURRENT_COMPANY
    assert title1 and title1.key == K.QUESTION and title1.confidence >= 0.95
    assert school0 and school0.key == K.EDUCATION_SCHOOL
    assert year0 and year0.key == K.EDUCATION_GRADUATION_YEAR
    assert school1 and school1.key == K.QUESTION


def test_hook_answers_only_on_icims_pages(ic: Any) -> None:
    s = ic.snap(ic.field("e1", "-1_PersonProfileFields.FirstName"))
    assert map_fields(snapshot=s, detection=Detection(ats="workday", confidence=0.9)) is None
    assert map_fields(snapshot=s, detection=None) is None
    got = map_fields(snapshot=s, detection=ICIMS)
    assert got is not None and [m.key for m in got] == [K.FIRST_NAME]

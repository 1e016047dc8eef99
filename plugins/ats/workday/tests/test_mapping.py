"""Mapping Workday's own control names, old (automation ids) and new (semantic ids) markup."""

from __future__ import annotations

from typing import Any

from jobpilot.models.mapping import Detection
from jobpilot.models.snapshot import Field
from jobpilot.vocabulary import FieldKey as K
from jobpilot_ats_workday import map_fields, mapping

WD = Detection(ats="workday", confidence=0.98)


def keys(wd: Any, *fields: Field) -> dict[str, tuple[K, float]]:
    out = map_fields(snapshot=wd.snap(*fields), detection=WD) or []
    return {m.ref: (m.key, m.confidence) for m in out}


def test_create_account_step(wd: Any) -> None:
    got = keys(
        wd,
        wd.field("e1", "email", wrapper="email"),
        wd.field("e2", "password", wrapper="password", type="password"),
        wd.field("e3", "verifyPassword", wrapper="verifyPassword", type="password"),
        wd.field("e4", "createAccountCheckbox", wrapper="", type="checkbox"),
        wd.field("e5", "beecatcher", name="website"),
    )
    assert got["e1"][0] is K.EMAIL
    assert got["e2"] == (K.UNKNOWN, 0.99) and got["e3"] == (K.UNKNOWN, 0.99)
    assert got["e4"][0] is K.CONSENT
    assert got["e5"][0] is K.UNKNOWN


def test_my_information_old_and_new_markup(wd: Any) -> None:
    old = keys(
        wd,
        wd.field("a", "legalNameSection_firstName", wrapper="legalNameSection_firstName"),
        wd.field("b", "legalNameSection_lastName"),
        wd.field("c", "addressSection_addressLine1"),
        wd.field("d", "addressSection_addressLine2"),
        wd.field("e", "addressSection_city"),
        wd.field("f", "addressSection_countryRegion", type="listbox", tag="button"),
        wd.field("g", "addressSection_postalCode"),
        wd.field("h", "phone-device-type", type="listbox", tag="button"),
        wd.field("i", "phone-number"),
        wd.field("j", "phone-extension"),
        wd.field("k", "countryDropdown", type="listbox", tag="button"),
        wd.field("l", "searchBox", wrapper="sourcePrompt", attrs={"data-uxi-widget-type": "selectinput"}),
    )
    assert {r: k for r, (k, _) in old.items()} == {
        "a": K.FIRST_NAME,
        "b": K.LAST_NAME,
        "c": K.ADDRESS_STREET,
        "d": K.UNKNOWN,
        "e": K.ADDRESS_CITY,
        "f": K.ADDRESS_REGION,
        "g": K.ADDRESS_POSTAL_CODE,
        "h": K.QUESTION,
        "i": K.PHONE,
        "j": K.UNKNOWN,
        "k": K.ADDRESS_COUNTRY,
        "l": K.REFERRAL_SOURCE,
    }
    new = keys(
        wd,
        wd.field("a", None, id="name--legalName--firstName", wrapper="name--legalName--firstName"),
        wd.field("p", None, id="name--preferredName--firstName"),
        wd.field("b", None, id="phoneNumber--phoneType", type="listbox", tag="button"),
        wd.field("c", "searchBox", id="source--source", wrapper="source"),
        wd.field("d", None, id="address--postalCode"),
        wd.field("e", None, id="input-12", wrapper="candidateIsPreviousWorker", type="radio"),
    )
    assert new["a"][0] is K.FIRST_NAME and new["p"][0] is K.PREFERRED_NAME
    assert new["b"][0] is K.QUESTION and new["c"][0] is K.REFERRAL_SOURCE
    assert new["d"][0] is K.ADDRESS_POSTAL_CODE and new["e"][0] is K.QUESTION


def test_generated_ids_and_unknown_names_are_left_to_the_generic_mapper(wd: Any) -> None:
    got = keys(
        wd,
        wd.field("q", "9f1c2a7e0b4d11ee", wrapper="primaryQuestionnaire--9f1c2a7e0b4d11ee", type="listbox"),
        wd.field("r", None, id="input-7"),
    )
    assert got == {}
    assert (
        map_fields(snapshot=wd.snap(wd.field("x", "email")), detection=Detection(ats="lever", confidence=1))
        is None
    )


def test_rows_are_mapped_by_section_and_position(wd: Any) -> None:
    got = keys(
        wd,
        wd.field("t1", "jobTitle", wrapper="jobTitle", row="workExperience-1"),
        wd.field("c1", "company", wrapper="company", row="workExperience-1"),
        wd.field("t2", "jobTitle", wrapper="jobTitle", row="workExperience-2"),
        wd.field("m2", "dateSectionMonth-input", wrapper="startDate", row="workExperience-2"),
        wd.field("s1", "school", wrapper="school", row="education-1"),
        wd.field("d1", "degree", row="education-1", type="listbox", tag="button"),
        wd.field("y1", "dateSectionYear-input", wrapper="lastYearAttended", row="education-1"),
        wd.field("y0", "dateSectionYear-input", wrapper="firstYearAttended", row="education-1"),
        wd.field("n1", None, id="workExperience-3--jobTitle"),
    )
    assert got["t1"][0] is K.CURRENT_TITLE and got["c1"][0] is K.CURRENT_COMPANY
    assert got["t2"][0] is K.QUESTION and got["m2"][0] is K.QUESTION and got["n1"][0] is K.QUESTION
    assert got["s1"][0] is K.EDUCATION_SCHOOL and got["d1"][0] is K.EDUCATION_DEGREE
    assert got["y1"][0] is K.EDUCATION_GRADUATION_YEAR and got["y0"][0] is K.QUESTION
    f = wd.field("m", "dateSectionMonth-input", wrapper="endDate", row="workExperience-2")
    assert mapping.row_part(f) == "end" and mapping.date_part(f) == "month"


def test_disclosures_and_self_identify(wd: Any) -> None:
    page = "selfIdentifiedDisabilityPage"
    got = keys(
        wd,
        wd.field("g", "gender", type="listbox", tag="button"),
        wd.field("e", "ethnicityDropdown", type="listbox", tag="button"),
        wd.field("v", "veteranStatus", type="listbox", tag="button"),
        wd.field("t", "agreementCheckbox", wrapper="termsAndConditions", type="checkbox"),
        wd.field("n", "name", wrapper="name", page=page),
        wd.field("dm", "dateSectionMonth-input", wrapper="dateSignedOn", page=page),
        wd.field("ds", None, wrapper="disabilityStatus", type="checkbox", page=page),
        wd.field("x", "name", wrapper="name"),  # "name" outside the disability form: no opinion
    )
    assert got["g"][0] is K.EEO_GENDER and got["e"][0] is K.EEO_RACE and got["v"][0] is K.EEO_VETERAN_STATUS
    assert got["t"][0] is K.CONSENT and got["n"][0] is K.FULL_NAME and got["dm"][0] is K.QUESTION
    assert got["ds"][0] is K.EEO_DISABILITY_STATUS and "x" not in got

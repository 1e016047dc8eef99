"""Mapping Greenhouse's own markup on hand-built snapshots (invented labels)."""

from __future__ import annotations

from typing import Any

from jobpilot.models.mapping import Detection
from jobpilot.models.snapshot import Field, FormSnapshot, FrameInfo
from jobpilot.vocabulary import FieldKey as K
from jobpilot_ats_greenhouse import map_fields

GH = Detection(ats="greenhouse", confidence=0.98)
URL = "https://job-boards.greenhouse.io/acme/jobs/1"


def f(ref: str, id: str | None = None, *, type: str = "text", tag: str = "input", **kw: Any) -> Field:
    if type == "combobox":
        kw.setdefault("attrs", {"class": "select__input", "role": "combobox"})
    return Field(ref=ref, id=id, type=type, tag=tag, **kw)


def keys(
    *fields: Field, url: str = URL, detection: Detection | None = GH, **kw: Any
) -> dict[str, tuple[K, float]]:
    result = map_fields(snapshot=FormSnapshot(url=url, fields=list(fields), **kw), detection=detection) or []
    return {m.ref: (m.key, m.confidence) for m in result}


def test_react_standard_fields() -> None:
    got = keys(
        f("a", "first_name", label="Given name"),
        f("b", "last_name"),
        f("c", "email"),
        f("d", "country", type="combobox", label="Country"),
        f("e", "phone", type="tel"),
        f("g", "candidate-location", type="combobox"),
        f("h", "resume", type="file", label="Attach"),
        f("i", "cover_letter", type="file"),
        f("j", "cover_letter_text", type="textarea", tag="textarea"),
    )
    assert {r: k for r, (k, _) in got.items()} == {
        "a": K.FIRST_NAME,
        "b": K.LAST_NAME,
        "c": K.EMAIL,
        "d": K.ADDRESS_COUNTRY,
        "e": K.PHONE,
        "g": K.LOCATION,
        "h": K.RESUME,
        "i": K.COVER_LETTER,
        "j": K.COVER_LETTER,
    }
    assert all(c >= 0.95 for _, c in got.values())


def test_country_without_a_phone_field_is_left_to_others() -> None:
    assert keys(f("d", "country", type="combobox")) == {}


def test_resume_text_box_is_never_the_resume() -> None:
    assert keys(f("r", "resume_text", type="textarea", tag="textarea", label="Resume/CV")) == {}


def test_education_first_entry_only() -> None:
    got = keys(
        f("s", "school--0", type="combobox"),
        f("d", "degree--0", type="combobox"),
        f("p", "discipline--0", type="combobox"),
        f("y", "end-year--0", type="number"),
        f("m", "start-month--0", type="combobox"),
        f("s1", "school--1", type="combobox"),
    )
    assert got["s"][0] is K.EDUCATION_SCHOOL and got["d"][0] is K.EDUCATION_DEGREE
    assert got["p"][0] is K.EDUCATION_DISCIPLINE and got["y"][0] is K.EDUCATION_GRADUATION_YEAR
    assert got["m"][0] is K.QUESTION and "s1" not in got


def test_eeoc_gdpr_and_security_code() -> None:
    got = keys(
        f("g", "gender", type="combobox"),
        f("h", "hispanic_ethnicity", type="combobox"),
        f("r", "race", type="combobox"),
        f("v", "veteran_status", type="combobox"),
        f("d", "disability_status", type="combobox"),
        f(
            "c",
            "gdpr_demographic_data_consent_given_1",
            type="checkbox",
            name="gdpr_demographic_data_consent_given",
        ),
        f("x", "security-input-0"),
    )
    assert {r: k for r, (k, _) in got.items()} == {
        "g": K.EEO_GENDER,
        "h": K.EEO_HISPANIC_LATINO,
        "r": K.EEO_RACE,
        "v": K.EEO_VETERAN_STATUS,
        "d": K.EEO_DISABILITY_STATUS,
        "c": K.CONSENT,
        "x": K.UNKNOWN,
    }


def test_custom_questions_are_questions_below_the_generic_mapper() -> None:
    got = keys(
        f("q1", "question_52200117004", label="Do you enjoy sailing?"),
        f("q2", "question_52200118004", type="textarea", tag="textarea"),
        f("q3", "question_40731152006[]_71830264009", type="checkbox"),
        f("q4", "6093702008", type="combobox", label="Pronoun survey"),
    )
    assert {k for k, _ in got.values()} == {K.QUESTION}
    assert all(c < 0.72 for _, c in got.values())  # a recognised wording (generic) wins


def test_classic_names() -> None:
    got = keys(
        f("a", "first_name", name="job_application[first_name]"),
        f("b", "job_application_location", name="job_application[location]"),
        f("c", "s3_upload_for_resume", type="file", name="file"),
        f(
            "d",
            "cover_letter_text",
            type="textarea",
            tag="textarea",
            name="job_application[cover_letter_text]",
        ),
        f("e", None, name="job_application[answers_attributes][3][text_value]"),
        f("g", "job_application_gender", type="select-one", tag="select", name="job_application[gender]"),
        url="https://boards.greenhouse.io/acme/jobs/9",
    )
    assert got["a"][0] is K.FIRST_NAME and got["b"][0] is K.LOCATION and got["c"][0] is K.RESUME
    assert got["d"][0] is K.COVER_LETTER and got["e"][0] is K.QUESTION and got["g"][0] is K.EEO_GENDER


def test_only_greenhouse_frames_on_a_company_page() -> None:
    frames = [
        FrameInfo(
            path="x0", url="https://job-boards.greenhouse.io/embed/job_app?for=a&token=1", same_origin=False
        )
    ]
    got = keys(
        f("e1", "email", label="Newsletter"),
        f("x0:e4", "email", frame="x0"),
        url="https://www.acme.example/careers?gh_jid=1",
        frames=frames,
    )
    assert got == {"x0:e4": (K.EMAIL, 0.98)}


def test_other_ats_pages_are_not_mapped() -> None:
    assert keys(f("a", "first_name"), detection=Detection(ats="lever", confidence=0.9)) == {}
    assert keys(f("a", "first_name"), detection=None) == {}

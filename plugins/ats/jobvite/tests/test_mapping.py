"""Mapping Jobvite's apply markup (hand-built snapshots, invented content)."""

from __future__ import annotations

from typing import Any

from jobpilot.models.mapping import Detection
from jobpilot.models.snapshot import Field, FormSnapshot
from jobpilot.vocabulary import FieldKey as K
from jobpilot_ats_jobvite import map_fields

JV = Detection(ats="jobvite", confidence=0.98)
URL = "https://jobs.jobvite.com/tallgrass/job/oQ3xYfwZ/apply"
FIELD = {"tag": "div", "class": "jv-form-field"}


def f(
    ref: str, *, tag: str = "input", type: str = "text", chain: list[dict[str, str]] | None = None, **kw: Any
) -> Field:
    return Field(ref=ref, tag=tag, type=type, ancestors=chain if chain is not None else [FIELD], **kw)


def keys(*fields: Field, detection: Detection | None = JV) -> dict[str, K]:
    result = map_fields(snapshot=FormSnapshot(url=URL, fields=list(fields)), detection=detection) or []
    return {m.ref: m.key for m in result}


def test_contact_fields_by_name() -> None:
    got = keys(
        f("a", name="firstName", label="Vorname"),
        f("b", name="lastName"),
        f("c", name="email", type="email"),
        f("d", name="phone", type="tel"),
        f("e", name="city"),
        f("g", tag="select", type="select-one", name="state"),
        f("h", name="postalCode"),
        f("i", tag="select", type="select-one", name="country"),
    )
    assert got == {
        "a": K.FIRST_NAME,
        "b": K.LAST_NAME,
        "c": K.EMAIL,
        "d": K.PHONE,
        "e": K.ADDRESS_CITY,
        "g": K.ADDRESS_REGION,
        "h": K.ADDRESS_POSTAL_CODE,
        "i": K.ADDRESS_COUNTRY,
    }


def test_attachments() -> None:
    resume = [{"tag": "li", "class": "jv-attachment-option"}, {"tag": "div", "id": "attachResume"}]
    cover = [{"tag": "div", "class": "jv-paste"}, {"tag": "div", "id": "attachCoverLetter"}]
    got = keys(
        f("r", type="file", chain=resume),
        f("rp", tag="textarea", type="textarea", chain=resume),
        f("c", type="file", chain=cover),
        f("cp", tag="textarea", type="textarea", chain=cover),
    )
    assert got == {"r": K.RESUME, "rp": K.UNKNOWN, "c": K.COVER_LETTER, "cp": K.COVER_LETTER}


def test_sign_in_and_search_are_left_alone() -> None:
    login = [{"tag": "div", "class": "jv-login"}]
    got = keys(
        f("le", name="email", type="email", chain=login),
        f("pw", type="password", chain=login),
        f("s", id="jv-search-keyword", type="search", chain=[{"tag": "form", "class": "jv-search-form"}]),
    )
    assert got == {"le": K.UNKNOWN, "pw": K.UNKNOWN, "s": K.UNKNOWN}


def test_prescreen_questions() -> None:
    chain = [FIELD, {"tag": "div", "class": "jv-prescreen-element"}]
    assert keys(f("q", type="radio", name="pq_1201", chain=chain)) == {"q": K.QUESTION}


def test_a_name_outside_a_jobvite_field_is_left_to_others() -> None:
    assert keys(f("a", name="firstName", chain=[])) == {}
    assert keys(f("a", name="firstName"), detection=None) == {}


def test_numbered_blocks() -> None:
    got = keys(
        f("c0", name="workHistory[0].company"),
        f("s0", name="workHistory[0].startDate"),
        f("c1", name="workHistory[1].company"),
        f("e0", name="education[0].school"),
        f("g0", name="education[0].graduationDate"),
    )
    assert got == {
        "c0": K.CURRENT_COMPANY,
        "s0": K.UNKNOWN,
        "c1": K.UNKNOWN,
        "e0": K.EDUCATION_SCHOOL,
        "g0": K.UNKNOWN,
    }

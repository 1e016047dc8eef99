"""Mapping Workable's own markup (hand-built snapshots, invented content)."""

from __future__ import annotations

from typing import Any

from jobpilot.models.mapping import Detection
from jobpilot.models.snapshot import Field, FormSnapshot, GroupMember
from jobpilot.vocabulary import FieldKey as K
from jobpilot_ats_workable import map_fields

WK = Detection(ats="workable", confidence=0.98)
URL = "https://apply.workable.com/brightfern/j/4C7D2E91AB/apply"


def f(ref: str, *, tag: str = "input", type: str = "text", ui: str | None = None, **kw: Any) -> Field:
    attrs = dict(kw.pop("attrs", {}))
    if ui:
        attrs["data-ui"] = ui
    return Field(ref=ref, tag=tag, type=type, attrs=attrs, **kw)


def keys(*fields: Field, detection: Detection | None = WK) -> dict[str, K]:
    result = map_fields(snapshot=FormSnapshot(url=URL, fields=list(fields)), detection=detection) or []
    return {m.ref: m.key for m in result}


def test_standard_fields() -> None:
    got = keys(
        f("a", ui="firstname", id="firstname", name="firstname", label="Vorname"),
        f("b", ui="lastname", id="lastname", name="lastname"),
        f("c", ui="email", id="email", name="email", type="email"),
        f("d", name="phone", type="tel"),
        f(
            "e",
            tag="div",
            type="combobox",
            attrs={"aria-label": "Telephone country code", "class": "iti__selected-flag"},
        ),
        f("g", ui="address", id="address", name="address"),
        f("h", ui="headline", id="headline", name="headline"),
        f("i", tag="textarea", type="textarea", ui="cover_letter", id="cover_letter", name="cover_letter"),
        f("j", type="file", ui="resume", id="input_files_input_Ab12"),
        f("k", type="file", ui="avatar", id="input_files_input_Cd34"),
        f("l", type="checkbox", name="gdpr"),
    )
    assert got == {
        "a": K.FIRST_NAME,
        "b": K.LAST_NAME,
        "c": K.EMAIL,
        "d": K.PHONE,
        "e": K.ADDRESS_COUNTRY,
        "g": K.LOCATION,
        "h": K.CURRENT_TITLE,
        "i": K.COVER_LETTER,
        "j": K.RESUME,
        "k": K.UNKNOWN,
        "l": K.CONSENT,
    }


def test_custom_fields_and_questions_are_questions() -> None:
    got = keys(
        f("a", ui="CA_5120", id="CA_5120", name="CA_5120", label="Anything?"),
        f("b", type="combobox", id="input_CA_5121_input"),
        f("c", type="radio", name="QA_88120", members=[GroupMember(ref="m1", name="QA_88120", value="true")]),
        f("d", type="file", ui="QA_88121", id="input_files_input_Ef56"),
    )
    assert got == {"a": K.QUESTION, "b": K.QUESTION, "c": K.QUESTION, "d": K.QUESTION}


def test_entries_and_careers_filters_are_left_alone() -> None:
    got = keys(
        f("s", id="school", name="school", ancestors=[{"tag": "div", "data-ui": "education-entry"}]),
        f("x", ui="search-jobs", type="search"),
        f("y", type="combobox", id="locations-filter_input"),
    )
    assert got == {"s": K.UNKNOWN, "x": K.UNKNOWN, "y": K.UNKNOWN}


def test_address_companions() -> None:
    assert keys(f("c", id="city", name="city"), f("p", id="postcode", name="postcode")) == {
        "c": K.ADDRESS_CITY,
        "p": K.ADDRESS_POSTAL_CODE,
    }


def test_other_pages_are_left_alone() -> None:
    assert (
        keys(f("a", ui="firstname", id="firstname"), detection=Detection(ats="lever", confidence=0.9)) == {}
    )

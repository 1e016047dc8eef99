"""Mapping the one-click form's own markup (hand-built snapshots, invented content)."""

from __future__ import annotations

from typing import Any

from jobpilot.models.mapping import Detection
from jobpilot.models.snapshot import Field, FormSnapshot
from jobpilot.vocabulary import FieldKey as K
from jobpilot_ats_smartrecruiters import map_fields

SR = Detection(ats="smartrecruiters", confidence=0.98)
URL = "https://jobs.smartrecruiters.com/oneclick-ui/company/Nordlicht/publication/0b6d1c7e-51a2-4c1e-9d3f-2a7b8c9d0e1f"


def f(
    ref: str, *, tag: str = "input", type: str = "text", chain: list[dict[str, str]] | None = None, **kw: Any
) -> Field:
    return Field(ref=ref, tag=tag, type=type, ancestors=chain or [], in_shadow=True, **kw)


def keys(*fields: Field, detection: Detection | None = SR, url: str = URL) -> dict[str, K]:
    result = map_fields(snapshot=FormSnapshot(url=url, fields=list(fields)), detection=detection) or []
    return {m.ref: m.key for m in result}


def host(tag: str, id: str | None = None, **data: str) -> dict[str, str]:
    out = {"tag": tag, **{f"data-{k.replace('_', '-')}": v for k, v in data.items()}}
    if id:
        out["id"] = id
    return out


def test_standard_fields_by_id_whatever_the_label() -> None:
    got = keys(
        f("a", id="first-name-input", label="Keresztnév", chain=[host("spl-input", "first-name-input")]),
        f("b", id="confirm-email-input", type="email", label="E-mail megerősítése"),
        f("c", id="hiring-manager-message-input", tag="textarea", type="textarea"),
        f("d", chain=[host("div"), host("spl-input", "twitter-input")]),
    )
    assert got == {"a": K.FIRST_NAME, "b": K.EMAIL, "c": K.COVER_LETTER, "d": K.LINKS_TWITTER}


def test_the_same_fields_by_their_hooks() -> None:
    got = keys(
        f(
            "a",
            id="spl-form-element_3",
            chain=[host("spl-input"), host("oc-input", test="personal-info-last-name-input")],
        ),
        f("b", id="spl-form-element_4", chain=[host("oc-input", test="web-profiles-linkedin")]),
    )
    assert got == {"a": K.LAST_NAME, "b": K.LINKS_LINKEDIN}


def test_phone_widget() -> None:
    chain = [host("spl-select"), host("spl-phone-field", "spl-form-element_5")]
    got = keys(
        f("cc", tag="button", type="listbox", label="Country code", chain=chain),
        f("tel", type="tel", label="Phone number", chain=[host("spl-input"), host("spl-phone-field")]),
        f("s", type="combobox", attrs={"class": "c-spl-dropdown-search__input"}, chain=chain),
    )
    assert got == {"cc": K.ADDRESS_COUNTRY, "tel": K.PHONE, "s": K.UNKNOWN}


def test_uploads_only_the_resume_drop_zone_is_the_resume() -> None:
    got = keys(
        f(
            "easy",
            type="file",
            id="file-input",
            chain=[host("spl-dropzone", test="apply-with-resume-container")],
        ),
        f(
            "span",
            tag="span",
            type="file",
            attrs={"class": "c-spl-dropzone-label"},
            chain=[host("spl-dropzone", test="resume-upload")],
        ),
        f("photo", type="file", attrs={"class": "file-upload-input"}, chain=[host("div", test="avatar")]),
        f("cv", type="file", id="file-input", chain=[host("spl-dropzone", test="resume-upload")]),
    )
    assert got == {"easy": K.UNKNOWN, "span": K.UNKNOWN, "photo": K.UNKNOWN, "cv": K.RESUME}


def test_only_a_required_consent_is_consent() -> None:
    chain = [host("spl-checkbox"), host("oc-checkbox", test="consent-box")]
    got = keys(
        f("req", type="checkbox", id="noPolicy", required=True, chain=chain),
        f("opt", type="checkbox", id="spl-form-element_9", required=False, chain=chain),
    )
    assert got == {"req": K.CONSENT, "opt": K.UNKNOWN}


def test_entries_and_questions() -> None:
    got = keys(
        f("t", id="title-input-0", chain=[host("spl-input"), host("div", test="experience-entry-0")]),
        f("q", id="q-77", chain=[host("div", test="screening-question-77")]),
    )
    assert got == {"t": K.UNKNOWN, "q": K.QUESTION}


def test_other_atses_pages_are_left_alone() -> None:
    field = f("a", id="first-name-input")
    assert keys(field, detection=Detection(ats="lever", confidence=0.95)) == {}
    assert keys(field, detection=None) == {}

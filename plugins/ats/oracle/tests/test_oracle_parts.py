"""Detection, mapping and page identification for Oracle Recruiting Cloud (invented markup)."""

from __future__ import annotations

from typing import Any

import pytest
from jobpilot.models.mapping import Detection
from jobpilot.models.snapshot import Button, Field, FormSnapshot, FrameInfo, Option
from jobpilot.vocabulary import FieldKey as K
from jobpilot_ats_oracle import detect_ats, map_fields
from jobpilot_ats_oracle.flow import _month_year, identify
from jobpilot_ats_oracle.mapping import map_field
from jobpilot_ats_oracle.markup import parse

CX = "https://abcd.fa.us2.oraclecloud.com/hcmUI/CandidateExperience/en/sites/CX_1"


def row(ref: str, name: str | None, *, type: str = "text", id: str | None = None, **kw: Any) -> Field:
    return Field(
        ref=ref,
        tag="input",
        type=type,
        name=name,
        id=id or (f"{name}-12" if name else None),
        attrs=kw.pop("attrs", {"class": "input-row__control"}),
        ancestors=kw.pop("ancestors", [{"tag": "div", "class": "input-row input-row--text"}]),
        **kw,
    )


@pytest.mark.parametrize(
    "url",
    [
        f"{CX}/job/300",
        f"{CX}/job/300/apply/email",
        "https://fa-evlj-saasfaprod1.fa.ocs.oraclecloud.com/hcmUI/CandidateExperience/en/sites/CX_1001/jobs",
        f"{CX}/join-talent-community",
    ],
)
def test_candidate_experience_urls(url: str) -> None:
    d = detect_ats(url=url, snapshot=None)
    assert d is not None and d.ats == "oracle" and d.confidence == 0.9


@pytest.mark.parametrize(
    "url",
    [
        "https://www.oracle.com/human-capital-management/recruiting/",
        "https://docs.oracle.com/en/cloud/saas/human-resources/recruiting.html",
        "https://abcd.fa.us2.oraclecloud.com/fscmUI/faces/FuseWelcome",
        "https://abcd.fa.us2.oraclecloud.com.evil.test/hcmUI/CandidateExperience/en/sites/CX_1/job/3",
    ],
)
def test_oracle_sites_and_other_apps_are_not(url: str) -> None:
    assert detect_ats(url=url, snapshot=None) is None


def test_url_parts() -> None:
    s = parse(f"{CX}/job/300/apply/section/2")
    assert s is not None and (s.site, s.job_id, s.step, s.pod) == ("CX_1", "300", "section/2", "abcd")
    assert s.tenant_key == "abcd.fa.us2.oraclecloud.com/CX_1"


def test_page_alone() -> None:
    company = "https://careers.northwind.example/apply"
    script = FormSnapshot(
        url=company, scripts=["https://static.oracle.com/cdn/fa/oj-hcm-ce/1.2/js/main-minimal.js"]
    )
    d = detect_ats(url=company, snapshot=script)
    assert d is not None and d.confidence == 0.85
    rows = FormSnapshot(url=company, fields=[row("e1", "lastName"), row("e2", "firstName")])
    d = detect_ats(url=company, snapshot=rows)
    assert d is not None and d.confidence == 0.72
    framed = FormSnapshot(url=company, frames=[FrameInfo(path="x0", url=f"{CX}/job/300")])
    d = detect_ats(url=company, snapshot=framed)
    assert d is not None and d.confidence == 0.94 and d.job_id == "300"
    assert (
        detect_ats(url=company, snapshot=FormSnapshot(url=company, fields=[row("e1", "lastName", attrs={})]))
        is None
    )


def test_mapping_of_the_apply_flow() -> None:
    phone_code = row("e1", "phoneNumber", id="country-codes-dropdownphoneNumber", type="combobox")
    phone = row("e2", None, type="tel", attrs={"class": "input-row__control phone-row__input"})
    cases = {
        "e1": (phone_code, K.ADDRESS_COUNTRY),
        "e2": (phone, K.PHONE),
        "e3": (row("e3", "lastName"), K.LAST_NAME),
        "e4": (row("e4", "middleNames"), K.MIDDLE_NAME),
        "e5": (row("e5", "postalCode"), K.ADDRESS_POSTAL_CODE),
        "e6": (row("e6", "fullName"), K.FULL_NAME),
        "e7": (row("e7", "honey-pot"), K.UNKNOWN),
        "e8": (
            row("e8", "GB-STANDARD-ORA_DISABILITY_STATUS-STANDARD-19", type="radio"),
            K.EEO_DISABILITY_STATUS,
        ),
        "e9": (row("e9", None, id="legal-disclaimer-checkbox", type="checkbox"), K.CONSENT),
        "e10": (row("e10", "pin-code"), K.UNKNOWN),
    }
    for ref, (f, key) in cases.items():
        m = map_field(f)
        assert m is not None and m.key == key, ref
    hispanic = row(
        "e11",
        "US-STANDARD-ORA_ETHNICITY-STANDARD-3",
        type="radio",
        options=[Option(value="a", text="Hispanic or Latino")],
    )
    assert map_field(hispanic).key == K.EEO_HISPANIC_LATINO  # type: ignore[union-attr]
    editor = row("e12", "JobTitle", ancestors=[{"tag": "div", "class": "timeline-editor"}])
    assert map_field(editor).key == K.QUESTION  # type: ignore[union-attr]
    assert map_field(row("e13", "300000041003")) is None  # the employer's question: labels decide
    s = FormSnapshot(url=CX, fields=[row("e3", "lastName")])
    assert map_fields(snapshot=s, detection=Detection(ats="taleo", confidence=0.9)) is None


def test_pages_are_told_apart() -> None:
    def b(text: str) -> Button:
        return Button(ref="b" + text, text=text)

    assert identify(FormSnapshot(url=CX, buttons=[b("Apply Now")])) == "job"
    assert identify(FormSnapshot(url=CX, fields=[row("e1", "primary-email")], buttons=[b("Next")])) == "email"
    assert identify(FormSnapshot(url=CX, fields=[row("e1", "pin-code")], buttons=[b("Verify")])) == "pin"
    assert identify(FormSnapshot(url=CX, fields=[row("e1", "lastName")], buttons=[b("Submit")])) == "apply"
    assert identify(FormSnapshot(url=CX, headings=["Thank you for applying"])) == "done"
    assert _month_year("2021-03-01") == "03/2021" and _month_year(None) == ""


def test_rate_limits_count_per_customer_pod() -> None:
    from jobpilot.storage.db import site_of

    assert site_of(f"{CX}/job/300") == "abcd.fa.us2.oraclecloud.com"
    assert site_of(
        "https://efgh.fa.us2.oraclecloud.com/hcmUI/CandidateExperience/en/sites/CX_1/job/3"
    ) != site_of(f"{CX}/job/300")

"""Detection, mapping and page identification for Taleo Enterprise (invented markup)."""

from __future__ import annotations

import pytest
from jobpilot.models.mapping import Detection
from jobpilot.models.snapshot import Button, Field, FormSnapshot, FrameInfo
from jobpilot.vocabulary import FieldKey as K
from jobpilot_ats_taleo import detect_ats, map_fields
from jobpilot_ats_taleo.flow import _action, where
from jobpilot_ats_taleo.markup import map_field, parse

G = "et-ef-content-ftf-gp-j_id_id16pc9-page_0-"
PI = G + "cpi-cfrmsub-frm-dv_cs_candidate_personal_info_"


def f(ref: str, fid: str, *, type: str = "text", **kw: object) -> Field:
    return Field(ref=ref, tag="input", type=type, id=fid, name=fid, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "url",
    [
        "https://acme.taleo.net/careersection/2/jobsearch.ftl?lang=en",
        "https://acme.taleo.net/careersection/ex/jobdetail.ftl?job=123&lang=en",
        "https://acme.taleo.net/careersection/10000/jobapply.ftl?job=123",
        "https://acme.taleo.net/careersection/iam/accessmanagement/login.jsf?lang=en",
    ],
)
def test_career_sections(url: str) -> None:
    d = detect_ats(url=url, snapshot=None)
    assert d is not None and d.ats == "taleo" and d.confidence == 0.9 and d.company == "acme"


@pytest.mark.parametrize(
    "url",
    [
        "https://www.taleo.net/",
        "https://www.oracle.com/human-capital-management/taleo/",
        "https://acme.taleo.net.evil.test/careersection/2/jobsearch.ftl",
        "https://acme.taleo.net/",
    ],
)
def test_not_career_sections(url: str) -> None:
    assert detect_ats(url=url, snapshot=None) is None


def test_url_parts() -> None:
    z = parse("https://acme.taleo.net/careersection/ex/jobdetail.ftl?job=123")
    assert z is not None and (z.zone, z.section, z.page, z.job_id, z.tenant_key) == (
        "acme",
        "ex",
        "jobdetail.ftl",
        "123",
        "acme.taleo.net",
    )


def test_page_alone() -> None:
    company = "https://jobs.crestview.example/apply"
    ftl = FormSnapshot(
        url=company,
        element_ids=["ftlform", "ftlpageid", "ftlerrors"],
        scripts=["https://jobs.crestview.example/careersection/2026PRD/js/ftlallc.js"],
    )
    d = detect_ats(url=company, snapshot=ftl)
    assert d is not None and d.confidence == 0.85
    one = FormSnapshot(url=company, element_ids=["ftlform", "ftlpageid"])
    assert detect_ats(url=company, snapshot=one).confidence == 0.72  # type: ignore[union-attr]
    framed = FormSnapshot(
        url=company,
        frames=[FrameInfo(path="x0", url="https://acme.taleo.net/careersection/2/jobdetail.ftl?job=9")],
    )
    assert detect_ats(url=company, snapshot=framed).confidence == 0.94  # type: ignore[union-attr]
    assert detect_ats(url=company, snapshot=FormSnapshot(url=company)) is None


def test_mapping() -> None:
    cases = {
        PI + "FirstName": K.FIRST_NAME,
        PI + "EmailAddress": K.EMAIL,
        PI + "HomePhone": K.PHONE,
        PI + "ResidenceLocation-0": K.ADDRESS_COUNTRY,
        PI + "ResidenceLocation-1": K.ADDRESS_REGION,
        PI + "Gender": K.EEO_GENDER,
        PI + "Disability": K.EEO_DISABILITY_STATUS,
        G + "sourceTrackingBlock-recruitmentSourceDP": K.REFERRAL_SOURCE,
        G + "resumeUploadInput": K.RESUME,
        G + "esig-fullName": K.FULL_NAME,
        G + "we-wei-0-frm-dv_cs_experience_Employer": K.CURRENT_COMPANY,
        G + "we-wei-1-frm-dv_cs_experience_Employer": K.QUESTION,
        G + "edu-edui-0-frm-dv_cs_education_Institution": K.EDUCATION_SCHOOL,
        "dialogTemplate-dialogForm-email": K.EMAIL,
        "dialogTemplate-dialogForm-userName": K.UNKNOWN,
        "basicSearchInterface.keywordInput": K.UNKNOWN,
    }
    for fid, key in cases.items():
        m = map_field(f("e1", fid))
        assert m is not None and m.key == key, fid
    assert map_field(f("e1", G + "qs-Q1001", type="radio")) is None  # labels decide
    s = FormSnapshot(
        url="https://acme.taleo.net/careersection/2/jobapply.ftl", fields=[f("e1", PI + "FirstName")]
    )
    assert map_fields(snapshot=s, detection=Detection(ats="oracle", confidence=0.9)) is None


def test_pages_and_block_actions() -> None:
    assert where(FormSnapshot(url="x", buttons=[Button(ref="b", text="Apply Online")])) == "job"
    assert where(FormSnapshot(url="x", fields=[f("e1", "dialogTemplate-dialogForm-login-name1")])) == "login"
    assert where(FormSnapshot(url="x", headings=["Job Application - Work Experience"])) == "Work Experience"
    assert where(FormSnapshot(url="x", headings=["Thank you for applying"])) == "done"
    from jobpilot.models.snapshot import Option

    month = f(
        "e1",
        "m",
        type="select-one",
        options=[Option(value="", text="Select..."), Option(value="03", text="03")],
    )
    assert _action(month, "03", "Work Experience 1").value == "03"  # type: ignore[union-attr]
    degree = f("e2", "d", type="select-one", options=[Option(value="Doctorate", text="Doctorate")])
    assert isinstance(_action(degree, "Bachelor's Degree", "Education 1"), str)  # never guessed

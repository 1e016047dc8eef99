"""Detection (career-site URLs, company pages, page evidence) and mapping of SuccessFactors ids."""

from __future__ import annotations

from typing import Any

import pytest
from jobpilot.models.mapping import Detection
from jobpilot.models.snapshot import FrameInfo
from jobpilot.vocabulary import FieldKey as K
from jobpilot_ats_successfactors import detect_ats, map_fields, markup, urls
from jobpilot_ats_successfactors.mapping import map_field

POSITIVES = [
    "https://career4.successfactors.com/career?company=acme&career_ns=job_listing&career_job_req_id=55",
    "https://career2.successfactors.eu/career?company=acmeP&career_ns=login",
    "https://career012.successfactors.eu/careers?company=acme",
    "https://career5.sapsf.com/career?company=acme",
    "https://career10.sapsf.eu/sfcareer/jobreqcareer?jobId=55&company=acme",
]
NEGATIVES = [
    "https://www.successfactors.com/products/recruiting.html",
    "https://www.sap.com/products/hcm/recruiting-software.html",
    "https://help.sap.com/docs/successfactors-recruiting",
    "https://performancemanager4.successfactors.com/sf/home?company=acme",
    "https://career4.successfactors.com.evil.test/career?company=acme",
    "https://boards.greenhouse.io/acme/jobs/1",
]


@pytest.mark.parametrize("url", POSITIVES)
def test_career_sites_by_url(url: str) -> None:
    d = detect_ats(url=url, snapshot=None)
    assert d is not None and d.ats == "successfactors" and d.confidence == 0.9
    assert d.company in ("acme", "acmep")


@pytest.mark.parametrize("url", NEGATIVES)
def test_vendor_employee_and_lookalike_hosts_are_not(url: str) -> None:
    assert detect_ats(url=url, snapshot=None) is None


def test_tenant_is_host_and_company() -> None:
    u = urls.parse(
        "https://career4.successfactors.com/career?company=Acme&career_job_req_id=55&career_ns=login"
    )
    assert (
        u is not None
        and u.tenant_key == "career4.successfactors.com/acme"
        and u.job_id == "55"
        and u.page == "login"
    )


def test_page_alone_and_company_frames(sf: Any) -> None:
    company = "https://jobs.acme.example/job/Portland-Engineer/55/"
    classic = sf.snap(
        url=company, element_ids=["careerform", "career_ns", "career_company", "renderCareerTopNav"]
    )
    d = detect_ats(url=company, snapshot=classic)
    assert d is not None and d.ats == "successfactors" and d.confidence == 0.85
    csb = sf.snap(url=company, scripts=["https://rmkcdn.successfactors.com/abc/js/jquery.js"])
    d = detect_ats(url=company, snapshot=csb)
    assert d is not None and d.confidence == 0.72
    framed = sf.snap(url=company, frames=[FrameInfo(path="x0", url=urls_example())])
    d = detect_ats(url=company, snapshot=framed)
    assert d is not None and d.confidence == 0.94 and d.company == "acme"
    plain = sf.snap(sf.ui5("e1", "firstName"), url=company)  # UI5 alone is any SAP app
    assert detect_ats(url=company, snapshot=plain) is None


def urls_example() -> str:
    return "https://career4.successfactors.com/career?company=acme&career_ns=job_listing&career_job_req_id=55"


@pytest.mark.parametrize(
    ("field_id", "key"),
    [
        ("firstName", K.FIRST_NAME),
        ("lastName", K.LAST_NAME),
        ("contactEmail", K.EMAIL),
        ("cellPhone", K.PHONE),
        ("address", K.ADDRESS_STREET),
        ("city", K.ADDRESS_CITY),
        ("zip", K.ADDRESS_POSTAL_CODE),
        ("linkedinUrl", K.LINKS_LINKEDIN),
        ("gender", K.EEO_GENDER),
        ("ethnicity", K.EEO_RACE),
        ("veteranStatus", K.EEO_VETERAN_STATUS),
        ("disabilityStatus", K.EEO_DISABILITY_STATUS),
    ],
)
def test_ui5_fields_by_their_successfactors_id(sf: Any, field_id: str, key: K) -> None:
    m = map_field(sf.ui5("e1", field_id))
    assert m is not None and m.key == key


def test_ui5_suffixes_rows_and_non_fields(sf: Any) -> None:
    country = sf.ui5("e1", "country", type="combobox", suffix="", tag="div")
    resume = sf.ui5("e2", "resume", type="file", suffix="-fu")
    name_box = sf.ui5("e3", "resume", suffix="-fu_input-inner")
    consent = sf.ui5("e4", "dataPrivacyAccept", type="checkbox", suffix="-CB")
    employer0 = sf.ui5("e5", "employer-__xmlview0--workRows-0")
    title1 = sf.ui5("e6", "title-__xmlview0--workRows-1")
    degree0 = sf.ui5("e7", "degree-__xmlview0--eduRows-0", type="combobox", suffix="", tag="div")
    got = {f.ref: map_field(f) for f in (country, resume, name_box, consent, employer0, title1, degree0)}
    assert {r: (m.key if m else None) for r, m in got.items()} == {
        "e1": K.ADDRESS_COUNTRY,
        "e2": K.RESUME,
        "e3": K.UNKNOWN,
        "e4": K.CONSENT,
        "e5": K.CURRENT_COMPANY,
        "e6": K.QUESTION,
        "e7": K.EDUCATION_DEGREE,
    }
    assert markup.row_of(title1) == markup.RowPosition("work", 1, "title")


def test_classic_pages(sf: Any) -> None:
    cases = {
        "fbclc_userName": K.EMAIL,
        "fbclc_emailConf": K.EMAIL,
        "fbclc_fName": K.FIRST_NAME,
        "fbclc_country": K.ADDRESS_COUNTRY,
        "dataPrivacyId": K.CONSENT,
        "username": K.EMAIL,
        "mailjob_friend_email": K.UNKNOWN,
        "jobAlertName": K.UNKNOWN,
    }
    for fid, key in cases.items():
        m = map_field(sf.classic("e1", fid))
        assert m is not None and m.key == key, fid
    for fid in ("fbclc_pwd", "password"):
        m = map_field(sf.classic("e1", fid, type="password"))
        assert m is not None and m.key == K.UNKNOWN and m.confidence >= 0.99
    assert map_field(sf.ui5("e1", "q_4101", type="combobox", suffix="", tag="div")) is None


def test_hook_only_on_successfactors_pages(sf: Any) -> None:
    s = sf.snap(sf.ui5("e1", "firstName"))
    assert map_fields(snapshot=s, detection=Detection(ats="icims", confidence=0.9)) is None
    got = map_fields(snapshot=s, detection=Detection(ats="successfactors", confidence=0.98))
    assert got is not None and got[0].key == K.FIRST_NAME


def test_rate_limits_count_per_company_not_per_data_centre() -> None:
    from jobpilot.storage.db import site_of

    a = site_of("https://career4.successfactors.com/career?company=Acme&career_ns=job_listing")
    b = site_of("https://career4.successfactors.com/career?company=other&career_ns=job_listing")
    assert a == "career4.successfactors.com/acme" and b != a

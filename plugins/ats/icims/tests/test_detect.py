"""Detection: iCIMS portals by URL, framed portals on company pages, and the page alone."""

from __future__ import annotations

from typing import Any

import pytest
from jobpilot.models.snapshot import FrameInfo
from jobpilot_ats_icims import detect_ats, urls

POSITIVES = [
    "https://careers-acme.icims.com/jobs/1234/data-analyst/job",
    "https://careers-acme.icims.com/jobs/1234/data-analyst/login?in_iframe=1",
    "https://jobs-acme.icims.com/jobs/intro",
    "https://uscareers-big-co.icims.com/jobs/search?ss=1",
    "https://externalcareers-acme.icims.com/",
    "http://us-acme.icims.com/jobs/99/x/candidate?in_iframe=1&hashed=1",
]
NEGATIVES = [
    "https://www.icims.com/products/applicant-tracking/",
    "https://community.icims.com/articles/HowTo/Candidate-Guide",
    "https://developer-community.icims.com/applications",
    "https://login-acme.icims.com/",
    "https://cdn02.icims.com/a/images.icims.com/script/icims.js",
    "https://careers-acme.icims.com.evil.test/jobs/1/x/job",
    "https://careers-acme-icims.com/jobs/1/x/job",
    "https://icims.com/jobs/1/x/job",
    "ftp://careers-acme.icims.com/jobs/1/x/job",
    "https://boards.greenhouse.io/acme/jobs/1",
]


@pytest.mark.parametrize("url", POSITIVES)
def test_portals_are_icims_by_url(url: str) -> None:
    d = detect_ats(url=url, snapshot=None)
    assert d is not None and d.ats == "icims" and d.confidence == 0.9
    assert d.company in ("acme", "big-co")


@pytest.mark.parametrize("url", NEGATIVES)
def test_vendor_asset_recruiter_and_lookalike_hosts_are_not(url: str) -> None:
    assert detect_ats(url=url, snapshot=None) is None


def test_url_parts() -> None:
    p = urls.parse("https://careers-acme.icims.com/jobs/1234/data-analyst/questions?in_iframe=1")
    assert p is not None and (p.customer, p.job_id, p.step, p.in_iframe) == (
        "acme",
        "1234",
        "questions",
        True,
    )
    assert p.tenant_key == "careers-acme.icims.com"
    job = urls.parse("https://careers-acme.icims.com/jobs/1234/data-analyst")
    assert job is not None and job.step == "job"


def test_markup_raises_the_portal_confidence(ic: Any) -> None:
    s = ic.snap(ic.field("e1", "-1_PersonProfileFields.FirstName"), ic.field("e2", "-1_rcf3001"))
    d = detect_ats(url=s.url, snapshot=s)
    assert d is not None and d.confidence == 0.98 and "PersonProfileFields" in d.reason


def test_company_page_framing_a_portal(ic: Any) -> None:
    frame = FrameInfo(path="x0", url="https://careers-acme.icims.com/jobs/1234/analyst/login?in_iframe=1")
    bare = ic.snap(url="https://www.acme.example/careers", frames=[frame])
    d = detect_ats(url=bare.url, snapshot=bare)
    assert d is not None and d.ats == "icims" and d.confidence == 0.94 and d.job_id == "1234"
    form = ic.snap(ic.field("x0:e1", "css_loginName", frame="x0"), url=bare.url, frames=[frame])
    d = detect_ats(url=form.url, snapshot=form)
    assert d is not None and d.confidence == 0.96


def test_page_alone_needs_icims_own_conventions(ic: Any) -> None:
    company = "https://careers.acme.example/apply"
    plain = ic.snap(ic.field("e1", "first_name", wrapper="row"), url=company)
    assert detect_ats(url=company, snapshot=plain) is None
    strong = ic.snap(
        ic.field("e1", "-1_PersonProfileFields.FirstName"), url=company, element_ids=["iCIMS_Header"]
    )
    d = detect_ats(url=company, snapshot=strong)
    assert d is not None and d.ats == "icims" and d.confidence == 0.85
    framed_id = ic.snap(url=company, element_ids=["icims_content_iframe"])
    assert detect_ats(url=company, snapshot=framed_id).confidence == 0.85  # type: ignore[union-attr]
    jibe = ic.snap(url=company, scripts=["https://analytics.jibecdn.com/prod/jibe.analytics.js"])
    d = detect_ats(url=company, snapshot=jibe)
    assert d is not None and d.confidence == 0.72


def test_vendor_site_is_marketing_even_with_icims_markup(ic: Any) -> None:
    www = "https://www.icims.com/customers/"
    demo = ic.snap(ic.field("e1", "-1_PersonProfileFields.FirstName"), url=www, element_ids=["iCIMS_Header"])
    assert detect_ats(url=www, snapshot=demo) is None
    frame = FrameInfo(path="0", url="https://careers-icims.icims.com/jobs/5/x/login?in_iframe=1")
    real = ic.snap(ic.field("e1", "css_loginName", frame="0"), url=www, frames=[frame])
    d = detect_ats(url=www, snapshot=real)
    assert d is not None and d.ats == "icims"

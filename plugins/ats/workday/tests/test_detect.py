"""Detection: Workday candidate sites by URL shape, confirmed by markup; everything else None."""

from __future__ import annotations

from typing import Any

import pytest
from jobpilot_ats_workday import detect_ats, urls

POSITIVES = [
    "https://acme.wd1.myworkdayjobs.com/en-US/Careers/job/Austin-TX/Data-Analyst_R-1024",
    "https://acme.wd3.myworkdayjobs.com/Careers/job/Austin-TX/Data-Analyst_JR00123-2/apply",
    "https://big-co.wd5.myworkdayjobs.com/en-US/External/job/Remote/Engineer_REQ123/apply/applyManually",
    "https://acme.wd12.myworkdayjobs.com/fr-FR/Site/details/Analyst_R77?q=x",
    "https://acme.wd103.myworkdayjobs.com/Careers",
    "https://acme.wd501.myworkdayjobs.com/en-US/Careers/job/X/Y_R1/apply/useMyLastApplication",
    "https://wd3.myworkdaysite.com/recruiting/acme/External/job/Austin-TX/Analyst_R-1",
    "https://wd5.myworkdaysite.com/en-US/recruiting/acme/External/job/Austin-TX/Analyst_R-1/apply",
]
NEGATIVES = [
    "https://www.workday.com/en-us/products/talent-management/recruiting.html",
    "https://community.workday.com/node/12345",
    "https://doc.workday.com/admin-guide/en-us/recruiting.html",
    "https://wd5.myworkday.com/acme/d/home.htmld",  # an employee tenant, not a candidate site
    "https://acme.wd5.myworkdayjobs.com.evil.test/en-US/Careers/job/X/Y_R1",
    "https://myworkdayjobs.com.evil.test/acme",
    "https://acme.wd5.myworkdayjobs.co/en-US/Careers",
    "https://acme-myworkdayjobs.com/en-US/Careers",
    "https://wd3.myworkdaysite.com/about",
    "ftp://acme.wd5.myworkdayjobs.com/x",
    "https://boards.greenhouse.io/acme/jobs/1",
]


@pytest.mark.parametrize("url", POSITIVES)
def test_candidate_sites_are_workday(url: str) -> None:
    d = detect_ats(url=url, snapshot=None)
    assert d is not None and d.ats == "workday" and d.confidence == 0.9
    assert d.company == "acme" or d.company == "big-co"


@pytest.mark.parametrize("url", NEGATIVES)
def test_vendor_help_employee_and_lookalike_hosts_are_not(url: str) -> None:
    assert detect_ats(url=url, snapshot=None) is None


def test_markup_raises_confidence_above_the_host_table(wd: Any) -> None:
    s = wd.snap(
        wd.field("e1", "email", wrapper="email"),
        buttons=[wd.button("b1", "Create Account", "createAccountSubmitButton")],
    )
    d = detect_ats(url=s.url, snapshot=s)
    assert d is not None and d.confidence > 0.9 and "createAccountSubmitButton" in d.reason


def test_markup_alone_on_another_host_needs_several_workday_hooks(wd: Any) -> None:
    one = wd.snap(wd.field("e1", "dateSectionMonth-input"), url="https://careers.example.org/apply")
    assert detect_ats(url=one.url, snapshot=one) is None
    many = wd.snap(
        wd.field("e1", "dateSectionMonth-input"),
        buttons=[
            wd.button("b1", "Save and Continue", "bottom-navigation-next-button"),
            wd.button("b2", "Apply", "adventureButton"),
        ],
        url="https://careers.example.org/apply",
    )
    d = detect_ats(url=many.url, snapshot=many)
    assert d is not None and d.confidence == 0.85


def test_url_parts() -> None:
    u = urls.parse(
        "https://acme.wd5.myworkdayjobs.com/en-US/Careers/job/Austin-TX/Data-Analyst_R-1024/apply/applyManually"
    )
    assert u is not None
    assert (u.tenant, u.data_center, u.site, u.job_id, u.apply_path) == (
        "acme",
        5,
        "Careers",
        "R-1024",
        "applyManually",
    )
    assert u.tenant_key == "acme.wd5.myworkdayjobs.com"
    s = urls.parse("https://wd3.myworkdaysite.com/recruiting/acme/External/job/Austin-TX/Analyst_JR9")
    assert s is not None and s.tenant == "acme" and s.job_id == "JR9" and s.apply_path is None
    assert s.tenant_key == "wd3.myworkdaysite.com/acme"
    assert (
        urls.parse("https://acme.wd5.myworkdayjobs.com/Careers/job/X/Machinist_r10093406").job_id
        == "r10093406"
    )


def test_workday_com_framing_its_own_site_needs_the_application_form(wd: Any) -> None:
    """workday.com's careers page frames its own candidate site: a job list is marketing,
    the apply form itself (in the frame) is an application."""
    from jobpilot.models.snapshot import FrameInfo

    frame = FrameInfo(path="x0", url="https://workday.wd5.myworkdayjobs.com/Workday/job/X/Y_R1/apply")
    url = "https://www.workday.com/en-us/company/careers/overview.html"
    listing = wd.snap(url=url).model_copy(update={"frames": [frame]})
    assert detect_ats(url=url, snapshot=listing) is None
    fields = [
        wd.field("x0:e1", "email", wrapper="email", frame="x0"),
        wd.field("x0:e2", "password", wrapper="password", frame="x0", type="password"),
        wd.field("x0:e3", "createAccountCheckbox", frame="x0", type="checkbox"),
        wd.field("x0:e4", "beecatcher", frame="x0"),
    ]
    submit = wd.button("x0:b1", "Create Account", "createAccountSubmitButton").model_copy(
        update={"frame": "x0"}
    )
    applying = listing.model_copy(update={"fields": fields, "buttons": [submit]})
    d = detect_ats(url=url, snapshot=applying)
    assert d is not None and d.ats == "workday"
    # The same markup in workday.com's own document is a demo, not an application.
    demo = wd.snap(
        *[f.model_copy(update={"frame": ""}) for f in fields],
        buttons=[submit.model_copy(update={"frame": ""})],
        url=url,
    )
    assert detect_ats(url=url, snapshot=demo) is None

"""Detection: SmartRecruiters job ads and one-click forms, never its own or look-alike sites."""

from __future__ import annotations

import pytest
from jobpilot.models.snapshot import Field, FormSnapshot, FrameInfo
from jobpilot_ats_smartrecruiters import detect_ats
from jobpilot_ats_smartrecruiters.detect import posting_of

ONECLICK = "https://jobs.smartrecruiters.com/oneclick-ui/company/Nordlicht/publication/0b6d1c7e-51a2-4c1e-9d3f-2a7b8c9d0e1f"


def sr_input(ref: str, host_id: str, hook: str, *, in_shadow: bool = True) -> Field:
    """A control as the one-click form renders it: inside an ``spl-input``'s shadow root,
    the host carrying the id, the ``oc-input`` wrapper the ``data-test`` hook."""
    return Field(
        ref=ref,
        tag="input",
        type="text",
        id=host_id,
        in_shadow=in_shadow,
        attrs={"class": "c-spl-input"},
        ancestors=[
            {"tag": "div", "class": "c-spl-input-wrapper"},
            {"tag": "spl-input", "id": host_id},
            {"tag": "oc-input", "data-test": hook},
        ],
    )


FORM = [
    sr_input("e1", "first-name-input", "personal-info-first-name-input"),
    sr_input("e2", "last-name-input", "personal-info-last-name-input"),
    sr_input("e3", "email-input", "personal-info-email-input"),
    sr_input("e4", "confirm-email-input", "personal-info-email-confirm-input"),
]


def snap(url: str, **kw: object) -> FormSnapshot:
    return FormSnapshot(url=url, **kw)  # type: ignore[arg-type]


def test_oneclick_url_and_markup() -> None:
    det = detect_ats(url=ONECLICK, snapshot=snap(ONECLICK, fields=FORM))
    assert det is not None and det.ats == "smartrecruiters" and det.confidence == 0.98
    assert det.company == "Nordlicht" and det.job_id == "0b6d1c7e-51a2-4c1e-9d3f-2a7b8c9d0e1f"


def test_oneclick_url_alone_beats_the_host_table() -> None:
    det = detect_ats(url=ONECLICK, snapshot=None)
    assert det is not None and 0.9 <= det.confidence < 0.98


@pytest.mark.parametrize(
    ("url", "company", "job"),
    [
        (
            "https://jobs.smartrecruiters.com/Nordlicht/744000012345678-data-engineer",
            "Nordlicht",
            "744000012345678",
        ),
        (
            "https://jobs.smartrecruiters.com/ni/Nordlicht/744000012345678-data-engineer?oga=true",
            "Nordlicht",
            "744000012345678",
        ),
    ],
)
def test_job_ads(url: str, company: str, job: str) -> None:
    det = detect_ats(url=url, snapshot=snap(url))
    assert det is not None and det.confidence >= 0.9
    assert (det.company, det.job_id) == (company, job)


def test_oga_job_url_renders_the_form() -> None:
    assert posting_of("https://jobs.smartrecruiters.com/Acme/744000012345678-x?oga=true").oneclick


@pytest.mark.parametrize(
    "url",
    [
        "https://www.smartrecruiters.com/",
        "https://www.smartrecruiters.com/about-us/careers/",
        "https://help.smartrecruiters.com/Candidate_Experience",
        "https://jobs.smartrecruiters.com.example.net/oneclick-ui/company/X/publication/1",
        "https://smartrecruiters-jobs.example.com/apply",
    ],
)
def test_vendor_and_lookalike_sites_are_not_applications(url: str) -> None:
    assert detect_ats(url=url, snapshot=snap(url)) is None
    assert detect_ats(url=url, snapshot=None) is None


def test_vendor_careers_page_framing_a_form_counts_only_for_the_frame() -> None:
    url = "https://www.smartrecruiters.com/about-us/careers/"
    frame = FrameInfo(path="x0", url=ONECLICK, same_origin=False)
    framed = [f.model_copy(update={"frame": "x0"}) for f in FORM]
    assert detect_ats(url=url, snapshot=snap(url, frames=[frame])) is None
    det = detect_ats(url=url, snapshot=snap(url, frames=[frame], fields=framed))
    assert det is not None and det.ats == "smartrecruiters"
    # The same form markup in the vendor's own document is a demo, not an application.
    assert detect_ats(url=url, snapshot=snap(url, fields=FORM)) is None


def test_company_page_framing_the_oneclick_form() -> None:
    url = "https://careers.nordlicht.example/jobs/data-engineer"
    frame = FrameInfo(path="x0", url=ONECLICK, same_origin=False)
    det = detect_ats(url=url, snapshot=snap(url, frames=[frame]))
    assert det is not None and det.confidence == 0.96 and det.company == "Nordlicht"


def test_page_alone_needs_several_smartrecruiters_conventions() -> None:
    url = "https://careers.nordlicht.example/apply/1"
    det = detect_ats(url=url, snapshot=snap(url, fields=FORM))
    assert det is not None and det.confidence == 0.85 and "oc-* one-click elements" in det.reason
    # A plain form with the same labels and a lone custom element is not SmartRecruiters.
    plain = [Field(ref="a", tag="input", type="text", id="first-name", label="First name")]
    assert detect_ats(url=url, snapshot=snap(url, fields=plain)) is None
    one = [sr_input("e1", "first-name-input", "personal-info-first-name-input", in_shadow=False)]
    assert detect_ats(url=url, snapshot=snap(url, fields=one)) is None


def test_job_ad_page_alone() -> None:
    url = "https://careers.nordlicht.example/job/744000012345678"
    det = detect_ats(
        url=url,
        snapshot=snap(
            url,
            meta={"sr:job-ad-id": "5b1e2c3d"},
            element_ids=["st-apply", "st-jobDescription"],
            scripts=["https://c.smartrecruiters.com/sr-jobad/static/1.0/jobad/js/jobad.min.js"],
        ),
    )
    assert det is not None and det.ats == "smartrecruiters"
    assert detect_ats(url=url, snapshot=snap(url, element_ids=["st-apply"])) is None

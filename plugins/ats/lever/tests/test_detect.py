"""Detection: Lever posting and form URLs, markup evidence, and everything that is not Lever."""

from __future__ import annotations

import jobpilot_ats_lever as lever
import pytest
from jobpilot.models.snapshot import Button, Field, FormSnapshot, FrameInfo
from jobpilot_ats_lever.detect import MARKUP_CONFIDENCE, URL_CONFIDENCE, parse_url

JOB = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"


@pytest.mark.parametrize(
    ("url", "is_form"),
    [
        (f"https://jobs.lever.co/acmerockets/{JOB}/apply", True),
        (f"https://jobs.lever.co/acmerockets/{JOB}", False),
        (f"https://jobs.lever.co/acmerockets/{JOB}/", False),
        (f"https://jobs.eu.lever.co/nordlys/{JOB}/apply?lever-source=LinkedIn", True),
        (f"http://jobs.lever.co/Acme-Rockets/{JOB.upper()}/apply", True),
    ],
)
def test_posting_and_form_urls_are_lever(url: str, is_form: bool) -> None:
    det = lever.detect_ats(url=url, snapshot=None)
    assert det is not None and det.ats == "lever" and det.confidence == URL_CONFIDENCE
    assert det.job_id == JOB
    where = parse_url(url)
    assert where is not None and where.is_form is is_form


@pytest.mark.parametrize(
    "url",
    [
        "https://www.lever.co/",
        "https://www.lever.co/job-seeker-support/",
        "https://help.lever.co/hc/en-us/articles/360042364412",
        "https://lever.co/pricing",
        f"https://jobs.clever.com/acme/{JOB}/apply",
        f"https://leverage.io/acme/{JOB}/apply",
        f"https://jobs.lever.co.evil.example/acme/{JOB}/apply",
        f"https://careers.acme.example/lever/{JOB}/apply",
        "https://jobs.lever.co/acmerockets",  # the list of openings, not a posting
        f"https://jobs.lever.co/acmerockets/{JOB}/thanks",
        "https://jobs.lever.co/acmerockets/not-a-uuid/apply",
        f"ftp://jobs.lever.co/acme/{JOB}/apply",
    ],
)
def test_other_pages_are_not_lever(url: str) -> None:
    assert lever.detect_ats(url=url, snapshot=None) is None


def test_markup_raises_confidence_above_url_alone() -> None:
    url = f"https://jobs.lever.co/acmerockets/{JOB}/apply"
    snap = FormSnapshot(
        url=url,
        element_ids=["application-form"],
        fields=[Field(ref="f1", tag="input", type="text", name="name", attrs={"data-qa": "name-input"})],
        buttons=[Button(ref="b1", text="Submit application", attrs={"data-qa": "btn-submit"})],
    )
    det = lever.detect_ats(url=url, snapshot=snap)
    assert det is not None and det.confidence == MARKUP_CONFIDENCE > URL_CONFIDENCE
    assert "markup" in det.reason


def test_lever_form_in_a_frame_on_a_company_site() -> None:
    snap = FormSnapshot(
        url="https://careers.acme.example/jobs/rocket-engineer",
        frames=[FrameInfo(path="0", url=f"https://jobs.lever.co/acme/{JOB}/apply", same_origin=False)],
    )
    det = lever.detect_ats(url=snap.url, snapshot=snap)
    assert det is not None and det.ats == "lever" and 0.8 < det.confidence < URL_CONFIDENCE


def test_lever_markup_without_a_lever_url_is_not_claimed() -> None:
    snap = FormSnapshot(
        url="https://careers.acme.example/apply",
        element_ids=["application-form"],
        fields=[Field(ref="f1", tag="input", type="text", name="name", attrs={"data-qa": "name-input"})],
    )
    assert lever.detect_ats(url=snap.url, snapshot=snap) is None

"""Detection: Lever posting and form URLs, markup evidence, and everything that is not Lever."""

from __future__ import annotations

import jobpilot_ats_lever as lever
import pytest
from jobpilot.models.snapshot import Button, Field, FormSnapshot, FrameInfo
from jobpilot_ats_lever.detect import (
    FRAME_CONFIDENCE,
    MARKUP_CONFIDENCE,
    PAGE_CONFIDENCE,
    URL_CONFIDENCE,
    parse_url,
)

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


def test_one_hook_and_the_form_id_without_a_lever_url_is_not_claimed() -> None:
    snap = FormSnapshot(
        url="https://careers.acme.example/apply",
        element_ids=["application-form"],
        fields=[Field(ref="f1", tag="input", type="text", name="name", attrs={"data-qa": "name-input"})],
    )
    assert lever.detect_ats(url=snap.url, snapshot=snap) is None


def _lever_form(url: str) -> FormSnapshot:
    """The classic Lever form as a company domain might serve it: hooks, cards, EEO names."""
    card = f"cards[{JOB}]"
    return FormSnapshot(
        url=url,
        element_ids=["application-form"],
        fields=[
            Field(ref="f1", tag="input", type="text", name="name", attrs={"data-qa": "name-input"}),
            Field(ref="f2", tag="input", type="email", name="email", attrs={"data-qa": "email-input"}),
            Field(ref="f3", tag="input", type="file", name="resume", attrs={"data-qa": "input-resume"}),
            Field(ref="f4", tag="textarea", name=f"{card}[field0]"),
            Field(ref="f5", tag="select", type="select-one", name="eeo[gender]"),
        ],
        buttons=[Button(ref="b1", text="Submit application", attrs={"data-qa": "btn-submit"})],
    )


def test_lever_form_markup_on_a_company_domain_is_lever_below_url_evidence() -> None:
    snap = _lever_form("https://careers.acme.example/jobs/rocket-engineer/apply")
    det = lever.detect_ats(url=snap.url, snapshot=snap)
    assert det is not None and det.ats == "lever" and det.confidence == PAGE_CONFIDENCE
    assert 0.8 < PAGE_CONFIDENCE < FRAME_CONFIDENCE < URL_CONFIDENCE
    assert "cards[<uuid>]" in det.reason


def test_generic_form_with_lever_like_names_is_not_lever() -> None:
    """Names and ids any hand-written form has: full name, e-mail, resume, an
    application-form id, a LinkedIn box and question wrappers. No Lever-own convention."""
    wrap = {"tag": "div", "class": "application-question"}
    snap = FormSnapshot(
        url="https://careers.acme.example/apply",
        element_ids=["application-form", "first_name", "email", "resume"],
        fields=[
            Field(ref="f1", tag="input", type="text", id="first_name", name="name", ancestors=[wrap]),
            Field(ref="f2", tag="input", type="email", id="email", name="email", ancestors=[wrap]),
            Field(ref="f3", tag="input", type="file", id="resume", name="resume", ancestors=[wrap]),
            Field(ref="f4", tag="input", type="url", name="urls[LinkedIn]", ancestors=[wrap]),
            Field(ref="f5", tag="select", type="select-one", name="eeo[gender]", ancestors=[wrap]),
        ],
        buttons=[Button(ref="b1", text="Submit", attrs={"data-qa": "btn-submit"})],
    )
    assert lever.detect_ats(url=snap.url, snapshot=snap) is None


def test_lever_vendor_site_needs_an_actual_lever_form() -> None:
    framed_list = FormSnapshot(
        url="https://www.lever.co/careers",
        frames=[FrameInfo(path="0", url=f"https://jobs.lever.co/lever/{JOB}/apply", same_origin=False)],
    )
    assert lever.detect_ats(url=framed_list.url, snapshot=framed_list) is None
    # Form markup in the vendor's own document is a demo, not an application.
    demo = _lever_form("https://www.lever.co/careers")
    assert lever.detect_ats(url=demo.url, snapshot=demo) is None
    framed = demo.model_copy(
        update={
            "frames": framed_list.frames,
            "fields": [f.model_copy(update={"frame": "0"}) for f in demo.fields],
        }
    )
    det = lever.detect_ats(url=framed.url, snapshot=framed)
    assert det is not None and det.ats == "lever" and det.confidence >= PAGE_CONFIDENCE


def test_generic_test_hooks_are_not_lever() -> None:
    """``data-qa`` names a test-hooked site may share with Lever (submit button, checkbox and
    choice groups, name and e-mail inputs) next to an application-form id and question
    wrappers: no hook only Lever uses, no cards or surveys, so not Lever."""
    wrap = {"tag": "li", "class": "application-question"}
    snap = FormSnapshot(
        url="https://careers.acme.example/apply",
        element_ids=["application-form"],
        fields=[
            Field(
                ref="f1",
                tag="input",
                type="text",
                name="name",
                attrs={"data-qa": "name-input"},
                ancestors=[wrap],
            ),
            Field(
                ref="f2",
                tag="input",
                type="email",
                name="email",
                attrs={"data-qa": "email-input"},
                ancestors=[wrap],
            ),
            Field(
                ref="f3",
                tag="input",
                type="tel",
                name="phone",
                attrs={"data-qa": "phone-input"},
                ancestors=[wrap],
            ),
            Field(ref="f4", tag="input", type="checkbox", name="skills", attrs={"data-qa": "checkboxes"}),
            Field(ref="f5", tag="input", type="radio", name="shift", attrs={"data-qa": "multiple-choice"}),
        ],
        buttons=[Button(ref="b1", text="Submit", attrs={"data-qa": "btn-submit"})],
    )
    assert lever.detect_ats(url=snap.url, snapshot=snap) is None

"""Detection: Ashby's URL shapes, the embed on company sites, and what is not Ashby."""

from __future__ import annotations

import pytest
from jobpilot.models.snapshot import Field, FormSnapshot, FrameInfo
from jobpilot_ats_ashby import detect_ats

ORG = "northwind-labs"
JOB = "0c9a4e2b-7d15-4f63-a8e0-5b2c1d3e4f60"
BOARD = f"https://jobs.ashbyhq.com/{ORG}"


def ashby_form(url: str) -> FormSnapshot:
    """A snapshot with Ashby's own markup: a system field inside its field-entry wrapper."""
    wrapper = {
        "tag": "div",
        "class": "ashby-application-form-field-entry",
        "data-field-path": "_systemfield_email",
    }
    email = Field(
        ref="e1",
        tag="input",
        type="email",
        id="_systemfield_email",
        name="_systemfield_email",
        label="Email",
        ancestors=[wrapper],
    )
    return FormSnapshot(url=url, fields=[email])


@pytest.mark.parametrize(
    ("url", "conf"),
    [
        (f"{BOARD}/{JOB}/application", 0.95),
        (f"{BOARD}/{JOB}", 0.95),
        (f"{BOARD}/{JOB}/application?utm_source=feed", 0.95),
        (f"{BOARD}/{JOB.upper()}/application", 0.95),
        (BOARD, 0.9),
    ],
)
def test_board_urls(url: str, conf: float) -> None:
    det = detect_ats(url=url, snapshot=None)
    assert det is not None and det.ats == "ashby" and det.confidence == conf
    assert det.company == ORG
    assert det.job_id == (None if url == BOARD else JOB)


def test_markup_raises_confidence_above_the_host_table() -> None:
    url = f"{BOARD}/{JOB}/application"
    det = detect_ats(url=url, snapshot=ashby_form(url))
    assert det is not None and det.confidence == 0.99 and "_systemfield_email" in det.reason


@pytest.mark.parametrize(
    "url",
    [
        "https://www.ashbyhq.com/",
        "https://ashbyhq.com/customers",
        "https://docs.ashbyhq.com/job-board-embed",
        "https://help.ashbyhq.com/hc/en-us",
        "https://app.ashbyhq.com/home",
        "https://jobs.ashbyhq.com/",
        "https://jobs.ashbyhq.com/api/non-user-graphql",
        f"https://jobs.ashbyhq.com.evil.example/{ORG}/{JOB}/application",
        f"https://jobs-ashbyhq.com/{ORG}/{JOB}/application",
        f"https://ashbyhq.co/{ORG}/{JOB}",
        "https://careers.example.org/jobs?gh_jid=123",
    ],
)
def test_not_application_pages(url: str) -> None:
    assert detect_ats(url=url, snapshot=None) is None
    assert detect_ats(url=url, snapshot=FormSnapshot(url=url)) is None


@pytest.mark.parametrize("host", ["www.ashbyhq.com", "ashbyhq.com", "docs.ashbyhq.com", "app.ashbyhq.com"])
def test_ashby_own_sites_are_never_applications_even_with_form_markup(host: str) -> None:
    url = f"https://{host}/demo"
    assert detect_ats(url=url, snapshot=ashby_form(url)) is None


def test_ashby_markup_on_a_custom_job_board_domain() -> None:
    url = f"https://jobs.northwind.example/{JOB}/application"
    det = detect_ats(url=url, snapshot=ashby_form(url))
    assert det is not None and det.ats == "ashby" and det.confidence == 0.9


CAREERS = f"https://careers.northwind.example/jobs?ashby_jid={JOB}"


def test_embed_with_iframe() -> None:
    snap = FormSnapshot(
        url=CAREERS,
        frames=[FrameInfo(path="0", url=f"{BOARD}/{JOB}/application?embed=js", same_origin=False)],
    )
    det = detect_ats(url=CAREERS, snapshot=snap)
    assert det is not None and (det.ats, det.company, det.job_id) == ("ashby", ORG, JOB)
    assert det.confidence >= 0.95


def test_embed_with_script_and_container_only() -> None:
    snap = FormSnapshot(url=CAREERS, scripts=[f"{BOARD}/embed?version=2"], element_ids=["ashby_embed"])
    det = detect_ats(url=CAREERS, snapshot=snap)
    assert det is not None and det.job_id == JOB and det.company == ORG and det.confidence >= 0.95


def test_embed_container_without_script() -> None:
    snap = FormSnapshot(url=CAREERS, element_ids=["ashby_embed"])
    det = detect_ats(url=CAREERS, snapshot=snap)
    assert det is not None and det.job_id == JOB and det.confidence >= 0.95


def test_board_embed_without_a_posting() -> None:
    url = "https://careers.northwind.example/jobs"
    det = detect_ats(url=url, snapshot=FormSnapshot(url=url, scripts=[f"{BOARD}/embed"]))
    assert det is not None and det.job_id is None and det.confidence == 0.9


def test_ashby_jid_alone() -> None:
    assert detect_ats(url=CAREERS, snapshot=None).confidence == 0.75  # type: ignore[union-attr]
    # a page that carries the parameter but shows no Ashby embed at all is not Ashby
    assert detect_ats(url=CAREERS, snapshot=FormSnapshot(url=CAREERS)) is None


def test_other_embeds_are_not_ashby() -> None:
    url = "https://careers.northwind.example/jobs?gh_jid=42"
    snap = FormSnapshot(
        url=url, element_ids=["grnhse_app"], scripts=["https://boards.greenhouse.io/embed/job_board/js"]
    )
    assert detect_ats(url=url, snapshot=snap) is None

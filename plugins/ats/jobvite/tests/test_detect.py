"""Detection: Jobvite careers sites and apply pages, embeds; never Jobvite's own sites."""

from __future__ import annotations

import pytest
from jobpilot.models.snapshot import Button, Field, FormSnapshot, FrameInfo
from jobpilot_ats_jobvite import detect_ats

APPLY = "https://jobs.jobvite.com/tallgrass/job/oQ3xYfwZ/apply"


def jv(ref: str, name: str, **kw: object) -> Field:
    return Field(
        ref=ref,
        tag="input",
        type="text",
        id=f"jv-field-{name}",
        name=name,
        ancestors=[
            {"tag": "div", "class": "jv-form-field"},
            {"tag": "form", "class": "jv-form jv-apply-form"},
        ],
        **kw,  # type: ignore[arg-type]
    )


FORM = [jv("e1", "firstName"), jv("e2", "lastName"), jv("e3", "email")]
BUTTONS = [Button(ref="b1", text="Next", attrs={"class": "jv-button jv-button-primary"})]


def snap(url: str, **kw: object) -> FormSnapshot:
    return FormSnapshot(url=url, **kw)  # type: ignore[arg-type]


def test_apply_url_and_form() -> None:
    det = detect_ats(url=APPLY, snapshot=snap(APPLY, fields=FORM, buttons=BUTTONS))
    assert det is not None and det.ats == "jobvite" and det.confidence == 0.98
    assert (det.company, det.job_id) == ("tallgrass", "oQ3xYfwZ")


@pytest.mark.parametrize(
    ("url", "conf", "job"),
    [
        (APPLY, 0.93, "oQ3xYfwZ"),
        ("https://jobs.jobvite.com/tallgrass/job/oQ3xYfwZ", 0.9, "oQ3xYfwZ"),
        ("https://jobs.jobvite.com/tallgrass/jobs", 0.85, None),
        ("https://jobs.jobvite.com/careers/tallgrass/jobs", 0.85, None),
    ],
)
def test_jobvite_urls(url: str, conf: float, job: str | None) -> None:
    det = detect_ats(url=url, snapshot=None)
    assert det is not None and det.confidence == conf and det.job_id == job


@pytest.mark.parametrize(
    "url",
    [
        "https://www.jobvite.com/",
        "https://www.jobvite.com/customers/",
        "https://app.jobvite.com/login",
        "https://hire.jobvite.com/CompanyJobs/Careers.aspx",
        "https://support.jobvite.com/hc/en-us",
    ],
)
def test_vendor_sites_even_with_a_form_in_their_own_document(url: str) -> None:
    assert detect_ats(url=url, snapshot=snap(url, fields=FORM, buttons=BUTTONS)) is None


def test_lookalikes() -> None:
    for url in (
        "https://jobs.jobvite.com.example.net/x/job/oQ3xYfwZ/apply",
        "https://myjobvite.example/apply",
    ):
        assert detect_ats(url=url, snapshot=snap(url)) is None


def test_frame_and_loader_on_a_company_site() -> None:
    url = "https://www.tallgrass.example/careers"
    frame = FrameInfo(path="x0", url=APPLY + "?nl=0", same_origin=False, id="jobviteframe")
    det = detect_ats(url=url, snapshot=snap(url, frames=[frame]))
    assert det is not None and det.confidence == 0.96 and det.job_id == "oQ3xYfwZ"
    loader = snap(
        url,
        element_ids=["jobviteframe"],
        scripts=["https://jobs.jobvite.com/__assets__/scripts/careersite/public/iframe.js"],
    )
    det = detect_ats(url=url, snapshot=loader)
    assert det is not None and det.confidence == 0.9


def test_page_alone() -> None:
    url = "https://careers.tallgrass.example/job/oQ3xYfwZ/apply"
    det = detect_ats(url=url, snapshot=snap(url, fields=FORM, buttons=BUTTONS))
    assert det is not None and det.confidence == 0.85
    search = [
        Field(
            ref="s",
            tag="input",
            type="search",
            id="jv-search-keyword",
            ancestors=[{"tag": "form", "class": "jv-search-form jv-form"}],
        ),
        Field(
            ref="r",
            tag="select",
            type="select-one",
            id="jv-search-region",
            ancestors=[{"tag": "form", "class": "jv-search-form jv-form"}],
        ),
    ]
    assert detect_ats(url=url, snapshot=snap(url, fields=search)) is not None
    plain = [Field(ref="a", tag="input", type="text", name="firstName", id="firstName")]
    assert detect_ats(url=url, snapshot=snap(url, fields=plain)) is None

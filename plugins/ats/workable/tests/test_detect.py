"""Detection: Workable applications, careers pages and embeds; never Workable's own sites."""

from __future__ import annotations

import pytest
from jobpilot.models.snapshot import Button, Field, FormSnapshot, FrameInfo
from jobpilot_ats_workable import detect_ats

APPLY = "https://apply.workable.com/brightfern/j/4C7D2E91AB/apply"


def wk(ref: str, ui: str, *, type: str = "text", **kw: object) -> Field:
    return Field(ref=ref, tag="input", type=type, attrs={"data-ui": ui, "class": "styles--3Xb7q"}, **kw)  # type: ignore[arg-type]


FORM = [
    wk("e1", "firstname", id="firstname", name="firstname"),
    wk("e2", "lastname", id="lastname", name="lastname"),
    wk("e3", "email", id="email", name="email", type="email"),
    wk("e4", "resume", id="input_files_input_Zq81", type="file"),
    Field(
        ref="e5",
        tag="textarea",
        type="textarea",
        id="QA_4410021",
        name="QA_4410021",
        attrs={"class": "styles--3Xb7q"},
    ),
]


def snap(url: str, **kw: object) -> FormSnapshot:
    return FormSnapshot(url=url, **kw)  # type: ignore[arg-type]


def test_apply_url_and_form() -> None:
    det = detect_ats(url=APPLY, snapshot=snap(APPLY, fields=FORM))
    assert det is not None and det.ats == "workable" and det.confidence == 0.98
    assert (det.company, det.job_id) == ("brightfern", "4C7D2E91AB")


@pytest.mark.parametrize(
    ("url", "low", "job"),
    [
        (APPLY, 0.93, "4C7D2E91AB"),
        ("https://apply.workable.com/brightfern/j/4C7D2E91AB/", 0.9, "4C7D2E91AB"),
        ("https://apply.workable.com/brightfern/", 0.85, None),
        ("https://brightfern.workable.com/j/4C7D2E91AB/apply", 0.93, "4C7D2E91AB"),
        ("https://apply.workable.com/j/4C7D2E91AB/apply", 0.93, "4C7D2E91AB"),
    ],
)
def test_workable_urls(url: str, low: float, job: str | None) -> None:
    det = detect_ats(url=url, snapshot=None)
    assert det is not None and det.confidence == low and det.job_id == job


@pytest.mark.parametrize(
    "url",
    [
        "https://www.workable.com/",
        "https://workable.com/pricing",
        "https://resources.workable.com/job-descriptions",
        "https://help.workable.com/hc/en-us",
        "https://jobseekers.workable.com/hc/en-us/articles/1",
    ],
)
def test_vendor_sites_even_with_a_form_in_their_own_document(url: str) -> None:
    assert detect_ats(url=url, snapshot=snap(url, fields=FORM)) is None
    assert detect_ats(url=url, snapshot=None) is None


@pytest.mark.parametrize(
    "url",
    [
        "https://apply.workable.com.example.org/brightfern/j/4C7D2E91AB/apply",
        "https://notworkable.com/j/4C7D2E91AB/apply",
    ],
)
def test_lookalike_hosts_are_other_domains(url: str) -> None:
    assert detect_ats(url=url, snapshot=None) is None
    assert detect_ats(url=url, snapshot=snap(url)) is None


def test_frame_and_widget_on_a_company_site() -> None:
    url = "https://www.brightfern.example/careers"
    frame = FrameInfo(path="x0", url=APPLY, same_origin=False)
    det = detect_ats(url=url, snapshot=snap(url, frames=[frame]))
    assert det is not None and det.confidence == 0.96 and det.job_id == "4C7D2E91AB"
    widget = snap(url, element_ids=["whr_embed_hook"], scripts=["https://www.workable.com/assets/embed.js"])
    det = detect_ats(url=url, snapshot=widget)
    assert det is not None and det.confidence == 0.9


def test_page_alone() -> None:
    url = "https://jobs.brightfern.example/apply/data-analyst"
    det = detect_ats(url=url, snapshot=snap(url, fields=FORM))
    assert det is not None and det.confidence == 0.85
    # firstname/lastname ids and a gdpr box are what any form may have.
    plain = [
        Field(ref="a", tag="input", type="text", id="firstname", name="firstname"),
        Field(ref="b", tag="input", type="text", id="lastname", name="lastname"),
        Field(ref="c", tag="input", type="checkbox", name="gdpr"),
    ]
    assert detect_ats(url=url, snapshot=snap(url, fields=plain)) is None


def test_careers_page_alone() -> None:
    url = "https://careers.brightfern.example/"
    fields = [
        wk("s", "search-jobs", type="search"),
        Field(
            ref="f",
            tag="input",
            type="combobox",
            id="locations-filter_input",
            ancestors=[{"tag": "div", "data-ui": "locations-filter"}],
        ),
    ]
    det = detect_ats(url=url, snapshot=snap(url, fields=fields, element_ids=["4C7D2E91AB_posted_on"]))
    assert det is not None and det.ats == "workable"
    buttons = [Button(ref="b", text="Submit application", attrs={"data-ui": "apply-button"})]
    assert detect_ats(url=url, snapshot=snap(url, buttons=buttons)) is None

"""Detection: Greenhouse job boards and embeds, never Greenhouse's own or look-alike sites."""

from __future__ import annotations

import pytest
from jobpilot.models.snapshot import Field, FormSnapshot, FrameInfo
from jobpilot_ats_greenhouse import detect_ats
from jobpilot_ats_greenhouse.detect import posting_of


def snap(url: str, **kw: object) -> FormSnapshot:
    return FormSnapshot(url=url, **kw)  # type: ignore[arg-type]


REACT_FORM = {
    "element_ids": ["application-form", "first_name", "email", "resume"],
    "fields": [Field(ref="e1", tag="input", type="text", id="first_name")],
}


@pytest.mark.parametrize(
    "url",
    [
        "https://job-boards.greenhouse.io/acme/jobs/4012345005",
        "https://boards.greenhouse.io/acme/jobs/4012345005",
        "https://job-boards.eu.greenhouse.io/acme/jobs/4012345005",
        "https://boards.eu.greenhouse.io/acme/jobs/4012345005?gh_src=abc",
        "https://job-boards.greenhouse.io/embed/job_app?for=acme&token=4012345005",
    ],
)
def test_board_urls_with_the_form_are_greenhouse(url: str) -> None:
    det = detect_ats(url=url, snapshot=snap(url, **REACT_FORM))
    assert det is not None and det.ats == "greenhouse" and det.confidence >= 0.95
    assert det.company == "acme" and det.job_id == "4012345005"


def test_board_url_alone_beats_the_host_table() -> None:
    det = detect_ats(url="https://boards.greenhouse.io/acme/jobs/1", snapshot=None)
    assert det is not None and 0.8 < det.confidence < 0.95


def test_classic_form_markup() -> None:
    url = "https://boards.greenhouse.io/acme/jobs/77"
    fields = [Field(ref="e1", tag="input", type="text", name="job_application[first_name]")]
    det = detect_ats(url=url, snapshot=snap(url, fields=fields))
    assert det is not None and det.confidence >= 0.95


def test_embed_iframe_on_a_company_domain() -> None:
    url = "https://careers.example.com/jobs/?gh_jid=4012345005"
    frame = FrameInfo(
        path="x0",
        url="https://job-boards.greenhouse.io/embed/job_app?for=acme&token=4012345005",
        same_origin=False,
    )
    det = detect_ats(url=url, snapshot=snap(url, frames=[frame], element_ids=["grnhse_app", "grnhse_iframe"]))
    assert det is not None and det.ats == "greenhouse" and det.confidence >= 0.95
    assert (det.company, det.job_id) == ("acme", "4012345005")


def test_embed_loader_script_with_container_or_gh_jid() -> None:
    script = "https://boards.greenhouse.io/embed/job_board/js?for=acme"
    url = "https://www.example.com/careers?gh_jid=123"
    det = detect_ats(url=url, snapshot=snap(url, scripts=[script]))
    assert det is not None and det.confidence >= 0.9 and det.job_id == "123" and det.company == "acme"
    det2 = detect_ats(
        url="https://www.example.com/careers",
        snapshot=snap("https://www.example.com/careers", scripts=[script], element_ids=["grnhse_app"]),
    )
    assert det2 is not None and det2.confidence >= 0.9


def test_gh_jid_without_greenhouse_evidence_is_not_enough() -> None:
    url = "https://www.example.com/careers?gh_jid=123"
    assert detect_ats(url=url, snapshot=snap(url)) is None
    assert detect_ats(url=url, snapshot=None) is None


@pytest.mark.parametrize(
    "url",
    [
        "https://www.greenhouse.com/",
        "https://www.greenhouse.com/careers/opportunities",
        "https://greenhouse.io/",
        "https://support.greenhouse.io/hc/en-us/articles/360027858591",
        "https://help.greenhouse.io/candidates",
        "https://app.greenhouse.io/jobapps/123",
        "https://developers.greenhouse.io/job-board.html",
    ],
)
def test_vendor_marketing_and_help_pages_are_not_applications(url: str) -> None:
    embed_widget = snap(
        url,
        scripts=["https://boards.greenhouse.io/embed/job_board/js?for=greenhouse"],
        element_ids=["grnhse_app"],
    )
    assert detect_ats(url=url, snapshot=embed_widget) is None
    assert detect_ats(url=url, snapshot=None) is None


@pytest.mark.parametrize(
    "url",
    [
        "https://boards.greenhouse.io.evil.example/acme/jobs/1",
        "https://job-boards-greenhouse.io/acme/jobs/1",
        "https://notgreenhouse.io/acme/jobs/1",
        "https://greenhouse.example.com/acme/jobs/1",
    ],
)
def test_look_alike_hosts_are_not_greenhouse(url: str) -> None:
    assert detect_ats(url=url, snapshot=snap(url, **REACT_FORM)) is None


def test_posting_of() -> None:
    assert posting_of("https://boards.greenhouse.io/acme/jobs/42").job_id == "42"
    assert posting_of("https://x.example/jobs?gh_jid=abc").job_id is None


def _react_fields() -> list[Field]:
    """The job-boards form's conventions: system ids inside ``application--questions``,
    a react-select custom question ``question_<id>``, the S3-free resume upload."""
    wrap = {"tag": "div", "class": "application--questions"}
    select = {"tag": "div", "class": "select__control remix-x-control"}
    return [
        Field(
            ref="e1",
            tag="input",
            type="text",
            id="first_name",
            ancestors=[{"tag": "div", "class": "field-wrapper"}, wrap],
        ),
        Field(ref="e2", tag="input", type="text", id="last_name", ancestors=[wrap]),
        Field(ref="e3", tag="input", type="email", id="email", ancestors=[wrap]),
        Field(ref="e4", tag="input", type="file", id="resume"),
        Field(ref="e5", tag="input", type="combobox", id="question_40123456005", ancestors=[select, wrap]),
    ]


def test_react_form_markup_on_a_company_domain_is_greenhouse_below_url_evidence() -> None:
    url = "https://careers.acme.example/jobs/platform-engineer"
    det = detect_ats(url=url, snapshot=snap(url, fields=_react_fields(), element_ids=["application-form"]))
    assert det is not None and det.ats == "greenhouse" and det.confidence == 0.85
    assert "question_<id>" in det.reason


def test_classic_form_markup_on_a_company_domain() -> None:
    url = "https://careers.acme.example/apply/77"
    fields = [
        Field(ref="e1", tag="input", type="text", id="first_name", name="job_application[first_name]"),
        Field(ref="e2", tag="input", type="email", id="email", name="job_application[email]"),
        Field(ref="e3", tag="input", type="file", id="s3_upload_for_resume", name="file"),
    ]
    det = detect_ats(url=url, snapshot=snap(url, fields=fields, element_ids=["application_form"]))
    assert det is not None and det.ats == "greenhouse" and det.confidence == 0.85


def test_embed_container_and_gh_jid_without_the_loader_script() -> None:
    url = "https://www.acme.example/careers/opening?gh_jid=4012345005"
    det = detect_ats(url=url, snapshot=snap(url, element_ids=["grnhse_app"]))
    assert det is not None and det.ats == "greenhouse" and det.confidence == 0.85
    assert det.job_id == "4012345005"
    # The container alone is a placeholder some theme left behind, not a posting.
    plain = "https://www.acme.example/careers/opening"
    assert detect_ats(url=plain, snapshot=snap(plain, element_ids=["grnhse_app"])) is None


def test_generic_form_with_greenhouse_like_ids_is_not_greenhouse() -> None:
    """What any careers form may carry: first_name/last_name/email/phone/resume ids, an
    application-form id, react-select dropdowns, short question ids, EEO-ish ids."""
    select = {"tag": "div", "class": "select__control css-1abc-control"}
    fields = [
        Field(ref="e1", tag="input", type="text", id="first_name"),
        Field(ref="e2", tag="input", type="text", id="last_name"),
        Field(ref="e3", tag="input", type="email", id="email"),
        Field(ref="e4", tag="input", type="tel", id="phone"),
        Field(ref="e5", tag="input", type="file", id="resume"),
        Field(ref="e6", tag="input", type="combobox", id="question_1", ancestors=[select]),
        Field(ref="e7", tag="input", type="combobox", id="gender", ancestors=[select]),
        Field(ref="e8", tag="input", type="combobox", id="veteran_status", ancestors=[select]),
    ]
    url = "https://careers.acme.example/apply"
    assert detect_ats(url=url, snapshot=snap(url, fields=fields, element_ids=["application-form"])) is None


def test_vendor_careers_page_needs_the_application_form_itself() -> None:
    url = "https://www.greenhouse.com/careers/opportunities/job?gh_jid=4012345005"
    frame = FrameInfo(
        path="x0",
        url="https://job-boards.greenhouse.io/embed/job_app?for=greenhouse&token=4012345005",
        same_origin=False,
    )
    bare = snap(url, frames=[frame], element_ids=["grnhse_app"])
    assert detect_ats(url=url, snapshot=bare) is None
    # Form markup in the vendor's own document is a demo or a screenshot, not an application.
    demo = snap(url, frames=[frame], element_ids=["grnhse_app"], fields=_react_fields())
    assert detect_ats(url=url, snapshot=demo) is None
    framed = [f.model_copy(update={"frame": "x0"}) for f in _react_fields()]
    with_form = snap(url, frames=[frame], element_ids=["grnhse_app"], fields=framed)
    det = detect_ats(url=url, snapshot=with_form)
    assert det is not None and det.ats == "greenhouse" and det.job_id == "4012345005"


def test_company_domain_form_reaches_the_adapter_through_the_plugin_manager() -> None:
    """No Greenhouse URL anywhere on the page: the plugin's URL scope must still cover it."""
    from jobpilot.plugins import load

    url = "https://careers.acme.example/jobs/platform-engineer"
    det = load().detect(url, snap(url, fields=_react_fields(), element_ids=["application-form"]))
    assert det is not None and det.ats == "greenhouse" and det.plugin == "greenhouse"

"""The built-in detectors: the host table, and frames/scripts/markup for pages whose own
address says nothing."""

from __future__ import annotations

import pytest
from jobpilot.builtin import ats_hosts, ats_markup
from jobpilot.models import Field, FormSnapshot


@pytest.mark.parametrize(
    ("host", "slug"),
    [
        ("job-boards.greenhouse.io", "greenhouse"),
        ("boards.eu.greenhouse.io", "greenhouse"),
        ("jobs.eu.lever.co", "lever"),
        ("acme.wd501.myworkdayjobs.com", "workday"),
        ("wd3.myworkdaysite.com", "workday"),
        ("jobs.ashbyhq.com", "ashby"),
        ("careers-amd.icims.com", "icims"),
        ("acme.jobs.personio.de", "personio"),
        ("ats.rippling.com", "rippling"),
        ("acme.teamtailor.com", "teamtailor"),
        ("acme.na.teamtailor.com", "teamtailor"),
        ("www.teamtailor.com", None),
        ("www.greenhouse.com", None),
        ("support.lever.co", None),
        ("clever.com", None),
        ("jobs.clever.com", None),
        ("www.icims.com", None),
        ("myworkdayjobs.com.evil.test", None),
    ],
)
def test_host_table(host: str, slug: str | None) -> None:
    assert ats_hosts.ats_for_host(host) == slug


def _field(ref: str, *ancestors: dict[str, str]) -> Field:
    return Field(ref=ref, tag="input", type="text", ancestors=list(ancestors))


def test_markup_needs_two_distinct_conventions() -> None:
    """One convention, however often it shows, is what any form may borrow; two distinct
    conventions of one ATS's front-end are its markup."""
    row = {"tag": "div", "class": "apply-flow-block apply-flow-block--contact"}
    one = FormSnapshot(url="https://careers.example.test/", fields=[_field("a", row), _field("b", row)])
    assert ats_markup.detect_ats(url=one.url, snapshot=one) is None
    control = {"tag": "div", "class": "input-row__control oj-text-field"}
    two = one.model_copy(update={"fields": [_field("a", row), _field("b", control)]})
    det = ats_markup.detect_ats(url=two.url, snapshot=two)
    assert det is not None and det.ats == "oracle" and det.confidence < 0.8
    assert "apply-flow-block" in (det.reason or "")


@pytest.mark.parametrize(
    ("slug", "fields", "element_ids"),
    [
        ("breezy", [Field(ref="a", tag="input", name="cName"), Field(ref="b", tag="input", name="cEmail")],
         ["heroBackgroundImage"]),
        ("personio", [Field(ref="a", tag="input", id="field-first_name", name="first_name"),
                      Field(ref="b", tag="input", type="file", name="documents.cv")], []),
        ("recruitee", [Field(ref="a", tag="input", name="candidate.email")], ["offer-application-form"]),
        ("teamtailor", [Field(ref="a", tag="input", name="candidate[first_name]",
                              ancestors=[{"tag": "div", "class": "z-cookie-alert"}])], []),
        ("rippling", [Field(ref="a", tag="input", attrs={"data-testid": "input-email"})],
         ["rippling-client-config"]),
    ],
)
def test_markup_of_ats_without_an_adapter(slug: str, fields: list[Field], element_ids: list[str]) -> None:
    snap = FormSnapshot(url="https://careers.example.test/apply", fields=fields, element_ids=element_ids)
    det = ats_markup.detect_ats(url=snap.url, snapshot=snap)
    assert det is not None and det.ats == slug, det
    one = snap.model_copy(update={"fields": fields[:1], "element_ids": []})
    if len(fields) > 1 or element_ids:
        assert ats_markup.detect_ats(url=one.url, snapshot=one) is None


def test_markup_on_a_vendor_site_is_not_an_application() -> None:
    fields = [Field(ref="a", tag="input", name="cName"), Field(ref="b", tag="input", name="cEmail")]
    snap = FormSnapshot(url="https://www.breezy.hr/features/careers-page", fields=fields)
    assert ats_markup.detect_ats(url=snap.url, snapshot=snap) is None


def test_an_asset_cdn_names_the_ats() -> None:
    snap = FormSnapshot(url="https://jobs.example.test/", scripts=["https://assets.cdn.personio.de/app.js"])
    assert ats_markup.detect_ats(url=snap.url, snapshot=snap).ats == "personio"  # type: ignore[union-attr]
    vendor = snap.model_copy(update={"scripts": ["https://www.greenhouse.com/tracking.js"]})
    assert ats_markup.detect_ats(url=vendor.url, snapshot=vendor) is None


def test_embedded_frame_names_the_ats_unless_ambiguous() -> None:
    snap = FormSnapshot(
        url="https://careers.example.test/jobs/1",
        frames=[{"path": "0", "url": "https://jobs.lever.co/example/abc/apply"}],
    )
    assert ats_markup.detect_ats(url=snap.url, snapshot=snap).ats == "lever"  # type: ignore[union-attr]
    both = snap.model_copy(update={"scripts": ["https://boards.greenhouse.io/embed/job_board/js?for=x"]})
    assert ats_markup.detect_ats(url=both.url, snapshot=both) is None


# --- vendors' own sites, with every plugin loaded -------------------------------------

_LEVER_JOB = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"


@pytest.fixture(scope="module")
def pm():  # type: ignore[no-untyped-def]
    from jobpilot import plugins

    return plugins.load()


@pytest.mark.parametrize(
    ("host", "slug"),
    [
        ("www.greenhouse.com", "greenhouse"),
        ("support.greenhouse.io", "greenhouse"),
        ("app.greenhouse.io", "greenhouse"),
        ("help.lever.co", "lever"),
        ("www.lever.co", "lever"),
        ("www.ashbyhq.com", "ashby"),
        ("www.workday.com", "workday"),
        ("www.recruitee.com", "recruitee"),
        ("job-boards.greenhouse.io", None),
        ("jobs.lever.co", None),
        ("jobs.ashbyhq.com", None),
        ("acme.recruitee.com", None),
        ("clever.com", None),
        ("careers.acme.example", None),
    ],
)
def test_vendor_site_list(host: str, slug: str | None) -> None:
    assert ats_hosts.vendor_site(host) == slug
    if slug is not None:
        assert ats_hosts.ats_for_host(host) is None


VENDOR_PAGES = [
    FormSnapshot(
        url="https://www.greenhouse.com/careers/opportunities",
        scripts=["https://boards.greenhouse.io/embed/job_board/js?for=greenhouse"],
        element_ids=["grnhse_app"],
    ),
    FormSnapshot(
        url="https://www.greenhouse.com/careers/opportunities/job?gh_jid=4012345005",
        scripts=["https://boards.greenhouse.io/embed/job_board/js?for=greenhouse"],
        frames=[
            {
                "path": "x0",
                "url": "https://job-boards.greenhouse.io/embed/job_app?for=greenhouse&token=4012345005",
            }
        ],
        element_ids=["grnhse_app", "grnhse_iframe"],
    ),
    FormSnapshot(
        url="https://support.greenhouse.io/hc/en-us/articles/1",
        scripts=["https://boards.greenhouse.io/embed/job_board/js?for=greenhouse"],
    ),
    FormSnapshot(
        url="https://www.lever.co/careers", frames=[{"path": "0", "url": "https://jobs.lever.co/lever"}]
    ),
    FormSnapshot(
        url="https://www.lever.co/careers",
        frames=[{"path": "x0", "url": f"https://jobs.lever.co/lever/{_LEVER_JOB}/apply"}],
    ),
    FormSnapshot(url="https://help.lever.co/hc/en-us", scripts=["https://jobs.lever.co/embed.js"]),
    FormSnapshot(url="https://www.ashbyhq.com/careers", scripts=["https://jobs.ashbyhq.com/ashby/embed"]),
    FormSnapshot(
        url="https://www.workday.com/en-us/company/careers/overview.html",
        frames=[{"path": "x0", "url": "https://workday.wd5.myworkdayjobs.com/Workday"}],
    ),
]


@pytest.mark.parametrize("snap", VENDOR_PAGES, ids=lambda s: s.url)
def test_vendor_marketing_pages_are_not_applications(pm, snap: FormSnapshot) -> None:  # type: ignore[no-untyped-def]
    assert pm.detect(snap.url, snap) is None


def _framed(snap: FormSnapshot, fields: list[Field]) -> FormSnapshot:
    return snap.model_copy(update={"fields": [f.model_copy(update={"frame": "x0"}) for f in fields]})


def test_vendor_careers_page_with_the_real_form_in_its_frame_is_an_application(pm) -> None:  # type: ignore[no-untyped-def]
    """Greenhouse's own careers page embedding its own board, with the application form
    itself in the job_app frame: that is a page a person applies through."""
    wrap = {"tag": "div", "class": "application--questions"}
    form = [
        Field(ref="e1", tag="input", type="text", id="first_name", ancestors=[wrap]),
        Field(ref="e2", tag="input", type="email", id="email", ancestors=[wrap]),
        Field(ref="e3", tag="input", type="file", id="resume", ancestors=[wrap]),
        Field(ref="e4", tag="input", type="text", id="question_40123456005", ancestors=[wrap]),
    ]
    det = pm.detect(VENDOR_PAGES[1].url, _framed(VENDOR_PAGES[1], form))
    assert det is not None and det.ats == "greenhouse" and det.plugin == "greenhouse"
    ashby = FormSnapshot(
        url="https://www.ashbyhq.com/careers?ashby_jid=3c1e9a2b-7d64-4f05-b8a3-2e9d0c6f1a57",
        frames=[
            {
                "path": "x0",
                "url": "https://jobs.ashbyhq.com/ashby/3c1e9a2b-7d64-4f05-b8a3-2e9d0c6f1a57/application",
            }
        ],
    )
    ashby_form = [
        Field(ref="e1", tag="input", type="email", name="_systemfield_email", id="_systemfield_email")
    ]
    det = pm.detect(ashby.url, _framed(ashby, ashby_form))
    assert det is not None and det.ats == "ashby"


def test_company_page_with_a_board_embed_is_still_detected(pm) -> None:  # type: ignore[no-untyped-def]
    snap = FormSnapshot(
        url="https://careers.acme.example/jobs",
        scripts=["https://boards.greenhouse.io/embed/job_board/js?for=acme"],
        element_ids=["grnhse_app"],
    )
    det = pm.detect(snap.url, snap)
    assert det is not None and det.ats == "greenhouse"

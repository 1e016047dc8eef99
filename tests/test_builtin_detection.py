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


def test_markup_needs_more_than_one_field() -> None:
    row = {"tag": "div", "class": "apply-flow-block apply-flow-block--contact"}
    one = FormSnapshot(url="https://careers.example.test/", fields=[_field("a", row)])
    assert ats_markup.detect_ats(url=one.url, snapshot=one) is None
    two = one.model_copy(update={"fields": [_field("a", row), _field("b", row)]})
    det = ats_markup.detect_ats(url=two.url, snapshot=two)
    assert det is not None and det.ats == "oracle" and det.confidence < 0.8


def test_embedded_frame_names_the_ats_unless_ambiguous() -> None:
    snap = FormSnapshot(
        url="https://careers.example.test/jobs/1",
        frames=[{"path": "0", "url": "https://jobs.lever.co/example/abc/apply"}],
    )
    assert ats_markup.detect_ats(url=snap.url, snapshot=snap).ats == "lever"  # type: ignore[union-attr]
    both = snap.model_copy(update={"scripts": ["https://boards.greenhouse.io/embed/job_board/js?for=x"]})
    assert ats_markup.detect_ats(url=both.url, snapshot=both) is None

"""Scoring without a browser: grouping by ATS and tenant, silver labels, overlays, the
reliability table and the leave-one-group-out calibration (invented pages only)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jobpilot.errors import UsageError
from jobpilot.eval.calibration import Point, fit, fit_classes, leave_one_group_out
from jobpilot.eval.corpus import find_corpus
from jobpilot.eval.groups import tenant_of
from jobpilot.eval.run import Capture, score
from jobpilot.eval.scoring import EntryResult, reliability
from jobpilot.models.snapshot import Field, FormSnapshot
from jobpilot.plugins import load


@pytest.mark.parametrize(
    ("url", "ats", "tenant"),
    [
        ("https://boards.greenhouse.io/Acme/jobs/1", "greenhouse", "greenhouse:acme"),
        ("https://job-boards.eu.greenhouse.io/acme/jobs/2", "greenhouse", "greenhouse:acme"),
        ("https://job-boards.greenhouse.io/embed/job_app?for=acme&token=3", "greenhouse", "greenhouse:acme"),
        ("https://jobs.eu.lever.co/acme/abc/apply", "lever", "lever:acme"),
        (
            "https://jobs.smartrecruiters.com/oneclick-ui/company/Acme/publication/x",
            "smartrecruiters",
            "smartrecruiters:acme",
        ),
        ("https://jobs.smartrecruiters.com/Acme/123-engineer", "smartrecruiters", "smartrecruiters:acme"),
        ("https://acme.na.teamtailor.com/jobs/1/applications/new", "teamtailor", "teamtailor:acme"),
        ("https://careers-acme.icims.com/jobs/1/job", "icims", "icims:acme"),
        (
            "https://career4.successfactors.com/career?company=acmeco&x=1",
            "successfactors",
            "successfactors:acmeco",
        ),
        ("https://jobs.acme.co.uk/apply", "other", "other:acme.co.uk"),
        (None, "oracle", "oracle:some/page"),
    ],
)
def test_tenant_is_the_employer_whatever_the_url_shape(url: str | None, ats: str, tenant: str) -> None:
    assert tenant_of(url, ats, "some/page") == tenant


def _corpus(root: Path, pages: dict[str, dict[str, Any]]) -> None:
    for rel, labels in pages.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.with_suffix(".html").write_text("<form></form>")
        path.with_suffix(".labels.json").write_text(json.dumps(labels))


def _snap(url: str, *fields: tuple[str, str, str]) -> FormSnapshot:
    """Fields as (id, type, label)."""
    return FormSnapshot(
        url=url,
        fields=[
            Field(ref=f"r{i}", tag="input", type=t, id=i_d, label=lab)
            for i, (i_d, t, lab) in enumerate(fields)
        ],
    )


@pytest.fixture(scope="module")
def pm() -> Any:
    return load()


def test_report_groups_by_ats_and_tenant_and_scores_silver_only_where_labelled(
    tmp_path: Path, pm: Any
) -> None:
    _corpus(
        tmp_path,
        {
            "lever/a": {
                "url": "https://jobs.lever.co/north/1/apply",
                "ats": "lever",
                "kind": "SILVER",
                "fields": [{"match": {"id": "mail"}, "key": "email", "silver_rule": "lever.email"}],
                "inventory": [
                    {"tag": "input", "type": "text", "id": "mail", "name": None},
                    {"tag": "input", "type": "text", "id": "gone", "name": None},
                    {"tag": "input", "type": "hidden", "id": "tok", "name": None},
                ],
            },
            "lever/b": {
                "url": "https://jobs.lever.co/south/2/apply",
                "ats": "lever",
                "fields": [
                    {"match": {"id": "mail"}, "key": "email"},
                    {"match": {"id": "tel"}, "key": "email"},
                ],
            },
            "other/c": {
                "url": "https://careers.example.org/apply",
                "ats": "other",
                "fields": [{"match": {"id": "fn"}, "key": "first_name"}],
            },
        },
    )
    pages = find_corpus(tmp_path)
    assert [p.silver for p in pages] == [True, False, False]
    caps = [
        # The silver page's unlabelled phone box is not scored, right or wrong.
        Capture(
            _snap("https://jobs.lever.co/north/1/apply", ("mail", "email", "Email"), ("x", "tel", "Phone"))
        ),
        Capture(
            _snap("https://jobs.lever.co/south/2/apply", ("mail", "email", "Email"), ("tel", "tel", "Phone"))
        ),
        Capture(_snap("https://careers.example.org/apply", ("fn", "text", "First name"))),
    ]
    report = score(pages, caps, pm)
    by_ats = report.tallies("ats")
    assert set(by_ats) == {"lever", "other"}
    assert by_ats["lever"].labelled == 3 and by_ats["lever"].correct == 2 and by_ats["lever"].wrong == 1
    assert by_ats["lever"].inventory == 2 and by_ats["lever"].seen == 1  # hidden input not counted
    by_tenant = report.tallies("tenant")
    assert set(by_tenant) == {"lever:north", "lever:south", "other:example.org"}
    assert by_tenant["lever:north"].precision == 1.0 and by_tenant["lever:south"].precision == 0.5
    # A company's own form ("other") is detected right when no ATS is detected.
    assert report.tallies("ats")["other"].detected == 1
    data = report.as_dict(by="tenant")
    assert "per_tenant" in data and data["per_tenant"]["lever:south"]["wrong"] == 1
    (err,) = data["errors"]
    assert err["tenant"] == "lever:south" and err["predicted"] == "phone" and err["plugin"]
    assert sum(row["predictions"] for row in data["reliability"]) == report.overall.predictions


def test_overlay_adds_and_replaces_entries_and_refuses_strangers(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    _corpus(corpus, {"x/p": {"ats": "none", "fields": [{"match": {"id": "a"}, "key": "question"}]}})
    overlay = tmp_path / "o.json"
    overlay.write_text(
        json.dumps(
            {
                "pages": {
                    "x/p.html": [
                        {"match": {"id": "a"}, "key": "work_authorized", "how": "yes/no, allowed to work"},
                        {"match": {"id": "b"}, "key": "start_date", "how": "notice period"},
                    ]
                }
            }
        )
    )
    (page,) = find_corpus(corpus, overlay=overlay)
    assert {e["match"]["id"]: e["key"] for e in page.entries} == {"a": "work_authorized", "b": "start_date"}
    overlay.write_text(json.dumps({"pages": {"x/missing.html": []}}))
    with pytest.raises(UsageError, match=r"missing\.html"):
        find_corpus(corpus, overlay=overlay)
    overlay.write_text(json.dumps({"pages": {"x/p.html": [{"match": {"id": "a"}, "key": "visa"}]}}))
    with pytest.raises(UsageError, match="outside the vocabulary"):
        find_corpus(corpus, overlay=overlay)


def _result(conf: float, right: bool, ats: str = "a") -> EntryResult:
    return EntryResult(
        page="p",
        ats=ats,
        label=None,
        match={},
        expected="email",
        predicted="email" if right else "phone",
        confidence=conf,
        ref="r",
        tenant=f"{ats}:t",
    )


def test_reliability_bands_count_what_falls_in_them() -> None:
    rows = {
        r["band"]: r for r in reliability([_result(0.9, True), _result(0.92, False), _result(0.65, True)])
    }
    assert rows["0.90-0.95"] == {
        "band": "0.90-0.95",
        "predictions": 2,
        "correct": 1,
        "accuracy": 0.5,
        "mean_confidence": 0.91,
    }
    assert rows["0.60-0.70"]["accuracy"] == 1.0 and rows["0.95-1.00"]["predictions"] == 0


def test_calibration_is_monotone_and_humble_on_thin_evidence() -> None:
    points = [(0.7, i % 2 == 0) for i in range(10)] + [(0.9, True)] * 3 + [(0.95, True)] * 200
    points += [(0.8, False)] * 4
    cal = fit(points)
    values = [cal(x) for x in (0.6, 0.7, 0.8, 0.9, 0.95, 0.99)]
    assert values == sorted(values)
    assert cal(0.7) < 0.6  # half right: a review-band guess at best
    assert cal(0.95) > 0.98  # 200 of 200
    assert fit([(0.9, True)] * 12)(0.9) < 0.85 < fit([(0.9, True)] * 200)(0.9)  # thin evidence claims less
    assert fit([(0.9, True)] * 3)(0.9) == 0.9  # too few to measure: the raw score stands
    assert cal(0.99) == cal(0.95) and cal(0.5) == cal(0.7)  # outside the data: nearest step below


def test_leave_one_group_out_fits_without_the_group_it_scores() -> None:
    # Group "b" is wrong at 0.9 where the others are right: fitted on the others, its
    # mistakes land in the fill band and show as a precision below 1.
    points = [Point("profile/label", 0.9, True, "a", "a:t") for _ in range(50)]
    points += [Point("profile/label", 0.9, False, "b", "b:t") for _ in range(12)]
    out = leave_one_group_out(points, by="ats", min_answers=5)
    assert out["per_group"]["b"]["calibrated"] == {"n": 12, "correct": 0, "accuracy": 0.0}
    assert out["per_group"]["a"]["calibrated"]["n"] == 0  # fitted on b alone: never filled
    assert out["per_group"]["a"]["below_review"]["n"] == 50


def test_leave_one_group_out_applies_the_mappers_caps_and_tables_the_bands() -> None:
    # A class the mapper caps (thin evidence) stays in review however well it measured.
    points = [Point("question/fallback/noun", 0.78, True, g, f"{g}:t") for g in "abc" for _ in range(60)]
    points += [Point("profile/label", 0.9, True, g, f"{g}:t") for g in "abc" for _ in range(60)]

    def cap(p: Point) -> float:
        return 0.8 if p.cls.endswith("/noun") else 0.89

    out = leave_one_group_out(points, by="ats", ceiling=cap)
    assert out["overall"]["review"]["n"] == 180 and out["overall"]["calibrated"]["n"] == 180
    bands = {r["band"]: r["predictions"] for r in out["reliability"]}
    assert bands["0.80-0.85"] == 180 and bands["0.85-0.90"] == 180
    uncapped = leave_one_group_out(points, by="ats")
    assert uncapped["overall"]["calibrated"]["n"] == 360


def test_thin_classes_keep_their_raw_scores() -> None:
    points = [Point("profile/label", 0.8, True)] * 40 + [Point("profile/disagree", 0.7, True)] * 3
    cals = fit_classes(points, min_answers=30)
    assert set(cals) == {"profile/label"} and cals["profile/label"](0.8) > 0.9

"""Builders for hand-made fields and snapshots (invented labels, no captured markup)."""

from __future__ import annotations

from typing import Any

import jobpilot_ats_generic
import pytest
from jobpilot.models.mapping import FieldMapping
from jobpilot.models.snapshot import Field, FormSnapshot, GroupMember, Option


def make_field(
    ref: str = "f1", *, tag: str = "input", type: str | None = "text", **kw: Any
) -> Field:
    """A Field with only what a test names; options/members may be given as plain strings."""
    options = kw.pop("options", None)
    if options is not None:
        kw["options"] = [o if isinstance(o, Option) else Option(value=o, text=o) for o in options]
    members = kw.pop("members", None)
    if members is not None:
        kw["members"] = [
            GroupMember(ref=f"{ref}-{i}", label=m, value=m) for i, m in enumerate(members)
        ]
        kw.setdefault("options", [Option(value=m, text=m) for m in members])
    if tag == "select" and type == "text":
        type = "select-one"
    if tag == "textarea" and type == "text":
        type = "textarea"
    return Field(ref=ref, tag=tag, type=type, **kw)


def map_page(
    *fields: Field, url: str = "https://careers.example.org/apply"
) -> dict[str, FieldMapping]:
    snapshot = FormSnapshot(url=url, fields=list(fields))
    return {m.ref: m for m in jobpilot_ats_generic.map_fields(snapshot=snapshot, detection=None)}


def map_one(field: Field, *others: Field) -> FieldMapping | None:
    return map_page(field, *others).get(field.ref)


@pytest.fixture
def mk() -> Any:
    """``mk(ref, tag=..., type=..., label=...)`` builds a Field."""
    return make_field


@pytest.fixture
def map1() -> Any:
    """``map1(field, *page_siblings)`` maps one field in a page of the given fields."""
    return map_one


@pytest.fixture
def mapall() -> Any:
    """``mapall(*fields)`` maps a page; returns mappings by ref."""
    return map_page


@pytest.fixture(autouse=True)
def _raw_scores_for_ordering_tests(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """``test_confidence_and_context`` checks how the classifier orders its evidence: it reads
    raw scores. Every other test sees the calibrated confidences the engine sees."""
    if request.module.__name__.endswith("test_confidence_and_context"):
        monkeypatch.setenv("JOBPILOT_GENERIC_CALIBRATION", "off")

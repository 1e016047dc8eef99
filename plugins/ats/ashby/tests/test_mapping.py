"""Mapping Ashby markup on hand-built snapshots (invented questions)."""

from __future__ import annotations

from typing import Any

from jobpilot.models.mapping import Detection, FieldMapping
from jobpilot.models.snapshot import Field, FormSnapshot, FrameInfo, GroupMember, Option
from jobpilot.vocabulary import FieldKey as K
from jobpilot_ats_ashby import map_fields

URL = "https://jobs.ashbyhq.com/northwind-labs/0c9a4e2b-7d15-4f63-a8e0-5b2c1d3e4f60/application"
ASHBY = Detection(ats="ashby", confidence=0.99)
UUID = "7b1e0c4d-2a3f-4e5d-9c8b-6a7f5e4d3c2b"


def entry(path: str) -> dict[str, str]:
    return {
        "tag": "div",
        "class": "_fieldEntry_x ashby-application-form-field-entry",
        "data-field-path": path,
    }


def field(ref: str, *, path: str | None = None, **kw: Any) -> Field:
    kw.setdefault("tag", "input")
    kw.setdefault("type", "text")
    ancestors = kw.pop("ancestors", [])
    if path:
        ancestors = [*ancestors, entry(path)]
    return Field(ref=ref, ancestors=ancestors, **kw)


def toggle(ref: str, label: str, path: str = UUID) -> Field:
    """What the DOM layer reports for an Ashby yes/no: one group of two buttons."""
    yes, no = (
        GroupMember(ref=f"{ref}y", value="Yes", label="Yes"),
        GroupMember(ref=f"{ref}n", value="No", label="No"),
    )
    return field(
        ref,
        path=path,
        tag="div",
        type="radio",
        name=path,
        label=label,
        members=[yes, no],
        options=[Option(value="Yes", text="Yes"), Option(value="No", text="No")],
        attrs={"widget": "toggle-buttons"},
    )


def mapped(
    *fields: Field, url: str = URL, detection: Detection | None = ASHBY, **snap: Any
) -> dict[str, FieldMapping]:
    out = map_fields(snapshot=FormSnapshot(url=url, fields=list(fields), **snap), detection=detection)
    return {m.ref: m for m in out or []}


def test_system_fields() -> None:
    m = mapped(
        field("n", id="_systemfield_name", name="_systemfield_name", label="Name", path="_systemfield_name"),
        field("e", id="_systemfield_email", name="_systemfield_email", type="email", label="Email"),
        field("p", id="_systemfield_phone", name="_systemfield_phone", type="tel", label="Phone number"),
        field("r", id="_systemfield_resume", type="file", label="Resume", path="_systemfield_resume"),
        field(
            "l",
            type="combobox",
            label="Where are you?",
            placeholder="Start typing...",
            path="_systemfield_location",
        ),
    )
    assert {r: (x.key, x.confidence >= 0.95) for r, x in m.items()} == {
        "n": (K.FULL_NAME, True),
        "e": (K.EMAIL, True),
        "p": (K.PHONE, True),
        "r": (K.RESUME, True),
        "l": (K.LOCATION, True),
    }


def test_system_name_relabelled_as_preferred_name() -> None:
    m = mapped(field("n", id="_systemfield_name", name="_systemfield_name", label="Preferred Name"))
    assert m["n"].key is K.PREFERRED_NAME


def test_system_name_with_an_unusual_label_is_left_to_the_label_reader() -> None:
    assert (
        mapped(field("n", id="_systemfield_name", name="_systemfield_name", label="What should we call you?"))
        == {}
    )


def test_eeoc_survey_radios() -> None:
    survey = "5e4d3c2b-1a09-4f8e-b7d6-c5b4a3928170"
    keys = {
        "gender": K.EEO_GENDER,
        "race": K.EEO_RACE,
        "veteran_status": K.EEO_VETERAN_STATUS,
        "disability_status": K.EEO_DISABILITY_STATUS,
    }
    fields = [field(k, type="radio", name=f"{survey}__systemfield_eeoc_{k}", label=k.title()) for k in keys]
    m = mapped(*fields)
    assert {r: x.key for r, x in m.items()} == keys


def test_yes_no_toggles() -> None:
    m = mapped(
        toggle("a", "Are you legally authorized to work in Canada?"),
        toggle("s", "Will you now or in the future require sponsorship to work in Canada?"),
        toggle("w", "Do you have the right to work in the UK without sponsorship?"),
        toggle("q", "Are you comfortable with on-call rotations?"),
        toggle("x", "Are you authorized to work here?", path="_systemfield_something"),
    )
    assert m["a"].key is K.WORK_AUTHORIZED and m["s"].key is K.REQUIRES_SPONSORSHIP
    assert m["w"].key is K.WORK_AUTHORIZED  # "without sponsorship" asks about the right to work
    assert "q" not in m  # a custom question: the generic mapper calls it a question
    assert "x" not in m


def test_education_history() -> None:
    edu = "_systemfield_education_history"
    months = [Option(value=str(i), text=t) for i, t in enumerate(["January", "February", "March"], 1)]
    years = [Option(value=str(y), text=str(y)) for y in range(2026, 2000, -1)]
    end = [{"tag": "div", "id": f"{edu}-endDate"}]
    start = [{"tag": "div", "id": f"{edu}-startDate"}]
    m = mapped(
        field("sc", type="combobox", label="School", placeholder="Search schools...", path=edu),
        field("dg", id=f"{edu}-degree", label="Degree"),
        field("mj", id=f"{edu}-major", label="Field of Study"),
        field("sm", tag="select", type="select-one", options=months, ancestors=start),
        field("sy", tag="select", type="select-one", options=years, ancestors=start),
        field("em", tag="select", type="select-one", options=months, ancestors=end),
        field("ey", tag="select", type="select-one", options=years, ancestors=end),
        field("cur", type="checkbox", id=f"{edu}-isCurrent", label="Still Student?"),
    )
    assert {r: x.key for r, x in m.items()} == {
        "sc": K.EDUCATION_SCHOOL,
        "dg": K.EDUCATION_DEGREE,
        "mj": K.EDUCATION_DISCIPLINE,
        "sm": K.QUESTION,
        "sy": K.QUESTION,
        "em": K.QUESTION,
        "ey": K.EDUCATION_GRADUATION_YEAR,
        "cur": K.QUESTION,
    }


def test_autofill_uploader_is_not_the_resume() -> None:
    root = {"tag": "div", "class": "_root ashby-application-form-autofill-input-root"}
    m = mapped(field("af", type="file", label="Autofill from resume", ancestors=[root]))
    assert m["af"].key is K.UNKNOWN and m["af"].confidence >= 0.95


def test_sms_consent() -> None:
    m = mapped(field("c", type="radio", name="communicationConsent", label="Text me about my application?"))
    assert m["c"].key is K.CONSENT


def test_custom_text_questions_are_left_to_the_generic_mapper() -> None:
    assert (
        mapped(field("t", id=UUID, name=UUID, label="What is your favourite data structure?", path=UUID))
        == {}
    )


def test_host_page_fields_around_an_embed_are_not_the_application() -> None:
    url = "https://careers.northwind.example/jobs?ashby_jid=0c9a4e2b-7d15-4f63-a8e0-5b2c1d3e4f60"
    frames = [FrameInfo(path="x0", url=URL, same_origin=False)]
    m = mapped(
        field("news", type="email", name="email", label="Newsletter"),
        field(
            "x0:e1",
            frame="x0",
            id="_systemfield_email",
            name="_systemfield_email",
            type="email",
            label="Email",
        ),
        url=url,
        frames=frames,
    )
    assert m["news"].key is K.UNKNOWN and m["news"].confidence >= 0.9
    assert m["x0:e1"].key is K.EMAIL


def test_other_ats_pages_are_not_mapped() -> None:
    f = field("e", id="_systemfield_email", name="_systemfield_email", type="email", label="Email")
    assert mapped(f, detection=Detection(ats="lever", confidence=0.95)) == {}
    assert mapped(f, detection=None) == {}

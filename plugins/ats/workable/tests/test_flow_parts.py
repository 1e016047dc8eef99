"""The Workable flow's pure parts (hand-built snapshots, invented content)."""

from __future__ import annotations

from jobpilot.models.snapshot import Button, Field, FormSnapshot
from jobpilot_ats_workable import entries
from jobpilot_ats_workable.flow import code_field, is_phone_country

URL = "https://apply.workable.com/brightfern/j/4C7D2E91AB/apply"


def test_entry_forms_and_buttons_by_section() -> None:
    snap = FormSnapshot(
        url=URL,
        fields=[
            Field(ref="s", tag="input", type="text", name="education_school", value="Univ. of Washington"),
            Field(ref="d", tag="input", type="text", name="education_start_date", value="09/2013"),
            Field(ref="c", tag="input", type="checkbox", id="education_current", checked=False),
            Field(ref="x", tag="input", type="text", name="firstname"),
        ],
        buttons=[
            Button(ref="e1", text="Edit", attrs={"aria-label": "Edit Experience entry"}),
            Button(ref="r1", text="Remove", attrs={"aria-label": "Remove Experience entry"}),
            Button(ref="a1", text="+ Add", attrs={"aria-label": "Add Education"}),
            Button(ref="sv", text="Save", attrs={"data-ui": "save-entry"}),
        ],
    )
    form = entries.form_fields(snap, 0, "education")
    assert {p: f.ref for p, f in form.items()} == {"school": "s", "start": "d", "current": "c"}
    assert entries.form_fields(snap, 0, "experience") == {}
    assert entries.entry_refs(snap) == {"s", "d", "c"}
    assert [b.ref for b in entries.entry_buttons(snap, "edit", "experience")] == ["e1"]
    assert [b.ref for b in entries.entry_buttons(snap, "delete", "experience")] == ["r1"]
    assert [b.ref for b in entries.entry_buttons(snap, "add", "education")] == ["a1"]
    assert entries.entry_buttons(snap, "add", "experience") == []
    assert [b.ref for b in entries.entry_buttons(snap, "save", "education")] == ["sv"]


def test_the_verification_step_and_the_phone_picker_are_recognised() -> None:
    box = Field(
        ref="v", tag="input", type="text", name="verification_code", attrs={"data-ui": "verification-code"}
    )
    assert code_field(FormSnapshot(url=URL, fields=[box])) == box
    assert (
        code_field(FormSnapshot(url=URL, fields=[Field(ref="n", tag="input", type="text", name="firstname")]))
        is None
    )
    flag = Field(ref="f", tag="div", type="combobox", attrs={"aria-label": "Telephone country code"})
    assert is_phone_country(flag)
    assert not is_phone_country(Field(ref="g", tag="input", type="combobox", label="Country of residence"))

"""Pure parts of the flow: reading the page after submit, finding "Enter manually"."""

from __future__ import annotations

from jobpilot.models.mapping import FieldMapping
from jobpilot.models.snapshot import Button, Field, FormSnapshot, FrameInfo, Option
from jobpilot.vocabulary import FieldKey
from jobpilot_ats_greenhouse.lazy_options import is_react_select, needs_options
from jobpilot_ats_greenhouse.manual_entry import cover_letter_text, manual_entry_button
from jobpilot_ats_greenhouse.security_code import code_boxes, confirmation_url, field_errors


def test_code_boxes_in_order_and_classic_single_box() -> None:
    boxes = [Field(ref=f"e{i}", tag="input", type="text", id=f"security-input-{7 - i}") for i in range(8)]
    assert [b.id for b in code_boxes(FormSnapshot(url="u", fields=boxes))] == [
        f"security-input-{i}" for i in range(8)
    ]
    single = Field(ref="e1", tag="input", type="text", id="security_code")
    assert code_boxes(FormSnapshot(url="u", fields=[single])) == [single]
    hidden = Field(ref="e1", tag="input", type="text", id="security-input-0", visible=False)
    assert code_boxes(FormSnapshot(url="u", fields=[hidden])) == []


def test_field_errors_come_from_described_by() -> None:
    fields = [
        Field(ref="a", tag="input", id="phone", label="Phone", description="This field is required."),
        Field(ref="b", tag="input", id="email", label="Email", description="We never share it."),
    ]
    assert field_errors(FormSnapshot(url="u", fields=fields)) == ["Phone: This field is required."]


def test_confirmation_url_top_or_embed_frame() -> None:
    top = FormSnapshot(url="https://job-boards.greenhouse.io/acme/jobs/1/confirmation")
    assert confirmation_url(top)
    frame = FrameInfo(
        path="x0", url="https://job-boards.greenhouse.io/embed/job_app/confirmation?for=a&token=1"
    )
    assert confirmation_url(FormSnapshot(url="https://acme.example/careers", frames=[frame]))
    assert confirmation_url(FormSnapshot(url="https://acme.example/confirmation")) is None


def test_manual_entry_button_by_test_hook_or_position() -> None:
    upload = Field(ref="e16", tag="input", type="file", id="cover_letter")
    react = FormSnapshot(
        url="u",
        fields=[upload],
        buttons=[
            Button(ref="e14", text="Enter manually", attrs={"data-testid": "resume-text"}),
            Button(ref="e19", text="Enter manually", attrs={"data-testid": "cover_letter-text"}),
        ],
    )
    assert manual_entry_button(react, upload, None).ref == "e19"  # type: ignore[union-attr]
    box = Field(ref="e15", tag="textarea", type="textarea", id="cover_letter_text", visible=False)
    classic = FormSnapshot(
        url="u",
        fields=[Field(ref="e10", tag="textarea", type="textarea", id="resume_text", visible=False), box],
        buttons=[
            Button(ref="e8", text="enter manually", attrs={"data-source": "paste"}),
            Button(ref="e13", text="enter manually", attrs={"data-source": "paste"}),
            Button(ref="e30", text="Submit Application"),
        ],
    )
    assert manual_entry_button(classic, None, box).ref == "e13"  # type: ignore[union-attr]


def test_cover_letter_text_versus_file(tmp_path: object) -> None:
    assert cover_letter_text("Dear team, ...") == "Dear team, ..."
    assert cover_letter_text("") is None
    assert cover_letter_text(__file__) is None  # a path to a file is attached, not typed


def test_needs_options_only_for_closed_react_selects_with_something_to_choose() -> None:
    combo = Field(ref="a", tag="input", type="combobox", id="question_1", attrs={"class": "select__input"})
    yes = lambda f, k: __import__("jobpilot.engine.values", fromlist=["Resolved"]).Resolved("Yes", "x")  # noqa: E731
    none = lambda f, k: None  # noqa: E731
    m = FieldMapping(ref="a", key=FieldKey.WORK_AUTHORIZED, confidence=0.9)
    assert is_react_select(combo)
    assert needs_options(combo, m, yes)
    assert not needs_options(combo, m, none)
    assert needs_options(combo, FieldMapping(ref="a", key=FieldKey.EEO_RACE, confidence=0.9), none)  # decline
    assert not needs_options(combo.model_copy(update={"options": [Option(value="Yes", text="Yes")]}), m, yes)
    assert not needs_options(combo.model_copy(update={"id": "candidate-location"}), m, yes)  # type to search
    assert not needs_options(combo, FieldMapping(ref="a", key=FieldKey.UNKNOWN, confidence=0.99), yes)


def test_listed_options_keep_only_dropdowns_that_answered() -> None:
    from jobpilot.models.plan import ActionResult
    from jobpilot_ats_greenhouse.lazy_options import list_actions, options_from

    a = Field(ref="a", tag="input", type="combobox", id="degree--0")
    b = Field(ref="b", tag="input", type="combobox", id="question_1")
    c = Field(ref="c", tag="input", type="combobox", id="question_2")
    actions = list_actions([a, b, c])
    assert [(x.kind, x.ref, x.value) for x in actions] == [("select", r, []) for r in "abc"]
    results = [
        ActionResult(ref="a", ok=True, value=["Bachelor's Degree", "Other"]),
        ActionResult(ref="b", ok=False, error="the option list did not open within 3000 ms"),
        ActionResult(ref="c", ok=True, value=[]),  # "No options": planned without options
    ]
    got = options_from([a, b, c], results)
    assert list(got) == ["a"]
    assert [(o.value, o.text, o.selected) for o in got["a"]] == [
        ("Bachelor's Degree", "Bachelor's Degree", False),
        ("Other", "Other", False),
    ]


def test_read_back_accepts_masks_and_catches_lost_choices() -> None:
    from jobpilot.models.plan import Action
    from jobpilot_ats_greenhouse.flow import _still_holds

    phone = Field(ref="p", tag="input", type="tel", value="(415) 555-0142")
    assert _still_holds(Action(kind="fill", ref="p", value="415 555 0142"), phone)
    assert not _still_holds(Action(kind="fill", ref="p", value="415 555 0199"), phone)
    combo = Field(ref="c", tag="input", type="combobox", value="United States +1")
    assert _still_holds(Action(kind="select", ref="c", value="United States +1"), combo)
    lost = combo.model_copy(update={"value": ""})
    assert not _still_holds(Action(kind="select", ref="c", value="United States +1"), lost)
    resume = Field(ref="r", tag="input", type="file", value="")
    assert _still_holds(Action(kind="fill", ref="r", value="x"), resume)  # not a text box

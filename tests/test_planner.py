"""Option choice never guesses; the planner fills, flags or leaves each field, with reasons."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import jobpilot.demo
import pytest
from jobpilot.engine import dates, options
from jobpilot.engine.planner import Planner
from jobpilot.models import Field, FieldMapping, FormSnapshot, Option
from jobpilot.profile_io import load_profile
from jobpilot.vocabulary import FieldKey

DATA = Path(jobpilot.demo.__file__).parent / "profile"


def opts(*texts: str) -> list[Option]:
    return [Option(value=str(i), text=t) for i, t in enumerate(texts, start=1)]


@pytest.mark.parametrize(
    ("value", "texts", "expected"),
    [
        (True, ("Yes", "No"), "Yes"),
        (False, ("Yes", "No"), "No"),
        (True, ("Yes, I am authorized", "No, I am not"), "Yes, I am authorized"),
        (True, ("Ja", "Nein"), "Ja"),
        (True, ("Maybe", "Depends"), None),
        (True, ("Yes", "Yes - with sponsorship", "No"), "Yes"),
    ],
)
def test_yes_no(value: bool, texts: tuple[str, ...], expected: str | None) -> None:
    choice = options.choose_yes_no(value, opts(*texts))
    assert (choice.option.text if choice else None) == expected


@pytest.mark.parametrize(
    ("value", "texts", "expected"),
    [
        ("Female", ("Male", "Female", "Decline to self-identify"), "Female"),
        ("Male", ("Female", "Male"), "Male"),
        ("female", ("Man", "Woman", "Non-binary"), "Woman"),
        (
            "I am not a protected veteran",
            (
                "I identify as one or more of the classifications of protected veteran",
                "I am not a protected veteran",
                "I don't wish to answer",
            ),
            "I am not a protected veteran",
        ),
        ("Engineer", ("Senior Engineer", "Staff Engineer"), None),
        ("Asian", ("Asian", "Asian (Not Hispanic or Latino)"), "Asian"),
    ],
)
def test_text_choice_is_exact_or_unique(value: str, texts: tuple[str, ...], expected: str | None) -> None:
    choice = options.choose_text(value, opts(*texts))
    assert (choice.option.text if choice else None) == expected


@pytest.mark.parametrize(
    ("code", "texts", "expected"),
    [
        ("US", ("Canada", "United States", "United States Minor Outlying Islands"), "United States"),
        ("US", ("Canada +1", "United States +1"), "United States +1"),
        ("GB", ("Germany (+49)", "United Kingdom (+44)"), "United Kingdom (+44)"),
        ("US", ("United States Minor Outlying Islands",), None),
    ],
)
def test_country_choice(code: str, texts: tuple[str, ...], expected: str | None) -> None:
    choice = options.choose_country(code, opts(*texts))
    assert (choice.option.text if choice else None) == expected


def test_placeholders_are_not_answers() -> None:
    ph = [Option(value="", text="Select..."), Option(value="x", text="Decline")]
    assert [o.text for o in options.real_options(ph)] == ["Decline"]


def _snapshot() -> FormSnapshot:
    return FormSnapshot(
        url="https://jobs.example.test/apply",
        fields=[
            Field(ref="f1", tag="input", type="text", label="First name", required=True),
            Field(ref="f2", tag="input", type="email", label="Email"),
            Field(
                ref="f3",
                tag="select",
                type="select-one",
                label="Gender",
                options=opts("Male", "Female", "Decline to self-identify"),
            ),
            Field(
                ref="f4",
                tag="select",
                type="select-one",
                label="Race",
                options=opts("Asian", "White", "I don't wish to answer"),
            ),
            Field(
                ref="f5",
                tag="input",
                type="radio",
                label="Authorized to work?",
                options=opts("Yes", "No"),
                members=[],
            ),
            Field(ref="f6", tag="input", type="file", label="Resume"),
            Field(ref="f7", tag="textarea", type="textarea", label="Why do you want to work here?"),
            Field(ref="f8", tag="textarea", type="textarea", label="Describe a hard bug", required=True),
            Field(ref="f9", tag="input", type="text", label="Favourite colour", required=True),
            Field(ref="f10", tag="input", type="text", label="Website (maybe)"),
            Field(ref="f11", tag="input", type="checkbox", label="I agree to the privacy policy"),
            Field(ref="f12", tag="input", type="text", label="Hidden", visible=False),
        ],
    )


def test_planner_fills_flags_and_leaves_with_reasons() -> None:
    profile = load_profile(DATA / "resume.json", DATA / "answers.yaml")
    m = {
        "f1": FieldMapping(ref="f1", key=FieldKey.FIRST_NAME, confidence=0.95),
        "f2": FieldMapping(ref="f2", key=FieldKey.EMAIL, confidence=0.7),
        "f3": FieldMapping(ref="f3", key=FieldKey.EEO_GENDER, confidence=0.95),
        "f4": FieldMapping(ref="f4", key=FieldKey.EEO_RACE, confidence=0.95),
        "f5": FieldMapping(ref="f5", key=FieldKey.WORK_AUTHORIZED, confidence=0.9),
        "f6": FieldMapping(ref="f6", key=FieldKey.RESUME, confidence=0.99),
        "f7": FieldMapping(ref="f7", key=FieldKey.QUESTION, confidence=0.8),
        "f8": FieldMapping(ref="f8", key=FieldKey.QUESTION, confidence=0.8),
        "f10": FieldMapping(ref="f10", key=FieldKey.LINKS_PORTFOLIO, confidence=0.4),
        "f11": FieldMapping(ref="f11", key=FieldKey.CONSENT, confidence=0.9),
        "f12": FieldMapping(ref="f12", key=FieldKey.EMAIL, confidence=0.99),
    }
    plan = Planner(profile).plan(_snapshot(), m)
    acts = {a.ref: a for a in plan.actions}
    assert acts["f1"].value == "Mara" and not acts["f1"].review
    assert acts["f2"].value == "mara.ol@example.org" and acts["f2"].review
    assert acts["f3"].value == "Female" and acts["f3"].sensitive
    assert acts["f4"].value == "I don't wish to answer"  # race: null in the profile
    assert acts["f5"].kind == "select" and acts["f5"].value == "Yes"
    assert acts["f6"].kind == "upload" and acts["f6"].file and acts["f6"].file.name == "resume.pdf"
    assert acts["f7"].value.startswith("I build reliable")  # type: ignore[union-attr]
    assert acts["f11"].kind == "check" and acts["f11"].value == "true"
    assert "f12" not in acts  # invisible
    skipped = {s.ref: s.reason for s in plan.skipped}
    assert skipped["f8"] == "no saved answer"
    assert skipped["f9"] == "not recognised"
    assert skipped["f10"].startswith("low confidence (0.40)")
    assert "f10" not in acts


def _street_form(*labels: str) -> tuple[FormSnapshot, dict[str, FieldMapping]]:
    fields = [Field(ref=f"s{i}", tag="input", type="text", label=label) for i, label in enumerate(labels)]
    maps = {f.ref: FieldMapping(ref=f.ref, key=FieldKey.ADDRESS_STREET, confidence=0.9) for f in fields}
    return FormSnapshot(url="https://jobs.acme.test/apply", fields=fields), maps


@pytest.mark.parametrize(
    ("address", "labels", "filled", "left"),
    [
        # One line in the profile: line 2 and "Apt, suite" stay empty, never a second street.
        ("12 Harbor Way", ("Address line 1", "Address line 2"), {"s0": "12 Harbor Way"}, {"s1"}),
        ("12 Harbor Way", ("Street", "Apt, suite (optional)"), {"s0": "12 Harbor Way"}, {"s1"}),
        # Two lines: each box its own.
        (
            "12 Harbor Way\nApt 4B",
            ("Address line 1", "Address line 2"),
            {"s0": "12 Harbor Way", "s1": "Apt 4B"},
            set(),
        ),
        # Two lines but one box: the whole address in it.
        ("12 Harbor Way\nApt 4B", ("Street address",), {"s0": "12 Harbor Way, Apt 4B"}, set()),
        # Only the second-line box is recognised: it still never gets the street.
        ("12 Harbor Way", ("Apt, suite (optional)",), {}, {"s0"}),
        # The same question twice (a second address block): filled once.
        ("12 Harbor Way", ("Street address", "Street address"), {"s0": "12 Harbor Way"}, {"s1"}),
        (
            "Hauptstr. 5\nc/o Weber",
            ("Straße", "Adresszusatz"),
            {"s0": "Hauptstr. 5", "s1": "c/o Weber"},
            set(),
        ),
    ],
)
def test_each_street_box_gets_its_own_line(
    address: str, labels: tuple[str, ...], filled: dict[str, str], left: set[str]
) -> None:
    profile = load_profile(DATA / "resume.json", DATA / "answers.yaml")
    assert profile.basics.location is not None
    profile.basics.location.address = address
    snapshot, maps = _street_form(*labels)
    plan = Planner(profile).plan(snapshot, maps)
    assert {a.ref: a.value for a in plan.actions} == filled
    assert {s.ref for s in plan.skipped} == left


@pytest.mark.parametrize(
    ("value", "texts", "expected"),
    [
        ("8", ("0-2 years", "3-5 years", "6-9 years", "10+ years"), "6-9 years"),
        ("10", ("0-2", "3-5", "6-9", "10+"), "10+"),
        ("1", ("Less than 2 years", "2 to 5 years", "More than 5 years"), "Less than 2 years"),
        ("120000", ("Under $100,000", "$100,000 – $150,000", "Over $150,000"), "$100,000 – $150,000"),
        ("120000", ("<100k", "100-150k", "150k+"), "100-150k"),
        # On the border of two ranges: no choice, never a guess.
        ("150000", ("<100k", "100k-150k", "150k-200k"), None),
        # Not a list of ranges: nothing is read as one.
        ("8", ("Junior", "Senior", "Prefer not to say"), None),
        ("8", ("0-2", "3-5", "Prefer not to say"), None),
        # The profile's answer is not one number.
        ("5-7", ("0-2", "3-5", "6-9"), None),
    ],
)
def test_number_in_a_range(value: str, texts: tuple[str, ...], expected: str | None) -> None:
    choice = options.choose_number(value, opts(*texts))
    assert (choice.option.text if choice else None) == expected


@pytest.mark.parametrize(
    ("value", "texts", "expected"),
    [
        ("2 weeks notice", ("Immediately", "2 weeks", "1 month"), "2 weeks"),
        ("1 month notice period", ("2 weeks", "1 month", "3 months"), "1 month"),
        ("2 weeks", ("2 weeks or less", "More than 2 weeks"), None),  # neither is the phrase
        ("not before March", ("March", "April"), None),  # negation: never read a word out
    ],
)
def test_option_contained_in_the_answer(value: str, texts: tuple[str, ...], expected: str | None) -> None:
    choice = options.choose_contained(value, opts(*texts))
    assert (choice.option.text if choice else None) == expected


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("2027-01-15", (date(2027, 1, 15), False)),
        ("2 weeks notice", (date(2026, 12, 15), True)),
        ("1 month", (date(2027, 1, 1), True)),
        ("3 Monate Kündigungsfrist", (date(2027, 3, 1), True)),
        ("immediately", (date(2026, 12, 1), True)),
        ("after my exams", None),
        ("2027-02-30", None),
    ],
)
def test_dates_from_answers(answer: str, expected: tuple[date, bool] | None) -> None:
    assert dates.from_answer(answer, today=date(2026, 12, 1)) == expected


def test_a_date_box_gets_a_date_or_nothing() -> None:
    profile = load_profile(DATA / "resume.json", DATA / "answers.yaml")  # start: "2 weeks notice"
    fields = [
        Field(ref="d1", tag="input", type="date", label="Earliest start date"),
        Field(ref="d2", tag="input", type="date", label="Graduation date"),
    ]
    maps = {
        "d1": FieldMapping(ref="d1", key=FieldKey.START_DATE, confidence=0.9),
        "d2": FieldMapping(ref="d2", key=FieldKey.EDUCATION_GRADUATION_YEAR, confidence=0.9),
    }
    plan = Planner(profile).plan(FormSnapshot(url="https://jobs.acme.test/apply", fields=fields), maps)
    (start,) = plan.actions
    assert start.ref == "d1" and start.review and "computed from '2 weeks notice'" in start.source
    assert date.fromisoformat(str(start.value)) == date.today() + timedelta(weeks=2)
    (skipped,) = plan.skipped
    assert skipped.ref == "d2" and "is not a date" in skipped.reason


def test_a_read_only_dropdown_is_chosen_in_and_a_read_only_box_left_alone() -> None:
    """Workable's dropdowns are read-only inputs with role=combobox (the person picks from
    the list, never types): still a choice to make. A read-only text box is not."""
    profile = load_profile(DATA / "resume.json", DATA / "answers.yaml")
    snap = FormSnapshot(
        url="https://apply.workable.com/acme/j/ABCDEF1234/apply",
        fields=[
            Field(ref="d", tag="input", type="combobox", readonly=True, label="Gender"),
            Field(ref="t", tag="input", type="text", readonly=True, label="Email"),
        ],
    )
    mappings = {
        "d": FieldMapping(ref="d", key=FieldKey.EEO_GENDER, confidence=0.9),
        "t": FieldMapping(ref="t", key=FieldKey.EMAIL, confidence=0.95),
    }
    plan = Planner(profile).plan(snap, mappings)
    assert [(a.ref, a.kind, a.value) for a in plan.actions] == [("d", "select", "Female")]

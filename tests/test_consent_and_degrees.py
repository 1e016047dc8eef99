"""Consent is narrow (the application's own, opt-ins per kind) and degrees match their usual
forms: the planner's rules for both, on hand-made fields."""

from __future__ import annotations

from pathlib import Path

import jobpilot.demo
import pytest
from jobpilot.engine import consent, options
from jobpilot.engine.planner import Planner
from jobpilot.models import Field, FieldMapping, FormSnapshot, Option
from jobpilot.models.profile import OptIns, Profile
from jobpilot.profile_io import load_profile
from jobpilot.vocabulary import FieldKey

DATA = Path(jobpilot.demo.__file__).parent / "profile"


def opts(*texts: str) -> list[Option]:
    return [Option(value=str(i), text=t) for i, t in enumerate(texts, start=1)]


def profile(**opt_ins: bool | None) -> Profile:
    p = load_profile(DATA / "resume.json", DATA / "answers.yaml")
    assert p.application.consent is True
    p.application.opt_ins = OptIns(**opt_ins)
    return p


def plan_boxes(p: Profile, *labels: str) -> tuple[dict[str, str], dict[str, str]]:
    fields = [Field(ref=f"c{i}", tag="input", type="checkbox", label=lab) for i, lab in enumerate(labels)]
    maps = {f.ref: FieldMapping(ref=f.ref, key=FieldKey.CONSENT, confidence=0.9) for f in fields}
    plan = Planner(p).plan(FormSnapshot(url="https://jobs.acme.test/apply", fields=fields), maps)
    return {a.ref: str(a.value) for a in plan.actions}, {s.ref: s.reason for s in plan.skipped}


@pytest.mark.parametrize(
    ("label", "kinds"),
    [
        ("I have read the privacy notice and agree to the processing of my data for this application", []),
        ("I agree to the Terms and Conditions", []),
        ("I agree to receive text messages about my application", ["sms"]),
        ("Yes, send me SMS updates", ["sms"]),
        ("Subscribe me to the Acme newsletter", ["newsletter"]),
        ("Send me job alerts for similar roles", ["newsletter", "talent_pool"]),
        ("I agree to receive marketing communications and special offers", ["marketing"]),
        ("Keep my details in the talent pool for future opportunities", ["talent_pool"]),
        ("Please consider me for other positions and keep my data for 24 months", ["talent_pool"]),
        ("Ich möchte in den Talentpool aufgenommen werden", ["talent_pool"]),
        ("I agree to the privacy policy and to receive marketing e-mails", ["marketing"]),
    ],
)
def test_opt_in_kinds_are_read_from_the_wording(label: str, kinds: list[str]) -> None:
    assert consent.opt_in_kinds(label) == kinds


def test_consent_ticks_only_what_the_application_needs() -> None:
    filled, left = plan_boxes(
        profile(),
        "I consent to the processing of my personal data for this application",
        "I agree to receive text messages (SMS) from Acme",
        "Add me to the talent community for future openings",
        "Sign me up for the newsletter",
        "I agree to the privacy policy and to receive marketing e-mails",
    )
    assert filled == {"c0": "true"}
    assert left["c1"].startswith("an opt-in to text messages") and "does not opt in" in left["c1"]
    assert "talent pool" in left["c2"] and "newsletter" in left["c3"] and "marketing" in left["c4"]


def test_each_opt_in_kind_follows_the_profile() -> None:
    filled, left = plan_boxes(
        profile(sms=True, newsletter=False, talent_pool=True),
        "I agree to receive text messages",
        "Sign me up for the newsletter",
        "Keep my resume on file for future opportunities",
        "Send me marketing offers",
    )
    # true ticks, false unticks (a pre-ticked box), unanswered is left with the reason
    assert filled == {"c0": "true", "c1": "false", "c2": "true"}
    assert set(left) == {"c3"}


def test_consent_false_or_missing_never_ticks() -> None:
    p = profile()
    p.application.consent = None
    filled, left = plan_boxes(p, "I accept the privacy notice")
    assert filled == {} and left == {"c0": "the profile has no answer"}


@pytest.mark.parametrize(
    ("value", "texts", "expected"),
    [
        ("Bachelor", ("Select...", "High School", "Bachelor's Degree", "PhD"), "Bachelor's Degree"),
        ("Bachelor's Degree", ("Associate", "Bachelor", "Master"), "Bachelor"),
        ("BSc", ("Bachelor of Arts", "Bachelor of Science", "Master of Science"), "Bachelor of Science"),
        ("B.S.", ("Associate's Degree", "Bachelor's Degree", "Master's Degree"), "Bachelor's Degree"),
        ("Bachelor of Science", ("BA", "BS", "MS"), "BS"),
        ("B.Sc. in Computer Science", ("Bachelor's Degree", "Master's Degree"), "Bachelor's Degree"),
        ("Master of Science", ("Bachelors", "Masters", "Doctorate"), "Masters"),
        ("MBA", ("Master of Arts", "Master of Business Administration"), "Master of Business Administration"),
        ("Ph.D.", ("Bachelor's", "Master's", "Doctorate"), "Doctorate"),
        # never a guess
        ("Bachelor", ("Bachelor of Arts", "Bachelor of Science"), None),  # which one?
        ("BSc", ("Bachelor of Arts", "Master of Science"), None),  # another subject
        ("Bachelor of Arts", ("Bachelor of Science", "Master's Degree"), None),
        ("Engineer", ("Bachelor's Degree",), None),
    ],
)
def test_degree_names_match_their_usual_forms(
    value: str, texts: tuple[str, ...], expected: str | None
) -> None:
    choice = options.choose_degree(value, opts(*texts))
    assert (choice.option.text if choice else None) == expected


def test_planner_picks_the_degree_option_and_never_a_phrase() -> None:
    p = load_profile(DATA / "resume.json", DATA / "answers.yaml")
    p.education[0].studyType = "Bachelor"
    for e in p.education[1:]:
        e.endDate = "1990-01-01"
    field = Field(
        ref="d",
        tag="select",
        type="select-one",
        label="Degree",
        options=opts("Bachelor of Arts", "Bachelor's Degree", "Master's Degree"),
    )
    snap = FormSnapshot(url="https://jobs.acme.test/apply", fields=[field])
    maps = {"d": FieldMapping(ref="d", key=FieldKey.EDUCATION_DEGREE, confidence=0.9)}
    (action,) = Planner(p).plan(snap, maps).actions
    assert action.value == "Bachelor's Degree"  # the phrase rule would have said "Bachelor of Arts"

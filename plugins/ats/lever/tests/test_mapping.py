"""Mapping the Lever form on hand-built snapshots (invented questions, Lever's conventions)."""

from __future__ import annotations

from typing import Any

import jobpilot_ats_lever as lever
import pytest
from jobpilot.models.mapping import Detection, FieldMapping
from jobpilot.models.snapshot import Field, FormSnapshot, GroupMember, Option
from jobpilot.vocabulary import FieldKey as K

URL = "https://jobs.lever.co/acme/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d/apply"
LEVER = Detection(ats="lever", confidence=0.98)
CARD = "cards[7d0c2a51-93be-4f1e-8a2d-5c6b7e8f9a01]"


def fld(
    ref: str, *, tag: str = "input", type: str = "text", options: list[str] | None = None, **kw: Any
) -> Field:
    if options is not None:
        kw["options"] = [Option(value=o, text=o) for o in options]
        if type in ("radio", "checkbox"):
            kw["members"] = [GroupMember(ref=f"{ref}-{i}", value=o, label=o) for i, o in enumerate(options)]
    return Field(ref=ref, tag=tag, type=type, **kw)


def mapped(*fields: Field, detection: Detection | None = LEVER) -> dict[str, FieldMapping]:
    out = lever.map_fields(snapshot=FormSnapshot(url=URL, fields=list(fields)), detection=detection) or []
    return {m.ref: m for m in out}


def merged(*fields: Field) -> dict[str, FieldMapping]:
    """This adapter and the generic mapper merged as the plugin manager merges them (the
    most confident mapping per field): custom cards are read by the generic mapper."""
    import jobpilot_ats_generic as generic

    snapshot = FormSnapshot(url=URL, fields=list(fields))
    out: dict[str, FieldMapping] = {}
    found = lever.map_fields(snapshot=snapshot, detection=LEVER) or []
    found += generic.map_fields(snapshot=snapshot)
    for m in found:
        if m.ref not in out or m.confidence > out[m.ref].confidence:
            out[m.ref] = m
    return out


def test_standard_fields_by_name_and_hooks() -> None:
    m = mapped(
        fld("r", type="file", name="resume", id="resume-upload-input", attrs={"data-qa": "input-resume"}),
        fld("n", name="name", label="Full name", attrs={"data-qa": "name-input"}),
        fld("e", type="email", name="email"),
        fld("p", name="phone"),
        fld("l", name="location", id="location-input", attrs={"data-qa": "location-input"}),
        fld("o", name="org", label="Current company"),
        fld("c", tag="textarea", type="textarea", name="comments"),
        fld("h", attrs={"data-qa": "phone-input"}),  # hook alone is enough
    )
    keys = {ref: (mp.key, mp.confidence) for ref, mp in m.items()}
    assert keys["r"] == (K.RESUME, 0.98)
    assert keys["n"][0] is K.FULL_NAME and keys["n"][1] >= 0.95
    assert keys["e"][0] is K.EMAIL and keys["p"][0] is K.PHONE and keys["h"][0] is K.PHONE
    assert keys["l"][0] is K.LOCATION and keys["o"][0] is K.CURRENT_COMPANY
    assert keys["c"][0] is K.COVER_LETTER


@pytest.mark.parametrize(
    ("site", "key"),
    [
        ("LinkedIn", K.LINKS_LINKEDIN),
        ("GitHub", K.LINKS_GITHUB),
        ("Twitter", K.LINKS_TWITTER),
        ("Portfolio", K.LINKS_PORTFOLIO),
        ("Other", K.LINKS_OTHER),
        ("Dribbble", K.LINKS_OTHER),
    ],
)
def test_link_fields(site: str, key: K) -> None:
    assert mapped(fld("u", name=f"urls[{site}]"))["u"].key is key


def test_eeo_block_and_cc305_signature() -> None:
    m = mapped(
        fld("g", tag="select", type="select-one", name="eeo[gender]", options=["Male", "Female"]),
        fld("r", type="radio", name="eeo[race]", options=["Asian", "Decline to self-identify"]),
        fld("v", tag="select", type="select-one", name="eeo[veteran]", options=["x"]),
        fld("d", tag="select", type="select-one", name="eeo[disability]", options=["x"]),
        fld("s", name="eeo[disabilitySignature]", label="Name"),
        fld("t", name="eeo[disabilitySignatureDate]", label="Date"),
    )
    assert [m[r].key for r in "grvdst"] == [
        K.EEO_GENDER,
        K.EEO_RACE,
        K.EEO_VETERAN_STATUS,
        K.EEO_DISABILITY_STATUS,
        K.FULL_NAME,
        K.QUESTION,
    ]


def test_pronouns_list_custom_option_and_hidden_box() -> None:
    m = mapped(
        fld("p", type="checkbox", name="pronouns", options=["He/him", "She/her", "They/them"]),
        fld("c", type="checkbox", id="customPronounsOption", label="Custom"),
        fld("t", name="pronouns", id="customPronounsTextField", visible=False),
    )
    assert {r: mp.key for r, mp in m.items()} == {"p": K.PRONOUNS, "c": K.PRONOUNS, "t": K.PRONOUNS}
    assert m["p"].confidence > m["c"].confidence


@pytest.mark.parametrize(
    ("label", "type", "options", "key"),
    [
        ("Are you legally authorized to work in Canada?", "radio", ["Yes", "No"], K.WORK_AUTHORIZED),
        (
            "Will you now or in the future require sponsorship for an employment visa?",
            "radio",
            ["Yes", "No"],
            K.REQUIRES_SPONSORSHIP,
        ),
        (
            "Do you require visa sponsorship to work in Ireland?",
            "radio",
            ["Yes", "No"],
            K.REQUIRES_SPONSORSHIP,
        ),
        ("What are your salary expectations?", "textarea", None, K.SALARY_EXPECTATION),
        ("When could you start?", "text", None, K.START_DATE),
        ("What is your notice period?", "text", None, K.START_DATE),
        ("How did you hear about this role?", "select-one", ["Friend", "LinkedIn"], K.REFERRAL_SOURCE),
        ("Please share your legal first name", "text", None, K.FIRST_NAME),
        ("What is your preferred last name?", "text", None, K.LAST_NAME),
        ("What is your preferred first name?", "text", None, K.PREFERRED_NAME),
        (
            "Please indicate the highest level of education you have completed.",
            "radio",
            ["High school", "Bachelor's"],
            K.EDUCATION_DEGREE,
        ),
        ("What gender do you identify as?", "radio", ["Woman", "Man"], K.EEO_GENDER),
        ("How would you describe your ethnicity?", "checkbox", ["A", "B"], K.EEO_RACE),
        # Not vocabulary: custom questions stay questions.
        (
            "Are you a U.S. Person or eligible to obtain an export license?",
            "radio",
            ["Yes", "No"],
            K.QUESTION,
        ),
        ("Were you referred by someone for this role?", "select-one", ["Yes", "No"], K.QUESTION),
        ("Please provide the name of the person who referred you", "text", None, K.QUESTION),
        ("Do you identify as neurodivergent?", "radio", ["Yes", "No"], K.QUESTION),
        ("What is your age range?", "radio", ["18-29", "30+"], K.QUESTION),
        ("Why do you want to build rockets with us?", "textarea", None, K.QUESTION),
    ],
)
def test_card_questions(label: str, type: str, options: list[str] | None, key: K) -> None:
    tag = {"textarea": "textarea", "select-one": "select"}.get(type, "input")
    card = fld("q", tag=tag, type=type, name=f"{CARD}[field0]", label=label, options=options)
    alone = mapped(card)["q"]
    assert alone.key is K.QUESTION and alone.confidence < 0.8  # the wording is the generic mapper's
    m = merged(card)
    assert m["q"].key is key, m["q"].reason
    if key is not K.QUESTION:
        assert m["q"].confidence >= 0.85


def test_lone_tick_box_card_is_consent_only_when_it_agrees() -> None:
    agree = fld(
        "a", type="checkbox", name=f"{CARD}[field0]", label="I confirm the information above is accurate."
    )
    other = fld("b", type="checkbox", name=f"{CARD}[field1]", label="Remote")
    m = mapped(agree, other)
    assert m["a"].key is K.CONSENT and m["a"].confidence >= 0.9
    assert m["b"].key is K.QUESTION


def test_survey_questions_use_the_same_rules() -> None:
    name = "surveysResponses[3c1e9a2b-7d64-4f05-b8a3-2e9d0c6f1a57][responses][field2]"
    m = merged(
        fld("s", type="radio", name=name, label="What gender do you identify as?", options=["Woman", "Man"])
    )
    assert m["s"].key is K.EEO_GENDER


def test_other_ats_pages_are_left_alone() -> None:
    name_field = fld("n", name="name", attrs={"data-qa": "name-input"})
    assert mapped(name_field, detection=Detection(ats="greenhouse", confidence=0.95)) == {}
    assert mapped(fld("x", name="name"), detection=None) == {}  # no Lever evidence at all
    # The plugin sees every page: one stray hook is not Lever, the detection's evidence is.
    assert mapped(name_field, detection=None) == {}
    email = fld("e", name="email", attrs={"data-qa": "email-input"})
    resume = fld("r", type="file", name="resume", attrs={"data-qa": "input-resume"})
    card = fld("c", name=f"{CARD}[field0]", label="Why us?")
    assert mapped(name_field, email, resume, card, detection=None)["n"].key is K.FULL_NAME


def test_unrelated_fields_get_no_opinion() -> None:
    m = mapped(fld("s", name="search"), fld("h", type="hidden", name="accountId"))
    assert m == {}

"""Thin evidence stays in the review band; measured evidence is filled (invented labels)."""

from __future__ import annotations

from typing import Any

from jobpilot.models.snapshot import FormSnapshot
from jobpilot.vocabulary import FieldKey as K
from jobpilot_ats_generic import calibration, decide_page, evidence, map_fields

FILL = 0.85
REVIEW = 0.6


def _map(*fields: Any, lang: str | None = None) -> dict[str, Any]:
    snap = FormSnapshot(url="https://careers.example.org/apply", lang=lang, fields=list(fields))
    return {m.ref: m for m in map_fields(snapshot=snap, detection=None)}


def _decision(*fields: Any, lang: str | None = None) -> Any:
    snap = FormSnapshot(url="https://careers.example.org/apply", lang=lang, fields=list(fields))
    return decide_page(snap)[fields[0].ref]


def test_a_short_noun_phrase_no_rule_knows_is_reviewed_not_typed(mk: Any) -> None:
    # A noun phrase names a datum: unknown to the tables, it may be a profile field in
    # words they lack, or page chrome, as much as a free-form question.
    f = mk("a", label="Favourite tool", label_source="for")
    d = _decision(f)
    assert d.key is K.QUESTION and d.evidence == "noun"
    assert REVIEW <= _map(f)["a"].confidence < FILL


def test_a_noun_phrase_holding_a_profile_word_is_a_near_miss_low_in_review(mk: Any) -> None:
    f = mk("a", label="Supervisor phone", label_source="for")
    d = _decision(f)
    assert d.key is K.QUESTION and d.evidence == "near-miss"
    assert REVIEW <= _map(f)["a"].confidence <= evidence.NEAR_MISS_CAP


def test_a_real_question_is_not_thin(mk: Any) -> None:
    f = mk("a", tag="textarea", label="Why do you want to join our team?", label_source="for")
    d = _decision(f)
    assert d.key is K.QUESTION and d.evidence == ""
    assert _map(f)["a"].confidence >= FILL


def test_a_fact_read_out_of_a_long_statement_is_reviewed(mk: Any) -> None:
    # Fine print that mentions pay is not, for sure, the box for the person's expectation.
    f = mk(
        "a",
        label="The pay band published for this opening runs from 50 to 60 thousand and your "
        "salary expectation matters",
        label_source="for",
    )
    d = _decision(f)
    assert d.key is K.SALARY_EXPECTATION and d.evidence == "statement"
    assert REVIEW <= _map(f)["a"].confidence < FILL


def test_a_statement_tag_for_a_profile_key_from_fine_print() -> None:
    from jobpilot.models.snapshot import Field

    f = Field(ref="a", tag="input", type="text")
    label = "Candidates relocating to the head office receive a generous allowance for moving costs"
    assert evidence.thin(f, label, K.WILLING_TO_RELOCATE, "label", "text") == "statement"
    # An instruction or a question of the same length is the ordinary case, not thin.
    ask = "Please provide your full legal name exactly as it appears on your passport or identity card"
    assert evidence.thin(f, ask, K.FULL_NAME, "label", "text") == ""
    # Consent boxes are statements by nature.
    assert evidence.thin(f, label, K.CONSENT, "label", "check") == ""


def test_a_page_in_a_language_the_tables_do_not_know_keeps_wording_in_review(mk: Any) -> None:
    f = mk("a", label="Telefon", label_source="for")
    on_known = _map(f, lang="de")
    on_unknown = _map(f, lang="pl-PL")
    assert on_known["a"].key is K.PHONE and on_known["a"].confidence >= FILL
    assert on_unknown["a"].key is K.PHONE and REVIEW <= on_unknown["a"].confidence < FILL


def test_a_non_latin_label_is_foreign(mk: Any) -> None:
    from jobpilot.models.snapshot import Field

    f = Field(ref="a", tag="input", type="text")
    assert evidence.thin(f, "Телефон", K.QUESTION, "fallback", "text") == "foreign"


def test_corroborated_wording_is_not_thin(mk: Any) -> None:
    # The label in an unknown language, but the machine name says the same: two sources agree.
    f = mk("a", label="Telefon", name="phone", label_source="for")
    d = _decision(f, lang="pl")
    assert d.key is K.PHONE and d.evidence == ""
    assert _map(f, lang="pl")["a"].confidence >= FILL


def test_machine_evidence_is_never_thin(mk: Any) -> None:
    f = mk("a", label="Kontakt", autocomplete="email", type="email", label_source="for")
    d = _decision(f, lang="pl")
    assert d.key is K.EMAIL and d.evidence == ""


def test_the_cap_holds_whatever_the_table_says() -> None:
    # Thin evidence never claims a fill, even where its class measured well on seen pages.
    assert calibration.calibrate(K.QUESTION, "fallback", 0.95, "noun") <= evidence.THIN_CAP
    assert calibration.calibrate(K.QUESTION, "fallback", 0.95, "near-miss") <= evidence.NEAR_MISS_CAP
    assert calibration.class_of(K.QUESTION, "fallback", "noun") == "question/fallback/noun"
    assert calibration.class_of(K.EMAIL, "label") == "profile/label"


def test_page_language_subtag() -> None:
    assert evidence.page_language("pt-BR") == "pt"
    assert evidence.page_language(" EN_us ") == "en"
    assert evidence.page_language(None) == ""


def test_a_key_from_the_second_of_two_questions_is_reviewed(mk: Any) -> None:
    f = mk(
        "a", tag="select", options=["Yes", "No"], label_source="for",
        label="Do you live within an hour of our Porto bakery? If not, are you willing to relocate?",
    )
    d = _decision(f)
    assert d.key is K.WILLING_TO_RELOCATE and d.evidence == "clause"
    assert REVIEW <= _map(f)["a"].confidence < FILL
    # Asked first, the same fact is ordinary evidence.
    g = mk("b", tag="select", options=["Yes", "No"], label_source="for",
           label="Are you willing to relocate to Porto? Which month could you move?")
    assert _decision(g).evidence == ""

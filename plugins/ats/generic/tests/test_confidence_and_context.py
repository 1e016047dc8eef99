"""Confidence ordering, disagreement, and labels whose meaning depends on the page."""

from __future__ import annotations

from typing import Any


def test_autocomplete_beats_label_beats_name(mk: Any, map1: Any) -> None:
    by_ac = map1(mk("a", label="Given name", autocomplete="given-name"))
    by_label = map1(mk("b", label="Given name"))
    by_name = map1(mk("c", name="candidate[first_name]"))
    assert by_ac.key.value == by_label.key.value == by_name.key.value == "first_name"
    assert by_ac.confidence > by_label.confidence > by_name.confidence
    assert by_ac.confidence >= 0.85
    assert "autocomplete=given-name" in by_ac.reason
    assert "name=candidate[first_name]" in by_name.reason


def test_autocomplete_alone_fills(mk: Any, map1: Any) -> None:
    m = map1(mk("a", autocomplete="section-apply shipping family-name"))
    assert m.key.value == "last_name" and m.confidence >= 0.85


def test_autocomplete_off_is_no_signal(mk: Any, map1: Any) -> None:
    for junk in ("off", "on", "nope", "list", "x-7f3a"):
        assert map1(mk("a", autocomplete=junk)) is None, junk


def test_label_and_name_agreeing_raise_confidence(mk: Any, map1: Any) -> None:
    alone = map1(mk("a", label="Email"))
    both = map1(mk("b", label="Email", name="applicant.email"))
    assert both.confidence > alone.confidence


def test_strong_sources_disagreeing_drop_to_review(mk: Any, map1: Any) -> None:
    m = map1(mk("a", label="Last name", autocomplete="given-name"))
    assert 0.6 <= m.confidence < 0.85
    assert "disagrees" in m.reason


def test_label_and_name_disagreeing_lower_confidence(mk: Any, map1: Any) -> None:
    agree = map1(mk("a", label="Phone", name="phone"))
    clash = map1(mk("b", label="Phone", name="email"))
    assert clash.key.value == "phone"
    assert clash.confidence < agree.confidence


def test_hidden_field_with_real_key_is_less_sure(mk: Any, map1: Any) -> None:
    shown = map1(mk("a", label="City"))
    hidden = map1(mk("b", label="City", visible=False))
    assert hidden.key.value == "address.city"
    assert hidden.confidence < shown.confidence


def test_question_fallback_is_moderate(mk: Any, map1: Any) -> None:
    m = map1(mk("a", tag="textarea", type="textarea", label="What excites you about this role?"))
    assert m.key.value == "question"
    assert 0.7 <= m.confidence <= 0.85


def test_name_tokens(mk: Any, map1: Any) -> None:
    cases = {
        "cName": "full_name",
        "cEmail": "email",
        "cPhoneNumber": "phone",
        "urls[LinkedIn]": "links.linkedin",
        "urls[GitHub]": "links.github",
        "eeo[gender]": "eeo.gender",
        "candidate[last_name]": "last_name",
        "applicant.postalCode": "address.postal_code",
    }
    for name, key in cases.items():
        kind = {"eeo[gender]": ("select", "select-one")}.get(name, ("input", "text"))
        m = map1(mk("a", tag=kind[0], type=kind[1], name=name))
        assert m is not None and m.key.value == key, (name, m)


def test_test_hooks_name_fields(mk: Any, map1: Any) -> None:
    m = map1(mk("a", attrs={"data-automation-id": "legalNameSection_firstName"}))
    assert m.key.value == "first_name"


def test_uuid_names_say_nothing(mk: Any, map1: Any) -> None:
    m = map1(mk("a", name="3f1c2a9e-77b0-4d7e-9a51-0c1d2e3f4a5b", id="question_123456"))
    assert m is None


def test_option_set_without_label(mk: Any, map1: Any) -> None:
    g = map1(mk("a", tag="select", options=["Select...", "Female", "Male", "Prefer not to say"]))
    v = map1(mk("b", type="radio", members=["I am a protected veteran",
                                            "I am not a protected veteran",
                                            "I prefer not to answer"]))
    d = map1(mk("c", type="radio", members=["Yes, I have a disability (or previously had one)",
                                            "No, I do not have a disability",
                                            "I do not want to answer"]))
    assert (g.key.value, v.key.value, d.key.value) == (
        "eeo.gender", "eeo.veteran_status", "eeo.disability_status")
    assert all(0.6 <= m.confidence < 0.9 for m in (g, v, d))


def test_dial_code_options(mk: Any, map1: Any) -> None:
    opts = [f"Country {i} (+{i})" for i in range(1, 30)]
    m = map1(mk("a", tag="select", options=opts))
    assert m.key.value == "address.country"


def test_nom_beside_prenom_is_last_name(mk: Any, mapall: Any) -> None:
    page = mapall(mk("p", label="Prénom"), mk("n", label="Nom"))
    assert page["p"].key.value == "first_name"
    assert page["n"].key.value == "last_name"


def test_nom_alone_is_full_name_for_review(mk: Any, mapall: Any) -> None:
    page = mapall(mk("n", label="Nom"), mk("e", label="Courriel"))
    assert page["n"].key.value == "full_name"
    assert page["n"].confidence < 0.85


def test_nombre_beside_apellidos(mk: Any, mapall: Any) -> None:
    page = mapall(mk("n", label="Nombre"), mk("a", label="Apellidos"))
    assert (page["n"].key.value, page["a"].key.value) == ("first_name", "last_name")


def test_group_label_prefix(mk: Any, mapall: Any) -> None:
    page = mapall(mk("f", label="Name: First"), mk("l", label="Name: Last"))
    assert (page["f"].key.value, page["l"].key.value) == ("first_name", "last_name")


def test_address_alone_is_location(mk: Any, mapall: Any) -> None:
    page = mapall(mk("a", label="Address", type="combobox"), mk("e", label="Email"))
    assert page["a"].key.value == "location"


def test_address_with_street_parts_is_street(mk: Any, mapall: Any) -> None:
    page = mapall(mk("a", label="Address"), mk("b", label="Address line 2"), mk("c", label="City"))
    assert page["a"].key.value == "address.street"


def test_place_autocomplete_is_location(mk: Any, map1: Any) -> None:
    m = map1(mk("a", label="Address", type="combobox", autocomplete="street-address"))
    assert m.key.value == "location"


def test_education_dates(mk: Any, mapall: Any) -> None:
    edu = {"section": "Education"}
    page = mapall(
        mk("s", label="School", type="combobox", **edu),
        mk("sm", label="Start date month", type="combobox", **edu),
        mk("ey", label="End date year", type="number", **edu),
        mk("job", label="Earliest start date", type="date"),
    )
    assert page["s"].key.value == "education.school"
    assert page["sm"].key.value == "question"
    assert page["ey"].key.value == "education.graduation_year"
    assert page["job"].key.value == "start_date"


def test_education_context_from_wrapper_classes(mk: Any, map1: Any) -> None:
    f = mk("ey", label="To (year)", tag="select",
           ancestors=[{"tag": "div", "class": "education-entry__dates"}])
    assert map1(f).key.value == "education.graduation_year"


def test_lone_statement_checkbox_is_consent_for_review(mk: Any, map1: Any) -> None:
    m = map1(mk("c", type="checkbox",
                label="We encourage you to write the answers above in your own voice."))
    assert m.key.value == "consent" and m.confidence < 0.85


def test_checkbox_question_is_question(mk: Any, map1: Any) -> None:
    m = map1(mk("c", type="checkbox", label="Have you worked for us before?"))
    assert m.key.value == "question"


def test_hidden_step_question_kept_hidden_widget_dropped(mk: Any, mapall: Any) -> None:
    page = mapall(
        mk("q", tag="textarea", label="Why are you interested in this role?", visible=False),
        mk("w", tag="textarea", label="Assistant notes", visible=False),
    )
    assert page["q"].key.value == "question"
    assert "w" not in page or page["w"].key.value == "unknown"


def test_job_search_widget_is_chrome(mk: Any, mapall: Any) -> None:
    page = mapall(
        mk("z", label="Zip Code", name="searchZip"),
        mk("c", label="City", tag="select", options=["Austin", "Boston"],
           ancestors=[{"tag": "div", "class": "advanced-search-criteria"}]),
        mk("l", label="City, state, country", type="combobox", id="location",
           attrs={"class": "search-box__input"}),
    )
    assert all(m.key.value == "unknown" for m in page.values()), page


def test_required_searchable_select_is_not_chrome(mk: Any, map1: Any) -> None:
    m = map1(mk("l", label="Location", type="combobox", required=True,
                attrs={"data-testid": "input-select-search-input", "role": "combobox"}))
    assert m.key.value == "location"


def test_share_and_alert_widgets(mk: Any, mapall: Any) -> None:
    page = mapall(
        mk("f", label="Your friend's email address", type="email"),
        mk("a", label="Email me new jobs like this", type="checkbox"),
        mk("k", label="Copy link"),
    )
    assert all(m.key.value == "unknown" for m in page.values()), page


def test_dial_code_picker_showing_value(mk: Any, map1: Any) -> None:
    picker = map1(mk("p", label="Search", type="combobox", value="+44 GB"))
    search = map1(mk("s", label="Search", type="combobox", value="",
                     options=["Albania +355", "Algeria +213", "Andorra +376"]))
    assert picker.key.value == "address.country"
    assert search.key.value == "unknown"


def test_phone_with_country_code_is_phone(mk: Any, map1: Any) -> None:
    m = map1(mk("p", label="Phone number with country code", type="tel"))
    assert m.key.value == "phone"


def test_phone_labelled_picker_with_dial_options(mk: Any, map1: Any) -> None:
    m = map1(mk("p", tag="div", type="combobox", label="Phone",
                options=["France +33", "Spain +34", "Italy +39"]))
    assert m.key.value == "address.country"


def test_aria_label_beats_wrapping_text(mk: Any, map1: Any) -> None:
    m = map1(mk("p", tag="div", type="combobox", label="Phone France+33 Spain+34",
                label_source="wrap",
                labels={"wrap": "Phone France+33 Spain+34", "aria-label": "Telephone country code"},
                aria_label="Telephone country code"))
    assert m.key.value == "address.country"


def test_question_heading_beats_nearby_remark(mk: Any, map1: Any) -> None:
    m = map1(mk("g", type="radio", members=["Yes", "No"],
                label="We cannot offer visa sponsorship for this role.", label_source="preceding",
                section="Are you eligible to work in Germany?"))
    assert m.key.value == "work_authorized"


def test_wrapper_test_hook_names_anonymous_control(mk: Any, map1: Any) -> None:
    f = mk("r", type="file", label="Choose a file or drop it here",
           ancestors=[{"tag": "div", "class": "dropzone"}, {"tag": "x-dropzone",
                                                           "data-test": "resume-upload"}])
    m = map1(f)
    assert m.key.value == "resume"
    assert "wrapper" in m.reason


def test_autofill_dropzone_by_wrapper(mk: Any, map1: Any) -> None:
    f = mk("a", type="file", label="Drop it here",
           ancestors=[{"tag": "div", "data-test": "apply-with-resume-container"}])
    assert map1(f).key.value == "unknown"


def test_unlabelled_education_selects(mk: Any, mapall: Any) -> None:
    months = ["Month...", "January", "February", "March", "April", "May", "June"]
    years = ["Year...", "2026", "2025", "2024", "2023", "2022", "2021"]
    start = [{"tag": "div", "id": "education-history-startDate"}]
    end = [{"tag": "div", "id": "education-history-endDate"}]
    page = mapall(
        mk("sm", tag="select", options=months, ancestors=start),
        mk("ey", tag="select", options=years, ancestors=end),
    )
    assert page["sm"].key.value == "question"
    assert page["ey"].key.value == "education.graduation_year"

"""Snapshot fidelity (issue 18): separately named consent boxes stay separate fields, and a
saved page's form nested inside another form keeps its id and its controls."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from jobpilot.dom.saved import PLACEHOLDER, prepare_saved_page, restore_nested_forms
from jobpilot.runner import OfflineRouter, PlaywrightPage

ASSETS = Path(__file__).parent / "assets"
URL = "https://lindqvist-boats.example/o/unsolicited"


@pytest.mark.browser
async def test_separately_named_boxes_are_separate_fields(page: PlaywrightPage, dom_server: Any) -> None:
    await page.goto(dom_server.url("agreements.html"))
    snap = await page.snapshot()
    by_label = {f.label: f for f in snap.fields}
    consent0 = by_label["I agree to the privacy policy of Lindqvist Boats."]
    consent1 = by_label["I agree that my data is kept for two years."]
    assert (consent0.name, consent0.type) == ("candidate.agreements.0.consent", "checkbox")
    assert consent0.members == []
    assert consent1.name == "candidate.agreements.1.consent" and consent1.required
    # Each required on its own: separate questions too, whatever their names.
    truth, age = by_label["All I wrote is true."], by_label["I am over 18."]
    assert {truth.name, age.name} == {"confirm_truth", "confirm_age"}
    # Options named by their text, or by the option of one record: one multi-choice field.
    langs = by_label["Which languages do you write?"]
    assert [o.text for o in langs.options] == ["Python", "Rust", "Go"]
    shifts = by_label["Which shifts suit you?"]
    assert [o.text for o in shifts.options] == ["Mornings", "Evenings"]
    # Every option marked required (as some sites do) does not make options questions.
    days = by_label["Which days can you work?"]
    assert [o.text for o in days.options] == ["Monday AM", "Monday PM"]
    assert len(snap.fields) == 7


def test_nested_forms_are_marked_and_restored_in_text() -> None:
    html = (ASSETS / "nested-forms.html").read_text("utf-8")
    fixed = restore_nested_forms(html)
    assert fixed.count(f"<{PLACEHOLDER} ") == 2 and fixed.count(f"</{PLACEHOLDER}>") == 2
    assert fixed.count("<form>") == 1 and fixed.count("</form>") == 1
    plain = "<html><body><form id=a></form><!-- <form> --><script>'<form>'</script></body></html>"
    assert restore_nested_forms(plain) is plain
    assert prepare_saved_page(b"\xff<form><form>") == b"\xff<form><form>"  # not UTF-8: as it is


@pytest.mark.browser
async def test_a_nested_form_keeps_its_id_on_a_saved_page(browser: Any) -> None:
    data = (ASSETS / "nested-forms.html").read_bytes()
    for prepared, expect_id in ((False, False), (True, True)):
        router = OfflineRouter()
        router.serve(URL, body=prepare_saved_page(data) if prepared else data, content_type="text/html")
        page: PlaywrightPage = await browser.new_page(router=router)
        try:
            await page.goto(URL)
            snap = await page.snapshot()
        finally:
            await page.close()
        # Served raw, the HTML parser drops the inner start tag: that is the bug it fixes.
        assert ("offer-application-form" in snap.element_ids) is expect_id
        if not prepared:
            continue
        form = next(f for f in snap.forms if f.id == "offer-application-form")
        assert form.attrs.get("class") == "apply-form" and form.submit_text == "Send"
        email = next(f for f in snap.fields if f.name == "candidate.email")
        assert email.form == form.ref and email.label == "Email"
        other = next(f for f in snap.fields if f.name == "other")
        assert snap.form_of(other).id == "second-nested"  # type: ignore[union-attr]

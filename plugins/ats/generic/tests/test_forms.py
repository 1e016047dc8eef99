"""Controls outside the application form are left alone and reported (invented pages)."""

from __future__ import annotations

from typing import Any

from jobpilot.models.snapshot import FormInfo, FormSnapshot, RegionInfo
from jobpilot.vocabulary import FieldKey as K
from jobpilot_ats_generic import map_fields
from jobpilot_ats_generic.forms import Layout

URL = "https://careers.example.org/jobs/42/apply"


def _map(
    fields: list[Any], forms: list[FormInfo] | None = None, regions: list[RegionInfo] | None = None
) -> dict[str, Any]:
    snap = FormSnapshot(url=URL, fields=fields, forms=forms or [], regions=regions or [])
    return {m.ref: m for m in map_fields(snapshot=snap, detection=None)}


def _application(mk: Any, form: str | None = "app", region: str | None = None) -> list[Any]:
    return [
        mk("fn", label="First name", label_source="for", form=form, region=region),
        mk("ln", label="Last name", label_source="for", form=form, region=region),
        mk("em", label="Email", type="email", label_source="for", form=form, region=region),
        mk("cv", label="Resume", type="file", label_source="for", form=form, region=region),
    ]


APP = FormInfo(ref="app", heading="Apply for Pastry Chef", submit_text="Submit application", fields=4)


def test_a_sign_in_form_beside_the_application_is_left_alone(mk: Any) -> None:
    login = FormInfo(ref="login", heading="Welcome back", submit_text="Continue", password=True, fields=2)
    fields = [
        mk("le", label="Email", type="email", label_source="for", form="login"),
        mk("lp", label="Password", type="password", label_source="for", form="login"),
        *_application(mk),
    ]
    out = _map(fields, [login, APP])
    assert out["le"].key is K.UNKNOWN and "sign-in" in (out["le"].reason or "")
    assert out["em"].key is K.EMAIL and out["fn"].key is K.FIRST_NAME


def test_a_job_alert_form_is_left_alone_by_its_own_words(mk: Any) -> None:
    alerts = FormInfo(ref="alerts", heading="Never miss an opening", submit_text="Subscribe", fields=1)
    fields = [
        mk("ae", label="Your email", type="email", label_source="for", form="alerts"),
        *_application(mk),
    ]
    out = _map(fields, [alerts, APP])
    assert out["ae"].key is K.UNKNOWN and "something else" in (out["ae"].reason or "")
    assert out["em"].key is K.EMAIL


def test_a_second_form_asking_the_applicants_identity_again_is_left_alone(mk: Any) -> None:
    # A "talk to a representative" form with a neutral submit button, beside the application.
    rep = FormInfo(ref="rep", heading="Become a dealer", submit_text="Send", fields=4)
    fields = [
        mk("rn", label="Your name", label_source="for", form="rep"),
        mk("re", label="Your email", type="email", label_source="for", form="rep"),
        mk("rp", label="Your phone", type="tel", label_source="for", form="rep"),
        mk("rq", tag="textarea", label="Which product lines interest you?", label_source="for", form="rep"),
        *_application(mk),
    ]
    out = _map(fields, [rep, APP])
    for ref in ("rn", "re", "rp", "rq"):
        assert out[ref].key is K.UNKNOWN, ref
    assert out["fn"].key is K.FIRST_NAME and out["cv"].key is K.RESUME


def test_an_application_split_over_two_forms_is_all_mapped(mk: Any) -> None:
    part2 = FormInfo(ref="more", heading="A few questions", submit_text="Next", fields=2)
    fields = [
        *_application(mk),
        mk("q1", tag="textarea", label="Why do you want this job?", label_source="for", form="more"),
        mk("ph", label="Phone", type="tel", label_source="for", form="more"),
    ]
    out = _map(fields, [APP, part2])
    assert out["q1"].key is K.QUESTION and out["ph"].key is K.PHONE


def test_the_application_form_is_found_by_its_words_then_its_upload(mk: Any) -> None:
    other = FormInfo(ref="x", heading="Stay in touch", submit_text="Go", fields=5)
    plain = FormInfo(ref="app", heading="Pastry Chef", submit_text="Send", fields=4)
    fields = [mk(f"x{i}", label=f"Box {i}", form="x") for i in range(5)] + _application(mk)
    snap = FormSnapshot(url=URL, fields=fields, forms=[other, plain])
    assert Layout.of(snap).application == "app"  # the one holding the upload, not the biggest


def test_header_search_and_footer_newsletter_are_page_chrome(mk: Any) -> None:
    regions = [
        RegionInfo(ref="hdr", role="banner"),
        RegionInfo(ref="main", role="main"),
        RegionInfo(ref="ftr", role="contentinfo"),
    ]
    fields = [
        mk("kw", label="Location", label_source="for", region="hdr"),
        mk("nl", label="Email", type="email", label_source="for", region="ftr"),
        *_application(mk, form=None, region="main"),
    ]
    out = _map(fields, [], regions)
    assert out["nl"].key is K.UNKNOWN and "contentinfo" in (out["nl"].reason or "")
    assert out["kw"].key is K.UNKNOWN and "banner" in (out["kw"].reason or "")
    assert out["em"].key is K.EMAIL


def test_a_cookie_dialog_is_left_alone_but_an_application_dialog_is_not(mk: Any) -> None:
    regions = [
        RegionInfo(ref="ck", role="dialog", label="Cookie preferences"),
        RegionInfo(ref="ap", role="dialog", label="Apply for Pastry Chef"),
    ]
    fields = [
        mk("c1", type="checkbox", label="Remember me on this device", label_source="for", region="ck"),
        *_application(mk, form=None, region="ap"),
    ]
    out = _map(fields, [], regions)
    assert out["c1"].key is K.UNKNOWN and "dialog" in (out["c1"].reason or "")
    assert out["fn"].key is K.FIRST_NAME and out["em"].key is K.EMAIL


def test_a_page_without_form_facts_is_mapped_as_before(mk: Any) -> None:
    out = _map(_application(mk, form=None))
    assert out["em"].key is K.EMAIL and out["cv"].key is K.RESUME


def test_one_box_of_a_select_any_list_is_an_option_of_its_question(mk: Any) -> None:
    # Separately named boxes under one asking legend: options, not statements to agree to.
    legend = "Please select any of the following certificates you hold"
    boxes = [
        mk(f"b{i}", type="checkbox", name=f"cert_{i}", label=text, label_source="wrap",
           labels={"wrap": text, "legend": legend})
        for i, text in enumerate(["Certified Pastry Instructor (Guild of Sugar Arts)",
                                  "Diploma of the Academy of Confectionery and Baking"])
    ]
    out = _map(boxes)
    assert all(out[b.ref].key is K.QUESTION for b in boxes)


def test_when_every_form_is_for_something_else_none_is_the_application(mk: Any) -> None:
    # The application sits in a frame the snapshot cannot read; the page's own forms are a
    # feedback box and a "represent our products" contact form, the biggest on the page.
    feedback = FormInfo(ref="fb", heading="Tell us what you think", action="/api/feedback/send", fields=2)
    rep = FormInfo(ref="rep", heading="Sell our ovens", action="/api/contact/rep-products/send", fields=3)
    fields = [
        mk("f1", label="Your name", label_source="for", form="fb"),
        mk("f2", tag="textarea", label="Your message", label_source="for", form="fb"),
        mk("r1", label="Your name", label_source="for", form="rep"),
        mk("r2", label="Your email", type="email", label_source="for", form="rep"),
        mk("r3", tag="textarea", label="Which regions do you cover?", label_source="for", form="rep"),
    ]
    snap = FormSnapshot(url=URL, fields=fields, forms=[feedback, rep])
    assert Layout.of(snap).application is None
    out = _map(fields, [feedback, rep])
    assert all(out[f.ref].key is K.UNKNOWN for f in fields)


def test_a_page_that_is_one_form_is_the_application_whatever_its_button_says(mk: Any) -> None:
    # A create-account step of an application: one form, a password box, a "Sign in" button.
    step = FormInfo(ref="acct", heading="Careers", submit_text="Sign In", password=True, fields=3)
    fields = [
        mk("em", label="Email Address", type="email", label_source="for", form="acct"),
        mk("pw", label="Password", type="password", label_source="for", form="acct"),
        mk("pw2", label="Verify New Password", type="password", label_source="for", form="acct"),
    ]
    out = _map(fields, [step])
    assert out["em"].key is K.EMAIL

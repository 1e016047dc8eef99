"""Which form and page region each control belongs to: the facts that tell the application
from a site search, a sign-in box, a job-alert sign-up, a store locator or a cookie banner."""

from __future__ import annotations

from typing import Any

import pytest
from jobpilot.models.snapshot import Field, FormSnapshot
from jobpilot.runner import PlaywrightPage

pytestmark = pytest.mark.browser


@pytest.fixture
async def snap(page: PlaywrightPage, dom_server: Any) -> FormSnapshot:
    await page.goto(dom_server.url("regions.html"))
    return await page.snapshot()


def by_name(snap: FormSnapshot, name: str) -> Field:
    return next(f for f in snap.fields if f.name == name)


async def test_each_form_is_described(snap: FormSnapshot) -> None:
    forms = {f.id: f for f in snap.forms}
    assert set(forms) == {"site-search", "login", "application", "alerts"}
    app = forms["application"]
    assert (app.action, app.method) == ("/jobs/pastry-chef/apply", "post")
    assert app.submit_text == "Submit application"
    assert app.heading == "Apply for this job" and not app.password and not app.search
    assert app.fields == 4  # first name, email, the shift radio group, the form= referral box
    assert forms["login"].password and forms["login"].submit_text == "Sign in"
    assert forms["login"].heading == "Already applied? Sign in"
    assert forms["site-search"].search and forms["site-search"].submit_text == "Search"
    assert forms["alerts"].heading == "Get job alerts" and forms["alerts"].submit_text == "Subscribe"
    submit = next(b for b in snap.buttons if b.text == "Submit application")
    assert app.submit_ref == submit.ref and submit.form == app.ref


async def test_fields_name_their_form_and_region(snap: FormSnapshot) -> None:
    app = next(f for f in snap.forms if f.id == "application")
    for name in ("first_name", "email", "shift"):
        assert by_name(snap, name).form == app.ref, name
    # A control outside the form element that the form owns through form="application".
    assert by_name(snap, "ref_code").form == app.ref
    assert [r.role for r in snap.regions_of(by_name(snap, "email"))] == ["main"]
    login = by_name(snap, "login[email]")
    assert [(r.role, r.label) for r in snap.regions_of(login)] == [
        ("complementary", "Candidate account"),
        ("main", None),
    ]
    assert snap.form_of(login) is not None and snap.form_of(login).id == "login"  # type: ignore[union-attr]
    assert [r.role for r in snap.regions_of(by_name(snap, "q"))] == ["search", "banner"]
    assert [r.role for r in snap.regions_of(by_name(snap, "alert_email"))] == ["contentinfo"]
    cookie = by_name(snap, "analytics_cookies")
    (dialog,) = snap.regions_of(cookie)
    assert (dialog.role, dialog.label, dialog.heading, dialog.id) == (
        "dialog", "Cookie preferences", "We use cookies", "cookie-banner"
    )
    assert cookie.form is None
    # The store locator is no form at all: its section and region say where it is.
    zip_box = by_name(snap, "postcode")
    assert zip_box.form is None and zip_box.section == "Find a store near you"
    assert [r.role for r in snap.regions_of(zip_box)] == ["main"]


async def test_regions_are_listed_once_with_their_parents(snap: FormSnapshot) -> None:
    refs = [r.ref for r in snap.regions]
    assert len(refs) == len(set(refs))
    search = next(r for r in snap.regions if r.role == "search")
    banner = next(r for r in snap.regions if r.role == "banner")
    assert search.region == banner.ref and banner.region is None

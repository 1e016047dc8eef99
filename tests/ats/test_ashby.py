"""Ashby end to end, in real Chromium, against the replica in tests/replicas/ashby.

The replica runs at its real URL (jobs.ashbyhq.com, forwarded to a recording server), so
every assertion about a submission is about what the *server* received: the GraphQL
multipart request (operations JSON, map, file parts) Ashby's own page sends.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jobpilot.demo
import pytest
from jobpilot.engine.apply import ApplyEngine, ApplyOptions
from jobpilot.models.profile import Profile
from jobpilot.models.run import ApplicationRun
from jobpilot.plugins import load
from jobpilot.profile_io import load_profile
from jobpilot.runner import PlaywrightPage

pytestmark = pytest.mark.browser

TESTS = Path(__file__).parent.parent
DEMO = Path(jobpilot.demo.__file__).parent


def _load_harness() -> Any:
    name = "jobpilot_tests_ashby_harness"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, TESTS / "replicas" / "ashby" / "harness.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


H = _load_harness()
EEOC = "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b"
DIVERSITY = "2d4f6a8c-0e1b-4d3f-9a5c-7e9b1d3f5a7c"


@pytest.fixture(scope="module")
def server(fixture_server_factory: Callable[[Path], Any]) -> Any:
    """The recording server behind https://jobs.ashbyhq.com (rooted at tests/)."""
    return fixture_server_factory(TESTS)


@pytest.fixture
def profile() -> Profile:
    return load_profile(DEMO / "profile" / "resume.json", DEMO / "profile" / "answers.yaml")


async def open_page(browser: Any, server: Any, url: str = H.APP_URL) -> PlaywrightPage:
    server.clear()
    page: PlaywrightPage = await browser.new_page(router=H.make_router(server.origin))
    await page.raw.goto(url)
    return page


async def apply(
    page: PlaywrightPage, profile: Profile, *, submit: bool
) -> tuple[ApplyEngine, ApplicationRun]:
    engine = ApplyEngine(load(), profile, options=ApplyOptions(submit=submit, verify_timeout_ms=5_000))
    return engine, await engine.run(page)


def submission(server: Any) -> tuple[dict[str, Any], dict[str, Any], Any]:
    """(field entries by path, survey answers by survey id and path, the request)."""
    (req,) = server.posts(H.SUBMIT_PATH)
    assert req.query == {"op": ["ApiSubmitSingleApplicationFormAction"]}
    ops = json.loads(req.form["operations"][0])
    v = ops["variables"]
    entries = {e["path"]: e["value"] for e in v["applicationForm"]["fieldEntries"]}
    surveys = {s["surveyId"]: {r["path"]: r["value"] for r in s["responses"]} for s in v["surveySubmissions"]}
    return entries, surveys, req


async def test_full_application_is_recorded_field_by_field(
    browser: Any, server: Any, profile: Profile
) -> None:
    page = await open_page(browser, server)
    try:
        _, run = await apply(page, profile, submit=True)
    finally:
        await page.close()
    assert run.detection is not None and run.detection.plugin == "ashby"
    assert (run.status, run.submitted, run.needs_user) == ("submitted", True, [])
    assert "Thanks for applying" in (run.evidence.confirmation_text or "")

    entries, surveys, req = submission(server)
    ops = json.loads(req.form["operations"][0])["variables"]
    assert (ops["organizationHostedJobsPageName"], ops["jobPostingId"]) == (H.ORG, H.JOB_ID)
    # Texting consent is an SMS opt-in: `consent: true` covers what the application needs, and
    # this profile has not opted in to texts, so the choice is left to the person.
    assert ops["communicationConsent"] is None
    assert entries == {
        "_systemfield_name": "Mara Okafor-Lindqvist",
        "_systemfield_email": "mara.ol@example.org",
        "6b0e3c52-1f7a-4d2e-9a84-5c3b2e1f0d97": "+1 415 555 0142",
        "_systemfield_resume": None,  # the bytes travel as multipart part "0" (see map)
        "_systemfield_location": {
            "locationId": "place-0",
            "locationSummary": "San Francisco, California, United States",
        },
        "d84f21a7-3c6e-4b90-a5d2-7e1f0c9b8a36": True,  # authorised to work: the "Yes" button
        "0a7c5e93-b2d4-4f18-9e6a-4c3d2b1a0f87": False,  # needs sponsorship: the "No" button
        "5c2e8f1a-9d3b-4e7c-a0f6-b1c2d3e4f5a6": "150000",
        "7f1d3b5c-2e4a-4c6e-8a0b-9d8c7b6a5f4e": "2 weeks notice",
        "1e2d3c4b-5a69-4788-9a0b-c1d2e3f4a5b6": "https://www.linkedin.com/in/maraol",
        "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d": "https://github.com/maraol",
        "c4d5e6f7-a8b9-4c0d-9e1f-2a3b4c5d6e7f": profile.application.answers[0].answer,
        "_systemfield_education_history": [
            {
                "school": "University of Washington",
                "degree": "Bachelor's Degree",
                "fieldOfStudy": "Computer Science",
                "startDate": None,
                "endDate": {"month": None, "year": 2017},
                "isCurrent": False,
            }
        ],
    }
    # Unanswered optional questions stay unanswered (no saved answer): the travel yes/no,
    # the multi-select, the cover-letter file (the profile's cover letter is text).
    assert json.loads(req.form["map"][0]) == {"0": ["variables.applicationForm.fieldEntries.3.value"]}
    (resume,) = req.files["0"]
    assert resume.filename == "resume.pdf"
    assert resume.data == (DEMO / "profile" / "resume.pdf").read_bytes()
    assert set(req.files) == {"0"}  # nothing went into the "Autofill from resume" uploader
    assert surveys == {
        DIVERSITY: {
            "52b3c4d5-e6f7-4081-92a3-b4c5d6e7f809": "Woman",  # profile gender "Female"
            "74d5e6f7-0819-42a3-b4c5-d6e7f8091a2b": ["I prefer not to say"],  # race not given: decline
        },
        EEOC: {
            "_systemfield_eeoc_gender": "Female",
            "_systemfield_eeoc_race": "Decline to self-identify",
            "_systemfield_eeoc_veteran_status": "I am not a protected veteran",
            "_systemfield_eeoc_disability_status": "I do not want to answer",
        },
    }


async def test_location_without_a_matching_suggestion_is_left_for_the_person(
    browser: Any, server: Any, profile: Profile
) -> None:
    loc = profile.basics.location
    loc.city, loc.region, loc.countryCode = "Hamilton", "Waikato", "NZ"
    page = await open_page(browser, server)
    try:
        _, run = await apply(page, profile, submit=True)
        shown = await page.raw.input_value('[data-field-path="_systemfield_location"] input')
    finally:
        await page.close()
    # Hamilton in Canada, Bermuda, the UK and Ohio were offered; none is in New Zealand.
    assert run.plan is not None
    (skip,) = [
        s
        for s in run.plan.skipped
        if s.key is not None and s.key.value == "location" and "suggestion" in s.reason
    ]
    assert "Hamilton, Ontario, Canada" in skip.reason and skip.required
    assert shown == ""
    assert run.status == "needs_user" and not run.submitted
    assert any("Location" in n for n in run.needs_user)
    assert server.posts(H.SUBMIT_PATH) == []


async def test_location_takes_the_one_city_and_country_match(
    browser: Any, server: Any, profile: Profile
) -> None:
    # "San Francisco, CA, United States" is no suggestion's text; of the suggestions only one
    # starts with the city and names the country (not "South San Francisco", not Argentina).
    profile.basics.location.region = "CA"
    page = await open_page(browser, server)
    try:
        _, run = await apply(page, profile, submit=False)
        shown = await page.raw.input_value('[data-field-path="_systemfield_location"] input')
    finally:
        await page.close()
    assert run.status == "filled" and run.needs_user == []
    assert shown == "San Francisco, California, United States"


async def test_missing_required_answer_is_rejected_inline_and_nothing_posted(
    browser: Any, server: Any, profile: Profile
) -> None:
    profile.basics.phone = None
    page = await open_page(browser, server)
    try:
        engine, run = await apply(page, profile, submit=True)
        # The engine does not submit with a required field empty ...
        assert run.status == "needs_user" and any("Phone" in n for n in run.needs_user)
        assert server.posts(H.SUBMIT_PATH) == []
        # ... and when the form is submitted anyway, Ashby's validation says why, inline.
        await page.raw.click(".ashby-application-form-submit-button")
        assert engine.flow is not None
        assert run.detection is not None
        outcome = await engine.flow.after_submit(engine.context(page, run.detection))
        inline = await page.raw.text_content(
            '[data-field-path="6b0e3c52-1f7a-4d2e-9a84-5c3b2e1f0d97"] .ashby-application-form-field-error'
        )
    finally:
        await page.close()
    assert outcome is not None and outcome.state == "needs_user"
    assert outcome.needs == ["Ashby rejected the form: missing entry for required field: Phone"]
    assert inline == "This field is required."
    assert server.posts(H.SUBMIT_PATH) == []


async def test_embed_on_company_careers_site(browser: Any, server: Any, profile: Profile) -> None:
    page = await open_page(browser, server, H.CAREERS_URL)
    try:
        await H.wait_rendered(page.raw)
        _, run = await apply(page, profile, submit=False)
        frame = page.raw.frame_locator("#ashby_embed_iframe")
        email = await frame.locator("#_systemfield_email").input_value()
        newsletter = await page.raw.input_value("#newsletter-email")
    finally:
        await page.close()
    det = run.detection
    assert det is not None and (det.ats, det.plugin, det.company, det.job_id) == (
        "ashby",
        "ashby",
        H.ORG,
        H.JOB_ID,
    )
    assert det.confidence >= 0.95
    assert email == "mara.ol@example.org"  # the application inside the jobs.ashbyhq.com iframe
    assert newsletter == ""  # the host site's newsletter box is not part of the application
    assert run.status == "filled" and run.needs_user == []


async def test_corpus_captures_match_the_replica(browser: Any, server: Any) -> None:
    """The eval corpus pages are what the replica renders (re-run harness.py when not)."""
    captured = await H.capture(browser, server.origin)
    for name, html in captured.items():
        assert (H.HERE / name).read_text("utf-8") == html, (
            f"{name} is stale: uv run python tests/replicas/ashby/harness.py"
        )

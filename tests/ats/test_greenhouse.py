"""The Greenhouse adapter end to end in real Chromium, asserted on what the replica received.

The replica (tests/replicas/greenhouse/server.py) is served as if it were
job-boards.greenhouse.io, boards.greenhouse.io and a company's careers site, so URL-based
detection, the embed's cross-origin iframe and the form posts behave as on the real sites.
"""

from __future__ import annotations

import asyncio
import importlib.util
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import jobpilot.demo
import pytest
from jobpilot import hookimpl
from jobpilot.engine.apply import ApplyEngine, ApplyOptions
from jobpilot.models.mapping import Detection
from jobpilot.models.profile import Profile
from jobpilot.models.providers import CaptchaChallenge, CaptchaSolution
from jobpilot.plugins import PluginManager, load
from jobpilot.profile_io import load_profile
from jobpilot.runner import OfflineRouter

pytestmark = pytest.mark.browser

REPLICA_DIR = Path(__file__).parent.parent / "replicas" / "greenhouse"
DEMO = Path(jobpilot.demo.__file__).parent
REACT_URL = "https://job-boards.greenhouse.io/larkspurlabs/jobs/4801234005"
CLASSIC_URL = "https://boards.greenhouse.io/fernhollow/jobs/5550001"
COMPANY_URL = "https://careers.larkspur.example/careers/larkspur?gh_jid=4801234005"
ORIGINS = (
    "https://job-boards.greenhouse.io",
    "https://boards.greenhouse.io",
    "https://careers.larkspur.example",
    "https://www.recaptcha.net",
)


def _replica_module() -> Any:
    name = "jobpilot_tests_greenhouse_replica"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, REPLICA_DIR / "server.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


@pytest.fixture(scope="session")
async def greenhouse() -> AsyncIterator[Any]:
    server = await _replica_module().GreenhouseReplica(latency=0.25).start()
    try:
        yield server
    finally:
        await server.stop()


@pytest.fixture
def replica(greenhouse: Any) -> Any:
    greenhouse.reset()
    return greenhouse


@pytest.fixture
def profile() -> Profile:
    return load_profile(DEMO / "profile" / "resume.json", DEMO / "profile" / "answers.yaml")


@pytest.fixture(scope="module")
def plugins() -> PluginManager:
    return load()


Ask = Callable[[str], Awaitable[str | None]]


async def apply_at(
    browser: Any, server: Any, plugins: PluginManager, url: str, profile: Profile, **options: Any
) -> Any:
    router = OfflineRouter()
    for origin in ORIGINS:
        router.forward(origin, server.origin)
    page = await browser.new_page(router=router)
    try:
        await page.goto(url)
        await page.wait_for(stable_ms=200)
        engine = ApplyEngine(plugins, profile, options=ApplyOptions(**options))
        return await engine.run(page)
    finally:
        await page.close()


def asker(answers: list[str | None], prompts: list[str]) -> Ask:
    async def ask(prompt: str) -> str | None:
        prompts.append(prompt)
        return answers.pop(0)

    return ask


def the_code(server: Any) -> Ask:
    async def ask(prompt: str) -> str | None:
        return str(server.last_code())

    return ask


# --- React job board -----------------------------------------------------------------


async def test_react_board_full_application(
    browser: Any, replica: Any, plugins: PluginManager, profile: Profile
) -> None:
    prompts: list[str] = []

    async def ask(prompt: str) -> str | None:
        prompts.append(prompt)
        return str(replica.last_code())

    run = await apply_at(browser, replica, plugins, REACT_URL, profile, submit=True, ask=ask)
    assert run.status == "submitted", (run.error, run.needs_user)
    assert run.detection.ats == "greenhouse" and run.detection.plugin == "greenhouse"
    assert [a.outcome for a in replica.attempts] == ["code_required", "accepted"]
    assert len(prompts) == 1 and "mara.ol@example.org" in prompts[0]

    (sub,) = replica.applications
    assert sub.get("security_code") == replica.outbox[0].code
    expected = {
        "first_name": "Mara",
        "last_name": "Okafor-Lindqvist",
        "email": "mara.ol@example.org",
        "phone": "+1 415 555 0142",
        # react-selects: the phone country chosen from its real options, the async ones
        # found by searching / loading on open.
        "country": "United States +1",
        "candidate_location": "San Francisco, California, United States",
        "education[0][school]": "University of Washington",
        "education[0][degree]": "Bachelor's Degree",
        "education[0][discipline]": "Computer Science",
        "education[0][end_year]": "2017",
        "education[0][start_month]": "",  # no vocabulary key, no saved answer: left alone
        "question_7700101": "https://www.linkedin.com/in/maraol",
        "question_7700102": "https://mara.example.org",
        "question_7700103": "Yes",
        "question_7700104": "No",
        "question_7700105": "LinkedIn",
        "question_7700106": "I build reliable data systems and your platform team does exactly that.",
        "question_7700107": "",  # no saved answer: never invented
        "question_7700108": "",
        "cover_letter_text": "I would love to bring my backend experience to your team.",
        "demographic[41100201]": "Woman",  # "Female" read against the loaded options
        "gender": "Female",
        "hispanic_ethnicity": "No",
        "race": "Decline To Self Identify",  # appeared after "No"; the profile leaves it open
        "veteran_status": "I am not a protected veteran",
        "disability_status": "I do not want to answer",
        "gdpr_processing_consent_given": "1",
        "gdpr_demographic_data_consent_given": "1",
    }
    assert {k: sub.get(k) for k in expected} == expected
    # Everything else the form posted was left alone: a stray fill anywhere fails here.
    unlisted = {k: sub.get(k) for k in sub.fields if k not in expected}
    assert unlisted == {
        "education[0][start_year]": "",
        "education[0][end_month]": "",
        "g-recaptcha-response": "replica-invisible-token",  # the page's own widget
        "security_code": replica.outbox[0].code,
    }
    assert all(len(v) == 1 for v in sub.fields.values()), sub.fields
    assert set(sub.files) == {"resume"}
    resume = sub.files["resume"]
    assert resume.filename == "resume.pdf"
    assert resume.data == Path(profile.resume_path() or "").read_bytes()
    # The invisible reCAPTCHA was seen and did not stop the submission.
    assert run.results and all(r.ok for r in run.results), [r for r in run.results if not r.ok]


async def test_react_board_required_fields_are_validated(
    browser: Any, replica: Any, plugins: PluginManager, profile: Profile
) -> None:
    """Submitting with required fields empty: the replica shows its errors, posts nothing,
    and the flow reports them instead of claiming a submission."""
    from jobpilot_ats_greenhouse.flow import GreenhouseFlow
    from jobpilot_ats_greenhouse.security_code import field_errors

    router = OfflineRouter()
    for origin in ORIGINS:
        router.forward(origin, replica.origin)
    page = await browser.new_page(router=router)
    try:
        await page.goto(REACT_URL)
        await page.wait_for(stable_ms=200)
        snapshot = await page.snapshot()
        first = next(f for f in snapshot.fields if f.id == "first_name")
        await page.apply([_fill(first.ref, "Mara")])
        submit = next(b for b in snapshot.buttons if b.text == "Submit application")
        await page.click(submit.ref)
        engine = ApplyEngine(plugins, profile, options=ApplyOptions(submit=True))
        ctx = engine.context(page, Detection(ats="greenhouse", confidence=1.0))
        outcome = await GreenhouseFlow().after_submit(ctx)
        errors = field_errors(await page.snapshot())
    finally:
        await page.close()
    assert replica.attempts == []
    assert outcome is not None and outcome.state == "needs_user"
    assert any(e.startswith("Last Name: This field is required") for e in errors)
    assert any(e.startswith("Phone:") for e in errors) and not any(e.startswith("First Name") for e in errors)
    assert any("Resume/CV" in n or "resume" in n for n in outcome.needs), outcome.needs


def _fill(ref: str, value: str) -> Any:
    from jobpilot.models.plan import Action

    return Action(kind="fill", ref=ref, value=value)


# --- embed on a company's careers page ----------------------------------------------------


async def test_embed_on_company_domain(
    browser: Any, replica: Any, plugins: PluginManager, profile: Profile
) -> None:
    run = await apply_at(browser, replica, plugins, COMPANY_URL, profile, submit=True, ask=the_code(replica))
    assert run.url.startswith("https://careers.larkspur.example/")
    assert run.detection.ats == "greenhouse" and run.detection.plugin == "greenhouse"
    assert "iframe" in run.detection.reason and run.detection.job_id == "4801234005"
    assert run.status == "submitted", (run.error, run.needs_user)
    (sub,) = replica.applications
    assert sub.path == "/embed/job_app?for=larkspurlabs&token=4801234005"
    assert (sub.get("first_name"), sub.get("email"), sub.get("country")) == (
        "Mara",
        "mara.ol@example.org",
        "United States +1",
    )
    assert sub.get("candidate_location") == "San Francisco, California, United States"
    assert sub.files["resume"].data == Path(profile.resume_path() or "").read_bytes()
    # The company page alone (no snapshot) is not Greenhouse: detection came from the frame.
    assert plugins.detect(COMPANY_URL, None) is None


# --- classic board and the security code --------------------------------------------------


async def test_classic_board_full_application(
    browser: Any, replica: Any, plugins: PluginManager, profile: Profile
) -> None:
    run = await apply_at(browser, replica, plugins, CLASSIC_URL, profile, submit=True, ask=the_code(replica))
    seen = [a.outcome for a in replica.attempts]
    assert run.status == "submitted", (run.error, run.needs_user, seen)
    assert seen == ["code_required", "verified"]
    (sub,) = replica.applications
    a = "job_application[answers_attributes]"
    expected = {
        "job_application[first_name]": "Mara",
        "job_application[last_name]": "Okafor-Lindqvist",
        "job_application[email]": "mara.ol@example.org",
        "job_application[phone]": "+1 415 555 0142",
        "job_application[location]": "San Francisco, California, United States",
        "job_application[resume_text]": "",  # the resume went as a file, not as its path
        "job_application[cover_letter_text]": "I would love to bring my backend experience to your team.",
        f"{a}[0][text_value]": "https://www.linkedin.com/in/maraol",
        f"{a}[1][boolean_value]": "1",
        f"{a}[2][boolean_value]": "0",
        f"{a}[3][answer_selected_options_attributes][0][question_option_id]": "61002",
        f"{a}[4][text_value]": "I build reliable data systems and your platform team does exactly that.",
        f"{a}[5][text_value]": "",
        "job_application[gender]": "2",
        "job_application[hispanic_ethnicity]": "No",
        "job_application[veteran_status]": "1",
        "job_application[disability_status]": "3",
    }
    assert {k: sub.get(k) for k in expected} == expected
    unlisted = {k: sub.get(k) for k in sub.fields if k not in expected}
    assert unlisted == {
        # The page's own hidden fields, as rendered.
        "utf8": "\u2713",
        "job_application[job_post_id]": "5550001",
        **{f"{a}[{n}][question_id]": str(30051001 + n) for n in range(6)},
        # The location picker's coordinates and the cover letter's S3 fields: left alone.
        "job_application[latitude]": "",
        "job_application[longitude]": "",
        "job_application[cover_letter_url]": "",
        "job_application[cover_letter_url_filename]": "",
        # Set by the page's own S3 upload of the resume.
        "job_application[resume_url]": sub.get("job_application[resume_url]"),
        "job_application[resume_url_filename]": "resume.pdf",
    }
    assert all(len(v) == 1 for v in sub.fields.values()), sub.fields
    assert sub.files == {}  # documents went to S3 first
    resume = replica.upload_for(sub.get("job_application[resume_url]"))
    assert resume is not None and resume.filename == "resume.pdf"
    assert resume.data == Path(profile.resume_path() or "").read_bytes()


async def test_security_code_without_anyone_to_ask_is_not_submitted(
    browser: Any, replica: Any, plugins: PluginManager, profile: Profile
) -> None:
    run = await apply_at(browser, replica, plugins, CLASSIC_URL, profile, submit=True)
    assert run.status == "needs_user" and not run.submitted
    assert any("security code" in n and "mara.ol@example.org" in n for n in run.needs_user)
    assert [a.outcome for a in replica.attempts] == ["code_required"]
    assert replica.applications == []


async def test_wrong_code_is_rejected_then_the_right_one_submits(
    browser: Any, replica: Any, plugins: PluginManager, profile: Profile
) -> None:
    prompts: list[str] = []
    answers: list[str | None] = ["WRONG123"]

    async def ask(prompt: str) -> str | None:
        prompts.append(prompt)
        return answers.pop(0) if answers else str(replica.last_code())

    run = await apply_at(browser, replica, plugins, CLASSIC_URL, profile, submit=True, ask=ask)
    seen = [a.outcome for a in replica.attempts]
    assert run.status == "submitted", (run.error, run.needs_user, seen, prompts, run.timings)
    assert seen == ["code_required", "code_rejected", "verified"]
    assert len(prompts) == 2 and "rejected" in prompts[1]
    assert len(replica.applications) == 1


@pytest.mark.parametrize("url", [CLASSIC_URL, REACT_URL], ids=["classic", "react"])
async def test_a_slow_verdict_on_the_code_is_waited_for(
    browser: Any, greenhouse: Any, plugins: PluginManager, profile: Profile, url: str
) -> None:
    """The page that showed "incorrect code" is still on screen while the next code is
    checked: that old message is not the verdict on the new code (no third prompt, no code
    typed into a page being replaced, exactly one application)."""
    greenhouse.reset(answer_delay=1.0)
    prompts: list[str] = []
    answers: list[str | None] = ["WRONG123"]

    async def ask(prompt: str) -> str | None:
        prompts.append(prompt)
        return answers.pop(0) if answers else str(greenhouse.last_code())

    run = await apply_at(browser, greenhouse, plugins, url, profile, submit=True, ask=ask)
    assert run.status == "submitted", (run.error, run.needs_user)
    assert len(prompts) == 2 and "rejected" in prompts[1]
    outcomes = [a.outcome for a in greenhouse.attempts]
    assert outcomes[0] == "code_required" and outcomes[1] == "code_rejected" and len(outcomes) == 3
    assert len(greenhouse.applications) == 1


async def test_wrong_codes_never_count_as_submitted(
    browser: Any, replica: Any, plugins: PluginManager, profile: Profile
) -> None:
    prompts: list[str] = []
    run = await apply_at(
        browser,
        replica,
        plugins,
        CLASSIC_URL,
        profile,
        submit=True,
        ask=asker(["AAAA1111", "12 34 5", "BBBB2222", "CCCC3333"], prompts),
    )
    assert run.status == "needs_user" and not run.submitted
    assert replica.applications == []
    outcomes = [a.outcome for a in replica.attempts]
    assert outcomes == ["code_required", "code_rejected", "code_rejected"]  # the malformed one is never typed
    assert "not an 8-character code" in prompts[2]


async def test_missing_required_profile_value_stops_before_submit(
    browser: Any, replica: Any, plugins: PluginManager, profile: Profile
) -> None:
    profile.basics.phone = None
    run = await apply_at(browser, replica, plugins, CLASSIC_URL, profile, submit=True, ask=the_code(replica))
    assert run.status == "needs_user" and not run.submitted
    assert any("Phone" in n for n in run.needs_user)
    assert replica.attempts == []


# --- reading react-select options ----------------------------------------------------------


async def test_dropdown_options_are_read_without_choosing(
    browser: Any, replica: Any, plugins: PluginManager
) -> None:
    """A ``select`` with nothing to choose reports a dropdown's options, those fetched when the
    menu opens included (two of them in one call: their requests overlap), and leaves every
    dropdown closed and empty."""
    from jobpilot_ats_greenhouse.lazy_options import list_actions, options_from

    replica_mod = _replica_module()
    router = OfflineRouter()
    for origin in ORIGINS:
        router.forward(origin, replica.origin)
    page = await browser.new_page(router=router)
    try:
        await page.goto(REACT_URL)
        await page.wait_for(stable_ms=200)
        snapshot = await page.snapshot()
        by_id = {f.id: f for f in snapshot.fields}
        dropdowns = [by_id["degree--0"], by_id["discipline--0"], by_id["country"], by_id["gender"]]
        results = await page.apply(list_actions(dropdowns))
        after = await page.snapshot()
        # A menu reopened while its list was loading asked again; let that answer arrive.
        for _ in range(100):
            if not replica.option_requests_open:
                break
            await asyncio.sleep(0.05)
    finally:
        await page.close()
    assert all(r.ok for r in results), results
    loaded = options_from(dropdowns, results)
    texts = {f.id: [o.text for o in loaded[f.ref]] for f in dropdowns}
    assert texts == {
        "degree--0": replica_mod.DEGREES,
        "discipline--0": replica_mod.DISCIPLINES,
        "country": [f"{n} +{c}" for n, c in replica_mod.PHONE_COUNTRIES],
        "gender": replica_mod.EEOC["gender"],
    }
    now = {f.id: f for f in after.fields}
    for f in dropdowns:
        assert now[f.id].value == "" and now[f.id].attrs.get("aria-expanded") == "false", now[f.id]
    assert replica.attempts == []


# --- the cover letter as a file -------------------------------------------------------------


async def test_react_board_cover_letter_file_is_attached(
    browser: Any, replica: Any, plugins: PluginManager, profile: Profile, tmp_path: Path
) -> None:
    letter = tmp_path / "Mara Okafor-Lindqvist cover letter.pdf"
    letter.write_bytes(b"%PDF-1.4\n% replica cover letter\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n")
    profile.application.cover_letter = str(letter)
    run = await apply_at(browser, replica, plugins, REACT_URL, profile, submit=True, ask=the_code(replica))
    assert run.status == "submitted", (run.error, run.needs_user)
    (sub,) = replica.applications
    assert set(sub.files) == {"resume", "cover_letter"}
    attached = sub.files["cover_letter"]
    assert attached.filename == letter.name
    assert attached.data == letter.read_bytes()
    assert attached.content_type == "application/pdf"
    assert "cover_letter_text" not in sub.fields  # attached, so "Enter manually" stayed closed
    assert sub.files["resume"].data == Path(profile.resume_path() or "").read_bytes()


# --- a CAPTCHA challenge after the submit click ---------------------------------------------

RECAPTCHA_SOLVER = "test-recaptcha"


class ReplicaRecaptchaSolver:
    """Stands in for a paid solver the person opted into: answers the replica's reCAPTCHA
    site key with the one token the replica accepts, and nothing else."""

    name = RECAPTCHA_SOLVER

    def __init__(self) -> None:
        self.challenges: list[CaptchaChallenge] = []

    async def solve_captcha(self, page: Any, challenge: CaptchaChallenge) -> CaptchaSolution | None:
        self.challenges.append(challenge)
        replica_mod = _replica_module()
        if challenge.sitekey != replica_mod.LARKSPUR["recaptcha"]:
            return None
        return CaptchaSolution(token=replica_mod.RECAPTCHA_TEST_TOKEN, solver=self.name)


class _SolverPlugin:
    def __init__(self, solver: ReplicaRecaptchaSolver) -> None:
        self.solver = solver

    @hookimpl
    def register_captcha_solvers(self, register: Any) -> None:
        register(self.solver)


@pytest.fixture
def recaptcha_solver(plugins: PluginManager) -> Any:
    solver = ReplicaRecaptchaSolver()
    plugins.register(_SolverPlugin(solver), name="test-recaptcha-solver")
    try:
        yield solver
    finally:
        plugins.unregister("test-recaptcha-solver")


async def test_captcha_challenge_after_submit_goes_to_the_opted_in_solver(
    browser: Any, replica: Any, plugins: PluginManager, profile: Profile, recaptcha_solver: Any
) -> None:
    replica.reset(captcha_challenge=True)
    run = await apply_at(
        browser,
        replica,
        plugins,
        REACT_URL,
        profile,
        submit=True,
        ask=the_code(replica),
        captcha_solver=RECAPTCHA_SOLVER,
    )
    assert run.status == "submitted", (run.error, run.needs_user)
    # Invisible before the click (not blocking), a challenge after it: handed on once.
    assert [(c.kind, c.blocking) for c in recaptcha_solver.challenges] == [("recaptcha_v2", True)]
    assert [a.outcome for a in replica.attempts] == ["code_required", "accepted"]
    (sub,) = replica.applications
    assert sub.get("g-recaptcha-response") == _replica_module().RECAPTCHA_TEST_TOKEN
    assert sub.get("first_name") == "Mara" and sub.get("country") == "United States +1"


async def test_captcha_challenge_without_a_solver_goes_to_the_person(
    browser: Any, replica: Any, plugins: PluginManager, profile: Profile
) -> None:
    replica.reset(captcha_challenge=True)
    run = await apply_at(browser, replica, plugins, REACT_URL, profile, submit=True, ask=the_code(replica))
    assert run.status == "needs_user" and not run.submitted
    assert any("recaptcha" in n.lower() and "submit" in n.lower() for n in run.needs_user), run.needs_user
    assert replica.attempts == []  # the challenge stopped the post; nothing was sent

"""Lever end to end in real Chromium, asserted on what the replica server RECORDED.

The replica (tests/replicas/lever) runs as if it were jobs.lever.co / jobs.eu.lever.co, with
js.hcaptcha.com and newassets.hcaptcha.com forwarded to the same local server: the resume
parser overwrites fields after the upload, the location typeahead loads asynchronously, and
"Submit application" runs an invisible hCaptcha whose challenge appears only after the click.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import jobpilot.demo
import pytest
from jobpilot import hookimpl
from jobpilot.engine.apply import ApplyEngine, ApplyOptions
from jobpilot.models.profile import Profile, SavedAnswer
from jobpilot.models.providers import CaptchaChallenge, CaptchaSolution
from jobpilot.plugins import PluginManager, load
from jobpilot.profile_io import load_profile
from jobpilot.runner import OfflineRouter

pytestmark = pytest.mark.browser

REPLICA = Path(__file__).parents[1] / "replicas" / "lever"
DEMO = Path(jobpilot.demo.__file__).parent


def _replica_module() -> Any:
    name = "jobpilot_tests_lever_replica"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, REPLICA / "server.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


replica_mod = _replica_module()
ORBITAL, FJORDLINE = replica_mod.POSTINGS
TOKEN = replica_mod.HCAPTCHA_TEST_TOKEN
SOLVER = "test-hcaptcha"


@pytest.fixture(scope="module")
def replica() -> Iterator[Any]:
    server = replica_mod.LeverReplica().start()
    yield server
    server.stop()


@pytest.fixture
def profile() -> Profile:
    return load_profile(DEMO / "profile" / "resume.json", DEMO / "profile" / "answers.yaml")


class FakeHCaptchaSolver:
    """Stands in for a paid solver: answers hCaptcha's test site key with its test token."""

    name = SOLVER

    def __init__(self) -> None:
        self.challenges: list[CaptchaChallenge] = []

    async def solve_captcha(self, page: Any, challenge: CaptchaChallenge) -> CaptchaSolution | None:
        self.challenges.append(challenge)
        if challenge.kind != "hcaptcha" or challenge.sitekey != replica_mod.HCAPTCHA_TEST_SITEKEY:
            return None
        return CaptchaSolution(token=TOKEN, solver=self.name)


class SolverPlugin:
    def __init__(self, solver: FakeHCaptchaSolver) -> None:
        self.solver = solver

    @hookimpl
    def register_captcha_solvers(self, register: Any) -> None:
        register(self.solver)


@pytest.fixture
def solver(plugins: PluginManager) -> Iterator[FakeHCaptchaSolver]:
    """A solver registered by name for one test and always unregistered."""
    s = FakeHCaptchaSolver()
    plugins.register(SolverPlugin(s), name="test-hcaptcha-solver")
    try:
        yield s
    finally:
        plugins.unregister("test-hcaptcha-solver")


@pytest.fixture
def plugins() -> PluginManager:
    pm = load()
    assert pm.infos["lever"].status == "loaded", pm.infos["lever"].error
    return pm


async def apply_to(
    browser: Any, replica: Any, posting: Any, plugins: PluginManager, profile: Profile, **options: Any
) -> Any:
    router = OfflineRouter()
    for origin in (
        "https://jobs.lever.co",
        "https://jobs.eu.lever.co",
        "https://js.hcaptcha.com",
        "https://newassets.hcaptcha.com",
    ):
        router.forward(origin, replica.origin)
    page = await browser.new_page(router=router)
    try:
        await page.goto(replica_mod.apply_url(posting))
        engine = ApplyEngine(plugins, profile, options=ApplyOptions(verify_timeout_ms=5_000, **options))
        run = await engine.run(page)
        return run
    finally:
        await page.close()


def one(form: dict[str, list[str]], name: str) -> str:
    values = form.get(name, [])
    assert len(values) == 1, (name, values)
    return values[0]


def templates_checked(form: dict[str, list[str]]) -> dict[str, list[str]]:
    """The recorded form without what the page posts by itself, once checked: each card's
    and survey's ``baseTemplate`` (its own JSON, naming its own id) and the browser's
    ``timezone``. Everything left is what the filler chose, compared whole by the tests."""
    rest = dict(form)
    for key in [k for k in rest if k.endswith("[baseTemplate]")]:
        (raw,) = rest.pop(key)
        template = json.loads(raw)
        if key.startswith("cards["):
            assert key == f"cards[{template['id']}][baseTemplate]", key
        else:
            assert template.get("text"), key
    (tz,) = rest.pop("timezone")
    assert tz, "the page's own script sets the timezone"
    return rest


CARD_ELIG = "cards[5b0e7c1a-2f3d-4e8a-9b61-0c7d2e4f8a13]"
CARD_LOGI = "cards[9d2c4b7e-61a0-4f35-8e2b-7a9c0d1e3f52]"
CARD_MORE = "cards[e4a81f06-3c9b-42d7-b5e0-19f6a2c8d734]"
CARD_ACK = "cards[71c3e9a2-0b4d-4f86-a1e7-d25b8c6f0e99]"


async def test_full_application_with_opted_in_solver(
    browser: Any, replica: Any, plugins: PluginManager, profile: Profile, solver: FakeHCaptchaSolver
) -> None:
    replica.clear()
    run = await apply_to(browser, replica, ORBITAL, plugins, profile, submit=True, captcha_solver=SOLVER)
    assert run.status == "submitted", (run.status, run.error, run.needs_user)
    assert run.detection.ats == "lever" and run.detection.confidence >= 0.95
    # The challenge appeared only after the click and went to the opted-in solver.
    assert [c.kind for c in solver.challenges] == ["hcaptcha"]
    (post,) = replica.posts(ORBITAL and f"/{ORBITAL.company}/{ORBITAL.job_id}/apply")
    assert replica.accepted == [post]
    f = templates_checked(post.form)
    assert f == {
        "name": ["Mara Okafor-Lindqvist"],
        "email": ["mara.ol@example.org"],
        "phone": ["+1 415 555 0142"],
        "location": ["San Francisco, California, United States"],
        "selectedLocation": [""],  # the hidden companion is posted (free text here)
        "org": ["Tidewater Analytics"],
        "urls[LinkedIn]": ["https://www.linkedin.com/in/maraol"],
        "urls[GitHub]": ["https://github.com/maraol"],
        "urls[Portfolio]": ["https://mara.example.org"],
        "urls[Twitter]": [""],  # no such profile links: left empty
        "urls[Other]": [""],
        f"{CARD_ELIG}[field0]": ["Yes"],  # authorized to work
        f"{CARD_ELIG}[field1]": ["No"],  # no sponsorship
        f"{CARD_LOGI}[field0]": ["150000"],
        f"{CARD_LOGI}[field1]": ["2 weeks notice"],
        f"{CARD_LOGI}[field2]": ["LinkedIn"],
        f"{CARD_MORE}[field0]": ["I build reliable data systems and your platform team does exactly that."],
        # [field1] absent: no saved answer, nothing ticked, nothing invented
        f"{CARD_MORE}[field2]": [""],
        f"{CARD_ACK}[field0]": [
            "I confirm that the information in this application is accurate and complete."
        ],
        "comments": ["I would love to bring my backend experience to your team."],
        "eeo[gender]": ["Female"],
        "eeo[race]": ["Decline to self-identify"],  # profile: no answer -> decline
        "eeo[veteran]": ["I am not a Protected Veteran"],
        "eeo[disability]": ["I do not want to answer"],
        "eeo[disabilitySignature]": ["Mara Okafor-Lindqvist"],
        "eeo[disabilitySignatureDate]": [date.today().strftime("%m/%d/%Y")],
        # Hidden inputs the page itself owns, posted untouched:
        "accountId": ["2d7e0b91-5c34-4a8f-b1e6-93f0c4a7d215"],
        "linkedInData": [""],
        "origin": [""],
        "referer": [""],
        "source": [""],
        "resumeStorageId": [f"rs-{len(Path(profile.resume_path() or '').read_bytes())}"],
        # hCaptcha writes its token into its own textarea and Lever's hidden input.
        "h-captcha-response": [TOKEN, TOKEN],
    }
    (resume,) = post.files["resume"]
    pdf = Path(profile.resume_path() or "")
    assert resume.filename == "resume.pdf" and resume.data == pdf.read_bytes()
    assert (
        "thank you for applying" in (run.evidence.confirmation_text or "").lower()
        or run.evidence.confirmation_text
    )


async def test_resume_parser_values_are_reconciled(
    browser: Any, replica: Any, plugins: PluginManager, profile: Profile
) -> None:
    replica.clear()
    run = await apply_to(browser, replica, ORBITAL, plugins, profile, submit=False)
    assert run.status == "filled", (run.error, run.needs_user)
    (parse,) = replica.posts("/parseResume")  # the parser really ran on the uploaded file
    assert parse.files["resume"][0].data == Path(profile.resume_path() or "").read_bytes()
    # The parser answered after the engine's quiet-DOM wait; the flow waited for it and the
    # engine put back what it overwrote (name, phone format, a former employer).
    fixed = {r.ref for r in run.results if r.value in ("Mara Okafor-Lindqvist", "Tidewater Analytics")}
    assert len(fixed) >= 2
    by_label = {a.label: a for a in run.plan.actions}
    refs = {by_label["Full name"].ref, by_label["Phone"].ref, by_label["Current company"].ref}
    redone = [r for r in run.results if r.ref in refs]
    assert len(redone) == 6, redone  # filled once, re-applied once after the parser
    assert replica.posts(f"/{ORBITAL.company}/{ORBITAL.job_id}/apply") == []


async def test_hcaptcha_without_a_solver_goes_to_the_person(
    browser: Any, replica: Any, plugins: PluginManager, profile: Profile
) -> None:
    replica.clear()
    run = await apply_to(browser, replica, ORBITAL, plugins, profile, submit=True)
    assert run.status == "needs_user", (run.status, run.error)
    assert any("hcaptcha" in n.lower() for n in run.needs_user), run.needs_user
    assert replica.posts(f"/{ORBITAL.company}/{ORBITAL.job_id}/apply") == []
    assert not run.submitted


async def test_required_fields_without_answers_are_not_submitted(
    browser: Any, replica: Any, plugins: PluginManager, profile: Profile, solver: FakeHCaptchaSolver
) -> None:
    replica.clear()
    run = await apply_to(browser, replica, FJORDLINE, plugins, profile, submit=True, captcha_solver=SOLVER)
    assert run.status == "needs_user"
    assert run.needs_user == [
        "required field left empty: Do you need any adjustments to take part in interviews?"
        " (profile policy: disability)"
    ]
    assert replica.posts(f"/{FJORDLINE.company}/{FJORDLINE.job_id}/apply") == []
    assert solver.challenges == []  # nothing was even clicked


async def test_eu_form_pronouns_survey_and_links(
    browser: Any, replica: Any, plugins: PluginManager, profile: Profile, solver: FakeHCaptchaSolver
) -> None:
    replica.clear()
    profile.application.answers.append(
        SavedAnswer(
            question="Do you need any adjustments to take part in interviews?", answer="No, thank you."
        )
    )
    run = await apply_to(browser, replica, FJORDLINE, plugins, profile, submit=True, captcha_solver=SOLVER)
    assert run.status == "submitted", (run.status, run.error, run.needs_user)
    (post,) = replica.posts(f"/{FJORDLINE.company}/{FJORDLINE.job_id}/apply")
    f = templates_checked(post.form)
    card = "cards[c8f1a3d6-4e2b-4a97-b0d5-6e3f9a1c7b20]"
    survey = "surveysResponses[f2b6d8a4-9c13-4e7f-8a05-3d1c6b9e7f41]"
    assert f == {
        "name": ["Mara Okafor-Lindqvist"],
        "pronouns": ["She/her", ""],  # the hidden custom-pronoun box posts empty
        "email": ["mara.ol@example.org"],
        "phone": ["+1 415 555 0142"],
        "location": ["San Francisco, California, United States"],
        "selectedLocation": [""],
        "org": ["Tidewater Analytics"],
        "urls[LinkedIn]": ["https://www.linkedin.com/in/maraol"],
        "urls[GitHub]": ["https://github.com/maraol"],
        "urls[Portfolio]": ["https://mara.example.org"],
        "urls[Other]": [""],
        f"{card}[field0]": ["150000"],
        f"{card}[field1]": ["No - I do not require visa sponsorship to work in Norway"],
        f"{card}[field2]": ["No, thank you."],
        f"{survey}[surveyId]": ["a7e3c5b9-1d20-4f6a-9e84-2b7d0c5f3a16"],
        f"{survey}[responses][field1]": ["Prefer not to say"],
        f"{survey}[responses][field2]": ["Woman"],
        # [responses][field0] absent: age range, no answer, left alone
        "accountId": ["8e1f4a6c-2b97-4d03-b5c8-71a9e0d3f6b2"],
        "source": [""],
        "resumeStorageId": [f"rs-{len(Path(profile.resume_path() or '').read_bytes())}"],
        "h-captcha-response": [TOKEN, TOKEN],
    }
    assert sorted(post.files) == ["resume"]


async def test_server_rejection_is_reported_not_counted_as_submitted(
    browser: Any, replica: Any, plugins: PluginManager, profile: Profile
) -> None:
    """A solver whose token the site does not accept: Lever's error page comes back."""
    bad = FakeHCaptchaSolver()

    async def wrong(page: Any, challenge: CaptchaChallenge) -> CaptchaSolution:
        bad.challenges.append(challenge)
        return CaptchaSolution(token="not-a-valid-token", solver=bad.name)

    bad.solve_captcha = wrong  # type: ignore[method-assign]
    plugins.register(SolverPlugin(bad), name="test-bad-solver")
    try:
        replica.clear()
        run = await apply_to(browser, replica, ORBITAL, plugins, profile, submit=True, captcha_solver=SOLVER)
    finally:
        plugins.unregister("test-bad-solver")
    assert not run.submitted and run.status == "needs_user", (run.status, run.error)
    assert "hCaptcha: verification failed" in (run.error or "")
    assert len(replica.posts(f"/{ORBITAL.company}/{ORBITAL.job_id}/apply")) == 1  # the server got it...
    assert replica.accepted == []  # ...and rejected it

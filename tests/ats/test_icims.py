"""The iCIMS apply flow end to end in real Chromium, against the replica portal served as if
it were ``careers-brightlane.icims.com`` (and the employer's own domain framing it); every
assertion is on what the replica's server received."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import jobpilot.demo
import jobpilot_ats_generic
import jobpilot_ats_icims
import pytest
from jobpilot.engine.apply import ApplyEngine, ApplyOptions
from jobpilot.models.profile import Profile
from jobpilot.plugins import PluginManager
from jobpilot.profile_io import load_profile
from jobpilot.runner import OfflineRouter
from jobpilot.storage import Database
from jobpilot.storage.credentials import CredentialStore, SiteCredential

pytestmark = pytest.mark.browser

DEMO = Path(jobpilot.demo.__file__).parent
REPLICA = Path(__file__).parents[1] / "replicas" / "icims"
HOST = "https://careers-brightlane.icims.com"
COMPANY = "https://www.brightlane-health.example"
TENANT = "careers-brightlane.icims.com"
JOB = f"{HOST}/jobs/4521/platform-engineer/job"
JOB2 = f"{HOST}/jobs/4533/data-engineer/login"
EMAIL = "mara.ol@example.org"


def _module(name: str, path: Path) -> Any:
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


@pytest.fixture(scope="module")
def replica() -> Iterator[Any]:
    server = _module("jobpilot_icims_replica", REPLICA / "server.py").IcimsReplica().start()
    yield server
    server.stop()


@pytest.fixture
def icims(replica: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """A clean portal and a private JobPilot home (secret key, lease files)."""
    replica.reset()
    monkeypatch.setenv("JOBPILOT_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("JOBPILOT_SECRET_KEY", raising=False)
    return replica


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    async with Database(f"sqlite+aiosqlite:///{tmp_path / 'jobpilot.db'}") as database:
        yield database


@pytest.fixture
def plugins() -> PluginManager:
    pm = PluginManager()
    pm.load_builtins()
    pm.register(jobpilot_ats_generic, name="generic")
    pm.register(jobpilot_ats_icims, name="icims")
    return pm


@pytest.fixture
def profile() -> Profile:
    return load_profile(DEMO / "profile" / "resume.json", DEMO / "profile" / "answers.yaml")


async def apply(
    browser: Any, replica: Any, url: str, profile: Profile, plugins: PluginManager, db: Database, **kw: Any
) -> Any:
    router = OfflineRouter(allow_hosts=["127.0.0.1"])
    router.forward(HOST, replica.origin)
    router.forward(COMPANY, replica.origin)
    page = await browser.new_page(router=router)
    try:
        await page.goto(url)
        run = await ApplyEngine(plugins, profile, db=db, options=ApplyOptions(**kw)).run(page)
    finally:
        await page.close()
    assert router.blocked == []
    return run


EXPECTED_PROFILE = {
    "FirstName": "Mara",
    "MiddleName": "",  # the parser's "Okafor" (from the hyphenated surname) cleared
    "LastName": "Okafor-Lindqvist",  # the parser's "Lindqvist" fixed
    "PhoneNumber": "+1 415 555 0142",  # the parser's bare digits replaced
    "PhoneType": "",  # no saved answer: left for the person, never guessed
    "AddressStreet1": "12 Harbor Way",
    "AddressStreet2": "",
    "AddressCity": "San Francisco",
    "AddressCountry": "US",
    "AddressState": "CA",
    "AddressZip": "94107",
    "rcf3048": "https://www.linkedin.com/in/maraol",
}
EXPECTED_WORK = [
    {
        "Employer": "Tidewater Analytics",  # the parser's "Inc." removed
        "JobTitle": "Senior Backend Engineer",
        "StartMonth": "03",  # the parser's January fixed
        "StartYear": "2021",
        "EndMonth": "",
        "EndYear": "",
        "Current": True,
    },
    {
        "Employer": "Quayside Labs",
        "JobTitle": "Software Engineer",
        "StartMonth": "06",
        "StartYear": "2017",
        "EndMonth": "02",
        "EndYear": "2021",
        "Current": False,
    },
]  # the teaching job the parser invented is gone
EXPECTED_EDUCATION = [
    {
        "School": "University of Washington",
        "Degree": "Bachelor's Degree",
        "Major": "Computer Science",
        "GraduationYear": "2017",
    }
]
EXPECTED_ANSWERS = {
    "rcf1101": "Yes",
    "rcf1102": "No",
    "rcf1103": "150000",
    "rcf1104": "LinkedIn",
    "rcf1105": "No",
    "rcf1106": "I build reliable data systems and your platform team does exactly that.",
    "rcf1107": "2 weeks notice",
}
P = "-1_PersonProfileFields."
EXPECTED_EEO = {
    P + "EEOGender": "Female",
    P + "EEOHispanicLatino": "No",
    P + "EEORace": "I do not wish to self-identify",  # the profile leaves it unanswered
    P + "EEOVeteranStatus": "I am not a protected veteran",
    P + "EEODisabilityStatus": "I do not want to answer",
}


async def test_whole_application_from_the_job_page(
    browser: Any, icims: Any, profile: Profile, plugins: PluginManager, db: Database
) -> None:
    run = await apply(browser, icims, JOB, profile, plugins, db, submit=True, profile_name="mara")
    assert run.status == "submitted", (run.error, run.needs_user)
    assert run.detection.ats == "icims" and run.detection.company == "brightlane"

    (login,) = icims.of("login_email")
    assert login.email == EMAIL and login.data == {"accept_gdpr": "1"}
    # The account: created once, with the generated password that was stored first.
    (created,) = icims.of("create_account")
    cred = await CredentialStore(db).get(ats="icims", tenant=TENANT, email=EMAIL)
    assert cred is not None and cred.state == "active"
    assert created.data["password"] == cred.password and len(cred.password) >= 16
    assert icims.accounts[EMAIL] == cred.password
    assert cred.password not in run.model_dump_json()

    (parse,) = icims.of("parse")
    assert parse.data == {"filename": "resume.pdf", "size": (DEMO / "profile" / "resume.pdf").stat().st_size}
    (saved,) = icims.of("profile")
    assert saved.data["fields"] == EXPECTED_PROFILE
    assert saved.data["work"] == EXPECTED_WORK
    assert saved.data["education"] == EXPECTED_EDUCATION

    # Exactly one submission, holding every step as the server received it.
    (sub,) = icims.of("submit")
    assert icims.of("duplicate_submit") == []
    data = sub.data
    assert data["job"] == "4521" and data["certification"] == "1"
    assert data["profile"] == EXPECTED_PROFILE
    assert data["work"] == EXPECTED_WORK and data["education"] == EXPECTED_EDUCATION
    assert data["answers"] == EXPECTED_ANSWERS
    assert data["eeo"] == EXPECTED_EEO
    assert data["resume"]["filename"] == "resume.pdf"
    assert data["resume"]["data"] == (DEMO / "profile" / "resume.pdf").read_bytes()
    assert (
        run.evidence.confirmation_text and "thank you for applying" in run.evidence.confirmation_text.lower()
    )


async def test_company_domain_framing_the_portal_cross_origin(
    browser: Any, icims: Any, profile: Profile, plugins: PluginManager, db: Database
) -> None:
    run = await apply(browser, icims, f"{COMPANY}/company/careers/4521", profile, plugins, db, submit=True)
    assert run.status == "submitted", (run.error, run.needs_user)
    assert run.detection.ats == "icims" and "frame" in run.detection.reason
    assert all(a.ref is None or a.ref.startswith("x") for a in run.plan.actions)  # all in the portal frame
    (sub,) = icims.of("submit")
    assert sub.data["profile"] == EXPECTED_PROFILE and sub.data["answers"] == EXPECTED_ANSWERS
    assert icims.of("newsletter") == []  # the employer's job-alert box was left alone


async def test_existing_accounts_sign_in_with_the_stored_or_the_persons_password(
    browser: Any, icims: Any, profile: Profile, plugins: PluginManager, db: Database
) -> None:
    icims.accounts[EMAIL] = "Known-Pa55word!"
    store = CredentialStore(db)

    # Nobody to ask and nothing stored: the person signs in; nothing is guessed or sent.
    run = await apply(browser, icims, JOB2, profile, plugins, db)
    assert run.status == "needs_user" and "already have an iCIMS account" in run.needs_user[0]
    assert [e.data["ok"] for e in icims.of("login_password")] == []

    # The person answers once; the password is kept (active) for the next application.
    asked: list[str] = []

    async def ask(question: str) -> str:
        asked.append(question)
        return "Known-Pa55word!"

    run = await apply(browser, icims, JOB2, profile, plugins, db, ask=ask)
    assert run.status == "filled", (run.error, run.needs_user)
    assert asked == [f"Password of your iCIMS account {EMAIL} at {TENANT}"]
    cred = await store.get(ats="icims", tenant=TENANT, email=EMAIL)
    assert cred is not None and cred.password == "Known-Pa55word!" and cred.state == "active"
    assert icims.of("create_account") == []

    # A stored password the portal refuses goes to the person, never retried blindly.
    await store.put(
        SiteCredential(ats="icims", tenant=TENANT, email=EMAIL, password="Stale-0ld!pw", state="active")
    )
    run = await apply(browser, icims, JOB2, profile, plugins, db, submit=True)
    assert run.status == "needs_user" and "stored password was refused" in run.needs_user[0]
    assert [e.data["ok"] for e in icims.of("login_password")] == [True, False]
    assert icims.of("submit") == []


async def test_a_refused_step_reports_the_portals_messages(
    browser: Any, icims: Any, profile: Profile, plugins: PluginManager, db: Database
) -> None:
    profile.application.salary_expectation = None  # a required question nobody answered
    run = await apply(browser, icims, JOB2, profile, plugins, db, submit=True)
    assert run.status == "needs_user"
    assert any("salary expectations" in n and "is required" in n for n in run.needs_user), run.needs_user
    assert icims.of("questions") == [] and icims.of("submit") == []


def test_corpus_pages_match_the_replica() -> None:
    render = _module("jobpilot_icims_render", REPLICA / "render.py")
    for name, (_url, html) in render.documents().items():
        assert (REPLICA / f"{name}.html").read_text("utf-8") == render.static(html), (
            f"re-run render.py ({name})"
        )

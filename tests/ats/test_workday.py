"""The Workday wizard end to end in real Chromium, against the replica served as if it were
``harborview.wd5.myworkdayjobs.com``; every assertion is on what the replica's server
received (account creation, one save per step, the final submission)."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import AsyncIterator, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import jobpilot.demo
import jobpilot_ats_generic
import jobpilot_ats_workday
import pytest
from jobpilot.engine.apply import ApplyEngine, ApplyOptions
from jobpilot.models.profile import Profile, SavedAnswer
from jobpilot.plugins import PluginManager
from jobpilot.profile_io import load_profile
from jobpilot.runner import OfflineRouter
from jobpilot.storage import Database, schema
from jobpilot.storage.credentials import CredentialStore, SiteCredential, generate_password
from sqlalchemy import select

pytestmark = pytest.mark.browser

DEMO = Path(jobpilot.demo.__file__).parent
REPLICA = Path(__file__).parents[1] / "replicas" / "workday"
HOST = "https://harborview.wd5.myworkdayjobs.com"
TENANT = "harborview.wd5.myworkdayjobs.com"
JOB = f"{HOST}/en-US/Harborview/job/Portland-OR/Backend-Engineer_R-10482"
JOB2 = f"{HOST}/en-US/Harborview/job/Seattle-WA/Data-Platform-Engineer_R-10517"


def _replica_module() -> Any:
    name = "jobpilot_workday_replica"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, REPLICA / "server.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


@pytest.fixture(scope="module")
def replica() -> Iterator[Any]:
    server = _replica_module().WorkdayReplica().start()
    yield server
    server.stop()


@pytest.fixture
def workday(replica: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """A clean replica and a private JobPilot home (secret key, database)."""
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
    """Only what this test is about: the built-ins, the generic mapper and Workday."""
    pm = PluginManager()
    pm.load_builtins()
    pm.register(jobpilot_ats_generic, name="generic")
    pm.register(jobpilot_ats_workday, name="workday")
    return pm


@pytest.fixture
def profile() -> Profile:
    """The sample profile plus the two answers Workday asks that no vocabulary key covers."""
    p = load_profile(DEMO / "profile" / "resume.json", DEMO / "profile" / "answers.yaml")
    p.application.answers += [
        SavedAnswer(question="Phone Device Type", answer="Mobile"),
        SavedAnswer(question="Have you previously worked for Harborview Outfitters?", answer="No"),
    ]
    return p


async def apply(
    browser: Any,
    replica: Any,
    url: str,
    profile: Profile,
    plugins: PluginManager,
    db: Database,
    **options: Any,
) -> Any:
    router = OfflineRouter(allow_hosts=["127.0.0.1"])
    router.forward(HOST, replica.origin)
    page = await browser.new_page(router=router)
    try:
        await page.goto(url)
        engine = ApplyEngine(plugins, profile, db=db, options=ApplyOptions(**options))
        run = await engine.run(page)
    finally:
        await page.close()
    assert router.blocked == []
    return run


def step(replica: Any, name: str) -> dict[str, Any]:
    (event,) = replica.of(f"step:{name}", "harborview")
    return event.body["data"]


async def test_whole_wizard_with_account_creation(
    browser: Any, workday: Any, profile: Profile, plugins: PluginManager, db: Database
) -> None:
    # This tenant shows the legal-notice banner over the page until it is answered, and
    # folds the account agreement (and its box) behind "Read More".
    workday.legal_notice = True
    workday.collapsed_agreement = True
    run = await apply(browser, workday, JOB, profile, plugins, db, submit=True, profile_name="mara")
    assert run.status == "submitted", (run.error, run.needs_user)
    assert run.detection.ats == "workday" and run.detection.company == "harborview"

    # The notice was answered once, with Accept, before anything else reached the server.
    (notice,) = workday.of("legalNotice", "harborview")
    assert notice.body == {"accepted": True}
    assert workday.events[0] is notice

    # The account: created once, with a generated strong password that was stored first.
    (created,) = workday.of("createAccount", "harborview")
    assert created.body["email"] == "mara.ol@example.org"
    assert created.body["website"] == ""  # the honeypot stayed empty
    cred = await CredentialStore(db).get(ats="workday", tenant=TENANT, email="mara.ol@example.org")
    assert cred is not None and cred.state == "active"
    assert created.body["password"] == cred.password and len(cred.password) >= 16
    assert workday.accounts[("harborview", "mara.ol@example.org")] == cred.password
    # ... and the password appears nowhere in the run record.
    assert cred.password not in run.model_dump_json()

    info = step(workday, "info")
    assert info == {
        "country": "United States of America",  # the real option, not the profile's "US"
        "source": "LinkedIn",  # found one level down, under "Social Media"
        "previousWorker": "false",
        "firstName": "Mara",
        "middleName": "",
        "lastName": "Okafor-Lindqvist",
        "address1": "12 Harbor Way",
        "address2": "",
        "city": "San Francisco",
        "state": "California",
        "postalCode": "94107",
        "email": "mara.ol@example.org",
        "phoneType": "Mobile",
        "phoneCode": "United States of America (+1)",
        "phone": "+1 415 555 0142",
        "extension": "",
    }

    exp = step(workday, "experience")
    assert exp["resume"]["name"] == "resume.pdf"
    assert exp["linkedin"] == "https://www.linkedin.com/in/maraol"
    assert exp["work"] == [
        {
            "jobTitle": "Senior Backend Engineer",
            "company": "Tidewater Analytics",  # the parser's "Inc." removed
            "location": "",
            "current": True,
            "start": {"month": "03", "year": "2021"},  # the parser's January fixed
            "end": {},
            "description": "",
        },
        {
            "jobTitle": "Software Engineer",
            "company": "Quayside Labs",
            "location": "",
            "current": False,
            "start": {"month": "06", "year": "2017"},
            "end": {"month": "02", "year": "2021"},
            "description": "",
        },
    ]  # the teaching job the parser invented is gone
    assert exp["education"] == [
        {
            "school": "University of Washington",
            "degree": "Bachelor's Degree",
            "fieldOfStudy": "Computer Science",
            "gpa": "",
            "firstYear": {"year": "2013"},
            "lastYear": {"year": "2017"},
        }
    ]

    questions = step(workday, "questions")
    assert questions["9f1c2a7e0b4d11ee"] == "Yes"  # authorized to work
    assert questions["9f1c2a7e0b4d12ee"] == "No"  # sponsorship
    assert questions["9f1c2a7e0b4d13ee"] == "150000"
    assert questions["9f1c2a7e0b4d14ee"].startswith("I build reliable data systems")
    assert "9f1c2a7e0b4d15ee" not in questions  # no saved answer: not invented

    assert step(workday, "disclosures") == {
        "gender": "Female",
        "ethnicity": "I do not wish to self-identify",  # race not given: declined
        "veteran": "I am not a protected veteran",
        "terms": True,
    }
    today = date.today()
    assert step(workday, "selfIdentify") == {
        "language": "English",
        "name": "Mara Okafor-Lindqvist",
        "employeeId": "",
        "date": {"month": f"{today.month:02d}", "day": f"{today.day:02d}", "year": str(today.year)},
        "disability": ["I do not want to answer"],
    }

    (submitted,) = workday.of("submit", "harborview")
    app = submitted.body["application"]
    assert submitted.body["job"] == "R-10482" and submitted.body["account"] == "mara.ol@example.org"
    assert app["info"] == info and app["experience"]["work"] == exp["work"]
    assert "submitted" in (run.evidence.confirmation_text or "").lower()


async def test_second_application_signs_in_with_the_stored_account(
    browser: Any, workday: Any, profile: Profile, plugins: PluginManager, db: Database
) -> None:
    store = CredentialStore(db)
    password = generate_password()
    await store.save(
        SiteCredential(
            ats="workday", tenant=TENANT, email="mara.ol@example.org", password=password, state="active"
        )
    )
    workday.accounts[("harborview", "mara.ol@example.org")] = password

    # No resume this time: the run signs in, saves My Information, and stops at My Experience.
    profile.application.resumes = []
    run = await apply(browser, workday, JOB2, profile, plugins, db, submit=True)
    assert run.status == "needs_user" and any("Resume" in n for n in run.needs_user), run.needs_user
    assert workday.of("createAccount") == [] and workday.of("submit") == []
    (signin,) = workday.of("signin", "harborview")
    assert signin.body == {"email": "mara.ol@example.org", "password": password, "website": ""}
    assert step(workday, "info")["firstName"] == "Mara"

    # At rest the row holds neither the password nor the e-mail in the clear.
    async with db.engine.connect() as conn:
        row = (await conn.execute(select(schema.site_credentials))).one()
    assert row.ats == "workday" and row.tenant == TENANT
    assert password.encode() not in row.secret and b"mara.ol@example.org" not in row.secret
    assert "mara" not in row.account


async def test_validation_errors_go_to_the_person(
    browser: Any, workday: Any, profile: Profile, plugins: PluginManager, db: Database
) -> None:
    profile.basics.phone = None
    run = await apply(browser, workday, JOB, profile, plugins, db, submit=True)
    assert run.status == "needs_user" and not run.submitted
    assert any("Phone Number" in n for n in run.needs_user), run.needs_user
    assert workday.of("step:info") == []  # Workday kept the step; nothing looped or moved on
    assert workday.of("submit") == []


async def test_parser_rows_are_reconciled_with_the_profile(
    browser: Any, workday: Any, profile: Profile, plugins: PluginManager, db: Database
) -> None:
    # This time the parser found only the older job, with the wrong title.
    workday.parse_result = {
        "work": [
            {
                "jobTitle": "Engineer",
                "company": "Quayside Labs",
                "current": False,
                "start": {"month": "06", "year": "2017"},
                "end": {"month": "02", "year": "2021"},
            }
        ],
        "education": [],
    }
    # Without a salary answer the run stops at Application Questions, after My Experience.
    profile.application.salary_expectation = None
    run = await apply(browser, workday, JOB, profile, plugins, db)
    assert run.status == "needs_user" and any("salary" in n for n in run.needs_user), run.needs_user
    work = step(workday, "experience")["work"]
    assert [(w["jobTitle"], w["company"], w["current"]) for w in work] == [
        ("Software Engineer", "Quayside Labs", False),  # the parser's row, title fixed
        ("Senior Backend Engineer", "Tidewater Analytics", True),  # added for the missing job
    ]
    assert work[1]["start"] == {"month": "03", "year": "2021"} and work[1]["end"] == {}
    education = step(workday, "experience")["education"]
    assert [e["school"] for e in education] == ["University of Washington"]  # added
    sources = [a.source for a in run.plan.actions]
    assert "profile.work[0].position" in sources and "profile.work[1].position" in sources

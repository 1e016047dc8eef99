"""The Taleo Enterprise apply flow end to end in real Chromium, against the replica career
section served as if it were ``crestview.taleo.net``; every assertion is on what the replica's
server received."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import jobpilot.demo
import jobpilot_ats_generic
import jobpilot_ats_taleo
import pytest
from jobpilot.accounts import SiteCredential
from jobpilot.engine.apply import ApplyEngine, ApplyOptions
from jobpilot.models.profile import Profile
from jobpilot.plugins import PluginManager
from jobpilot.profile_io import load_profile
from jobpilot.runner import OfflineRouter
from jobpilot.storage import Database
from jobpilot.storage.credentials import CredentialStore

pytestmark = pytest.mark.browser

DEMO = Path(jobpilot.demo.__file__).parent
REPLICA = Path(__file__).parents[1] / "replicas" / "taleo"
HOST = "https://crestview.taleo.net"
TENANT = "crestview.taleo.net"
JOB = f"{HOST}/careersection/10000/jobdetail.ftl?job=2604&lang=en"
JOB2 = f"{HOST}/careersection/10000/jobdetail.ftl?job=2611&lang=en"
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
    server = _module("jobpilot_taleo_replica", REPLICA / "server.py").TaleoReplica().start()
    yield server
    server.stop()


@pytest.fixture
def taleo(replica: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
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
    pm.register(jobpilot_ats_taleo, name="taleo")
    return pm


@pytest.fixture
def profile() -> Profile:
    return load_profile(DEMO / "profile" / "resume.json", DEMO / "profile" / "answers.yaml")


async def apply(
    browser: Any, replica: Any, url: str, profile: Profile, plugins: PluginManager, db: Database, **kw: Any
) -> Any:
    router = OfflineRouter(allow_hosts=["127.0.0.1"])
    router.forward(HOST, replica.origin)
    page = await browser.new_page(router=router)
    try:
        await page.goto(url)
        run = await ApplyEngine(plugins, profile, db=db, options=ApplyOptions(**kw)).run(page)
    finally:
        await page.close()
    assert router.blocked == []
    return run


EXPECTED_PERSONAL = {
    "FirstName": "Mara",
    "MiddleName": "",  # the parser's "Okafor" (from the hyphenated surname) cleared
    "LastName": "Okafor-Lindqvist",
    "EmailAddress": EMAIL,
    "HomePhone": "+1 415 555 0142",
    "Address": "12 Harbor Way",
    "Address2": "",
    "City": "San Francisco",
    "ResidenceLocation-0": "US",
    "ResidenceLocation-1": "CA",
    "ZipCode": "94107",
    "Source": "LinkedIn",
}
EXPECTED_WORK = [
    {
        "Employer": "Tidewater Analytics",
        "JobFunction": "Senior Backend Engineer",
        "BeginMonth": "03",
        "BeginYear": "2021",
        "EndMonth": "",
        "EndYear": "",
        "CurrentJob": True,
    },
    {
        "Employer": "Quayside Labs",
        "JobFunction": "Software Engineer",
        "BeginMonth": "06",
        "BeginYear": "2017",
        "EndMonth": "02",
        "EndYear": "2021",
        "CurrentJob": False,
    },
]
EXPECTED_EDUCATION = [
    {
        "Institution": "University of Washington",
        "Degree": "Bachelor's Degree",
        "Program": "Computer Science",
        "GraduationYear": "2017",
    }
]


async def test_whole_application_with_registration(
    browser: Any, taleo: Any, profile: Profile, plugins: PluginManager, db: Database
) -> None:
    run = await apply(browser, taleo, JOB, profile, plugins, db, submit=True, profile_name="mara")
    assert run.status == "submitted", (run.error, run.needs_user)
    assert run.detection.ats == "taleo" and run.detection.company == "crestview"
    (reg,) = taleo.of("register")
    assert reg.user == EMAIL and reg.data["email"] == EMAIL
    cred = await CredentialStore(db).get(ats="taleo", tenant=TENANT, email=EMAIL)
    assert cred is not None and cred.state == "active" and reg.data["password"] == cred.password
    assert cred.password not in run.model_dump_json()
    assert [e.data for e in taleo.of("privacy")] == [{"accepted": True}]
    (resume,) = taleo.of("resume")
    assert resume.data == {"filename": "resume.pdf", "size": (DEMO / "profile" / "resume.pdf").stat().st_size}
    (sub,) = taleo.of("submit")
    assert taleo.of("duplicate_submit") == [] and taleo.of("draft") == []
    assert sub.data["privacy"] is True
    assert sub.data["personal"] == EXPECTED_PERSONAL
    assert sub.data["work"] == EXPECTED_WORK  # the parser's invented third job removed
    assert sub.data["education"] == EXPECTED_EDUCATION
    assert sub.data["answers"] == {"Q1001": "Yes", "Q1002": "No", "Q1003": "No"}
    assert sub.data["eeo"] == {
        "Gender": "Female",
        "Ethnicity": "No",
        "Race": "I choose not to disclose",  # the profile leaves it unanswered
        "Veteran": "I am not a protected veteran",
        "Disability": "I don't wish to answer",
    }
    assert sub.data["esignature"] == {"fullName": "Mara Okafor-Lindqvist"}
    assert (
        run.evidence.confirmation_text and "thank you for applying" in run.evidence.confirmation_text.lower()
    )


async def test_existing_accounts(
    browser: Any, taleo: Any, profile: Profile, plugins: PluginManager, db: Database
) -> None:
    taleo.accounts[EMAIL] = {"password": "Known#Pa55word", "email": EMAIL}
    store = CredentialStore(db)

    # Registering says the user name is taken; nobody to ask: the person signs in.
    run = await apply(browser, taleo, JOB2, profile, plugins, db)
    assert run.status == "needs_user" and "already have a Taleo account" in run.needs_user[0]

    # The person gives the password once: signed in, kept for next time.
    async def ask(question: str) -> str:
        assert question == f"Password of your Taleo account {EMAIL} at {TENANT}"
        return "Known#Pa55word"

    run = await apply(browser, taleo, JOB2, profile, plugins, db, ask=ask)
    assert run.status == "filled", (run.error, run.needs_user)
    cred = await store.get(ats="taleo", tenant=TENANT, email=EMAIL)
    assert cred is not None and cred.password == "Known#Pa55word" and cred.state == "active"

    # A stored password Taleo refuses goes to the person; nothing is submitted.
    await store.put(
        SiteCredential(ats="taleo", tenant=TENANT, email=EMAIL, password="Stale#0ld", state="active")
    )
    run = await apply(browser, taleo, JOB2, profile, plugins, db, submit=True)
    assert run.status == "needs_user" and "the stored password was refused" in run.needs_user[0]
    assert [e.data["ok"] for e in taleo.of("signin")] == [True, False]
    assert taleo.of("submit") == []


def test_corpus_pages_match_the_replica() -> None:
    render = _module("jobpilot_taleo_render", REPLICA / "render.py")
    for name, (_url, html) in render.documents().items():
        assert (REPLICA / f"{name}.html").read_text("utf-8") == render.static(html), (
            f"re-run render.py ({name})"
        )

"""The SuccessFactors apply flow end to end in real Chromium, against the replica career site
served as if it were ``career4.successfactors.com`` (company ``alderwood``); every assertion is
on what the replica's server received."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import jobpilot.demo
import jobpilot_ats_generic
import jobpilot_ats_successfactors
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
REPLICA = Path(__file__).parents[1] / "replicas" / "successfactors"
HOST = "https://career4.successfactors.com"
TENANT = "career4.successfactors.com/alderwood"
JOB = f"{HOST}/career?company=alderwood&career_ns=job_listing&career_job_req_id=7301"
JOB2 = f"{HOST}/career?company=alderwood&career_ns=job_listing&career_job_req_id=7302"
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
    server = _module("jobpilot_sf_replica", REPLICA / "server.py").SuccessFactorsReplica().start()
    yield server
    server.stop()


@pytest.fixture
def sf(replica: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
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
    pm.register(jobpilot_ats_successfactors, name="successfactors")
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


EXPECTED_VALUES = {
    "contactEmail": EMAIL,
    "firstName": "Mara",
    "middleName": "",  # the parser's "Okafor" (from the hyphenated surname) cleared
    "lastName": "Okafor-Lindqvist",  # the parser's "Lindqvist" fixed
    "cellPhone": "+1 415 555 0142",
    "address": "12 Harbor Way",
    "city": "San Francisco",
    "country": "United States",  # an option read from the open UI5 list, not the profile's "US"
    "state": "California",
    "zip": "94107",
    "linkedinUrl": "https://www.linkedin.com/in/maraol",
    "q_4101": "Yes",
    "q_4102": "No",
    "q_4103": "150000",
    "q_4104": "LinkedIn",
    "gender": "Female",
    "ethnicity": "I do not wish to self-identify",
    "veteranStatus": "I am not a protected veteran",
    "disabilityStatus": "I do not want to answer",
    "dataPrivacyAccept": True,
}  # q_4105 (a commercial driver's license) has no answer in the profile: never guessed
EXPECTED_ROWS = {
    "outsideWorkExperience": [
        {
            "employer": "Tidewater Analytics",
            "title": "Senior Backend Engineer",
            "startDate": "03/01/2021",
            "present": True,
        },
        {
            "employer": "Quayside Labs",
            "title": "Software Engineer",
            "startDate": "06/01/2017",
            "endDate": "02/28/2021",
            "present": False,
        },
    ],
    "education": [
        {
            "school": "University of Washington",
            "degree": "Bachelor's Degree",
            "major": "Computer Science",
            "endDate": "06/01/2017",
        }
    ],
}


def _rows(rows: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    """Rows as sent, with the "Present" box read as False when it was never touched."""
    out = {}
    for kind, items in rows.items():
        out[kind] = [
            {
                **{k: v for k, v in item.items() if v not in ("", None)},
                **({"present": bool(item.get("present"))} if kind == "outsideWorkExperience" else {}),
            }
            for item in items
        ]
    return out


async def test_whole_application_with_account_creation(
    browser: Any, sf: Any, profile: Profile, plugins: PluginManager, db: Database
) -> None:
    run = await apply(browser, sf, JOB, profile, plugins, db, submit=True, profile_name="mara")
    assert run.status == "submitted", (run.error, run.needs_user)
    assert run.detection.ats == "successfactors" and run.detection.company == "alderwood"

    (created,) = sf.of("create_account")
    assert created.email == EMAIL
    assert {k: created.data[k] for k in ("firstName", "lastName", "country", "dataPrivacy")} == {
        "firstName": "Mara",
        "lastName": "Okafor-Lindqvist",
        "country": "US",
        "dataPrivacy": "1",
    }
    cred = await CredentialStore(db).get(ats="successfactors", tenant=TENANT, email=EMAIL)
    assert cred is not None and cred.state == "active" and created.data["password"] == cred.password
    assert cred.password not in run.model_dump_json()

    (parse,) = sf.of("parse")
    assert parse.data == {"filename": "resume.pdf", "size": (DEMO / "profile" / "resume.pdf").stat().st_size}
    (sub,) = sf.of("submit")
    assert sf.of("duplicate_submit") == [] and sf.of("rejected") == []
    assert sub.data["req"] == "7301"
    assert sub.data["values"] == EXPECTED_VALUES
    assert _rows(sub.data["rows"]) == EXPECTED_ROWS  # the parser's invented third job is gone
    assert sub.data["files"]["resume"] == {
        "filename": "resume.pdf",
        "data": (DEMO / "profile" / "resume.pdf").read_bytes(),
    }
    assert (
        run.evidence.confirmation_text and "thank you for applying" in run.evidence.confirmation_text.lower()
    )


async def test_accounts_the_site_already_has(
    browser: Any, sf: Any, profile: Profile, plugins: PluginManager, db: Database
) -> None:
    sf.accounts[EMAIL] = {"password": "Known-Pa55word", "firstName": "Mara", "lastName": "O", "country": "US"}
    store = CredentialStore(db)

    # Not stored and nobody to ask: creating it says "already exists"; the person signs in.
    run = await apply(browser, sf, JOB2, profile, plugins, db)
    assert run.status == "needs_user" and "already have a SuccessFactors account" in run.needs_user[0]
    assert sf.of("signin") == []

    # The person gives its password once: signed in and kept for next time.
    async def ask(question: str) -> str:
        assert question == f"Password of your SuccessFactors account {EMAIL} at {TENANT}"
        return "Known-Pa55word"

    run = await apply(browser, sf, JOB2, profile, plugins, db, ask=ask)
    assert run.status == "filled", (run.error, run.needs_user)
    cred = await store.get(ats="successfactors", tenant=TENANT, email=EMAIL)
    assert cred is not None and cred.password == "Known-Pa55word" and cred.state == "active"

    # A stored password the site refuses: the person, no blind retry, nothing sent.
    await store.put(
        SiteCredential(ats="successfactors", tenant=TENANT, email=EMAIL, password="Stale-0ld", state="active")
    )
    run = await apply(browser, sf, JOB2, profile, plugins, db, submit=True)
    assert run.status == "needs_user" and "the stored password was refused" in run.needs_user[0]
    assert [e.data["ok"] for e in sf.of("signin")] == [True, False]
    assert sf.of("create_account") == [] and sf.of("submit") == []


async def test_a_required_question_without_an_answer_is_left_to_the_person(
    browser: Any, sf: Any, profile: Profile, plugins: PluginManager, db: Database
) -> None:
    profile.application.salary_expectation = None
    run = await apply(browser, sf, JOB, profile, plugins, db, submit=True)
    assert run.status == "needs_user"
    assert any("desired annual salary" in n for n in run.needs_user), run.needs_user
    assert sf.of("submit") == []


def test_corpus_pages_match_the_replica() -> None:
    render = _module("jobpilot_sf_render", REPLICA / "render.py")
    for name, (_url, html) in render.classic_documents().items():
        assert (REPLICA / f"{name}.html").read_text("utf-8") == render.static(html), (
            f"re-run render.py ({name})"
        )

"""The Oracle Recruiting Cloud apply flow end to end in real Chromium, against the replica
Candidate Experience site served as if it were ``ehzy.fa.us6.oraclecloud.com`` (its app
script from ``static.oracle.com``); every assertion is on what the replica's server received."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import jobpilot.demo
import jobpilot_ats_generic
import jobpilot_ats_oracle
import pytest
from jobpilot.engine.apply import ApplyEngine, ApplyOptions
from jobpilot.models.profile import Profile
from jobpilot.plugins import PluginManager
from jobpilot.profile_io import load_profile
from jobpilot.runner import OfflineRouter
from jobpilot.storage import Database

pytestmark = pytest.mark.browser

DEMO = Path(jobpilot.demo.__file__).parent
REPLICA = Path(__file__).parents[1] / "replicas" / "oracle"
HOST = "https://ehzy.fa.us6.oraclecloud.com"
STATIC = "https://static.oracle.com"
SITE = f"{HOST}/hcmUI/CandidateExperience/en/sites/CX_4"
JOB = f"{SITE}/job/1187"
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
    server = _module("jobpilot_oracle_replica", REPLICA / "server.py").OracleReplica().start()
    yield server
    server.stop()


@pytest.fixture
def oracle(replica: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    replica.reset()
    monkeypatch.setenv("JOBPILOT_HOME", str(tmp_path / "home"))
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
    pm.register(jobpilot_ats_oracle, name="oracle")
    return pm


@pytest.fixture
def profile() -> Profile:
    return load_profile(DEMO / "profile" / "resume.json", DEMO / "profile" / "answers.yaml")


async def apply(
    browser: Any, replica: Any, url: str, profile: Profile, plugins: PluginManager, db: Database, **kw: Any
) -> Any:
    router = OfflineRouter(allow_hosts=["127.0.0.1"])
    router.forward(HOST, replica.origin)
    router.forward(STATIC, replica.origin)
    page = await browser.new_page(router=router)
    try:
        await page.goto(url)
        run = await ApplyEngine(plugins, profile, db=db, options=ApplyOptions(**kw)).run(page)
    finally:
        await page.close()
    assert router.blocked == []
    return run


EXPECTED_VALUES = {
    "lastName": "Okafor-Lindqvist",
    "firstName": "Mara",
    "phoneCountryCode": "United States (+1)",  # an option of the open list, not the profile's "US"
    "phoneNumber": "+1 415 555 0142",
    "addressLine1": "12 Harbor Way",
    "city": "San Francisco",
    "region2": "California",
    "postalCode": "94107",
    "country": "United States",
    "300000041001": "Yes",
    "300000041002": "No",
    "300000041003": "150000",
    "300000041004": "LinkedIn",
    "US-STANDARD-ORA_GENDER-STANDARD": "Female",
    "US-STANDARD-ORA_VETERAN_STATUS-STANDARD": "I am not a protected veteran",
    "US-STANDARD-ORA_DISABILITY_STATUS-STANDARD": "I do not want to answer",
    "fullName": "Mara Okafor-Lindqvist",
}
# Left for the person, never guessed: the title (no saved answer), the salary-range
# acknowledgement (pay questions are answered from the profile only, and it has none) and the
# Hispanic/Latino question, whose options are not a yes/no the profile's "false" names.
EXPECTED_ITEMS = {
    "experience": [
        {
            "EmployerName": "Tidewater Analytics",
            "JobTitle": "Senior Backend Engineer",
            "StartDate": "03/2021",
            "CurrentJobFlag": True,
        },
        {
            "EmployerName": "Quayside Labs",
            "JobTitle": "Software Engineer",
            "StartDate": "06/2017",
            "EndDate": "02/2021",
        },
    ],
    "education": [
        {
            "EducationalEstablishment": "University of Washington",
            "DegreeName": "Bachelor's Degree",
            "Major": "Computer Science",
            "EndDate": "06/2017",
        }
    ],
}


async def test_new_candidate_whole_application(
    browser: Any, oracle: Any, profile: Profile, plugins: PluginManager, db: Database
) -> None:
    run = await apply(browser, oracle, JOB, profile, plugins, db, submit=True)
    assert run.status == "submitted", (run.error, run.needs_user)
    assert run.detection.ats == "oracle" and run.detection.job_id == "1187"
    (email,) = oracle.of("email")
    assert email.email == EMAIL and email.data == {"terms": True, "honey": ""}  # the honeypot stayed empty
    assert oracle.of("pin_sent") == []  # a new candidate gets no code
    (sub,) = oracle.of("submit")
    assert oracle.of("duplicate_submit") == [] and oracle.of("rejected") == []
    assert sub.data["values"] == EXPECTED_VALUES
    assert sub.data["items"] == EXPECTED_ITEMS
    assert sub.data["files"]["resume"] == {
        "filename": "resume.pdf",
        "data": (DEMO / "profile" / "resume.pdf").read_bytes(),
    }
    assert (
        run.evidence.confirmation_text and "thank you for applying" in run.evidence.confirmation_text.lower()
    )


async def test_returning_candidate_code_is_asked_never_guessed(
    browser: Any, oracle: Any, profile: Profile, plugins: PluginManager, db: Database
) -> None:
    oracle.candidates.add(EMAIL)

    # Nobody to ask: the run waits for the person; no code was typed.
    run = await apply(browser, oracle, JOB, profile, plugins, db)
    assert run.status == "needs_user" and "verification code" in run.needs_user[0]
    assert oracle.of("pin") == []

    # A wrong code first (the person mistyped), then the code from the e-mail.
    asked: list[str] = []

    async def ask(question: str) -> str:
        asked.append(question)
        return "000000" if len(asked) == 1 else oracle.pins[EMAIL]

    oracle.pins.clear()
    run = await apply(browser, oracle, JOB, profile, plugins, db, ask=ask, submit=True)
    assert run.status == "submitted", (run.error, run.needs_user)
    assert asked[0] == f"Enter the 6-digit verification code Oracle e-mailed to {EMAIL}"
    assert "not accepted" in asked[1]
    assert [e.data["ok"] for e in oracle.of("pin")] == [False, True]
    (sub,) = oracle.of("submit")
    assert sub.data["values"] == EXPECTED_VALUES


def test_corpus_pages_are_current() -> None:
    render = _module("jobpilot_oracle_render", REPLICA / "render.py")
    assert render.stale() == [], "re-run tests/replicas/oracle/render.py"

"""The Workable adapter end to end in real Chromium, asserted on what the replica received.

The replica (tests/replicas/workable/server.py) is served as if it were apply.workable.com:
a React page whose resume upload is parsed at once (fields and Education/Experience cards
prefilled with mistakes), Workable's dropdowns and yes/no questions, the GDPR box, and
after Submit the e-mailed six-digit code.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jobpilot.demo
import jobpilot_ai_offline
import jobpilot_ats_generic
import jobpilot_ats_workable
import pytest
from jobpilot.engine.apply import ApplyEngine, ApplyOptions
from jobpilot.models.profile import Profile
from jobpilot.plugins import PluginManager
from jobpilot.profile_io import load_profile
from jobpilot.runner import OfflineRouter

pytestmark = pytest.mark.browser

REPLICA = Path(__file__).parents[1] / "replicas" / "workable"
DEMO = Path(jobpilot.demo.__file__).parent
HOST = "https://apply.workable.com"


def _replica_module() -> Any:
    name = "jobpilot_tests_workable_replica"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, REPLICA / "server.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


R = _replica_module()
URL = f"{HOST}/{R.ACCOUNT}/j/{R.SHORTCODE}/apply"


@pytest.fixture(scope="module")
def workable() -> Iterator[Any]:
    server = R.WorkableReplica(latency=0.05).start()
    yield server
    server.stop()


@pytest.fixture
def plugins() -> PluginManager:
    pm = PluginManager()
    pm.load_builtins()
    pm.register(jobpilot_ats_generic, name="generic")
    pm.register(jobpilot_ats_workable, name="workable")
    pm.register(jobpilot_ai_offline, name="offline")
    return pm


@pytest.fixture
def profile() -> Profile:
    return load_profile(DEMO / "profile" / "resume.json", DEMO / "profile" / "answers.yaml")


async def apply(browser: Any, replica: Any, plugins: PluginManager, profile: Profile, **options: Any) -> Any:
    router = OfflineRouter()
    router.forward(HOST, replica.origin)
    page = await browser.new_page(router=router)
    try:
        await page.goto(URL)
        run = await ApplyEngine(plugins, profile, options=ApplyOptions(**options)).run(page)
    finally:
        await page.close()
    assert router.blocked == []
    return run


async def test_one_page_with_parser_entries_and_the_emailed_code(
    browser: Any, workable: Any, plugins: PluginManager, profile: Profile
) -> None:
    workable.reset(require_code=True)
    prompts: list[str] = []

    async def ask(prompt: str) -> str | None:
        prompts.append(prompt)
        return workable.last_code()

    run = await apply(browser, workable, plugins, profile, submit=True, ask=ask)
    assert run.status == "submitted", (run.error, run.needs_user)
    assert run.detection.ats == "workable" and run.detection.job_id == R.SHORTCODE
    # The code was asked of the person once, with where it was sent; never guessed.
    assert len(prompts) == 1 and "m***@example.org" in prompts[0]
    assert [e.kind for e in workable.events].count("apply") == 1
    (verify,) = workable.of("verify")
    assert verify.body["code"] == workable.outbox[0].code

    (sub,) = workable.applications
    (parsed,) = workable.of("resume")
    assert sub["resume"]["id"] == parsed.body["id"]
    assert workable.uploads[sub["resume"]["id"]].data == (DEMO / "profile" / "resume.pdf").read_bytes()
    expected = {
        "firstname": "Mara",
        "lastname": "Okafor-Lindqvist",  # the parser's "Okafor Lindqvist" overwritten
        "email": "mara.ol@example.org",
        "headline": "Senior Backend Engineer",
        "phone": {"country": "US", "number": "+1 415 555 0142"},
        "address": "San Francisco, California, United States",
        "cover_letter": "I would love to bring my backend experience to your team.",
        "gdpr": True,
    }
    assert {k: sub[k] for k in expected} == expected
    assert sub["answers"] == {
        "CA_5120": "https://www.linkedin.com/in/maraol",
        "CA_5121": "United States",
        "CA_5122": "true",
        "QA_88120": "I build reliable data systems and your platform team does exactly that.",
        "QA_88121": "false",
        "QA_88123": "150000",
        "CA_5130": "Female",
        "CA_5131": "I am not a protected veteran",
    }  # the tools question and the work sample have no answer in the profile: left
    assert sub["education"] == [
        {
            "school": "University of Washington",
            "field_of_study": "Computer Science",
            "degree": "Bachelor's Degree",
            "start_date": "09/2013",
            "end_date": "06/2017",
            "current": False,
        }
    ]
    assert sub["experience"] == [
        {
            "title": "Senior Backend Engineer",
            "company": "Tidewater Analytics",
            "industry": "",
            "summary": "",
            "start_date": "03/2021",
            "end_date": "",
            "current": True,
        },
        {
            "title": "Software Engineer",
            "company": "Quayside Labs",
            "industry": "",
            "summary": "",
            "start_date": "06/2017",
            "end_date": "02/2021",
            "current": False,
        },
    ]

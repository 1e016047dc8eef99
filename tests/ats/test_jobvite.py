"""The Jobvite adapter end to end in real Chromium, asserted on what the replica received.

The replica (tests/replicas/jobvite/server.py) is served as if it were jobs.jobvite.com: a
two-step apply page with the "use my Jobvite profile" sign-in and Apply with LinkedIn /
Indeed options (never to be used), attachment menus (File / LinkedIn / Type or Paste),
numbered Work History and Education blocks, prescreen radios drawn over hidden inputs and an
EEO section.
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
import jobpilot_ats_jobvite
import pytest
from jobpilot.engine.apply import ApplyEngine, ApplyOptions
from jobpilot.models.profile import Profile
from jobpilot.plugins import PluginManager
from jobpilot.profile_io import load_profile
from jobpilot.runner import OfflineRouter

pytestmark = pytest.mark.browser

REPLICA = Path(__file__).parents[1] / "replicas" / "jobvite"
DEMO = Path(jobpilot.demo.__file__).parent
HOST = "https://jobs.jobvite.com"


def _replica_module() -> Any:
    name = "jobpilot_tests_jobvite_replica"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, REPLICA / "server.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


R = _replica_module()
URL = f"{HOST}/{R.COMPANY}/job/{R.JOB_ID}/apply"


@pytest.fixture(scope="module")
def jobvite() -> Iterator[Any]:
    server = R.JobviteReplica().start()
    yield server
    server.stop()


@pytest.fixture
def plugins() -> PluginManager:
    pm = PluginManager()
    pm.load_builtins()
    pm.register(jobpilot_ats_generic, name="generic")
    pm.register(jobpilot_ats_jobvite, name="jobvite")
    pm.register(jobpilot_ai_offline, name="offline")
    return pm


@pytest.fixture
def profile() -> Profile:
    return load_profile(DEMO / "profile" / "resume.json", DEMO / "profile" / "answers.yaml")


async def test_two_steps_sign_in_skipped_blocks_filled_sent_once(
    browser: Any, jobvite: Any, plugins: PluginManager, profile: Profile
) -> None:
    jobvite.reset()
    router = OfflineRouter()
    router.forward(HOST, jobvite.origin)
    page = await browser.new_page(router=router)
    try:
        await page.goto(URL)
        run = await ApplyEngine(plugins, profile, options=ApplyOptions(submit=True)).run(page)
    finally:
        await page.close()
    assert router.blocked == []
    assert run.status == "submitted", (run.error, run.needs_user)
    assert run.detection.ats == "jobvite" and run.detection.job_id == R.JOB_ID
    # Neither the Jobvite profile sign-in nor LinkedIn/Indeed apply was touched.
    assert jobvite.of("login") == [] and jobvite.of("external-apply") == []
    assert [e.kind for e in jobvite.events].count("apply") == 1

    (sub,) = jobvite.applications
    assert sub["fields"] == {
        "firstName": "Mara",
        "lastName": "Okafor-Lindqvist",
        "email": "mara.ol@example.org",
        "phone": "+1 415 555 0142",
        "address": "12 Harbor Way",
        "city": "San Francisco",
        "state": "CA",
        "postalCode": "94107",
        "country": "US",
    }
    resume = jobvite.uploads[sub["resume"]["id"]]
    assert (resume.kind, resume.filename) == ("resume", "resume.pdf")
    assert resume.data == (DEMO / "profile" / "resume.pdf").read_bytes()
    assert sub["coverLetterText"] == "I would love to bring my backend experience to your team."
    assert sub["coverLetterFile"] is None
    assert sub["work"] == [
        {
            "company": "Tidewater Analytics",
            "title": "Senior Backend Engineer",
            "startDate": "03/2021",
            "current": True,
        },
        {
            "company": "Quayside Labs",
            "title": "Software Engineer",
            "startDate": "06/2017",
            "endDate": "02/2021",
        },
    ]
    assert sub["education"] == [
        {
            "school": "University of Washington",
            "degree": "Bachelor's Degree",
            "major": "Computer Science",
            "graduationDate": "06/2017",
        }
    ]
    assert sub["answers"] == {
        "pq_7101": "Yes",
        "pq_7102": "No",
        "pq_7103": "LinkedIn",
        "pq_7104": "150000",
        "pq_7105": "I build reliable data systems and your platform team does exactly that.",
    }  # the hiking trail question has no answer in the profile: left for the person
    assert sub["eeo"] == {
        "eeo_gender": "Female",
        "eeo_race": "I choose not to disclose",  # the profile declines: its "decline" option
        "eeo_veteran": "I am not a protected veteran",
        "eeo_disability": "I do not wish to answer",
    }

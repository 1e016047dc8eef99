"""The SmartRecruiters adapter end to end in real Chromium, asserted on what the replica received.

The replica (tests/replicas/smartrecruiters/server.py) is served as if it were
jobs.smartrecruiters.com: the one-click app's ``spl-*`` components have open shadow roots,
the Easy Apply parser prefills the page with mistakes, and the pages (personal information,
screening questions, review) swap in place.
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
import jobpilot_ats_smartrecruiters
import pytest
from jobpilot.engine.apply import ApplyEngine, ApplyOptions
from jobpilot.models.profile import Profile
from jobpilot.plugins import PluginManager
from jobpilot.profile_io import load_profile
from jobpilot.runner import OfflineRouter

pytestmark = pytest.mark.browser

REPLICA = Path(__file__).parents[1] / "replicas" / "smartrecruiters"
DEMO = Path(jobpilot.demo.__file__).parent
HOST = "https://jobs.smartrecruiters.com"


def _replica_module() -> Any:
    name = "jobpilot_tests_smartrecruiters_replica"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, REPLICA / "server.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


R = _replica_module()
URL = f"{HOST}/oneclick-ui/company/NordlichtEnergy/publication/{R.PUBLICATION}"


@pytest.fixture(scope="module")
def smartrecruiters() -> Iterator[Any]:
    server = R.SmartRecruitersReplica(latency=0.05).start()
    yield server
    server.stop()


@pytest.fixture
def replica(smartrecruiters: Any) -> Any:
    smartrecruiters.reset()
    return smartrecruiters


@pytest.fixture
def plugins() -> PluginManager:
    """Only what this test is about: the built-ins, the generic mapper, SmartRecruiters and
    the offline content provider."""
    pm = PluginManager()
    pm.load_builtins()
    pm.register(jobpilot_ats_generic, name="generic")
    pm.register(jobpilot_ats_smartrecruiters, name="smartrecruiters")
    pm.register(jobpilot_ai_offline, name="offline")
    return pm


@pytest.fixture
def profile() -> Profile:
    return load_profile(DEMO / "profile" / "resume.json", DEMO / "profile" / "answers.yaml")


async def apply(
    browser: Any,
    replica: Any,
    plugins: PluginManager,
    profile: Profile,
    *,
    easy_apply: bool = False,
    url: str = URL,
    **options: Any,
) -> Any:
    router = OfflineRouter()
    router.forward(HOST, replica.origin)
    page = await browser.new_page(router=router)
    try:
        await page.goto(url)
        if easy_apply:
            # The person starts as SmartRecruiters suggests: their resume into Easy Apply,
            # whose parser prefills the page and the Experience/Education cards.
            zone = page.raw.locator("[data-test=apply-with-resume-container] input[type=file]")
            await zone.set_input_files(str(DEMO / "profile" / "resume.pdf"))
            await page.raw.wait_for_selector("oc-prefill-success-banner [role=status]")
        run = await ApplyEngine(plugins, profile, options=ApplyOptions(**options)).run(page)
    finally:
        await page.close()
    assert router.blocked == []
    return run


async def test_whole_application_parsed_fixed_and_submitted_once(
    browser: Any, replica: Any, plugins: PluginManager, profile: Profile
) -> None:
    run = await apply(browser, replica, plugins, profile, easy_apply=True, submit=True)
    assert run.status == "submitted", (run.error, run.needs_user)
    assert run.detection.ats == "smartrecruiters" and run.detection.company == "NordlichtEnergy"

    # The parser's prefill was a draft: every field and card below is the profile's.
    (parsed,) = replica.of("parse")
    assert parsed.body["filename"] == "resume.pdf"
    (sub,) = replica.applications
    assert replica.uploads[sub["resume"]["id"]].data == (DEMO / "profile" / "resume.pdf").read_bytes()
    assert sub["resume"]["name"] == "resume.pdf"
    expected = {
        "firstName": "Mara",
        "lastName": "Okafor-Lindqvist",  # the parser's "Okafor Lindqvist" fixed
        "email": "mara.ol@example.org",
        "confirmEmail": "mara.ol@example.org",
        "location": "San Francisco, California, United States",  # a suggestion, not the first one
        "phone": {"country": "US", "number": "+1 415 555 0142"},
        "web": {
            "linkedin": "https://www.linkedin.com/in/maraol",
            "facebook": "",
            "twitter": "",
            "website": "https://mara.example.org",
        },
        "message": "I would love to bring my backend experience to your team.",
        "consent": True,
    }
    assert {k: sub[k] for k in expected} == expected
    assert sub["experience"] == [
        {
            "title": "Senior Backend Engineer",
            "company": "Tidewater Analytics",  # the parser's "Inc." removed
            "location": "",
            "description": "",
            "start": "03/2021",  # the parser's January fixed
            "end": "",
            "current": True,
        },
        {
            "title": "Software Engineer",
            "company": "Quayside Labs",
            "location": "",
            "description": "",
            "start": "06/2017",
            "end": "02/2021",
            "current": False,
        },
    ]  # the teaching job the parser invented is gone
    assert sub["education"] == [
        {
            "institution": "University of Washington",
            "major": "Computer Science",
            "degree": "Bachelor's Degree",
            "location": "",
            "description": "",
            "start": "09/2013",
            "end": "06/2017",
            "current": False,
        }
    ]
    assert sub["answers"] == {
        "q-4410": "Yes",
        "q-4411": "No",
        "q-4412": "2 weeks",
        "q-4413": "150000",
        "q-4414": "I build reliable data systems and your platform team does exactly that.",
        "q-4416": "Female",
        "q-4417": "I am not a protected veteran",
    }  # q-4415 (no saved answer, not required) is left for the person
    assert [e.kind for e in replica.events].count("apply") == 1


async def test_a_job_ad_is_opened_through_its_link_and_filled(
    browser: Any, replica: Any, plugins: PluginManager, profile: Profile
) -> None:
    """The job ad's "I'm interested" is a plain link (the menu's talent-community "Apply"
    is not this job's): the flow follows it and fills the application; nothing is sent."""
    job_ad = f"{HOST}/NordlichtEnergy/744000098765432-backend-engineer-grid-platform"
    run = await apply(browser, replica, plugins, profile, url=job_ad)
    assert run.status == "filled", (run.error, run.needs_user)
    assert run.detection.ats == "smartrecruiters"
    assert any(a.value == "Mara" for a in run.plan.actions)
    assert replica.applications == [] and "apply" not in [e.kind for e in replica.events]

"""The ATS replicas through the extension: the same plugins and flows as headless, on the
user's tab. Auto-fill is clicked in the popup; the person then submits; assertions are on
what the replica servers received.

The replicas are served as if they were the real sites (Playwright routing on the
extension's browser context, as ``OfflineRouter.forward`` does for headless runs), so URL
detection, the extension's content scripts and same-origin rules all see the real origins.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
from collections.abc import AsyncIterator, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from jobpilot.runner import OfflineRouter

from .conftest import DEMO, Ext, jobpilot

pytestmark = pytest.mark.browser

REPLICAS = Path(__file__).parents[1] / "replicas"
GH_HOSTS = (
    "https://job-boards.greenhouse.io",
    "https://boards.greenhouse.io",
    "https://careers.larkspur.example",
)
GH_REACT = "https://job-boards.greenhouse.io/larkspurlabs/jobs/4801234005"
WD_HOST = "https://harborview.wd5.myworkdayjobs.com"
WD_JOB = f"{WD_HOST}/en-US/Harborview/job/Portland-OR/Backend-Engineer_R-10482"


def _module(name: str, path: Path) -> Any:
    if not path.exists():
        pytest.fail(f"the replica {path} is missing", pytrace=False)
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


@pytest.fixture(scope="module")
async def greenhouse() -> AsyncIterator[Any]:
    server = (
        await _module("jobpilot_tests_greenhouse_replica", REPLICAS / "greenhouse/server.py")
        .GreenhouseReplica(latency=0.1)
        .start()
    )
    try:
        yield server
    finally:
        await server.stop()


@pytest.fixture(scope="module")
def workday() -> Iterator[Any]:
    server = _module("jobpilot_workday_replica", REPLICAS / "workday/server.py").WorkdayReplica().start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
async def routed(ext: Ext, greenhouse: Any, workday: Any) -> AsyncIterator[OfflineRouter]:
    router = OfflineRouter(allow_hosts=["127.0.0.1", "localhost"])
    for origin in GH_HOSTS:
        router.forward(origin, greenhouse.origin)
    router.forward(WD_HOST, workday.origin)
    await router.install(ext.ctx)
    try:
        yield router
    finally:
        await router.uninstall(ext.ctx)


@pytest.fixture(scope="module")
def workday_profile(ext: Ext) -> str:
    """The sample profile plus the two answers Workday asks that no vocabulary key covers."""
    folder = ext.home / "workday-profile"
    if not folder.exists():
        shutil.copytree(DEMO / "profile", folder)
        answers = (folder / "answers.yaml").read_text()
        extra = (
            "  - question: Phone Device Type\n    answer: Mobile\n"
            '  - question: Have you previously worked for Harborview Outfitters?\n    answer: "No"\n'
        )
        (folder / "answers.yaml").write_text(answers.replace("answers:\n", "answers:\n" + extra, 1))
        jobpilot(
            ext.home,
            "profile",
            "import",
            str(folder / "resume.json"),
            "--answers",
            str(folder / "answers.yaml"),
            "--name",
            "workday",
        )
    return "workday"


async def autofill(ext: Ext, url: str, *, profile: str | None = None) -> tuple[Any, Any]:
    page = await ext.open(url)
    popup = await ext.popup(await ext.tab_id(url))
    await popup.evaluate("(p) => chrome.storage.local.set({profile: p, resume: null})", profile)
    await popup.reload()
    await popup.wait_for_selector("#plan[data-ready], #error:not([hidden])", timeout=90_000, state="attached")
    await popup.bring_to_front()
    await popup.click("#autofill")
    await popup.wait_for_selector(
        "#result:not([hidden]), #error:not([hidden])", timeout=90_000, state="attached"
    )
    return page, popup


async def test_greenhouse_react_board(ext: Ext, greenhouse: Any, routed: OfflineRouter) -> None:
    greenhouse.reset(require_code=False)
    page, popup = await autofill(ext, GH_REACT)
    assert await popup.locator("#error").is_hidden(), await popup.inner_text("#error")
    assert (await popup.inner_text("#ats")).startswith("greenhouse")
    assert (await popup.inner_text("#result")).startswith("filled:")
    await page.bring_to_front()
    await page.get_by_role("button", name="Submit application").click()
    for _ in range(100):
        if greenhouse.applications:
            break
        await page.wait_for_timeout(100)
    (sub,) = greenhouse.applications
    expected = {
        "first_name": "Mara",
        "last_name": "Okafor-Lindqvist",
        "email": "mara.ol@example.org",
        "phone": "+1 415 555 0142",
        "country": "United States +1",
        "candidate_location": "San Francisco, California, United States",
        "education[0][school]": "University of Washington",
        "education[0][degree]": "Bachelor's Degree",
        "education[0][discipline]": "Computer Science",
        "education[0][end_year]": "2017",
        "question_7700101": "https://www.linkedin.com/in/maraol",
        "question_7700103": "Yes",
        "question_7700104": "No",
        "question_7700105": "LinkedIn",
        "question_7700106": "I build reliable data systems and your platform team does exactly that.",
        "question_7700107": "",
        "cover_letter_text": "I would love to bring my backend experience to your team.",
        "gender": "Female",
        "veteran_status": "I am not a protected veteran",
        "gdpr_processing_consent_given": "1",
    }
    assert {k: sub.get(k) for k in expected} == expected
    assert sub.files["resume"].data == (DEMO / "profile" / "resume.pdf").read_bytes()
    await popup.close()
    await page.close()


async def test_workday_wizard_completes_in_the_users_tab(
    ext: Ext, workday: Any, workday_profile: str, routed: OfflineRouter
) -> None:
    """Sign-in wall (account created), My Information, My Experience (rows, resume),
    Questions, Voluntary Disclosures, Self Identify, Review: each step a new page state in
    the same tab, waited out by the service worker; then the person clicks Submit."""
    workday.reset()
    page, popup = await autofill(ext, WD_JOB, profile=workday_profile)
    try:
        assert await popup.locator("#error").is_hidden(), await popup.inner_text("#error")
        result = await popup.inner_text("#result")
        assert result.startswith("filled:"), result  # stopped at Review: the person submits

        def step(name: str) -> dict[str, Any]:
            (event,) = workday.of(f"step:{name}", "harborview")
            return dict(event.body["data"])

        (created,) = workday.of("createAccount", "harborview")
        assert created.body["email"] == "mara.ol@example.org" and len(created.body["password"]) >= 16
        info = step("info")
        assert info["firstName"] == "Mara" and info["lastName"] == "Okafor-Lindqvist"
        assert info["country"] == "United States of America" and info["source"] == "LinkedIn"
        assert info["phoneType"] == "Mobile" and info["phone"] == "+1 415 555 0142"
        assert info["city"] == "San Francisco" and info["state"] == "California"
        exp = step("experience")
        assert exp["resume"]["name"] == "resume.pdf"
        assert [w["company"] for w in exp["work"]] == ["Tidewater Analytics", "Quayside Labs"]
        assert exp["education"][0]["school"] == "University of Washington"
        questions = step("questions")
        assert questions["9f1c2a7e0b4d11ee"] == "Yes" and questions["9f1c2a7e0b4d12ee"] == "No"
        assert "9f1c2a7e0b4d15ee" not in questions
        assert step("disclosures")["gender"] == "Female"
        today = date.today()
        assert step("selfIdentify")["date"] == {
            "month": f"{today.month:02d}",
            "day": f"{today.day:02d}",
            "year": str(today.year),
        }
        assert workday.of("submit", "harborview") == []  # nothing submitted by JobPilot
        await page.bring_to_front()
        await page.get_by_role("button", name="Submit").click()
        for _ in range(100):
            if workday.of("submit", "harborview"):
                break
            await page.wait_for_timeout(100)
        (submitted,) = workday.of("submit", "harborview")
        assert submitted.body["application"]["info"] == info
        assert not [u for u in routed.blocked if "myworkdayjobs" in u]
    finally:
        await popup.evaluate("chrome.storage.local.set({profile: null, resume: null})")
        await popup.close()
        await page.close()


async def test_greenhouse_embed_in_a_cross_origin_frame(
    ext: Ext, greenhouse: Any, routed: OfflineRouter
) -> None:
    """The form lives in Greenhouse's iframe on the company's own domain: the frame's own
    content script snapshots and fills it, its refs travel as ``x<frameId>:...``."""
    greenhouse.reset(require_code=False)
    url = "https://careers.larkspur.example/careers/larkspur?gh_jid=4801234005"
    page, popup = await autofill(ext, url)
    try:
        assert await popup.locator("#error").is_hidden(), await popup.inner_text("#error")
        assert (await popup.inner_text("#ats")).startswith("greenhouse")
        await page.bring_to_front()
        await page.frame_locator("#grnhse_iframe").get_by_role("button", name="Submit application").click()
        for _ in range(100):
            if greenhouse.applications:
                break
            await page.wait_for_timeout(100)
        (sub,) = greenhouse.applications
        assert sub.path == "/embed/job_app?for=larkspurlabs&token=4801234005"
        assert (sub.get("first_name"), sub.get("email"), sub.get("country")) == (
            "Mara",
            "mara.ol@example.org",
            "United States +1",
        )
        assert sub.get("candidate_location") == "San Francisco, California, United States"
        assert sub.files["resume"].data == (DEMO / "profile" / "resume.pdf").read_bytes()
    finally:
        await popup.close()
        await page.close()

"""SmartRecruiters, Workable and Jobvite through the real extension and the real native host:
Auto-fill is clicked in the popup, the adapters' flows run in the user's tab (SmartRecruiters'
spl-* components in open shadow roots included), then the person submits; assertions are on
what the replica servers received. The replicas are served at their real URLs (routing on
the extension's context)."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from jobpilot.runner import OfflineRouter

from .conftest import DEMO, Ext

pytestmark = pytest.mark.browser

REPLICAS = Path(__file__).parents[1] / "replicas"
SR_HOST = "https://jobs.smartrecruiters.com"
WK_HOST = "https://apply.workable.com"
JV_HOST = "https://jobs.jobvite.com"
RESUME = (DEMO / "profile" / "resume.pdf").read_bytes()


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


SR = _module("jobpilot_tests_smartrecruiters_replica", REPLICAS / "smartrecruiters/server.py")
WK = _module("jobpilot_tests_workable_replica", REPLICAS / "workable/server.py")
JV = _module("jobpilot_tests_jobvite_replica", REPLICAS / "jobvite/server.py")


@pytest.fixture(scope="module")
def servers() -> Iterator[tuple[Any, Any, Any]]:
    started = (SR.SmartRecruitersReplica().start(), WK.WorkableReplica().start(), JV.JobviteReplica().start())
    try:
        yield started
    finally:
        for server in started:
            server.stop()


@pytest.fixture(scope="module")
async def routed(ext: Ext, servers: tuple[Any, Any, Any]) -> AsyncIterator[OfflineRouter]:
    router = OfflineRouter(allow_hosts=["127.0.0.1", "localhost"])
    for host, server in zip((SR_HOST, WK_HOST, JV_HOST), servers, strict=True):
        router.forward(host, server.origin)
    await router.install(ext.ctx)
    try:
        yield router
    finally:
        await router.uninstall(ext.ctx)


async def autofill(ext: Ext, url: str) -> tuple[Any, Any]:
    """Open ``url``, open the popup for its tab, wait for the plan, click Auto-fill and wait
    for the result (or an error)."""
    page = await ext.open(url)
    popup = await ext.popup(await ext.tab_id(url))
    await popup.evaluate("() => chrome.storage.local.set({profile: null, resume: null})")
    await popup.reload()
    await popup.wait_for_selector("#plan[data-ready], #error:not([hidden])", timeout=90_000, state="attached")
    await popup.bring_to_front()
    await popup.click("#autofill")
    await popup.wait_for_selector(
        "#result:not([hidden]), #error:not([hidden])", timeout=120_000, state="attached"
    )
    return page, popup


async def filled(popup: Any, ats: str) -> None:
    assert await popup.locator("#error").is_hidden(), await popup.inner_text("#error")
    assert (await popup.inner_text("#ats")).startswith(ats)
    result = await popup.inner_text("#result")
    assert result.startswith("filled:"), result  # ready to submit: the person does it


async def submitted(page: Any, replica: Any) -> dict[str, Any]:
    for _ in range(100):
        if replica.applications:
            break
        await page.wait_for_timeout(100)
    (sub,) = replica.applications
    return dict(sub)


async def test_smartrecruiters_oneclick_in_the_users_tab(
    ext: Ext, servers: tuple[Any, Any, Any], routed: OfflineRouter
) -> None:
    """Personal information (entries added from the profile), screening questions, review:
    pages swapped in place in the user's tab, the controls inside open shadow roots."""
    sr = servers[0]
    sr.reset()
    page, popup = await autofill(
        ext, f"{SR_HOST}/oneclick-ui/company/NordlichtEnergy/publication/{SR.PUBLICATION}"
    )
    try:
        await filled(popup, "smartrecruiters")
        assert sr.applications == [] and sr.of("parse") == []  # nothing sent, nothing parsed
        await page.bring_to_front()
        await page.get_by_role("button", name="Submit").click()
        sub = await submitted(page, sr)
        assert (sub["firstName"], sub["lastName"], sub["email"], sub["confirmEmail"]) == (
            "Mara",
            "Okafor-Lindqvist",
            "mara.ol@example.org",
            "mara.ol@example.org",
        )
        assert sub["location"] == "San Francisco, California, United States"
        assert sub["phone"] == {"country": "US", "number": "+1 415 555 0142"}
        assert sub["web"]["linkedin"] == "https://www.linkedin.com/in/maraol"
        assert [(e["company"], e["start"], e["current"]) for e in sub["experience"]] == [
            ("Tidewater Analytics", "03/2021", True),
            ("Quayside Labs", "06/2017", False),
        ]
        assert sub["education"][0]["institution"] == "University of Washington"
        assert sub["education"][0]["degree"] == "Bachelor's Degree"
        assert sub["consent"] is True
        assert sr.uploads[sub["resume"]["id"]].data == RESUME
        assert sub["answers"]["q-4410"] == "Yes" and sub["answers"]["q-4411"] == "No"
        assert sub["answers"]["q-4412"] == "2 weeks" and sub["answers"]["q-4416"] == "Female"
        assert not [u for u in routed.blocked if "smartrecruiters" in u]
    finally:
        await popup.close()
        await page.close()


async def test_workable_one_page_in_the_users_tab(
    ext: Ext, servers: tuple[Any, Any, Any], routed: OfflineRouter
) -> None:
    """The resume first (Workable's parser prefills and creates entries), the entries made
    the profile's, the rest of the page; the person submits."""
    wk = servers[1]
    wk.reset()
    page, popup = await autofill(ext, f"{WK_HOST}/{WK.ACCOUNT}/j/{WK.SHORTCODE}/apply")
    try:
        await filled(popup, "workable")
        assert wk.applications == []
        await page.bring_to_front()
        await page.get_by_role("button", name="Submit application").click()
        sub = await submitted(page, wk)
        assert (sub["firstname"], sub["lastname"], sub["email"]) == (
            "Mara",
            "Okafor-Lindqvist",
            "mara.ol@example.org",
        )
        assert sub["phone"] == {"country": "US", "number": "+1 415 555 0142"}
        assert sub["gdpr"] is True
        assert wk.uploads[sub["resume"]["id"]].data == RESUME
        assert [(e["company"], e["start_date"]) for e in sub["experience"]] == [
            ("Tidewater Analytics", "03/2021"),
            ("Quayside Labs", "06/2017"),
        ]  # the parser's invented job removed, its mistakes fixed
        assert sub["education"][0]["school"] == "University of Washington"
        assert sub["answers"]["CA_5121"] == "United States" and sub["answers"]["CA_5122"] == "true"
        assert sub["answers"]["QA_88121"] == "false" and sub["answers"]["CA_5130"] == "Female"
    finally:
        await popup.close()
        await page.close()


async def test_jobvite_two_steps_in_the_users_tab(
    ext: Ext, servers: tuple[Any, Any, Any], routed: OfflineRouter
) -> None:
    """The sign-in and LinkedIn/Indeed options left alone, both steps filled in the tab; the
    person sends the application."""
    jv = servers[2]
    jv.reset()
    page, popup = await autofill(ext, f"{JV_HOST}/{JV.COMPANY}/job/{JV.JOB_ID}/apply")
    try:
        await filled(popup, "jobvite")
        assert jv.applications == [] and jv.of("login") == [] and jv.of("external-apply") == []
        await page.bring_to_front()
        await page.get_by_role("button", name="Send Application").click()
        sub = await submitted(page, jv)
        assert sub["fields"]["firstName"] == "Mara" and sub["fields"]["lastName"] == "Okafor-Lindqvist"
        assert (sub["fields"]["state"], sub["fields"]["country"]) == ("CA", "US")
        assert jv.uploads[sub["resume"]["id"]].data == RESUME
        assert sub["coverLetterText"] == "I would love to bring my backend experience to your team."
        assert [w["company"] for w in sub["work"]] == ["Tidewater Analytics", "Quayside Labs"]
        assert sub["answers"]["pq_7101"] == "Yes" and sub["answers"]["pq_7103"] == "LinkedIn"
        assert sub["eeo"]["eeo_gender"] == "Female"
    finally:
        await popup.close()
        await page.close()

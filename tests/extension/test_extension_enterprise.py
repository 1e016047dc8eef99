"""The enterprise ATS replicas (iCIMS, SuccessFactors, Oracle, Taleo) through the real
extension and the real native host: Auto-fill is clicked in the popup, the adapters' flows
run in the user's tab, the person then submits; assertions are on what the replica servers
received. The replicas are served at their real URLs (routing on the extension's context)."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from jobpilot.runner import OfflineRouter

from .conftest import Ext

pytestmark = pytest.mark.browser

REPLICAS = Path(__file__).parents[1] / "replicas"
ICIMS_HOST = "https://careers-brightlane.icims.com"
ICIMS_JOB = f"{ICIMS_HOST}/jobs/4521/platform-engineer/job"
ORACLE_HOST = "https://ehzy.fa.us6.oraclecloud.com"
ORACLE_STATIC = "https://static.oracle.com"
ORACLE_JOB = f"{ORACLE_HOST}/hcmUI/CandidateExperience/en/sites/CX_4/job/1187"
TALEO_HOST = "https://crestview.taleo.net"
TALEO_JOB = f"{TALEO_HOST}/careersection/10000/jobdetail.ftl?job=2604&lang=en"
SF_HOST = "https://career4.successfactors.com"
SF_JOB = f"{SF_HOST}/career?company=alderwood&career_ns=job_listing&career_job_req_id=7301"


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
def icims() -> Iterator[Any]:
    server = _module("jobpilot_icims_replica", REPLICAS / "icims/server.py").IcimsReplica().start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def successfactors() -> Iterator[Any]:
    module = _module("jobpilot_sf_replica", REPLICAS / "successfactors/server.py")
    server = module.SuccessFactorsReplica().start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def oracle() -> Iterator[Any]:
    server = _module("jobpilot_oracle_replica", REPLICAS / "oracle/server.py").OracleReplica().start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def taleo() -> Iterator[Any]:
    server = _module("jobpilot_taleo_replica", REPLICAS / "taleo/server.py").TaleoReplica().start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
async def routed(
    ext: Ext, icims: Any, successfactors: Any, oracle: Any, taleo: Any
) -> AsyncIterator[OfflineRouter]:
    router = OfflineRouter(allow_hosts=["127.0.0.1", "localhost"])
    router.forward(TALEO_HOST, taleo.origin)
    router.forward(ORACLE_HOST, oracle.origin)
    router.forward(ORACLE_STATIC, oracle.origin)
    router.forward(ICIMS_HOST, icims.origin)
    router.forward(SF_HOST, successfactors.origin)
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


async def _wait(predicate: Any, page: Any, tries: int = 100) -> None:
    for _ in range(tries):
        if predicate():
            return
        await page.wait_for_timeout(100)


async def test_icims_portal_completes_in_the_users_tab(ext: Ext, icims: Any, routed: OfflineRouter) -> None:
    """Job page -> login (e-mail, privacy) -> profile (resume parsed, entries, new account)
    -> questions -> EEO -> review, each a new document in the portal's iframe; then the person
    clicks Submit Application in the frame."""
    icims.reset()
    page, popup = await autofill(ext, ICIMS_JOB)
    try:
        assert await popup.locator("#error").is_hidden(), await popup.inner_text("#error")
        assert (await popup.inner_text("#ats")).startswith("icims")
        result = await popup.inner_text("#result")
        assert result.startswith("filled:"), result  # stopped at Review: the person submits
        (created,) = icims.of("create_account")
        assert created.email == "mara.ol@example.org" and len(created.data["password"]) >= 16
        (saved,) = icims.of("profile")
        assert saved.data["fields"]["LastName"] == "Okafor-Lindqvist"
        assert saved.data["fields"]["PhoneNumber"] == "+1 415 555 0142"
        assert saved.data["resume"]["filename"] == "resume.pdf"
        assert [w["Employer"] for w in saved.data["work"]] == ["Tidewater Analytics", "Quayside Labs"]
        assert saved.data["work"][0]["StartMonth"] == "03" and saved.data["work"][0]["Current"] is True
        assert saved.data["education"][0]["School"] == "University of Washington"
        (questions,) = icims.of("questions")
        assert questions.data["rcf1101"] == "Yes" and questions.data["rcf1102"] == "No"
        assert questions.data["rcf1104"] == "LinkedIn"
        (eeo,) = icims.of("eeo")
        assert eeo.data["-1_PersonProfileFields.EEOGender"] == "Female"
        assert icims.of("submit") == []  # nothing submitted by JobPilot

        await page.bring_to_front()
        frame = page.frame(name="icims_content_iframe")
        assert frame is not None
        await frame.get_by_role("button", name="Submit Application").click()
        await _wait(lambda: icims.of("submit"), page)
        (sub,) = icims.of("submit")
        assert sub.data["profile"] == saved.data["fields"] and sub.data["certification"] == "1"
        assert sub.data["answers"] == questions.data and sub.data["eeo"] == eeo.data
        assert sub.data["resume"]["data"].startswith(b"%PDF")
        assert not [u for u in routed.blocked if "icims.com" in u]
    finally:
        await popup.close()
        await page.close()


async def test_successfactors_application_in_the_users_tab(
    ext: Ext, successfactors: Any, routed: OfflineRouter
) -> None:
    """Job listing -> Apply -> Create an Account (privacy statement) -> the UI5 application
    (resume parsed, UI5 selects chosen from their open lists, rows) in the same tab; then
    the person clicks Apply."""
    sf = successfactors
    sf.reset()
    page, popup = await autofill(ext, SF_JOB)
    try:
        assert await popup.locator("#error").is_hidden(), await popup.inner_text("#error")
        assert (await popup.inner_text("#ats")).startswith("successfactors")
        result = await popup.inner_text("#result")
        assert result.startswith("filled:"), result
        (created,) = sf.of("create_account")
        assert created.email == "mara.ol@example.org" and created.data["dataPrivacy"] == "1"
        assert sf.of("parse") and sf.of("submit") == []  # nothing submitted by JobPilot
        await page.bring_to_front()
        await page.get_by_role("button", name="Apply", exact=True).click()
        await _wait(lambda: sf.of("submit"), page)
        (sub,) = sf.of("submit")
        values = sub.data["values"]
        assert values["firstName"] == "Mara" and values["lastName"] == "Okafor-Lindqvist"
        assert values["middleName"] == "" and values["cellPhone"] == "+1 415 555 0142"
        assert values["country"] == "United States" and values["state"] == "California"
        assert values["q_4101"] == "Yes" and values["q_4102"] == "No" and values["q_4104"] == "LinkedIn"
        assert values["gender"] == "Female" and values["dataPrivacyAccept"] is True
        assert "q_4105" not in values
        work = sub.data["rows"]["outsideWorkExperience"]
        assert [w["employer"] for w in work] == ["Tidewater Analytics", "Quayside Labs"]
        assert sub.data["rows"]["education"][0]["degree"] == "Bachelor's Degree"
        assert sub.data["files"]["resume"]["filename"] == "resume.pdf"
        assert sf.of("duplicate_submit") == []
    finally:
        await popup.close()
        await page.close()


async def test_oracle_apply_flow_in_the_users_tab(ext: Ext, oracle: Any, routed: OfflineRouter) -> None:
    """Job -> Apply Now -> e-mail and terms -> the apply flow (cx-select lists read in the
    page, pills, hidden radios, two experience entries and a school added through the
    timeline editor, the e-signature) in the same tab, then the person clicks Submit."""
    oracle.reset()
    page, popup = await autofill(ext, ORACLE_JOB)
    try:
        assert await popup.locator("#error").is_hidden(), await popup.inner_text("#error")
        assert (await popup.inner_text("#ats")).startswith("oracle")
        result = await popup.inner_text("#result")
        assert result.startswith("filled:"), result
        assert oracle.of("submit") == []
        await page.bring_to_front()
        await page.get_by_role("button", name="Submit", exact=True).click()
        await _wait(lambda: oracle.of("submit"), page)
        (sub,) = oracle.of("submit")
        values = sub.data["values"]
        assert values["lastName"] == "Okafor-Lindqvist" and values["phoneNumber"] == "+1 415 555 0142"
        assert values["phoneCountryCode"] == "United States (+1)" and values["region2"] == "California"
        assert values["300000041001"] == "Yes" and values["300000041002"] == "No"
        assert values["300000041004"] == "LinkedIn" and values["fullName"] == "Mara Okafor-Lindqvist"
        assert "title" not in values and "300000041005" not in values  # never guessed
        assert [e["EmployerName"] for e in sub.data["items"]["experience"]] == [
            "Tidewater Analytics",
            "Quayside Labs",
        ]
        assert sub.data["items"]["education"][0]["DegreeName"] == "Bachelor's Degree"
        assert sub.data["files"]["resume"]["filename"] == "resume.pdf"
    finally:
        await popup.close()
        await page.close()


async def test_taleo_application_in_the_users_tab(ext: Ext, taleo: Any, routed: OfflineRouter) -> None:
    """Job description -> Apply Online -> New User registration -> the nine server-rendered
    steps (each a new page the service worker waits out), up to Review and Submit; then the
    person clicks Submit."""
    taleo.reset()
    page, popup = await autofill(ext, TALEO_JOB)
    try:
        assert await popup.locator("#error").is_hidden(), await popup.inner_text("#error")
        assert (await popup.inner_text("#ats")).startswith("taleo")
        result = await popup.inner_text("#result")
        assert result.startswith("filled:"), result
        (reg,) = taleo.of("register")
        assert reg.data["email"] == "mara.ol@example.org"
        assert taleo.of("privacy") and taleo.of("resume") and taleo.of("submit") == []
        await page.bring_to_front()
        await page.get_by_role("button", name="Submit", exact=True).click()
        await _wait(lambda: taleo.of("submit"), page)
        (sub,) = taleo.of("submit")
        assert (
            sub.data["personal"]["LastName"] == "Okafor-Lindqvist"
            and sub.data["personal"]["MiddleName"] == ""
        )
        assert (
            sub.data["personal"]["HomePhone"] == "+1 415 555 0142"
            and sub.data["personal"]["Source"] == "LinkedIn"
        )
        assert [w["Employer"] for w in sub.data["work"]] == ["Tidewater Analytics", "Quayside Labs"]
        assert sub.data["education"][0]["Degree"] == "Bachelor's Degree"
        assert sub.data["answers"] == {"Q1001": "Yes", "Q1002": "No", "Q1003": "No"}
        assert sub.data["esignature"] == {"fullName": "Mara Okafor-Lindqvist"}
        assert taleo.of("duplicate_submit") == []
    finally:
        await popup.close()
        await page.close()

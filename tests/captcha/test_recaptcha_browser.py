"""reCAPTCHA in real Chromium with a local stand-in for Google's script: a checkbox widget
blocks, an invisible or v3 one does not; a solver's token reaches ``g-recaptcha-response``;
without a solver the fleet hands the application to a person, and a person at the browser
solves it and the application goes on."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from jobpilot.engine.apply import ApplyEngine, ApplyOptions
from jobpilot.models.profile import Profile
from jobpilot.plugins import load

pytestmark = pytest.mark.browser
ASSETS = Path(__file__).parent / "assets"


@pytest.fixture(scope="module")
def pages(fixture_server_factory: Callable[[Path], Any]) -> Any:
    return fixture_server_factory(ASSETS)


@pytest.fixture
def person() -> Profile:
    return Profile.model_validate({"basics": {"name": "Ada Quinlan", "email": "ada@example.org"}})


async def open_page(browser: Any, url: str) -> Any:
    page = await browser.new_page(offline=True)
    await page.goto(url)
    await page.wait_for(selector="iframe[src*='anchor']", timeout_ms=5_000)
    return page


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("recaptcha-v2", {("recaptcha_v2", True, "6Lc-v2-checkbox-key", False)}),
        ("recaptcha-invisible", {("recaptcha_v2", False, "6Lc-invisible-key", True)}),
        ("recaptcha-v3", {("recaptcha_v3", False, "6Lc-v3-score-key", True)}),
    ],
)
async def test_checkbox_blocks_and_invisible_or_v3_do_not(
    browser: Any, pages: Any, name: str, expected: set[Any]
) -> None:
    page = await open_page(browser, pages.url(f"{name}.html"))
    try:
        snap = await page.snapshot()
    finally:
        await page.close()
    found = {(c.kind, c.blocking, c.sitekey, c.invisible) for c in load().detect_captcha(snap)}
    assert expected <= found and not any(
        c[1] for c in found - expected
    )  # the badge frame may add a passive entry


async def run_apply(
    browser: Any,
    url: str,
    profile: Profile,
    *,
    progress: Callable[[str], None] | None = None,
    during: Callable[[Any], Any] | None = None,
    **options: Any,
) -> Any:
    page = await open_page(browser, url)
    try:
        engine = ApplyEngine(
            load(),
            profile,
            options=ApplyOptions(submit=True, verify_timeout_ms=3_000, **options),
            on_progress=progress,
        )
        if during is None:
            return await engine.run(page)
        helper = asyncio.ensure_future(during(page))
        try:
            return await engine.run(page)
        finally:
            await helper
    finally:
        await page.close()


async def test_solver_token_is_delivered_and_the_form_submits(
    browser: Any,
    pages: Any,
    person: Profile,
    twocaptcha: Any,
    token: str,
    captcha_home: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TWOCAPTCHA_API_KEY", twocaptcha.key)
    monkeypatch.setenv("TWOCAPTCHA_BASE_URL", twocaptcha.base_url)
    (captcha_home / "config.toml").write_text("[plugins.twocaptcha]\npoll_interval = 0.05\n")
    pages.clear()
    url = pages.url("recaptcha-v2.html")
    run = await run_apply(browser, url, person, captcha_solver="twocaptcha")
    assert run.status == "submitted", (run.error, run.needs_user)
    (post,) = pages.posts("/submit/v2")
    assert post.form["g-recaptcha-response"] == [token]
    assert post.form["email"] == ["ada@example.org"]
    task = twocaptcha.requests[0]["task"]
    assert task["websiteKey"] == "6Lc-v2-checkbox-key" and task["websiteURL"] == url
    assert "isInvisible" not in task


async def test_without_a_solver_the_fleet_hands_it_to_a_person(
    browser: Any, pages: Any, person: Profile
) -> None:
    pages.clear()
    run = await run_apply(browser, pages.url("recaptcha-v2.html"), person)
    assert run.status == "needs_user" and not run.submitted
    assert run.needs_user == ["solve the recaptcha_v2 CAPTCHA, then submit"]
    assert pages.posts("/submit/v2") == []


async def test_a_person_at_the_browser_solves_it_and_the_application_goes_on(
    browser: Any, pages: Any, person: Profile
) -> None:
    pages.clear()
    asked = asyncio.Event()

    def progress(message: str) -> None:
        if "solve the recaptcha_v2 CAPTCHA in the browser" in message:
            asked.set()

    async def solve_like_a_person(page: Any) -> None:
        await asyncio.wait_for(asked.wait(), 15)
        await asyncio.sleep(0.3)
        # What Google's widget does when the person ticks the box and passes the challenge.
        await page.raw.evaluate(
            "document.querySelector('[name=g-recaptcha-response]').value = 'person-token'"
        )

    run = await run_apply(
        browser,
        pages.url("recaptcha-v2.html"),
        person,
        progress=progress,
        during=solve_like_a_person,
        person_in_browser=True,
        captcha_wait_ms=15_000,
    )
    assert run.status == "submitted", (run.error, run.needs_user)
    (post,) = pages.posts("/submit/v2")
    assert post.form["g-recaptcha-response"] == ["person-token"]


async def test_a_person_who_does_not_come_leaves_it_waiting(
    browser: Any, pages: Any, person: Profile
) -> None:
    pages.clear()
    run = await run_apply(
        browser, pages.url("recaptcha-v2.html"), person, person_in_browser=True, captcha_wait_ms=500
    )
    assert run.status == "needs_user" and pages.posts("/submit/v2") == []


async def test_invisible_recaptcha_does_not_stop_submission(
    browser: Any, pages: Any, person: Profile
) -> None:
    pages.clear()
    run = await run_apply(browser, pages.url("recaptcha-invisible.html"), person)
    assert run.status == "submitted", (run.error, run.needs_user)


async def test_turnstile_hcaptcha_and_image_evidence(browser: Any, pages: Any) -> None:
    page = await browser.new_page(offline=True)
    try:
        await page.goto(pages.url("widgets.html"))
        snap = await page.snapshot()
    finally:
        await page.close()
    found = {(c.kind, c.sitekey): c.blocking for c in load().detect_captcha(snap)}
    assert (
        found[("turnstile", "ts-passive")] is False
    )  # interaction-only: Cloudflare shows it only to challenge
    assert found[("turnstile", "ts-managed")] is True
    # The widget's action and customer data travel with the challenge, for a solver to pass on.
    managed = next(c for c in load().detect_captcha(snap) if c.sitekey == "ts-managed")
    assert (managed.action, managed.cdata) == ("apply", "job-4417")
    assert found[("hcaptcha", "hc-solved")] is False  # it holds a token already
    assert found[("image", None)] is True  # the text box says what the image is

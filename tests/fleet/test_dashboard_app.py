"""The dashboard as the applicant's app, in real Chromium: a person signs up, confirms the
address from the e-mail (a real local SMTP server), signs in, creates an applicant with the
profile form (the server's validation shown by the field), uploads a resume, pastes job
URLs, watches them change state live over the WebSocket (authenticated by the session
cookie), answers a parked question in place, reads the evidence, exports the data and
deletes the account. Screenshots of each step are kept in ``test-output/dashboard/``
(gitignored) as the test's artefacts.

Plus the cheap checks: the profile form has the extension options page's fields, and the
page is served with a CSP that its own code satisfies (no inline script or style)."""

from __future__ import annotations

import asyncio
import importlib.util
import io
import re
import socket
import sys
import tempfile
import zipfile
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pyotp
import pytest
from aiohttp.test_utils import TestServer
from argon2 import PasswordHasher
from jobpilot.fleet.accounts import passwords
from jobpilot.fleet.accounts.config import AccountsConfig, SmtpConfig
from jobpilot.fleet.api import create_app
from jobpilot.fleet.billing.config import BillingConfig
from jobpilot.fleet.queue import Queue, QueueConfig
from jobpilot.fleet.store import FleetStore
from jobpilot.fleet.worker import Worker, WorkerConfig

ROOT = Path(__file__).parents[2]
APP = ROOT / "core" / "src" / "jobpilot" / "fleet" / "dashboard"
SHOTS = ROOT / "test-output" / "dashboard"
PASSWORD = "a long enough passphrase"
DEMO_RESUME = ROOT / "core" / "src" / "jobpilot" / "demo" / "profile" / "resume.pdf"
TEXT_RESUME = b"""Ines Varga-Holm
ines.varga@example.net | +1 206 555 0199 | Seattle, WA
linkedin.com/in/ines-vh

Experience
Platform Engineer, Harbor Freightworks    Mar 2019 - Present
- Ran the dispatch service and its on-call rota

Education
Lakeside Institute of Technology, BSc Computer Science    2012 - 2016

Skills
Python, PostgreSQL, Kubernetes
"""


def _load(name: str) -> Any:
    key = f"jobpilot_fleet_tests_{name}"
    if key not in sys.modules:
        spec = importlib.util.spec_from_file_location(key, Path(__file__).parent / f"{name}.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[key] = module
        spec.loader.exec_module(module)
    return sys.modules[key]


smtp_module = _load("smtp")
fake_stripe = _load("stripe_server")


@pytest.fixture(scope="module", autouse=True)
def cheap_argon2() -> None:
    """Real argon2id, with less memory than production's 64 MiB."""
    passwords.set_hasher(PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@pytest.fixture(scope="module")
def smtp() -> Iterator[Any]:
    server = smtp_module.SmtpServer().start()
    yield server
    server.stop()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class App:
    """The fleet's server on a known port (the e-mailed links point at it), SQLite."""

    def __init__(self, tmp: Path, smtp: Any, billing: BillingConfig | None = None) -> None:
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.store = FleetStore(f"sqlite+aiosqlite:///{tmp / 'app.db'}")
        self.queue = Queue(self.store, QueueConfig(site_limit=1000))
        config = AccountsConfig(
            public_url=self.base, smtp=SmtpConfig(host="127.0.0.1", port=smtp.port, tls="none")
        )
        self.server = TestServer(
            create_app(self.store, self.queue, accounts=config, billing=billing, event_poll=0.1),
            host="127.0.0.1",
            port=self.port,
        )


@pytest.fixture
async def app(tmp_path: Path, smtp: Any) -> AsyncIterator[App]:
    a = App(tmp_path, smtp)
    await a.server.start_server()
    try:
        yield a
    finally:
        await a.server.close()


@pytest.fixture
async def billed_app(tmp_path: Path, smtp: Any) -> AsyncIterator[tuple[App, Any]]:
    """The app with billing on, against the local server that speaks Stripe's API."""
    stripe = await fake_stripe.StripeServer().start()
    config = BillingConfig(
        api_key=fake_stripe.API_KEY,
        webhook_secret=fake_stripe.WEBHOOK_SECRET,
        prices=dict(fake_stripe.PRICES),
        api_base=stripe.base,
    )
    a = App(tmp_path, smtp, config)
    stripe.webhook_url = a.base + "/api/billing/webhook"
    await a.server.start_server()
    try:
        yield a, stripe
    finally:
        await a.server.close()
        await stripe.stop()


async def _shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    await page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


async def _mail_link(smtp: Any, address: str, param: str, count: int = 1) -> str:
    msg = await asyncio.to_thread(smtp.inbox.wait_for, address, count)
    return str(smtp_module.link_in(msg, param))


async def _sign_up_and_in(page: Any, app: App, smtp: Any, email: str) -> None:
    await page.goto(app.base + "/")
    await page.click("a[data-view=signup]")
    await page.fill("#signup-form input[name=email]", email)
    await page.fill("#signup-form input[name=password]", "short")
    await page.click("#signup-form button[type=submit]")
    await page.wait_for_selector("#signup-form .error:has-text('too short')")
    await page.fill("#signup-form input[name=password]", PASSWORD)
    await page.click("#signup-form button[type=submit]")
    await page.wait_for_selector(f"#notice:has-text('check {email}')")
    # Not confirmed yet: signing in says so.
    await page.fill("#signin-form input[name=email]", email)
    await page.fill("#signin-form input[name=password]", PASSWORD)
    await page.click("#signin-form button[type=submit]")
    await page.wait_for_selector("#signin-form .error:has-text('confirm your e-mail')")
    await page.goto(app.base + "/?verify=" + await _mail_link(smtp, email, "verify"))
    await page.wait_for_selector("#notice:has-text('confirmed')")
    assert "verify=" not in page.url  # the token does not linger in the address bar
    await page.fill("#signin-form input[name=email]", email)
    await page.fill("#signin-form input[name=password]", PASSWORD)
    await page.click("#signin-form button[type=submit]")
    await page.wait_for_selector("body[data-ready='1']")


def test_profile_form_has_the_extension_options_fields() -> None:
    """The dashboard's profile form and the extension's options page edit the same fields."""
    options = (ROOT / "extension" / "src" / "options" / "options.html").read_text()
    options_ts = (ROOT / "extension" / "src" / "options" / "options.ts").read_text()
    form = (APP / "app" / "profile-form.js").read_text()
    theirs = set(re.findall(r'data-path="([^"]+)"', options))
    ours = set(re.findall(r'\["((?:basics|application)\.[A-Za-z_.]+)"', form))
    assert theirs and theirs == ours, (theirs - ours, ours - theirs)
    assert set(re.findall(r'data-profile="([^"]+)"', options)) == {"LinkedIn", "GitHub"}
    assert 'NETWORKS = ["LinkedIn", "GitHub"]' in form
    # The list entries and the EEO keys are the options page's too.
    for block in ("work", "education", "answers"):
        theirs_fields = re.search(rf"{block}: {{ fields: (\[.*?\]) }}", options_ts)
        ours_fields = re.search(rf"{block}: {{ title: [^,]+, add: [^,]+, fields: (\[.*?\]) }}", form)
        assert theirs_fields and ours_fields, block
        assert theirs_fields.group(1) == ours_fields.group(1), block
    eeo = re.search(r"const EEO[^=]*= (\[.*?\]);", options_ts)
    assert eeo and f"export const EEO = {eeo.group(1)};" in form


async def test_page_is_served_with_a_csp_its_code_satisfies(app: App) -> None:
    import aiohttp

    html = (APP / "index.html").read_text()
    assert "<script>" not in html and " style=" not in html and "<style" not in html
    assert re.search(r"\son[a-z]+=", html) is None  # no inline event handlers
    for js in (APP / "app").glob("*.js"):
        assert " style=" not in js.read_text(), js.name  # inline style attributes break style-src 'self'
    async with aiohttp.ClientSession() as http:
        async with http.get(app.base + "/") as r:
            csp = r.headers["Content-Security-Policy"]
            assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe" not in csp
        for js in (APP / "app").glob("*.js"):
            async with http.get(f"{app.base}/dashboard/app/{js.name}") as r:
                assert r.status == 200 and "javascript" in r.content_type, js.name


async def test_resume_draft_reads_a_file_and_refuses_what_it_cannot_read(app: App, tmp_path: Path) -> None:
    import aiohttp

    token = await app.store.issue_token((await app.store.create_user("draft-user"))["id"])
    headers = {"Authorization": f"Bearer {token}"}

    async def post(name: str, data: bytes) -> tuple[int, Any]:
        form = aiohttp.FormData()
        form.add_field("file", data, filename=name, content_type="application/octet-stream")
        url = app.base + "/api/resume/draft"
        async with aiohttp.ClientSession() as http, http.post(url, data=form, headers=headers) as r:
            return r.status, await r.json()

    status, draft = await post("cv.txt", TEXT_RESUME)
    assert status == 200, draft
    assert draft["resume"]["basics"]["name"] == "Ines Varga-Holm"
    assert any(f["path"] == "basics.email" for f in draft["found"])
    assert "resumes" not in draft["answers"]  # no temporary path leaks into the profile
    for name, data in (
        ("cv.pdf", DEMO_RESUME.read_bytes()),
        ("cv.pdf", b"%PDF-1.7 not really"),
        ("cv.exe", b"MZ"),
        ("cv.docx", b"PK\x03\x04junk"),
    ):
        status, body = await post(name, data)
        assert status == 400 and body["error"], (name, body)
    assert not list(Path(tempfile.gettempdir()).glob("jobpilot-draft-*"))  # nothing kept


async def test_applicant_journey(
    browser_context: Any, app: App, smtp: Any, replica: Any, tmp_path: Path
) -> None:
    page = await browser_context.new_page()
    page.on("dialog", lambda d: asyncio.ensure_future(d.accept()))
    csp_errors: list[str] = []
    page.on(
        "console",
        lambda m: csp_errors.append(m.text) if "Content Security Policy" in m.text else None,
    )
    email = "ines.varga@example.net"
    worker_task: asyncio.Task[None] | None = None
    try:
        await _sign_up_and_in(page, app, smtp, email)
        await page.wait_for_selector("#live.on")  # the stream accepted the session cookie
        await _shot(page, "01-signed-in")

        # An applicant with the profile form; the server's validation is shown by the field.
        await page.click("#nav [data-tab=applicants]")
        await page.click("#new-applicant")
        # Start from a resume: the form is filled with what it says, marked green, not saved.
        await page.set_input_files(
            "#draft-file", files=[{"name": "ines.txt", "mimeType": "text/plain", "buffer": TEXT_RESUME}]
        )
        await page.wait_for_selector("#draft-status:has-text('Check them')")
        assert await page.input_value("[data-path='basics.name']") == "Ines Varga-Holm"
        assert await page.locator("[data-path='basics.email'].found").count() == 1
        assert await page.locator("#list-work .entry").count() >= 1
        await page.fill("#applicant-name", "Ines")
        await page.fill("[data-path='basics.name']", "Ines Varga-Holm")
        await page.fill("[data-path='basics.email']", "not-an-address")
        await page.click("#save-profile")
        await page.wait_for_selector("[data-path='basics.email'].bad-field + .problem")
        await _shot(page, "02-profile-problem")
        await page.fill("[data-path='basics.email']", email)
        await page.fill("[data-path='basics.phone']", "+1 206 555 0199")
        await page.fill("[data-path='basics.location.city']", "Seattle")
        await page.fill("[data-path='basics.location.countryCode']", "US")
        await page.fill("[data-profile=LinkedIn]", "https://www.linkedin.com/in/ines-vh")
        await page.select_option("[data-path='application.work_authorized']", "yes")
        await page.select_option("[data-path='application.requires_sponsorship']", "no")
        await page.select_option("[data-path='application.consent']", "yes")
        await page.fill("[data-path='application.years_experience']", "6")
        await page.click("button[data-add=answers]")
        await page.fill("[data-full='application.answers.0.question']", "Why do you want to work here?")
        await page.fill("[data-full='application.answers.0.answer']", "I like building dependable tools.")
        await page.click("#save-profile")
        await page.wait_for_selector("#profile-saved:has-text('Saved')")
        assert await page.locator(".problem").count() == 0
        # The resume, uploaded as a file.
        await page.set_input_files("#resume-file", str(DEMO_RESUME))
        await page.fill("#resume-name", "cv")
        await page.click("#resume-form button[type=submit]")
        await page.wait_for_selector("#resume-list li:has-text('resume.pdf')")
        await _shot(page, "03-applicant")

        # Paste URLs: one fill-only, then one to submit (it has a CAPTCHA for the person),
        # plus a line that is no URL, refused by itself.
        await page.click("#nav [data-tab=applications]")
        await page.wait_for_selector("#queue-applicant option:has-text('Ines')", state="attached")
        await page.wait_for_selector("#queue-limits:has-text('free plan: 0 of')")
        fill_url = replica.url("app-fill")
        await page.fill("#queue-urls", f"{fill_url}\nnot a url\n{fill_url}")
        await page.click("#queue-form button[type=submit]")
        await page.wait_for_selector("#queue-result[data-done='1'] li.bad:has-text('not a url')")
        assert await page.locator("#queue-result li.ok").count() == 1  # the duplicate line once
        assert await page.input_value("#queue-urls") == "not a url"  # what failed stays to fix
        cap_url = replica.url("app-cap", captcha=1)
        await page.fill("#queue-urls", cap_url)
        await page.check("#queue-form input[name=mode][value=submit]")
        await page.click("#queue-form button[type=submit]")
        await page.wait_for_selector(f"#queue-result[data-done='1'] li.ok[data-url='{cap_url}']")
        # A third, cancelled before any worker takes it (and then offered again).
        await page.check("#queue-form input[name=mode][value=fill]")
        await page.fill("#queue-urls", replica.url("app-cancel"))
        await page.click("#queue-form button[type=submit]")
        await page.wait_for_selector("#queue-result[data-done='1'] li.ok")
        await page.click("tr.app:has-text('app-cancel')")
        await page.click("#cancel-application")
        await page.wait_for_selector("tr.app:has-text('app-cancel')[data-state='cancelled']")
        await page.wait_for_selector("#retry-application")
        await page.wait_for_selector("tr.app[data-state='queued'] >> nth=1")
        await _shot(page, "04-queued")

        worker = Worker(
            app.store,
            app.queue,
            WorkerConfig(
                concurrency=2,
                max_jobs=2,
                allow_hosts=("127.0.0.1",),
                allow_addresses=("127.0.0.1",),  # the replica is on loopback
                poll_interval=0.1,
                handoff_wait=90,
            ),
        )
        worker_task = asyncio.create_task(worker.run())
        # Live: states change on the open page without a reload.
        await page.wait_for_selector("tr.app[data-state='filled']", timeout=60_000)
        cap_row = "tr.app:has-text('captcha=1')"
        await page.wait_for_selector(f"{cap_row}[data-state='needs_user']", timeout=60_000)
        await page.click(cap_row)
        await page.wait_for_selector("#handoff .question:has-text('CAPTCHA')")
        await _shot(page, "05-parked-question")
        await page.fill("#answer", "PASS")
        await page.click("#send-answer")
        await page.wait_for_selector(f"{cap_row}[data-state='submitted']", timeout=60_000)
        await asyncio.wait_for(worker_task, 60)
        assert replica.submissions["app-cap"] == 1
        assert replica.submissions.get("app-fill", 0) == 0  # fill only: nothing was sent
        assert replica.page_views["app-cancel"] == 0  # the cancelled one was never opened

        # The evidence: plan, screenshots, the disclosure log, history.
        await page.click(cap_row)
        await page.wait_for_selector("#detail .history li:has-text('submitted')")
        await page.wait_for_selector("#detail img[alt='final.png'][src^='blob:']", timeout=15_000)
        await page.wait_for_selector("#disclosures tr[data-provider]")
        detail = await page.inner_text("#detail")
        assert "Varga-Holm" in detail and "Thank you for applying" in detail
        # Today's usage against the plan moved with the submission.
        await page.wait_for_selector("#queue-limits:has-text('free plan: 1 of')", timeout=10_000)
        await _shot(page, "06-evidence")

        # The account page: plan and usage, tokens, export.
        await page.click("#nav [data-tab=account]")
        await page.wait_for_selector("#plans tr[data-plan='free']")
        assert "1 of" in await page.inner_text("#usage")
        async with page.expect_download() as got:
            await page.click("#export")
        download = await got.value
        data = Path(await download.path()).read_bytes()
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            blob = b"".join(z.read(n) for n in z.namelist())
            names = z.namelist()
        assert email.encode() in blob and b"Varga-Holm" in blob
        assert any(n.endswith(".pdf") for n in names), names
        await _shot(page, "07-account")

        # Delete: the wrong password changes nothing; the right one ends it all.
        await page.fill("#delete-form input[name=password]", "not my password")
        await page.click("#delete-form button[type=submit]")
        await page.wait_for_selector("#delete-form .error:has-text('confirm the deletion')")
        await page.fill("#delete-form input[name=password]", PASSWORD)
        await page.click("#delete-form button[type=submit]")
        await page.wait_for_selector("#notice:has-text('deleted')")
        await page.wait_for_selector("#view-signin:not([hidden])")
        await _shot(page, "08-deleted")
        await page.fill("#signin-form input[name=email]", email)
        await page.fill("#signin-form input[name=password]", PASSWORD)
        await page.click("#signin-form button[type=submit]")
        await page.wait_for_selector("#signin-form .error:has-text('wrong e-mail or password')")
        assert not csp_errors, csp_errors
    finally:
        if worker_task is not None and not worker_task.done():
            worker_task.cancel()
        await page.close()


async def test_billing_second_factor_and_tokens(
    browser_context: Any, billed_app: tuple[App, Any], smtp: Any
) -> None:
    """Upgrade through Checkout and cancel through the Portal (the official client against
    the local Stripe); TOTP set up from the account page (recovery codes shown once), then
    needed at the next sign-in; an API token created (shown once) and revoked."""
    app, stripe = billed_app
    page = await browser_context.new_page()
    email = "tomas.brink@example.net"
    try:
        await _sign_up_and_in(page, app, smtp, email)
        await page.click("#nav [data-tab=account]")
        await page.wait_for_selector("#billing-portal", state="hidden")  # nothing to manage yet
        await page.click("#plans tr[data-plan='pro'] button[data-upgrade]")
        await page.wait_for_url(stripe.base + "/pay/**")
        await page.click("#pay")
        await page.wait_for_selector("#notice:has-text('upgrade')")
        await page.wait_for_selector("body[data-ready='1']")
        await page.click("#nav [data-tab=account]")
        await page.wait_for_selector("#current-plan:has-text('pro')")
        await page.wait_for_selector("#billing-status:has-text('active')")
        await _shot(page, "09-upgraded")
        await page.click("#billing-portal")
        await page.wait_for_url(stripe.base + "/portal/**")
        await page.click("#cancel")
        await page.wait_for_selector("body[data-ready='1']")
        assert [s["cancel_at_period_end"] for s in stripe.subscriptions.values()] == [True]

        await page.click("#nav [data-tab=account]")
        await page.click("#totp-setup")
        secret = (await page.inner_text("#totp-secret")).strip()
        await page.fill("#totp-enable-form input[name=code]", "000000")
        await page.click("#totp-enable-form button[type=submit]")
        await page.wait_for_selector("#totp-enable-form .error:has-text('does not match')")
        await page.fill("#totp-enable-form input[name=code]", pyotp.TOTP(secret).now())
        await page.click("#totp-enable-form button[type=submit]")
        await page.wait_for_selector("#recovery-codes li >> nth=7")
        codes = [c.strip() for c in await page.locator("#recovery-codes li").all_inner_texts()]
        await _shot(page, "10-recovery-codes")
        await page.click("#totp-done")

        await page.fill("#token-label", "laptop")
        await page.click("#token-form button[type=submit]")
        await page.wait_for_selector("#new-token:not([hidden])")
        token = await page.get_attribute("#new-token", "data-token")
        assert token and token.startswith("jp_")
        await page.wait_for_selector("#tokens tr:has-text('laptop') button[data-revoke]")
        import aiohttp

        async with aiohttp.ClientSession() as http:
            headers = {"Authorization": f"Bearer {token}"}
            async with http.get(app.base + "/api/me", headers=headers) as r:
                assert r.status == 200
            await page.click("#tokens tr:has-text('laptop') button[data-revoke]")
            await page.wait_for_selector("#tokens tr:has-text('laptop')", state="detached")
            async with http.get(app.base + "/api/me", headers=headers) as r:
                assert r.status == 401

        # Signing in again now needs the code; a recovery code works once.
        await page.click("#logout")
        await page.wait_for_selector("#view-signin:not([hidden])")
        await page.fill("#signin-form input[name=email]", email)
        await page.fill("#signin-form input[name=password]", PASSWORD)
        await page.click("#signin-form button[type=submit]")
        await page.wait_for_selector("#view-second-factor:not([hidden])")
        await page.fill("#second-factor-form input[name=code]", "123456")
        await page.click("#second-factor-form button[type=submit]")
        await page.wait_for_selector("#second-factor-form .error:has-text('wrong code')")
        await page.fill("#second-factor-form input[name=code]", codes[0])
        await page.click("#second-factor-form button[type=submit]")
        await page.wait_for_selector("body[data-ready='1']")
        await page.wait_for_selector("#live.on")
        await _shot(page, "11-signed-in-with-second-factor")
        await page.click("#nav [data-tab=account]")
        await page.wait_for_selector("#totp:has-text('Second factor: on')")

        # A forgotten password: the e-mailed link opens the page that sets a new one.
        await page.click("#logout")
        await page.click("a[data-view=forgot]")
        await page.fill("#forgot-form input[name=email]", email)
        await page.click("#forgot-form button[type=submit]")
        await page.wait_for_selector("#notice:has-text('reset link')")
        await page.goto(app.base + "/?reset=" + await _mail_link(smtp, email, "reset", count=2))
        await page.fill("#reset-form input[name=password]", "another long passphrase")
        await page.click("#reset-form button[type=submit]")
        await page.wait_for_selector("#notice:has-text('password is changed')")
        await page.fill("#signin-form input[name=email]", email)
        await page.fill("#signin-form input[name=password]", "another long passphrase")
        await page.click("#signin-form button[type=submit]")
        await page.fill("#second-factor-form input[name=code]", codes[1])
        await page.click("#second-factor-form button[type=submit]")
        await page.wait_for_selector("body[data-ready='1']")
        # And off again, confirmed by the password.
        await page.click("#nav [data-tab=account]")
        await page.fill("#totp-off-form input[name=password]", "another long passphrase")
        await page.click("#totp-off-form button[type=submit]")
        await page.wait_for_selector("#totp:has-text('Second factor: off')")
    finally:
        await page.close()

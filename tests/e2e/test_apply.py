"""The apply engine end to end in real Chromium, asserted on what the server received."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from jobpilot.engine.apply import ApplyEngine, ApplyOptions
from jobpilot.errors import DetectionError
from jobpilot.models.profile import Profile
from jobpilot.plugins import load
from jobpilot.storage import Database
from jobpilot.vocabulary import FieldKey

pytestmark = pytest.mark.browser


async def apply_to(
    browser: Any, url: str, profile: Profile, *, db: Database | None = None, **options: Any
) -> Any:
    page = await browser.new_page(offline=True)
    try:
        await page.goto(url)
        engine = ApplyEngine(load(), profile, db=db, options=ApplyOptions(**options))
        return await engine.run(page)
    finally:
        await page.close()


async def test_fill_only_never_submits(browser: Any, demo_server: Any, profile: Profile) -> None:
    demo_server.clear()
    run = await apply_to(browser, demo_server.url("northwind-careers.html"), profile)
    assert run.status == "filled" and not run.submitted
    assert demo_server.posts() == []
    assert all(r.ok for r in run.results), [r for r in run.results if not r.ok]
    assert {s.label for s in run.plan.skipped} == {"Describe the worst on-call incident you handled."}


async def test_submit_sends_exactly_the_profile(
    browser: Any, demo_server: Any, profile: Profile, db: Database, tmp_path: Path
) -> None:
    demo_server.clear()
    url = demo_server.url("northwind-careers.html")
    run = await apply_to(
        browser, url, profile, db=db, submit=True, profile_name="mara", evidence_dir=tmp_path / "evidence"
    )
    assert run.status == "submitted", (run.error, run.needs_user)
    (post,) = demo_server.posts("/submit/northwind")
    got = {k: v[0] if len(v) == 1 else v for k, v in post.form.items()}
    assert got["first_name"] == "Mara" and got["last_name"] == "Okafor-Lindqvist"
    assert got["email"] == "mara.ol@example.org"
    assert got["phone"] == "+1 415 555 0142"
    assert got["linkedin"] == "https://www.linkedin.com/in/maraol"
    assert got["github"] == "https://github.com/maraol"
    assert got["authorized"] == "yes" and got["sponsorship"] == "no"
    assert got["salary"] == "150000"
    assert got["why_us"].startswith("I build reliable data systems")
    assert got["source"] == "LinkedIn"
    assert got["eeo_gender"] == "Female"
    assert got["eeo_veteran"] == "I am not a protected veteran"
    assert got["privacy"] == "1"
    assert got["oncall"] == ""  # no saved answer: left for the person, not invented
    assert got["website_url"] == ""  # the honeypot stays empty
    (resume,) = post.files["resume"]
    pdf = Path(profile.resume_path() or "")
    assert resume.filename == "resume.pdf" and resume.data == pdf.read_bytes()
    # Evidence on disk and the ledger in the database.
    shots = [Path(s) for s in run.evidence.screenshots]
    assert [s.name for s in shots] == ["filled.png", "final.png"] and all(s.stat().st_size for s in shots)
    stored = await db.get_run(run.id)
    assert stored is not None and stored.status == "submitted" and stored.plan is not None

    # The same application is never submitted twice.
    again = await apply_to(browser, url, profile, db=db, submit=True, profile_name="mara")
    assert not again.submitted and "already submitted" in (again.error or "")
    assert len(demo_server.posts("/submit/northwind")) == 1


async def test_resume_parser_prefill_is_reconciled(browser: Any, e2e_server: Any, profile: Profile) -> None:
    e2e_server.clear()
    run = await apply_to(browser, e2e_server.url("parser-prefill.html"), profile, submit=True)
    assert run.status == "submitted", run.error
    form = e2e_server.posts("/submit/parser")[0].form
    # The parser's wrong text, select, reset radio group and unticked box were all fixed ...
    assert form["name"] == ["Mara Okafor-Lindqvist"]
    assert form["country"] == ["US"]
    assert form["authorized"] == ["yes"]
    assert form["privacy"] == ["accepted"]
    # ... and what it got right was left alone.
    assert form["email"] == ["mara.ol@example.org"]
    assert form["org"] == ["Tidewater Analytics"]
    assert any("re-applied" in a.source for a in run.plan.actions) is False  # plan is the original
    by_ref = {a.ref: a.key for a in run.plan.actions}
    applied = [by_ref.get(r.ref) for r in run.results if r.ref]
    redone = {k for k in applied if applied.count(k) > 1}
    fixed = {FieldKey.FULL_NAME, FieldKey.ADDRESS_COUNTRY, FieldKey.WORK_AUTHORIZED, FieldKey.CONSENT}
    assert redone == fixed


async def test_blocking_captcha_goes_to_the_person(browser: Any, e2e_server: Any, profile: Profile) -> None:
    e2e_server.clear()
    run = await apply_to(browser, e2e_server.url("captcha-form.html"), profile, submit=True)
    assert run.status == "needs_user"
    assert any("hcaptcha" in n for n in run.needs_user)
    assert e2e_server.posts() == []


async def test_page_without_a_form_is_refused_and_nothing_recorded(
    browser: Any, e2e_server: Any, profile: Profile, db: Database
) -> None:
    with pytest.raises(DetectionError, match="no form fields"):
        await apply_to(browser, e2e_server.url("no-form.html"), profile, db=db, submit=True)
    assert await db.list_runs() == []

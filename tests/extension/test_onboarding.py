"""A new user, end to end, in real Chromium with the real extension and host: ``jobpilot
setup`` from a clean home, the extension loaded from where setup put it, a profile made in
the options page from a resume PDF, then a fill where the person types an answer the
profile lacked and saves it from the popup, and the next fill using it.

Screenshots of each step are kept per run in ``test-output/onboarding/<run>/``; the README
shows the ``doc-*.png`` ones (copied to ``docs/img/``)."""

from __future__ import annotations

import asyncio
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from .conftest import ROOT, artefacts, launch

pytestmark = pytest.mark.browser

SHOTS = artefacts("onboarding")
RESUME_HTML = ROOT / "tests/resume/resume-jonah.html"
EXE = str(Path(sys.executable).parent / "jobpilot")
QUESTION = "Describe the worst on-call incident you handled."


def clean_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JOBPILOT_", "XDG_"))}
    return {**env, "HOME": str(home)}


def cli(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    out = subprocess.run([EXE, *args], env=clean_env(home), capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    return out


async def shot(page: Any, name: str, *, doc: dict[str, int] | None = None) -> None:
    """A full-page artefact; with ``doc``, also that region as ``doc-NAME.png`` (the README's)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    await page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    if doc is not None:
        await page.screenshot(path=str(SHOTS / f"doc-{name}.png"), clip=doc)


async def test_new_user_from_setup_to_a_learned_answer(
    extension_dir: Path, playwright_driver: Any, pages: Any, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    udd = tmp_path / "chromium-profile"
    # 1. one command installs everything
    out = cli(home, "setup", "--user-data-dir", str(udd))
    unpacked = home / ".local/share/jobpilot/extension/chromium"
    assert str(unpacked) in out.stdout and "Load unpacked" in out.stdout
    (SHOTS).mkdir(parents=True, exist_ok=True)
    (SHOTS / "01-setup.txt").write_text(out.stdout)
    # 2. the browser loads the extension from where setup put it, and reaches the host
    # The host gets the environment the person's own commands get (not this test session's keys).
    ctx, sw = await launch(udd, unpacked, playwright_driver, env=clean_env(home))
    try:
        ext_id = sw.url.split("/")[2]
        state = await sw.evaluate("() => jobpilot.host.status")
        for _ in range(400):
            if state["state"] == "connected":
                break
            await asyncio.sleep(0.05)
            state = await sw.evaluate("() => jobpilot.host.status")
        assert state["state"] == "connected", state
        # 3. onboarding: the options page, started from the resume
        printer = await ctx.new_page()
        await printer.set_content(RESUME_HTML.read_text("utf-8"))
        pdf = tmp_path / "Jonah Whitcombe resume.pdf"
        await printer.pdf(path=str(pdf), format="A4")
        await printer.close()
        options = await ctx.new_page()
        await options.set_viewport_size({"width": 900, "height": 900})
        await options.goto(f"chrome-extension://{ext_id}/options.html")
        await options.wait_for_selector("body[data-loaded]", state="attached", timeout=30_000)
        await shot(options, "02-options-empty")
        await options.set_input_files("#resume-file", str(pdf))
        await options.wait_for_selector("body[data-draft]", state="attached", timeout=60_000)
        assert await options.input_value("[data-path='basics.name']") == "Jonah Whitcombe"
        assert await options.input_value("[data-path='basics.email']") == "jonah.whitcombe@example.net"
        assert await options.input_value("#work .entry [data-field=name]") == "Fernhollow Analytics"
        assert await options.input_value("#work .entry [data-field=startDate]") == "2021-03"
        assert await options.input_value("#education .entry [data-field=studyType]") == "B.S."
        assert "found" in (await options.get_attribute("[data-path='basics.email']", "class") or "")
        await shot(options, "03-options-draft-from-resume", doc={"x": 0, "y": 0, "width": 900, "height": 560})
        shown_work = await options.evaluate("() => document.querySelectorAll('#work .entry').length")
        assert shown_work == 2
        # a mistake is refused the way `profile import` refuses it, next to the field
        await options.fill("[data-path='basics.email']", "not-an-email")
        await options.click("#save")
        await options.wait_for_selector("body[data-saved='0']", state="attached")
        problems = await options.inner_text("#problems")
        assert "basics.email" in problems and "email" in problems.lower()
        assert "bad" in (await options.get_attribute("[data-path='basics.email']", "class") or "")
        await shot(options, "04-options-problem")
        # the person completes what a resume does not say, and saves
        await options.fill("[data-path='basics.email']", "jonah.whitcombe@example.net")
        await options.select_option("[data-path='application.work_authorized']", "yes")
        await options.select_option("[data-path='application.requires_sponsorship']", "no")
        await options.select_option("[data-path='application.consent']", "yes")
        await options.check("#eeo-gender-decline")
        await options.click("#save")
        await options.wait_for_selector("body[data-saved='1']", state="attached", timeout=30_000)
        assert "Saved" in await options.inner_text("#saved")
        await shot(options, "05-options-saved")
        shown = json.loads(cli(home, "profile", "show", "default").stdout)
        assert shown["basics"]["name"] == "Jonah Whitcombe"
        assert shown["work"][0]["startDate"] == "2021-03" and shown["education"][0]["studyType"] == "B.S."
        # kept, though the form does not show it
        assert shown["work"][0]["highlights"][1] == "Cut warehouse costs by 40%"
        assert shown["application"]["work_authorized"] is True and shown["application"]["consent"] is True
        resume_file = Path(shown["application"]["resumes"][0]["path"])
        assert resume_file.read_bytes() == pdf.read_bytes()  # kept for uploads
        # 4. a fill: the question the profile has no answer for is left; the person types one
        url = pages.url("northwind-careers.html")
        page = await ctx.new_page()
        await page.goto(url)
        tab = await sw.evaluate(
            "async (u) => (await chrome.tabs.query({})).find((t) => (t.url || '').startsWith(u)).id", url
        )
        popup = await ctx.new_page()
        await popup.set_viewport_size({"width": 420, "height": 760})
        await popup.goto(f"chrome-extension://{ext_id}/popup.html?tab={tab}")
        await popup.wait_for_selector("#plan[data-ready]", state="attached", timeout=60_000)
        await popup.click("#autofill")
        await popup.wait_for_selector("#result:not([hidden])", state="attached", timeout=60_000)
        assert await page.input_value("#fname") == "Jonah"
        assert await page.input_value("[name=oncall]") == ""
        # the marks: on the control that was set, never over a label, no internal names
        marks = await sw.evaluate(
            """async (tab) => (await chrome.scripting.executeScript({target: {tabId: tab},
                func: () => globalThis.__jobpilotAgent.highlights()}))[0].result""",
            tab,
        )
        assert marks and not [m for m in marks if m["coversLabel"]], marks
        for m in marks:
            assert not re.search(r"\b(basics|application|work|education)[.\[]|\be\d+\b", m["text"]), m
        radios = [m for m in marks if m["marked"]["checked"] is not None and m["status"] == "filled"]
        assert radios and all(m["marked"]["checked"] for m in radios), radios
        assert any(m["marked"]["text"] == "Yes" for m in radios), radios
        await page.evaluate("window.scrollTo(0, 0)")
        await shot(page, "06-page-filled")
        # for the README: a window's worth of marks around the question left for the person
        await page.set_viewport_size({"width": 1100, "height": 560})
        await page.evaluate("document.querySelector('[name=oncall]').scrollIntoView({block: 'center'})")
        # the marks follow the scroll on the next frame
        await page.evaluate("new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))")
        await page.screenshot(path=str(SHOTS / "doc-06-page-marks.png"))
        answer = "A failed certificate rotation took down ingestion; I rolled back and automated renewals."
        await page.fill("[name=oncall]", answer)
        await popup.bring_to_front()
        await popup.click("#learn-check")
        row = popup.locator("#learn .learn-row", has_text=QUESTION)
        await row.wait_for(timeout=30_000)
        assert answer in await row.inner_text()  # the whole answer, readable
        await shot(popup, "07-popup-offers-to-save", doc={"x": 0, "y": 0, "width": 420, "height": 560})
        await row.locator("button").click()
        await row.locator(".saved").wait_for(timeout=30_000)
        saved = json.loads(cli(home, "profile", "show", "default").stdout)["application"]["answers"]
        assert {"question": QUESTION, "answer": answer} in saved
        # 5. the next fill uses it
        await page.reload()
        await popup.reload()
        await popup.wait_for_selector("#plan[data-ready]", state="attached", timeout=60_000)
        await popup.click("#autofill")
        await popup.wait_for_selector("#result:not([hidden])", state="attached", timeout=60_000)
        assert await page.input_value("[name=oncall]") == answer
        await shot(page, "08-next-fill-uses-it")
    finally:
        await ctx.close()

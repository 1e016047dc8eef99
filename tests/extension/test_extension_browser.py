"""The extension and the host in real Chromium, driven the way a user drives them: open the
application, open the popup, click Auto-fill, submit; assert what the server received."""

from __future__ import annotations

import asyncio
import os
import re
import signal
from pathlib import Path
from typing import Any

import pytest
from jobpilot_host import EXTENSION_ID

from .conftest import Ext, artefacts, form_values, host_pid, jobpilot, launch

pytestmark = pytest.mark.browser

POPUP_DONE = "#result:not([hidden]), #error:not([hidden])"


async def popup_for(ext: Ext, url: str) -> tuple[Any, Any, int]:
    """The page opened in a tab and the popup for that tab, its plan on screen."""
    page = await ext.open(url)
    tab = await ext.tab_id(url)
    popup = await ext.popup(tab)
    await popup.wait_for_selector("#plan[data-ready]", timeout=60_000, state="attached")
    return page, popup, tab


def filled_today(today: str) -> int:
    """The popup's "N submitted, M filled (cap C)" line: M. Other tests share the browser and
    the host's database, so a test compares this before and after its own fill."""
    found = re.search(r"(\d+) filled", today)
    assert found, today
    return int(found.group(1))


async def autofill_from_popup(ext: Ext, url: str, *, button: str = "#autofill") -> tuple[Any, Any, int]:
    page, popup, tab = await popup_for(ext, url)
    await popup.bring_to_front()
    await popup.click(button)
    await popup.wait_for_selector(POPUP_DONE, timeout=60_000, state="attached")
    return page, popup, tab


MARKS = """async (tab) => (await chrome.scripting.executeScript({
    target: {tabId: tab},
    func: () => globalThis.__jobpilotAgent.highlights().map((m) => {
      const el = globalThis.__jobpilot.element(m.ref);
      return {...m, name: el ? el.getAttribute("name") : null};
    })}))[0].result"""
"""The on-page marks read in the content script's world (the badges are in a closed shadow
root the page cannot see), with the ``name`` of each marked element."""

SUMMARY = """async (tab) => (await chrome.scripting.executeScript({
    target: {tabId: tab}, func: () => globalThis.__jobpilotAgent.summary()}))[0].result"""
"""The page's summary box as the person reads it (content script's world)."""
APPLYING = """async (tab) => (await chrome.scripting.executeScript({
    target: {tabId: tab}, func: () => globalThis.__jobpilotAgent.applying}))[0].result"""
"""How many fill batches the page's content script is typing now."""


def runs_json(ext: Ext) -> list[dict[str, Any]]:
    """``jobpilot runs --json`` for the extension's JobPilot home, newest first."""
    import json

    return list(json.loads(jobpilot(ext.home, "runs", "--json").stdout))


BUTTON_LOG = """
window.buttonLog = [];
const record = (why) => {
  const a = document.getElementById("autofill"), r = document.getElementById("review");
  const plan = document.getElementById("plan");
  if (!a || !r || !plan) return;
  buttonLog.push({why, autofill: a.disabled, review: r.disabled, ready: "ready" in plan.dataset,
                  rows: plan.querySelectorAll("tr").length});
};
document.addEventListener("DOMContentLoaded", () => {
  record("loaded");
  new MutationObserver(() => record("changed")).observe(document.documentElement,
    {subtree: true, childList: true, attributes: true, characterData: true});
});
"""
"""Records the fill buttons' state at load and after every change of the popup's DOM."""


async def error_of(popup: Any) -> str | None:
    el = popup.locator("#error")
    return None if await el.is_hidden() else await el.get_attribute("data-code")


async def test_extension_id_is_fixed_by_the_manifest_key(ext: Ext) -> None:
    assert ext.id == EXTENSION_ID
    state = await ext.wait_host()
    assert state["state"] == "connected" and state["host_version"] == "0.1.0"


async def test_popup_shows_status_and_plan_before_anything_is_typed(ext: Ext, pages: Any) -> None:
    url = pages.url("northwind-careers.html")
    page = await ext.open(url)
    popup = await ext.ctx.new_page()
    await popup.add_init_script(BUTTON_LOG)
    await popup.goto(f"chrome-extension://{ext.id}/popup.html?tab={await ext.tab_id(url)}")
    await popup.wait_for_selector("#plan[data-ready]", timeout=60_000, state="attached")
    # Auto-fill and Fill & review could not be clicked before the plan was on screen.
    log = await popup.evaluate("buttonLog")
    assert log[0]["why"] == "loaded" and log[0]["autofill"] and log[0]["review"]
    assert all(e["autofill"] and e["review"] for e in log if not e["ready"]), log
    assert await popup.is_enabled("#autofill") and await popup.is_enabled("#review")
    assert await popup.inner_text("#company") == "Northwind Logistics"
    assert await popup.inner_text("#position") == "Platform Engineer"
    assert "fields" in await popup.inner_text("#status")
    assert "0 submitted" in await popup.inner_text("#today")
    assert await popup.locator("#resume option").all_inner_texts() == ["profile default", "main (default)"]
    rows = await popup.locator("#plan tr").all_inner_texts()
    first = next(r for r in rows if r.startswith("First name"))
    assert "Mara" in first and "89%" in first  # the generic mapper's calibrated ceiling
    why = next(r for r in rows if r.startswith("Why do you want"))
    assert "89%" in why and "I build reliable data systems" in why  # the saved answer
    assert await popup.locator("#plan tr.review").count() == 0  # nothing here is unsure
    salary = next(r for r in rows if r.startswith("What are your salary"))
    assert "(sensitive)" in salary and "150000" not in salary  # sensitive values are not shown
    assert any("left for you" in r for r in rows)
    # The plan typed nothing.
    assert await page.input_value("#fname") == "" and await page.input_value("#mail") == ""
    await popup.close()
    await page.close()


async def test_autofill_then_submit_sends_the_profile(ext: Ext, pages: Any) -> None:
    pages.clear()
    page, popup, tab = await popup_for(ext, pages.url("northwind-careers.html"))
    before = filled_today(await popup.inner_text("#today"))
    await popup.bring_to_front()
    await popup.click("#autofill")
    await popup.wait_for_selector(POPUP_DONE, timeout=60_000, state="attached")
    assert await error_of(popup) is None
    result = await popup.inner_text("#result")
    assert result.startswith("filled:") and "17 filled, 0 to check, 1 left for you" in result
    # One definition of the counts: the page's summary and `jobpilot runs` say the same.
    assert await ext.sw.evaluate(SUMMARY, tab) == "JobPilot: 17 filled (0 to check), 1 left for you"
    (run, *_) = runs_json(ext)
    assert run["url"].endswith("northwind-careers.html") and run["status"] == "filled"
    assert run["counts"] == {"filled": 17, "review": 0, "left": 1, "failed": 0, "not_reached": 0}
    # The marks never take the person's clicks: what is under the Submit button is the button.
    assert await page.evaluate(
        """() => { const b = [...document.querySelectorAll('button')]
                     .find((x) => /Submit/.test(x.textContent));
                   b.scrollIntoView(); const r = b.getBoundingClientRect();
                   return document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) === b; }"""
    )
    # Marks on the page: filled fields green, the unanswered question red.
    assert "rgb(30, 142, 62)" in await page.evaluate(
        "getComputedStyle(document.getElementById('fname')).outlineColor"
    )
    assert "rgb(217, 48, 37)" in await page.evaluate(
        "getComputedStyle(document.querySelector('[name=oncall]')).outlineColor"
    )
    assert await page.locator("jobpilot-highlights").count() == 1
    # The badges say why: the question left for the person carries the plan's reason.
    marks = {m["name"]: m for m in await ext.sw.evaluate(MARKS, tab)}
    assert marks["oncall"]["status"] == "left" and marks["oncall"]["shown"]
    # on call is about working hours: the question policy keeps it for the profile or the person
    assert marks["oncall"]["text"].startswith("for you: facts policy (schedule)"), marks["oncall"]
    assert marks["first_name"]["text"] == "filled" and "rgb(30, 142, 62)" in marks["first_name"]["outline"]
    # Removable from the popup.
    await popup.bring_to_front()
    await popup.click("#clear")
    await page.wait_for_function("!document.querySelector('jobpilot-highlights')")
    assert await page.evaluate("document.getElementById('fname').style.outline") == ""
    # The user reviews and submits.
    await page.bring_to_front()
    await page.click("text=Submit application")
    post = await pages.next_post("/submit/northwind", timeout=10)
    got = form_values(post)
    assert got["first_name"] == "Mara" and got["last_name"] == "Okafor-Lindqvist"
    assert got["email"] == "mara.ol@example.org" and got["phone"] == "+1 415 555 0142"
    assert got["linkedin"] == "https://www.linkedin.com/in/maraol"
    assert got["authorized"] == "yes" and got["sponsorship"] == "no"
    assert got["salary"] == "150000" and got["source"] == "LinkedIn"
    assert got["eeo_gender"] == "Female" and got["privacy"] == "1"
    assert got["why_us"].startswith("I build reliable data systems")
    assert got["oncall"] == "" and got["website_url"] == ""
    (resume,) = post.files["resume"]
    demo_pdf = Path(__file__).resolve().parents[2] / "core/src/jobpilot/demo/profile/resume.pdf"
    assert resume.filename == "resume.pdf" and resume.data == demo_pdf.read_bytes()
    # Evidence was recorded as for a headless run; today's count moved.
    runs = sorted((ext.home / "evidence").iterdir(), key=lambda p: p.stat().st_mtime)
    assert (runs[-1] / "filled.png").stat().st_size > 1000 and (runs[-1] / "plan.json").exists()
    await popup.reload()
    await popup.wait_for_selector("#plan[data-ready]", timeout=60_000, state="attached")
    assert filled_today(await popup.inner_text("#today")) == before + 1
    await popup.close()
    await page.close()


async def test_fill_and_review_leaves_flagged_values_to_the_person(ext: Ext, pages: Any) -> None:
    """lakeside-apply.html holds a box the generic mapper is genuinely unsure of: no label,
    only a placeholder ("Your city"), an evidence class it has no measured record for, so
    it stays in the review band (0.78). Auto-fill would type it and flag it; Fill & review
    leaves it to the person with the proposed value."""
    url = pages.url("lakeside-apply.html")
    page = await ext.open(url)
    popup = await ext.popup(await ext.tab_id(url))
    await popup.wait_for_selector("#plan[data-ready]", timeout=60_000, state="attached")
    city = popup.locator("#plan tr.review")
    assert await city.count() == 1
    assert "San Francisco" in await city.inner_text() and "78%" in await city.inner_text()
    await page.close()
    await popup.close()
    page, popup, tab = await autofill_from_popup(ext, url, button="#review")
    assert await error_of(popup) is None
    assert "9 filled, 0 to check, 2 left for you" in await popup.inner_text("#result")
    marks = {m["name"]: m for m in await ext.sw.evaluate(MARKS, tab)}
    town = marks["f_town"]
    assert town["status"] == "left" and "rgb(217, 48, 37)" in town["outline"]
    # the proposal, whole and readable, with how sure and where from, in words
    assert town["text"].startswith("for you: check this proposal (78% sure, from "), town
    assert town["proposal"] == "San Francisco" and town["accept_at"] is not None
    assert await page.input_value("#town") == ""  # 0.78 < 0.85: proposed, not typed
    assert await page.input_value("#given") == "Mara"
    why = "I build reliable data systems and your platform team does exactly that."
    assert await page.input_value("#why") == why
    assert await ext.sw.evaluate(SUMMARY, tab) == "JobPilot: 9 filled (0 to check), 2 left for you"
    await page.bring_to_front()
    await page.set_viewport_size({"width": 1100, "height": 480})
    await page.evaluate("document.getElementById('town').scrollIntoView({block: 'center'})")
    await page.evaluate("new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))")
    await page.screenshot(path=str(artefacts("extension") / "doc-fill-and-review.png"))
    town = {m["name"]: m for m in await ext.sw.evaluate(MARKS, tab)}["f_town"]  # where it is now
    # One click on Accept (a real mouse click on the page) types it; the run records it and
    # every view shows the new counts.
    await page.bring_to_front()
    await page.mouse.click(town["accept_at"]["x"], town["accept_at"]["y"])
    await page.wait_for_function("document.getElementById('town').value === 'San Francisco'", timeout=10_000)
    for _ in range(100):
        if await ext.sw.evaluate(SUMMARY, tab) == "JobPilot: 10 filled (0 to check), 1 left for you":
            break
        await asyncio.sleep(0.1)
    assert await ext.sw.evaluate(SUMMARY, tab) == "JobPilot: 10 filled (0 to check), 1 left for you"
    marks = {m["name"]: m for m in await ext.sw.evaluate(MARKS, tab)}
    assert marks["f_town"]["status"] == "filled" and marks["f_town"]["proposal"] is None
    (run, *_) = runs_json(ext)
    assert run["url"] == url and run["counts"]["filled"] == 10 and run["counts"]["left"] == 1
    await popup.close()
    await page.close()


async def test_big_resume_is_chunked_and_arrives_intact(ext: Ext, pages: Any) -> None:
    """A 1.5 MB resume is over Chrome's 1 MiB host->browser limit: it travels in chunks and
    is uploaded through the DOM layer's DataTransfer path. The profile is chosen on the
    options page, as a user would."""
    options = await ext.ctx.new_page()
    await options.goto(f"chrome-extension://{ext.id}/options.html")
    await options.wait_for_selector("#profile option[value=big]", state="attached")
    await options.select_option("#profile", "big")
    await options.wait_for_selector("#saved:not([hidden])", state="attached")
    try:
        pages.clear()
        page, popup, _ = await autofill_from_popup(ext, pages.url("northwind-careers.html"))
        assert await error_of(popup) is None, await popup.inner_text("#error")
        await page.bring_to_front()
        await page.click("text=Submit application")
        post = await pages.next_post("/submit/northwind", timeout=10)
        (resume,) = post.files["resume"]
        big = (ext.home / "big-profile" / "resume.pdf").read_bytes()
        assert len(big) > 1_048_576 and resume.data == big
        await popup.close()
        await page.close()
    finally:
        await options.select_option("#profile", "default")
        await options.close()


async def test_host_killed_mid_fill_is_reported_and_the_next_action_recovers(ext: Ext, pages: Any) -> None:
    await ext.wait_host()
    url = pages.url("slow-form.html")
    page = await ext.open(url)
    popup = await ext.popup(await ext.tab_id(url))
    await popup.wait_for_selector("#plan[data-ready]", timeout=60_000, state="attached")
    pid = host_pid(ext.home)
    assert pid is not None
    await popup.bring_to_front()
    await popup.click("#autofill")
    await page.wait_for_function("document.getElementById('first').value !== ''", timeout=10_000)
    # progress while filling: which field, how many left (the popup, from the page)
    await popup.wait_for_selector("#progress:not([hidden])", timeout=10_000, state="attached")
    assert " of 8 typed, " in await popup.inner_text("#progress")
    tab = await ext.tab_id(url)
    marks = await ext.sw.evaluate(MARKS, tab)
    assert any(m["status"] == "pending" for m in marks), marks
    os.kill(pid, signal.SIGKILL)
    await popup.wait_for_selector(POPUP_DONE, timeout=10_000, state="attached")
    assert await error_of(popup) == "host_exited"
    assert "Native host has exited" in await popup.inner_text("#error")
    # The page keeps its marks; what was not reached says so; the summary names the real log.
    log = str(ext.home / "host" / "host.log")
    for _ in range(50):
        summary = await ext.sw.evaluate(SUMMARY, tab)
        if summary and summary.startswith("JobPilot stopped"):
            break
        await asyncio.sleep(0.1)
    assert summary is not None and log in summary, summary
    assert summary.startswith("JobPilot stopped before the end: "), summary
    # a field being typed when the host died may still land (and is recorded): wait until the
    # page types nothing more, then count
    for _ in range(300):
        if not await ext.sw.evaluate(APPLYING, tab):
            break
        await asyncio.sleep(0.1)
    marks = await ext.sw.evaluate(MARKS, tab)
    by_name = {m["name"]: m for m in marks}
    assert by_name["first_name"]["status"] == "filled"
    assert by_name["company"]["status"] == "left" and "not reached" in by_name["company"]["text"]
    assert not any(m["status"] == "pending" for m in marks)
    typed = sum(1 for m in marks if m["status"] == "filled")
    # The next action starts a new host and completes.
    pages.clear()
    await page.evaluate("document.querySelectorAll('input').forEach((i) => { i.value = ''; })")
    await popup.bring_to_front()
    await popup.click("#autofill")
    await popup.wait_for_selector("#result:not([hidden])", timeout=60_000, state="attached")
    assert host_pid(ext.home) not in (None, pid)
    # The interrupted run was recorded (stored before anything was typed; the next host got
    # what landed on the page): failed, naming the log, exactly what was typed.
    dead = next(r for r in runs_json(ext) if r["url"] == url and r["status"] == "failed")
    assert "interrupted" in dead["error"] and log in dead["error"]
    assert dead["counts"]["filled"] == typed and dead["counts"]["not_reached"] == 8 - typed
    await page.bring_to_front()
    await page.click("text=Submit application")
    got = form_values(await pages.next_post("/submit/slow", timeout=10))
    assert got["first_name"] == "Mara" and got["email"] == "mara.ol@example.org"
    assert got["github"] == "https://github.com/maraol" and got["company"] == "Tidewater Analytics"
    await popup.close()
    await page.close()


async def test_tab_closed_mid_fill(ext: Ext, pages: Any) -> None:
    await ext.wait_host()
    url = pages.url("slow-form.html") + "?closing"
    page = await ext.open(url)
    popup = await ext.popup(await ext.tab_id(url))
    await popup.wait_for_selector("#plan[data-ready]", timeout=60_000, state="attached")
    pid = host_pid(ext.home)
    await popup.bring_to_front()
    await popup.click("#autofill")
    await page.wait_for_function("document.getElementById('first').value !== ''", timeout=10_000)
    await page.close()
    await popup.wait_for_selector(POPUP_DONE, timeout=20_000, state="attached")
    assert await error_of(popup) == "tab_gone"
    # The host survived and still serves.
    assert host_pid(ext.home) == pid
    pong = await popup.evaluate(
        "chrome.runtime.sendMessage({jobpilot: 'ui', cmd: 'ui.ping_host', args: {data: 'still here'}})"
    )
    assert pong == {"ok": True, "data": {"pong": True, "data": "still here"}}
    await popup.close()


async def test_unknown_commands_are_answered_with_errors(ext: Ext, pages: Any) -> None:
    popup = await ext.ctx.new_page()
    await popup.goto(f"chrome-extension://{ext.id}/popup.html?tab=999999")
    reply = await popup.evaluate(
        "chrome.runtime.sendMessage({jobpilot: 'ui', cmd: 'ui.format_disk', args: {}})"
    )
    assert reply["ok"] is False and reply["code"] == "unknown_action"
    # A closed/unknown tab is a clear error, not a hang.
    await popup.wait_for_selector("#error:not([hidden])", timeout=20_000, state="attached")
    assert await error_of(popup) == "tab_gone"
    await popup.close()


async def test_host_missing_is_shown_and_installing_it_recovers(
    extension_dir: Path, jp_home: Path, playwright_driver: Any, tmp_path: Path, pages: Any
) -> None:
    udd = tmp_path / "no-host"
    ctx, sw = await launch(udd, extension_dir, playwright_driver)
    try:
        e = Ext(ctx=ctx, sw=sw, id=sw.url.split("/")[2], home=jp_home, user_data_dir=udd)
        state = await e.wait_host("missing", timeout=10)
        assert state["state"] == "missing" and "jobpilot host install" in (state["hint"] or "")
        url = pages.url("northwind-careers.html")
        page = await e.open(url)
        popup = await e.popup(await e.tab_id(url))
        await popup.wait_for_selector("#error:not([hidden])", timeout=10_000, state="attached")
        assert await error_of(popup) == "host_missing"
        assert await popup.inner_text("#host-state") == "host missing"
        assert "jobpilot host install" in await popup.inner_text("#host-hint")
        # No plan, so nothing can be filled.
        assert await popup.is_disabled("#autofill") and await popup.is_disabled("#review")
        # The user installs the host and reads the page again: the plan shows, without
        # restarting anything, and then Auto-fill works.
        jobpilot(jp_home, "host", "install", "--user-data-dir", str(udd))
        await popup.bring_to_front()
        await popup.click("#reload")
        await popup.wait_for_selector("#plan[data-ready]", timeout=90_000, state="attached")
        assert await error_of(popup) is None
        assert await popup.is_enabled("#autofill")
        await popup.click("#autofill")
        await popup.wait_for_selector("#result:not([hidden])", timeout=90_000, state="attached")
        assert await page.input_value("#fname") == "Mara"
        assert (await e.wait_host())["state"] == "connected"
    finally:
        await ctx.close()
        await asyncio.sleep(0)


async def test_content_script_guards_double_injection_and_destroys_cleanly(ext: Ext, pages: Any) -> None:
    url = pages.url("northwind-careers.html") + "?inject"
    page = await ext.open(url)
    tab = await ext.tab_id(url)
    run_in_tab = """async ([tab, op]) => (await chrome.scripting.executeScript({
        target: {tabId: tab}, args: [op],
        func: (op) => {
          const a = globalThis.__jobpilotAgent;
          if (op === "mark") { a.marker = "first"; return true; }
          if (op === "marker") return a ? a.marker : null;
          if (op === "destroy") { a.destroy(); return globalThis.__jobpilotAgent === undefined; }
          return !!a;
        }}))[0].result"""
    inject = """async (tab) => { await chrome.scripting.executeScript({target: {tabId: tab},
        files: chrome.runtime.getManifest().content_scripts[0].js}); }"""
    await ext.sw.evaluate(run_in_tab, [tab, "mark"])
    await ext.sw.evaluate(inject, tab)
    await ext.sw.evaluate(inject, tab)
    assert await ext.sw.evaluate(run_in_tab, [tab, "marker"]) == "first"
    # Highlights, then destroy(): listener and marks gone; the next command re-injects.
    popup = await ext.popup(tab)
    await popup.wait_for_selector("#plan[data-ready]", timeout=60_000, state="attached")
    await popup.bring_to_front()
    await popup.click("#autofill")
    await popup.wait_for_selector("#result:not([hidden])", timeout=60_000, state="attached")
    assert await page.locator("jobpilot-highlights").count() == 1
    gone = await ext.sw.evaluate(
        run_in_tab,
        [tab, "destroy"],
    )
    assert gone and await page.locator("jobpilot-highlights").count() == 0
    assert await page.evaluate("document.getElementById('fname').style.outline") == ""
    await popup.reload()
    await popup.wait_for_selector("#plan[data-ready]", timeout=60_000, state="attached")
    assert await ext.sw.evaluate(run_in_tab, [tab, "present"])
    await popup.close()
    await page.close()

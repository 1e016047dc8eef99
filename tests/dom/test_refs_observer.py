"""Refs stay stable while the DOM changes; the observer waits for multi-step pages."""

from __future__ import annotations

from typing import Any

import pytest
from jobpilot.models.plan import Action
from jobpilot.runner import PlaywrightPage

pytestmark = pytest.mark.browser


async def test_refs_stable_across_dom_changes(page: PlaywrightPage, dom_server: Any) -> None:
    await page.goto(dom_server.url("steps.html"))
    before = await page.snapshot()
    await page.raw.evaluate("window.addField()")
    after = await page.snapshot()
    old = {(f.id, f.name): f.ref for f in before.fields}
    new = {(f.id, f.name): f.ref for f in after.fields}
    assert after.fields[0].id == "late", "the new field comes first in document order"
    assert new[("late", "late")] not in old.values()
    for key, ref in old.items():
        assert new[key] == ref, key
    email = next(f for f in after.fields if f.id == "s1-email")
    assert email.attrs["data-touched"] == "1"
    assert await page.raw.evaluate(
        "() => [...document.querySelectorAll('*')]"
        ".every(e => [...e.attributes].every(a => !a.name.includes('jobpilot')))"
    ), "no attributes written to the page"


async def test_removed_element_ref_fails_cleanly(page: PlaywrightPage, dom_server: Any) -> None:
    await page.goto(dom_server.url("steps.html"))
    snap = await page.snapshot()
    email = next(f for f in snap.fields if f.id == "s1-email")
    await page.raw.evaluate("document.getElementById('s1-email').remove()")
    (res,) = await page.apply([Action(kind="fill", ref=email.ref, value="x")])
    assert not res.ok and "new snapshot" in (res.error or "")


async def test_wait_for_stable_on_step_swap(page: PlaywrightPage, dom_server: Any) -> None:
    await page.goto(dom_server.url("steps.html"))
    snap = await page.snapshot()
    contact = next(f for f in snap.fields if f.name == "contact")
    assert contact.label == "Preferred contact" and contact.section == "Step 1: Account"
    await page.click(next(b.ref for b in snap.buttons if b.text == "Next"))
    assert await page.wait_for(stable_ms=300, timeout_ms=5_000)
    step2 = await page.snapshot()
    assert [f.label for f in step2.fields] == [f"Question {n}" for n in range(1, 5)]
    assert {f.section for f in step2.fields} == {"Step 2: Questions"}
    assert page.url.endswith("steps.html"), "no reload happened"


async def test_wait_for_conditions_and_timeout(page: PlaywrightPage, dom_server: Any) -> None:
    await page.goto(dom_server.url("steps.html"))
    assert await page.wait_for(
        text="Step 1: Account", selector="#s1-email", url_contains="steps", timeout_ms=2_000
    )
    assert not await page.wait_for(selector="#never-there", timeout_ms=200)
    assert not await page.wait_for(text="No such text", timeout_ms=200)


async def test_observer_destroy_removes_everything(page: PlaywrightPage, dom_server: Any) -> None:
    await page.goto(dom_server.url("steps.html"))
    counts = await page.raw.evaluate(
        """async () => {
            const o = globalThis.__jobpilot.observe();
            let seen = 0;
            o.onChange(() => { seen++; });
            document.body.appendChild(document.createElement('p'));
            await new Promise(r => setTimeout(r, 20));
            const during = seen;
            const stable = await o.waitForStable(50, 1000);
            o.destroy();
            document.body.appendChild(document.createElement('p'));
            await new Promise(r => setTimeout(r, 20));
            return {during, after: seen, stable, timers: o.timers.size, listeners: o.listeners.length,
                    waitAfterDestroy: await o.waitForStable(10, 100)};
        }"""
    )
    assert counts == {
        "during": 1,
        "after": 1,
        "stable": True,
        "timers": 0,
        "listeners": 0,
        "waitAfterDestroy": False,
    }


async def test_wait_for_stable_times_out_on_a_busy_page(page: PlaywrightPage, dom_server: Any) -> None:
    await page.goto(dom_server.url("steps.html"))
    await page.raw.evaluate(
        "window.__busy = setInterval(() => document.body.setAttribute('data-t', String(Date.now())), 20)"
    )
    try:
        assert not await page.wait_for(stable_ms=200, timeout_ms=600)
    finally:
        await page.raw.evaluate("clearInterval(window.__busy)")

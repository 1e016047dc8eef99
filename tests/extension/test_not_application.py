"""A page that is not a job application (a shop's checkout, a sign-in page) is recognised and
nothing is filled there until the person confirms: real Chromium, the real extension and host."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import Ext

pytestmark = pytest.mark.browser

POPUP_DONE = "#result:not([hidden]), #error:not([hidden])"
AUTOFILL = """(tab) => chrome.runtime.sendMessage(
    {jobpilot: 'ui', cmd: 'ui.autofill', args: {tab_id: tab, mode: 'auto'}})"""


async def test_a_checkout_is_filled_only_when_the_person_says_so(ext: Ext, pages: Any) -> None:
    url = pages.url("shop-checkout.html")
    page = await ext.open(url)
    tab = await ext.tab_id(url)
    popup = await ext.popup(tab)
    try:
        await popup.wait_for_selector("#plan[data-ready]", timeout=60_000, state="attached")
        box = popup.locator("#not-application")
        assert await box.is_visible() and await box.get_attribute("data-kind") == "checkout"
        assert "payment card" in await popup.inner_text("#not-application-why")
        assert await popup.locator("#autofill").is_disabled() and await popup.locator("#review").is_disabled()
        # The host refuses as well (an older popup, a script): nothing is typed.
        reply = await popup.evaluate(AUTOFILL, tab)
        assert reply["ok"] is False and reply["code"] == "not_an_application", reply
        assert "does not look like a job application" in reply["message"]
        assert [await page.input_value(s) for s in ("#fn", "#em", "#city")] == ["", "", ""]
        # The person says it is one: then (and only then) it is filled; card fields never.
        await popup.click("#fill-anyway")
        assert await popup.locator("#autofill").is_enabled()
        await popup.click("#autofill")
        await popup.wait_for_selector(POPUP_DONE, timeout=30_000, state="attached")
        assert await popup.locator("#error").is_hidden(), await popup.inner_text("#error")
        assert (
            await page.input_value("#fn") == "Mara" and await page.input_value("#em") == "mara.ol@example.org"
        )
        assert await page.input_value("#cc") == "" and await page.input_value("#cvc") == ""
    finally:
        await popup.close()
        await page.close()


async def test_a_sign_in_page_is_recognised(ext: Ext, pages: Any) -> None:
    url = pages.url("sign-in.html")
    page = await ext.open(url)
    popup = await ext.popup(await ext.tab_id(url))
    try:
        await popup.wait_for_selector("#plan[data-ready]", timeout=60_000, state="attached")
        assert await popup.locator("#not-application").get_attribute("data-kind") == "sign-in"
        assert await popup.locator("#autofill").is_disabled()
        assert await page.input_value("#email") == ""
    finally:
        await popup.close()
        await page.close()


async def test_an_application_asks_nothing(ext: Ext, pages: Any) -> None:
    url = pages.url("lakeside-apply.html")
    page = await ext.open(url)
    popup = await ext.popup(await ext.tab_id(url))
    try:
        await popup.wait_for_selector("#plan[data-ready]", timeout=60_000, state="attached")
        assert await popup.locator("#not-application").is_hidden()
        assert await popup.locator("#autofill").is_enabled()
    finally:
        await popup.close()
        await page.close()

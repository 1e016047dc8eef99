"""The Playwright runner: one Chromium, many contexts, pages driven through the DOM layer.

Typical use::

    async with await launch_browser() as browser:
        page = await browser.new_page(offline=True)
        await page.goto("http://127.0.0.1:8000/form.html")
        snap = await page.snapshot()
        results = await page.apply(plan.actions)

Offline inspection of a saved page::

    router = OfflineRouter()
    router.serve("https://boards.greenhouse.io/acme/jobs/1", "page.html")
    page = await browser.new_page(router=router)
    await page.goto("https://boards.greenhouse.io/acme/jobs/1")
"""

from jobpilot.errors import RefNotFoundError
from jobpilot.runner.browser import (
    LAUNCH_ARGS,
    BrowserNotFoundError,
    ManagedBrowser,
    find_chromium,
    launch_browser,
)
from jobpilot.runner.playwright_page import PlaywrightPage
from jobpilot.runner.routing import OfflineRouter, block_external, serve_saved_page

__all__ = [
    "LAUNCH_ARGS",
    "BrowserNotFoundError",
    "ManagedBrowser",
    "OfflineRouter",
    "PlaywrightPage",
    "RefNotFoundError",
    "block_external",
    "find_chromium",
    "launch_browser",
    "serve_saved_page",
]

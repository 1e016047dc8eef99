"""Render the replica's pages as static HTML for the labelled corpus (``jobpilot eval``).

``jobpilot eval`` serves each ``NAME.html`` alone at its labelled URL, so a single-page app
that needs its server cannot be scored directly. Like the real captures in
``/work/shared/ats-pages`` (post-render DOM snapshots), these files are the app's DOM after
rendering each step, scripts removed and the stylesheet inlined. Re-run after changing the
app: ``uv run python tests/replicas/workday/render.py``; the labels (``NAME.labels.json``)
match controls by automation id, so they survive re-rendering.
"""

from __future__ import annotations

import asyncio
import importlib.util
import re
import sys
from pathlib import Path

from jobpilot.runner import OfflineRouter, launch_browser

HERE = Path(__file__).parent
HOST = "https://harborview.wd5.myworkdayjobs.com"
SHARED_HOST = "https://wd3.myworkdaysite.com"
"""The other host shape: one data-center host for every tenant, /recruiting/<tenant>/<site>/."""
APPLY = f"{HOST}/en-US/Harborview/job/Portland-OR/Backend-Engineer_R-10482/apply/applyManually"
SHARED_APPLY = (
    f"{SHARED_HOST}/en-US/recruiting/harborview/Harborview/job/Portland-OR/Backend-Engineer_R-10482"
    "/apply/applyManually"
)
PAGES: dict[str, tuple[str, dict[str, bool]]] = {
    "create-account": (APPLY, {}),
    "my-information": (APPLY + "?jobpilot-step=1", {}),
    "my-experience": (APPLY + "?jobpilot-step=2", {}),
    "application-questions": (APPLY + "?jobpilot-step=3", {}),
    "voluntary-disclosures": (APPLY + "?jobpilot-step=4", {}),
    "self-identify": (APPLY + "?jobpilot-step=5", {}),
    # Variants: the tenant options real sites show, and the myworkdaysite.com host shape.
    "create-account-legal-notice": (APPLY, {"legal_notice": True, "collapsed_agreement": True}),
    "myworkdaysite-my-information": (SHARED_APPLY + "?jobpilot-step=1", {}),
}
"""Page name -> (URL it is rendered and labelled at, replica options switched on)."""


def _server() -> type:
    spec = importlib.util.spec_from_file_location("jobpilot_workday_replica", HERE / "server.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module.WorkdayReplica  # type: ignore[no-any-return]


async def render() -> None:
    server = _server()().start()
    css = (HERE / "app" / "app.css").read_text("utf-8")
    try:
        async with await launch_browser() as browser:
            for name, (url, options) in PAGES.items():
                server.reset()
                for option, on in options.items():
                    setattr(server, option, on)
                router = OfflineRouter(allow_hosts=["127.0.0.1"])
                router.forward(HOST, server.origin)
                router.forward(SHARED_HOST, server.origin)
                page = await browser.new_page(router=router)
                await page.goto(url)
                await page.wait_for(stable_ms=200)
                html: str = await page.raw.evaluate("() => document.documentElement.outerHTML")
                await page.close()
                html = re.sub(r"<script\b.*?</script>", "", html, flags=re.S)
                html = re.sub(r'<link rel="stylesheet"[^>]*>', f"<style>{css}</style>", html)
                note = (
                    "<!-- Rendered by tests/replicas/workday/render.py from the replica app (invented). -->"
                )
                (HERE / f"{name}.html").write_text(f"<!doctype html>\n{note}\n{html}\n", "utf-8")
                print(f"wrote {name}.html")
    finally:
        server.stop()


if __name__ == "__main__":
    asyncio.run(render())

"""Render the React replica to a static page for the labelled corpus.

``jobpilot eval`` serves each corpus page alone (no server, no scripts), as the real
captures in /work/shared/ats-pages are post-render DOM snapshots. This script renders the
React job board in Chromium and saves its DOM without scripts as
``remix-larkspur-platform-engineer.html`` (labels beside it are hand-written). Run it again
after changing ``assets/remix-app.js``::

    uv run python tests/replicas/greenhouse/render_corpus.py
"""

from __future__ import annotations

import asyncio
import importlib.util
import re
import sys
from pathlib import Path

from jobpilot.runner import OfflineRouter, launch_browser

HERE = Path(__file__).parent
URL = "https://job-boards.greenhouse.io/larkspurlabs/jobs/4801234005"
OUT = HERE / "remix-larkspur-platform-engineer.html"


def _server() -> object:
    spec = importlib.util.spec_from_file_location("greenhouse_replica_server", HERE / "server.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


async def main() -> None:
    server = await _server().GreenhouseReplica(latency=0).start()  # type: ignore[attr-defined]
    try:
        async with await launch_browser() as browser:
            router = OfflineRouter()
            router.forward("https://job-boards.greenhouse.io", server.origin)
            page = await browser.new_page(router=router)
            await page.goto(URL)
            await page.wait_for(selector="#application-form", stable_ms=300)
            dom = await page.raw.evaluate("() => document.documentElement.outerHTML")
            css = (HERE / "assets" / "job-boards.css").read_text("utf-8")
            await page.close()
    finally:
        await server.stop()
    dom = re.sub(r"<script\b[^>]*>.*?</script>", "", dom, flags=re.S)
    dom = dom.replace('<link rel="stylesheet" href="/assets/job-boards.css">', f"<style>{css}</style>")
    OUT.write_text(
        "<!DOCTYPE html>\n<!-- Rendered by render_corpus.py from the replica (invented content). -->\n"
        + dom
        + "\n",
        "utf-8",
    )
    print(f"wrote {OUT}")


if __name__ == "__main__":
    asyncio.run(main())

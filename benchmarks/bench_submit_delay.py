"""Submitting once whatever the confirmation's delay (issue 12): for confirmation delays
from 0 to 30 s, a plain form POST and a fetch-and-render page, how many POSTs the server
got, the run's status, and the time from the start of the run to its outcome.

Headless Chromium (``PlaywrightPage``) on the ``tests/replicas/slowconfirm`` replica; all
cases run at once, one browser context each. The extension transport is covered by
``tests/page_contract/test_submit_once.py`` with the same cases.

Run: ``uv run python benchmarks/bench_submit_delay.py``.
"""

from __future__ import annotations

import asyncio
import importlib.util
import os
import sys
import time
from pathlib import Path
from typing import Any

from _common import ROOT, write

DELAYS = (0, 1, 3, 5, 10, 30)
MODES = ("post", "fetch")


def _replica() -> Any:
    spec = importlib.util.spec_from_file_location(
        "slowconfirm", ROOT / "tests/replicas/slowconfirm/server.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["slowconfirm"] = module
    spec.loader.exec_module(module)
    return module


async def main() -> None:
    import jobpilot.demo
    from jobpilot.engine.apply import ApplyEngine, ApplyOptions
    from jobpilot.plugins import load
    from jobpilot.profile_io import load_profile
    from jobpilot.runner import launch_browser

    demo = Path(jobpilot.demo.__file__).parent / "profile"
    profile = load_profile(demo / "resume.json", demo / "answers.yaml")
    pm = load()
    server = _replica().SlowConfirmReplica().start()
    browser = await launch_browser()

    async def one(delay: int, mode: str) -> dict[str, Any]:
        job = f"{mode}-{delay}"
        page = await browser.new_page()
        try:
            await page.goto(server.url(job=job, delay=delay, mode=mode))
            t = time.perf_counter()
            options = ApplyOptions(submit=True, verify_timeout_ms=120_000)
            try:
                status = (await ApplyEngine(pm, profile, options=options).run(page)).status
            except Exception as exc:  # recorded: this is what the table is for
                status = f"raised {type(exc).__name__}"
            return {
                "mode": mode,
                "delay_s": delay,
                "posts": server.posts[job],
                "status": status,
                "run_s": round(time.perf_counter() - t, 1),
            }
        finally:
            await page.close()

    try:
        rows = await asyncio.gather(*(one(d, m) for m in MODES for d in DELAYS))
    finally:
        await browser.close()
        server.stop()
    write(
        "submit_delay",
        {
            "what": "confirmation delay 0-30 s: POSTs received, run status, run time (headless, all at once)",
            "rows": rows,
            "all_submitted_once": all(r["posts"] == 1 and r["status"] == "submitted" for r in rows),
            "load_average_1m_at_end": round(os.getloadavg()[0], 1),
            "before_the_fix": "the same cases on the code before the fix (load ~22): every POST case "
            "with a delay of 1 s or more raised 'Execution context was destroyed' (the run ends "
            "needs_verification) after a fallback click; fetch cases were submitted",
        },
    )


if __name__ == "__main__":
    asyncio.run(main())

"""A whole Greenhouse application (React job-boards replica) filled, from the loaded page to
the last field (goal: under 2 s). Fill only: nothing is submitted. The replica answers its
async option requests after ``latency`` seconds, as the real option endpoints do.

Besides the totals, ``phases_median_ms`` is the median time per phase of the run's
``timings`` (the Greenhouse flow records snapshot, options, plan, fill, follow_up, verify),
so a regression shows where it happened. Ten measured runs per setting (after one warm-up):
the machine is shared, and a median of five moved by a third between runs."""

from __future__ import annotations

import asyncio
import importlib.util
import statistics
import sys
import time
from pathlib import Path

from _common import ROOT, summary, write

REPLICA = ROOT / "tests" / "replicas" / "greenhouse" / "server.py"
URL = "https://job-boards.greenhouse.io/larkspurlabs/jobs/4801234005"


def replica_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("gh_replica", REPLICA)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["gh_replica"] = module
    spec.loader.exec_module(module)
    return module


async def measure(latency: float, n: int) -> dict[str, object]:
    import jobpilot.demo
    from jobpilot.engine.apply import ApplyEngine, ApplyOptions
    from jobpilot.plugins import load
    from jobpilot.profile_io import load_profile
    from jobpilot.runner import OfflineRouter, launch_browser

    data = Path(jobpilot.demo.__file__).parent / "profile"
    profile = load_profile(data / "resume.json", data / "answers.yaml")
    pm = load()
    server = await replica_module().GreenhouseReplica(latency=latency).start()
    samples, filled = [], 0
    phases: dict[str, list[float]] = {}
    try:
        async with await launch_browser() as browser:
            for _ in range(n):
                router = OfflineRouter()
                router.forward("https://job-boards.greenhouse.io", server.origin)
                page = await browser.new_page(router=router)
                await page.goto(URL)
                await page.wait_for(stable_ms=200)
                t = time.perf_counter()
                run = await ApplyEngine(pm, profile, options=ApplyOptions(submit=False)).run(page)
                samples.append(time.perf_counter() - t)
                filled = sum(1 for r in run.results if r.ok)
                if len(samples) > 1:  # the first run warms the browser up, as for the totals
                    for phase, seconds in run.timings.items():
                        phases.setdefault(phase, []).append(seconds)
                await page.close()
    finally:
        await server.stop()
    return {
        "option_latency_s": latency,
        "fields_filled": filled,
        **summary(samples[1:]),
        "phases_median_ms": {p: round(statistics.median(v) * 1000, 1) for p, v in phases.items()},
    }


def main() -> None:
    write(
        "greenhouse_fill",
        {
            "goal": "median < 2000 ms from the loaded page to the last field filled",
            "local_options": asyncio.run(measure(0.0, 11)),
            "options_after_100ms": asyncio.run(measure(0.1, 11)),
        },
    )


if __name__ == "__main__":
    main()

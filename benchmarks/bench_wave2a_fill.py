"""A whole replica application filled, all steps, for SmartRecruiters, Workable and Jobvite
(goal: under 3 s headless on 2 cores, from the loaded first page to the last field of the
last step). Fill only: nothing is submitted. Each replica runs as in the tests (its parser
and suggestion service answer after 50 ms).

Readings:

* ``smartrecruiters``: personal information (two jobs and a school added as entries, the
  City suggestion), screening questions, review;
* ``smartrecruiters_after_easy_apply``: the same after the person used Easy Apply, so its
  parser's cards must be opened, fixed or removed first;
* ``workable``: the resume (parsed at once: three cards to check, one removed), then the page;
* ``jobvite``: both steps, the cover letter's paste box opened, a second work block added.

Per reading: the median and p95 of ``n`` measured runs after one warm-up, the fields filled,
and the median time per phase of the run's ``timings``. The machine is shared: the load
average is recorded with the numbers.

Run: ``uv run python benchmarks/bench_wave2a_fill.py [reading ...] [--runs N]``.
"""

from __future__ import annotations

import asyncio
import importlib.util
import os
import statistics
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from _common import ROOT, summary, write
from _counting import Counter, median_counts

REPLICAS = ROOT / "tests" / "replicas"
RESUME = ROOT / "core" / "src" / "jobpilot" / "demo" / "profile" / "resume.pdf"


def _module(name: str, path: Path) -> Any:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


Setup = tuple[Any, dict[str, str], str, Callable[[Any], Awaitable[None]] | None]


async def _easy_apply(page: Any) -> None:
    """The person's own start on SmartRecruiters: the resume into Easy Apply, parsed."""
    await page.raw.locator("[data-test=apply-with-resume-container] input[type=file]").set_input_files(
        str(RESUME)
    )
    await page.raw.wait_for_selector("oc-prefill-success-banner [role=status]")


def smartrecruiters(*, easy_apply: bool = False) -> Setup:
    m = _module("sr_replica", REPLICAS / "smartrecruiters" / "server.py")
    replica = m.SmartRecruitersReplica().start()
    host = "https://jobs.smartrecruiters.com"
    url = f"{host}/oneclick-ui/company/NordlichtEnergy/publication/{m.PUBLICATION}"
    return replica, {host: replica.origin}, url, _easy_apply if easy_apply else None


def workable() -> Setup:
    m = _module("wk_replica", REPLICAS / "workable" / "server.py")
    replica = m.WorkableReplica().start()
    host = "https://apply.workable.com"
    return replica, {host: replica.origin}, f"{host}/{m.ACCOUNT}/j/{m.SHORTCODE}/apply", None


def jobvite() -> Setup:
    m = _module("jv_replica", REPLICAS / "jobvite" / "server.py")
    replica = m.JobviteReplica().start()
    host = "https://jobs.jobvite.com"
    return replica, {host: replica.origin}, f"{host}/{m.COMPANY}/job/{m.JOB_ID}/apply", None


READINGS: dict[str, Callable[[], Setup]] = {
    "smartrecruiters": smartrecruiters,
    "smartrecruiters_after_easy_apply": lambda: smartrecruiters(easy_apply=True),
    "workable": workable,
    "jobvite": jobvite,
}


async def measure(reading: str, runs: int, *, trace: bool = False) -> dict[str, Any]:
    import jobpilot.demo
    from jobpilot.engine.apply import ApplyEngine, ApplyOptions
    from jobpilot.plugins import load
    from jobpilot.profile_io import load_profile
    from jobpilot.runner import OfflineRouter, launch_browser

    data = Path(jobpilot.demo.__file__).parent / "profile"
    profile = load_profile(data / "resume.json", data / "answers.yaml")
    pm = load()
    replica, forwards, url, before = READINGS[reading]()
    samples: list[float] = []
    counted: list[dict[str, Any]] = []
    phases: dict[str, list[float]] = {}
    statuses: list[str] = []
    filled = 0
    try:
        async with await launch_browser() as browser:
            for i in range(runs + 1):
                replica.reset()
                router = OfflineRouter(allow_hosts=["127.0.0.1"])
                for origin, to in forwards.items():
                    router.forward(origin, to)
                page = await browser.new_page(router=router)
                await page.goto(url)
                await page.wait_for(stable_ms=200)
                if before is not None:
                    await before(page)
                with Counter(trace=trace and i == runs) as counter:
                    await counter.watch(page)
                    t = time.perf_counter()
                    engine = ApplyEngine(pm, profile, options=ApplyOptions(submit=False))
                    run = await engine.run(page)
                    elapsed = time.perf_counter() - t
                    await counter.stop()
                if counter.counts.trace:
                    print("\n".join(counter.counts.trace), file=sys.stderr)
                await page.close()
                statuses.append(run.status)
                filled = sum(1 for r in run.results if r.ok)
                if i == 0:
                    continue  # the first run warms the browser up
                samples.append(elapsed)
                counted.append(counter.counts.as_dict())
                for phase, seconds in run.timings.items():
                    phases.setdefault(phase, []).append(seconds)
    finally:
        replica.stop()
    return {
        "start_url": url,
        "statuses": sorted(set(statuses)),
        "actions_ok": filled,
        **summary(samples),
        "phases_median_ms": {p: round(statistics.median(v) * 1000, 1) for p, v in phases.items()},
        "counts_median": median_counts(counted),
    }


def main() -> None:
    args = sys.argv[1:]
    runs = 7
    trace = "--trace" in args
    if trace:
        args.remove("--trace")
    if "--runs" in args:
        i = args.index("--runs")
        runs = int(args[i + 1])
        del args[i : i + 2]
    wanted = args or list(READINGS)
    out: dict[str, Any] = {
        "goal": "median < 3000 ms: the whole application (all steps) filled, from the loaded first page",
        "load_average_before": os.getloadavg(),
    }
    for reading in wanted:
        out[reading] = asyncio.run(measure(reading, runs, trace=trace))
    out["load_average_after"] = os.getloadavg()
    write("wave2a_fill" if set(wanted) == set(READINGS) else f"wave2a_fill_{'_'.join(wanted)}", out)


if __name__ == "__main__":
    main()

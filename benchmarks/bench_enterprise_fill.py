"""A whole replica application filled, all steps, for the enterprise adapters (goal: under
3 s headless on 2 cores, from the loaded first page to the last field of the last step).
Fill only: nothing is submitted. Each system's replica runs as it does in the tests (its
resume parser answers after its usual delay).

Per system: the median and p95 of ``n`` measured runs after one warm-up, the fields filled,
and the median time per phase of the run's ``timings``. The machine is shared: read the
load average recorded with the numbers.

Run: ``uv run python benchmarks/bench_enterprise_fill.py [ats ...] [--runs N]``.
"""

from __future__ import annotations

import asyncio
import importlib.util
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from _common import ROOT, summary, write
from _counting import Counter, median_counts

REPLICAS = ROOT / "tests" / "replicas"


def _module(name: str, path: Path) -> Any:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def icims() -> tuple[Any, dict[str, str], str]:
    server = _module("jobpilot_icims_replica", REPLICAS / "icims" / "server.py")
    replica = server.IcimsReplica().start()
    return replica, {server.HOST: replica.origin}, f"{server.HOST}/jobs/4521/platform-engineer/job"


def successfactors() -> tuple[Any, dict[str, str], str]:
    server = _module("jobpilot_sf_replica", REPLICAS / "successfactors" / "server.py")
    replica = server.SuccessFactorsReplica().start()
    return (
        replica,
        {server.HOST: replica.origin},
        f"{server.HOST}/career?company=alderwood&career_ns=job_listing&career_job_req_id=7301",
    )


def oracle() -> tuple[Any, dict[str, str], str]:
    server = _module("jobpilot_oracle_replica", REPLICAS / "oracle" / "server.py")
    replica = server.OracleReplica().start()
    forwards = {server.HOST: replica.origin, server.STATIC_HOST: replica.origin}
    return replica, forwards, f"{server.HOST}{server.SITE}/job/1187"


def taleo() -> tuple[Any, dict[str, str], str]:
    server = _module("jobpilot_taleo_replica", REPLICAS / "taleo" / "server.py")
    replica = server.TaleoReplica().start()
    return (
        replica,
        {server.HOST: replica.origin},
        f"{server.HOST}/careersection/10000/jobdetail.ftl?job=2604&lang=en",
    )


SYSTEMS: dict[str, Callable[[], tuple[Any, dict[str, str], str]]] = {
    "icims": icims,
    "successfactors": successfactors,
    "oracle": oracle,
    "taleo": taleo,
}
"""System -> starts its replica: (server, origin forwards, the first page of the application)."""


async def measure(ats: str, runs: int, *, trace: bool = False) -> dict[str, Any]:
    import jobpilot.demo
    from jobpilot.engine.apply import ApplyEngine, ApplyOptions
    from jobpilot.plugins import load
    from jobpilot.profile_io import load_profile
    from jobpilot.runner import OfflineRouter, launch_browser
    from jobpilot.storage import Database

    data = Path(jobpilot.demo.__file__).parent / "profile"
    profile = load_profile(data / "resume.json", data / "answers.yaml")
    pm = load()
    replica, forwards, url = SYSTEMS[ats]()
    samples: list[float] = []
    counted: list[dict[str, Any]] = []
    phases: dict[str, list[float]] = {}
    filled = 0
    first: dict[str, Any] = {}
    statuses: list[str] = []
    problems: list[dict[str, Any]] = []
    try:
        async with await launch_browser() as browser:
            for i in range(runs + 1):
                replica.reset()
                with tempfile.TemporaryDirectory() as home:
                    os.environ["JOBPILOT_HOME"] = home
                    async with Database(f"sqlite+aiosqlite:///{home}/jobpilot.db") as db:
                        router = OfflineRouter(allow_hosts=["127.0.0.1"])
                        for origin, to in forwards.items():
                            router.forward(origin, to)
                        page = await browser.new_page(router=router)
                        await page.goto(url)
                        await page.wait_for(stable_ms=200)
                        with Counter(trace=trace and i == runs) as counter:
                            await counter.watch(page)
                            t = time.perf_counter()
                            engine = ApplyEngine(pm, profile, db=db, options=ApplyOptions(submit=False))
                            run = await engine.run(page)
                            elapsed = time.perf_counter() - t
                            await counter.stop()
                        if counter.counts.trace:
                            print("\n".join(counter.counts.trace), file=sys.stderr)
                        await page.close()
                statuses.append(run.status)
                if run.status != "filled":
                    problems.append({"status": run.status, "error": run.error, "needs": run.needs_user[:3]})
                filled = sum(1 for r in run.results if r.ok)
                if i == 0:
                    # The first run warms the browser up, and loads the question policy's
                    # model (in the background since the run started): recorded apart.
                    first = {
                        "elapsed_ms": round(elapsed * 1000, 1),
                        "phases_ms": {p: round(v * 1000, 1) for p, v in run.timings.items()},
                    }
                    continue
                samples.append(elapsed)
                counted.append(counter.counts.as_dict())
                for phase, seconds in run.timings.items():
                    phases.setdefault(phase, []).append(seconds)
    finally:
        replica.stop()
    return {
        "start_url": url,
        "statuses": sorted(set(statuses)),
        "runs_not_filled": problems,
        "fields_filled": filled,
        **summary(samples),
        "phases_median_ms": {p: round(statistics.median(v) * 1000, 1) for p, v in phases.items()},
        "counts_median": median_counts(counted),
        "first_run_in_process": first,
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
    wanted = args or list(SYSTEMS)
    out: dict[str, Any] = {
        "goal": "median < 3000 ms: the whole application (all steps) filled, from the loaded first page",
        "load_average_before": os.getloadavg(),
    }
    for ats in wanted:
        out[ats] = asyncio.run(measure(ats, runs, trace=trace))
    out["load_average_after"] = os.getloadavg()
    write("enterprise_fill" if set(wanted) == set(SYSTEMS) else f"enterprise_fill_{'_'.join(wanted)}", out)


if __name__ == "__main__":
    main()

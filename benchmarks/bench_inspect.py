"""``jobpilot inspect`` of a saved page, and where its time goes (goal: under 1 s including
the browser start).

* ``cli``: wall time of the whole command, a new process per sample, as a user runs it;
* ``phases``: the same steps in one process, timed one by one (imports, Chromium launch,
  first page, ``goto``, snapshot, detection + mapping);
* ``snapshot_transfer``: the snapshot returned as a JS object (Playwright serialises it
  value by value) against one JSON string parsed in Python;
* ``snapshot_100_fields``: the in-page snapshot time of a generated 100-field form.

The machine's load average is recorded with each run: on a shared 2-core machine the
figures move with it.
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from _common import ROOT, SHARED_PAGES, summary, write

DEMO_PAGE = ROOT / "core" / "src" / "jobpilot" / "demo" / "pages" / "northwind-careers.html"
DEMO_URL = "https://careers.northwind.example/apply"
REAL_PAGE = SHARED_PAGES / "greenhouse" / "boards-iherb-sr-engineer.html"
REAL_URL = "https://boards.greenhouse.io/iherb/jobs/7779165003"

_PHASES = r"""
import time, sys, json, asyncio
t0 = time.perf_counter()
out = {}
def lap(name):
    global t0
    now = time.perf_counter(); out[name] = round((now - t0) * 1000, 1); t0 = now
from jobpilot.cli.browsing import open_target
lap("import")
async def main():
    from jobpilot.plugins import load
    plugins = asyncio.create_task(asyncio.to_thread(load))
    from jobpilot.runner import PlaywrightPage, launch_browser
    from jobpilot.dom.saved import serve_offline
    lap("import_runner")
    b = await launch_browser()
    lap("launch")
    ctx = await b.new_context(service_workers="block")  # as open_target serves a saved file
    await serve_offline(ctx, {sys.argv[2]: open(sys.argv[1], "rb").read()})
    p = PlaywrightPage(await ctx.new_page(), close_context=True)
    lap("new_page")
    await p.raw.goto(sys.argv[2], wait_until="load")
    lap("goto")
    s = await p.snapshot()
    lap("snapshot")
    pm = await plugins
    lap("plugins_wait")
    from jobpilot.engine.inspect import inspect_snapshot
    inspect_snapshot(s, pm).to_json()
    lap("detect_map")
    print(json.dumps(out)); sys.stdout.flush()
    import os; os._exit(0)
asyncio.run(main())
"""


def load_avg() -> float:
    return round(os.getloadavg()[0], 1)


def cli_samples(page: Path, url: str, n: int) -> dict[str, Any]:
    times = []
    for _ in range(n):
        t = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "jobpilot.cli.main", "inspect", str(page), "--url", url, "--json"],
            check=True,
            capture_output=True,
        )
        times.append(time.perf_counter() - t)
    return summary(times)


def phases(page: Path, url: str, n: int) -> dict[str, float]:
    runs = []
    for _ in range(n):
        proc = subprocess.run(
            [sys.executable, "-c", _PHASES, str(page), url], check=True, capture_output=True, text=True
        )
        runs.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    return {k: round(statistics.median(r[k] for r in runs), 1) for k in runs[0]}


async def transfer_and_big_form() -> dict[str, Any]:
    from jobpilot.runner import OfflineRouter, launch_browser

    rows = []
    for i in range(100):
        opts = "".join(f"<option>Option {k}</option>" for k in range(30))
        rows.append(
            [
                f'<div><label for="t{i}">Text {i}</label><input id="t{i}" name="t{i}"></div>',
                f'<div><p>Question {i}?</p><textarea name="a{i}"></textarea></div>',
                f'<div><label for="s{i}">Pick {i}</label><select id="s{i}">{opts}</select></div>',
                f'<fieldset><legend>Yes or no {i}</legend><label><input type="radio" name="r{i}">Yes</label>'
                f'<label><input type="radio" name="r{i}">No</label></fieldset>',
                f'<table><tr><td>Cell label {i}</td><td><input name="c{i}"></td></tr></table>',
            ][i % 5]
        )
    big = "<!doctype html><title>big</title><h1>Big form</h1><form>" + "".join(rows) + "</form>"
    out: dict[str, Any] = {}
    async with await launch_browser() as browser:
        router = OfflineRouter()
        router.serve(REAL_URL, REAL_PAGE, content_type="text/html; charset=utf-8")
        router.serve("https://ats.example.com/big", body=big)
        page = await browser.new_page(router=router)
        await page.raw.goto(REAL_URL, wait_until="load")
        obj, text = [], []
        for _ in range(20):
            t = time.perf_counter()
            await page.raw.evaluate("() => globalThis.__jobpilot.snapshot({})")
            obj.append(time.perf_counter() - t)
            t = time.perf_counter()
            json.loads(await page.raw.evaluate("() => globalThis.__jobpilot.snapshotJSON({})"))
            text.append(time.perf_counter() - t)
        out["snapshot_transfer_real_page"] = {"as_object": summary(obj), "as_json_string": summary(text)}
        await page.raw.goto("https://ats.example.com/big", wait_until="load")
        in_page = []
        for _ in range(20):
            await page.snapshot()
            in_page.append((page.last_snapshot_ms or 0) / 1000)
        out["snapshot_100_fields_in_page"] = {**summary(in_page), "goal": "median < 100 ms"}
    return out


def main() -> None:
    cli_samples(DEMO_PAGE, DEMO_URL, 1)  # warm the file cache
    out: dict[str, Any] = {
        "goal": "median < 1000 ms including the browser start",
        "load_average_before": load_avg(),
        "demo_page": cli_samples(DEMO_PAGE, DEMO_URL, 8),
    }
    if REAL_PAGE.exists():
        out["real_greenhouse_page"] = cli_samples(REAL_PAGE, REAL_URL, 8)
        out["phases_real_page_median_ms"] = phases(REAL_PAGE, REAL_URL, 5)
        out.update(asyncio.run(transfer_and_big_form()))
    out["load_average_after"] = load_avg()
    write("inspect", out)


if __name__ == "__main__":
    main()

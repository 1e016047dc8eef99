"""Where an Auto-fill's time goes in the extension transport: every ``Page`` call the engine
makes on the user's tab (snapshots, action batches, waits), with its count and time, and the
run's own phases, from the start of the run to the page's last input/change event.

The engine runs in this process on ``ExtensionPage`` over the real extension in Chromium
(``_relay.py``: the port's host side is this process), exactly as
the host runs it. Targets: bench_fill's 30-field form, and the Greenhouse replica (React
board) with 100 ms option latency, whose two type-to-search dropdowns wait 200 ms (debounce)
plus the latency each, one after the other: a floor of about 600 ms that no transport removes.

Run: ``uv run python benchmarks/bench_autofill_breakdown.py``.
"""

from __future__ import annotations

import asyncio
import importlib.util
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from _common import ROOT, write

sys.path.insert(0, str(ROOT / "tests"))

RUNS = 6
GH = "https://job-boards.greenhouse.io/larkspurlabs/jobs/4801234005"
LAST_INPUT = """() => { window.__jpLast = 0; for (const t of ['input', 'change'])
  document.addEventListener(t, () => { window.__jpLast = Date.now(); }, true); }"""


def _load(name: str, path: Path) -> Any:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


helpers = _load("jobpilot_ext_conftest", ROOT / "tests/extension/conftest.py")
server_mod = _load("jobpilot_tests_server", ROOT / "tests/server.py")
relay_mod = _load("jobpilot_bench_relay", Path(__file__).with_name("_relay.py"))
bench_fill = _load("jobpilot_bench_fill", Path(__file__).with_name("bench_fill.py"))
gh_mod = _load("jobpilot_tests_greenhouse_replica", ROOT / "tests/replicas/greenhouse/server.py")


class Calls:
    """Times every Page call made on one page object."""

    def __init__(self, page: Any) -> None:
        self.log: list[tuple[str, float, int]] = []
        for name in ("snapshot", "apply", "click", "wait_for", "text", "screenshot"):
            original = getattr(page, name)

            async def timed(*a: Any, _original: Any = original, _name: str = name, **k: Any) -> Any:
                t = time.perf_counter()
                try:
                    return await _original(*a, **k)
                finally:
                    size = len(a[0]) if _name == "apply" and a else 0
                    self.log.append((_name, time.perf_counter() - t, size))

            setattr(page, name, timed)


async def measure(ctx: Any, sw: Any, relay: Any, url: str, pm: Any, profile: Any) -> dict[str, Any]:
    from jobpilot.engine.apply import ApplyEngine, ApplyOptions

    to_last, per_call, phases = [], [], []
    for n in range(RUNS + 1):
        tab_url = f"{url}#run{n}"
        raw = await ctx.new_page()
        await raw.goto(tab_url)
        await raw.wait_for_load_state("load")
        await raw.evaluate(LAST_INPUT)
        tab = await sw.evaluate(
            "async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id", tab_url
        )
        page = await relay.page(int(tab))
        calls = Calls(page)
        t0 = await raw.evaluate("Date.now()")
        run = await ApplyEngine(pm, profile, options=ApplyOptions(submit=False)).run(page)
        last = await raw.evaluate("window.__jpLast")
        await raw.close()
        if n == 0:
            continue  # warm-up: plugins, the offline answer bank, the browser's caches
        to_last.append(last - t0)
        per_call.append(calls.log)
        phases.append(run.timings)
    by_kind: dict[str, dict[str, float]] = {}
    for kind in ("snapshot", "apply", "click", "wait_for", "text", "screenshot"):
        counts = [sum(1 for c in log if c[0] == kind) for log in per_call]
        times = [sum(c[1] for c in log if c[0] == kind) * 1000 for log in per_call]
        if any(counts):
            by_kind[kind] = {
                "calls": statistics.median(counts),
                "median_ms": round(statistics.median(times), 1),
            }
    return {
        "start_to_last_field_ms": {
            "n": len(to_last),
            "median": statistics.median(to_last),
            "min": min(to_last),
        },
        "page_calls_per_run": by_kind,
        "run_phases_median_ms": {
            k: round(statistics.median([p.get(k, 0.0) for p in phases]) * 1000, 1) for k in phases[-1]
        },
    }


async def main() -> None:
    from jobpilot.plugins import load
    from jobpilot.profile_io import load_profile
    from jobpilot.runner import OfflineRouter
    from playwright.async_api import async_playwright

    demo = helpers.DEMO / "profile"
    profile = load_profile(demo / "resume.json", demo / "answers.yaml")
    pm = load()
    tmp = Path(tempfile.mkdtemp(prefix="jobpilot-breakdown-"))
    home, udd, pages = tmp / "home", tmp / "chromium", tmp / "pages"
    home.mkdir()
    pages.mkdir()
    (pages / "thirty.html").write_text(bench_fill.page_html(), "utf-8")
    thirty = server_mod.FixtureServer(pages).start()
    greenhouse = await gh_mod.GreenhouseReplica(latency=0.1).start()
    helpers.jobpilot(home, "host", "install", "--browser", "chromium", "--user-data-dir", str(udd))
    sock = Path(tempfile.mkdtemp(prefix="jp-")) / "host.sock"
    relay = relay_mod.RelayHost(sock)
    await relay.start()
    relay_mod.install_relay(udd / "NativeMessagingHosts" / "com.jobpilot.host.json", home, sock)
    out: dict[str, Any] = {}
    async with async_playwright() as pw:
        ctx, sw = await helpers.launch(udd, helpers.build_extension(), pw)
        try:
            await relay.connected()
            router = OfflineRouter(allow_hosts=["127.0.0.1", "localhost"])
            router.forward("https://job-boards.greenhouse.io", greenhouse.origin)
            await router.install(ctx)
            out["thirty_fields"] = await measure(ctx, sw, relay, thirty.url("thirty.html"), pm, profile)
            out["greenhouse_react_replica"] = await measure(ctx, sw, relay, GH, pm, profile)
        finally:
            await ctx.close()
            await relay.close()
            thirty.stop()
            await greenhouse.stop()
    write(
        "autofill_breakdown",
        {
            "what": "ApplyEngine.run on ExtensionPage (real extension, host side in-process): page calls "
            "and phases, from the run's start to the page's last input/change event",
            **out,
            "load_average_1m_at_end": round(os.getloadavg()[0], 1),
            "notes": "page_calls_per_run: median count and summed time of each Page call kind per run; "
            "a call's time includes the message round trip host -> service worker -> content script "
            "and the in-page work (the DOM layer). Headless Chromium, 2 cores shared with other work.",
        },
    )


if __name__ == "__main__":
    asyncio.run(main())

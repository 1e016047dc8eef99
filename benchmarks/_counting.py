"""What a fill costs, counted rather than timed: on a machine shared by many, wall-clock
varies two- or threefold from run to run, while the number of snapshots, page round trips,
fixed sleeps and waits, and the CPU each process spent, stay put and name the causes.

``Counter`` patches, for the length of a ``with`` block:

- the page layer (:class:`jobpilot.pagebase.DomPage`): snapshots (and the milliseconds the
  in-page snapshot took), ``apply`` calls and their actions, clicks, ``text`` reads, and
  ``wait_for`` calls with the quiet time they asked for and the wall time they took;
- ``asyncio.sleep``: every non-zero sleep, its requested length, by calling module;
- Playwright's connection: every message to the browser driver, by ``Type.method`` (a
  round trip to the page for the evaluations and element calls);
- CPU: the Python main thread (``time.thread_time``: the engine, the flow, the planner and the
  models; the replica servers run on other threads), every child process of this one
  (Chromium's processes and Playwright's driver, from ``/proc``), and, when a page is given
  with :meth:`Counter.watch`, the renderer's main thread (CDP ``Performance.getMetrics``
  ``TaskDuration``).

``trace=True`` also keeps one line per call (time from the start, what, how long), to read
where a run's time goes.
"""

from __future__ import annotations

import asyncio
import os
import sys
import time
from collections import Counter as Tally
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

_TICK = os.sysconf("SC_CLK_TCK")
_NOT_ROUND_TRIPS = ("Route.", "Request.", "Response.", "__waitInfo__")
"""Driver messages that are no round trip of the flow's own (the offline router's answers)."""


def _children_cpu_s() -> float:
    """CPU seconds (user + system) of every descendant process of this one, alive now."""
    me = os.getpid()
    parents: dict[int, int] = {}
    cpu: dict[int, float] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        rest = stat[stat.rindex(")") + 2 :].split()
        pid = int(entry.name)
        parents[pid] = int(rest[1])
        cpu[pid] = (int(rest[11]) + int(rest[12])) / _TICK
    total = 0.0
    for pid, seconds in cpu.items():
        p = parents.get(pid)
        while p and p != me and p in parents:
            p = parents[p]
        if p == me:
            total += seconds
    return total


@dataclass
class Counts:
    snapshots: int = 0
    snapshot_in_page_ms: float = 0.0
    applies: int = 0
    actions: int = 0
    clicks: int = 0
    texts: int = 0
    waits: int = 0
    wait_quiet_asked_ms: int = 0
    wait_wall_ms: float = 0.0
    sleeps: int = 0
    sleep_ms: float = 0.0
    sleeps_by_module: dict[str, list[float]] = field(default_factory=dict)
    driver: Tally[str] = field(default_factory=Tally)
    python_cpu_ms: float = 0.0
    children_cpu_ms: float = 0.0
    renderer_task_ms: float | None = None
    trace: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        trips = sum(n for m, n in self.driver.items() if not m.startswith(_NOT_ROUND_TRIPS))
        return {
            "snapshots": self.snapshots,
            "snapshot_in_page_ms": round(self.snapshot_in_page_ms, 1),
            "apply_calls": self.applies,
            "actions": self.actions,
            "clicks": self.clicks,
            "text_reads": self.texts,
            "waits": self.waits,
            "wait_quiet_asked_ms": self.wait_quiet_asked_ms,
            "wait_wall_ms": round(self.wait_wall_ms, 1),
            "sleeps": self.sleeps,
            "sleep_ms": round(self.sleep_ms, 1),
            "sleeps_by_module": {
                m: {"n": len(v), "ms": round(sum(v), 1)} for m, v in sorted(self.sleeps_by_module.items())
            },
            "driver_round_trips": trips,
            "driver_by_method": dict(self.driver.most_common()),
            "python_cpu_ms": round(self.python_cpu_ms, 1),
            "children_cpu_ms": round(self.children_cpu_ms, 1),
            "renderer_task_ms": None if self.renderer_task_ms is None else round(self.renderer_task_ms, 1),
        }


class Counter:
    """``with Counter() as c: ...`` then ``c.counts``; see the module docstring."""

    def __init__(self, *, trace: bool = False) -> None:
        self.counts = Counts()
        self._trace = trace
        self._undo: list[tuple[Any, str, Any]] = []
        self._t0 = 0.0
        self._cdp: Any = None
        self._task0: float | None = None

    # --- patching ---

    def _patch(self, owner: Any, name: str, make: Any) -> None:
        original = getattr(owner, name)
        self._undo.append((owner, name, original))
        setattr(owner, name, make(original))

    def _note(self, what: str, started: float) -> None:
        if self._trace:
            now = time.perf_counter()
            self.counts.trace.append(
                f"{(started - self._t0) * 1000:8.1f} ms  {what}  ({(now - started) * 1000:.1f} ms)"
            )

    def __enter__(self) -> Counter:
        from jobpilot.pagebase import DomPage
        from jobpilot.runner.playwright_page import PlaywrightPage
        from playwright._impl.connection import Connection

        c = self.counts
        me = self

        def snapshot(orig: Any) -> Any:
            async def wrapped(page: Any) -> Any:
                t = time.perf_counter()
                out = await orig(page)
                c.snapshots += 1
                c.snapshot_in_page_ms += page.last_snapshot_ms or 0.0
                me._note(f"snapshot ({len(out.fields)} fields, {_caller()})", t)
                return out

            return wrapped

        def apply(orig: Any) -> Any:
            async def wrapped(page: Any, actions: Any) -> Any:
                t = time.perf_counter()
                out = await orig(page, actions)
                c.applies += 1
                c.actions += len(actions)
                kinds = Tally(a.kind for a in actions)
                me._note(f"apply {dict(kinds)} ({_caller()})", t)
                return out

            return wrapped

        def click(orig: Any) -> Any:
            async def wrapped(page: Any, ref: str) -> Any:
                t = time.perf_counter()
                try:
                    return await orig(page, ref)
                finally:
                    c.clicks += 1
                    me._note(f"click {ref} ({_caller()})", t)

            return wrapped

        def wait_for(orig: Any) -> Any:
            async def wrapped(page: Any, **kw: Any) -> Any:
                t = time.perf_counter()
                try:
                    return await orig(page, **kw)
                finally:
                    c.waits += 1
                    c.wait_quiet_asked_ms += int(kw.get("stable_ms") or 0)
                    c.wait_wall_ms += (time.perf_counter() - t) * 1000
                    shown = {k: v for k, v in kw.items() if v}
                    me._note(f"wait_for {shown} ({_caller()})", t)

            return wrapped

        def text(orig: Any) -> Any:
            async def wrapped(page: Any) -> Any:
                t = time.perf_counter()
                try:
                    return await orig(page)
                finally:
                    c.texts += 1
                    me._note(f"text ({_caller()})", t)

            return wrapped

        def sleep(orig: Any) -> Any:
            async def wrapped(delay: float, result: Any = None) -> Any:
                if delay and delay > 0:
                    module = sys._getframe(1).f_globals.get("__name__", "?")
                    c.sleeps += 1
                    c.sleep_ms += delay * 1000
                    c.sleeps_by_module.setdefault(module, []).append(delay * 1000)
                    t = time.perf_counter()
                    out = await orig(delay, result)
                    me._note(f"sleep {delay * 1000:.0f} ms ({module})", t)
                    return out
                return await orig(delay, result)

            return wrapped

        def send(orig: Any) -> Any:
            def wrapped(conn: Any, obj: Any, method: str, params: Any, options: Any) -> Any:
                c.driver[f"{obj._type}.{method}"] += 1
                return orig(conn, obj, method, params, options)

            return wrapped

        self._patch(DomPage, "snapshot", snapshot)
        self._patch(DomPage, "apply", apply)
        self._patch(DomPage, "click", click)
        self._patch(DomPage, "wait_for", wait_for)
        self._patch(PlaywrightPage, "text", text)
        self._patch(asyncio, "sleep", sleep)
        self._patch(Connection, "send_message_to_server", send)
        self._t0 = time.perf_counter()
        self._cpu0 = time.thread_time()
        self._children0 = _children_cpu_s()
        return self

    async def watch(self, page: Any) -> None:
        """Count the renderer main thread's task time of this ``PlaywrightPage`` too."""
        raw = page.raw
        self._cdp = await raw.context.new_cdp_session(raw)
        await self._cdp.send("Performance.enable")
        self._task0 = await self._task_s()

    async def _task_s(self) -> float:
        metrics = await self._cdp.send("Performance.getMetrics")
        return float(next(m["value"] for m in metrics["metrics"] if m["name"] == "TaskDuration"))

    async def stop(self) -> None:
        """Read the renderer's time (call inside the block, before the page closes)."""
        if self._cdp is not None and self._task0 is not None:
            self.counts.renderer_task_ms = (await self._task_s() - self._task0) * 1000
            self._cdp = None

    def __exit__(self, *exc: object) -> None:
        self.counts.python_cpu_ms = (time.thread_time() - self._cpu0) * 1000
        self.counts.children_cpu_ms = (_children_cpu_s() - self._children0) * 1000
        for owner, name, original in reversed(self._undo):
            setattr(owner, name, original)
        self._undo.clear()


def _caller() -> str:
    """The first frame outside this module and the page layer: who made the call."""
    f = sys._getframe(2)
    while f is not None:
        name = f.f_globals.get("__name__", "")
        if name not in (__name__, "jobpilot.pagebase", "jobpilot.runner.playwright_page", "asyncio"):
            return f"{name.rsplit('.', 1)[-1]}:{f.f_lineno}"
        f = f.f_back  # type: ignore[assignment]
    return "?"


def median_counts(samples: list[dict[str, Any]]) -> dict[str, Any]:
    """The median of each number over several runs' ``Counts.as_dict()`` (dicts of numbers
    are taken from the first run: they barely vary and are read for their shape)."""
    import statistics

    out: dict[str, Any] = {}
    for key, value in samples[0].items():
        if (isinstance(value, (int, float)) and not isinstance(value, bool)) or value is None:
            vals = [s[key] for s in samples if s.get(key) is not None]
            out[key] = round(statistics.median(vals), 1) if vals else None
        else:
            out[key] = value
    return out

"""Prometheus metrics of the fleet, read from the database at scrape time.

Several API processes may serve ``/metrics`` behind one address; each reads the same rows,
so they agree. Gauges come from the queue itself (applications by state across users, the
ready and the waiting part of the queue, the oldest ready application) and from the worker
registry (up, last heartbeat, applications held, concurrency, per worker). Counters and the
run-time histogram are the workers' own, kept in their registry rows and summed over every
row, stopped and retired ones included (:mod:`jobpilot.fleet.registry`), so they only go up.

The exposition is rendered with ``prometheus-client`` from a snapshot: one collector built
per scrape, plus the API process's own process metrics.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, HistogramMetricFamily
from prometheus_client.process_collector import ProcessCollector
from prometheus_client.registry import Collector
from sqlalchemy import func, select

from jobpilot import __version__
from jobpilot.fleet import tables as t
from jobpilot.fleet.models import State
from jobpilot.fleet.registry import RUN_BUCKETS, RunStats, all_rows, is_live
from jobpilot.fleet.store import FleetStore

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"


@dataclass
class Snapshot:
    """What one scrape reports, read in one go."""

    at: float
    by_state: dict[str, int]
    ready: int
    waiting: int
    oldest_ready_age: float
    workers: list[dict[str, Any]]
    totals: RunStats = field(default_factory=RunStats)
    schema_version: int = 0


async def read_snapshot(store: FleetStore) -> Snapshot:
    from jobpilot.storage.migrations import current_version
    from jobpilot.storage.migrations.fleet import FLEET

    now = time.time()
    j = t.jobs
    async with store.engine.connect() as conn:
        by_state = {
            r[0]: int(r[1]) for r in await conn.execute(select(j.c.state, func.count()).group_by(j.c.state))
        }
        ready_row = (
            await conn.execute(
                select(func.count(), func.min(j.c.run_after)).where(
                    j.c.state == "queued", j.c.run_after <= now
                )
            )
        ).first()
        schema = await conn.run_sync(lambda c: current_version(c, FLEET))
    rows = await all_rows(store)
    totals = RunStats()
    for row in rows:
        totals.add(RunStats.from_json(row["stats"]))
    ready = int(ready_row[0] or 0) if ready_row else 0
    oldest = ready_row[1] if ready_row and ready_row[1] is not None else None
    return Snapshot(
        at=now,
        by_state=by_state,
        ready=ready,
        waiting=by_state.get("queued", 0) - ready,
        oldest_ready_age=max(0.0, now - float(oldest)) if oldest is not None else 0.0,
        workers=[r for r in rows if r["kind"] in ("worker", "api") and r["stopped_at"] is None],
        totals=totals,
        schema_version=int(schema),
    )


class SnapshotCollector(Collector):
    """The families of one snapshot."""

    def __init__(self, snap: Snapshot) -> None:
        self.snap = snap

    def collect(self) -> Any:
        s = self.snap
        info = GaugeMetricFamily(
            "jobpilot_fleet_info", "The JobPilot version serving this scrape", labels=["version"]
        )
        info.add_metric([__version__], 1)
        yield info
        yield GaugeMetricFamily(
            "jobpilot_fleet_schema_version", "The fleet database's schema version", value=s.schema_version
        )
        apps = GaugeMetricFamily(
            "jobpilot_fleet_applications", "Applications by state, across every user", labels=["state"]
        )
        for state in _states(s.by_state):
            apps.add_metric([state], s.by_state.get(state, 0))
        yield apps
        yield GaugeMetricFamily(
            "jobpilot_fleet_queue_ready", "Queued applications a worker may claim now", value=s.ready
        )
        yield GaugeMetricFamily(
            "jobpilot_fleet_queue_waiting",
            "Queued applications waiting (retry backoff, a daily cap or a site's rate limit)",
            value=s.waiting,
        )
        yield GaugeMetricFamily(
            "jobpilot_fleet_queue_oldest_ready_seconds",
            "How long the oldest claimable application has been ready (0: none)",
            value=s.oldest_ready_age,
        )
        workers = [w for w in s.workers if w["kind"] == "worker"]
        yield GaugeMetricFamily(
            "jobpilot_fleet_workers_live",
            "Workers that beat within their last three heartbeats",
            value=sum(1 for w in workers if is_live(w, s.at)),
        )
        up = GaugeMetricFamily(
            "jobpilot_fleet_worker_up",
            "1 while a registered process beats, 0 once it missed three heartbeats without stopping",
            labels=["worker", "kind", "host"],
        )
        seen = GaugeMetricFamily(
            "jobpilot_fleet_worker_last_seen_timestamp_seconds",
            "A registered process's last heartbeat (UNIX time)",
            labels=["worker", "kind"],
        )
        held = GaugeMetricFamily(
            "jobpilot_fleet_worker_jobs", "Applications a worker holds now", labels=["worker"]
        )
        slots = GaugeMetricFamily(
            "jobpilot_fleet_worker_concurrency", "Applications a worker runs at once", labels=["worker"]
        )
        for w in s.workers:
            up.add_metric([w["name"], w["kind"], w["host"]], 1 if is_live(w, s.at) else 0)
            seen.add_metric([w["name"], w["kind"]], w["last_seen"])
            if w["kind"] == "worker":
                held.add_metric([w["name"]], len(w["jobs"] or []))
                slots.add_metric([w["name"]], w["concurrency"])
        yield from (up, seen, held, slots)
        totals = s.totals
        yield CounterMetricFamily(
            "jobpilot_fleet_claims", "Applications claimed by workers", value=totals.claims
        )
        outcomes = CounterMetricFamily(
            "jobpilot_fleet_outcomes",
            "Runs by how they ended (submitted, filled, needs_user, needs_verification, failed, dead,"
            " retry, lost, handed_back)",
            labels=["outcome"],
        )
        for name, n in sorted(totals.outcomes.items()):
            outcomes.add_metric([name], n)
        yield outcomes
        yield CounterMetricFamily(
            "jobpilot_fleet_retries", "Runs that failed and were queued again", value=totals.retries
        )
        yield CounterMetricFamily(
            "jobpilot_fleet_leases_expired",
            "Applications taken back from workers that stopped renewing their lease",
            value=totals.leases_expired,
        )
        cumulative, buckets = 0, []
        for bound, n in zip((*RUN_BUCKETS, float("inf")), totals.run_buckets, strict=True):
            cumulative += n
            buckets.append(("+Inf" if bound == float("inf") else _le(bound), cumulative))
        hist = HistogramMetricFamily(
            "jobpilot_fleet_run_seconds",
            "Time from claiming an application to its outcome (hand-off waits included)",
        )
        hist.add_metric([], buckets, totals.run_sum)
        yield hist


def _le(bound: float) -> str:
    return str(float(bound))


def _states(found: dict[str, int]) -> list[str]:
    from typing import get_args

    known = list(get_args(State))
    return known + sorted(s for s in found if s not in known)


def render(snap: Snapshot, *, process: bool = True) -> bytes:
    """The Prometheus text exposition of ``snap`` (and of this process)."""
    registry = CollectorRegistry(auto_describe=False)
    registry.register(SnapshotCollector(snap))
    if process:
        ProcessCollector(registry=registry)
    return generate_latest(registry)


__all__ = ["CONTENT_TYPE", "Snapshot", "SnapshotCollector", "read_snapshot", "render"]

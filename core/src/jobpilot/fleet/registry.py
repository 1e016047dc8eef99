"""The registry of fleet processes: every worker (and every API server that reaps leases)
keeps one row in ``fleet_workers`` and beats it.

Why in the database: the operator asks "which workers are alive, and what are they doing?"
of any API process, and Prometheus scrapes any of them; both must get the same answer,
wherever the workers run. So a worker writes, with every heartbeat, when it was last seen,
the applications it holds (id, phase, since when) and its counters (:class:`RunStats`:
claims, outcomes, retries, expired leases, a histogram of run times). ``/metrics`` sums the
counters of every row.

A row is *live* while it is not stopped and was seen within three heartbeats. A worker that
restarts under the same name (``--name`` in a systemd unit) carries its counters on, so the
sums never go down; rows stopped or silent longer than the retention are folded into one
``(retired)`` row by :func:`prune`, for the same reason.
"""

from __future__ import annotations

import logging
import os
import socket
import time
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, insert, select, update

from jobpilot import __version__
from jobpilot.fleet import tables as t
from jobpilot.fleet.store import FleetStore

log = logging.getLogger("jobpilot.fleet.registry")

RUN_BUCKETS: tuple[float, ...] = (1, 2, 5, 10, 20, 30, 60, 120, 300, 600, 1800)
"""Upper bounds (seconds) of the run-time histogram; a run includes a person's hand-off
wait (up to ``--handoff-wait``, 600 s by default), hence the long tail."""
RETIRED = "(retired)"
"""The row that keeps the counters of pruned rows."""
STALE_BEATS = 3
"""A process missing this many heartbeats in a row is not live."""
MIN_STALE = 10.0


@dataclass
class RunStats:
    """A process's counters since it was first registered under its name."""

    claims: int = 0
    outcomes: dict[str, int] = field(default_factory=dict)
    """Runs by how they ended: submitted, filled, needs_user, needs_verification, failed,
    dead, retry (queued again after a failure), lost (the lease was taken away),
    handed_back (shutdown)."""
    retries: int = 0
    leases_expired: int = 0
    """Applications this process's reaper took back from workers that stopped renewing."""
    run_buckets: list[int] = field(default_factory=lambda: [0] * (len(RUN_BUCKETS) + 1))
    """Runs per bucket (not cumulative); the last bucket is above the last bound."""
    run_sum: float = 0.0
    run_count: int = 0

    def outcome(self, name: str, seconds: float | None = None) -> None:
        self.outcomes[name] = self.outcomes.get(name, 0) + 1
        if name == "retry":
            self.retries += 1
        if seconds is not None:
            self.observe(seconds)

    def observe(self, seconds: float) -> None:
        index = next((i for i, bound in enumerate(RUN_BUCKETS) if seconds <= bound), len(RUN_BUCKETS))
        self.run_buckets[index] += 1
        self.run_sum += seconds
        self.run_count += 1

    def add(self, other: RunStats) -> None:
        self.claims += other.claims
        for name, n in other.outcomes.items():
            self.outcomes[name] = self.outcomes.get(name, 0) + n
        self.retries += other.retries
        self.leases_expired += other.leases_expired
        self.run_buckets = [a + b for a, b in zip(self.run_buckets, other.run_buckets, strict=True)]
        self.run_sum += other.run_sum
        self.run_count += other.run_count

    def to_json(self) -> dict[str, Any]:
        return {
            "claims": self.claims,
            "outcomes": dict(self.outcomes),
            "retries": self.retries,
            "leases_expired": self.leases_expired,
            "run": {"bounds": list(RUN_BUCKETS), "buckets": list(self.run_buckets), "sum": self.run_sum},
        }

    @classmethod
    def from_json(cls, data: Any) -> RunStats:
        """Counters from a row (tolerant: a row written with other bucket bounds keeps its
        counts but not its run times)."""
        stats = cls()
        if not isinstance(data, dict):
            return stats
        stats.claims = int(data.get("claims") or 0)
        stats.outcomes = {str(k): int(v) for k, v in (data.get("outcomes") or {}).items()}
        stats.retries = int(data.get("retries") or 0)
        stats.leases_expired = int(data.get("leases_expired") or 0)
        run = data.get("run") or {}
        if list(run.get("bounds") or []) == list(RUN_BUCKETS):
            stats.run_buckets = [int(n) for n in run.get("buckets") or stats.run_buckets]
            stats.run_sum = float(run.get("sum") or 0.0)
            stats.run_count = sum(stats.run_buckets)
        return stats


def default_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


class Registration:
    """This process's row: registered on start, beaten while it runs, marked stopped at the
    end. Every write is best-effort (a registry that cannot be written never stops work)."""

    def __init__(
        self,
        store: FleetStore,
        *,
        name: str,
        kind: str = "worker",
        concurrency: int = 0,
        every: float = 10.0,
        stats: RunStats | None = None,
    ) -> None:
        self.store = store
        self.name = name
        self.kind = kind
        self.concurrency = concurrency
        self.every = every
        self.stats = stats or RunStats()

    async def start(self) -> None:
        """Write the row (taking over a previous one of the same name and its counters)."""
        now = time.time()
        w = t.workers

        async def go() -> None:
            async with self.store.tx() as conn:
                old = (
                    await conn.execute(select(w.c.stats).where(w.c.name == self.name).with_for_update())
                ).first()
                values = {
                    "kind": self.kind,
                    "host": socket.gethostname(),
                    "pid": os.getpid(),
                    "version": __version__,
                    "state": "running",
                    "started_at": now,
                    "last_seen": now,
                    "stopped_at": None,
                    "heartbeat_every": self.every,
                    "concurrency": self.concurrency,
                    "jobs": [],
                }
                if old is None:
                    await conn.execute(insert(w).values(name=self.name, stats=self.stats.to_json(), **values))
                    return
                carried = RunStats.from_json(old.stats)
                carried.add(self.stats)
                self.stats = carried
                await conn.execute(
                    update(w).where(w.c.name == self.name).values(stats=self.stats.to_json(), **values)
                )

        await self.store.retry(go)

    async def beat(self, jobs: list[dict[str, Any]], *, state: str = "running") -> None:
        """Seen now, holding ``jobs``, with the counters so far."""
        await self._write(state=state, jobs=jobs, last_seen=time.time(), stopped_at=None)

    async def stop(self) -> None:
        now = time.time()
        await self._write(state="stopped", jobs=[], last_seen=now, stopped_at=now)

    async def _write(self, **values: Any) -> None:
        w = t.workers

        async def go() -> int:
            async with self.store.tx() as conn:
                res = await conn.execute(
                    update(w).where(w.c.name == self.name).values(stats=self.stats.to_json(), **values)
                )
                return int(res.rowcount or 0)

        try:
            if not await self.store.retry(go, attempts=3):
                await self.start()  # pruned meanwhile (a long outage): register again
                await self.store.retry(go, attempts=3)
        except Exception as exc:
            log.warning("could not write the registry row of %s: %s", self.name, exc)


def is_live(row: dict[str, Any], now: float) -> bool:
    if row["stopped_at"] is not None or row["name"] == RETIRED:
        return False
    return now - row["last_seen"] <= max(MIN_STALE, STALE_BEATS * row["heartbeat_every"])


async def list_processes(
    store: FleetStore, *, kind: str | None = "worker", live_only: bool = False
) -> list[dict[str, Any]]:
    """The registry's rows (without the retired counters), newest first, each with ``live``."""
    w = t.workers
    q = select(w).where(w.c.name != RETIRED).order_by(w.c.started_at.desc(), w.c.name)
    if kind:
        q = q.where(w.c.kind == kind)
    async with store.engine.connect() as conn:
        rows = [dict(r) for r in (await conn.execute(q)).mappings()]
    now = time.time()
    out = []
    for row in rows:
        row["live"] = is_live(row, now)
        row["jobs"] = list(row["jobs"] or [])
        if row["live"] or not live_only:
            out.append(row)
    return out


async def all_rows(store: FleetStore) -> list[dict[str, Any]]:
    """Every row, the retired counters included (for the metrics)."""
    async with store.engine.connect() as conn:
        return [dict(r) for r in (await conn.execute(select(t.workers))).mappings()]


async def prune(store: FleetStore, *, older_than: float = 7 * 86_400) -> int:
    """Fold rows stopped or silent for ``older_than`` seconds into the ``(retired)`` row
    (their counters kept); returns how many went."""
    w = t.workers
    now = time.time()
    cutoff = now - older_than

    async def go() -> int:
        async with store.tx() as conn:
            rows = (
                await conn.execute(
                    select(w.c.name, w.c.stats)
                    .where(w.c.name != RETIRED, w.c.last_seen < cutoff)
                    .with_for_update(skip_locked=True)
                )
            ).all()
            if not rows:
                return 0
            retired = (
                await conn.execute(select(w.c.stats).where(w.c.name == RETIRED).with_for_update())
            ).first()
            total = RunStats.from_json(retired.stats if retired else None)
            for row in rows:
                total.add(RunStats.from_json(row.stats))
            values = {
                "kind": "retired",
                "host": "",
                "pid": 0,
                "version": __version__,
                "state": "stopped",
                "started_at": 0.0,
                "last_seen": now,
                "stopped_at": now,
                "heartbeat_every": 0.0,
                "concurrency": 0,
                "jobs": [],
                "stats": total.to_json(),
            }
            if retired is None:
                await conn.execute(insert(w).values(name=RETIRED, **values))
            else:
                await conn.execute(update(w).where(w.c.name == RETIRED).values(**values))
            await conn.execute(delete(w).where(w.c.name.in_([r.name for r in rows])))
            return len(rows)

    return await store.retry(go)


__all__ = [
    "RETIRED",
    "RUN_BUCKETS",
    "Registration",
    "RunStats",
    "all_rows",
    "default_name",
    "is_live",
    "list_processes",
    "prune",
]

"""Evidence retention: screenshots and page snapshots of finished applications are deleted
after ``--evidence-days`` (90 by default).

Evidence is the largest thing the fleet keeps (about 200 kB an application) and the most
sensitive (a picture of the filled form), and it is only needed while someone may still
look at it. So the API server runs :func:`purge_evidence` every hour, and
``jobpilot fleet purge-evidence`` does it once (for cron, or to apply a shorter period now).
Evidence of an application that is not finished (waiting for its person, parked, queued
again) is kept whatever its age: the person answers from it. Evidence whose application was
deleted goes at once. The application's row, its history and its record stay; only the
files go. Several API processes purging at once is harmless: a delete is idempotent.

On SQLite the file does not shrink by itself (the freed pages are reused); ``VACUUM``
returns them to the disk. PostgreSQL reuses the space after its autovacuum.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, delete, exists, func, not_, or_, select

from jobpilot.fleet import tables as t
from jobpilot.fleet.queue.base import FINAL
from jobpilot.fleet.store import FleetStore, is_transient

log = logging.getLogger("jobpilot.fleet.retention")

DEFAULT_DAYS = 90.0
EVERY = 3600.0
"""Seconds between two purges of a running server."""


@dataclass(frozen=True)
class Purged:
    """What one purge deleted."""

    files: int
    bytes: int
    applications: int


def _expired(cutoff: float) -> ColumnElement[bool]:
    """Evidence rows older than ``cutoff`` of a finished application, or of none at all."""
    job = t.jobs
    finished = exists().where(
        job.c.id == t.evidence.c.job_id,
        job.c.state.in_(FINAL),
    )
    orphan = not_(exists().where(job.c.id == t.evidence.c.job_id))
    return or_(orphan, and_(t.evidence.c.created_at < cutoff, finished))


async def purge_evidence(
    store: FleetStore, days: float = DEFAULT_DAYS, *, now: float | None = None, batch: int = 500
) -> Purged:
    """Delete the evidence older than ``days`` of finished applications (and of deleted
    ones), ``batch`` rows per transaction so a large first purge never holds a long lock."""
    if days <= 0:
        raise ValueError("days must be positive (0 means: keep evidence for ever, do not purge)")
    cutoff = (time.time() if now is None else now) - days * 86_400
    files = size = 0
    jobs: set[str] = set()
    while True:
        async with store.tx() as conn:
            rows = (
                await conn.execute(
                    select(t.evidence.c.id, t.evidence.c.job_id, func.length(t.evidence.c.data))
                    .where(_expired(cutoff))
                    .order_by(t.evidence.c.id)
                    .limit(batch)
                )
            ).all()
            if not rows:
                break
            await conn.execute(delete(t.evidence).where(t.evidence.c.id.in_([r[0] for r in rows])))
        files += len(rows)
        size += sum(int(r[2] or 0) for r in rows)
        jobs.update(r[1] for r in rows)
        if len(rows) < batch:
            break
    if files:
        log.info("evidence purged: %d file(s), %d bytes, %d application(s)", files, size, len(jobs))
    return Purged(files=files, bytes=size, applications=len(jobs))


async def purge_forever(store: FleetStore, days: float, every: float = EVERY) -> None:
    """The server's background purge: once at start, then every ``every`` seconds."""
    while True:
        try:
            await purge_evidence(store, days)
        except Exception as exc:
            if not is_transient(exc):
                log.exception("evidence purge")
        await asyncio.sleep(every)


__all__ = ["DEFAULT_DAYS", "Purged", "purge_evidence", "purge_forever"]

"""Saved jobs and the embeddings of jobs and resumes, for ``jobpilot match``.

SQLite (the default) keeps vectors as JSON and ranks in Python; PostgreSQL keeps them in a
pgvector ``vector`` column and ranks in SQL by cosine distance (``<=>``), so a large job
table is ranked by the database. Vectors of different embedders are never compared: each
row names its embedder, and a text whose digest changed is embedded again.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, func, insert, select, text, update

from jobpilot.models.providers import Job
from jobpilot.storage import schema
from jobpilot.storage.db import Database


def job_id(url: str) -> str:
    return hashlib.sha256(url.strip().encode("utf-8")).hexdigest()[:32]


def digest(text_: str) -> str:
    return hashlib.sha256(text_.encode("utf-8")).hexdigest()


def cosine(a: list[float], b: list[float]) -> float:
    dot = sum(x * y for x, y in zip(a, b, strict=False))
    na = math.sqrt(sum(x * x for x in a))
    nb = math.sqrt(sum(y * y for y in b))
    return dot / (na * nb) if na and nb else 0.0


@dataclass(frozen=True)
class SavedJob:
    id: str
    job: Job
    added_at: datetime


def _vec_literal(vector: list[float]) -> str:
    return "[" + ",".join(f"{x:.7g}" for x in vector) + "]"


class MatchStore:
    """Saved jobs and stored vectors in the JobPilot database."""

    def __init__(self, db: Database) -> None:
        self.db = db

    @property
    def is_postgres(self) -> bool:
        return self.db.engine.dialect.name == "postgresql"

    # --- jobs ------------------------------------------------------------------------------

    async def add_job(self, job: Job) -> str:
        """Save (or update) a job by URL; returns its id."""
        jid = job_id(job.url)
        t = schema.saved_jobs
        values = {"url": job.url, "title": job.title, "company": job.company, "description": job.description}
        async with self.db.engine.begin() as conn:
            exists = await conn.scalar(select(func.count()).where(t.c.id == jid))
            if exists:
                await conn.execute(update(t).where(t.c.id == jid).values(**values))
            else:
                await conn.execute(insert(t).values(id=jid, added_at=datetime.now(UTC), **values))
        return jid

    async def jobs(self) -> list[SavedJob]:
        t = schema.saved_jobs
        async with self.db.engine.connect() as conn:
            rows = (await conn.execute(select(t).order_by(t.c.added_at))).mappings().all()
        return [
            SavedJob(
                id=r["id"],
                job=Job(url=r["url"], title=r["title"], company=r["company"], description=r["description"]),
                added_at=r["added_at"],
            )
            for r in rows
        ]

    async def get_job(self, jid_or_url: str) -> SavedJob | None:
        for j in await self.jobs():
            if j.id.startswith(jid_or_url) or j.job.url == jid_or_url:
                return j
        return None

    async def remove_job(self, jid: str) -> bool:
        async with self.db.engine.begin() as conn:
            res = await conn.execute(delete(schema.saved_jobs).where(schema.saved_jobs.c.id == jid))
            await conn.execute(text("DELETE FROM embeddings WHERE kind = 'job' AND owner = :o"), {"o": jid})
            return bool(res.rowcount)

    # --- vectors ---------------------------------------------------------------------------

    async def stored_digests(self, kind: str, embedder: str) -> dict[str, str]:
        async with self.db.engine.connect() as conn:
            rows = await conn.execute(
                text("SELECT owner, digest FROM embeddings WHERE kind = :k AND embedder = :e"),
                {"k": kind, "e": embedder},
            )
            return {r[0]: r[1] for r in rows}

    async def put_vector(
        self, *, kind: str, owner: str, embedder: str, text_digest: str, vector: list[float]
    ) -> None:
        now = datetime.now(UTC)
        params: dict[str, Any] = {
            "k": kind,
            "o": owner,
            "e": embedder,
            "n": len(vector),
            "d": text_digest,
            "t": now,
        }
        if self.is_postgres:
            params["v"] = _vec_literal(vector)
            sql = (
                "INSERT INTO embeddings (kind, owner, embedder, dimensions, digest, vector, updated_at)"
                " VALUES (:k, :o, :e, :n, :d, CAST(:v AS vector), :t)"
                " ON CONFLICT (kind, owner, embedder) DO UPDATE SET dimensions = EXCLUDED.dimensions,"
                " digest = EXCLUDED.digest, vector = EXCLUDED.vector, updated_at = EXCLUDED.updated_at"
            )
            async with self.db.engine.begin() as conn:
                await conn.execute(text(sql), params)
            return
        t = schema.embeddings
        async with self.db.engine.begin() as conn:
            await conn.execute(
                delete(t).where(t.c.kind == kind, t.c.owner == owner, t.c.embedder == embedder)
            )
            await conn.execute(
                insert(t).values(
                    kind=kind,
                    owner=owner,
                    embedder=embedder,
                    dimensions=len(vector),
                    digest=text_digest,
                    vector=vector,
                    updated_at=now,
                )
            )

    async def get_vector(self, *, kind: str, owner: str, embedder: str) -> list[float] | None:
        async with self.db.engine.connect() as conn:
            if self.is_postgres:
                raw = await conn.scalar(
                    text(
                        "SELECT CAST(vector AS text) FROM embeddings"
                        " WHERE kind = :k AND owner = :o AND embedder = :e"
                    ),
                    {"k": kind, "o": owner, "e": embedder},
                )
                return [float(x) for x in json.loads(raw)] if raw is not None else None
            t = schema.embeddings
            val = await conn.scalar(
                select(t.c.vector).where(t.c.kind == kind, t.c.owner == owner, t.c.embedder == embedder)
            )
            return [float(x) for x in val] if val is not None else None

    async def nearest_jobs(
        self, query: list[float], *, embedder: str, limit: int = 20
    ) -> list[tuple[str, float]]:
        """(job id, cosine similarity) of the saved jobs closest to ``query``, best first."""
        async with self.db.engine.connect() as conn:
            if self.is_postgres:
                rows = await conn.execute(
                    text(
                        "SELECT owner, 1 - (vector <=> CAST(:q AS vector)) AS sim FROM embeddings"
                        " WHERE kind = 'job' AND embedder = :e AND dimensions = :n"
                        " ORDER BY vector <=> CAST(:q AS vector) LIMIT :lim"
                    ),
                    {"q": _vec_literal(query), "e": embedder, "n": len(query), "lim": limit},
                )
                return [(r[0], float(r[1])) for r in rows]
            t = schema.embeddings
            rows = await conn.execute(
                select(t.c.owner, t.c.vector).where(
                    t.c.kind == "job", t.c.embedder == embedder, t.c.dimensions == len(query)
                )
            )
            scored = [(r[0], cosine(query, [float(x) for x in r[1]])) for r in rows]
        scored.sort(key=lambda p: p[1], reverse=True)
        return scored[:limit]

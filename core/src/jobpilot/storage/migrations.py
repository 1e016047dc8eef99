"""Versioned schema migrations, applied in order, each exactly once.

Append a new function to ``MIGRATIONS``; never edit one that has shipped.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import Connection, insert, inspect, select, text

from jobpilot.storage import schema


def _v1_initial(conn: Connection) -> None:
    schema.profiles.create(conn, checkfirst=True)
    schema.runs.create(conn, checkfirst=True)


def _v2_site_credentials(conn: Connection) -> None:
    """Accounts JobPilot created on ATS sites that require one (Workday tenants)."""
    schema.site_credentials.create(conn, checkfirst=True)


def _v3_fleet(conn: Connection) -> None:
    """The fleet: users and API tokens, applicants and resumes, the application queue, the
    submission ledger, the event log and evidence (``jobpilot.fleet.tables``)."""
    from jobpilot.fleet import tables

    for table in tables.ALL:
        table.create(conn, checkfirst=True)


def _v4_matching(conn: Connection) -> None:
    """Saved jobs and the embeddings of jobs and resumes for ``jobpilot match``.

    On PostgreSQL the vector column is a pgvector ``vector`` (ranked in SQL with ``<=>``);
    elsewhere it is JSON and ranked in Python (``jobpilot.storage.matching``)."""
    schema.saved_jobs.create(conn, checkfirst=True)
    if conn.dialect.name == "postgresql":
        conn.execute(text("CREATE EXTENSION IF NOT EXISTS vector"))
        conn.execute(
            text(
                "CREATE TABLE IF NOT EXISTS embeddings ("
                " kind VARCHAR(16) NOT NULL, owner VARCHAR(200) NOT NULL,"
                " embedder VARCHAR(100) NOT NULL, dimensions INTEGER NOT NULL,"
                " digest VARCHAR(64) NOT NULL, vector vector NOT NULL,"
                " updated_at TIMESTAMP WITH TIME ZONE NOT NULL,"
                " PRIMARY KEY (kind, owner, embedder))"
            )
        )
    else:
        schema.embeddings.create(conn, checkfirst=True)


MIGRATIONS: list[Callable[[Connection], None]] = [
    _v1_initial,
    _v2_site_credentials,
    _v3_fleet,
    _v4_matching,
]


def current_version(conn: Connection) -> int:
    if not inspect(conn).has_table("schema_version"):
        return 0
    rows = conn.execute(select(schema.schema_version.c.version)).scalars().all()
    return max(rows, default=0)


def migrate(conn: Connection) -> int:
    """Bring the schema up to date; returns the resulting version."""
    schema.schema_version.create(conn, checkfirst=True)
    version = current_version(conn)
    for number, step in enumerate(MIGRATIONS[version:], start=version + 1):
        step(conn)
        conn.execute(insert(schema.schema_version).values(version=number, applied_at=datetime.now(UTC)))
        version = number
    return version

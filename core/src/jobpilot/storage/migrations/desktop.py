"""The desktop database's versions, frozen as they shipped. Append; never edit.

Version numbers are those of releases before the tracks were split: version 3 created the
fleet's tables in every database; it is empty now (the fleet has its own track, which
adopts tables an older release made), so a new desktop database has no fleet tables and an
old one keeps what it has.
"""

from __future__ import annotations

from sqlalchemy import Connection

from jobpilot.storage.migrations import Track, run_ddl


def _version_table(conn: Connection) -> None:
    run_ddl(
        conn,
        [
            "CREATE TABLE IF NOT EXISTS schema_version ("
            " version {SERIAL} NOT NULL, applied_at {TIMESTAMP} NOT NULL, PRIMARY KEY (version))"
        ],
    )


def v1_profiles_and_runs(conn: Connection) -> None:
    """Encrypted profiles and application run records."""
    run_ddl(
        conn,
        [
            "CREATE TABLE IF NOT EXISTS profiles ("
            " name VARCHAR(200) NOT NULL, data {BLOB} NOT NULL,"
            " created_at {TIMESTAMP} NOT NULL, updated_at {TIMESTAMP} NOT NULL,"
            " PRIMARY KEY (name))",
            "CREATE TABLE IF NOT EXISTS application_runs ("
            " id VARCHAR(64) NOT NULL, url TEXT NOT NULL, site VARCHAR(255) NOT NULL,"
            " ats VARCHAR(64), profile VARCHAR(200), status VARCHAR(32) NOT NULL,"
            " submitted BOOLEAN NOT NULL, record JSON NOT NULL,"
            " started_at {TIMESTAMP} NOT NULL, finished_at {TIMESTAMP},"
            " PRIMARY KEY (id))",
            "CREATE INDEX IF NOT EXISTS ix_application_runs_site ON application_runs (site)",
            "CREATE INDEX IF NOT EXISTS ix_application_runs_started_at ON application_runs (started_at)",
            "CREATE INDEX IF NOT EXISTS ix_application_runs_status ON application_runs (status)",
        ],
    )


def v2_site_credentials(conn: Connection) -> None:
    """Accounts JobPilot created on ATS sites that require one (Workday tenants)."""
    run_ddl(
        conn,
        [
            "CREATE TABLE IF NOT EXISTS site_credentials ("
            " ats VARCHAR(64) NOT NULL, tenant VARCHAR(255) NOT NULL, account VARCHAR(64) NOT NULL,"
            " secret {BLOB} NOT NULL, created_at {TIMESTAMP} NOT NULL, updated_at {TIMESTAMP} NOT NULL,"
            " PRIMARY KEY (ats, tenant, account))"
        ],
    )


def v3_fleet_moved(conn: Connection) -> None:
    """Shipped as "the fleet's tables"; those are the fleet track's version 1 now."""


def v4_matching(conn: Connection) -> None:
    """Saved jobs and the embeddings of jobs and resumes for ``jobpilot match``: on
    PostgreSQL the vector is a pgvector ``vector`` (ranked in SQL with ``<=>``), elsewhere
    JSON ranked in Python."""
    vector = "JSON"
    statements = [
        "CREATE TABLE IF NOT EXISTS saved_jobs ("
        " id VARCHAR(64) NOT NULL, url TEXT NOT NULL, title TEXT NOT NULL, company TEXT NOT NULL,"
        " description TEXT NOT NULL, added_at {TIMESTAMP} NOT NULL, PRIMARY KEY (id))",
    ]
    if conn.dialect.name == "postgresql":
        statements.append("CREATE EXTENSION IF NOT EXISTS vector")
        vector = "vector"
    statements.append(
        "CREATE TABLE IF NOT EXISTS embeddings ("
        " kind VARCHAR(16) NOT NULL, owner VARCHAR(200) NOT NULL, embedder VARCHAR(100) NOT NULL,"
        " dimensions INTEGER NOT NULL, digest VARCHAR(64) NOT NULL,"
        f" vector {vector} NOT NULL, updated_at {{TIMESTAMP}} NOT NULL,"
        " PRIMARY KEY (kind, owner, embedder))"
    )
    run_ddl(conn, statements)


DESKTOP = Track(
    name="desktop",
    table="schema_version",
    steps=(v1_profiles_and_runs, v2_site_credentials, v3_fleet_moved, v4_matching),
    create_table=_version_table,
)

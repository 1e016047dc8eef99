"""Versioned registry migrations, applied in order, each exactly once.

Append a new function to ``MIGRATIONS``; never edit one that has shipped.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import Connection, insert, inspect, select

from jobpilot_registry import schema


def _v1_initial(conn: Connection) -> None:
    for table in schema.ALL:
        table.create(conn, checkfirst=True)


MIGRATIONS: list[Callable[[Connection], None]] = [_v1_initial]


def current_version(conn: Connection) -> int:
    if not inspect(conn).has_table(schema.schema_version.name):
        return 0
    return max(conn.execute(select(schema.schema_version.c.version)).scalars().all(), default=0)


def migrate(conn: Connection) -> int:
    """Bring the registry schema up to date; returns the resulting version."""
    schema.schema_version.create(conn, checkfirst=True)
    version = current_version(conn)
    for number, step in enumerate(MIGRATIONS[version:], start=version + 1):
        step(conn)
        conn.execute(insert(schema.schema_version).values(version=number, applied_at=datetime.now(UTC)))
        version = number
    return version

"""Versioned registry migrations, applied in order, each exactly once.

Append a new function to ``MIGRATIONS``; never edit one that has shipped.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import Connection, insert, inspect, select

from jobpilot_registry import schema
from jobpilot_registry.names import plugin_key


def _v1_initial(conn: Connection) -> None:
    for table in schema.ALL:
        if table is not schema.plugin_names:  # added by v2
            table.create(conn, checkfirst=True)


def _v2_plugin_names(conn: Connection) -> None:
    """Plugin names become owned: each name goes to the project that published it first."""
    schema.plugin_names.create(conn, checkfirst=True)
    rows = conn.execute(
        select(schema.plugins.c.name, schema.releases.c.project_id, schema.releases.c.created_at)
        .join(schema.releases, schema.releases.c.id == schema.plugins.c.release_id)
        .order_by(schema.plugins.c.release_id)
    ).all()
    claimed: set[str] = set()
    for name, project_id, created_at in rows:
        key = plugin_key(name)
        if key not in claimed:
            claimed.add(key)
            conn.execute(
                insert(schema.plugin_names).values(key=key, project_id=project_id, claimed_at=created_at)
            )


MIGRATIONS: list[Callable[[Connection], None]] = [_v1_initial, _v2_plugin_names]


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

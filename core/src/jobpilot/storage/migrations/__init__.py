"""Versioned schema migrations: frozen DDL per version, applied in order, each exactly once.

Two tracks, each with its own version table, so a desktop database holds none of the
fleet's tables and the fleet's database none of the desktop's:

- ``DESKTOP`` (table ``schema_version``): profiles, run records, site accounts, saved jobs
  and embeddings (:mod:`.desktop`);
- ``FLEET`` (table ``fleet_schema_version``): users, the queue, the ledger, events, evidence,
  candidate accounts ... (:mod:`.fleet`).

A step is the DDL of its version *as it shipped*, written out as SQL text per dialect: it
never reads today's table definitions (``storage/schema.py``, ``fleet/tables.py``), which
describe the newest version for the code that queries them. A shipped step never changes;
a change is a new step at the end. Tests upgrade databases made by a released version
(``tests/fleet/fixtures/release-*``) and check that the result matches a fresh database and
today's table definitions.

Code refuses a database whose version is newer than the steps it knows
(:class:`SchemaTooNew`): it would read and write columns it does not understand.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, inspect, text

from jobpilot.errors import JobPilotError

Step = Callable[[Connection], None]
"""One version: frozen DDL (and, where needed, data changes) run in the migration's transaction."""


class SchemaTooNew(JobPilotError):
    """The database was migrated by a newer JobPilot than this one."""


@dataclass(frozen=True)
class Track:
    """An ordered list of versions with its own version table."""

    name: str
    table: str
    steps: Sequence[Step]
    create_table: Callable[[Connection], None]
    """Creates the version table (frozen DDL too)."""
    adopt: Callable[[Connection], int] | None = None
    """For a database made before this track had its own version table: the version its
    tables already are (0: none)."""

    @property
    def latest(self) -> int:
        return len(self.steps)


def run_ddl(conn: Connection, statements: Sequence[str]) -> None:
    """Execute frozen DDL, one statement at a time, with the dialect's type names put in:
    ``{BLOB}``, ``{TIMESTAMP}`` (with time zone), ``{SERIAL}`` (an auto-numbered integer
    key)."""
    names = DIALECT_TYPES.get(conn.dialect.name, DIALECT_TYPES["sqlite"])
    for statement in statements:
        conn.execute(text(statement.format(**names)))


DIALECT_TYPES: dict[str, dict[str, str]] = {
    "sqlite": {"BLOB": "BLOB", "TIMESTAMP": "DATETIME", "SERIAL": "INTEGER"},
    "postgresql": {"BLOB": "BYTEA", "TIMESTAMP": "TIMESTAMP WITH TIME ZONE", "SERIAL": "SERIAL"},
}
"""What SQLAlchemy emitted for ``LargeBinary``, ``DateTime(timezone=True)`` and an integer
primary key when these versions shipped, so old and new databases are alike."""


def current_version(conn: Connection, track: Track) -> int:
    """The version the database is at on this track (0: never migrated)."""
    if not inspect(conn).has_table(track.table):
        return track.adopt(conn) if track.adopt else 0
    found = conn.execute(text(f"SELECT MAX(version) FROM {track.table}")).scalar()
    return int(found or 0)


def pending(conn: Connection, track: Track) -> list[int]:
    """Versions the database still needs. :raises SchemaTooNew: it is ahead of this code."""
    version = current_version(conn, track)
    check_not_newer(version, track)
    return list(range(version + 1, track.latest + 1))


def check_not_newer(version: int, track: Track) -> None:
    if version > track.latest:
        raise SchemaTooNew(
            f"the {track.name} database is at schema version {version}, newer than this JobPilot"
            f" knows (up to {track.latest})",
            hint="upgrade JobPilot on this machine to the version that migrated the database"
            " (never run older code against it)",
        )


def migrate(conn: Connection, track: Track) -> int:
    """Bring the database up to date on one track; returns the resulting version.

    :raises SchemaTooNew: the database is newer than this code."""
    adopted = not inspect(conn).has_table(track.table)
    version = current_version(conn, track)
    check_not_newer(version, track)
    if adopted:
        track.create_table(conn)
        for number in range(1, version + 1):  # tables made before the track had its own table
            _record(conn, track, number)
    for number in range(version + 1, track.latest + 1):
        track.steps[number - 1](conn)
        _record(conn, track, number)
        version = number
    return version


def _record(conn: Connection, track: Track, number: int) -> None:
    conn.execute(
        text(f"INSERT INTO {track.table} (version, applied_at) VALUES (:v, :at)"),
        {"v": number, "at": datetime.now(UTC)},
    )


def migrate_desktop(conn: Connection) -> int:
    """The desktop track (``Database.open`` runs it)."""
    from jobpilot.storage.migrations.desktop import DESKTOP

    return migrate(conn, DESKTOP)


def migrate_fleet(conn: Connection) -> int:
    """The fleet track (``FleetStore.open`` runs it)."""
    from jobpilot.storage.migrations.fleet import FLEET

    return migrate(conn, FLEET)


__all__ = [
    "SchemaTooNew",
    "Step",
    "Track",
    "check_not_newer",
    "current_version",
    "migrate",
    "migrate_desktop",
    "migrate_fleet",
    "pending",
    "run_ddl",
]

"""``jobpilot db upgrade|current|check``: the schema version of a database, and migrating it
on purpose (fleet processes check the schema; only ``serve`` migrates by itself, and
``serve --no-migrate`` leaves it to this command)."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import click

TRACK_HELP = "The desktop database's tables instead of the fleet's."


def _url(explicit: str | None) -> str:
    from jobpilot.config import load_settings

    return explicit or load_settings().database_url


def _track(desktop: bool) -> Any:
    if desktop:
        from jobpilot.storage.migrations.desktop import DESKTOP

        return DESKTOP
    from jobpilot.storage.migrations.fleet import FLEET

    return FLEET


async def _status(url: str, track: Any, *, upgrade: bool = False) -> dict[str, Any]:
    from sqlalchemy import text
    from sqlalchemy.ext.asyncio import create_async_engine

    from jobpilot.fleet.store import _MIGRATION_LOCK
    from jobpilot.storage.migrations import current_version, migrate

    engine = create_async_engine(url)
    try:
        async with engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                await conn.execute(text(f"SELECT pg_advisory_xact_lock({_MIGRATION_LOCK})"))
            before = await conn.run_sync(lambda c: current_version(c, track))
            after = await conn.run_sync(lambda c: migrate(c, track)) if upgrade else before
    finally:
        await engine.dispose()
    return {
        "track": track.name,
        "version": after,
        "was": before,
        "latest": track.latest,
        "pending": list(range(after + 1, track.latest + 1)),
    }


DB_URL = click.option(
    "--database-url", default=None, help="SQLAlchemy URL (default: $JOBPILOT_DATABASE_URL)."
)
DESKTOP = click.option("--desktop", is_flag=True, help=TRACK_HELP)


@click.group()
def db() -> None:
    """The database schema: which version it is at, and upgrading it."""


@db.command()
@DB_URL
@DESKTOP
def current(database_url: str | None, desktop: bool) -> None:
    """Print the schema version, the newest this JobPilot knows, and what is pending."""
    out = asyncio.run(_status(_url(database_url), _track(desktop)))
    out.pop("was")
    click.echo(json.dumps(out))


@db.command()
@DB_URL
@DESKTOP
def check(database_url: str | None, desktop: bool) -> None:
    """Exit 0 when the schema is up to date; 1 (saying why) when it needs an upgrade or was
    migrated by a newer JobPilot."""
    from jobpilot.errors import JobPilotError
    from jobpilot.storage.migrations import check_not_newer

    track = _track(desktop)
    out = asyncio.run(_status(_url(database_url), track))
    check_not_newer(out["version"], track)
    if out["pending"]:
        raise JobPilotError(
            f"the {track.name} database is at schema version {out['version']}; this JobPilot needs"
            f" {track.latest}",
            hint="run `jobpilot db upgrade` (with the same --database-url)",
        )
    click.echo(f"up to date: {track.name} schema version {out['version']}")


@db.command()
@DB_URL
@DESKTOP
def upgrade(database_url: str | None, desktop: bool) -> None:
    """Apply the pending migrations (each exactly once; safe to run from several machines
    at once on PostgreSQL). Refuses a database migrated by a newer JobPilot."""
    out = asyncio.run(_status(_url(database_url), _track(desktop), upgrade=True))
    click.echo(json.dumps({"track": out["track"], "from": out["was"], "to": out["version"]}))

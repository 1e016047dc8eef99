"""``jobpilot fleet ...``: what an operator does without writing SQL. Commands talk to the
fleet database directly (``--database-url``, default ``$JOBPILOT_DATABASE_URL``), so they work
with the API down; the dashboard's operator view does the same through the admin API."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import click

T = TypeVar("T")

DB_URL = click.option(
    "--database-url",
    default=None,
    help="SQLAlchemy URL of the fleet database (default: $JOBPILOT_DATABASE_URL).",
)


def _url(explicit: str | None) -> str:
    from jobpilot.config import load_settings

    return explicit or load_settings().database_url


def with_store(url: str | None, fn: Callable[[Any], Awaitable[T]], *, key: bool = False) -> T:
    """Run ``fn(store)`` on the open fleet database (its schema checked, never migrated;
    with ``key`` the shared key is checked first)."""
    from jobpilot.fleet.store import FleetStore

    async def go() -> T:
        store = FleetStore(_url(url))
        try:
            await store.open(migrate=False)
            if key:
                from jobpilot.fleet.keys import verify_key

                await verify_key(store)
            return await fn(store)
        finally:
            await store.close()

    return asyncio.run(go())


def echo_json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, default=str))


@click.group()
def fleet() -> None:
    """Operate a fleet: keys, workers, the queue across users, users and their tokens."""


@fleet.command("new-key")
def new_key() -> None:
    """Print a new secret key (set it as JOBPILOT_SECRET_KEY on every fleet process)."""
    from jobpilot.storage.crypto import new_key as make

    click.echo(make())


@fleet.command("rotate-key")
@DB_URL
@click.option("--batch", default=200, show_default=True, type=click.IntRange(1, 10_000))
def rotate_key(database_url: str | None, batch: int) -> None:
    """Re-encrypt every stored secret with the first key of JOBPILOT_SECRET_KEY.

    Rotation: set JOBPILOT_SECRET_KEY="NEW,OLD" on every process and restart them, run this
    (safe beside live workers, and to re-run), then set JOBPILOT_SECRET_KEY="NEW"."""
    from jobpilot.fleet.keys import rotate_all

    done = with_store(database_url, lambda s: rotate_all(s, batch=batch), key=True)
    echo_json({"re_encrypted": done})

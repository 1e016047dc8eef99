"""Helpers shared by commands: running coroutines, the database, output."""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import Coroutine
from typing import Any, TypeVar

import click

T = TypeVar("T")


def run(coro: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(coro)


def echo_json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


def progress(message: str) -> None:
    """A progress line on stderr, so --json output on stdout stays clean."""
    if sys.stderr.isatty():
        click.echo(click.style("› ", fg="cyan") + message, err=True)
    else:
        click.echo(f"> {message}", err=True)


def database():  # type: ignore[no-untyped-def]
    from jobpilot.config import load_settings
    from jobpilot.storage import Database

    return Database(load_settings().database_url)

"""Helpers shared by commands: running coroutines, the database, output."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from collections.abc import Coroutine
from typing import Any, TypeVar

import click

T = TypeVar("T")


def run(coro: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(coro)


def exit_now(code: int = 0) -> None:
    """End a one-shot command at once, output flushed, skipping the graceful browser shutdown.

    Playwright's driver ends Chromium when our end of its pipe closes, so nothing is left
    running; the graceful close costs about a quarter of a second the person would wait for.
    Only for commands with nothing left to write (no database, no files).
    """
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


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

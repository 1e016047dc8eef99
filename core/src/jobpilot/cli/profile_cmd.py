"""``jobpilot profile``: import a JSON Resume document plus answers; list and show."""

from __future__ import annotations

from pathlib import Path

import click

from jobpilot.cli.common import database, echo_json, run


@click.group()
def profile() -> None:
    """Import and show applicant profiles."""


@profile.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--answers", type=click.Path(path_type=Path), help="YAML/JSON of extra answers.")
@click.option("--name", default="default", show_default=True, help="Name to store it under.")
def import_(file: Path, answers: Path | None, name: str) -> None:
    """Read FILE (a JSON Resume document) and store it, encrypted, as profile NAME.

    Nothing is stored unless the whole profile is valid; every problem is listed with its path.
    """
    from jobpilot.profile_io import load_profile

    prof = load_profile(file, answers)

    async def store() -> None:
        async with database() as db:
            await db.save_profile(name, prof)

    run(store())
    click.echo(f"imported profile {name!r}: {prof.basics.name} <{prof.basics.email}>")


@profile.command("list")
def list_() -> None:
    """Names of stored profiles."""

    async def names() -> list[str]:
        async with database() as db:
            return await db.list_profiles()

    for n in run(names()):
        click.echo(n)


@profile.command("show")
@click.argument("name", default="default")
def show(name: str) -> None:
    """Print a stored profile as JSON."""
    from jobpilot.errors import UsageError

    async def get():  # type: ignore[no-untyped-def]
        async with database() as db:
            return await db.get_profile(name)

    prof = run(get())
    if prof is None:
        raise UsageError(f"no profile named {name!r}", hint="jobpilot profile import FILE --name NAME")
    echo_json(prof.model_dump(mode="json", by_alias=True, exclude_none=True))

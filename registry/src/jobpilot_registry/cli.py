"""``jobpilot registry``: run the plugin registry and manage its publishers.

Every command takes ``--data DIR`` (files, and the SQLite database unless ``--database`` is
given; default ``$JOBPILOT_HOME/registry``) and ``--database URL`` (SQLAlchemy async URL,
e.g. ``postgresql+asyncpg://user@host/db``); ``JOBPILOT_REGISTRY_DATA`` and
``JOBPILOT_REGISTRY_DATABASE`` set them for a whole shell.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable, Coroutine
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

T = TypeVar("T")


def _default_data() -> Path:
    from jobpilot.config import home

    return home() / "registry"


def _store_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    fn = click.option(
        "--database",
        envvar="JOBPILOT_REGISTRY_DATABASE",
        help="SQLAlchemy async URL (default: SQLite registry.db under --data).",
    )(fn)
    fn = click.option(
        "--data",
        "data",
        envvar="JOBPILOT_REGISTRY_DATA",
        type=click.Path(file_okay=False, path_type=Path),
        help="Directory for files and the default SQLite database [default: $JOBPILOT_HOME/registry].",
    )(fn)
    return fn


def _store(data: Path | None, database: str | None):  # type: ignore[no-untyped-def]
    from jobpilot_registry.store import RegistryStore

    return RegistryStore((data or _default_data()).expanduser(), database)


def _run(fn: Callable[..., Coroutine[Any, Any, T]]) -> Callable[..., T]:
    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> T:
        from jobpilot_registry.errors import RegistryError

        try:
            return asyncio.run(fn(*args, **kwargs))
        except RegistryError as exc:
            raise click.ClickException(exc.message) from None
        except OSError as exc:
            raise click.ClickException(f"cannot open the registry's storage: {exc}") from None

    return wrapper


@click.group()
def registry() -> None:
    """Run the plugin registry (a package index twine and pip speak to)."""


@registry.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8765, show_default=True, type=int, help="Port (0 picks a free one).")
@_store_options
@click.option(
    "--max-upload-mb", default=50.0, show_default=True, type=float, help="Largest file accepted, in MiB."
)
@click.option("--public-url", help="The URL clients reach this registry at, if not the one they used.")
@click.option(
    "--cache-ttl",
    default=10.0,
    show_default=True,
    type=float,
    help="Seconds a rendered index page is reused (writes here invalidate at once; this bounds "
    "staleness when several servers share one database). 0 disables the cache.",
)
def serve(
    host: str,
    port: int,
    data: Path | None,
    database: str | None,
    max_upload_mb: float,
    public_url: str | None,
    cache_ttl: float,
) -> None:
    """Serve the simple index, the upload API, plugin search and the plugin page.

    Prints one line 'jobpilot registry listening on URL' on stdout when ready.
    """
    import logging

    from jobpilot_registry.server import serve as serve_

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s", stream=sys.stderr)
    store = _store(data, database)

    def ready(url: str) -> None:
        click.echo(f"jobpilot registry listening on {url}", nl=True)
        sys.stdout.flush()
        click.echo(
            f"  pip install --index-url {url}simple/ PROJECT\n"
            f"  twine upload --repository-url {url}legacy/ -u __token__ -p TOKEN dist/*\n"
            f"  data: {store.data_dir}  database: {store.database_url.split('@')[-1]}",
            err=True,
        )

    try:
        asyncio.run(
            serve_(
                store,
                host=host,
                port=port,
                max_upload=int(max_upload_mb * 1024 * 1024),
                public_url=public_url,
                cache_ttl=cache_ttl,
                on_ready=ready,
            )
        )
    except KeyboardInterrupt:
        pass
    except OSError as exc:
        raise click.ClickException(f"cannot serve on {host}:{port}: {exc}") from None


@registry.group()
def token() -> None:
    """Publisher API tokens (twine: user __token__, password the token)."""


@token.command("create")
@click.option("--user", required=True, help="The publisher (created if new).")
@click.option("--description", default="", help="A note to recognise the token by.")
@_store_options
@_run
async def token_create(user: str, description: str, data: Path | None, database: str | None) -> None:
    """Create a token and print it (only the token, on one line). It is shown once."""
    async with _store(data, database) as store:
        tok = await store.create_token(user, description=description)
    click.echo(tok)


@token.command("list")
@_store_options
@_run
async def token_list(data: Path | None, database: str | None) -> None:
    """Tokens by id, user and first characters (the tokens themselves are not stored)."""
    async with _store(data, database) as store:
        for t in await store.list_tokens():
            state = "revoked" if t["revoked"] else "active"
            click.echo(f"{t['id']}\t{t['user']}\t{t['prefix']}...\t{state}\t{t['description']}")


@token.command("revoke")
@click.argument("token_id", type=int)
@_store_options
@_run
async def token_revoke(token_id: int, data: Path | None, database: str | None) -> None:
    """Revoke a token by its id (see 'token list')."""
    async with _store(data, database) as store:
        if not await store.revoke_token(token_id):
            raise click.ClickException(f"no active token with id {token_id}")
    click.echo(f"revoked token {token_id}", err=True)


@registry.command()
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path, resolve_path=True)
)
@click.option(
    "--user",
    default="jobpilot",
    show_default=True,
    help="The publisher who will own new projects (created if new).",
)
@click.option(
    "--skip-existing", is_flag=True, help="Pass over files the registry already has, byte for byte."
)
@_store_options
@_run
async def publish(
    files: tuple[Path, ...], user: str, skip_existing: bool, data: Path | None, database: str | None
) -> None:
    """Publish distribution files (or every wheel in a folder) from this machine.

    The way JobPilot's own distributions (jobpilot-core, jobpilot-host, jobpilot-registry),
    which no upload may create, and the bundled plugins get onto the registry:

        uv build --all-packages --wheel -o wheels && jobpilot registry publish wheels

    The same checks as an upload apply; the server need not be stopped.
    """
    from jobpilot_registry.local_publish import publish_files, wheels_in

    paths: list[Path] = []
    for f in files:
        paths += wheels_in(f) if f.is_dir() else [f]
    if not paths:
        raise click.ClickException("no wheels found in " + ", ".join(map(str, files)))
    async with _store(data, database) as store:
        for done in await publish_files(store, paths, user=user, skip_existing=skip_existing):
            click.echo(f"{done.status} {done.path.name}")


@registry.command("add-owner")
@click.argument("project")
@click.argument("user")
@_store_options
@_run
async def add_owner(project: str, user: str, data: Path | None, database: str | None) -> None:
    """Let USER upload new versions of PROJECT too."""
    async with _store(data, database) as store:
        await store.add_owner(project, user)
    click.echo(f"{user} now owns {project}", err=True)


@registry.command()
@click.argument("project")
@click.argument("version")
@click.option("--reason", default="", help="Shown to installers (PEP 592).")
@click.option("--undo", is_flag=True, help="Un-yank the release.")
@_store_options
@_run
async def yank(
    project: str, version: str, reason: str, undo: bool, data: Path | None, database: str | None
) -> None:
    """Yank a release: installers skip it unless pinned with ==."""
    async with _store(data, database) as store:
        await store.yank(project, version, reason=reason, yanked=not undo)
    click.echo(f"{'un-yanked' if undo else 'yanked'} {project} {version}", err=True)

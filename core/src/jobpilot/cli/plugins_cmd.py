"""``jobpilot plugins``: what is installed, loaded, failed, and why."""

from __future__ import annotations

import click

from jobpilot.cli.common import echo_json


@click.group()
def plugins() -> None:
    """List and manage plugins."""


@plugins.command("list")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def list_(as_json: bool) -> None:
    """Every plugin found, with version, hooks, URL patterns and status."""
    from jobpilot.config import load_settings
    from jobpilot.plugins import load

    pm = load(disabled=load_settings().disabled_plugins)
    infos = sorted(pm.infos.values(), key=lambda i: i.name)
    if as_json:
        echo_json([i.as_dict() for i in infos])
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title="JobPilot plugins")
    for col in ("name", "version", "ats", "hooks", "url patterns", "status"):
        table.add_column(col)
    for i in infos:
        status = i.status if i.status != "failed" else f"[red]failed: {i.error}[/red]"
        table.add_row(
            i.name,
            i.version or "-",
            i.ats or "-",
            ", ".join(i.hooks or i.declared_hooks),
            "\n".join(i.url_patterns),
            status,
        )
    Console().print(table)

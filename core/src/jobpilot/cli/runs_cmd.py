"""``jobpilot runs``: past applications, their status and where the evidence is."""

from __future__ import annotations

import click

from jobpilot.cli.common import database, echo_json, run


@click.command()
@click.option("--limit", default=20, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def runs(limit: int, as_json: bool) -> None:
    """List recent applications (newest first)."""

    async def fetch():  # type: ignore[no-untyped-def]
        async with database() as db:
            return await db.list_runs(limit)

    records = run(fetch())
    if as_json:
        echo_json([r.model_dump(mode="json") for r in records])
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title="Applications")
    for col in ("started", "status", "ats", "filled", "left for you", "url"):
        table.add_column(col)
    for r in records:
        filled = sum(1 for x in r.results if x.ok)
        table.add_row(
            r.started_at.strftime("%Y-%m-%d %H:%M"),
            r.status,
            r.detection.ats if r.detection else "-",
            str(filled),
            str(len(r.needs_user)),
            r.url,
        )
    Console().print(table)

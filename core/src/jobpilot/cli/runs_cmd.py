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
        # ``counts``: the same numbers the extension's popup and the page summary show
        echo_json([r.model_dump(mode="json") | {"counts": r.counts().model_dump()} for r in records])
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title="Applications")
    for col in ("started", "status", "ats", "filled", "to check", "left for you", "url"):
        table.add_column(col)
    for r in records:
        c = r.counts()  # one definition, shared with the extension's popup and page summary
        table.add_row(
            r.started_at.strftime("%Y-%m-%d %H:%M"),
            r.status,
            r.detection.ats if r.detection else "-",
            str(c.filled),
            str(c.review),
            str(c.left),
            r.url,
        )
    Console().print(table)

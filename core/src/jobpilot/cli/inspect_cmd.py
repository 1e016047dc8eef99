"""``jobpilot inspect``: the detected ATS and every field's key and confidence."""

from __future__ import annotations

import asyncio
from typing import Any

import click

from jobpilot.cli.common import echo_json, exit_now, progress, run


def print_inspection(data: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    ats = data["ats"]
    console = Console()
    console.print(
        f"[bold]{data['url']}[/bold]\nATS: "
        + (f"{ats['name']} ({ats['confidence']:.2f}, {ats['plugin']})" if ats else "not recognised")
    )
    table = Table(show_lines=False)
    for col in ("ref", "label", "type", "key", "conf", "req", "by"):
        table.add_column(col, overflow="fold")
    for f in data["fields"]:
        if not f["visible"] and f["key"] == "unknown":
            continue
        style = "dim" if f["key"] == "unknown" else ("yellow" if f["confidence"] < 0.85 else "")
        table.add_row(
            f["ref"],
            (f["label"] or f["name"] or f["id"] or "")[:60],
            f["type"] or f["tag"],
            f["key"],
            f"{f['confidence']:.2f}",
            "*" if f["required"] else "",
            f["plugin"] or "",
            style=style,
        )
    console.print(table)


@click.command()
@click.argument("page")
@click.option("--url", "as_url", help="Serve the saved file as if it were at this URL (offline).")
@click.option("--json", "as_json", is_flag=True, help="Print the JSON contract.")
def inspect(page: str, as_url: str | None, as_json: bool) -> None:
    """Show the detected ATS and every field of PAGE (a URL or a saved HTML file)."""
    from jobpilot.cli.browsing import open_target
    from jobpilot.config import load_settings
    from jobpilot.engine.inspect import inspect_page
    from jobpilot.errors import DetectionError
    from jobpilot.plugins import load

    async def go() -> None:
        # Plugins load in a thread while Chromium starts: the two dominate the wall time.
        plugins = asyncio.create_task(asyncio.to_thread(load, disabled=load_settings().disabled_plugins))
        progress("starting Chromium")
        async with open_target(page, as_url=as_url) as p:
            progress("reading the page")
            data = (await inspect_page(p, await plugins)).to_json()  # type: ignore[arg-type]
            if as_json:
                # The contract says what is there, an empty field list included: tools read it.
                echo_json(data)
                exit_now(0)
            print_inspection(data)
            if not any(f["visible"] for f in data["fields"]):
                # The same judgement (and words) as `apply` on such a page.
                error = DetectionError(
                    f"no form fields on {data['url']}",
                    hint="open the application form itself (often behind an 'Apply' button)",
                )
                click.secho(f"error: {error}", fg="red", err=True)
                exit_now(error.exit_code)
            exit_now(0)

    run(go())

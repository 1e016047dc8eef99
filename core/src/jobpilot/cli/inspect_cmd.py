"""``jobpilot inspect``: the detected ATS and every field's key and confidence.

Three outputs: the table (for a person), ``--json`` (the inspect contract, for tools) and
``--snapshot`` (the :class:`~jobpilot.models.snapshot.FormSnapshot` exactly as the hooks
receive it, for plugin authors: what ``detect_ats`` and ``map_fields`` will see).
"""

from __future__ import annotations

import asyncio
from typing import Any

import click

from jobpilot.cli.common import echo_json, exit_now, progress, run


def print_header(data: dict[str, Any]) -> None:
    from rich.console import Console

    ats = data["ats"]
    Console().print(
        f"[bold]{data['url']}[/bold]\nATS: "
        + (f"{ats['name']} ({ats['confidence']:.2f}, {ats['plugin']})" if ats else "not recognised")
    )


def print_inspection(data: dict[str, Any]) -> None:
    """The header and a table of the fields a person can see (hidden ones are counted)."""
    from rich.console import Console
    from rich.table import Table

    print_header(data)
    table = Table(show_lines=False)
    for col in ("ref", "label", "type", "key", "conf", "req", "by"):
        table.add_column(col, overflow="fold")
    hidden = 0
    for f in data["fields"]:
        if not f["visible"]:
            hidden += 1
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
    console = Console()
    console.print(table)
    if hidden:
        console.print(f"[dim]{hidden} hidden control(s) not shown (--json lists them)[/dim]")


@click.command()
@click.argument("page")
@click.option("--url", "as_url", help="Serve the saved file as if it were at this URL (offline).")
@click.option("--json", "as_json", is_flag=True, help="Print the JSON contract.")
@click.option(
    "--snapshot",
    "as_snapshot",
    is_flag=True,
    help="Print the FormSnapshot the hooks receive (JSON), as a plugin sees the page.",
)
def inspect(page: str, as_url: str | None, as_json: bool, as_snapshot: bool) -> None:
    """Show the detected ATS and every field of PAGE (a URL or a saved HTML file)."""
    from jobpilot.cli.browsing import open_target
    from jobpilot.config import load_settings
    from jobpilot.errors import DetectionError, UsageError
    from jobpilot.plugins import load

    if as_json and as_snapshot:
        raise UsageError("--json and --snapshot print different documents", hint="choose one")

    async def go() -> None:
        # Plugins load in a thread while Chromium starts: the two dominate the wall time.
        plugins = None
        if not as_snapshot:
            plugins = asyncio.create_task(
                asyncio.to_thread(load, disabled=load_settings().disabled_plugins)
            )
        progress("starting Chromium")
        async with open_target(page, as_url=as_url) as p:
            progress("reading the page")
            snapshot = await p.snapshot()  # type: ignore[attr-defined]
            if plugins is None:
                echo_json(snapshot.model_dump(mode="json"))
                exit_now(0)
                return
            from jobpilot.engine.inspect import inspect_snapshot

            data = inspect_snapshot(snapshot, await plugins).to_json()
            if as_json:
                # The contract says what is there, an empty field list included: tools read it.
                echo_json(data)
                exit_now(0)
            if any(f["visible"] for f in data["fields"]):
                print_inspection(data)
                exit_now(0)
            # Nothing a person could fill: one message, the same judgement (and words) as
            # `apply` on such a page, instead of a table of hidden controls and then an error.
            print_header(data)
            hidden = len(data["fields"])
            from jobpilot.engine.links import find_link

            link = find_link(snapshot)  # a job ad's "Apply" / "I'm interested" link
            error = DetectionError(
                f"no form fields on {data['url']}"
                + (f" ({hidden} hidden control(s); --json lists them)" if hidden else ""),
                hint=(
                    f"open the application form itself: the page's {link.text!r} link leads to {link.href}"
                    if link is not None
                    else "open the application form itself (often behind an 'Apply' button)"
                ),
            )
            click.secho(f"error: {error}", fg="red", err=True)
            exit_now(error.exit_code)

    run(go())

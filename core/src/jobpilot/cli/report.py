"""Printing a fill plan and an application's outcome for people."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from jobpilot.models.run import ApplicationRun


def print_run(run: ApplicationRun, console: Console | None = None) -> None:
    console = console or Console()
    results = {r.ref: r for r in run.results}
    if run.plan is not None:
        table = Table(title="Fill plan", show_lines=False)
        for col in ("field", "key", "value", "conf", "source", ""):
            table.add_column(col, overflow="fold")
        for a in run.plan.actions:
            r = results.get(a.ref)
            value = (
                a.file.name if a.file else (a.value if isinstance(a.value, str) else ", ".join(a.value or []))
            )
            if a.sensitive:
                value = "•••• (sensitive)"
            mark = "[green]ok[/green]" if r and r.ok else (f"[red]{r.error}[/red]" if r else "")
            if a.review and r and r.ok:
                mark += " [yellow]check[/yellow]"
            table.add_row(
                (a.label or a.ref or "")[:48],
                str(a.key.value if a.key else ""),
                (value or "")[:48],
                f"{a.confidence:.2f}",
                a.source,
                mark,
            )
        console.print(table)
        if run.plan.skipped:
            left = Table(title="Left for you")
            for col in ("field", "key", "reason"):
                left.add_column(col, overflow="fold")
            for s in run.plan.skipped:
                label = (s.label or s.ref)[:60] + (" *" if s.required else "")
                left.add_row(label, str(s.key.value if s.key else "-"), s.reason)
            console.print(left)
    colour = {"submitted": "green", "filled": "cyan", "needs_user": "yellow"}.get(run.status, "red")
    console.print(f"status: [{colour}]{run.status}[/{colour}]")
    for need in run.needs_user:
        console.print(f"  [yellow]you[/yellow]: {need}")
    if run.error:
        console.print(f"  [red]error[/red]: {run.error}")
    for shot in run.evidence.screenshots:
        console.print(f"  screenshot: {shot}")

"""``jobpilot eval``: detection and field-mapping accuracy on a labelled corpus."""

from __future__ import annotations

from pathlib import Path

import click

from jobpilot.cli.common import echo_json, progress, run


@click.command("eval")
@click.argument("corpus", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Machine-readable report.")
@click.option("--errors/--no-errors", default=True, help="List each error (text output).")
def eval_(corpus: Path, as_json: bool, errors: bool) -> None:
    """Score detection and mapping on CORPUS: NAME.html files beside NAME.labels.json."""
    from jobpilot.config import load_settings
    from jobpilot.errors import UsageError
    from jobpilot.eval.run import evaluate
    from jobpilot.eval.scoring import find_corpus
    from jobpilot.plugins import load

    if not find_corpus(corpus):
        raise UsageError(
            f"no labelled pages under {corpus}",
            hint="a corpus holds NAME.html files each beside a NAME.labels.json",
        )
    pm = load(disabled=load_settings().disabled_plugins)
    report = run(
        evaluate(corpus, pm, on_page=lambda i, n, p: progress(f"[{i}/{n}] {p.html.relative_to(corpus)}"))
    )
    data = report.as_dict()
    if as_json:
        echo_json(data)
        return
    from rich.console import Console
    from rich.table import Table

    console = Console()
    table = Table(title=f"Accuracy on {corpus}")
    for col in (
        "ats",
        "pages",
        "detected",
        "labelled",
        "predicted",
        "correct",
        "precision",
        "recall",
        "false fills",
    ):
        table.add_column(col, justify="right")
    rows = [*data["per_ats"].items(), ("overall", data["overall"])]
    for name, t in rows:
        table.add_row(
            name,
            str(t["pages"]),
            f"{t['detection_accuracy']:.0%}",
            str(t["labelled"]),
            str(t["predictions"]),
            str(t["correct"]),
            f"{t['precision']:.1%}",
            f"{t['recall']:.1%}",
            str(t["false_fills"]),
        )
    console.print(table)
    for pe in data["page_errors"]:
        console.print(f"[red]page failed[/red] {pe['page']}: {pe['error']}")
    for d in data["detections"]:
        if not d["ok"]:
            console.print(f"[red]detection[/red] {d['page']}: expected {d['expected']}, got {d['detected']}")
    if errors:
        for e in data["errors"]:
            console.print(
                f"{e['outcome']:>10}  {e['page']}  {e['label']!r}  expected {e['expected']}, "
                f"got {e['predicted']} ({e['confidence']:.2f}) {e['reason'] or ''}"
            )

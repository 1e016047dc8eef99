"""``jobpilot eval``: detection and field-mapping accuracy on a labelled corpus."""

from __future__ import annotations

from pathlib import Path

import click

from jobpilot.cli.common import echo_json, progress, run


@click.command("eval")
@click.argument("corpus", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Machine-readable report.")
@click.option("--errors/--no-errors", default=True, help="List each error (text output).")
@click.option(
    "--by",
    type=click.Choice(["ats", "tenant"]),
    default="ats",
    show_default=True,
    help="Group the table by ATS or by tenant (employer).",
)
@click.option(
    "--overlay",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Extra labels for pages of CORPUS, kept outside it (see docs/eval.md).",
)
@click.option(
    "--cache",
    type=click.Path(file_okay=False, path_type=Path),
    help="Keep page snapshots here; re-scoring then skips the browser for unchanged pages.",
)
def eval_(
    corpus: Path, as_json: bool, errors: bool, by: str, overlay: Path | None, cache: Path | None
) -> None:
    """Score detection and mapping on CORPUS: NAME.html files beside NAME.labels.json
    (hand-labelled, or silver labels that name only some fields; format in docs/eval.md).

    Prints per group (--by ats|tenant) detection accuracy, precision, recall, false fills
    and the precision of what is filled without review (confidence >= 0.85), then a
    reliability table (confidence band against observed accuracy) and each error."""
    from jobpilot.config import load_settings
    from jobpilot.errors import UsageError
    from jobpilot.eval.run import evaluate
    from jobpilot.eval.scoring import find_corpus
    from jobpilot.plugins import load

    pages = find_corpus(corpus, overlay=overlay)
    if not pages:
        raise UsageError(
            f"no labelled pages under {corpus}",
            hint="a corpus holds NAME.html files each beside a NAME.labels.json",
        )
    pm = load(disabled=load_settings().disabled_plugins)
    report = run(
        evaluate(
            pages,
            pm,
            cache=cache,
            on_page=lambda i, n, p: progress(f"[{i}/{n}] {p.html.relative_to(corpus)}"),
        )
    )
    data = report.as_dict(by=by)
    if as_json:
        echo_json(data)
        return
    from rich.console import Console
    from rich.table import Table

    console = Console()
    table = Table(title=f"Accuracy on {corpus}")
    for col in (
        by,
        "pages",
        "detected",
        "labelled",
        "predicted",
        "correct",
        "precision",
        "recall",
        "false fills",
        "prec. >= 0.85",
    ):
        table.add_column(col, justify="right")
    rows = [*data[f"per_{by}"].items(), ("overall", data["overall"])]
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
            f"{t['precision_at_fill']:.1%} of {t['filled']}",
        )
    console.print(table)
    rel = Table(title="Reliability: confidence band against observed accuracy")
    for col in ("band", "predictions", "correct", "accuracy"):
        rel.add_column(col, justify="right")
    for row in data["reliability"]:
        acc = "-" if row["accuracy"] is None else f"{row['accuracy']:.1%}"
        rel.add_row(row["band"], str(row["predictions"]), str(row["correct"]), acc)
    console.print(rel)
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

"""``jobpilot schema``: the JSON Schema of every model that crosses a process boundary."""

from __future__ import annotations

import click

from jobpilot.cli.common import echo_json

MODELS = {
    "profile": "Profile",
    "snapshot": "FormSnapshot",
    "field": "Field",
    "mapping": "FieldMapping",
    "plan": "FillPlan",
    "action": "Action",
    "detection": "Detection",
    "run": "ApplicationRun",
}


@click.command()
@click.argument("model", type=click.Choice(sorted(MODELS)))
def schema(model: str) -> None:
    """Print the JSON Schema of MODEL."""
    from jobpilot import models

    echo_json(getattr(models, MODELS[model]).model_json_schema())

"""Entry point: a click group whose subcommands are imported only when invoked.

Keeping imports lazy is what makes ``jobpilot --help`` start fast even with many plugins
installed: Playwright, SQLAlchemy and pydantic are loaded by the commands that need them.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

import click

from jobpilot import __version__

# command name -> (module, attribute, one-line help shown by --help without importing it)
COMMANDS: dict[str, tuple[str, str, str]] = {
    "inspect": ("jobpilot.cli.inspect_cmd", "inspect", "Show the detected ATS and every field's key."),
    "answers": ("jobpilot.cli.answers_cmd", "answers", "Saved answers; record a corrected answer."),
    "apply": ("jobpilot.cli.apply_cmd", "apply", "Fill an application (submit only with --submit)."),
    "db": ("jobpilot.cli.db_cmd", "db", "The database schema: current version, check, upgrade."),
    "data": ("jobpilot.cli.data_cmd", "data", "Export your local data, or delete a profile's."),
    "demo": ("jobpilot.cli.demo_cmd", "demo", "Apply to the bundled sample pages offline."),
    "disclosures": ("jobpilot.cli.disclosures_cmd", "disclosures", "What each run sent to AI providers."),
    "eval": ("jobpilot.cli.eval_cmd", "eval_", "Score detection and mapping on a labelled corpus."),
    "extension": ("jobpilot_host.setup_cmd", "extension", "Build the browser extension's store-ready zips."),
    "fleet": ("jobpilot.fleet.admin_cli", "fleet", "Operate a fleet: keys, workers, queue, users."),
    # From the jobpilot-host distribution (imported only when run).
    "host": ("jobpilot_host.cli", "host", "Install and check the browser extension's native host."),
    "jobs": ("jobpilot.cli.jobs_cmd", "jobs", "Save job postings to rank with `match`."),
    "match": ("jobpilot.cli.match_cmd", "match", "Rank saved jobs, with the ATS keyword score."),
    "plugins": ("jobpilot.cli.plugins_cmd", "plugins", "List and manage plugins."),
    "profile": ("jobpilot.cli.profile_cmd", "profile", "Import and show applicant profiles."),
    # From the jobpilot-registry distribution (imported only when run).
    "registry": ("jobpilot_registry.cli", "registry", "Run the plugin registry (pip/twine-compatible)."),
    "runs": ("jobpilot.cli.runs_cmd", "runs", "List past applications and their evidence."),
    "schema": ("jobpilot.cli.schema_cmd", "schema", "Print the JSON Schema of a model."),
    "setup": ("jobpilot_host.setup_cmd", "setup", "Set up your browser: host, extension, next steps."),
    "serve": ("jobpilot.fleet.cli", "serve", "Serve the fleet API, WebSocket stream and dashboard."),
    "worker": ("jobpilot.fleet.cli", "worker", "Apply to queued applications (one browser, many contexts)."),
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        spec = COMMANDS.get(cmd_name)
        if spec is None:
            return None
        module, attr, _ = spec
        try:
            imported = importlib.import_module(module)
        except ModuleNotFoundError as exc:
            top = module.split(".", 1)[0]
            if exc.name != top:
                raise
            dist = top.replace("_", "-")
            raise click.UsageError(
                f"'jobpilot {cmd_name}' comes with the {dist} distribution, which is not installed: "
                f"pip install {dist}"
            ) from None
        cmd: click.Command = getattr(imported, attr)
        return cmd

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][2]) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="jobpilot")
def cli() -> None:
    """JobPilot fills in job applications on ATS pages (Greenhouse, Lever, Workday, ...).

    Nothing is submitted unless you ask (--submit). Sensitive answers never reach an AI model.
    """


def main(argv: list[str] | None = None) -> Any:
    from jobpilot.errors import JobPilotError

    try:
        return cli.main(args=argv, prog_name="jobpilot", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except JobPilotError as exc:
        click.secho(f"error: {exc}", fg="red", err=True)
        sys.exit(exc.exit_code)


if __name__ == "__main__":
    main()

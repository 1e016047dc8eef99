"""docs/operations.md is the fleet's configuration reference: every ``JOBPILOT_*``
environment variable the code reads and every flag of ``jobpilot serve``, ``worker``,
``db ...`` and ``fleet ...`` is listed there, so an operator never has to read code."""

from __future__ import annotations

import re
from pathlib import Path

import click
from jobpilot.cli.db_cmd import db
from jobpilot.fleet.admin_cli import fleet
from jobpilot.fleet.cli import serve, worker

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "operations.md").read_text()
SOURCE = ROOT / "core" / "src" / "jobpilot"


def variables_read() -> set[str]:
    found: set[str] = set()
    for path in SOURCE.rglob("*.py"):
        found |= set(re.findall(r"JOBPILOT_[A-Z0-9_]*[A-Z0-9]\b", path.read_text()))
    return found


def commands(cmd: click.Command, name: str) -> list[tuple[str, click.Command]]:
    if isinstance(cmd, click.Group):
        return [pair for sub, c in cmd.commands.items() for pair in commands(c, f"{name} {sub}")]
    return [(name, cmd)]


def test_every_environment_variable_is_in_the_reference() -> None:
    read = variables_read()
    assert {"JOBPILOT_SECRET_KEY", "JOBPILOT_DATABASE_URL", "JOBPILOT_ALLOW_ADDRESSES"} <= read
    missing = sorted(v for v in read if f"`{v}`" not in DOC)
    assert not missing, f"docs/operations.md does not list {missing}"


def section(title: str) -> str:
    """The text of one ``###`` section of the reference."""
    return DOC.split(f"### {title}\n", 1)[1].split("\n#", 1)[0]


def test_every_flag_of_the_fleet_commands_is_in_the_reference() -> None:
    """serve's and worker's flags each in their own table; each ``db``/``fleet`` command in a
    row of its own naming all of its flags."""
    every = [("serve", serve), ("worker", worker), *commands(db, "db"), *commands(fleet, "fleet")]
    assert len(every) > 15
    missing = []
    for name, cmd in every:
        if name in ("serve", "worker"):
            where = section(f"`jobpilot {name}`")
        else:
            rows = [
                line
                for line in DOC.splitlines()
                if line.startswith(f"| `{name} ") or line.startswith(f"| `{name}`")
            ]
            if not rows:
                missing.append(name)
                continue
            where = rows[0]
        for param in cmd.params:
            flags = [
                o
                for o in getattr(param, "opts", []) + getattr(param, "secondary_opts", [])
                if o.startswith("--")
            ]
            if (
                isinstance(param, click.Option)
                and flags
                and not any(re.search(rf"{re.escape(f)}\b", where) for f in flags)
            ):
                missing.append(f"{name} {flags[0]}")
    assert not missing, f"docs/operations.md does not list {missing}"

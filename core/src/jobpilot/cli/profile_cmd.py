"""``jobpilot profile``: import a JSON Resume document plus answers; list and show; start
one from a resume file (``from-resume``)."""

from __future__ import annotations

from pathlib import Path

import click

from jobpilot.cli.common import database, echo_json, run


@click.group()
def profile() -> None:
    """Import and show applicant profiles."""


@profile.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--answers", type=click.Path(path_type=Path), help="YAML/JSON of extra answers.")
@click.option("--name", default="default", show_default=True, help="Name to store it under.")
def import_(file: Path, answers: Path | None, name: str) -> None:
    """Read FILE (a JSON Resume document) and store it, encrypted, as profile NAME.

    Nothing is stored unless the whole profile is valid; every problem is listed with its path.
    """
    from jobpilot.profile_io import load_profile

    prof = load_profile(file, answers)

    async def store() -> None:
        async with database() as db:
            await db.save_profile(name, prof)

    run(store())
    click.echo(f"imported profile {name!r}: {prof.basics.name} <{prof.basics.email}>")


@profile.command("list")
def list_() -> None:
    """Names of stored profiles."""

    async def names() -> list[str]:
        async with database() as db:
            return await db.list_profiles()

    for n in run(names()):
        click.echo(n)


@profile.command("show")
@click.argument("name", default="default")
def show(name: str) -> None:
    """Print a stored profile as JSON."""
    from jobpilot.errors import UsageError

    async def get():  # type: ignore[no-untyped-def]
        async with database() as db:
            return await db.get_profile(name)

    prof = run(get())
    if prof is None:
        raise UsageError(f"no profile named {name!r}", hint="jobpilot profile import FILE --name NAME")
    echo_json(prof.model_dump(mode="json", by_alias=True, exclude_none=True))


@profile.command("from-resume")
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--json", "as_json", is_flag=True, help="Print the draft as JSON (resume, answers, found, notes)."
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    help="Also write DIR/resume.json and DIR/answers.yaml to review and then `profile import`.",
)
@click.option(
    "--ai",
    "use_ai",
    is_flag=True,
    help="Also let the AI provider you configured ([ai] provider) read it: the resume's text is "
    "sent to it, and it only fills what the offline reading left empty.",
)
def from_resume(file: Path, as_json: bool, out: Path | None, use_ai: bool) -> None:
    """Read FILE (a resume: PDF, DOCX or text) into a draft profile and print it.

    Nothing is stored: review the draft (each value is shown with the line it was read from),
    then import it, or use the extension's options page, which shows the same draft in a form.
    The reading is offline unless you add --ai.
    """
    from jobpilot.resume import parse_resume

    draft = parse_resume(file)
    if use_ai:
        from jobpilot.config import load_settings
        from jobpilot.plugins import load
        from jobpilot.resume.assist import assist
        from jobpilot.resume.extract import resume_lines

        provider = load_settings().ai_provider
        lines = resume_lines(Path(file).expanduser().resolve())
        draft = run(assist(draft, lines, load(), provider))
    if out is not None:
        _write_draft(draft.resume, draft.answers, out)
    if as_json:
        echo_json(draft.as_json())
        return
    click.echo(f"Draft profile from {file} (nothing is stored yet):")
    for f in draft.found:
        value = f.value
        if isinstance(value, dict):
            value = ", ".join(str(v) for v in value.values())
        elif isinstance(value, list):
            value = ", ".join(map(str, value))
        click.echo(f"  {f.path:<34} {value}")
    for note in draft.notes:
        click.secho(f"  check: {note}", fg="yellow")
    if out is not None:
        click.echo(f"wrote {out / 'resume.json'} and {out / 'answers.yaml'}; review them, then:")
        click.echo(f"  jobpilot profile import {out / 'resume.json'} --answers {out / 'answers.yaml'}")
    else:
        click.echo("to save it: add --out DIR, review the two files, then `jobpilot profile import`")


def _write_draft(resume: dict[str, object], answers: dict[str, object], out: Path) -> None:
    import json

    import yaml

    out.mkdir(parents=True, exist_ok=True)
    (out / "resume.json").write_text(json.dumps(resume, indent=2, ensure_ascii=False) + "\n", "utf-8")
    (out / "answers.yaml").write_text(yaml.safe_dump(answers, sort_keys=False, allow_unicode=True), "utf-8")

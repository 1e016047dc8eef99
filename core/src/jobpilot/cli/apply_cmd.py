"""``jobpilot apply``: fill one application, show the plan, submit only when asked."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import click

from jobpilot.cli.common import database, echo_json, progress, run


async def ask_on_terminal(question: str) -> str | None:
    """Ask the person at the terminal (a flow needs an emailed code, say); empty = skip."""
    answer = await asyncio.to_thread(click.prompt, question, default="", show_default=False)
    return answer.strip() or None


@click.command()
@click.argument("url")
@click.option("--profile", "profile_name", default=None, help="Stored profile (default: 'default').")
@click.option(
    "--resume",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Resume file to upload (default: the profile's).",
)
@click.option("--submit", is_flag=True, help="Submit the application after filling it.")
@click.option("--headed", is_flag=True, help="Show the browser window (needs a display).")
@click.option("--url", "as_url", help="With a saved HTML file: serve it as if at this URL.")
@click.option("--json", "as_json", is_flag=True, help="Print the run record as JSON.")
def apply(
    url: str,
    profile_name: str | None,
    resume: Path | None,
    submit: bool,
    headed: bool,
    as_url: str | None,
    as_json: bool,
) -> None:
    """Fill the application at URL with your profile; submit only with --submit."""
    from jobpilot.cli.browsing import open_target
    from jobpilot.cli.report import print_run
    from jobpilot.config import load_settings
    from jobpilot.engine.apply import ApplyEngine, ApplyOptions
    from jobpilot.errors import UsageError
    from jobpilot.plugins import load

    settings = load_settings()
    name = profile_name or settings.default_profile or "default"

    async def go():  # type: ignore[no-untyped-def]
        async with database() as db:
            profile = await db.get_profile(name)
            if profile is None:
                raise UsageError(
                    f"no profile named {name!r}",
                    hint="import one first: jobpilot profile import resume.json --answers answers.yaml",
                )
            pm = load(disabled=settings.disabled_plugins)
            options = ApplyOptions(
                submit=submit,
                resume=str(resume.resolve()) if resume else None,
                profile_name=name,
                evidence_dir=settings.data_dir / "evidence",
                ask=ask_on_terminal if sys.stdin.isatty() else None,
                daily_cap=settings.daily_cap,
                per_site_per_hour=settings.per_site_per_hour,
                captcha_solver=settings.captcha_solver,
                person_in_browser=headed and sys.stdin.isatty(),
                content_provider=settings.ai_provider,
                cover_letters=settings.cover_letters,
            )
            progress("starting Chromium")
            async with open_target(url, as_url=as_url, headed=headed) as page:
                engine = ApplyEngine(pm, profile, db=db, options=options, on_progress=progress)
                return await engine.run(page)

    record = run(go())
    if as_json:
        echo_json(record.model_dump(mode="json"))
    else:
        print_run(record)
    raise SystemExit(exit_code(record.status, submit=submit))


def exit_code(status: str, *, submit: bool) -> int:
    """0 done as asked; 1 failed (or filled when a submit was asked); 3 a person must act;
    4 the submit was clicked but no confirmation was seen: check the site before trying
    again (it is never retried on its own)."""
    if status == "needs_verification":
        return 4
    if status == "needs_user":
        return 3
    if status == "failed" or (submit and status == "filled"):
        return 1
    return 0

"""``jobpilot jobs``: save job postings to rank with ``jobpilot match``."""

from __future__ import annotations

import click

from jobpilot.cli.common import database, echo_json, run


@click.group()
def jobs() -> None:
    """Save, list and remove job postings (ranked by ``jobpilot match``)."""


@jobs.command("add")
@click.argument("source")
@click.option("--title", help="Job title (overrides what the page says).")
@click.option("--company", help="Employer (overrides what the page says).")
def add(source: str, title: str | None, company: str | None) -> None:
    """Save the job at SOURCE: a URL, or a saved .html, .json or .txt file."""
    from jobpilot.engine.matching import load_job
    from jobpilot.storage.matching import MatchStore

    async def go() -> tuple[str, str]:
        job = await load_job(source, title=title, company=company)
        async with database() as db:
            jid = await MatchStore(db).add_job(job)
        return jid, f"{job.title or '(untitled)'}" + (f" at {job.company}" if job.company else "")

    jid, what = run(go())
    click.echo(f"saved {jid[:12]}: {what}")


@jobs.command("list")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def list_(as_json: bool) -> None:
    """Saved jobs, oldest first."""
    from jobpilot.storage.matching import MatchStore

    async def go():  # type: ignore[no-untyped-def]
        async with database() as db:
            return await MatchStore(db).jobs()

    saved = run(go())
    if as_json:
        echo_json([{"id": j.id, **j.job.model_dump(), "added_at": j.added_at} for j in saved])
        return
    for j in saved:
        click.echo(f"{j.id[:12]}  {j.job.title or '(untitled)'}  {j.job.company}  {j.job.url}")


@jobs.command("remove")
@click.argument("job_id")
def remove(job_id: str) -> None:
    """Forget a saved job (by id prefix or URL)."""
    from jobpilot.errors import UsageError
    from jobpilot.storage.matching import MatchStore

    async def go() -> bool:
        async with database() as db:
            store = MatchStore(db)
            found = await store.get_job(job_id)
            return bool(found) and await store.remove_job(found.id)  # type: ignore[union-attr]

    if not run(go()):
        raise UsageError(f"no saved job {job_id!r}", hint="see `jobpilot jobs list`")
    click.echo(f"removed {job_id}")

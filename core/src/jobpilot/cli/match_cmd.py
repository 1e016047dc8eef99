"""``jobpilot match``: rank saved jobs for a profile, with the ATS keyword score."""

from __future__ import annotations

import click

from jobpilot.cli.common import database, echo_json, progress, run


@click.command()
@click.option("--profile", "profile_name", default=None, help="Stored profile (default: 'default').")
@click.option("--embedder", default=None, help="Embedder to rank with (default: [ai] embedder, 'offline').")
@click.option("--limit", default=20, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def match(profile_name: str | None, embedder: str | None, limit: int, as_json: bool) -> None:
    """Rank the saved jobs (``jobpilot jobs add``) for a profile, best first.

    Score = half embedding similarity of resume and job, half the ATS keyword score (the
    share of the job's keywords your profile carries); the missing keywords are listed.
    """
    from jobpilot.config import load_settings
    from jobpilot.engine.matching import rank
    from jobpilot.errors import UsageError
    from jobpilot.plugins import load
    from jobpilot.storage.matching import MatchStore

    settings = load_settings()
    name = profile_name or settings.default_profile or "default"
    emb = embedder or settings.ai_embedder

    async def go():  # type: ignore[no-untyped-def]
        async with database() as db:
            profile = await db.get_profile(name)
            if profile is None:
                raise UsageError(f"no profile named {name!r}", hint="jobpilot profile import resume.json")
            pm = load(disabled=settings.disabled_plugins)
            if emb != "offline":
                progress(f"sending the jobs and your resume's non-sensitive facts to the {emb} embedder")
            return await rank(pm, MatchStore(db), profile, profile_name=name, embedder_name=emb, limit=limit)

    results = run(go())
    if as_json:
        echo_json(
            [
                {
                    "id": r.job.id,
                    "url": r.job.job.url,
                    "title": r.job.job.title,
                    "company": r.job.job.company,
                    "score": r.score,
                    "similarity": round(r.similarity, 4),
                    "keyword_score": r.keywords.score if r.keywords else None,
                    "matched_keywords": r.keywords.matched_keywords if r.keywords else [],
                    "missing_keywords": r.keywords.missing_keywords if r.keywords else [],
                }
                for r in results
            ]
        )
        return
    if not results:
        click.echo("no saved jobs: add some with `jobpilot jobs add URL|FILE`")
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"Jobs for {name} ({emb})")
    for col in ("score", "similar", "keywords", "job", "missing keywords"):
        table.add_column(col)
    for r in results:
        kw = r.keywords
        table.add_row(
            f"{r.score:.2f}",
            f"{r.similarity:.2f}",
            f"{kw.score:.0%}" if kw else "-",
            f"{r.job.job.title or '(untitled)'}" + (f" — {r.job.job.company}" if r.job.job.company else ""),
            ", ".join(kw.missing_keywords[:8]) if kw else "",
        )
    Console().print(table)

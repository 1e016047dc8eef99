"""``jobpilot disclosures``: what each application sent to which content provider."""

from __future__ import annotations

import click

from jobpilot.cli.common import database, echo_json, run


@click.command()
@click.argument("run_id", required=False)
@click.option("--limit", default=20, show_default=True, help="Recent runs to read (without RUN_ID).")
@click.option("--full", is_flag=True, help="Print each request exactly as it was sent.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def disclosures(run_id: str | None, limit: int, full: bool, as_json: bool) -> None:
    """The disclosure log: per application, every request handed to a content provider
    (local ones included), what it contained and what came back, and for every custom
    question the policy that applied (profile / facts / open) and where it went. Sensitive
    answers (EEO, work authorisation, sponsorship, salary, IDs) are never in it: they are
    never sent."""
    from jobpilot.errors import UsageError

    async def go():  # type: ignore[no-untyped-def]
        async with database() as db:
            if run_id:
                runs = [r for r in await db.list_runs(500) if r.id.startswith(run_id)]
                if not runs:
                    raise UsageError(f"no run {run_id!r}", hint="see `jobpilot runs`")
                return runs[:1]
            return await db.list_runs(limit)

    runs = run(go())
    if as_json:
        echo_json(
            [
                {
                    "run": r.id,
                    "url": r.url,
                    "disclosures": [d.model_dump(mode="json") for d in r.disclosures],
                    "questions": [q.model_dump(mode="json") for q in r.questions],
                }
                for r in runs
            ]
        )
        return
    shown = 0
    for r in runs:
        if not r.disclosures and not r.questions and not run_id:
            continue
        shown += 1
        click.echo(f"run {r.id[:12]}  {r.started_at:%Y-%m-%d %H:%M}  {r.url}")
        if not r.disclosures:
            click.echo("  nothing was sent to any content provider")
        for d in r.disclosures:
            where = "local, nothing left this machine" if d.local else "sent off this machine"
            click.echo(
                f"  - {d.provider} ({where}): {d.purpose} for {d.field or d.ref or '?'!r} -> {d.outcome}"
            )
            if d.answer:
                click.echo(f"      answer: {d.answer[:200]}")
            if d.error:
                click.echo(f"      error: {d.error}")
            if full:
                import json

                click.echo(
                    "      sent: "
                    + json.dumps(d.sent, ensure_ascii=False, indent=2).replace("\n", "\n      ")
                )
            else:
                sent = d.sent
                fields = [k for k, v in sent.items() if v not in (None, "", [], {})]
                click.echo(f"      sent: {', '.join(fields)} (--full shows it all)")
        for q in r.questions:
            went = ", ".join(q.sent_to) if q.sent_to else "no provider"
            by = q.answered_by or "left for you"
            draft = " (a draft to check)" if q.draft else ""
            label = q.field or q.ref
            click.echo(f"  ? {label!r}: {q.policy} policy ({q.topic}); sent to {went}; {by}{draft}")
    if not shown:
        click.echo("no application sent anything to a content provider")

"""``jobpilot demo``: the bundled sample pages, served on localhost, filled and submitted
with the sample profile, offline and without keys."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from jobpilot.cli.common import progress, run

if TYPE_CHECKING:
    from jobpilot.demo.server import DemoServer
    from jobpilot.models.run import ApplicationRun

DEMO_PAGES = ("northwind-careers.html", "brandt-bewerbung.html")


@click.command()
@click.option("--keep-going/--stop", default=True, help="Continue after a page fails.")
def demo(keep_going: bool) -> None:
    """Apply to the bundled sample pages with the sample profile and show the results."""
    import jobpilot.demo
    from jobpilot.config import home
    from jobpilot.demo.server import DemoServer
    from jobpilot.engine.apply import ApplyEngine, ApplyOptions
    from jobpilot.models.run import ApplicationRun
    from jobpilot.plugins import load
    from jobpilot.profile_io import load_profile
    from jobpilot.runner import launch_browser
    from jobpilot.storage import Database

    data = Path(jobpilot.demo.__file__).parent / "profile"
    profile = load_profile(data / "resume.json", data / "answers.yaml")
    folder = home() / "demo" / datetime.now().strftime("%Y%m%d-%H%M%S")
    folder.mkdir(parents=True, exist_ok=True)

    async def go() -> tuple[list[ApplicationRun], DemoServer]:
        pm = load()
        records = []
        async with DemoServer() as server, Database(f"sqlite+aiosqlite:///{folder / 'demo.db'}") as db:
            progress(f"sample pages served at {server.base_url}")
            async with await launch_browser() as browser:
                for name in DEMO_PAGES:
                    progress(f"applying to {name}")
                    page = await browser.new_page(offline=True)
                    engine = ApplyEngine(
                        pm,
                        profile,
                        db=db,
                        on_progress=progress,
                        options=ApplyOptions(
                            submit=True, profile_name="demo", evidence_dir=folder / "evidence"
                        ),
                    )
                    try:
                        await page.goto(server.url(name))
                        records.append(await engine.run(page))
                    except Exception as exc:  # one failing page is a row in the summary, not the end
                        progress(f"{name} failed: {type(exc).__name__}: {exc}")
                        records.append(
                            engine.run_record
                            or ApplicationRun(
                                id=name,
                                url=server.url(name),
                                status="failed",
                                error=f"{type(exc).__name__}: {exc}",
                            )
                        )
                    finally:
                        await page.close()
                    if records[-1].status == "failed" and not keep_going:
                        break
        return records, server

    records, server = run(go())
    _summary(records, server, folder)
    if any(r.status != "submitted" for r in records):
        raise SystemExit(1)


def _summary(records: list[ApplicationRun], server: DemoServer, folder: Path) -> None:
    from rich.console import Console
    from rich.table import Table

    from jobpilot.cli.report import print_run

    console = Console()
    for r in records:
        console.rule(r.url)
        print_run(r, console)
    table = Table(title="JobPilot demo")
    for col in ("page", "filled", "flagged", "left for you", "status", "server received"):
        table.add_column(col)
    subs = {s.form: s for s in server.submissions}
    for r in records:
        ok = [x for x in r.results if x.ok]
        flagged = sum(1 for a in (r.plan.actions if r.plan else []) if a.review)
        form = r.url.rsplit("/", 1)[-1].split("-")[0]
        sub = subs.get(form)
        got = (
            f"{sum(1 for v in sub.fields.values() if any(x.strip() for x in v))} fields, "
            f"{len(sub.files)} file(s)"
            if sub
            else "nothing"
        )
        table.add_row(
            r.url.rsplit("/", 1)[-1],
            str(len(ok)),
            str(flagged),
            str(len(r.plan.skipped) if r.plan else 0),
            r.status,
            got,
        )
    console.print(table)
    console.print(f"screenshots, snapshots and plans: {folder / 'evidence'}")

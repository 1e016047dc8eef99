"""``jobpilot serve`` (the API, the WebSocket stream and the dashboard) and ``jobpilot
worker`` (applications off the queue). Both take ``--database-url``: the same
``sqlite+aiosqlite:///...`` file on one machine, or ``postgresql+asyncpg://...`` shared by
every machine of the fleet."""

from __future__ import annotations

import json
import os

import click

DB_HELP = "SQLAlchemy URL (default: $JOBPILOT_DATABASE_URL or the local SQLite file)."
LOG_FORMAT = click.option(
    "--log-format",
    type=click.Choice(["auto", "json", "text"]),
    envvar="JOBPILOT_LOG_FORMAT",
    default="auto",
    show_default=True,
    help="Logs as JSON lines (for a collector) or text (for a terminal); auto: text on a terminal"
    " (env JOBPILOT_LOG_FORMAT).",
)


def _db_url(explicit: str | None) -> str:
    from jobpilot.config import load_settings

    return explicit or load_settings().database_url


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8080, show_default=True, type=int)
@click.option("--database-url", default=None, help=DB_HELP)
@click.option(
    "--admin-token",
    envvar="JOBPILOT_FLEET_ADMIN_TOKEN",
    default=None,
    help="Operator token that may create users over the API (env JOBPILOT_FLEET_ADMIN_TOKEN).",
)
@click.option("--add-user", metavar="NAME", default=None, help="Create a user, print its API token, exit.")
@click.option(
    "--tier",
    type=click.Choice(["free", "pro", "enterprise"]),
    default="free",
    show_default=True,
    help="Plan tier of --add-user (its priority).",
)
@click.option("--daily-cap", type=int, default=None, help="Daily submission cap of --add-user.")
@click.option(
    "--token-for", metavar="NAME", default=None, help="Issue another token for a user, print it, exit."
)
@click.option("--openapi", "print_openapi", is_flag=True, help="Print the OpenAPI description and exit.")
@click.option(
    "--no-migrate",
    is_flag=True,
    help="Do not migrate the database on start (refuse when it is behind); `jobpilot db upgrade` does.",
)
@click.option(
    "--metrics-token",
    envvar="JOBPILOT_METRICS_TOKEN",
    default=None,
    help="Token that may read /metrics and nothing else (env JOBPILOT_METRICS_TOKEN); the admin"
    " token may too. Without either, /metrics is off.",
)
@click.option(
    "--shutdown-timeout",
    default=10.0,
    show_default=True,
    type=click.FloatRange(min=0),
    help="Seconds a stopping server (SIGTERM) lets requests in progress finish; event streams"
    " are closed at once (1001) and clients resume with `since`.",
)
@click.option(
    "--evidence-days",
    default=90.0,
    show_default=True,
    type=click.FloatRange(min=0),
    help="Delete evidence (screenshots, snapshots) of finished applications after this many days,"
    " checked hourly; 0 keeps it for ever.",
)
@LOG_FORMAT
def serve(
    host: str,
    port: int,
    database_url: str | None,
    admin_token: str | None,
    add_user: str | None,
    tier: str,
    daily_cap: int | None,
    token_for: str | None,
    print_openapi: bool,
    no_migrate: bool,
    metrics_token: str | None,
    shutdown_timeout: float,
    evidence_days: float,
    log_format: str,
) -> None:
    """Serve the fleet API, its WebSocket stream and the dashboard (http://HOST:PORT/)."""
    import asyncio

    from jobpilot.errors import UsageError

    if print_openapi:
        from jobpilot.fleet.openapi import spec

        click.echo(json.dumps(spec(), indent=2))
        return
    url = _db_url(database_url)
    if add_user or token_for:
        from jobpilot.fleet.store import FleetStore

        async def users() -> str:
            async with FleetStore(url) as store:
                if add_user:
                    user = await store.create_user(add_user, tier=tier, daily_cap=daily_cap)
                else:
                    found = await store.user_by_name(token_for or "")
                    if found is None:
                        raise UsageError(f"no user named {token_for!r}", hint="create it with --add-user")
                    user = found
                return await store.issue_token(user["id"], label="cli")

        token = asyncio.run(users())
        click.echo(token)
        return
    from aiohttp import web

    from jobpilot.fleet.api import create_app
    from jobpilot.fleet.keys import require_shared_key, verify_key
    from jobpilot.fleet.store import FleetStore

    async def prepare() -> None:
        """Migrate (unless told not to) and prove the shared key, before listening."""
        require_shared_key()
        store = FleetStore(url)
        try:
            await store.open(migrate=not no_migrate)
            await verify_key(store)
        finally:
            await store.close()

    asyncio.run(prepare())

    click.echo(
        f"> JobPilot fleet API on http://{host}:{port}/ (dashboard), OpenAPI at /openapi.json", err=True
    )
    from jobpilot.fleet.accounts.config import AccountsConfig
    from jobpilot.fleet.billing.config import BillingConfig

    accounts = AccountsConfig.from_env(public_url=f"http://{host}:{port}")
    billing = BillingConfig.from_env()
    click.echo(
        f"> accounts: sign-up {'open' if accounts.signup else 'closed'}, e-mail"
        f" {'via ' + accounts.smtp.host if accounts.smtp else 'to this log (no JOBPILOT_SMTP_HOST)'};"
        f" billing {'on (Stripe)' if billing.enabled else 'off'}",
        err=True,
    )
    from jobpilot.fleet import logs

    logs.configure(log_format)
    app = create_app(
        FleetStore(url),
        admin_token=admin_token,
        accounts=accounts,
        billing=billing,
        metrics_token=metrics_token,
        evidence_days=evidence_days or None,
    )
    web.run_app(
        app,
        host=host,
        port=port,
        print=None,
        access_log=logs.access_log,
        access_log_class=logs.AccessLogger,
        shutdown_timeout=shutdown_timeout,
    )


def _allow_list(given: tuple[str, ...]) -> tuple[str, ...]:
    """The guard's allow-list: the flags (or ``JOBPILOT_ALLOW_ADDRESSES``), else config.toml."""
    from jobpilot.config import load_settings

    entries = given or tuple(load_settings().fleet_allow_addresses)
    return tuple(part for entry in entries for part in entry.replace(",", " ").split())


@click.command()
@click.option("--database-url", default=None, help=DB_HELP)
@click.option(
    "--concurrency",
    "-c",
    default=2,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Applications at once (browser contexts in the one browser).",
)
@click.option("--cdp-url", default=None, help="Use a remote browser over CDP (http://host:9222).")
@click.option(
    "--chromium", default=None, help="Chromium executable (default: $JOBPILOT_CHROMIUM or Debian's)."
)
@click.option("--headed", is_flag=True, help="Show the browser window (needs a display).")
@click.option(
    "--allow-host",
    "allow_hosts",
    multiple=True,
    help="Only these hosts may be reached (repeatable); default: any.",
)
@click.option(
    "--allow-address",
    "allow_addresses",
    multiple=True,
    metavar="HOST|IP|CIDR",
    envvar="JOBPILOT_ALLOW_ADDRESSES",
    help="Let pages reach this internal host or network (repeatable; env JOBPILOT_ALLOW_ADDRESSES,"
    " space- or comma-separated; config.toml [fleet] allow_addresses); by default loopback,"
    " private, link-local and metadata addresses are refused.",
)
@click.option(
    "--guard-bind",
    default="127.0.0.1",
    show_default=True,
    help="Address of the outbound guard's proxy (reachable from the browser; see --cdp-url).",
)
@click.option("--lease", default=30.0, show_default=True, help="Lease seconds (renewed every third).")
@click.option(
    "--handoff-wait",
    default=600.0,
    show_default=True,
    help="Seconds to keep a page open waiting for a person's answer.",
)
@click.option("--grace", default=30.0, show_default=True, help="Seconds to finish work on shutdown.")
@click.option("--max-attempts", default=3, show_default=True, type=click.IntRange(1, 20))
@click.option("--backoff", default=30.0, show_default=True, help="Seconds before the first retry (doubles).")
@click.option(
    "--site-limit", default=5, show_default=True, type=int, help="Submissions per site per interval."
)
@click.option("--site-interval", default=3600.0, show_default=True, help="Rate-limit interval in seconds.")
@click.option("--verify-timeout", default=10.0, show_default=True, help="Seconds to wait for a confirmation.")
@click.option("--no-evidence", is_flag=True, help="Skip screenshots and snapshots (faster).")
@click.option("--max-jobs", type=int, default=None, help="Stop after this many applications.")
@click.option("--name", default=None, help="Worker name in leases and events (default: host:pid).")
@LOG_FORMAT
def worker(
    database_url: str | None,
    concurrency: int,
    cdp_url: str | None,
    chromium: str | None,
    headed: bool,
    allow_hosts: tuple[str, ...],
    allow_addresses: tuple[str, ...],
    guard_bind: str,
    lease: float,
    handoff_wait: float,
    grace: float,
    max_attempts: int,
    backoff: float,
    site_limit: int,
    site_interval: float,
    verify_timeout: float,
    no_evidence: bool,
    max_jobs: int | None,
    name: str | None,
    log_format: str,
) -> None:
    """Take applications off the queue and apply, CONCURRENCY at a time, until stopped
    (SIGTERM/Ctrl-C: finish or hand back the work; twice: hand back now)."""
    import asyncio

    from jobpilot.fleet import logs
    from jobpilot.fleet.queue import QueueConfig
    from jobpilot.fleet.worker import WorkerConfig, run_worker

    logs.configure(log_format, os.environ.get("JOBPILOT_LOG", "INFO"))
    config = WorkerConfig(
        concurrency=concurrency,
        cdp_url=cdp_url,
        executable_path=chromium,
        headless=not headed,
        allow_hosts=allow_hosts or None,
        allow_addresses=_allow_list(allow_addresses),
        guard_bind=guard_bind,
        handoff_wait=handoff_wait,
        shutdown_grace=grace,
        verify_timeout_ms=int(verify_timeout * 1000),
        evidence=not no_evidence,
        max_jobs=max_jobs,
    )
    if name:
        config.name = name
    qc = QueueConfig(
        lease_seconds=lease,
        max_attempts=max_attempts,
        backoff_base=backoff,
        site_limit=site_limit,
        site_interval=site_interval,
    )
    done = asyncio.run(run_worker(_db_url(database_url), config, queue_config=qc))
    click.echo(json.dumps({"worker": done.name, "applications": done.done, "outcomes": done.outcomes}))

"""``jobpilot fleet ...``: what an operator does without writing SQL. Commands talk to the
fleet database directly (``--database-url``, default ``$JOBPILOT_DATABASE_URL``), so they work
with the API down; the dashboard's operator view does the same through the admin API."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import click

T = TypeVar("T")

DB_URL = click.option(
    "--database-url",
    default=None,
    help="SQLAlchemy URL of the fleet database (default: $JOBPILOT_DATABASE_URL).",
)


def _url(explicit: str | None) -> str:
    from jobpilot.config import load_settings

    return explicit or load_settings().database_url


def with_store(url: str | None, fn: Callable[[Any], Awaitable[T]], *, key: bool = False) -> T:
    """Run ``fn(store)`` on the open fleet database (its schema checked, never migrated;
    with ``key`` the shared key is checked first)."""
    from jobpilot.fleet.store import FleetStore

    async def go() -> T:
        store = FleetStore(_url(url))
        try:
            await store.open(migrate=False)
            if key:
                from jobpilot.fleet.keys import verify_key

                await verify_key(store)
            return await fn(store)
        finally:
            await store.close()

    return asyncio.run(go())


def echo_json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, default=str))


@click.group()
def fleet() -> None:
    """Operate a fleet: keys, workers, the queue across users, users and their tokens."""


@fleet.command("new-key")
def new_key() -> None:
    """Print a new secret key (set it as JOBPILOT_SECRET_KEY on every fleet process)."""
    from jobpilot.storage.crypto import new_key as make

    click.echo(make())


@fleet.command("rotate-key")
@DB_URL
@click.option("--batch", default=200, show_default=True, type=click.IntRange(1, 10_000))
def rotate_key(database_url: str | None, batch: int) -> None:
    """Re-encrypt every stored secret with the first key of JOBPILOT_SECRET_KEY.

    Rotation: set JOBPILOT_SECRET_KEY="NEW,OLD" on every process and restart them, run this
    (safe beside live workers, and to re-run), then set JOBPILOT_SECRET_KEY="NEW"."""
    from jobpilot.fleet.keys import rotate_all

    done = with_store(database_url, lambda s: rotate_all(s, batch=batch), key=True)
    echo_json({"re_encrypted": done})


# --- the operator view: workers, the queue across users, users ---------------------------

JSON_OUT = click.option("--json", "as_json", is_flag=True, help="Print JSON (for scripts).")


def _ago(value: Any) -> str:
    import time
    from datetime import datetime

    if value is None:
        return "-"
    seconds = time.time() - (value.timestamp() if isinstance(value, datetime) else float(value))
    if seconds < 120:
        return f"{seconds:.0f}s ago"
    if seconds < 7200:
        return f"{seconds / 60:.0f}m ago"
    return f"{seconds / 3600:.1f}h ago"


def _table(rows: list[list[Any]], header: list[str]) -> None:
    cells = [header, *[[("-" if c is None else str(c)) for c in row] for row in rows]]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    for row in cells:
        click.echo("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())


@fleet.command("workers")
@DB_URL
@click.option("--all", "include_stopped", is_flag=True, help="Also stopped workers and API servers.")
@JSON_OUT
def workers_cmd(database_url: str | None, include_stopped: bool, as_json: bool) -> None:
    """The worker registry: which workers are alive, what they hold, what they did."""
    from jobpilot.fleet import operator

    found = with_store(
        database_url,
        lambda s: operator.workers(
            s, include_stopped=include_stopped, kind=None if include_stopped else "worker"
        ),
    )
    if as_json:
        echo_json([w.model_dump(mode="json") for w in found])
        return
    if not found:
        click.echo(
            "no workers registered" + ("" if include_stopped else " and running (--all: stopped ones too)")
        )
        return
    _table(
        [
            [
                w.name,
                w.kind,
                w.state,
                "yes" if w.live else "NO",
                _ago(w.last_seen),
                f"{len(w.jobs)}/{w.concurrency}",
                " ".join(f"{j.id[:8]}:{j.phase}" for j in w.jobs) or "-",
                w.claims,
            ]
            for w in found
        ],
        ["NAME", "KIND", "STATE", "LIVE", "LAST SEEN", "JOBS", "HOLDING", "CLAIMS"],
    )


def _show_applications(found: Any, as_json: bool) -> None:
    if as_json:
        echo_json(found.model_dump(mode="json"))
        return
    click.echo("by state: " + (", ".join(f"{k} {v}" for k, v in sorted(found.counts.items())) or "none"))
    click.echo(f"{found.total} match; showing {len(found.applications)}")
    _table(
        [
            [
                a.id,
                a.user_name,
                a.state,
                f"{a.attempts}/{a.max_attempts}",
                a.site,
                a.note or (a.last_error or "")[:60] or "-",
            ]
            for a in found.applications
        ],
        ["ID", "USER", "STATE", "TRIES", "SITE", "NOTE / LAST ERROR"],
    )


async def _user_id(store: Any, name_or_id: str | None) -> str | None:
    from jobpilot.fleet import operator

    if name_or_id is None:
        return None
    return (await operator.find_user(store, name_or_id)).id


def _filters(func: Callable[..., Any]) -> Callable[..., Any]:
    for option in reversed(
        [
            click.option("--user", "user", default=None, help="Only this user's (name or id)."),
            click.option("--site", default=None, help="Only this employer site (as in the queue's SITE)."),
            click.option("--limit", default=100, show_default=True, type=click.IntRange(1, 1000)),
        ]
    ):
        func = option(func)
    return func


@fleet.command("queue")
@DB_URL
@click.option("--state", default=None, help="Only these states (comma-separated), e.g. queued,running.")
@_filters
@JSON_OUT
def queue_cmd(
    database_url: str | None, state: str | None, user: str | None, site: str | None, limit: int, as_json: bool
) -> None:
    """Applications across users (most recently changed first), with the counts by state."""
    from jobpilot.fleet import operator

    async def go(store: Any) -> Any:
        return await operator.applications(
            store, state=state, user_id=await _user_id(store, user), site=site, limit=limit
        )

    _show_applications(with_store(database_url, go), as_json)


@fleet.command("dead")
@DB_URL
@_filters
@JSON_OUT
def dead_cmd(database_url: str | None, user: str | None, site: str | None, limit: int, as_json: bool) -> None:
    """The dead letters: applications whose retries ran out (dead) or that cannot be
    retried as they are (failed), with their last error. `jobpilot fleet retry` requeues."""
    from jobpilot.fleet import operator

    async def go(store: Any) -> Any:
        return await operator.applications(
            store, state="dead,failed", user_id=await _user_id(store, user), site=site, limit=limit
        )

    _show_applications(with_store(database_url, go), as_json)


def _bulk_command(action: str, doc: str) -> None:
    @fleet.command(action, help=doc)
    @DB_URL
    @click.argument("ids", nargs=-1)
    @click.option("--state", default=None, help="Every application in these states (comma-separated).")
    @_filters
    @click.option("--yes", is_flag=True, help="Do not ask before acting on a filter's matches.")
    @JSON_OUT
    def command(
        database_url: str | None,
        ids: tuple[str, ...],
        state: str | None,
        user: str | None,
        site: str | None,
        limit: int,
        yes: bool,
        as_json: bool,
    ) -> None:
        from jobpilot.errors import UsageError
        from jobpilot.fleet import operator
        from jobpilot.fleet.operator_models import BulkIn
        from jobpilot.fleet.queue import Queue

        if ids and (state or user or site):
            raise UsageError("give application ids or filters (--state, --user, --site), not both")
        if not ids and not (state or user or site):
            raise UsageError(
                f"name the applications to {action}",
                hint=f"jobpilot fleet {action} ID ... or --state/--user/--site (see jobpilot fleet queue)",
            )

        async def go(store: Any) -> Any:
            if ids:
                selector = BulkIn(ids=list(ids))
            else:
                selector = BulkIn(state=state, user_id=await _user_id(store, user), site=site, limit=limit)
                if not yes:
                    found = await operator.applications(
                        store, state=state, user_id=selector.user_id, site=site, limit=1
                    )
                    n = min(found.total, limit)
                    if not click.confirm(f"{action} {n} application(s)?", default=False):
                        raise click.Abort()
            return await operator.bulk(Queue(store), action, selector)

        result = with_store(database_url, go)
        if as_json:
            echo_json(result.model_dump(mode="json"))
        else:
            for item in result.results:
                click.echo(f"{item.id}  " + (f"-> {item.state}" if item.ok else f"not changed: {item.error}"))
            click.echo(f"{action}: {result.done} done, {result.failed} not changed")
        if result.failed and not result.done:
            raise SystemExit(1)


_bulk_command(
    "retry",
    "Queue dead-lettered, failed or cancelled applications again (attempts reset).",
)
_bulk_command(
    "release",
    "Let queued applications that wait for a backoff or a limit be claimed now (limits still hold:"
    " raise a user's cap with `jobpilot fleet user set`).",
)
_bulk_command(
    "cancel",
    "Cancel applications (never one that may have been submitted).",
)


def _show_users(found: list[Any], as_json: bool) -> None:
    if as_json:
        echo_json([u.model_dump(mode="json") for u in found])
        return
    _table(
        [
            [
                u.id,
                u.name,
                u.tier,
                f"{u.submitted_today}/{u.daily_cap}",
                u.concurrency if u.concurrency_override is None else f"{u.concurrency} (own)",
                u.active,
                u.tokens,
                "DISABLED" if u.disabled else "",
            ]
            for u in found
        ],
        ["ID", "NAME", "PLAN", "TODAY/CAP", "AT ONCE", "ACTIVE", "TOKENS", ""],
    )


@fleet.command("users")
@DB_URL
@JSON_OUT
def users_cmd(database_url: str | None, as_json: bool) -> None:
    """Users with their plan, today's submissions against their cap, and tokens."""
    from jobpilot.fleet import operator

    _show_users(with_store(database_url, lambda s: operator.users(s, limit=1000)), as_json)


@fleet.group("user")
def user_group() -> None:
    """Change one user."""


@user_group.command("set")
@DB_URL
@click.argument("user")
@click.option("--tier", "--plan", "tier", type=click.Choice(["free", "pro", "enterprise"]), default=None,
              help="Move to this plan (its cap and priority; waiting applications move too).")  # fmt: skip
@click.option("--daily-cap", type=click.IntRange(0, 100_000), default=None, help="Submissions a day.")
@click.option("--concurrency", type=click.IntRange(1, 64), default=None, help="Applications at once.")
@click.option("--plan-concurrency", is_flag=True, help="Drop the own concurrency: the plan's applies.")
@click.option("--disable/--enable", "disabled", default=None,
              help="Disabled: tokens and sign-in refused, queued applications held.")  # fmt: skip
@JSON_OUT
def user_set(
    database_url: str | None,
    user: str,
    tier: str | None,
    daily_cap: int | None,
    concurrency: int | None,
    plan_concurrency: bool,
    disabled: bool | None,
    as_json: bool,
) -> None:
    """Change USER (name or id): plan, daily cap, concurrency, disabled."""
    from jobpilot.errors import UsageError
    from jobpilot.fleet import operator
    from jobpilot.fleet.operator_models import UserPatchIn

    if concurrency is not None and plan_concurrency:
        raise UsageError("give --concurrency or --plan-concurrency, not both")
    change: dict[str, Any] = {
        k: v for k, v in {"tier": tier, "daily_cap": daily_cap, "disabled": disabled}.items() if v is not None
    }
    if concurrency is not None or plan_concurrency:
        change["concurrency"] = concurrency
    if not change:
        raise UsageError("nothing to change", hint="--tier, --daily-cap, --concurrency, --disable/--enable")

    async def go(store: Any) -> Any:
        found = await operator.find_user(store, user)
        return await operator.set_user(store, found.id, UserPatchIn(**change))

    _show_users([with_store(database_url, go)], as_json)


@fleet.command("tokens")
@DB_URL
@click.argument("user")
@JSON_OUT
def tokens_cmd(database_url: str | None, user: str, as_json: bool) -> None:
    """USER's API tokens (name or id): id, label, created. `jobpilot fleet revoke` ends one."""
    from jobpilot.fleet import operator

    async def go(store: Any) -> Any:
        return await operator.tokens(store, (await operator.find_user(store, user)).id)

    found = with_store(database_url, go)
    if as_json:
        echo_json([t.model_dump(mode="json") for t in found])
        return
    _table(
        [[t.id, t.label, t.created_at.isoformat(timespec="seconds")] for t in found],
        ["ID", "LABEL", "CREATED"],
    )


@fleet.command("revoke")
@DB_URL
@click.argument("user")
@click.argument("token_id")
def revoke_cmd(database_url: str | None, user: str, token_id: str) -> None:
    """Revoke USER's token TOKEN_ID (from `jobpilot fleet tokens USER`): it stops working at once."""
    from jobpilot.fleet import operator

    async def go(store: Any) -> None:
        await operator.revoke(store, (await operator.find_user(store, user)).id, token_id)

    with_store(database_url, go)
    click.echo(f"revoked {token_id}")


@fleet.command("purge-evidence")
@DB_URL
@click.option(
    "--days",
    default=90.0,
    show_default=True,
    type=click.FloatRange(min=0, min_open=True),
    help="Delete evidence of finished applications older than this.",
)
def purge_evidence_cmd(database_url: str | None, days: float) -> None:
    """Delete old evidence (screenshots, snapshots) of finished applications now; a server
    started with --evidence-days does it every hour. Prints what was deleted."""
    from dataclasses import asdict

    from jobpilot.fleet.retention import purge_evidence

    echo_json(asdict(with_store(database_url, lambda s: purge_evidence(s, days))))


@fleet.command("limits")
@DB_URL
@click.option(
    "--site-limit",
    type=click.IntRange(1, 100_000),
    default=None,
    help="Submissions per employer site per interval.",
)
@click.option(
    "--site-interval", type=click.FloatRange(1, 30 * 86_400), default=None, help="The interval in seconds."
)
@click.option("--unset", is_flag=True, help="Remove the fleet's values (workers' flags apply again).")
def limits_cmd(
    database_url: str | None, site_limit: int | None, site_interval: float | None, unset: bool
) -> None:
    """Show or set the per-site rate limit every worker applies (held in the database; a
    worker's --site-limit/--site-interval only apply while it holds none). Daily caps:
    `jobpilot fleet user set --daily-cap`."""
    from jobpilot.fleet.site_limits import set_limits

    held = with_store(
        database_url, lambda s: set_limits(s, site_limit=site_limit, site_interval=site_interval, unset=unset)
    )
    echo_json(held)

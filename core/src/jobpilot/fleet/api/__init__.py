"""The fleet's HTTP API (aiohttp), described by ``/openapi.json`` (see ``openapi.py``).

Every route below ``/api`` except ``/api/health`` needs a user's token; every query is
scoped to that user. Errors are JSON ``{"error", "hint", "existing"}`` with a 4xx status;
bad input never reaches the database.

The routes live in one module per group (``users``, ``settings``, ``applicants``,
``applications``, ``evidence``, ``site``); each lists its own ``ROUTES``, and
:func:`create_app` mounts them all.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from typing import Any

from aiohttp import web

from jobpilot.fleet.accounts import routes as account_routes
from jobpilot.fleet.accounts import tokens as token_routes
from jobpilot.fleet.accounts.config import AccountsConfig
from jobpilot.fleet.api import admin, applicants, applications, drafts, evidence, ops, settings, site, users
from jobpilot.fleet.api.common import (
    ADMIN,
    DASHBOARD,
    HUB,
    MAX_RESUME,
    QUEUE,
    STORE,
    USER,
    Route,
    auth,
    clean_input,
    errors,
    log,
)
from jobpilot.fleet.billing import routes as billing_routes
from jobpilot.fleet.billing.config import BillingConfig
from jobpilot.fleet.events import EventHub
from jobpilot.fleet.privacy import routes as privacy_routes
from jobpilot.fleet.queue import Queue
from jobpilot.fleet.retention import purge_forever
from jobpilot.fleet.store import FleetStore, is_transient

ROUTES: list[Route] = [
    *users.ROUTES,
    *settings.ROUTES,
    *applicants.ROUTES,
    *drafts.ROUTES,
    *applications.ROUTES,
    *evidence.ROUTES,
    *site.ROUTES,
    *account_routes.ROUTES,
    *token_routes.ROUTES,
    *billing_routes.ROUTES,
    *privacy_routes.ROUTES,
    *ops.ROUTES,
    *admin.ROUTES,
]


def create_app(
    store: FleetStore,
    queue: Queue | None = None,
    *,
    admin_token: str | None = None,
    reap_every: float | None = 5.0,
    event_poll: float = 0.25,
    accounts: AccountsConfig | None = None,
    billing: BillingConfig | None = None,
    metrics_token: str | None = None,
    name: str | None = None,
    evidence_days: float | None = None,
) -> web.Application:
    """The API application. The store is opened on startup and closed on cleanup; with
    ``reap_every`` the server also takes back applications of dead workers and keeps its
    row in the process registry (as ``name``, default ``api:host:pid``). ``/metrics`` needs
    ``metrics_token`` or ``admin_token``. With ``evidence_days`` the server purges older
    evidence of finished applications at start and every hour (``fleet/retention.py``)."""
    app = web.Application(middlewares=[errors, auth, clean_input], client_max_size=MAX_RESUME + 1024 * 1024)
    queue = queue or Queue(store)
    app[STORE] = store
    app[QUEUE] = queue
    app[ADMIN] = admin_token
    app[account_routes.ACCOUNTS] = accounts = accounts or AccountsConfig()
    billing_routes.setup(app, billing or BillingConfig(), accounts.public_url)
    app[HUB] = EventHub(store, queue, poll=event_poll)
    app.on_shutdown.append(app[HUB].going_away)  # sockets never end by themselves: close them (1001)
    ops.setup(app, metrics_token=metrics_token)
    for method, path, handler in ROUTES:
        app.router.add_route(method, path, handler)
    app.router.add_static("/dashboard/", DASHBOARD)

    async def lifecycle(app: web.Application) -> Any:
        await store.open()
        await app[HUB].start()
        reaper = asyncio.create_task(_reap(queue, reap_every, name)) if reap_every else None
        purger = asyncio.create_task(purge_forever(store, evidence_days)) if evidence_days else None
        yield
        for task in (reaper, purger):
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
        await app[HUB].stop()
        await store.close()

    app.cleanup_ctx.append(lifecycle)
    return app


async def _reap(queue: Queue, every: float, name: str | None) -> None:
    """Take back expired leases every ``every`` seconds; beat this server's registry row
    (its reaper's counts are among the metrics) and now and then prune old rows."""
    from jobpilot.fleet.registry import Registration, default_name, prune

    registration = Registration(queue.store, name=name or "api:" + default_name(), kind="api", every=every)
    with contextlib.suppress(Exception):
        await registration.start()
    last_prune = 0.0
    try:
        while True:
            await asyncio.sleep(every)
            try:
                registration.stats.leases_expired += await queue.reap()
                await registration.beat([])
                if time.monotonic() - last_prune > PRUNE_EVERY:
                    last_prune = time.monotonic()
                    await prune(queue.store)
            except Exception as exc:
                if not is_transient(exc):
                    log.exception("reaper")
    finally:
        with contextlib.suppress(Exception):
            await asyncio.shield(registration.stop())


PRUNE_EVERY = 600.0
"""Seconds between folding long-gone registry rows into the retired counters."""


__all__ = ["ADMIN", "HUB", "QUEUE", "ROUTES", "STORE", "USER", "create_app"]

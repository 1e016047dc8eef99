"""Probes and metrics: ``/api/health/live``, ``/api/health/ready`` and ``/metrics``.

- **live**: the process answers (no database involved): restart it when this fails.
- **ready**: the database answers within a few seconds, its schema is exactly the version
  this code expects (not behind, not newer), and the server is not shutting down: send it
  traffic only while this is 200.
- **metrics**: the Prometheus exposition (``fleet/metrics.py``), read from the database
  at scrape time. It needs a token: the metrics token (``--metrics-token``,
  ``JOBPILOT_METRICS_TOKEN``: it reads metrics and nothing else, so a Prometheus server need
  not hold the operator's admin token) or the admin token. With neither configured the route
  answers 404: metrics are off.
"""

from __future__ import annotations

import asyncio
import hmac
import time

from aiohttp import web

from jobpilot import __version__
from jobpilot.fleet import operator_models as om
from jobpilot.fleet.api.common import ADMIN, STORE, Route, error_response, json_response
from jobpilot.fleet.auth import bearer, unauthorized

METRICS_TOKEN: web.AppKey[str | None] = web.AppKey("metrics_token")
STARTED: web.AppKey[float] = web.AppKey("started")
DRAINING: web.AppKey[list[bool]] = web.AppKey("draining")
"""Set (``[True]``) when the server begins shutting down: ready answers 503 from then on."""
READY_TIMEOUT = 3.0


def setup(app: web.Application, *, metrics_token: str | None) -> None:
    app[METRICS_TOKEN] = metrics_token
    app[STARTED] = time.monotonic()
    app[DRAINING] = []

    async def draining(app: web.Application) -> None:
        app[DRAINING].append(True)

    app.on_shutdown.insert(0, draining)


async def live(request: web.Request) -> web.Response:
    uptime = time.monotonic() - request.app[STARTED]
    return json_response(om.Liveness(ok=True, version=__version__, uptime_seconds=round(uptime, 3)))


async def ready(request: web.Request) -> web.Response:
    from sqlalchemy import text

    from jobpilot.storage.migrations import current_version
    from jobpilot.storage.migrations.fleet import FLEET

    store = request.app[STORE]
    problems: list[str] = []
    version: int | None = None
    database = "postgresql" if store.is_postgres else "sqlite"

    async def probe() -> int:
        async with store.engine.connect() as conn:
            await conn.execute(text("SELECT 1"))
            return int(await conn.run_sync(lambda c: current_version(c, FLEET)))

    try:
        version = await asyncio.wait_for(probe(), READY_TIMEOUT)
    except Exception as exc:
        database = "unreachable"
        first = str(exc).splitlines()[0][:200] if str(exc) else ""
        problems.append(f"database unreachable: {type(exc).__name__}: {first}")
    if version is not None and version < FLEET.latest:
        problems.append(f"schema version {version} is behind {FLEET.latest}: run `jobpilot db upgrade`")
    elif version is not None and version > FLEET.latest:
        problems.append(
            f"schema version {version} is newer than this code ({FLEET.latest}): upgrade JobPilot"
        )
    if request.app[DRAINING]:
        problems.append("shutting down")
    body = om.Readiness(
        ok=not problems,
        version=__version__,
        database=database,
        schema_version=version,
        schema_expected=FLEET.latest,
        problems=problems,
    )
    return json_response(body, 200 if not problems else 503)


def may_read_metrics(request: web.Request) -> bool:
    token = bearer(request)
    if token is None:
        return False
    allowed = [t for t in (request.app[METRICS_TOKEN], request.app[ADMIN]) if t]
    return any(hmac.compare_digest(token.encode(), t.encode()) for t in allowed)


async def metrics(request: web.Request) -> web.Response:
    from jobpilot.fleet.metrics import CONTENT_TYPE, read_snapshot, render

    if not (request.app[METRICS_TOKEN] or request.app[ADMIN]):
        return error_response(
            404, "metrics are off", hint="start serve with --metrics-token (or --admin-token)"
        )
    if not may_read_metrics(request):
        raise unauthorized("/metrics needs the metrics token or the admin token")
    snap = await read_snapshot(request.app[STORE])
    return web.Response(body=render(snap), headers={"Content-Type": CONTENT_TYPE})


ROUTES: list[Route] = [
    ("GET", "/api/health/live", live),
    ("GET", "/api/health/ready", ready),
    ("GET", "/metrics", metrics),
]

"""What every route module shares: the app keys, JSON answers and errors, reading a
body, and the middlewares (errors as JSON, authentication, input that cannot be stored)."""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from aiohttp import web
from pydantic import BaseModel, ValidationError

from jobpilot.errors import JobPilotError, UsageError
from jobpilot.fleet import models
from jobpilot.fleet.auth import auth_problem, authenticate, bearer, unauthorized
from jobpilot.fleet.events import EventHub
from jobpilot.fleet.inputs import check_text, parse_json, text_problem
from jobpilot.fleet.queue import Queue
from jobpilot.fleet.store import Conflict, FleetStore, NotFound, is_transient

log = logging.getLogger("jobpilot.fleet.api")

DASHBOARD = Path(__file__).parents[1] / "dashboard"
MAX_RESUME = 10 * 1024 * 1024

STORE: web.AppKey[FleetStore] = web.AppKey("store")
QUEUE: web.AppKey[Queue] = web.AppKey("queue")
HUB: web.AppKey[EventHub] = web.AppKey("hub")
ADMIN: web.AppKey[str | None] = web.AppKey("admin")
USER: web.RequestKey[dict[str, Any]] = web.RequestKey("fleet_user")

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def json_response(data: Any, status: int = 200) -> web.Response:
    if isinstance(data, BaseModel):
        body = data.model_dump_json(by_alias=True)
    else:
        body = json.dumps(data, default=str)
    return web.Response(text=body, status=status, content_type="application/json")


def error_response(
    status: int, message: str, hint: str | None = None, existing: str | None = None
) -> web.Response:
    return json_response(models.Error(error=message, hint=hint, existing=existing), status)


@web.middleware
async def errors(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Every failure becomes a JSON error with the right status; nothing leaks a traceback."""
    try:
        return await handler(request)
    except web.HTTPException as exc:
        if exc.content_type == "application/json":
            raise
        status = exc.status
        if status < 400:
            raise
        return error_response(status, exc.reason or "error")
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or '(body)'}: {e['msg']}" for e in exc.errors()[:10]
        )
        return error_response(
            400, f"invalid request: {problems}", hint="see /openapi.json for the expected shape"
        )
    except NotFound as exc:
        return error_response(404, exc.message)
    except Conflict as exc:
        return error_response(409, exc.message, exc.hint, exc.existing)
    except UsageError as exc:
        return error_response(400, exc.message, exc.hint)
    except JobPilotError as exc:
        return error_response(422, exc.message, exc.hint)
    except Exception as exc:
        if is_transient(exc):
            return error_response(503, "the database is unavailable; try again shortly")
        log.exception("unhandled error on %s %s", request.method, request.path)
        return error_response(500, "internal error")


@web.middleware
async def auth(request: web.Request, handler: Handler) -> web.StreamResponse:
    path = request.path
    public = (
        not path.startswith("/api/")
        or path == "/api/health"
        or path.startswith("/api/health/")  # liveness and readiness probes
        or path.startswith("/api/admin/")  # the admin token, checked by each route
        or path == "/api/stream"  # authenticates inside the socket
        or (path == "/api/users" and request.method == "POST")  # admin token, checked there
        or path.startswith("/api/auth/")  # sign-up, sign-in ...: each checks its own session
        or path == "/api/billing/webhook"  # Stripe's signature, checked there
    )
    if not public:
        token = bearer(request)
        if token is None and "Authorization" not in request.headers:
            # The dashboard: a session cookie (CSRF token checked for state changes).
            from jobpilot.fleet.accounts.sessions import session_user

            user = await session_user(request, request.app[STORE])
            if user is None:
                raise unauthorized("not signed in: send 'Authorization: Bearer <token>' or sign in")
            request[USER] = user
            return await handler(request)
        if token is None:
            raise unauthorized(auth_problem(request))
        user = await authenticate(request.app[STORE], token)
        if user is None:
            raise unauthorized("unknown API token")
        request[USER] = user
    return await handler(request)


@web.middleware
async def clean_input(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Path ids and query values that cannot be stored as text (NUL, lone surrogates) are
    refused before any handler uses them in a query."""
    for name, value in request.match_info.items():
        problem = text_problem(value)
        if problem is not None:
            raise UsageError(f"the path's {name} contains {problem}")
    for name, value in request.query.items():
        check_text(name, "a query parameter name")
        check_text(value, f"the query parameter {name!r}")
    return await handler(request)


async def body_of(request: web.Request, model: type[BaseModel]) -> Any:
    if request.content_type != "application/json":
        raise UsageError("send a JSON body", hint="Content-Type: application/json")
    try:
        raw = await request.text()
    except UnicodeDecodeError as exc:
        raise UsageError(f"the body is not UTF-8: {exc}") from exc
    return model.model_validate(parse_json(raw))


def user_of(request: web.Request) -> dict[str, Any]:
    return request[USER]


def int_query(request: web.Request, name: str, default: int, lo: int, hi: int) -> int:
    raw = request.query.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise UsageError(f"{name} must be an integer") from None
    if not lo <= value <= hi:
        raise UsageError(f"{name} must be between {lo} and {hi}")
    return value


# --- handlers -------------------------------------------------------------------------

Route = tuple[str, str, Handler]
"""(method, path, handler): each route module lists its own in ``ROUTES``."""

"""The operator's routes (``/api/admin/...``), behind the admin token: the worker registry,
applications across users with bulk retry / release / cancel, and user admin (plan, cap,
concurrency, disabled, tokens). The dashboard's operator page (``/dashboard/operator.html``)
uses them; ``jobpilot fleet ...`` does the same on the database directly
(``fleet/operator.py`` holds the logic for both).

A user's token never opens these routes, and the admin token never opens a user's: the
operator sees applications as work, never profiles, answers, records or evidence.
"""

from __future__ import annotations

import re

from aiohttp import web

from jobpilot.errors import UsageError
from jobpilot.fleet import operator
from jobpilot.fleet import operator_models as om
from jobpilot.fleet.api.common import (
    ADMIN,
    QUEUE,
    STORE,
    Handler,
    Route,
    body_of,
    int_query,
    json_response,
)
from jobpilot.fleet.auth import auth_problem, is_admin, unauthorized
from jobpilot.fleet.inputs import check_text


def require_admin(request: web.Request) -> None:
    if not request.app[ADMIN]:
        raise unauthorized("the operator's routes are off: start serve with --admin-token")
    if not is_admin(request, request.app[ADMIN]):
        problem = auth_problem(request) if "Authorization" in request.headers else ""
        raise unauthorized(problem or "the operator's routes need the admin token")


def _query(request: web.Request, name: str, max_length: int = 255) -> str | None:
    value = request.query.get(name)
    if value is None or value == "":
        return None
    check_text(value, f"the query parameter {name!r}")
    if len(value) > max_length:
        raise UsageError(f"{name} is longer than {max_length} characters")
    return value


async def list_workers(request: web.Request) -> web.Response:
    require_admin(request)
    include_stopped = request.query.get("all") in ("1", "true")
    found = await operator.workers(request.app[STORE], include_stopped=include_stopped, kind=None)
    return json_response([w.model_dump(mode="json") for w in found])


async def list_applications(request: web.Request) -> web.Response:
    require_admin(request)
    state = _query(request, "state", 200)
    if state is not None and not re.fullmatch(om.STATE_LIST, state):
        raise UsageError(f"unknown state in {state[:60]!r}", hint="one or more of: " + ", ".join(om.STATES))
    found = await operator.applications(
        request.app[STORE],
        state=state,
        user_id=_query(request, "user_id", 64),
        site=_query(request, "site"),
        limit=int_query(request, "limit", 100, 1, 500),
        offset=int_query(request, "offset", 0, 0, 1_000_000),
    )
    return json_response(found)


def _bulk(action: str) -> Handler:
    async def handler(request: web.Request) -> web.Response:
        require_admin(request)
        selector = await body_of(request, om.BulkIn)
        return json_response(await operator.bulk(request.app[QUEUE], action, selector))

    handler.__name__ = f"bulk_{action}"
    return handler


async def list_users(request: web.Request) -> web.Response:
    require_admin(request)
    found = await operator.users(
        request.app[STORE],
        limit=int_query(request, "limit", 200, 1, 1000),
        offset=int_query(request, "offset", 0, 0, 1_000_000),
    )
    return json_response([u.model_dump(mode="json") for u in found])


async def get_user(request: web.Request) -> web.Response:
    require_admin(request)
    return json_response(await operator.user(request.app[STORE], request.match_info["user_id"]))


async def patch_user(request: web.Request) -> web.Response:
    require_admin(request)
    change = await body_of(request, om.UserPatchIn)
    return json_response(await operator.set_user(request.app[STORE], request.match_info["user_id"], change))


async def list_tokens(request: web.Request) -> web.Response:
    require_admin(request)
    found = await operator.tokens(request.app[STORE], request.match_info["user_id"])
    return json_response([t.model_dump(mode="json") for t in found])


async def revoke_token(request: web.Request) -> web.Response:
    require_admin(request)
    await operator.revoke(request.app[STORE], request.match_info["user_id"], request.match_info["token_id"])
    return web.Response(status=204)


ROUTES: list[Route] = [
    ("GET", "/api/admin/workers", list_workers),
    ("GET", "/api/admin/applications", list_applications),
    ("POST", "/api/admin/applications/retry", _bulk("retry")),
    ("POST", "/api/admin/applications/release", _bulk("release")),
    ("POST", "/api/admin/applications/cancel", _bulk("cancel")),
    ("GET", "/api/admin/users", list_users),
    ("GET", "/api/admin/users/{user_id}", get_user),
    ("PATCH", "/api/admin/users/{user_id}", patch_user),
    ("GET", "/api/admin/users/{user_id}/tokens", list_tokens),
    ("DELETE", "/api/admin/users/{user_id}/tokens/{token_id}", revoke_token),
]

"""Health, users and tokens: who is calling."""

from __future__ import annotations

from aiohttp import web

from jobpilot import __version__
from jobpilot.fleet import models
from jobpilot.fleet.api.common import (
    ADMIN,
    QUEUE,
    STORE,
    Route,
    body_of,
    json_response,
    user_of,
)
from jobpilot.fleet.auth import is_admin, unauthorized


async def health(request: web.Request) -> web.Response:
    store = request.app[STORE]
    try:
        await store.last_event_id()
        ok, db = True, "postgresql" if store.is_postgres else "sqlite"
    except Exception:
        ok, db = False, "unreachable"
    return json_response(models.Health(ok=ok, database=db, version=__version__), 200 if ok else 503)


async def create_user(request: web.Request) -> web.Response:
    if not is_admin(request, request.app[ADMIN]):
        raise unauthorized("creating users needs the operator's admin token")
    body = await body_of(request, models.UserIn)
    store = request.app[STORE]
    user = await store.create_user(body.name, tier=body.tier, daily_cap=body.daily_cap)
    token = await store.issue_token(user["id"], label="first")
    return json_response(models.NewToken(user_id=user["id"], token=token), 201)


async def me(request: web.Request) -> web.Response:
    user = user_of(request)
    used = await request.app[QUEUE].submitted_today(user["id"])
    return json_response(
        models.User(
            id=user["id"],
            name=user["name"],
            tier=user["tier"],
            daily_cap=user["daily_cap"],
            submitted_today=used,
        )
    )


async def new_token(request: web.Request) -> web.Response:
    body = await body_of(request, models.TokenIn)
    user = user_of(request)
    token = await request.app[STORE].issue_token(user["id"], label=body.label)
    return json_response(models.NewToken(user_id=user["id"], token=token), 201)


ROUTES: list[Route] = [
    ("GET", "/api/health", health),
    ("POST", "/api/users", create_user),
    ("GET", "/api/me", me),
    ("POST", "/api/tokens", new_token),
]

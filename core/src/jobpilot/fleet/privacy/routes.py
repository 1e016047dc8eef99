"""``GET /api/me/export`` (a zip of everything held about you) and ``DELETE /api/me`` (all
of it deleted, confirmed by your password or a second-factor code; a user made by the
operator, who has no password, confirms by typing their user name)."""

from __future__ import annotations

import time

from aiohttp import web
from pydantic import BaseModel, ConfigDict, Field

from jobpilot.fleet.accounts import confirm, sessions
from jobpilot.fleet.accounts import store as accounts
from jobpilot.fleet.accounts.routes import fail
from jobpilot.fleet.api.common import STORE, Route, body_of, user_of
from jobpilot.fleet.billing.routes import STRIPE
from jobpilot.fleet.privacy import delete, export


class DeleteIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    password: str | None = Field(default=None, max_length=1024)
    code: str | None = Field(default=None, max_length=64)
    """A code from your authenticator app, or a recovery code."""
    confirm_name: str | None = Field(default=None, max_length=200)
    """Users without a password (made by the operator): your user name."""


async def export_me(request: web.Request) -> web.Response:
    user = user_of(request)
    data = await export.build(request.app[STORE], user["id"])
    stamp = time.strftime("%Y%m%d", time.gmtime())
    return web.Response(
        body=data,
        content_type="application/zip",
        headers={
            "Content-Disposition": f'attachment; filename="jobpilot-export-{stamp}.zip"',
            "Cache-Control": "no-store",
        },
    )


async def delete_me(request: web.Request) -> web.Response:
    user = user_of(request)
    store = request.app[STORE]
    body: DeleteIn = await body_of(request, DeleteIn)
    account = await accounts.by_user(store, user["id"])
    if account is not None:
        ok = await confirm.owner(store, user["id"], password=body.password, code=body.code)
    else:
        ok = body.confirm_name == user["name"]
    if not ok:
        raise fail(
            403,
            "confirm the deletion",
            "send your password or a second-factor code"
            if account
            else "send your user name as confirm_name",
        )
    await delete.delete_user(store, user["id"], stripe=request.app.get(STRIPE))
    response = web.Response(status=204)
    sessions.clear_cookie(response)
    return response


ROUTES: list[Route] = [
    ("GET", "/api/me/export", export_me),
    ("DELETE", "/api/me", delete_me),
]

"""API tokens: one or more per user, sent as ``Authorization: Bearer <token>``.

Only a SHA-256 digest of each token is stored. The operator's admin token (``jobpilot serve
--admin-token`` or ``JOBPILOT_FLEET_ADMIN_TOKEN``) may create users; it sees no applicant
data. Every query the API makes is scoped to the token's user, so another user's objects
answer 404 exactly like objects that do not exist. A header that cannot hold a token (not
ASCII, another scheme, too long) is refused with a 401 that says so, before anything is
hashed, compared or looked up.
"""

from __future__ import annotations

import hmac
from typing import Any

from aiohttp import web

from jobpilot.fleet.inputs import TOKEN, token_problem
from jobpilot.fleet.store import FleetStore


def bearer(request: web.Request) -> str | None:
    """The request's bearer token when the header holds a well-formed one."""
    return token_problem(request.headers.get("Authorization", ""))[0]


def auth_problem(request: web.Request) -> str:
    """What is wrong with the request's ``Authorization`` header ("" when it holds a token)."""
    return token_problem(request.headers.get("Authorization", ""))[1]


def is_admin(request: web.Request, admin_token: str | None) -> bool:
    token = bearer(request)
    return bool(admin_token and token and hmac.compare_digest(token.encode(), admin_token.encode()))


async def authenticate(store: FleetStore, token: str | None) -> dict[str, Any] | None:
    if not token or len(token) > 200 or not TOKEN.fullmatch(token):
        return None
    return await store.user_for_token(token)


def unauthorized(message: str = "missing or unknown API token") -> web.HTTPUnauthorized:
    import json

    return web.HTTPUnauthorized(
        text=json.dumps({"error": message, "hint": "send 'Authorization: Bearer <token>'", "existing": None}),
        content_type="application/json",
        headers={"WWW-Authenticate": 'Bearer realm="jobpilot"'},
    )

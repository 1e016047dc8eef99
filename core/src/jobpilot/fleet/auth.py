"""API tokens: one or more per user, sent as ``Authorization: Bearer <token>``.

Only a SHA-256 digest of each token is stored. The operator's admin token (``jobpilot serve
--admin-token`` or ``JOBPILOT_FLEET_ADMIN_TOKEN``) may create users; it sees no applicant
data. Every query the API makes is scoped to the token's user, so another user's objects
answer 404 exactly like objects that do not exist.
"""

from __future__ import annotations

import hmac
from typing import Any

from aiohttp import web

from jobpilot.fleet.store import FleetStore


def bearer(request: web.Request) -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return None


def is_admin(request: web.Request, admin_token: str | None) -> bool:
    token = bearer(request)
    return bool(admin_token and token and hmac.compare_digest(token, admin_token))


async def authenticate(store: FleetStore, token: str | None) -> dict[str, Any] | None:
    if not token or len(token) > 200:
        return None
    return await store.user_for_token(token)


def unauthorized(message: str = "missing or unknown API token") -> web.HTTPUnauthorized:
    import json

    return web.HTTPUnauthorized(
        text=json.dumps({"error": message, "hint": "send 'Authorization: Bearer <token>'", "existing": None}),
        content_type="application/json",
        headers={"WWW-Authenticate": 'Bearer realm="jobpilot"'},
    )

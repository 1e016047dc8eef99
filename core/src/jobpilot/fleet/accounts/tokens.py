"""API tokens, listed and revoked by their owner (the dashboard's "API tokens" panel).

A token is known by the first 16 hex digits of its SHA-256 digest (the token itself is
never stored): enough to name it, useless to use it. Issuing stays ``POST /api/tokens``.
"""

from __future__ import annotations

from aiohttp import web
from sqlalchemy import delete, select

from jobpilot.fleet import tables as t
from jobpilot.fleet.accounts import models as am
from jobpilot.fleet.api.common import STORE, Route, json_response, user_of
from jobpilot.fleet.auth import bearer
from jobpilot.fleet.models import ts
from jobpilot.fleet.store import NotFound, token_digest

ID_LENGTH = 16


async def list_tokens(request: web.Request) -> web.Response:
    user = user_of(request)
    token = bearer(request)
    current = token_digest(token) if token else None
    async with request.app[STORE].engine.connect() as conn:
        rows = await conn.execute(
            select(t.tokens.c.digest, t.tokens.c.label, t.tokens.c.created_at)
            .where(t.tokens.c.user_id == user["id"])
            .order_by(t.tokens.c.created_at)
        )
        out = [
            am.TokenInfo(
                id=r.digest[:ID_LENGTH],
                label=r.label,
                created_at=ts(r.created_at),  # type: ignore[arg-type]
                current=r.digest == current,
            ).model_dump(mode="json")
            for r in rows
        ]
    return json_response(out)


async def revoke_token(request: web.Request) -> web.Response:
    user = user_of(request)
    token_id = request.match_info["token_id"].lower()
    if len(token_id) != ID_LENGTH or any(c not in "0123456789abcdef" for c in token_id):
        raise NotFound(f"no token {token_id[:40]!r}")
    async with request.app[STORE].tx() as conn:
        res = await conn.execute(
            delete(t.tokens).where(t.tokens.c.user_id == user["id"], t.tokens.c.digest.startswith(token_id))
        )
    if not res.rowcount:
        raise NotFound(f"no token {token_id!r}")
    return web.Response(status=204)


ROUTES: list[Route] = [
    ("GET", "/api/tokens", list_tokens),
    ("DELETE", "/api/tokens/{token_id}", revoke_token),
]

"""Server-side sessions behind a cookie, and CSRF protection.

The cookie (``jp_session``) holds 32 random bytes; only their SHA-256 is stored, with the
user, the session's CSRF token, its stage (``full``, or ``second_factor`` between the
password and the code) and its expiry (idle and absolute). The cookie is ``Secure``,
``HttpOnly`` and ``SameSite=Lax``: scripts cannot read it and other sites' forms do not send
it on POST. Browsers treat ``http://localhost`` and ``127.0.0.1`` as secure, so a local
``jobpilot serve`` works; anywhere else serve the dashboard over HTTPS.

CSRF: every state-changing request (anything but GET, HEAD, OPTIONS) authenticated by the
cookie must carry the session's token in ``X-CSRF-Token`` (the synchronizer-token pattern;
the dashboard reads it from ``GET /api/auth/session``). Before there is a session (sign-up,
sign-in, password reset) the token is a double-submit pair: ``GET /api/auth/csrf`` sets an
HttpOnly, ``SameSite=Strict`` cookie and returns the same value, which the form sends back
in the header. Requests with ``Authorization: Bearer`` carry no ambient credential and need
no CSRF token.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from typing import Any

from aiohttp import web
from sqlalchemy import delete, insert, select, update

from jobpilot.fleet import tables as t
from jobpilot.fleet.store import FleetStore

COOKIE = "jp_session"
CSRF_COOKIE = "jp_csrf"
CSRF_HEADER = "X-CSRF-Token"
IDLE = 7 * 86_400.0
"""A session unused this long ends."""
ABSOLUTE = 30 * 86_400.0
"""No session lives longer than this."""
SECOND_FACTOR_WINDOW = 600.0
"""Between a correct password and the code."""
SAFE = frozenset({"GET", "HEAD", "OPTIONS"})
SESSION: web.RequestKey[dict[str, Any]] = web.RequestKey("jp_session")
"""The request's session row, when it was authenticated by the cookie."""


class CsrfError(web.HTTPForbidden):
    """A state-changing request with the session cookie but without the right token."""


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode("ascii", "replace")).hexdigest()


async def create(store: FleetStore, user_id: str, *, stage: str = "full") -> tuple[str, dict[str, Any]]:
    """A new session for the user: (cookie value, row)."""
    value = secrets.token_urlsafe(32)
    now = time.time()
    row = {
        "digest": _digest(value),
        "user_id": user_id,
        "csrf": secrets.token_urlsafe(32),
        "stage": stage,
        "created_at": now,
        "last_seen": now,
        "expires_at": now + (SECOND_FACTOR_WINDOW if stage != "full" else ABSOLUTE),
    }
    async with store.tx() as conn:
        await conn.execute(insert(t.sessions).values(**row))
    return value, row


async def lookup(store: FleetStore, value: str | None) -> dict[str, Any] | None:
    """The live session a cookie value names (touching its idle clock), or None."""
    if not value or len(value) > 100:
        return None
    now = time.time()
    async with store.engine.connect() as conn:
        row = (
            (await conn.execute(select(t.sessions).where(t.sessions.c.digest == _digest(value))))
            .mappings()
            .first()
        )
    if row is None or row["expires_at"] < now or now - row["last_seen"] > IDLE:
        return None
    if now - row["last_seen"] > 60:  # one write a minute at most per session
        async with store.tx() as conn:
            await conn.execute(
                update(t.sessions).where(t.sessions.c.digest == row["digest"]).values(last_seen=now)
            )
    return dict(row)


async def end(store: FleetStore, value: str | None) -> None:
    if value:
        async with store.tx() as conn:
            await conn.execute(delete(t.sessions).where(t.sessions.c.digest == _digest(value)))


async def end_all(store: FleetStore, user_id: str, *, keep: str | None = None) -> None:
    """End every session of the user (a password reset, a new second factor), but ``keep``."""
    async with store.tx() as conn:
        q = delete(t.sessions).where(t.sessions.c.user_id == user_id)
        if keep:
            q = q.where(t.sessions.c.digest != _digest(keep))
        await conn.execute(q)


def set_cookie(response: web.StreamResponse, value: str, *, max_age: float = ABSOLUTE) -> None:
    response.set_cookie(
        COOKIE, value, max_age=int(max_age), path="/", secure=True, httponly=True, samesite="Lax"
    )


def clear_cookie(response: web.StreamResponse) -> None:
    response.del_cookie(COOKIE, path="/", secure=True, httponly=True, samesite="Lax")


def check_csrf(request: web.Request, expected: str) -> None:
    """:raises CsrfError: a state-changing request without the expected token."""
    if request.method in SAFE:
        return
    sent = request.headers.get(CSRF_HEADER, "")
    if not sent or not hmac.compare_digest(sent.encode("ascii", "replace"), expected.encode()):
        raise _csrf_error()


def check_form_csrf(request: web.Request) -> None:
    """The double-submit check for forms sent before there is a session (sign-up, sign-in,
    reset): the header must equal the ``jp_csrf`` cookie."""
    cookie = request.cookies.get(CSRF_COOKIE, "")
    if not cookie:
        raise _csrf_error("no CSRF cookie: load the form first (GET /api/auth/csrf)")
    check_csrf(request, cookie)


def new_form_token(response: web.StreamResponse) -> str:
    token = secrets.token_urlsafe(32)
    response.set_cookie(CSRF_COOKIE, token, path="/api/auth/", secure=True, httponly=True, samesite="Strict")
    return token


def _csrf_error(message: str = "missing or wrong CSRF token") -> CsrfError:
    import json

    return CsrfError(
        text=json.dumps(
            {
                "error": message,
                "hint": f"send the token from GET /api/auth/session (or /api/auth/csrf) in {CSRF_HEADER}",
                "existing": None,
            }
        ),
        content_type="application/json",
    )


async def session_user(request: web.Request, store: FleetStore) -> dict[str, Any] | None:
    """The user of the request's session cookie (a full session only), CSRF checked for
    state-changing methods; None without a live session. Disabled users have none."""
    session = await lookup(store, request.cookies.get(COOKIE))
    if session is None or session["stage"] != "full":
        return None
    check_csrf(request, session["csrf"])
    user = await store.get_user(session["user_id"])
    if user is None or user.get("disabled"):
        return None
    request[SESSION] = session
    return user


def same_origin(request: web.Request, public_url: str | None = None) -> bool:
    """Whether the request's ``Origin`` is this server: the host the request was sent to,
    or the configured public address. Browsers always send ``Origin`` on a WebSocket
    handshake, and send cookies with it whatever page opened it, so a socket authenticated
    by the cookie must come from our own pages (cross-site WebSocket hijacking)."""
    from urllib.parse import urlsplit

    origin = request.headers.get("Origin", "")
    try:
        parts = urlsplit(origin)
    except ValueError:
        return False
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return False
    if parts.netloc.lower() == request.host.lower():
        return True
    if public_url:
        public = urlsplit(public_url)
        return (parts.scheme, parts.netloc.lower()) == (public.scheme, public.netloc.lower())
    return False


async def socket_user(
    request: web.Request, store: FleetStore, *, public_url: str | None = None
) -> dict[str, Any] | None:
    """The user of a WebSocket handshake's session cookie (a full session, from one of our
    own pages, user not disabled), or None."""
    session = await lookup(store, request.cookies.get(COOKIE))
    if session is None or session["stage"] != "full" or not same_origin(request, public_url):
        return None
    user = await store.get_user(session["user_id"])
    if user is None or user.get("disabled"):
        return None
    return user


__all__ = [
    "COOKIE",
    "CSRF_COOKIE",
    "CSRF_HEADER",
    "CsrfError",
    "check_csrf",
    "check_form_csrf",
    "clear_cookie",
    "create",
    "end",
    "end_all",
    "lookup",
    "new_form_token",
    "same_origin",
    "session_user",
    "set_cookie",
    "socket_user",
]

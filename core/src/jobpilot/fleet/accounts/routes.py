"""``/api/auth/...``: sign-up, e-mail verification, sign-in (with the second factor), sign-out,
password reset and change, and turning TOTP on and off.

These routes are public to the API's token check; each does its own: the forms sent before
there is a session carry the double-submit CSRF token, those made in a session its token.
Errors never tell whether an e-mail has an account, except sign-up's 409 (there the person
is told to sign in instead).
"""

from __future__ import annotations

import json
import time
from typing import Any

from aiohttp import web

from jobpilot.errors import UsageError
from jobpilot.fleet.accounts import confirm, links, mailer, passwords, ratelimit, sessions, totp
from jobpilot.fleet.accounts import models as am
from jobpilot.fleet.accounts import store as accounts
from jobpilot.fleet.accounts.config import AccountsConfig
from jobpilot.fleet.api.common import STORE, Route, body_of, json_response
from jobpilot.fleet.store import FleetStore

ACCOUNTS: web.AppKey[AccountsConfig] = web.AppKey("accounts")


def fail(status: int, message: str, hint: str | None = None, **headers: str) -> web.HTTPException:
    cls = {401: web.HTTPUnauthorized, 403: web.HTTPForbidden, 429: web.HTTPTooManyRequests}[status]
    return cls(
        text=json.dumps({"error": message, "hint": hint, "existing": None}),
        content_type="application/json",
        headers=headers or None,
    )


def _config(request: web.Request) -> AccountsConfig:
    return request.app.get(ACCOUNTS) or AccountsConfig()


def _client(request: web.Request) -> str:
    return request.remote or "unknown"


async def _session_out(store: FleetStore, session: dict[str, Any]) -> am.Session:
    if session["stage"] != "full":
        return am.Session(second_factor=True, csrf=session["csrf"])
    user = await store.get_user(session["user_id"])
    account = await accounts.by_user(store, session["user_id"])
    assert user is not None
    return am.Session(
        user=am.SessionUser(
            id=user["id"],
            email=account["email"] if account else None,
            name=user["name"],
            plan=user["tier"],
            email_verified=bool(account and account["email_verified_at"]),
            totp_enabled=bool(account and account["totp_enabled"]),
        ),
        csrf=session["csrf"],
    )


async def current_session(request: web.Request, *, stage: str = "full") -> dict[str, Any]:
    """The request's live session in ``stage``, CSRF checked. :raises HTTPUnauthorized: none."""
    session = await sessions.lookup(request.app[STORE], request.cookies.get(sessions.COOKIE))
    if session is None or session["stage"] != stage:
        raise fail(401, "not signed in", "sign in first (POST /api/auth/signin)")
    sessions.check_csrf(request, session["csrf"])
    return session


async def _send_link(request: web.Request, purpose: str, account: dict[str, Any]) -> None:
    config = _config(request)
    if purpose == "verify":
        token = links.make("verify", account["user_id"], account["email"])
        subject = "Confirm your e-mail address for JobPilot"
        text = "Open this link to confirm your address (valid for 3 days):"
        url = f"{config.public_url}/?verify={token}"
    else:
        token = links.make("reset", account["user_id"], account["password_hash"])
        subject = "Reset your JobPilot password"
        text = "Open this link to choose a new password (valid for 1 hour). If you did not ask, ignore it:"
        url = f"{config.public_url}/?reset={token}"
    await mailer.send(config.smtp, account["email"], subject, f"{text}\n\n{url}\n")


# --- before a session ------------------------------------------------------------------


async def csrf_form(request: web.Request) -> web.Response:
    response = json_response({})
    token = sessions.new_form_token(response)
    response.text = am.Csrf(csrf=token).model_dump_json()
    response.headers["Cache-Control"] = "no-store"
    return response


async def signup(request: web.Request) -> web.Response:
    sessions.check_form_csrf(request)
    config = _config(request)
    if not config.signup:
        raise fail(403, "sign-up is closed on this fleet", "ask the operator for an account")
    body: am.SignUpIn = await body_of(request, am.SignUpIn)
    passwords.check_rule(body.password, email=str(body.email))
    digest = await passwords.hash_password(body.password)
    account = await accounts.create(request.app[STORE], str(body.email), digest, plan=config.signup_plan)
    await _send_link(request, "verify", account)
    return json_response(
        am.Accepted(message=f"check {account['email']} for the link that confirms it, then sign in"), 201
    )


async def verify(request: web.Request) -> web.Response:
    sessions.check_form_csrf(request)
    body: am.TokenLinkIn = await body_of(request, am.TokenLinkIn)
    data = links.read("verify", body.token, links.VERIFY_AGE)
    store = request.app[STORE]
    account = await accounts.by_user(store, data["u"])
    if account is None or links.fingerprint(account["email"]) != data["f"]:
        raise UsageError("the link is not valid", hint="ask for a new one")
    if not account["email_verified_at"]:
        await accounts.change(store, account["user_id"], email_verified_at=time.time())
    return json_response(am.Accepted(message="your e-mail address is confirmed; sign in"))


async def resend_verification(request: web.Request) -> web.Response:
    sessions.check_form_csrf(request)
    body: am.EmailIn = await body_of(request, am.EmailIn)
    account = await accounts.by_email(request.app[STORE], body.email)
    if account is not None and not account["email_verified_at"]:
        await _send_link(request, "verify", account)
    return json_response(
        am.Accepted(message="if that address has an unconfirmed account, a link is on its way"), 202
    )


async def signin(request: web.Request) -> web.Response:
    sessions.check_form_csrf(request)
    body: am.SignInIn = await body_of(request, am.SignInIn)
    store = request.app[STORE]
    wait = await ratelimit.retry_after(store, body.email, _client(request))
    if wait > 0:
        raise fail(
            429,
            "too many failed sign-ins; try again later",
            f"wait {int(wait) + 1} s, or reset the password",
            **{"Retry-After": str(int(wait) + 1)},
        )
    account = await accounts.by_email(store, body.email)
    if account is None:
        await passwords.dummy_verify(body.password)
        ok = False
    else:
        ok = await passwords.verify_password(account["password_hash"], body.password)
    if not ok or account is None:
        await ratelimit.record_failure(store, body.email, _client(request))
        raise fail(401, "wrong e-mail or password", "try again, or reset the password")
    await ratelimit.clear(store, body.email)
    user = await store.get_user(account["user_id"])
    if user is None or user.get("disabled"):
        raise fail(403, "this account is disabled", "ask the operator")
    if not account["email_verified_at"]:
        raise fail(403, "confirm your e-mail address first", "open the link we sent, or ask for a new one")
    if passwords.needs_rehash(account["password_hash"]):
        await accounts.change(
            store, account["user_id"], password_hash=await passwords.hash_password(body.password)
        )
    stage = "second_factor" if account["totp_enabled"] else "full"
    value, session = await sessions.create(store, account["user_id"], stage=stage)
    response = json_response(await _session_out(store, session))
    sessions.set_cookie(response, value)
    return response


async def second_factor(request: web.Request) -> web.Response:
    pending = await current_session(request, stage="second_factor")
    body: am.CodeIn = await body_of(request, am.CodeIn)
    store = request.app[STORE]
    account = await accounts.by_user(store, pending["user_id"])
    if account is None or not await confirm.second_factor(store, account, body.code):
        await ratelimit.record_failure(store, account["email"] if account else "", _client(request))
        raise fail(401, "wrong code", "type the current code from your app, or a recovery code")
    await sessions.end(store, request.cookies.get(sessions.COOKIE))
    value, session = await sessions.create(store, pending["user_id"])
    response = json_response(await _session_out(store, session))
    sessions.set_cookie(response, value)
    return response


async def forgot_password(request: web.Request) -> web.Response:
    sessions.check_form_csrf(request)
    body: am.EmailIn = await body_of(request, am.EmailIn)
    account = await accounts.by_email(request.app[STORE], body.email)
    if account is not None:
        await _send_link(request, "reset", account)
    return json_response(
        am.Accepted(message="if that address has an account, a reset link is on its way"), 202
    )


async def reset_password(request: web.Request) -> web.Response:
    sessions.check_form_csrf(request)
    body: am.ResetIn = await body_of(request, am.ResetIn)
    data = links.read("reset", body.token, links.RESET_AGE)
    store = request.app[STORE]
    account = await accounts.by_user(store, data["u"])
    if account is None or links.fingerprint(account["password_hash"]) != data["f"]:
        raise UsageError(
            "the link is not valid (it was used already, or the password changed)", hint="ask for a new one"
        )
    passwords.check_rule(body.password, email=account["email"])
    # Opening the link proves the address too.
    await accounts.change(
        store,
        account["user_id"],
        password_hash=await passwords.hash_password(body.password),
        email_verified_at=account["email_verified_at"] or time.time(),
    )
    await sessions.end_all(store, account["user_id"])
    await ratelimit.clear(store, account["email"])
    return json_response(am.Accepted(message="the password is changed; sign in with it"))


# --- in a session ----------------------------------------------------------------------


async def session_info(request: web.Request) -> web.Response:
    session = await sessions.lookup(request.app[STORE], request.cookies.get(sessions.COOKIE))
    if session is None:
        raise fail(401, "not signed in", "sign in first (POST /api/auth/signin)")
    response = json_response(await _session_out(request.app[STORE], session))
    response.headers["Cache-Control"] = "no-store"
    return response


async def signout(request: web.Request) -> web.Response:
    store = request.app[STORE]
    session = await sessions.lookup(store, request.cookies.get(sessions.COOKIE))
    if session is not None:
        sessions.check_csrf(request, session["csrf"])
        await sessions.end(store, request.cookies.get(sessions.COOKIE))
    response = web.Response(status=204)
    sessions.clear_cookie(response)
    return response


async def change_password(request: web.Request) -> web.Response:
    session = await current_session(request)
    body: am.PasswordChangeIn = await body_of(request, am.PasswordChangeIn)
    store = request.app[STORE]
    account = await accounts.by_user(store, session["user_id"])
    if account is None or not await passwords.verify_password(
        account["password_hash"], body.current_password
    ):
        raise fail(403, "the current password is wrong")
    passwords.check_rule(body.new_password, email=account["email"])
    await accounts.change(
        store, account["user_id"], password_hash=await passwords.hash_password(body.new_password)
    )
    await sessions.end_all(store, account["user_id"], keep=request.cookies.get(sessions.COOKIE))
    return json_response(am.Accepted(message="the password is changed; other sessions were signed out"))


async def totp_setup(request: web.Request) -> web.Response:
    session = await current_session(request)
    store = request.app[STORE]
    account = await accounts.by_user(store, session["user_id"])
    if account is None:
        raise UsageError("this user has no account to protect (it signs in with API tokens)")
    if account["totp_enabled"]:
        raise UsageError("the second factor is already on", hint="turn it off first to set up a new one")
    secret = totp.new_secret()
    await accounts.change(store, account["user_id"], totp_secret=accounts.encrypt_secret(secret))
    return json_response(
        am.TotpSetup(secret=secret, otpauth_uri=totp.provisioning_uri(secret, account["email"]))
    )


async def totp_enable(request: web.Request) -> web.Response:
    session = await current_session(request)
    body: am.CodeIn = await body_of(request, am.CodeIn)
    store = request.app[STORE]
    account = await accounts.by_user(store, session["user_id"])
    secret = accounts.totp_secret(account) if account else None
    if account is None or secret is None:
        raise UsageError("set the second factor up first (POST /api/auth/totp/setup)")
    if account["totp_enabled"]:
        raise UsageError("the second factor is already on")
    step = totp.accepted_step(secret, body.code, None)
    if step is None:
        raise UsageError("that code does not match", hint="type the code your app shows now")
    codes = totp.new_recovery_codes()
    await accounts.change(
        store,
        account["user_id"],
        totp_enabled=True,
        totp_last_step=step,
        recovery_codes=[totp.digest(c) for c in codes],
    )
    await sessions.end_all(store, account["user_id"], keep=request.cookies.get(sessions.COOKIE))
    return json_response(am.RecoveryCodes(recovery_codes=codes))


async def totp_disable(request: web.Request) -> web.Response:
    session = await current_session(request)
    body: am.ConfirmIn = await body_of(request, am.ConfirmIn)
    store = request.app[STORE]
    if not await confirm.owner(store, session["user_id"], password=body.password, code=body.code):
        raise fail(403, "confirm with your password or a code")
    await accounts.change(
        store,
        session["user_id"],
        totp_enabled=False,
        totp_secret=None,
        totp_last_step=None,
        recovery_codes=None,
    )
    return json_response(am.Accepted(message="the second factor is off"))


ROUTES: list[Route] = [
    ("GET", "/api/auth/csrf", csrf_form),
    ("POST", "/api/auth/signup", signup),
    ("POST", "/api/auth/verify", verify),
    ("POST", "/api/auth/verify/resend", resend_verification),
    ("POST", "/api/auth/signin", signin),
    ("POST", "/api/auth/second-factor", second_factor),
    ("POST", "/api/auth/password/forgot", forgot_password),
    ("POST", "/api/auth/password/reset", reset_password),
    ("GET", "/api/auth/session", session_info),
    ("POST", "/api/auth/signout", signout),
    ("POST", "/api/auth/password/change", change_password),
    ("POST", "/api/auth/totp/setup", totp_setup),
    ("POST", "/api/auth/totp/enable", totp_enable),
    ("POST", "/api/auth/totp/disable", totp_disable),
]

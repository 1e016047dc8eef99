"""The OpenAPI entries of the account routes: sign-up and sign-in (``/api/auth``), API tokens,
billing and leaving (export, delete). ``openapi.py`` merges them into ``/openapi.json``, so
the fuzz test covers them like every other route.

Same shape as ``openapi.OPERATIONS``: (method, path, operation id, summary, request body,
{status: response}); a body may also be ``"raw"`` (a Stripe event, read as bytes) and a
response ``"zip"``. :data:`SECURITY` names the routes that take no API token: public ones
(before a session exists; each checks its double-submit CSRF token) and those that need the
dashboard's session cookie itself.
"""

from __future__ import annotations

from typing import Any

import jobpilot.fleet.api  # noqa: F401  (first: the route modules import each other through it)
from jobpilot.fleet import models as m
from jobpilot.fleet.accounts import models as am
from jobpilot.fleet.billing import routes as billing
from jobpilot.fleet.privacy import routes as privacy

_FORM = " Needs the double-submit CSRF pair from GET /api/auth/csrf (cookie + X-CSRF-Token)."
_SESSION = " Needs the session cookie and, to change anything, its CSRF token in X-CSRF-Token."

OPERATIONS: list[tuple[str, str, str, str, Any, dict[int, Any]]] = [
    # --- before a session -----------------------------------------------------------
    (
        "get",
        "/api/auth/csrf",
        "csrfToken",
        "A CSRF token for the forms sent before there is a session (sign-up, sign-in, reset);"
        " also sets it as an HttpOnly cookie",
        None,
        {200: am.Csrf},
    ),
    (
        "post",
        "/api/auth/signup",
        "signUp",
        "Sign up with e-mail and password; a link to confirm the address is e-mailed." + _FORM,
        am.SignUpIn,
        {201: am.Accepted, 400: m.Error, 403: m.Error, 409: m.Error},
    ),
    (
        "post",
        "/api/auth/verify",
        "verifyEmail",
        "Confirm the e-mail address with the token of the e-mailed link." + _FORM,
        am.TokenLinkIn,
        {200: am.Accepted, 400: m.Error, 403: m.Error},
    ),
    (
        "post",
        "/api/auth/verify/resend",
        "resendVerification",
        "E-mail the confirmation link again (the answer never tells whether the address has an"
        " account)." + _FORM,
        am.EmailIn,
        {202: am.Accepted, 400: m.Error, 403: m.Error},
    ),
    (
        "post",
        "/api/auth/signin",
        "signIn",
        "Sign in: sets the session cookie (Secure, HttpOnly, SameSite=Lax). With a second factor"
        " the session waits for the code. Failed sign-ins are rate-limited (429)." + _FORM,
        am.SignInIn,
        {200: am.Session, 400: m.Error, 401: m.Error, 403: m.Error, 429: m.Error},
    ),
    (
        "post",
        "/api/auth/password/forgot",
        "forgotPassword",
        "E-mail a password-reset link (valid for an hour, used once)." + _FORM,
        am.EmailIn,
        {202: am.Accepted, 400: m.Error, 403: m.Error},
    ),
    (
        "post",
        "/api/auth/password/reset",
        "resetPassword",
        "Choose a new password with the token of the e-mailed link; every session ends." + _FORM,
        am.ResetIn,
        {200: am.Accepted, 400: m.Error, 403: m.Error},
    ),
    # --- in a session ---------------------------------------------------------------
    (
        "post",
        "/api/auth/second-factor",
        "secondFactor",
        "The code from the authenticator app (or a recovery code) after the password." + _SESSION,
        am.CodeIn,
        {200: am.Session, 400: m.Error, 401: m.Error, 403: m.Error},
    ),
    (
        "get",
        "/api/auth/session",
        "getSession",
        "Who is signed in with the session cookie, and the session's CSRF token",
        None,
        {200: am.Session, 401: m.Error},
    ),
    (
        "post",
        "/api/auth/signout",
        "signOut",
        "End the session and clear its cookie." + _SESSION,
        None,
        {204: None, 403: m.Error},
    ),
    (
        "post",
        "/api/auth/password/change",
        "changePassword",
        "Change the password (the current one confirms it); other sessions end." + _SESSION,
        am.PasswordChangeIn,
        {200: am.Accepted, 400: m.Error, 401: m.Error, 403: m.Error},
    ),
    (
        "post",
        "/api/auth/totp/setup",
        "totpSetup",
        "Start setting up a second factor: a new TOTP secret and its otpauth:// URI." + _SESSION,
        None,
        {200: am.TotpSetup, 400: m.Error, 401: m.Error, 403: m.Error},
    ),
    (
        "post",
        "/api/auth/totp/enable",
        "totpEnable",
        "Turn the second factor on with a current code; returns the recovery codes, once." + _SESSION,
        am.CodeIn,
        {200: am.RecoveryCodes, 400: m.Error, 401: m.Error, 403: m.Error},
    ),
    (
        "post",
        "/api/auth/totp/disable",
        "totpDisable",
        "Turn the second factor off (confirmed by the password or a code)." + _SESSION,
        am.ConfirmIn,
        {200: am.Accepted, 400: m.Error, 401: m.Error, 403: m.Error},
    ),
    # --- tokens ---------------------------------------------------------------------
    (
        "get",
        "/api/tokens",
        "listTokens",
        "Your API tokens (named by a digest prefix; the tokens themselves are never stored)",
        None,
        {200: [am.TokenInfo]},
    ),
    (
        "delete",
        "/api/tokens/{token_id}",
        "revokeToken",
        "Revoke one of your API tokens",
        None,
        {204: None, 404: m.Error},
    ),
    # --- billing --------------------------------------------------------------------
    (
        "get",
        "/api/billing",
        "getBilling",
        "Your plan, its limits (daily cap, applications at once), today's usage, the"
        " subscription's state, and the plans (purchasable when billing is on)",
        None,
        {200: billing.BillingOut},
    ),
    (
        "post",
        "/api/billing/checkout",
        "checkout",
        "Upgrade: a Stripe Checkout page to send the person to (404 when billing is off)",
        billing.CheckoutIn,
        {200: billing.RedirectOut, 400: m.Error, 404: m.Error},
    ),
    (
        "post",
        "/api/billing/portal",
        "billingPortal",
        "Manage or cancel the subscription: a Stripe Customer Portal page (404 without one)",
        None,
        {200: billing.RedirectOut, 404: m.Error},
    ),
    (
        "post",
        "/api/billing/webhook",
        "billingWebhook",
        "Stripe's events, verified by the Stripe-Signature header and processed once by event"
        " id; a missing, forged or stale signature gets 400 and changes nothing",
        "raw",
        {200: None, 400: m.Error, 404: m.Error},
    ),
    # --- leaving --------------------------------------------------------------------
    (
        "get",
        "/api/me/export",
        "exportMe",
        "A zip of everything held about you: JSON per object, resumes and evidence files as"
        " they are, decrypted",
        None,
        {200: "zip"},
    ),
    (
        "delete",
        "/api/me",
        "deleteMe",
        "Delete your account and everything of yours (rows, files, the Stripe customer),"
        " confirmed by your password or a second-factor code (operator-made users: their name)",
        privacy.DeleteIn,
        {204: None, 400: m.Error, 403: m.Error},
    ),
]

PUBLIC = frozenset(
    {
        "csrfToken",
        "signUp",
        "verifyEmail",
        "resendVerification",
        "signIn",
        "forgotPassword",
        "resetPassword",
        "billingWebhook",
    }
)
"""Operations that need no credential (the webhook is authenticated by Stripe's signature)."""
SESSION_ONLY = frozenset(
    {"secondFactor", "getSession", "signOut", "changePassword", "totpSetup", "totpEnable", "totpDisable"}
)
"""Operations on the session itself: the cookie, never an API token."""

PATH_PARAMS = {"token_id": "A token's id from GET /api/tokens (16 hex digits)"}

__all__ = ["OPERATIONS", "PATH_PARAMS", "PUBLIC", "SESSION_ONLY"]

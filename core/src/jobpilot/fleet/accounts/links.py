"""Signed, expiring links for e-mail verification and password reset (itsdangerous).

A link carries the user id and a fingerprint of what it may change, signed with a key
derived from the fleet's secret key (``JOBPILOT_SECRET_KEY``; with several keys during a
rotation every one of them verifies). It expires (``max_age``) and dies once used: a reset
link holds a fingerprint of the password hash it replaces, a verification link the e-mail
address it confirms, so after the change it no longer matches.
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Any

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from jobpilot.errors import UsageError
from jobpilot.storage import crypto

VERIFY_AGE = 3 * 86_400
RESET_AGE = 3_600


def _secrets() -> list[bytes]:
    """One signing secret per configured key, the encrypting key's last (itsdangerous signs
    with the last and verifies with all)."""
    keys = crypto.keys()
    return [
        hmac.new(k.encode(), b"jobpilot account links v1", hashlib.sha256).digest() for k in reversed(keys)
    ]


def _serializer(purpose: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(_secrets(), salt="jobpilot-" + purpose)


def fingerprint(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()[:20]


def make(purpose: str, user_id: str, bound_to: str) -> str:
    """A token for ``purpose`` (``verify`` or ``reset``) valid while ``bound_to`` (the e-mail,
    the current password hash) is unchanged."""
    return str(_serializer(purpose).dumps({"u": user_id, "f": fingerprint(bound_to)}))


def read(purpose: str, token: str, max_age: int) -> dict[str, Any]:
    """{"u": user id, "f": fingerprint}. :raises UsageError: forged, for something else, or
    expired."""
    if not token or len(token) > 500:
        raise UsageError("the link is not valid", hint="ask for a new one")
    try:
        data = _serializer(purpose).loads(token, max_age=max_age)
    except SignatureExpired:
        raise UsageError("the link has expired", hint="ask for a new one") from None
    except BadSignature:
        raise UsageError("the link is not valid", hint="ask for a new one") from None
    if not isinstance(data, dict) or not isinstance(data.get("u"), str) or not isinstance(data.get("f"), str):
        raise UsageError("the link is not valid", hint="ask for a new one")
    return data

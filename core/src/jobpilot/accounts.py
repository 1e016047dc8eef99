"""Candidate accounts on ATS sites, as data: what a flow creates and the credential stores keep.

Kept apart from the storage layer (no SQLAlchemy) so that ATS flows, which build and read
these, load cheaply; ``jobpilot.storage.credentials`` stores them for the desktop and the
fleet stores them in its own database.
"""

from __future__ import annotations

import hashlib
import secrets
import string
from dataclasses import dataclass, field
from typing import Literal

CredentialState = Literal["pending", "active"]
"""``pending``: stored before the account was created (the creation may not have gone
through); ``active``: the site accepted it."""

_SPECIALS = "!#$%&*+-=?@^_"


def generate_password(length: int = 20) -> str:
    """A strong random password that meets the usual ATS rules (upper, lower, digit,
    special character, at least 8 characters)."""
    if length < 8:
        raise ValueError("passwords shorter than 8 characters are refused by most ATS sites")
    alphabet = string.ascii_letters + string.digits + _SPECIALS
    required = [
        secrets.choice(string.ascii_uppercase),
        secrets.choice(string.ascii_lowercase),
        secrets.choice(string.digits),
        secrets.choice(_SPECIALS),
    ]
    chars = required + [secrets.choice(alphabet) for _ in range(length - len(required))]
    secrets.SystemRandom().shuffle(chars)
    return "".join(chars)


def account_digest(email: str) -> str:
    return hashlib.sha256(email.strip().lower().encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class SiteCredential:
    """One account on one tenant of one ATS."""

    ats: str
    tenant: str
    email: str
    password: str = field(repr=False)
    state: CredentialState = "pending"


__all__ = ["CredentialState", "SiteCredential", "account_digest", "generate_password"]

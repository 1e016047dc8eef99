"""The optional second factor: TOTP (RFC 6238, pyotp) and single-use recovery codes.

The secret is stored encrypted with the fleet's key; a code's time step is remembered so
the same code is never accepted twice. Ten recovery codes are shown once when the second
factor is turned on; only their SHA-256 digests are kept, and each works once.
"""

from __future__ import annotations

import hashlib
import secrets
import time

import pyotp

ISSUER = "JobPilot"
RECOVERY_CODES = 10


def new_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(secret: str, email: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=email, issuer_name=ISSUER)


def accepted_step(secret: str, code: str, last_step: int | None, *, now: float | None = None) -> int | None:
    """The time step ``code`` is valid for (one step of clock drift either way), if it is
    later than ``last_step``; None otherwise."""
    code = "".join(code.split())
    if not code.isdigit() or len(code) != 6:
        return None
    totp = pyotp.TOTP(secret)
    now = now or time.time()
    step = int(now // totp.interval)
    for candidate in (step, step - 1, step + 1):
        if last_step is not None and candidate <= last_step:
            continue
        if secrets.compare_digest(totp.generate_otp(candidate), code):
            return candidate
    return None


def new_recovery_codes() -> list[str]:
    return [f"{secrets.token_hex(4)}-{secrets.token_hex(4)}" for _ in range(RECOVERY_CODES)]


def digest(code: str) -> str:
    return hashlib.sha256("".join(code.split()).lower().encode()).hexdigest()

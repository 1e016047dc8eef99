"""Encryption at rest for profile PII.

A Fernet key (AES-128-CBC + HMAC-SHA256) lives in ``JOBPILOT_SECRET_KEY`` or, by default,
in ``<home>/secret.key`` created with mode 0600 on first use. Losing the key loses the
profiles, which is the point: a copied database file alone reveals nothing.
"""

from __future__ import annotations

import os
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken

from jobpilot.config import home
from jobpilot.errors import JobPilotError


def _key() -> bytes:
    env = os.environ.get("JOBPILOT_SECRET_KEY")
    if env:
        return env.encode()
    path: Path = home() / "secret.key"
    if not path.exists():
        tmp = path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(Fernet.generate_key())
        os.replace(tmp, path)
    return path.read_bytes().strip()


def encrypt(data: bytes) -> bytes:
    return Fernet(_key()).encrypt(data)


def decrypt(token: bytes) -> bytes:
    try:
        return Fernet(_key()).decrypt(token)
    except InvalidToken as exc:
        raise JobPilotError(
            "cannot decrypt stored profile data: the secret key does not match",
            hint="restore the original secret.key (or JOBPILOT_SECRET_KEY) for this database",
        ) from exc

"""Encryption at rest for profile PII.

A Fernet key (AES-128-CBC + HMAC-SHA256) lives in ``JOBPILOT_SECRET_KEY``, in the file
named by ``JOBPILOT_SECRET_KEY_FILE`` (a Docker or systemd secret), or, by default, in
``<home>/secret.key`` created with mode 0600 on first use. Losing the key loses the
profiles, which is the point: a copied database file alone reveals nothing.

Key rotation (``MultiFernet``): the variable (or file) may list several keys separated by
commas or new lines. The first encrypts; every one of them decrypts. To rotate, put a new
key first and keep the old one after it, re-encrypt the stored data (:func:`rotate`, driven
by ``jobpilot fleet rotate-key``), then drop the old key.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from jobpilot.config import home
from jobpilot.errors import JobPilotError, UsageError

KEY_ENV = "JOBPILOT_SECRET_KEY"
KEY_FILE_ENV = "JOBPILOT_SECRET_KEY_FILE"


def configured_keys() -> str | None:
    """The key text given to this process (environment or key file), None when neither is
    set (the desktop then uses its own ``secret.key``)."""
    env = os.environ.get(KEY_ENV)
    if env and env.strip():
        return env
    file = os.environ.get(KEY_FILE_ENV)
    if file:
        try:
            return Path(file).read_text("utf-8")
        except OSError as exc:
            raise UsageError(
                f"cannot read the secret key file {file} ({KEY_FILE_ENV}): {exc.strerror}",
                hint="point it at a readable file holding the key (jobpilot fleet new-key prints one)",
            ) from None
    return None


def _key_text() -> str:
    given = configured_keys()
    if given is not None:
        return given
    path: Path = home() / "secret.key"
    if not path.exists():
        tmp = path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(Fernet.generate_key())
        os.replace(tmp, path)
    return path.read_text("utf-8")


@lru_cache(maxsize=8)
def _fernet(text: str) -> MultiFernet:
    keys = [k for k in re.split(r"[,\s]+", text) if k]
    if not keys:
        raise UsageError(
            "the secret key is empty", hint=f"set {KEY_ENV} to a key from `jobpilot fleet new-key`"
        )
    try:
        return MultiFernet([Fernet(k.encode()) for k in keys])
    except ValueError:
        raise UsageError(
            "the secret key is not a Fernet key (32 url-safe base64-encoded bytes)",
            hint="generate one with `jobpilot fleet new-key`",
        ) from None


def keys() -> list[str]:
    """The configured keys as text, the encrypting one first (other secrets, such as the
    signing key of account links, are derived from them)."""
    return [k for k in re.split(r"[,\s]+", _key_text()) if k]


def fernet() -> MultiFernet:
    """The keys in use: the first encrypts, all decrypt."""
    return _fernet(_key_text())


def encrypt(data: bytes) -> bytes:
    return fernet().encrypt(data)


def decrypt(token: bytes) -> bytes:
    try:
        return fernet().decrypt(token)
    except InvalidToken as exc:
        raise JobPilotError(
            "cannot decrypt stored profile data: the secret key does not match",
            hint="restore the original secret.key (or JOBPILOT_SECRET_KEY) for this database",
        ) from exc


def rotate(token: bytes) -> bytes:
    """``token`` encrypted again with the first key (decrypted with whichever key it was
    made with). :raises JobPilotError: no configured key opens it."""
    try:
        return fernet().rotate(token)
    except InvalidToken as exc:
        raise JobPilotError(
            "cannot re-encrypt stored data: none of the configured keys opens it",
            hint=f"keep the old key in {KEY_ENV} (after the new one) until the rotation finished",
        ) from exc


def new_key() -> str:
    return Fernet.generate_key().decode()

"""Password hashes: argon2id through argon2-cffi, with its parameters in the hash so they
can be raised later (a hash made with weaker ones is replaced at the next sign-in)."""

from __future__ import annotations

import asyncio

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from jobpilot.errors import UsageError

MIN_LENGTH = 10
MAX_LENGTH = 1024
"""Longer is refused before hashing: argon2 takes any length, a megabyte "password" is a
denial of service."""

_HASHER = PasswordHasher()
"""RFC 9106's low-memory profile (argon2id, 3 passes, 64 MiB, 4 lanes): argon2-cffi's default."""


def check_rule(password: str, *, email: str = "") -> None:
    """:raises UsageError: the password is too short, too long, or is the e-mail."""
    if len(password) < MIN_LENGTH:
        raise UsageError(
            f"the password is too short ({len(password)} characters)",
            hint=f"use at least {MIN_LENGTH} characters; a few unrelated words work well",
        )
    if len(password) > MAX_LENGTH:
        raise UsageError(f"the password is longer than {MAX_LENGTH} characters")
    if email and password.strip().lower() == email.strip().lower():
        raise UsageError("the password is your e-mail address", hint="choose something else")


def set_hasher(hasher: PasswordHasher) -> None:
    """Use other argon2 parameters (tests use a cheaper profile; production keeps the default)."""
    global _HASHER
    _HASHER = hasher


async def hash_password(password: str) -> str:
    """The argon2id hash (CPU and memory work: off the event loop)."""
    return await asyncio.to_thread(_HASHER.hash, password)


async def verify_password(stored: str, password: str) -> bool:
    if len(password) > MAX_LENGTH:
        return False
    try:
        return await asyncio.to_thread(_HASHER.verify, stored, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored: str) -> bool:
    try:
        return _HASHER.check_needs_rehash(stored)
    except InvalidHashError:
        return True


async def dummy_verify(password: str) -> None:
    """Spend the time a real check takes (an unknown e-mail answers as slowly as a known one)."""
    global _DUMMY
    if _DUMMY is None or needs_rehash(_DUMMY):
        _DUMMY = await hash_password("not a real password, only for equal timing")
    await verify_password(_DUMMY, password[:MAX_LENGTH])


_DUMMY: str | None = None

"""Proving it is the account's owner: the password, or the second factor (a TOTP code or
a recovery code, each accepted once). Used by the second sign-in step and by actions that
cannot be undone (deleting the account, turning the second factor off)."""

from __future__ import annotations

from typing import Any

from jobpilot.fleet.accounts import passwords, totp
from jobpilot.fleet.accounts import store as accounts
from jobpilot.fleet.store import FleetStore


async def second_factor(store: FleetStore, account: dict[str, Any], code: str) -> bool:
    """Whether ``code`` is a current TOTP code not used before, or an unused recovery code
    (which is then spent)."""
    if not account.get("totp_enabled") or not code or len(code) > 64:
        return False
    secret = accounts.totp_secret(account)
    if secret:
        step = totp.accepted_step(secret, code, account.get("totp_last_step"))
        if step is not None:
            await accounts.change(store, account["user_id"], totp_last_step=step)
            return True
    digest = totp.digest(code)
    remaining = list(account.get("recovery_codes") or [])
    if digest in remaining:
        remaining.remove(digest)
        await accounts.change(store, account["user_id"], recovery_codes=remaining)
        return True
    return False


async def owner(
    store: FleetStore, user_id: str, *, password: str | None = None, code: str | None = None
) -> bool:
    """Whether the password or the second-factor code proves the account's owner. A user
    without an account (made by the operator, using an API token) has neither."""
    account = await accounts.by_user(store, user_id)
    if account is None:
        return False
    if password and await passwords.verify_password(account["password_hash"], password):
        return True
    return bool(code) and await second_factor(store, account, code or "")

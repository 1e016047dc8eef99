"""What the account routes read and write (pydantic v2; described in ``/openapi.json``)."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, EmailStr, Field


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SignUpIn(_In):
    email: EmailStr = Field(max_length=320)
    password: str = Field(min_length=1, max_length=1024)


class SignInIn(_In):
    email: str = Field(min_length=1, max_length=320)
    password: str = Field(min_length=1, max_length=1024)


class CodeIn(_In):
    code: str = Field(min_length=1, max_length=64)
    """A 6-digit code from the authenticator app, or a recovery code."""


class EmailIn(_In):
    email: str = Field(min_length=1, max_length=320)


class TokenLinkIn(_In):
    token: str = Field(min_length=1, max_length=500)
    """The ``token`` parameter of the link in the e-mail."""


class ResetIn(_In):
    token: str = Field(min_length=1, max_length=500)
    password: str = Field(min_length=1, max_length=1024)


class PasswordChangeIn(_In):
    current_password: str = Field(min_length=1, max_length=1024)
    new_password: str = Field(min_length=1, max_length=1024)


class ConfirmIn(_In):
    """Proof that it is you: your password, or a code from your second factor."""

    password: str | None = Field(default=None, max_length=1024)
    code: str | None = Field(default=None, max_length=64)


class Csrf(BaseModel):
    csrf: str
    """Send it back in ``X-CSRF-Token`` with the form."""


class SessionUser(BaseModel):
    id: str
    email: str | None
    name: str
    plan: str
    email_verified: bool
    totp_enabled: bool


class Session(BaseModel):
    user: SessionUser | None = None
    second_factor: bool = False
    """True: the password was right; send the code to ``/api/auth/second-factor``."""
    csrf: str
    """This session's token for ``X-CSRF-Token`` on every state-changing request."""


class Accepted(BaseModel):
    ok: bool = True
    message: str


class TotpSetup(BaseModel):
    secret: str
    otpauth_uri: str
    """Scan it (a QR code of this URI) or type the secret into an authenticator app."""


class RecoveryCodes(BaseModel):
    recovery_codes: list[str]
    """Shown once: each works once instead of a code."""


class TokenInfo(BaseModel):
    id: str
    label: str
    created_at: datetime
    current: bool
    """The token this request was made with."""

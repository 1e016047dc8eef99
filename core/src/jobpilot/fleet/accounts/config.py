"""What the operator configures for accounts (environment variables, or ``jobpilot serve``
flags that set the same):

- ``JOBPILOT_PUBLIC_URL``: the address people open (links in e-mails point there; never
  taken from a request's Host header, which a client chooses). Default: the address
  ``jobpilot serve`` listens on.
- ``JOBPILOT_SMTP_HOST``, ``JOBPILOT_SMTP_PORT`` (587), ``JOBPILOT_SMTP_USER``,
  ``JOBPILOT_SMTP_PASSWORD``, ``JOBPILOT_SMTP_FROM``, ``JOBPILOT_SMTP_TLS``
  (``starttls`` default, ``ssl``, or ``none`` for a relay on the same machine). Without a
  host, e-mails are written to the server's log instead (one machine, trying it out).
- ``JOBPILOT_SIGNUP`` (``on``/``off``): whether anyone may sign up, and
  ``JOBPILOT_SIGNUP_PLAN`` (``free``): the plan new accounts start on.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from jobpilot.errors import UsageError


@dataclass(frozen=True)
class SmtpConfig:
    host: str
    port: int = 587
    user: str | None = None
    password: str | None = None
    sender: str = "JobPilot <no-reply@localhost>"
    tls: str = "starttls"
    """``starttls``, ``ssl`` or ``none``."""
    timeout: float = 30.0


@dataclass(frozen=True)
class AccountsConfig:
    public_url: str = "http://127.0.0.1:8080"
    smtp: SmtpConfig | None = None
    signup: bool = True
    signup_plan: str = "free"
    extra: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_env(cls, *, public_url: str | None = None) -> AccountsConfig:
        env = os.environ
        smtp = None
        if env.get("JOBPILOT_SMTP_HOST"):
            tls = env.get("JOBPILOT_SMTP_TLS", "starttls").lower()
            if tls not in ("starttls", "ssl", "none"):
                raise UsageError(f"JOBPILOT_SMTP_TLS={tls!r}", hint="use starttls, ssl or none")
            try:
                port = int(env.get("JOBPILOT_SMTP_PORT", "465" if tls == "ssl" else "587"))
            except ValueError:
                raise UsageError("JOBPILOT_SMTP_PORT must be a number") from None
            smtp = SmtpConfig(
                host=env["JOBPILOT_SMTP_HOST"],
                port=port,
                user=env.get("JOBPILOT_SMTP_USER") or None,
                password=env.get("JOBPILOT_SMTP_PASSWORD") or None,
                sender=env.get("JOBPILOT_SMTP_FROM") or SmtpConfig.sender,
                tls=tls,
            )
        signup = env.get("JOBPILOT_SIGNUP", "on").lower() not in ("off", "0", "no", "false")
        plan = env.get("JOBPILOT_SIGNUP_PLAN", "free")
        if plan not in ("free", "pro", "enterprise"):
            raise UsageError(f"JOBPILOT_SIGNUP_PLAN={plan!r}", hint="use free, pro or enterprise")
        url = (env.get("JOBPILOT_PUBLIC_URL") or public_url or cls.public_url).rstrip("/")
        return cls(public_url=url, smtp=smtp, signup=signup, signup_plan=plan)

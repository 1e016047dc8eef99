"""Sending account e-mails (verification and reset links) through SMTP with the standard
library's client, off the event loop. Without an SMTP host the message goes to the log,
so a fleet tried out on one machine still works."""

from __future__ import annotations

import asyncio
import logging
import smtplib
import ssl
from email.message import EmailMessage
from email.utils import make_msgid

from jobpilot.errors import JobPilotError
from jobpilot.fleet.accounts.config import SmtpConfig

log = logging.getLogger("jobpilot.fleet.mail")


class MailError(JobPilotError):
    """The SMTP server could not be reached or refused the message."""


def message(sender: str, to: str, subject: str, body: str) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = subject
    msg["Message-ID"] = make_msgid(domain="jobpilot.local")
    msg.set_content(body)
    return msg


def _send(config: SmtpConfig, msg: EmailMessage) -> None:
    context = ssl.create_default_context()
    smtp: smtplib.SMTP
    if config.tls == "ssl":
        smtp = smtplib.SMTP_SSL(config.host, config.port, timeout=config.timeout, context=context)
    else:
        smtp = smtplib.SMTP(config.host, config.port, timeout=config.timeout)
    with smtp:
        if config.tls == "starttls":
            smtp.starttls(context=context)
        if config.user and config.password:
            smtp.login(config.user, config.password)
        smtp.send_message(msg)


async def send(config: SmtpConfig | None, to: str, subject: str, body: str) -> None:
    """Send one plain-text e-mail. :raises MailError: the server is unreachable or refused."""
    if config is None:
        log.warning("no SMTP server configured (JOBPILOT_SMTP_HOST): e-mail to %s: %s\n%s", to, subject, body)
        return
    msg = message(config.sender, to, subject, body)
    try:
        await asyncio.to_thread(_send, config, msg)
    except (OSError, smtplib.SMTPException) as exc:
        log.error("sending e-mail through %s:%s failed: %s", config.host, config.port, exc)
        raise MailError(
            "the e-mail could not be sent", hint="try again later; the operator can check the SMTP settings"
        ) from exc

"""A local SMTP server (aiosmtpd) that keeps every message it receives, for the account
e-mails (verification and password-reset links)."""

from __future__ import annotations

import email
import email.policy
import re
import socket
import threading
import time
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Inbox:
    """The aiosmtpd handler: messages by recipient, with a wait for the next one."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self._cond = threading.Condition()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        msg = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self._cond:
            self.messages.append(msg)  # type: ignore[arg-type]
            self._cond.notify_all()
        return "250 OK"

    def to(self, address: str) -> list[EmailMessage]:
        with self._cond:
            return [m for m in self.messages if address.lower() in str(m["To"]).lower()]

    def wait_for(self, address: str, count: int = 1, timeout: float = 30) -> EmailMessage:
        deadline = time.monotonic() + timeout
        with self._cond:
            while len(self.to_unlocked(address)) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"no e-mail number {count} to {address}")
                self._cond.wait(left)
            return self.to_unlocked(address)[count - 1]

    def to_unlocked(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if address.lower() in str(m["To"]).lower()]


def link_in(msg: EmailMessage, param: str) -> str:
    """The ``param`` token of the link in a message's body."""
    body = msg.get_content()
    found = re.search(rf"[?&]{param}=([A-Za-z0-9._\-]+)", body)
    assert found, body
    return found.group(1)


class SmtpServer:
    def __init__(self) -> None:
        self.inbox = Inbox()
        self.port = _free_port()
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)

    def start(self) -> SmtpServer:
        self.controller.start()
        return self

    def stop(self) -> None:
        self.controller.stop()

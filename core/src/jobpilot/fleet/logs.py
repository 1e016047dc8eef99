"""The fleet's logs: one JSON object per line for a log collector, or plain text for a
person at a terminal; an access log for the API.

Every line written while a worker runs an application carries that application's id (and
the worker, the attempt): :func:`application_context` puts them in a context variable that
the asyncio task running the application (and every task it starts) inherits, and the
handler's :class:`ContextFilter` copies them onto each record, whichever logger wrote it
(the worker, the engine, a plugin). So ``grep``/``jq`` on one id gives the whole run.

``--log-format json|text|auto`` (``JOBPILOT_LOG_FORMAT``) chooses; ``auto`` is text when
standard error is a terminal and JSON otherwise (systemd, Docker, a file).
"""

from __future__ import annotations

import contextlib
import contextvars
import json
import logging
import os
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import IO, Any

from aiohttp import web
from aiohttp.abc import AbstractAccessLogger

FORMATS = ("auto", "json", "text")

_context: contextvars.ContextVar[dict[str, Any] | None] = contextvars.ContextVar("fleet_log", default=None)

_STANDARD = set(logging.LogRecord("", 0, "", 0, "", None, None).__dict__) | {"message", "asctime", "taskName"}
"""Attributes every record has: anything else on a record is an ``extra`` field."""


@contextlib.contextmanager
def application_context(application_id: str, **fields: Any) -> Iterator[None]:
    """Tag every log line written inside (this task and the tasks it starts) with the
    application's id and ``fields``."""
    token = _context.set({**(_context.get() or {}), "application_id": application_id, **fields})
    try:
        yield
    finally:
        _context.reset(token)


def current_context() -> dict[str, Any]:
    return dict(_context.get() or {})


class ContextFilter(logging.Filter):
    """Copies the current application context onto each record (never overriding a field
    the call gave explicitly)."""

    def filter(self, record: logging.LogRecord) -> bool:
        for key, value in (_context.get() or {}).items():
            if not hasattr(record, key):
                setattr(record, key, value)
        return True


def _fields(record: logging.LogRecord) -> dict[str, Any]:
    return {k: v for k, v in record.__dict__.items() if k not in _STANDARD and not k.startswith("_")}


class JsonFormatter(logging.Formatter):
    """``{"ts", "level", "logger", "message", <context and extra fields>, "exc"}``."""

    def format(self, record: logging.LogRecord) -> str:
        out: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in _fields(record).items():
            out.setdefault(key, value)
        if record.exc_info:
            out["exc"] = self.formatException(record.exc_info)
        return json.dumps(out, default=str, ensure_ascii=False)


class TextFormatter(logging.Formatter):
    """``time level logger [application=... worker=...] message``: for a terminal."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s%(context)s %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        extra = _fields(record)
        tags = [f"{k}={extra[k]}" for k in ("application_id", "worker", "attempt") if k in extra]
        record.context = f" [{' '.join(tags)}]" if tags else ""
        try:
            return super().format(record)
        finally:
            del record.context  # type: ignore[attr-defined]


def resolve_format(fmt: str | None, stream: IO[str] | None = None) -> str:
    fmt = (fmt or os.environ.get("JOBPILOT_LOG_FORMAT") or "auto").lower()
    if fmt not in FORMATS:
        raise ValueError(f"unknown log format {fmt!r}: one of {', '.join(FORMATS)}")
    if fmt == "auto":
        stream = stream or sys.stderr
        return "text" if hasattr(stream, "isatty") and stream.isatty() else "json"
    return fmt


def configure(fmt: str | None = None, level: str | None = None, *, stream: IO[str] | None = None) -> str:
    """Route every logger to one handler on standard error (or ``stream``) in the chosen
    format, with the application context; returns the format used."""
    used = resolve_format(fmt, stream)
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonFormatter() if used == "json" else TextFormatter())
    handler.addFilter(ContextFilter())
    root = logging.getLogger()
    for old in list(root.handlers):
        if getattr(old, "_jobpilot", False):
            root.removeHandler(old)
    handler._jobpilot = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel((level or os.environ.get("JOBPILOT_LOG") or "INFO").upper())
    return used


access_log = logging.getLogger("jobpilot.fleet.access")


class AccessLogger(AbstractAccessLogger):
    """One line per request: method, path (never the query: it may hold a token), status,
    duration, bytes sent, client address and the authenticated user's id."""

    def log(self, request: web.BaseRequest, response: web.StreamResponse, time: float) -> None:
        from jobpilot.fleet.api.common import USER

        user = request.get(USER) if isinstance(request, web.Request) else None
        self.logger.info(
            "%s %s %s %.1f ms",
            request.method,
            request.path,
            response.status,
            time * 1000,
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status,
                "ms": round(time * 1000, 2),
                "bytes": response.body_length,
                "remote": request.remote,
                "user_id": user["id"] if user else None,
                "user_agent": request.headers.get("User-Agent"),
            },
        )

    @property
    def enabled(self) -> bool:
        return self.logger.isEnabledFor(logging.INFO)


__all__ = [
    "FORMATS",
    "AccessLogger",
    "ContextFilter",
    "JsonFormatter",
    "TextFormatter",
    "access_log",
    "application_context",
    "configure",
    "current_context",
    "resolve_format",
]

"""What a request may carry: hostile input is normal input, answered with a 4xx that names
the problem, never a 500.

PostgreSQL refuses NUL characters in text and both databases refuse lone surrogates (they
cannot be encoded as UTF-8), so such strings are refused before they reach a query; JSON
nested deeper than anything the API describes is refused before it reaches the models (or
exhausts Python's recursion); a token is ASCII by definition (RFC 6750), so anything else
in ``Authorization`` is refused before it is hashed or compared.
"""

from __future__ import annotations

import json
import re
from typing import Any

from jobpilot.errors import UsageError

MAX_DEPTH = 32
"""Deepest JSON nesting accepted (a profile, the deepest body, needs about 6)."""

TOKEN = re.compile(r"[A-Za-z0-9._~+/-]+=*")
"""RFC 6750's ``b64token``: every character a bearer token may have."""


def text_problem(value: str) -> str | None:
    """Why ``value`` cannot be stored as text (a NUL, a lone surrogate), or None."""
    if "\x00" in value:
        return "a NUL character"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return "a lone surrogate (text that is not valid Unicode)"
    return None


def check_text(value: str, where: str) -> str:
    """``value`` unchanged. :raises UsageError: it holds a NUL or a lone surrogate."""
    problem = text_problem(value)
    if problem is not None:
        raise UsageError(
            f"{where} contains {problem}", hint="send text without NUL characters or lone surrogates"
        )
    return value


def parse_json(raw: str) -> Any:
    """The JSON document in ``raw``. :raises UsageError: not JSON, nested deeper than
    :data:`MAX_DEPTH`, or a string (key or value) that cannot be stored as text."""
    try:
        data = json.loads(raw)
    except RecursionError:
        raise _too_deep() from None
    except ValueError as exc:
        raise UsageError(f"the body is not valid JSON: {exc}") from None
    check_document(data)
    return data


def check_document(data: Any) -> None:
    """Walk a parsed document without recursion: depth and every string."""
    stack: list[tuple[Any, int, str]] = [(data, 1, "body")]
    while stack:
        node, depth, where = stack.pop()
        if isinstance(node, str):
            check_text(node, where)
        elif isinstance(node, dict | list):
            if depth > MAX_DEPTH:
                raise _too_deep()
            items = node.items() if isinstance(node, dict) else enumerate(node)
            for key, value in items:
                path = f"{where}.{key}" if isinstance(key, str) and text_problem(key) is None else where
                if isinstance(key, str):
                    check_text(key, f"a key in {where}")
                stack.append((value, depth + 1, path))


def _too_deep() -> UsageError:
    return UsageError(
        f"the JSON body is nested too deeply (more than {MAX_DEPTH} levels)",
        hint="see /openapi.json for the expected shape",
    )


def token_problem(header: str) -> tuple[str | None, str]:
    """(the bearer token, or None; what is wrong when None) for an ``Authorization`` value."""
    if not header:
        return None, "missing API token"
    scheme, _, value = header.strip().partition(" ")
    value = value.strip()
    if scheme.lower() != "bearer":
        shown = scheme if TOKEN.fullmatch(scheme) and len(scheme) <= 20 else "another scheme"
        return None, f"the API takes 'Authorization: Bearer <token>', not {shown}"
    if not value:
        return None, "missing API token after 'Bearer'"
    if len(value) > 200 or not TOKEN.fullmatch(value):
        return (
            None,
            "the Authorization header holds no API token (a token is ASCII letters, digits and -._~+/=)",
        )
    return value, ""


__all__ = [
    "MAX_DEPTH",
    "TOKEN",
    "check_document",
    "check_text",
    "parse_json",
    "text_problem",
    "token_problem",
]

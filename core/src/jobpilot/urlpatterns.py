"""Chrome-style match patterns (``*://*.greenhouse.io/*``) for plugin URL scopes.

The same syntax the extension's manifest uses, so one declaration serves the host, the
fleet and the browser. ``<all_urls>`` matches everything.
"""

from __future__ import annotations

import fnmatch
import re
from functools import lru_cache
from urllib.parse import urlsplit

ALL_URLS = "<all_urls>"


class BadPattern(ValueError):
    pass


@lru_cache(maxsize=512)
def _compile(pattern: str) -> tuple[str, str, re.Pattern[str]] | None:
    if pattern == ALL_URLS:
        return None
    m = re.fullmatch(r"(\*|https?|file)://([^/]*)(/.*)", pattern)
    if not m:
        raise BadPattern(
            f"bad URL pattern {pattern!r}: expected scheme://host/path such as "
            "'*://*.example.com/*' or '<all_urls>'"
        )
    scheme, host, path = m.groups()
    return scheme, host.lower(), re.compile(fnmatch.translate(path), re.DOTALL)


def validate(pattern: str) -> None:
    _compile(pattern)


def matches(pattern: str, url: str) -> bool:
    compiled = _compile(pattern)
    if compiled is None:
        return True
    scheme, host, path_re = compiled
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    if scheme == "*":
        if parts.scheme not in ("http", "https"):
            return False
    elif parts.scheme != scheme:
        return False
    hostname = (parts.hostname or "").lower()
    if host != "*":
        if host.startswith("*."):
            base = host[2:]
            if hostname != base and not hostname.endswith("." + base):
                return False
        elif hostname != host:
            return False
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return bool(path_re.match(path))


def any_match(patterns: list[str] | tuple[str, ...], urls: list[str]) -> bool:
    return any(matches(p, u) for p in patterns for u in urls)

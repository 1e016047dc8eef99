"""Date ranges as resumes write them, read into JSON Resume's ISO dates.

"Mar 2021 – Present" -> ("2021-03", None); "06/2013 - 05/2017" -> ("2013-06", "2017-05");
"2017 – 2021" -> ("2017", "2021"); a lone "2017" (a graduation) -> (None, "2017"). The
month is kept when the resume gives one and never made up when it does not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
    "januar": 1, "februar": 2, "marz": 3, "märz": 3, "juni": 6, "juli": 7, "okt": 10, "oktober": 10,
    "dez": 12, "dezember": 12,
}  # fmt: skip
_MONTH = r"(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"


def _one(p: str) -> str:
    """One date: "Mar 2021", "03/2021" or "2021", its groups prefixed with ``p``."""
    return (
        rf"(?:(?P<{p}m>{_MONTH})\s+(?P<{p}y>(?:19|20)\d\d)"
        rf"|(?P<{p}n>\d{{1,2}})\s*[/.]\s*(?P<{p}ny>(?:19|20)\d\d)"
        rf"|(?P<{p}yo>(?:19|20)\d\d))"
    )


_NOW = r"(?P<now>present|current|now|today|heute|aujourd hui|actualidad|ongoing)"
_RANGE = re.compile(
    r"(?<![\w/])" + _one("s") + r"\s*(?:-|–|—|to|until|bis|à)\s*(?:" + _NOW + "|" + _one("e") + r")(?![\w/])",
    re.IGNORECASE,
)
_SINGLE = re.compile(r"(?<![\w/])" + _one("s") + r"(?![\w/])", re.IGNORECASE)


@dataclass(frozen=True)
class Span:
    start: str | None
    end: str | None
    current: bool
    text: str
    """The text that was read (removed from the line to find what else it says)."""


def _iso(m: re.Match[str], p: str) -> str | None:
    if m[f"{p}y"]:
        month = _MONTHS[m[f"{p}m"].lower().rstrip(".")]
        return f"{m[f'{p}y']}-{month:02d}"
    if m[f"{p}ny"]:
        month = int(m[f"{p}n"])
        return f"{m[f'{p}ny']}-{month:02d}" if 1 <= month <= 12 else m[f"{p}ny"]
    if m[f"{p}yo"]:
        return str(m[f"{p}yo"])
    return None


def find_range(line: str) -> Span | None:
    """The first date range on a line ("present" leaves the end empty: a current role)."""
    m = _RANGE.search(line)
    if m is not None:
        now = bool(m["now"])
        return Span(_iso(m, "s"), None if now else _iso(m, "e"), now, m.group(0))
    return None


def find_single(line: str) -> Span | None:
    """A single month/year or year (a graduation date): it is the end."""
    m = _SINGLE.search(line)
    if m is None:
        return None
    return Span(None, _iso(m, "s"), False, m.group(0))

"""Reading a date out of a profile answer, for the date boxes of a form.

A profile states a start date as a date ("2027-01-15") or, more often, as a notice period
("2 weeks notice", "1 month", "immediately"). A ``<input type=date>`` accepts only a date,
so a notice period is turned into the date it implies, counted from today, and the caller
flags it for review. Anything else is not read as a date: never a guess.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from jobpilot.engine.text import norm

_ISO = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")
_NOW = re.compile(
    r"^(immediately|asap|as soon as possible|now|right away|sofort|ab sofort|immediatement|"
    r"des que possible|inmediatamente|de inmediato)$"
)
_PERIOD = re.compile(
    r"^(?:in |after |a )?(\d{1,2}|one|two|three|four|six) ?(day|days|tage|tagen|jours|dias|"
    r"week|weeks|wochen|semaine|semaines|semana|semanas|month|months|monat|monate|monaten|mois|"
    r"mes|meses)(?: (?:notice|notice period|kundigungsfrist|preavis|de preaviso|from offer))?$"
)
_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "six": 6}


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def from_answer(value: str, *, today: date) -> tuple[date, bool] | None:
    """``(date, computed)``: the date the answer states (computed False) or implies from a
    notice period (computed True); None when it is neither."""
    text = value.strip()
    iso = _ISO.match(text)
    if iso:
        try:
            return date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3) or 1)), False
        except ValueError:
            return None
    said = norm(text)
    if _NOW.match(said):
        return today, True
    period = _PERIOD.match(said)
    if period is None:
        return None
    n = _WORDS.get(period.group(1)) or int(period.group(1))
    unit = period.group(2)
    if unit.startswith(("day", "tag", "jour", "dia")):
        return today + timedelta(days=n), True
    if unit.startswith(("week", "woch", "semaine", "semana")):
        return today + timedelta(weeks=n), True
    return _add_months(today, n), True

"""Which consent a box asks for: the application's own, or an opt-in beyond it.

``application.consent: true`` lets JobPilot tick what the application needs (the privacy
notice, processing the applicant's data for this application, the terms of applying). A
form often puts opt-ins for other things beside it, worded the same way ("I agree to
receive text messages", "keep my details for future vacancies"); those are the applicant's
own choice per kind and follow ``application.opt_ins`` only. A box that mentions any
opt-in kind is that kind, even when it also mentions the privacy notice: ticking it would
opt in.
"""

from __future__ import annotations

import re

from jobpilot.engine.text import norm
from jobpilot.engine.values import Resolved
from jobpilot.models.profile import Profile

OPT_IN_KINDS = ("marketing", "sms", "newsletter", "talent_pool")
OPT_IN_REASON = "an opt-in to"
"""How the reason for an opt-in box left for the person begins (the planner keeps it)."""

_KINDS: dict[str, re.Pattern[str]] = {
    "sms": re.compile(
        r"\b(sms|text messag\w*|text (me|you)|texting|whatsapp|mobile (alerts|messages)|"
        r"textnachricht\w*|mensajes? de texto)\b"
    ),
    "newsletter": re.compile(
        r"\b(newsletters?|mailing lists?|job alerts?|email alerts?|e mail alerts?|"
        r"(email|e mail) updates|subscribe|subscription|stellenalarm|jobletter)\b"
    ),
    "marketing": re.compile(
        r"\b(marketing|promotional|promotions?|special offers?|advertis\w*|commercial "
        r"(communications?|messages?)|third part(y|ies) (offers|partners|marketing)|werbung|"
        r"werbezwecke\w*|publicit\w*|prospection)\b"
    ),
    "talent_pool": re.compile(
        r"\b(talent (pool|community|network|database)|talentpool|"
        r"(future|other|similar|upcoming|further) (job )?(opportunities|openings|roles|positions|"
        r"vacancies|jobs)|keep (my|your) (data|information|details|cv|resume|profile)|"
        r"retain (my|your)|considered for (other|future)|contact me about (other|future)|"
        r"zukunftige\w* (stellen|positionen)|weitere\w* stellen\w*|vivier|futures? opportunit\w*|"
        r"(autres|futurs) postes)\b"
    ),
}


def opt_in_kinds(label: str | None) -> list[str]:
    """The opt-in kinds a consent box's wording asks for (empty: the application's own)."""
    text = norm(label or "")
    return [kind for kind, pattern in _KINDS.items() if pattern.search(text)]


def describe(kind: str) -> str:
    """The kind in words, for the reason a box was left."""
    return {
        "marketing": "marketing",
        "sms": "text messages",
        "newsletter": "newsletters and job alerts",
        "talent_pool": "keeping your data for other positions (talent pool)",
    }.get(kind, kind)


def resolve(profile: Profile, label: str | None) -> Resolved:
    """The value for a consent box: ``consent`` for the application's own, else every opt-in
    kind it names must be answered in ``opt_ins`` (all true ticks it, any false unticks it,
    an unanswered one leaves it for the person with the reason)."""
    kinds = opt_in_kinds(label)
    if not kinds:
        return Resolved(profile.application.consent, "application.consent")
    chosen = profile.application.opt_ins
    values = [getattr(chosen, k) for k in kinds]
    source = ", ".join(f"application.opt_ins.{k}" for k in kinds)
    if any(v is False for v in values):
        return Resolved(False, source)
    if all(v is True for v in values):
        return Resolved(True, source)
    what = " and ".join(describe(k) for k, v in zip(kinds, values, strict=True) if v is None)
    return Resolved(None, f"{OPT_IN_REASON} {what}; your profile does not opt in to it")

"""Is this page a job application? The extension fills nothing on a page that is plainly
something else (a shop's checkout, a sign-in page) unless the person confirms.

Precision first, the other way round from mapping: a real application must never be held
back, so a page is called "not an application" only on positive evidence that it is
something else (card fields; a password box on a short form with sign-in words) and no
evidence that it is an application (an ATS detected, a resume or cover-letter upload, a
question only applications ask). Anything else is left to fill as before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Collection

    from jobpilot.models.snapshot import Field, FormSnapshot

_CARD_AUTOCOMPLETE = ("cc-number", "cc-csc", "cc-exp", "cc-exp-month", "cc-exp-year", "cc-name")
_CARD_WORDS = re.compile(
    r"\b(card ?number|credit card|debit card|cvv|cvc|security code on the back"
    r"|name on (the )?card|billing address|promo code|discount code|gift card)\b",
    re.IGNORECASE,
)
_SHOP_WORDS = re.compile(
    r"\b(checkout|check out|your (cart|basket|order)|shopping (cart|bag)|place (your )?order|order summary"
    r"|shipping (address|method)|delivery (address|options?)|subtotal)\b",
    re.IGNORECASE,
)
_SIGN_IN_WORDS = re.compile(
    r"\b(sign ?in|log ?in|forgot (your )?password|remember me|keep me signed in)\b", re.IGNORECASE
)
_APPLICATION_KEYS = frozenset(
    {
        "resume",
        "cover_letter",
        "work_authorized",
        "requires_sponsorship",
        "salary_expectation",
        "years_experience",
        "education.school",
        "education.degree",
        "willing_to_relocate",
        "referral_source",
        "eeo.gender",
        "eeo.race",
        "eeo.veteran_status",
        "eeo.disability_status",
    }
)
"""Keys only a job application asks for (a shop asks for a name, an e-mail, an address)."""
_APPLICATION_WORDS = re.compile(
    r"\b(resume|résumé|curriculum vitae|cv|cover letter|apply|application|applicant|candidate"
    r"|vacanc(y|ies)|job|position|career)s?\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class PageKind:
    application: bool
    """False only on positive evidence that the page is something else."""
    kind: str
    """``application``, ``checkout``, ``sign-in`` or ``unknown`` (filled as before)."""
    why: str
    """In words, for the person: what the page looks like and why."""


def _text(f: Field) -> str:
    return " ".join(x for x in (f.label, f.placeholder, f.aria_label, f.name, f.id, f.section) if x)


def classify(snapshot: FormSnapshot, ats: str | None = None, keys: Collection[str] = ()) -> PageKind:
    """What kind of page this is, from the ATS detected, the field keys the plan found, the
    fields, title, headings and buttons."""
    if ats:
        return PageKind(True, "application", f"a {ats} application")
    fields = [f for f in snapshot.fields if f.visible]
    keys = {str(k) for k in keys}
    uploads = [f for f in fields if f.type == "file"]
    applied = sorted(keys & _APPLICATION_KEYS)
    if applied or any(_APPLICATION_WORDS.search(_text(f)) for f in uploads):
        return PageKind(True, "application", "it asks what job applications ask")
    cards = [
        f
        for f in fields
        if (f.autocomplete or "").strip().lower().split(" ")[-1] in _CARD_AUTOCOMPLETE
        or _CARD_WORDS.search(_text(f))
    ]
    page_words = " ".join([snapshot.title or "", *(f.section or "" for f in fields)])
    buttons = " ".join(b.text or "" for b in snapshot.buttons)
    if cards:
        return PageKind(False, "checkout", "it asks for payment card details, like a shop's checkout")
    shop = _SHOP_WORDS.search(page_words) or _SHOP_WORDS.search(buttons)
    if shop and not _APPLICATION_WORDS.search(page_words):
        return PageKind(False, "checkout", "it looks like a shop's checkout (cart, order, delivery)")
    passwords = [f for f in fields if f.type == "password"]
    fillable = [f for f in fields if f.type not in ("hidden", "submit", "button")]
    if passwords and len(fillable) <= 4:
        signs = _SIGN_IN_WORDS.search(page_words) or _SIGN_IN_WORDS.search(buttons)
        if signs or len(passwords) == len(fillable) - 1:
            return PageKind(False, "sign-in", "it is a sign-in form (an e-mail or user name and a password)")
    return PageKind(True, "unknown", "nothing says it is something other than an application")

"""Facts-policy drafts: a provider may answer a closed question about the applicant only by
quoting the resume text that supports it.

The reply ends with a line ``Quote: <words copied from the applicant facts>``; the quote
must appear in the facts the request carried (after normalisation) and be long enough to
say something. The answer is then a *draft*: filled, flagged for review, and the
application is never submitted unattended.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from jobpilot.engine.text import norm
from jobpilot.models.providers import ContentRequest

MIN_QUOTE_CHARS = 12
"""A shorter quote ("Python") supports nothing in particular."""

_QUOTE = re.compile(r"(?im)^\s*(?:quote|zitat|citation|cita|citaat|citacao|citazione)\s*:\s*(.+?)\s*$")


@dataclass(frozen=True)
class Draft:
    answer: str
    quote: str


def resume_text(request: ContentRequest) -> str:
    """Everything the request says about the applicant (what a quote may come from)."""
    return norm(
        request.applicant_summary + "\n" + json.dumps(request.applicant.model_dump(), ensure_ascii=False)
    )


def check(reply: str, request: ContentRequest) -> Draft | str:
    """The draft when ``reply`` carries a supporting quote; otherwise why it is refused."""
    matches = list(_QUOTE.finditer(reply))
    if not matches:
        return "a facts answer needs a quote from the resume that supports it"
    last = matches[-1]
    quote = last.group(1).strip().strip("\"'“”«»")
    answer = (reply[: last.start()] + reply[last.end() :]).strip()
    if not answer:
        return "the reply holds a quote but no answer"
    if len(norm(quote)) < MIN_QUOTE_CHARS:
        return f"the quote {quote!r} is too short to support an answer"
    if norm(quote) not in resume_text(request):
        return f"the quote {quote!r} is not in the resume"
    return Draft(answer=answer, quote=quote)

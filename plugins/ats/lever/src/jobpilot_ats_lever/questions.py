"""Lever's lone tick-box cards: does the box record the applicant's agreement?

Lever lets each company add "cards" of questions (``cards[<card uuid>][field<n>]``) and an
optional diversity survey. What a card asks is read from its wording by the generic mapper
(one set of multilingual wording rules for every ATS); only one shape is Lever's own: a
"multiple-select" card with a single tick box, whose question is the card heading and whose
box text is the statement ("I confirm the information above is accurate"). Ticking it
records agreement, which is ``consent``; any other lone box is a ``question``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jobpilot.engine.text import norm
from jobpilot.vocabulary import FieldKey as K

TEXT = "text"
CHOICE = "choice"
CHECK = "check"
"""A single tick box (a "multiple-select" card with one option)."""

AGREEMENT = re.compile(
    r"^(yes )?i (have read|agree|acknowledge|certify|confirm|understand|affirm|consent|accept|attest)\b"
    r"|^yes i (have read|agree|acknowledge|certify|confirm|understand|affirm|consent|accept)\b"
)
"""The option of a lone tick box that records the applicant's agreement to a statement."""


@dataclass(frozen=True)
class Meaning:
    key: K
    confidence: float
    why: str


def classify(question: str | None, kind: str, *, lone_option: str | None = None) -> Meaning | None:
    """``consent`` for a lone tick box whose text agrees to a statement, else None (the
    generic mapper reads every other card).

    :param question: the card's question (its heading); unused by the agreement test, kept
        so callers pass what the card shows.
    :param kind: ``check`` for a card with one tick box; other kinds get None.
    :param lone_option: the text beside the tick box.
    """
    del question
    if kind != CHECK:
        return None
    option = norm(lone_option)
    if AGREEMENT.search(option):
        return Meaning(K.CONSENT, 0.9, f"lone tick box agreeing: '{option[:40]}'")
    return None

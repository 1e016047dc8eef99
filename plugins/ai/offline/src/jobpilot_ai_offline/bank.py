"""The saved-answers bank: a new question meets the applicant's earlier answers by meaning.

Each saved question and the new one become hashed feature vectors (``textvec``); the most
similar saved question answers when its cosine similarity reaches ``THRESHOLD`` (calibrated
on paraphrased questions, see ``benchmarks/bench_ai.py``) and clearly beats the runner-up
with a different answer. Otherwise the bank abstains: a question it does not know is left
for the person, never answered with a guess.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import jobpilot.engine.options as opt
from jobpilot.engine.text import norm
from jobpilot.models.providers import KnownAnswer
from jobpilot.models.snapshot import Option

from jobpilot_ai_offline.textvec import sparse_dot, sparse_vector

THRESHOLD = 0.40
"""Lowest similarity at which a saved answer is used."""
MARGIN = 0.03
"""A runner-up with a *different* answer this close means the bank cannot tell: abstain."""


@lru_cache(maxsize=8192)
def _vec(text: str) -> dict[int, float]:
    return sparse_vector(text)  # cached: treat as read-only


@dataclass(frozen=True)
class Hit:
    known: KnownAnswer
    similarity: float


def rank(question: str, known: Sequence[KnownAnswer]) -> list[Hit]:
    q = _vec(question)
    hits = [Hit(k, sparse_dot(q, _vec(k.question))) for k in known]
    hits.sort(key=lambda h: h.similarity, reverse=True)
    return hits


def best(question: str, known: Sequence[KnownAnswer], *, threshold: float = THRESHOLD) -> Hit | None:
    """The saved answer for ``question``, or None when none is close enough or two differ."""
    if not question.strip() or not known:
        return None
    exact = [k for k in known if norm(k.question) == norm(question)]
    if exact:
        return Hit(exact[0], 1.0)
    hits = rank(question, known)
    top = hits[0]
    if top.similarity < threshold:
        return None
    for other in hits[1:]:
        if top.similarity - other.similarity > MARGIN:
            break
        if norm(other.known.answer) != norm(top.known.answer):
            return None
    return top


def choose_option(answer: str, offered: Sequence[str]) -> str | None:
    """The one offered option that says what ``answer`` says, verbatim; None if not exactly one."""
    if answer in offered:
        return answer
    opts = [Option(value=o, text=o) for o in offered]
    a = norm(answer)
    yes_no = {"yes": True, "y": True, "true": True, "no": False, "n": False, "false": False}
    first = a.split(" ", 1)[0] if a else ""
    if first in yes_no:
        c = opt.choose_yes_no(yes_no[first], opts)
        if c is not None:
            return c.option.text
    c = opt.choose_text(answer, opts)
    if c is not None:
        return c.option.text
    contained = [o for o in offered if norm(o) and (norm(o) in a or a in norm(o))]
    return contained[0] if len(contained) == 1 else None

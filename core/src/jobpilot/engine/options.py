"""Choosing the option that says what the profile says, or none.

The rule is "never guess": an option is chosen only when exactly one option matches by an
explicit rule (same text, a known synonym, a yes/no reading, a country name, a "decline to
answer" for a question the applicant chose not to answer). Ambiguity returns None and the
field is left for the person.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from jobpilot.engine import countries
from jobpilot.engine.text import norm
from jobpilot.models.snapshot import Option

YES = ("yes", "y", "true", "ja", "oui", "si", "sim", "da")
NO = ("no", "n", "false", "nein", "non", "nao")
_DECLINE = re.compile(
    r"\b(decline|prefer not|rather not|not to (say|answer|disclose|self identify)|"
    r"do not wish|dont wish|(do not|dont) want to (answer|say|disclose)|choose not|not wish to|"
    r"wish not to|keine angabe|"
    r"ne souhaite pas|prefiero no)\b"
)
_PLACEHOLDER = re.compile(r"^(select|choose|please select|pick|--|bitte wahlen|selectionnez|seleccione)\b")

_SYNONYMS: dict[str, tuple[str, ...]] = {
    "female": ("female", "woman", "women", "weiblich", "femme", "mujer", "femenino"),
    "male": ("male", "man", "men", "mannlich", "homme", "hombre", "masculino"),
    "non binary": ("non binary", "nonbinary", "non-binary", "divers"),
}


@dataclass(frozen=True)
class Choice:
    option: Option
    rule: str


def is_placeholder(option: Option) -> bool:
    """ "Select...", "-- choose --" and empty first options are not answers."""
    text = norm(option.text)
    if not option.value.strip() and not text:
        return True
    return option.value.strip() in ("", "0", "-1") and bool(_PLACEHOLDER.match(text))


def real_options(options: Sequence[Option]) -> list[Option]:
    return [o for o in options if not is_placeholder(o)]


def _unique(cands: list[Option], rule: str) -> Choice | None:
    uniq = {id(o): o for o in cands}
    if len(uniq) == 1:
        return Choice(next(iter(uniq.values())), rule)
    return None


def _starts_with_word(text: str, word: str) -> bool:
    return text == word or text.startswith(word + " ")


def choose_yes_no(value: bool, options: Sequence[Option]) -> Choice | None:
    words = YES if value else NO
    opts = real_options(options)
    exact = [o for o in opts if norm(o.text) in words or norm(o.value) in words]
    if (c := _unique(exact, "yes/no")) is not None:
        return c
    lead = [o for o in opts if any(_starts_with_word(norm(o.text), w) for w in words if len(w) > 1)]
    return _unique(lead, "yes/no prefix")


def choose_decline(options: Sequence[Option]) -> Choice | None:
    return _unique([o for o in real_options(options) if _DECLINE.search(norm(o.text))], "decline")


def choose_country(code: str, options: Sequence[Option]) -> Choice | None:
    names = countries.names(code)
    if not names:
        return None
    opts = real_options(options)
    exact = [
        o for o in opts if norm(o.text) in names or o.value.upper() == code.upper() or norm(o.value) in names
    ]
    if (c := _unique(exact, "country")) is not None:
        return c
    # "United States +1", "Germany (+49)": the name then a non-letter.
    prefixed = []
    for o in opts:
        t = norm(o.text)
        for n in names:
            if t.startswith(n + " ") and not t[len(n) + 1 :][:1].isalpha():
                prefixed.append(o)
                break
    return _unique(prefixed, "country prefix")


def choose_text(value: str, options: Sequence[Option]) -> Choice | None:
    """Exact text/value, then a known synonym set, then one option whose words contain the
    value's words as a phrase (``not a protected veteran`` in ``I am not a protected
    veteran``); each step only if it singles out one option."""
    want = norm(value)
    if not want:
        return None
    opts = real_options(options)
    exact = [o for o in opts if norm(o.text) == want or norm(o.value) == want]
    if (c := _unique(exact, "exact")) is not None:
        return c
    for canon, syns in _SYNONYMS.items():
        if want == canon or want in syns:
            hits = [o for o in opts if norm(o.text) in syns or norm(o.text) == canon]
            if (c := _unique(hits, "synonym")) is not None:
                return c
    if len(want) >= 4:
        pattern = re.compile(r"(^| )" + re.escape(want) + r"( |$)")
        phrase = [o for o in opts if pattern.search(norm(o.text))]
        if (c := _unique(phrase, "phrase")) is not None:
            return c
    return None

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


_NUM = r"(\d+(?:\.\d+)?)\s*(k|m)?"
_RANGE_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"^(?:between )?{_NUM}\s*(?:-|to|and|bis|a)\s*{_NUM}$"), "between"),
    (re.compile(rf"^{_NUM}\s*(?:\+|or more|and (?:above|up|over)|plus)$"), "at_least"),
    (re.compile(rf"^(?:at least|minimum|min) {_NUM}$"), "at_least"),
    (re.compile(rf"^(?:more than|over|above|greater than|>) ?{_NUM}$"), "above"),
    (re.compile(rf"^(?:less than|under|below|fewer than|<) ?{_NUM}$"), "below"),
    (re.compile(rf"^(?:up to|max|maximum|at most) {_NUM}$"), "at_most"),
    (re.compile(rf"^{_NUM}$"), "exactly"),
)
_UNIT_WORDS = re.compile(
    r"\b(years?|yrs?|jahre?|ans?|anos?|usd|eur|gbp|chf|dollars?|euros?|per (year|annum)|a year|"
    r"annually|p a|pa|gross|brutto)\b"
)


def _amount(number: str, suffix: str | None) -> float:
    return float(number) * {"k": 1e3, "m": 1e6}.get(suffix or "", 1.0)


def numeric_range(text: str) -> tuple[float, float, bool, bool] | None:
    """``(low, high, low_included, high_included)`` of an option such as "3-5 years",
    "10+", "Less than 2", "$100,000 - $150,000" or "150k+"; None for anything else."""
    t = text.lower().replace(",", "").replace("’", "'")
    t = re.sub(r"[$€£]|\bus\b", " ", t)
    t = re.sub(r"[–—]", "-", t)  # en and em dashes
    t = _UNIT_WORDS.sub(" ", t)
    t = re.sub(r"\s+", " ", t).strip()
    for pattern, kind in _RANGE_RULES:
        m = pattern.match(t)
        if m is None:
            continue
        a = _amount(m.group(1), m.group(2))
        if kind == "between":
            b = _amount(m.group(3), m.group(4))
            if m.group(4) and not m.group(2) and float(m.group(1)) < float(m.group(3)):
                a = _amount(m.group(1), m.group(4))  # "100-150k": both ends in thousands
            return (min(a, b), max(a, b), True, True)
        if kind == "at_least":
            return (a, float("inf"), True, False)
        if kind == "above":
            return (a, float("inf"), False, False)
        if kind == "below":
            return (0.0, a, True, False)
        if kind == "at_most":
            return (0.0, a, True, True)
        return (a, a, True, True)
    return None


def choose_number(value: str, options: Sequence[Option]) -> Choice | None:
    """The one option whose numeric range holds the profile's number: 8 years -> "6-9",
    120000 -> "$100,000 - $150,000". A value on the border of two ranges, an option text
    that is not a plain range, or a value that is not one number: no choice."""
    m = re.fullmatch(r"\s*[$€£]?\s*(\d+(?:[.,]\d+)?)\s*(k|m)?\s*", value.lower().replace(",", ""))
    if m is None:
        return None
    x = _amount(m.group(1), m.group(2))
    opts = real_options(options)
    ranges = [(o, numeric_range(o.text)) for o in opts]
    if any(r is None for _, r in ranges):
        return None  # not a list of ranges ("Prefer not to say", free text): do not read it as one
    hits = []
    for o, r in ranges:
        assert r is not None
        low, high, low_in, high_in = r
        if (low < x or (low_in and x == low)) and (x < high or (high_in and x == high)):
            hits.append(o)
    return _unique(hits, "numeric range")


def choose_contained(value: str, options: Sequence[Option]) -> Choice | None:
    """The one option whose whole text is a phrase of the profile's value ("2 weeks" for
    "2 weeks notice"). Only for values that state a fact without negation (a notice
    period): for others a contained word could flip the meaning ("veteran" in "not a
    veteran")."""
    want = norm(value)
    if re.search(r"\b(not|no|never|kein|keine|pas|nunca)\b", want):
        return None
    hits = []
    for o in real_options(options):
        text = norm(o.text)
        if len(text) >= 4 and re.search(r"(^| )" + re.escape(text) + r"( |$)", want):
            hits.append(o)
    return _unique(hits, "contained phrase")


# --- degrees -------------------------------------------------------------------------------

_DEGREE_ABBREVIATIONS: dict[str, tuple[str, str | None]] = {
    "ba": ("bachelor", "arts"),
    "ab": ("bachelor", "arts"),
    "bs": ("bachelor", "science"),
    "bsc": ("bachelor", "science"),
    "beng": ("bachelor", "engineering"),
    "btech": ("bachelor", "technology"),
    "bba": ("bachelor", "business"),
    "bfa": ("bachelor", "fine arts"),
    "bcom": ("bachelor", "commerce"),
    "ma": ("master", "arts"),
    "ms": ("master", "science"),
    "msc": ("master", "science"),
    "meng": ("master", "engineering"),
    "mtech": ("master", "technology"),
    "mba": ("master", "business"),
    "mfa": ("master", "fine arts"),
    "mphil": ("master", "philosophy"),
    "mcom": ("master", "commerce"),
    "phd": ("doctorate", None),
    "dphil": ("doctorate", None),
    "edd": ("doctorate", "education"),
    "aa": ("associate", "arts"),
    "as": ("associate", "science"),
    "aas": ("associate", "applied science"),
    "ged": ("high school", None),
}
_DEGREE_LEVELS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b(bachelor\w*|undergraduate degree|licenciatura|licence)\b"), "bachelor"),
    (re.compile(r"\b(master\w*|magister)\b"), "master"),
    (re.compile(r"\b(doctor(ate|al)?|phd|ph d|doktor\w*|doctorat)\b"), "doctorate"),
    (re.compile(r"\bassociate\w*\b"), "associate"),
    (re.compile(r"\b(high school|secondary school|ged|abitur|a levels?)\b"), "high school"),
)
_DEGREE_SUBJECTS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\bfine arts?\b"), "fine arts"),
    (re.compile(r"\bapplied sciences?\b"), "applied science"),
    (re.compile(r"\bbusiness\b"), "business"),
    (re.compile(r"\bengineering\b"), "engineering"),
    (re.compile(r"\btechnology\b"), "technology"),
    (re.compile(r"\bcommerce\b"), "commerce"),
    (re.compile(r"\bphilosophy\b"), "philosophy"),
    (re.compile(r"\bscience\w*\b"), "science"),
    (re.compile(r"\barts?\b"), "arts"),
)


def degree_of(text: str) -> tuple[str, str | None] | None:
    """``(level, subject)`` of a degree name: "Bachelor's Degree" -> ("bachelor", None),
    "B.S." and "BSc" and "Bachelor of Science" -> ("bachelor", "science"); None when the
    text names no degree level this knows."""
    n = norm(text)
    compact = re.sub(r"[^a-z]", "", n)
    if compact in _DEGREE_ABBREVIATIONS:
        return _DEGREE_ABBREVIATIONS[compact]
    head = re.sub(r"[^a-z]", "", n.split(" in ")[0])  # "B.S. in Computer Science"
    if head in _DEGREE_ABBREVIATIONS:
        return _DEGREE_ABBREVIATIONS[head]
    lead = n.split()[0] if n else ""
    if len(lead) >= 3 and lead in _DEGREE_ABBREVIATIONS:  # "MBA (2 years)", "PhD candidate"
        return _DEGREE_ABBREVIATIONS[lead]
    level = next((lv for pattern, lv in _DEGREE_LEVELS if pattern.search(n)), None)
    if level is None:
        return None
    if level == "doctorate" and re.search(r"\bdoctor of (medicine|law|jurisprudence)\b", n):
        return None  # professional doctorates are not a PhD
    rest = n.split(" in ")[0]  # "Master of Science in Business Analytics": the degree's own subject
    subject = next((s for pattern, s in _DEGREE_SUBJECTS if pattern.search(rest)), None)
    if level == "master" and re.search(r"\bbusiness administration\b", n):
        subject = "business"
    return (level, subject)


def choose_degree(value: str, options: Sequence[Option]) -> Choice | None:
    """The option naming the profile's degree in its usual forms ("Bachelor" <-> "Bachelor's
    Degree", "BSc", "B.S.", "Bachelor of Science"). Same text first; then options of the
    same level: of the same subject, else the one without a subject ("Bachelor's Degree" for
    a "BSc"); a subject that differs ("Bachelor of Arts" for a "BSc") never matches, and a
    degree without a subject takes only the one generic option or the only one of its level."""
    want = norm(value)
    opts = real_options(options)
    exact = [o for o in opts if norm(o.text) == want or norm(o.value) == want]
    if (c := _unique(exact, "exact")) is not None:
        return c
    mine = degree_of(value)
    if mine is None:
        return None
    level, subject = mine
    same_level = [(o, d) for o in opts if (d := degree_of(o.text)) is not None and d[0] == level]
    if subject is not None:
        if (c := _unique([o for o, d in same_level if d[1] == subject], "degree")) is not None:
            return c
        return _unique([o for o, d in same_level if d[1] is None], "degree level")
    if (c := _unique([o for o, d in same_level if d[1] is None], "degree level")) is not None:
        return c
    return _unique([o for o, _ in same_level], "degree level")

"""How much a decision's evidence is worth on a page nobody tuned the tables on.

On the pages the pattern tables were written from, nearly every answer is right, whatever
its evidence: that is what tuning does. On pages never seen, the round-1 blind record
(``benchmarks/results/heldout.json``) shows where the answers fail, and they fail by
*kind of evidence*, not at random:

* ``noun`` — a short label that is a noun phrase, not a question ("Current address city",
  "Cidade", "Alle Standorte"), matched no rule and fell back to ``question``. A short noun
  phrase names a datum; if the tables do not know it, it is as likely a profile field in
  words they lack, or page chrome, as a real free-form question.
* ``near-miss`` — the same, and the phrase holds a word of a profile field ("city",
  "country", "address", "email" ...) that the rules did not take: the strongest sign that a
  known key is asked in unknown words.
* ``statement`` — a profile fact read out of a long statement, neither a question nor an
  instruction ("The salary range for this position is ...", "I understand that this role
  is based in ..."): fact rules fire on a phrase inside fine print that is often about
  something else.
* ``clause`` — a long label decided by its first clause alone, or a label of several
  questions decided by a later one ("Are you based in Dallas? If not, would you
  relocate?"): the box answers the first.
* ``foreign`` — the wording decided on a page (or a label) in a language outside the seven
  the tables know (EN, DE, FR, ES, NL, PT, IT): a match there is a coincidence of spelling.

A tagged decision is its own calibration class (fitted on the seen pages like the others)
and is capped at :data:`THIN_CAP`, in the review band: thin evidence is filled and flagged,
never typed silently, however clean its record on the pages it was tuned on. Evidence with
no tag (an ``autocomplete`` token, a label matched whole, a label and a machine name that
agree) keeps its measured confidence.
"""

from __future__ import annotations

import re
import unicodedata

from jobpilot.models.snapshot import Field
from jobpilot.vocabulary import FieldKey as K

from jobpilot_ats_generic import patterns as P
from jobpilot_ats_generic import signals as S

KNOWN_LANGUAGES = frozenset({"en", "de", "fr", "es", "nl", "pt", "it"})
"""Languages the pattern tables are written in."""

THIN_CAP = 0.8
"""The most a decision on thin evidence claims: inside the review band (0.6-0.85)."""

NEAR_MISS_CAP = 0.7
"""A noun phrase holding a profile word that no rule took: low in the review band."""

THIN_TAGS = frozenset({"noun", "near-miss", "statement", "clause", "foreign"})

_WORDING_BASES = frozenset({"label", "fallback", "placeholder", "heading", "shape"})
"""Bases decided by reading words (not by an ``autocomplete`` token or a machine name)."""

_PROFILE_NOUN = re.compile(
    r"\b(e ?mail|phone|mobile|telephone|address|street|city|town|county|state|province|region|"
    r"country|zip|post ?code|postal|location|residence|name|surname|linkedin|github|website|"
    r"portfolio|salary|notice|degree|school|university|employer|company|nationality|"
    r"adresse|strasse|stadt|ort|land|telefon|wohnort|gehalt|"
    r"ville|pays|telephone|salaire|"
    r"direccion|ciudad|pais|telefono|provincia|salario|"
    r"adres|woonplaats|plaats|telefoonnummer|salaris|"
    r"endereco|cidade|morada|estado|telemovel|"
    r"indirizzo|citta|paese|telefono|stipendio)\b"
)
"""Words of profile fields in the seven languages: a short unmatched label holding one is
a near miss, not a free-form question."""


def page_language(lang: str | None) -> str:
    """The primary subtag of a page's ``lang`` ("pt-BR" -> "pt"), lower case; "" if none."""
    return (lang or "").strip().lower().replace("_", "-").split("-")[0]


def non_latin(text: str) -> bool:
    """Whether a label is written (at least partly) in a script other than Latin."""
    return any(ch.isalpha() and not unicodedata.name(ch, "").startswith("LATIN") for ch in text)


def thin(
    field: Field, label: str, key: K, basis: str, kind: str, *, lang: str = "", clause: bool = False
) -> str:
    """The tag of the first thinness the decision shows ('' when none): see the module doc.

    ``label`` is the label text that was read first, ``clause`` whether a long label's first
    clause alone decided.
    """
    if key == K.UNKNOWN or basis not in _WORDING_BASES:
        return ""
    if (lang and lang not in KNOWN_LANGUAGES) or non_latin(label):
        return "foreign"
    norm = S.normalise(label)
    words = S.word_count(norm)
    if key == K.QUESTION:
        if basis != "fallback" or not norm:
            return ""
        if words <= 4 and not S.asks(label) and not P.QUESTION_SHAPE.search(norm):
            return "near-miss" if _PROFILE_NOUN.search(norm) else "noun"
        return ""
    if clause:
        return "clause"
    if (
        basis == "label"
        and key != K.CONSENT
        and kind != P.FILE
        and words >= 10
        and not S.asks(label)
        and not P.QUESTION_SHAPE.search(norm)
    ):
        return "statement"
    return ""


def cap(tag: str) -> float | None:
    """The most a decision with this tag may claim (None: no cap)."""
    if tag == "near-miss":
        return NEAR_MISS_CAP
    return THIN_CAP if tag in THIN_TAGS else None

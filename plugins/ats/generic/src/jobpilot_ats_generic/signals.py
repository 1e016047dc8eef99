"""Signals: turn one raw field into comparable evidence.

Each function reads one source (autocomplete, label text, name/id tokens, options) and says
what it suggests, without weighing it against the others; :mod:`classify` does the
weighing. Keeping the sources apart is what lets a disagreement between two strong signals
be noticed and lower the confidence instead of being silently resolved.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from jobpilot.models.snapshot import Field
from jobpilot.vocabulary import FieldKey as K

from jobpilot_ats_generic import patterns as P

# --- text ---------------------------------------------------------------------------------

_REQUIRED_TAIL = re.compile(
    r"(\s(required|obligatoire|optional|optionnel|facultatif|pflichtfeld|erforderlich|"
    r"pflichtangabe|obligatorio|opcional|requis|mandatory))+$"
)


def normalise(text: str | None) -> str:
    """Fold a label to the form the pattern tables are written in.

    Accents are folded (``Prénom`` -> ``prenom``), case is dropped, every run of punctuation
    becomes one space and required/optional markers at the end go, because the same
    question is written a dozen ways ("E-Mail *", "Email (required)", "e-mail:").
    """
    if not text:
        return ""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.lower().replace("&", " and ").replace("ß", "ss")
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    return _REQUIRED_TAIL.sub("", text).strip()


def asks(text: str | None) -> bool:
    """Whether a label is a question ("Do you ...?") rather than a statement ("I agree")."""
    return text is not None and "?" in text


def label_variants(text: str) -> list[str]:
    """The label as written, then re-ordered composite forms.

    Group labels are often joined to the part label: "Name: First", "Name: Nom". The part
    alone ("first", "nom") or re-ordered ("first name") is what names the key.
    """
    out = [text]
    m = re.match(r"^(name|nom|nombre|namen?)\s+(first|last|given|family|middle|vorname|nachname|"
                 r"prenom|nom|nombre|apellidos?)(\s+name)?$", text)
    if m:
        part = m.group(2)
        out.append(part if part not in ("first", "last", "given", "family", "middle")
                   else f"{part} name")
    return out


def word_count(text: str) -> int:
    return len(text.split())


_CLAUSE_END = re.compile(r"[?.!:;\n](\s|$)|\s[-–—]\s|\s\(")


def first_clause(text: str | None, *, long: int = 20) -> str | None:
    """The first sentence of a long label (more than ``long`` words), if it is shorter."""
    if not text or word_count(text) <= long:
        return None
    m = _CLAUSE_END.search(text)
    if m is None or m.start() < 3:
        return None
    lead = text[: m.start() + 1].strip()
    return lead if word_count(lead) < word_count(text) else None


# --- names, ids and test hooks -------------------------------------------------------------

_HOOK_ATTRS = (
    "data-automation-id",
    "data-qa",
    "data-testid",
    "data-test",
    "data-test-id",
    "data-ui",
    "data-field",
    "data-name",
    "formcontrolname",
)
"""Test hooks and framework bindings: they name fields for machines, so they often say
exactly what a field is when the visible label is vague."""

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_GIBBERISH = re.compile(r"^\d+$|^(?=.*\d)[a-f0-9]{4,}$|^(?=(?:.*\d){2})[a-z0-9]{5,}$|^[a-z]\d+$")
"""Generated parts of names: numbers, hex/UUID pieces, ``q123``-style ids."""


def tokens(raw: str | None) -> list[str]:
    """Split ``candidate[first_name]``, ``cPhoneNumber``, ``urls[LinkedIn]``, ``eeo.gender``
    into meaningful lower-case words, dropping ids, numbers and generic words."""
    if not raw:
        return []
    raw = raw.replace("LinkedIn", "Linkedin").replace("GitHub", "Github")
    spaced = _CAMEL.sub(" ", raw)
    parts = re.split(r"[^A-Za-z0-9]+", spaced)
    out: list[str] = []
    for p in parts:
        w = p.lower()
        if not w or w in P.NAME_NOISE or _GIBBERISH.match(w):
            continue
        out.append(w)
    return out


def name_sources(field: Field) -> list[tuple[str, str]]:
    """(source, raw value) pairs naming the field for machines: name, id, test hooks."""
    found: list[tuple[str, str]] = []
    if field.name:
        found.append(("name", field.name))
    if field.id and field.id != field.name:
        found.append(("id", field.id))
    for attr in _HOOK_ATTRS:
        v = field.attrs.get(attr)
        if v:
            found.append((attr, v))
    return found


def wrapper_sources(field: Field, depth: int = 3) -> list[tuple[str, str]]:
    """Ids and test hooks of the nearest wrappers (e.g. ``data-test="resume-upload"``).

    Custom widgets often leave the control itself anonymous and name its container; nearer
    wrappers are more specific, so only a few are read.
    """
    found: list[tuple[str, str]] = []
    for anc in field.ancestors[:depth]:
        for attr in ("id", *_HOOK_ATTRS):
            v = anc.get(attr)
            if v:
                found.append((f"wrapper {attr}", v))
    return found


def wrapper_classes(field: Field, depth: int = 3) -> list[tuple[str, str]]:
    return [("wrapper class", a["class"]) for a in field.ancestors[:depth] if a.get("class")]


_MONTHS = re.compile(
    r"^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|januar|februar|marz|mai|juni|juli|"
    r"oktober|dezember|janvier|fevrier|mars|avril|juin|juillet|aout|septembre|octobre|novembre|"
    r"decembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|"
    r"diciembre)"
)


def date_part(field: Field) -> str:
    """'month' or 'year' when a list offers only months or only years, else ''."""
    texts = option_texts(field)
    if len(texts) < 5:
        return ""
    if _count(texts, re.compile(r"^(19|20)\d\d$")) >= len(texts) * 0.8:
        return "year"
    if _count(texts, _MONTHS) >= len(texts) * 0.8:
        return "month"
    return ""


def is_dial_picker(field: Field) -> bool:
    """A phone country-code picker: "+44"-style value or options, or hooks that say so."""
    if field.value and P.DIAL_VALUE.match(field.value):
        return True
    raw = [o.text or o.value for o in field.options]
    if len(raw) >= 3 and sum(1 for t in raw if P.DIAL_OPTION.search(t)) * 3 >= len(raw) * 2:
        return True
    hooks = " ".join(name_text(v) for _, v in name_sources(field) + wrapper_sources(field, 5))
    return bool(re.search(r"\b(phone|tel|dial|calling)( number)? (country )?code\b"
                          r"|\bcountry code\b|\bdial code\b", hooks))


def chrome_evidence(field: Field) -> str | None:
    """Which id/class/test hook marks the field as job-search or listing chrome, if any."""
    sources = name_sources(field) + wrapper_sources(field, 5)
    if field.attrs.get("class"):
        sources.append(("class", field.attrs["class"]))
    sources += wrapper_classes(field, 5)
    for source, raw in sources:
        words = P.SEARCHABLE_SELECT.sub(" ", " ".join(tokens(raw)))
        if P.CHROME_CONTEXT.search(words):
            return f"{source}={raw[:50]}"
    return None


def name_text(raw: str) -> str:
    return " ".join(tokens(raw))


# --- autocomplete ------------------------------------------------------------------------

def autocomplete_key(field: Field) -> tuple[K, str] | None:
    """The key an ``autocomplete`` attribute names, if it names a real WHATWG token.

    ``section-*``, ``shipping``/``billing`` and contact-kind prefixes are skipped; values like
    "off", "nope" or random strings (used to defeat browser autofill) are no signal.
    """
    raw = (field.autocomplete or "").strip().lower()
    if not raw:
        return None
    words = [w for w in raw.split() if not w.startswith("section-")]
    words = [w for w in words if w not in ("shipping", "billing", "home", "work", "mobile",
                                           "fax", "pager", "webauthn")]
    if not words:
        return None
    token = words[-1]
    key = P.AUTOCOMPLETE.get(token)
    if key is None:
        return None
    return key, token


# --- controls ------------------------------------------------------------------------------

def control_kind(field: Field) -> str:
    """Which family of control this is (see ``patterns`` kinds)."""
    t = (field.type or "").lower()
    tag = field.tag.lower()
    role = (field.attrs.get("role") or "").lower()
    if t == "file":
        return P.FILE
    if tag == "textarea" or t in ("textarea", "contenteditable"):
        return P.AREA
    if tag == "select" or t.startswith("select") or t in ("radio", "listbox", "list"):
        return P.CHOICE
    if t == "checkbox":
        return P.CHOICE if len(field.members) > 1 else P.CHECK
    if t == "combobox" or role == "combobox":
        # A typeable combobox (location autocomplete, react-select) is both a text box and a
        # list; classify treats it as text unless its options say otherwise.
        return P.TEXT
    if tag == "button":
        return P.CHOICE
    return P.TEXT


def is_combobox(field: Field) -> bool:
    t = (field.type or "").lower()
    return t in ("combobox", "listbox") or (field.attrs.get("role") or "").lower() == "combobox"


def option_texts(field: Field) -> list[str]:
    """Normalised texts of the field's choices (options or group member labels)."""
    texts = [normalise(o.text or o.value) for o in field.options]
    if not texts:
        texts = [normalise(m.label or m.value) for m in field.members]
    return [t for t in texts if t and not re.match(r"^(select|choose|please select|bitte "
                                                   r"wahlen|selectionnez|seleccione)\b", t)]


@dataclass(frozen=True)
class OptionSignal:
    key: K
    why: str
    confidence: float


def _count(texts: Iterable[str], pattern: re.Pattern[str]) -> int:
    return sum(1 for t in texts if pattern.search(t))


def option_set_key(field: Field) -> OptionSignal | None:
    """What the set of choices says the question is, whatever its label.

    Male/Female/Decline is a gender question; "I am a protected veteran" a veteran one; a
    list of "+44"-style dial codes a phone country picker.
    """
    texts = option_texts(field)
    if len(texts) < 2:
        return None
    if _count(texts, P.DISABILITY_OPTIONS) >= 1:
        return OptionSignal(K.EEO_DISABILITY_STATUS, "options~disability", 0.85)
    if _count(texts, P.VETERAN_OPTIONS) >= 2:
        return OptionSignal(K.EEO_VETERAN_STATUS, "options~veteran", 0.85)
    race = _count(texts, P.RACE_OPTIONS)
    if race >= 3:
        return OptionSignal(K.EEO_RACE, "options~race", 0.85)
    if _count(texts, P.HISPANIC_OPTIONS) >= 1 and race <= 1 and len(texts) <= 4:
        return OptionSignal(K.EEO_HISPANIC_LATINO, "options~hispanic/latino", 0.8)
    if _count(texts, P.GENDER_OPTIONS) >= 2:
        return OptionSignal(K.EEO_GENDER, "options~gender", 0.85)
    if _count(texts, P.PRONOUN_OPTIONS) >= 2:
        return OptionSignal(K.PRONOUNS, "options~pronouns", 0.85)
    if _count(texts, P.DEGREE_OPTIONS) >= 3:
        return OptionSignal(K.EDUCATION_DEGREE, "options~degrees", 0.75)
    if is_dial_picker(field):
        return OptionSignal(K.ADDRESS_COUNTRY, "options~dial codes", 0.8)
    if len(texts) >= 20 and _count(texts, P.COUNTRY_WORDS) >= 5:
        return OptionSignal(K.ADDRESS_COUNTRY, "options~countries", 0.7)
    return None


def is_yes_no(field: Field) -> bool:
    texts = option_texts(field)
    return bool(texts) and len(texts) <= 4 and _count(texts, P.YES_NO_OPTIONS) >= 2


def context_text(field: Field) -> str:
    """Section heading plus wrapper ids/classes/data-*: where on the page the field sits."""
    bits = [field.section or ""]
    for anc in field.ancestors:
        bits.extend(v for k, v in anc.items() if k != "tag")
    return " ".join(bits)

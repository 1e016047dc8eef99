"""Lever's application form -> the JobPilot vocabulary.

The classic Lever form (``jobs.lever.co/<company>/<uuid>/apply``) names its standard fields
the same way on every posting, so those are mapped by name with high confidence:

=================================  =====================  ==================================
name (``data-qa`` hook)            key                    note
=================================  =====================  ==================================
``resume`` (``input-resume``)      resume                 hidden file input behind "ATTACH"
``name`` (``name-input``)          full_name              Lever asks one full-name box
``email`` / ``phone``              email / phone
``location`` (``location-input``)  location               typeahead; ``selectedLocation`` is
                                                          its hidden companion (not a field)
``org`` (``org-input``)            current_company
``urls[LinkedIn|GitHub|...]``      links.*                unknown site names -> links.other
``comments``                       cover_letter           "Add a cover letter or anything
                                                          else you want to share."
``pronouns`` (+ custom option)     pronouns
``eeo[gender|race|veteran|         eeo.*                  US EEO block
disability]``
``eeo[disabilitySignature]``       full_name              CC-305 signature
``eeo[disabilitySignatureDate]``   question               the flow dates it (today)
``cards[<uuid>][field<n>]``        see ``questions``      company cards: by question text
``surveysResponses[...]``          see ``questions``      optional diversity survey
=================================  =====================  ==================================

What a custom card asks is read from its wording, which is the generic mapper's job: it
knows every language and phrasing the project has met, so this adapter answers a card only
with ``question`` at a modest confidence, and the generic mapper's key wins the merge
whenever it recognises one (one set of wording rules, not two that disagree). Lone tick
boxes are the exception: their Lever-specific shape (the question in the card heading, the
statement beside the box) is read here.
"""

from __future__ import annotations

import re

from jobpilot.models.mapping import FieldMapping
from jobpilot.models.snapshot import Field, FormSnapshot
from jobpilot.vocabulary import FieldKey as K

from jobpilot_ats_lever import questions

_STANDARD: dict[str, tuple[K, float]] = {
    "name": (K.FULL_NAME, 0.98),
    "email": (K.EMAIL, 0.99),
    "phone": (K.PHONE, 0.98),
    "location": (K.LOCATION, 0.97),
    "org": (K.CURRENT_COMPANY, 0.97),
    "comments": (K.COVER_LETTER, 0.93),
    "eeo[gender]": (K.EEO_GENDER, 0.98),
    "eeo[race]": (K.EEO_RACE, 0.98),
    "eeo[veteran]": (K.EEO_VETERAN_STATUS, 0.98),
    "eeo[disability]": (K.EEO_DISABILITY_STATUS, 0.98),
    "eeo[disabilitySignature]": (K.FULL_NAME, 0.95),
    "eeo[disabilitySignatureDate]": (K.QUESTION, 0.9),
}
_HOOKS: dict[str, str] = {
    "name-input": "name",
    "email-input": "email",
    "phone-input": "phone",
    "location-input": "location",
    "org-input": "org",
}
_URLS: dict[str, K] = {
    "linkedin": K.LINKS_LINKEDIN,
    "github": K.LINKS_GITHUB,
    "twitter": K.LINKS_TWITTER,
    "x": K.LINKS_TWITTER,
    "portfolio": K.LINKS_PORTFOLIO,
    "website": K.LINKS_PORTFOLIO,
    "personal website": K.LINKS_PORTFOLIO,
}
_URL_NAME = re.compile(r"^urls\[(?P<site>[^\]]+)\]$")
_CARD_NAME = re.compile(r"^(cards\[[^\]]+\]|surveysResponses\[[^\]]+\]\[responses\])\[field\d+\]$")
_TEXT_TYPES = frozenset({"text", "textarea", "email", "tel", "url", "number", ""})

UNRECOGNISED_CARD = 0.7
"""Below the generic mapper's label-based answers, above the review threshold."""


def _kind(field: Field) -> str | None:
    t = (field.type or "").lower()
    if t == "checkbox" and not field.members:
        return questions.CHECK
    if field.members or t in ("radio", "checkbox", "select-one", "select-multiple"):
        return questions.CHOICE
    if t in _TEXT_TYPES or field.tag == "textarea":
        return questions.TEXT
    return None


def _standard(field: Field) -> FieldMapping | None:
    name = field.name or ""
    hook = field.attrs.get("data-qa", "")
    t = (field.type or "").lower()
    if t == "file":
        if name == "resume" or hook == "input-resume" or field.id == "resume-upload-input":
            return FieldMapping(ref=field.ref, key=K.RESUME, confidence=0.98, reason="Lever resume input")
        return None
    if name == "pronouns" or field.id in ("customPronounsOption", "customPronounsTextField"):
        conf = 0.95 if field.members else 0.9
        return FieldMapping(ref=field.ref, key=K.PRONOUNS, confidence=conf, reason="Lever pronouns list")
    std = _STANDARD.get(name) or _STANDARD.get(_HOOKS.get(hook, ""))
    if std is not None:
        key, conf = std
        return FieldMapping(ref=field.ref, key=key, confidence=conf, reason=f"Lever field {name or hook}")
    m = _URL_NAME.match(name)
    if m is not None:
        site = m["site"].strip().lower()
        key = _URLS.get(site, K.LINKS_OTHER)
        conf = 0.98 if site in _URLS else 0.9
        return FieldMapping(ref=field.ref, key=key, confidence=conf, reason=f"Lever link field {name}")
    return None


def _card(field: Field) -> FieldMapping | None:
    if not _CARD_NAME.match(field.name or ""):
        return None
    kind = _kind(field)
    if kind is None:
        return None
    if kind == questions.CHECK:
        # Lever-specific shape: the card's question is the section, the box's text the
        # statement agreed to.
        meaning = questions.classify(field.section, kind, lone_option=field.label)
        if meaning is not None:
            return FieldMapping(
                ref=field.ref, key=meaning.key, confidence=meaning.confidence, reason=meaning.why
            )
    return FieldMapping(
        ref=field.ref, key=K.QUESTION, confidence=UNRECOGNISED_CARD, reason="Lever custom question card"
    )


def map_snapshot(snapshot: FormSnapshot) -> list[FieldMapping]:
    """Mappings for the Lever fields of a page (other fields are left to other mappers)."""
    out: list[FieldMapping] = []
    for field in snapshot.fields:
        mapping = _standard(field) or _card(field)
        if mapping is not None:
            out.append(mapping)
    return out

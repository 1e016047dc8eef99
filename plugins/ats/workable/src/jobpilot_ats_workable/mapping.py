"""Workable's own markup -> the JobPilot vocabulary.

Every Workable application is rendered from one form definition, so its standard fields
keep fixed ids, names and ``data-ui`` hooks whatever the account or language: ``firstname``,
``lastname``, ``email``, ``headline``, ``phone`` (with the intl-tel-input country picker),
``address`` (with its hidden ``city``/``postcode``/``country`` companions), ``summary``,
``cover_letter``, the ``resume`` uploader and the ``gdpr`` box. Those are answered with
0.9-0.98, above the generic mapper.

Custom fields and questions (``CA_<n>``, ``QA_<n>``) get ``question`` at 0.7: the generic
mapper, which reads their wording, wins whenever it recognises a vocabulary key ("Are you
legally authorized...", "LinkedIn", EEO questions) and this adapter fills the gap when not.

Left alone (``unknown``): the photo uploader, the search box of a dropdown, and the fields
of an education or experience entry being edited (the flow fills each entry from the
profile, see ``entries``); the careers page's search and filters are not an application.
"""

from __future__ import annotations

import re

from jobpilot.models.mapping import Detection, FieldMapping
from jobpilot.models.snapshot import Field, FormSnapshot
from jobpilot.vocabulary import FieldKey

from jobpilot_ats_workable.detect import ATS, host_of, is_workable_host

K = FieldKey

_STANDARD: dict[str, tuple[FieldKey, float]] = {
    "firstname": (K.FIRST_NAME, 0.98),
    "lastname": (K.LAST_NAME, 0.98),
    "email": (K.EMAIL, 0.98),
    "phone": (K.PHONE, 0.97),
    "headline": (K.CURRENT_TITLE, 0.85),
    "address": (K.LOCATION, 0.93),
    "cover_letter": (K.COVER_LETTER, 0.97),
    "summary": (K.QUESTION, 0.75),
}
"""By ``id``/``name``/``data-ui``; ``headline`` ("Senior Backend Engineer") is the closest key
to a professional headline, ``summary`` a free text about the person, not a cover letter."""
_COMPANIONS: dict[str, tuple[FieldKey, float]] = {
    "city": (K.ADDRESS_CITY, 0.9),
    "postcode": (K.ADDRESS_POSTAL_CODE, 0.9),
    "country": (K.ADDRESS_COUNTRY, 0.9),
}
"""The address autocomplete's hidden companions (filled by the widget itself)."""
_CUSTOM = re.compile(r"^(?:input_)?(CA|QA)_\d+(?:_input)?$")
_ENTRY = re.compile(r"^(education|experience)(-|$)")
_CAREERS = re.compile(r"^(search-jobs|[a-z-]+-filter)$")

FALLBACK_QUESTION = 0.7


def classify(field: Field) -> tuple[FieldKey, float, str] | None:
    """The key for one control of a Workable page, or None when the markup says nothing."""
    own = field.attrs.get("data-ui", "")
    ident = field.id or field.name or ""
    if _CAREERS.match(own) or (field.id or "").endswith("-filter_input"):
        return K.UNKNOWN, 0.99, "careers page search/filter, not an application field"
    if any(_ENTRY.match(a.get("data-ui", "")) for a in field.ancestors) and not _CUSTOM.match(ident):
        return K.UNKNOWN, 0.9, "education/experience entry: the flow fills it from the profile"
    if field.type == "file":
        if own == "avatar":
            return K.UNKNOWN, 0.99, "photo upload"
        if own == "resume":
            return K.RESUME, 0.98, "Workable resume uploader"
        if own == "cover_letter":
            return K.COVER_LETTER, 0.97, "Workable cover letter uploader"
        if _CUSTOM.match(own):
            return K.QUESTION, FALLBACK_QUESTION, "Workable file question"
        return None
    if field.attrs.get(
        "aria-label", ""
    ).lower() == "telephone country code" or "iti__selected-flag" in field.attrs.get("class", ""):
        return K.ADDRESS_COUNTRY, 0.93, "phone field's country picker"
    if field.name == "gdpr" or own == "gdpr":
        return K.CONSENT, 0.95, "Workable privacy notice consent"
    for key in (own, field.id or "", field.name or ""):
        if key in _STANDARD:
            k, conf = _STANDARD[key]
            return k, conf, f"Workable field {key}"
    if not own and (field.id or field.name or "") in _COMPANIONS:
        k, conf = _COMPANIONS[field.id or field.name or ""]
        return k, conf, "address autocomplete companion"
    if _CUSTOM.match(ident) or _CUSTOM.match(own) or any(_CUSTOM.match(m.name or "") for m in field.members):
        return K.QUESTION, FALLBACK_QUESTION, "Workable custom question"
    return None


def workable_frames(snapshot: FormSnapshot, detection: Detection | None) -> set[str]:
    """Frame paths whose document is a Workable page ("" for the top document)."""
    frames = {f.path for f in snapshot.frames if is_workable_host(host_of(f.url))}
    if is_workable_host(host_of(snapshot.url)) or (
        detection is not None and detection.ats == ATS and not frames
    ):
        frames.add("")
    return frames


def in_frames(field: Field, frames: set[str]) -> bool:
    return field.frame in frames or any(field.frame.startswith(p + ".") for p in frames if p)


def map_workable(snapshot: FormSnapshot, detection: Detection | None) -> list[FieldMapping]:
    """Mappings for the fields of the page's Workable form."""
    frames = workable_frames(snapshot, detection)
    out: list[FieldMapping] = []
    for field in snapshot.fields:
        if not in_frames(field, frames):
            continue
        decided = classify(field)
        if decided is None:
            continue
        key, conf, reason = decided
        out.append(FieldMapping(ref=field.ref, key=key, confidence=conf, reason=reason))
    return out

"""Ashby's own form markup -> the JobPilot vocabulary.

Ashby renders every application form from one React component set, so its markup says
what a field is far more reliably than the label wording does:

* system fields carry fixed names: ``_systemfield_name``, ``_systemfield_email``,
  ``_systemfield_phone``, ``_systemfield_resume``, ``_systemfield_location`` (a combobox
  without id/name, recognised by its ``data-field-path`` wrapper), the education history
  (``_systemfield_education_history-school/-degree/-major/-startDate/-endDate/-isCurrent``)
  and the EEOC survey radios ``<survey uuid>__systemfield_eeoc_<gender|race|veteran_status|
  disability_status>``;
* custom questions are named by UUIDs inside ``ashby-application-form-field-entry``
  wrappers; their meaning is only in the label, which the generic mapper reads well, so
  this adapter only speaks up for the Ashby yes/no toggles that ask the two questions Ashby
  forms nearly always carry (work authorisation, visa sponsorship);
* the "Autofill from resume" drop zone is a convenience uploader, not a form field: the
  resume goes into ``_systemfield_resume``, never there.

Anything else is left to the generic mapper (custom questions become ``question`` there).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from jobpilot.engine.text import norm
from jobpilot.models.mapping import FieldMapping
from jobpilot.models.snapshot import Field, FormSnapshot
from jobpilot.vocabulary import FieldKey as K

from jobpilot_ats_ashby.detect import parse_board_url

SYSTEM = "_systemfield_"
EDUCATION = "_systemfield_education_history"

_BY_NAME: dict[str, tuple[K, float]] = {
    "_systemfield_email": (K.EMAIL, 0.98),
    "_systemfield_phone": (K.PHONE, 0.98),
    "_systemfield_resume": (K.RESUME, 0.98),
    "_systemfield_cover_letter": (K.COVER_LETTER, 0.95),
    "_systemfield_location": (K.LOCATION, 0.97),
    "_systemfield_linkedin": (K.LINKS_LINKEDIN, 0.95),
}
_EEOC: dict[str, K] = {
    "gender": K.EEO_GENDER,
    "race": K.EEO_RACE,
    "veteran_status": K.EEO_VETERAN_STATUS,
    "disability_status": K.EEO_DISABILITY_STATUS,
}
_EEOC_NAME = re.compile(r"__systemfield_eeoc_(gender|race|veteran_status|disability_status)$")
_EDU_PART: dict[str, tuple[K, float]] = {
    "degree": (K.EDUCATION_DEGREE, 0.95),
    "major": (K.EDUCATION_DISCIPLINE, 0.95),
    "school": (K.EDUCATION_SCHOOL, 0.95),
    "isCurrent": (K.QUESTION, 0.9),
}
_FULL_NAME_LABELS = frozenset({"name", "full name", "your name", "legal name", "full legal name"})
_AUTHORIZED = re.compile(r"\b(authori[sz]ed|eligible|legally able|right) to work\b")
_SPONSOR = re.compile(r"\b(require|need|requiring|needing)\b.*\bsponsor(ship|ed)?\b")
_WITHOUT_SPONSOR = re.compile(r"\bwithout\b.*\bsponsor")
_YEAR = re.compile(r"^(19|20)\d\d$")


def wrapper_path(field: Field) -> str | None:
    """The ``data-field-path`` of the Ashby field-entry wrapper around a field, if any."""
    for anc in field.ancestors:
        path = anc.get("data-field-path")
        if path:
            return path
    return None


def in_autofill_uploader(field: Field) -> bool:
    return any("autofill" in anc.get("class", "") for anc in field.ancestors)


def _ancestor_ids(field: Field) -> list[str]:
    return [anc["id"] for anc in field.ancestors if anc.get("id")]


def _is_toggle(field: Field) -> bool:
    """An Ashby yes/no question: the DOM layer's toggle-button group (or, from an older
    snapshot, its hidden backing checkbox)."""
    if field.attrs.get("widget") == "toggle-buttons":
        return True
    return field.type == "checkbox" and any("_yesno" in anc.get("class", "") for anc in field.ancestors)


def _name_field(field: Field) -> FieldMapping | None:
    label = norm(field.label)
    if "preferred" in label:
        return FieldMapping(
            ref=field.ref,
            key=K.PREFERRED_NAME,
            confidence=0.95,
            reason=f"_systemfield_name labelled '{field.label}'",
        )
    if label in _FULL_NAME_LABELS or not label:
        return FieldMapping(ref=field.ref, key=K.FULL_NAME, confidence=0.97, reason="_systemfield_name")
    return None  # relabelled to something else: let the label-reading mapper decide


def _education(field: Field, part: str | None) -> FieldMapping | None:
    if part in _EDU_PART:
        key, conf = _EDU_PART[part]
        return FieldMapping(ref=field.ref, key=key, confidence=conf, reason=f"{EDUCATION}-{part}")
    if field.type == "combobox" and (norm(field.label) == "school" or "school" in norm(field.placeholder)):
        return FieldMapping(
            ref=field.ref, key=K.EDUCATION_SCHOOL, confidence=0.95, reason=f"{EDUCATION} school search"
        )
    if field.tag == "select":
        ids = _ancestor_ids(field)
        years = [o for o in field.options if _YEAR.match(o.value or o.text)]
        is_year = len(years) >= max(2, len(field.options) // 2)
        if f"{EDUCATION}-endDate" in ids and is_year:
            return FieldMapping(
                ref=field.ref,
                key=K.EDUCATION_GRADUATION_YEAR,
                confidence=0.93,
                reason=f"{EDUCATION}-endDate year",
            )
        if f"{EDUCATION}-endDate" in ids or f"{EDUCATION}-startDate" in ids:
            return FieldMapping(
                ref=field.ref,
                key=K.QUESTION,
                confidence=0.9,
                reason=f"{EDUCATION} date part (not graduation year)",
            )
    return None


def _toggle(field: Field) -> FieldMapping | None:
    label = norm(field.label)
    authorized = bool(_AUTHORIZED.search(label))
    if _SPONSOR.search(label) and not (authorized and _WITHOUT_SPONSOR.search(label)):
        return FieldMapping(
            ref=field.ref,
            key=K.REQUIRES_SPONSORSHIP,
            confidence=0.95,
            reason="Ashby yes/no toggle asking about sponsorship",
        )
    if authorized:
        return FieldMapping(
            ref=field.ref,
            key=K.WORK_AUTHORIZED,
            confidence=0.95,
            reason="Ashby yes/no toggle asking about work authorisation",
        )
    return None


def map_field(field: Field) -> FieldMapping | None:
    """One field's mapping from Ashby markup, or None when the markup does not settle it."""
    name = field.name or field.id or ""
    path = wrapper_path(field) or ""
    if field.type == "file" and in_autofill_uploader(field):
        return FieldMapping(
            ref=field.ref,
            key=K.UNKNOWN,
            confidence=0.97,
            reason="Ashby 'Autofill from resume' uploader (not a form field)",
        )
    m = _EEOC_NAME.search(name)
    if m:
        return FieldMapping(
            ref=field.ref,
            key=_EEOC[m.group(1)],
            confidence=0.98,
            reason=f"EEOC survey {m.group(0).lstrip('_')}",
        )
    if (
        name.startswith(EDUCATION)
        or path == EDUCATION
        or any(i.startswith(EDUCATION) for i in _ancestor_ids(field))
    ):
        part = name[len(EDUCATION) + 1 :] if name.startswith(EDUCATION + "-") else None
        return _education(field, part)
    if name == "_systemfield_name":
        return _name_field(field)
    system = name if name in _BY_NAME else path if path in _BY_NAME else None
    if system is not None:
        key, conf = _BY_NAME[system]
        if key is K.LOCATION and field.type not in ("combobox", "text", None):
            return None
        return FieldMapping(ref=field.ref, key=key, confidence=conf, reason=system)
    if name == "communicationConsent":
        return FieldMapping(
            ref=field.ref,
            key=K.CONSENT,
            confidence=0.9,
            reason="Ashby text-message consent for this application",
        )
    if _is_toggle(field) and path and not path.startswith(SYSTEM):
        return _toggle(field)
    return None


def _ashby_frames(snapshot: FormSnapshot) -> set[str] | None:
    """Frame paths of the Ashby iframes when the page is a company site embedding Ashby;
    None when the page itself is Ashby's (every field is the application's then)."""
    if parse_board_url(snapshot.url) is not None:
        return None
    frames = {f.path for f in snapshot.frames if parse_board_url(f.url) is not None}
    return frames or None


def _in_frames(field: Field, frames: set[str]) -> bool:
    return any(field.frame == p or field.frame.startswith(p + ".") for p in frames)


def map_snapshot(snapshot: FormSnapshot) -> Iterator[FieldMapping]:
    frames = _ashby_frames(snapshot)
    for field in snapshot.fields:
        if frames is not None and not _in_frames(field, frames):
            # A company page embedding Ashby: the application is the jobs.ashbyhq.com iframe;
            # the host site's own boxes (newsletter, site search) are not part of it.
            yield FieldMapping(
                ref=field.ref,
                key=K.UNKNOWN,
                confidence=0.95,
                reason="host page around the Ashby embed, not the application",
            )
            continue
        mapping = map_field(field)
        if mapping is not None:
            yield mapping

"""Jobvite's apply markup -> the JobPilot vocabulary.

Jobvite's apply form names its standard contact fields the same way on every careers site
(``firstName``, ``lastName``, ``email``, ``phone``, ``address``, ``city``, ``state``,
``postalCode``, ``country``) and attaches documents through ``#attachResume`` /
``#attachCoverLetter`` (a "Select" menu: File, LinkedIn, Type or Paste). Those are answered
with 0.9-0.98.

Left alone (``unknown``, so no other mapper fills them):

* everything inside the sign-in panel (``.jv-login``): "use my Jobvite profile" is an
  option the flow skips; its e-mail box is not the application's;
* the "Autofill with resume" uploader and the pasted-resume box: the resume goes in as
  the file the person chose;
* the careers site's search form (``jv-search-*``): not an application;
* the numbered Work History / Education blocks (``workHistory[1].company``...) past the
  first one's names, and every block's dates: the flow fills block N from the profile's N-th
  job or school (``rows``), which a per-field mapping could not (the second block's "Company
  Name" is not the current company). The first block's company, title, school, degree and
  major are the current job and latest school, mapped for what ``inspect`` shows; the flow
  fills them too.

The pasted cover letter box is ``cover_letter``: a cover letter kept as text goes there
(the flow opens it). Prescreen questions (``.jv-prescreen-*``) get ``question`` at 0.7; the
generic mapper, which reads their wording, wins whenever it recognises a vocabulary key.
"""

from __future__ import annotations

import re

from jobpilot.models.mapping import Detection, FieldMapping
from jobpilot.models.snapshot import Field, FormSnapshot
from jobpilot.vocabulary import FieldKey

from jobpilot_ats_jobvite.detect import ATS, host_of, is_jobvite_host

K = FieldKey

_NAMES: dict[str, tuple[FieldKey, float]] = {
    "firstName": (K.FIRST_NAME, 0.98),
    "lastName": (K.LAST_NAME, 0.98),
    "middleName": (K.MIDDLE_NAME, 0.95),
    "email": (K.EMAIL, 0.98),
    "phone": (K.PHONE, 0.97),
    "address": (K.ADDRESS_STREET, 0.95),
    "address2": (K.ADDRESS_STREET, 0.9),
    "city": (K.ADDRESS_CITY, 0.96),
    "state": (K.ADDRESS_REGION, 0.95),
    "postalCode": (K.ADDRESS_POSTAL_CODE, 0.96),
    "country": (K.ADDRESS_COUNTRY, 0.96),
}
_PRESCREEN = re.compile(r"\bjv-prescreen")
_ROW = re.compile(r"^(?P<section>workHistory|education)\[(?P<index>\d+)\]\.(?P<part>\w+)$")
_FIRST_BLOCK: dict[tuple[str, str], FieldKey] = {
    ("workHistory", "company"): K.CURRENT_COMPANY,
    ("workHistory", "title"): K.CURRENT_TITLE,
    ("education", "school"): K.EDUCATION_SCHOOL,
    ("education", "degree"): K.EDUCATION_DEGREE,
    ("education", "major"): K.EDUCATION_DISCIPLINE,
}
"""The first block is the latest job and school; its dates and every later block are the
flow's alone (the vocabulary names one job and one school)."""
FALLBACK_QUESTION = 0.7


def _classes(field: Field) -> str:
    return " ".join([field.attrs.get("class", ""), *(a.get("class", "") for a in field.ancestors)])


def _ancestor_ids(field: Field) -> list[str]:
    return [a.get("id", "") for a in field.ancestors if a.get("id")]


def classify(field: Field) -> tuple[FieldKey, float, str] | None:
    """The key for one control of a Jobvite page, or None when the markup says nothing."""
    classes = _classes(field)
    ids = _ancestor_ids(field)
    if (field.id or "").startswith("jv-search-") or "jv-search-form" in classes:
        return K.UNKNOWN, 0.99, "careers site search, not an application field"
    if re.search(r"\bjv-login\b", classes) or field.type == "password":
        return K.UNKNOWN, 0.99, "Jobvite profile sign-in: skipped, the application is filled directly"
    if "jv-autofill" in classes:
        return K.UNKNOWN, 0.99, "autofill-from-resume uploader: not used"
    in_resume = "attachResume" in ids
    in_cover = "attachCoverLetter" in ids
    if field.type == "file":
        if in_resume:
            return K.RESUME, 0.97, "Jobvite resume attachment"
        if in_cover:
            return K.COVER_LETTER, 0.97, "Jobvite cover letter attachment"
        return None
    if field.tag == "textarea" and (in_resume or in_cover):
        if in_cover:
            return K.COVER_LETTER, 0.95, "Jobvite pasted cover letter"
        return K.UNKNOWN, 0.97, "pasted resume text: the resume goes in as a file"
    name = field.name or ""
    row = _ROW.match(name)
    if row:
        key = (
            _FIRST_BLOCK.get((row.group("section"), row.group("part"))) if row.group("index") == "0" else None
        )
        if key is not None:
            return (
                key,
                0.9,
                f"first {row.group('section')} block (the flow fills every block from the profile)",
            )
        return K.UNKNOWN, 0.9, "work history / education block: the flow fills it from the profile"
    if name in _NAMES and "jv-form-field" in classes:
        key, conf = _NAMES[name]
        return key, conf, f"Jobvite field {name}"
    if _PRESCREEN.search(classes):
        return K.QUESTION, FALLBACK_QUESTION, "Jobvite prescreen question"
    return None


def jobvite_frames(snapshot: FormSnapshot, detection: Detection | None) -> set[str]:
    frames = {f.path for f in snapshot.frames if is_jobvite_host(host_of(f.url))}
    if is_jobvite_host(host_of(snapshot.url)) or (
        detection is not None and detection.ats == ATS and not frames
    ):
        frames.add("")
    return frames


def in_frames(field: Field, frames: set[str]) -> bool:
    return field.frame in frames or any(field.frame.startswith(p + ".") for p in frames if p)


def map_jobvite(snapshot: FormSnapshot, detection: Detection | None) -> list[FieldMapping]:
    """Mappings for the fields of the page's Jobvite form."""
    frames = jobvite_frames(snapshot, detection)
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

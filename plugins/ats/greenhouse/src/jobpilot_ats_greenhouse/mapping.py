"""Greenhouse's own markup -> the JobPilot vocabulary.

Greenhouse renders every application from one form definition, so its standard fields have
fixed ids (React job boards: ``#first_name``, ``#phone``, ``#candidate-location``,
``#resume``, ``#school--0``, EEOC ``#gender`` ...) or fixed names (classic boards:
``job_application[first_name]``, ``job_application[answers_attributes][N][text_value]``).
Those are unambiguous and answered with 0.95-0.99, above the generic mapper.

What the markup cannot tell is the meaning of a company's custom questions
(``question_<n>`` ids, classic ``answers_attributes``, numeric-id demographic questions):
they are answered ``question`` with a modest 0.7, so the generic mapper, which reads the
wording, wins whenever it recognises a vocabulary key ("LinkedIn Profile", "Are you
legally authorized ...") and this adapter only fills the gap when it does not.

Only fields inside a Greenhouse document are mapped: on a company's careers page with an
embedded application, the company's own newsletter box with ``id=email`` is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from jobpilot.models.mapping import Detection, FieldMapping
from jobpilot.models.snapshot import Field, FormSnapshot
from jobpilot.vocabulary import FieldKey

from jobpilot_ats_greenhouse.detect import ATS, has_application_markup, host_of, is_board_host

K = FieldKey

# --- React job boards (Remix renderer): fixed ids ----------------------------------------

_REACT_IDS: dict[str, tuple[FieldKey, float]] = {
    "first_name": (K.FIRST_NAME, 0.98),
    "last_name": (K.LAST_NAME, 0.98),
    "preferred_name": (K.PREFERRED_NAME, 0.97),
    "email": (K.EMAIL, 0.98),
    "phone": (K.PHONE, 0.98),
    "candidate-location": (K.LOCATION, 0.97),
    "resume": (K.RESUME, 0.98),
    "cover_letter": (K.COVER_LETTER, 0.98),
    "cover_letter_text": (K.COVER_LETTER, 0.97),
    # EEOC block (US self-identification), same ids on every board.
    "gender": (K.EEO_GENDER, 0.97),
    "race": (K.EEO_RACE, 0.97),
    "hispanic_ethnicity": (K.EEO_HISPANIC_LATINO, 0.97),
    "veteran_status": (K.EEO_VETERAN_STATUS, 0.97),
    "disability_status": (K.EEO_DISABILITY_STATUS, 0.97),
}
"""``resume_text`` (the "Enter manually" box of the resume) is left out on purpose: the
profile's resume is a file, and typing its path into a text box would be wrong."""

_EDUCATION = re.compile(r"^(?P<part>school|degree|discipline|start-month|start-year|end-month|end-year)--0$")
_EDUCATION_KEYS: dict[str, tuple[FieldKey, float]] = {
    "school": (K.EDUCATION_SCHOOL, 0.97),
    "degree": (K.EDUCATION_DEGREE, 0.97),
    "discipline": (K.EDUCATION_DISCIPLINE, 0.97),
    "end-year": (K.EDUCATION_GRADUATION_YEAR, 0.93),
    "start-month": (K.QUESTION, 0.9),
    "start-year": (K.QUESTION, 0.9),
    "end-month": (K.QUESTION, 0.9),
}
"""Only the first education entry (``--0``): the profile's latest education fills it; later
entries added with "Add another" are the person's to complete."""

_GDPR = re.compile(r"^gdpr_(processing|retention|demographic_data)_consent_given")
_CUSTOM_QUESTION = re.compile(r"^question_\d+(\[\])?(_\d+)?$")
_DEMOGRAPHIC = re.compile(r"^\d+(\[\])?(_\d+)?$")
_SECURITY_CODE = re.compile(r"^(security-input-\d+|security_code)$")

# --- classic boards (server-rendered): fixed names ----------------------------------------

_CLASSIC_NAMES: dict[str, tuple[FieldKey, float]] = {
    "job_application[first_name]": (K.FIRST_NAME, 0.98),
    "job_application[last_name]": (K.LAST_NAME, 0.98),
    "job_application[email]": (K.EMAIL, 0.98),
    "job_application[phone]": (K.PHONE, 0.98),
    "job_application[location]": (K.LOCATION, 0.96),
    "job_application[cover_letter_text]": (K.COVER_LETTER, 0.97),
    "job_application[gender]": (K.EEO_GENDER, 0.97),
    "job_application[race]": (K.EEO_RACE, 0.97),
    "job_application[hispanic_ethnicity]": (K.EEO_HISPANIC_LATINO, 0.97),
    "job_application[veteran_status]": (K.EEO_VETERAN_STATUS, 0.97),
    "job_application[disability_status]": (K.EEO_DISABILITY_STATUS, 0.97),
}
_CLASSIC_FILE_IDS: dict[str, tuple[FieldKey, float]] = {
    "s3_upload_for_resume": (K.RESUME, 0.98),
    "s3_upload_for_cover_letter": (K.COVER_LETTER, 0.98),
}
_CLASSIC_ANSWER = re.compile(
    r"^job_application\[answers_attributes\]\[\d+\]\[(text_value|boolean_value|answer_selected_options_attributes)\]"
)
_CLASSIC_GDPR = re.compile(r"^job_application\[data_compliance\]\[gdpr_\w+_consent_given\]$")

FALLBACK_QUESTION = 0.7
"""Custom questions: below what the generic mapper gives a wording it recognises."""


def greenhouse_frames(snapshot: FormSnapshot, detection: Detection | None) -> set[str]:
    """Frame paths whose document is a Greenhouse form ("" for the top document)."""
    frames: set[str] = set()
    if is_board_host(host_of(snapshot.url)) or (
        detection is not None
        and detection.ats == ATS
        and has_application_markup(snapshot)
        and not any(is_board_host(host_of(f.url)) for f in snapshot.frames)
    ):
        frames.add("")
    for f in snapshot.frames:
        if is_board_host(host_of(f.url)):
            frames.add(f.path)
    return frames


def _in_frames(field: Field, frames: set[str]) -> bool:
    return field.frame in frames or any(field.frame.startswith(p + ".") for p in frames if p)


def classify(field: Field, snapshot_ids: set[str]) -> tuple[FieldKey, float, str] | None:
    """The key for one field of a Greenhouse form, or None when the markup says nothing."""
    fid = field.id or ""
    name = field.name or ""
    if _SECURITY_CODE.match(fid):
        return K.UNKNOWN, 0.99, "security code box: filled by the flow with the e-mailed code"
    if fid == "country" and field.type == "combobox" and "phone" in snapshot_ids:
        return K.ADDRESS_COUNTRY, 0.97, "id=country: the phone field's country picker"
    if fid in _REACT_IDS:
        key, conf = _REACT_IDS[fid]
        if key in (K.RESUME, K.COVER_LETTER) and fid != "cover_letter_text" and field.type != "file":
            return None
        return key, conf, f"Greenhouse id={fid}"
    m = _EDUCATION.match(fid)
    if m:
        key, conf = _EDUCATION_KEYS[m.group("part")]
        return key, conf, f"Greenhouse education id={fid}"
    if _GDPR.match(fid) or _GDPR.match(name) or _CLASSIC_GDPR.match(name):
        return K.CONSENT, 0.95, "Greenhouse GDPR consent box"
    if name in _CLASSIC_NAMES:
        key, conf = _CLASSIC_NAMES[name]
        return key, conf, f"Greenhouse classic name={name}"
    if fid in _CLASSIC_FILE_IDS:
        key, conf = _CLASSIC_FILE_IDS[fid]
        return key, conf, f"Greenhouse classic upload id={fid}"
    if _CUSTOM_QUESTION.match(fid) or _CLASSIC_ANSWER.match(name):
        return K.QUESTION, FALLBACK_QUESTION, "Greenhouse custom question"
    if _DEMOGRAPHIC.match(fid) and field.type in ("combobox", "checkbox", "radio", "select-one"):
        return K.QUESTION, 0.65, "Greenhouse demographic question (numeric id)"
    return None


def map_greenhouse(snapshot: FormSnapshot, detection: Detection | None) -> list[FieldMapping]:
    """Mappings for the fields of the page's Greenhouse form(s)."""
    frames = greenhouse_frames(snapshot, detection)
    if not frames:
        return []
    ids = {f.id for f in snapshot.fields if f.id and _in_frames(f, frames)}
    out: list[FieldMapping] = []
    for field in _fields_in(snapshot.fields, frames):
        decided = classify(field, ids)
        if decided is None:
            continue
        key, conf, reason = decided
        out.append(FieldMapping(ref=field.ref, key=key, confidence=conf, reason=reason))
    return out


def _fields_in(fields: Iterable[Field], frames: set[str]) -> Iterable[Field]:
    return (f for f in fields if _in_frames(f, frames))

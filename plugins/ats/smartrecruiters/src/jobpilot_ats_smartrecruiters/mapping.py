"""SmartRecruiters' one-click markup -> the JobPilot vocabulary.

The one-click form is rendered from SmartRecruiters' own components, so its standard fields
carry fixed ids and ``data-test`` hooks whatever the page's language: ``first-name-input``
(on the ``spl-input`` host and on the control inside its shadow root),
``personal-info-email-confirm``, ``web-profiles-linkedin``, ``hiring-manager-message-text``
(SmartRecruiters' cover-letter slot), the phone field's country-code listbox, the resume
drop zone, the required privacy ``consent-box``. Those are answered with 0.9-0.98, above
the generic mapper, which reads labels and would be lost on a Hungarian or Serbian page.

Left alone on purpose (``unknown``, so no other mapper fills them either):

* the "Easy Apply" drop zone: it sends the file to SmartRecruiters' resume parser, which
  prefills the form; the flow uploads there itself, once, before filling (``flow``);
* the avatar upload, the drop zones' own label spans, the phone country list's search box;
* the controls of an experience or education entry being edited: the flow fills each entry
  from the profile's work history and education (``entries``);
* optional consents (talent pool, marketing): the application does not need them, so they
  stay the person's choice. Only a *required* consent box is ``consent``.

Screening questions (page two of the flow) get ``question`` at 0.7: the generic mapper,
which reads the wording, wins whenever it recognises a vocabulary key ("Are you legally
authorized to work...", EEO questions).
"""

from __future__ import annotations

import re

from jobpilot.models.mapping import Detection, FieldMapping
from jobpilot.models.snapshot import Field, FormSnapshot
from jobpilot.vocabulary import FieldKey

from jobpilot_ats_smartrecruiters.detect import ATS, host_of, is_sr_host

K = FieldKey

_IDS: dict[str, tuple[FieldKey, float]] = {
    "first-name-input": (K.FIRST_NAME, 0.98),
    "last-name-input": (K.LAST_NAME, 0.98),
    "email-input": (K.EMAIL, 0.98),
    "confirm-email-input": (K.EMAIL, 0.97),
    "linkedin-input": (K.LINKS_LINKEDIN, 0.97),
    "twitter-input": (K.LINKS_TWITTER, 0.95),
    "facebook-input": (K.LINKS_OTHER, 0.9),
    "website-input": (K.LINKS_PORTFOLIO, 0.92),
    "hiring-manager-message-input": (K.COVER_LETTER, 0.9),
}
_HOOKS: dict[str, tuple[FieldKey, float]] = {
    "personal-info-first-name-input": (K.FIRST_NAME, 0.98),
    "personal-info-last-name-input": (K.LAST_NAME, 0.98),
    "personal-info-email-input": (K.EMAIL, 0.98),
    "personal-info-email-confirm-input": (K.EMAIL, 0.97),
    "web-profiles-linkedin": (K.LINKS_LINKEDIN, 0.97),
    "web-profiles-twitter": (K.LINKS_TWITTER, 0.95),
    "web-profiles-facebook": (K.LINKS_OTHER, 0.9),
    "web-profiles-website": (K.LINKS_PORTFOLIO, 0.92),
    "hiring-manager-message-text": (K.COVER_LETTER, 0.9),
}
"""The same fields by their ``data-test`` hooks (on the ``oc-*`` wrapper), for tenants whose
ids differ."""

_ENTRY_HOOK = re.compile(r"^(experience|education)-(entry|form)")
_ENTRY_ID = re.compile(
    r"^(title|company|office-location|description|start-date|end-date|current-job|institution|major|degree"
    r"|school-location|current-school)-input(-\d+)?$"
)
_QUESTION_HOOK = re.compile(r"^screening-question")

FALLBACK_QUESTION = 0.7
"""Screening questions: below what the generic mapper gives a wording it recognises."""


def _hooks(field: Field) -> list[str]:
    return [w.get("data-test", "") for w in (field.attrs, *field.ancestors) if w.get("data-test")]


def _tags(field: Field) -> list[str]:
    return [a.get("tag", "") for a in field.ancestors]


def _host_ids(field: Field) -> list[str]:
    """Ids of the ``spl-*`` component hosts around the control (the id the page gave it)."""
    return [a.get("id", "") for a in field.ancestors if a.get("tag", "").startswith("spl-") and a.get("id")]


def classify(field: Field) -> tuple[FieldKey, float, str] | None:
    """The key for one control of the one-click form, or None when the markup says nothing."""
    hooks = _hooks(field)
    tags = _tags(field)
    classes = field.attrs.get("class", "")
    if field.type == "file":
        if "apply-with-resume-container" in hooks:
            return K.UNKNOWN, 0.99, "Easy Apply drop zone (resume parser): the flow uploads here itself"
        if field.tag != "input" or "c-spl-dropzone-label" in classes:
            return K.UNKNOWN, 0.99, "a drop zone's label text, not an upload"
        if "avatar" in hooks or "file-upload-input" in classes:
            return K.UNKNOWN, 0.99, "profile photo upload"
        if "resume-upload" in hooks or "resume-upload-container" in hooks:
            return K.RESUME, 0.98, "SmartRecruiters resume drop zone"
        return None
    if "c-spl-dropdown-search__input" in classes:
        return K.UNKNOWN, 0.99, "search box of a dropdown's option list"
    if any(_ENTRY_HOOK.match(h) for h in hooks) or _ENTRY_ID.match(field.id or ""):
        return K.UNKNOWN, 0.9, "experience/education entry: the flow fills it from the profile"
    if "spl-phone-field" in tags:
        if field.type == "listbox":
            return K.ADDRESS_COUNTRY, 0.95, "phone field's country-code picker"
        if field.type == "tel" or field.tag == "input":
            return K.PHONE, 0.97, "SmartRecruiters phone field"
    for ident in (field.id or "", *_host_ids(field)):
        if ident in _IDS:
            key, conf = _IDS[ident]
            return key, conf, f"SmartRecruiters id={ident}"
    for hook in hooks:
        if hook in _HOOKS:
            key, conf = _HOOKS[hook]
            return key, conf, f"SmartRecruiters data-test={hook}"
    if "location-autocomplete" in hooks or "personal-info-location" in hooks:
        return K.ADDRESS_CITY, 0.9, "SmartRecruiters city autocomplete"
    if field.type == "checkbox" and ("consent-box" in hooks or field.id == "noPolicy"):
        if field.required:
            return K.CONSENT, 0.95, "required privacy acknowledgement"
        return K.UNKNOWN, 0.97, "optional consent: left to the person"
    if any(_QUESTION_HOOK.match(h) for h in hooks):
        return K.QUESTION, FALLBACK_QUESTION, "SmartRecruiters screening question"
    return None


def sr_frames(snapshot: FormSnapshot, detection: Detection | None) -> set[str]:
    """Frame paths whose document is a SmartRecruiters page ("" for the top document)."""
    frames = {f.path for f in snapshot.frames if is_sr_host(host_of(f.url))}
    if is_sr_host(host_of(snapshot.url)) or (detection is not None and detection.ats == ATS and not frames):
        frames.add("")
    return frames


def in_frames(field: Field, frames: set[str]) -> bool:
    return field.frame in frames or any(field.frame.startswith(p + ".") for p in frames if p)


def map_smartrecruiters(snapshot: FormSnapshot, detection: Detection | None) -> list[FieldMapping]:
    """Mappings for the fields of the page's SmartRecruiters form."""
    frames = sr_frames(snapshot, detection)
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

"""Fields that look like the applicant's but belong to someone or something else.

A person has one name, one address and one phone number, so a form asks for each once.
When "City", "Phone" or "First name" come back further down the page they are the city of
a past employer, the phone of a reference, the name of an emergency contact, or the contact
box of the site's "Have a question?" form: typing the applicant's details there is wrong.
Likewise a second "Start date" or "Salary" after the applicant's availability and
expectation belongs to a past job.

Evidence, per field, in document order:

* its section heading names another party or the past (employment history, references,
  emergency contact, education, military service) in any language the mapper knows;
* it repeats, word for word, the label of an earlier field with the same key (in the same
  frame; a hidden twin of a visible field, as responsive layouts render, does not count);
* for a bare start date or salary ("Salary", "Start Date") on a page that asks for a work
  history (company or title rows): the key was already asked earlier on the page.

Such fields become ``question`` (left to saved answers or the person, never the profile's
value). A field whose label asks to confirm or repeat ("Confirm e-mail") or to sign is the
applicant's, however often it appears.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from jobpilot.models.snapshot import Field
from jobpilot.vocabulary import FieldKey as K

from jobpilot_ats_generic import signals as S

CONTACT_KEYS = frozenset(
    {
        K.FIRST_NAME, K.LAST_NAME, K.MIDDLE_NAME, K.FULL_NAME, K.PREFERRED_NAME, K.EMAIL,
        K.PHONE, K.ADDRESS_STREET, K.ADDRESS_CITY, K.ADDRESS_REGION, K.ADDRESS_POSTAL_CODE,
        K.LOCATION,
    }
)
"""A person's contact data: anybody's on a form (a reference's, an employer's)."""

ONCE_KEYS = frozenset({K.START_DATE, K.SALARY_EXPECTATION})
"""Asked once about the applicant's next job; a second one is about a past job."""

HISTORY_KEYS = frozenset({K.CURRENT_COMPANY, K.CURRENT_TITLE})
"""A company or a job title asked in rows (one per past job) is work history, every row
of it, the first included: which row is the current job is the person's call."""
"""Asked once about the applicant's next job; a second one is about a past job."""

OTHER_PARTY_SECTION = re.compile(
    r"\b(work|employment|employer|job|professional|career|previous|prior|past|former) (history|"
    r"experience|record|employment|employers?|positions?|jobs?)\b|\bemployer \d\b"
    r"|^(professional |personal |character )?references?\b|\bemergency contacts?\b|^emergency\b"
    r"|\bnext of kin\b|^education\b|\beducation(al)? (history|background|details|information|record)\b"
    r"|^(schools?|academic|military)\b|\bmilitary (service|history|record)\b|^supervisors?\b"
    r"|^relatives?\b|\bberufserfahrung\b|\bberuflicher werdegang\b|^ausbildung\b|^referenzen\b"
    r"|^notfall\w*\b|\bexperiences? professionnelles?\b|^parcours\b|^formation\b|\bcontact d urgence\b"
    r"|\bexperiencia (laboral|profesional)\b|^formacion\b|^referencias\b|\bcontacto de emergencia\b"
    r"|\bwerkervaring\b|^opleiding\b|^referenties\b|\bnoodcontact\b"
    r"|\bexperiencia profissional\b|^formacao\b|\besperienz[ae] (lavorativ[ae]|professional[ie])\b"
    r"|^formazione\b|^referenze\b"
)
"""Section headings of blocks about other parties or the past (normalised text)."""

APPLICANT_ONLY = re.compile(
    r"\btype (your )?(full )?(legal )?name\b"
    r"|\b(confirm|confirmation|repeat|re ?enter|retype|verify|again|signature|sign(ed)?|"
    r"bestatig\w*|wiederhol\w*|confirmer|confirmez|confirmar|repetir|bevestig\w*|conferma\w*)\b"
)
"""Labels that ask for the applicant's own value a second time on purpose."""


_OWN_WISH = re.compile(
    r"\b(expect\w*|desired|target\w*|wish\w*|wunsch\w*|vorstellung\w*|souhait\w*|pretension\w*"
    r"|notice|available|availability|earliest|could you|can you|verfugbar\w*|disponib\w*)\b"
)
"""Words that make a start date or salary the applicant's own wish, however often asked."""


def _bare(label: str) -> bool:
    """A short label without a word of wish: "Salary", "Start Date", "Starting Salary"."""
    return S.word_count(label) <= 3 and not _OWN_WISH.search(label)


@dataclass(frozen=True)
class Seen:
    label: str
    frame: str
    visible: bool


def section_names_another_party(field: Field) -> str | None:
    section = S.normalise(field.section)
    if section and OTHER_PARTY_SECTION.search(section):
        return f"in the section '{(field.section or '')[:40]}'"
    return None


def someone_elses(fields: Sequence[Field], keys: dict[str, K]) -> dict[str, str]:
    """Refs (of ``fields``, in document order) whose key is the applicant's by its wording
    but someone else's (or a past job's) by its place on the page, with the reason."""
    seen: dict[K, list[Seen]] = {}
    out: dict[str, str] = {}
    rows: dict[tuple[K, str, str], list[str]] = {}
    for f in fields:
        key = keys.get(f.ref)
        if key in HISTORY_KEYS:
            rows.setdefault((key, S.normalise(f.label), f.frame), []).append(f.ref)
            if section_names_another_party(f):
                out[f.ref] = f"work history: {section_names_another_party(f)}"
    history = False
    for (_key, label, _frame), refs in rows.items():
        if len(refs) > 1 and label:
            history = True
            for ref in refs:
                out.setdefault(ref, f"work history: '{label[:30]}' asked once per past job")
    for f in fields:
        key = keys.get(f.ref)
        if key is None or (key not in CONTACT_KEYS and key not in ONCE_KEYS):
            continue
        label = S.normalise(f.label)
        earlier = seen.setdefault(key, [])
        if APPLICANT_ONLY.search(label):
            earlier.append(Seen(label, f.frame, f.visible))
            continue
        why = section_names_another_party(f)
        if why is None:
            shown_before = [e for e in earlier if e.frame == f.frame and (e.visible or not f.visible)]
            if key in ONCE_KEYS and shown_before and _bare(label) and history:
                why = f"{key.value} was asked earlier on the page"
            elif label and any(e.label == label for e in shown_before):
                why = f"repeats '{(f.label or '')[:30]}' asked earlier on the page"
        if why is not None:
            out[f.ref] = why
        else:
            earlier.append(Seen(label, f.frame, f.visible))
    return out

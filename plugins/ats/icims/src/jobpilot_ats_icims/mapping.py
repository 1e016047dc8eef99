"""iCIMS markup -> vocabulary.

The candidate profile names its standard fields (``PersonProfileFields.FirstName``), the login
step its e-mail box (``css_loginName``) and privacy acceptance (``accept_gdpr``), so those map
by table with high confidence. The customer's own questions (``rcf<number>``) carry no meaning
in their names: the generic mapper reads their labels. The job-search box on portal pages is
never part of an application (``unknown``, so nothing is typed into it). Entries of the Work
Experience and Education sections map for what they are; the flow fills them itself, entry by
entry, from ``profile.work`` and ``profile.education``.
"""

from __future__ import annotations

from jobpilot.models.mapping import FieldMapping
from jobpilot.models.snapshot import Field, FormSnapshot
from jobpilot.vocabulary import FieldKey as K

from jobpilot_ats_icims import markup

PROFILE: dict[str, tuple[K, float, str]] = {
    "firstname": (K.FIRST_NAME, 0.97, "first name"),
    "legalfirstname": (K.FIRST_NAME, 0.97, "legal first name"),
    "middlename": (K.MIDDLE_NAME, 0.95, "middle name"),
    "lastname": (K.LAST_NAME, 0.97, "last name"),
    "legallastname": (K.LAST_NAME, 0.97, "legal last name"),
    "preferredname": (K.PREFERRED_NAME, 0.93, "preferred name"),
    "nickname": (K.PREFERRED_NAME, 0.9, "preferred name"),
    "email": (K.EMAIL, 0.97, "e-mail"),
    "phonenumber": (K.PHONE, 0.95, "phone"),
    "phone": (K.PHONE, 0.95, "phone"),
    "homephone": (K.PHONE, 0.9, "home phone"),
    "cellphone": (K.PHONE, 0.93, "mobile phone"),
    "mobilephone": (K.PHONE, 0.93, "mobile phone"),
    "phonetype": (K.QUESTION, 0.85, "phone type: answered from saved answers"),
    "addressstreet1": (K.ADDRESS_STREET, 0.95, "street address"),
    "addressstreet2": (K.ADDRESS_STREET, 0.9, "second address line: the profile's second line or nothing"),
    "addresscity": (K.ADDRESS_CITY, 0.95, "city"),
    "addressstate": (K.ADDRESS_REGION, 0.93, "state / province"),
    "addresszip": (K.ADDRESS_POSTAL_CODE, 0.95, "zip / postal code"),
    "addresscountry": (K.ADDRESS_COUNTRY, 0.95, "country"),
    "addresscounty": (K.QUESTION, 0.8, "county"),
    "resume": (K.RESUME, 0.95, "resume upload"),
    "coverletter": (K.COVER_LETTER, 0.93, "cover letter"),
    "password": (K.UNKNOWN, 0.99, "account password: the flow types it from the credential store"),
    "passwordconfirm": (K.UNKNOWN, 0.99, "account password: the flow types it from the credential store"),
    "confirmpassword": (K.UNKNOWN, 0.99, "account password: the flow types it from the credential store"),
    "login": (K.UNKNOWN, 0.95, "account login name: the flow uses the e-mail"),
}
"""``PersonProfileFields.<Field>`` (lower-cased) -> key, confidence, why."""

EEO_WORDS: tuple[tuple[str, K], ...] = (
    ("hispanic", K.EEO_HISPANIC_LATINO),
    ("latino", K.EEO_HISPANIC_LATINO),
    ("gender", K.EEO_GENDER),
    ("race", K.EEO_RACE),
    ("ethnicity", K.EEO_RACE),
    ("veteran", K.EEO_VETERAN_STATUS),
    ("disabilit", K.EEO_DISABILITY_STATUS),
)
"""Person-profile EEO fields (``EEOGender``, ``EEO_Race`` ...) by the word in their name."""

WORK_PARTS = {"employer": "company", "company": "company", "jobtitle": "title", "title": "title"}
EDUCATION_KEYS = {
    "school": K.EDUCATION_SCHOOL,
    "degree": K.EDUCATION_DEGREE,
    "major": K.EDUCATION_DISCIPLINE,
    "fieldofstudy": K.EDUCATION_DISCIPLINE,
    "graduationyear": K.EDUCATION_GRADUATION_YEAR,
}


def _row_mapping(field: Field) -> FieldMapping | None:
    pos = markup.row_of(field)
    if pos is None:
        return None
    where = f"{'Work Experience' if pos.section == 'work' else 'Education'} {pos.index + 1}"
    part = pos.part.lower()
    if pos.section == "work":
        kind = WORK_PARTS.get(part)
        if pos.index == 0 and kind == "title":
            return FieldMapping(
                ref=field.ref, key=K.CURRENT_TITLE, confidence=0.9, reason=f"{where} job title"
            )
        if pos.index == 0 and kind == "company":
            return FieldMapping(
                ref=field.ref, key=K.CURRENT_COMPANY, confidence=0.9, reason=f"{where} employer"
            )
        # A past job's title or dates are not the applicant's current ones: never generic keys.
        return FieldMapping(
            ref=field.ref,
            key=K.QUESTION,
            confidence=0.97,
            reason=f"{where} {pos.part}: filled by the iCIMS flow",
        )
    key = EDUCATION_KEYS.get(part)
    if pos.index == 0 and key is not None:
        return FieldMapping(ref=field.ref, key=key, confidence=0.9, reason=f"{where} {pos.part}")
    return FieldMapping(
        ref=field.ref, key=K.QUESTION, confidence=0.97, reason=f"{where} {pos.part}: filled by the iCIMS flow"
    )


def map_field(field: Field) -> FieldMapping | None:
    """One control's mapping from iCIMS's markup, or None (no opinion: labels decide)."""
    row = _row_mapping(field)
    if row is not None:
        return row
    name = markup.base_name(field)
    if name == markup.LOGIN_EMAIL:
        return FieldMapping(
            ref=field.ref, key=K.EMAIL, confidence=0.97, reason="icims css_loginName: login e-mail"
        )
    if name == markup.LOGIN_PASSWORD or (field.type == "password" and field.visible):
        return FieldMapping(
            ref=field.ref, key=K.UNKNOWN, confidence=0.99, reason="icims account password: typed by the flow"
        )
    if name == "accept_gdpr":
        return FieldMapping(
            ref=field.ref, key=K.CONSENT, confidence=0.95, reason="icims accept_gdpr: the privacy notice"
        )
    if markup.is_search(field):
        return FieldMapping(
            ref=field.ref, key=K.UNKNOWN, confidence=0.99, reason="icims job search box: not the application"
        )
    profile = markup.profile_field(field)
    if not profile:
        return None
    low = profile.lower().replace("_", "")
    rule = PROFILE.get(low)
    if rule is not None:
        key, conf, why = rule
        return FieldMapping(
            ref=field.ref, key=key, confidence=conf, reason=f"icims PersonProfileFields.{profile}: {why}"
        )
    if low.startswith("eeo") or "selfid" in low:
        for word, key in EEO_WORDS:
            if word in low:
                return FieldMapping(
                    ref=field.ref,
                    key=key,
                    confidence=0.93,
                    reason=f"icims PersonProfileFields.{profile}: EEO",
                )
    return None


def map_snapshot(snapshot: FormSnapshot) -> list[FieldMapping]:
    return [m for f in snapshot.fields if (m := map_field(f)) is not None]

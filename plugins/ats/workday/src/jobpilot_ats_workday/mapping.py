"""Workday markup -> vocabulary.

Workday names its controls itself (``data-automation-id``, ``formField-<name>`` wrappers,
semantic ids on newer tenants), so the mapping is a table lookup with high confidence. What
the table does not name (the tenant's own Application Questions) is left to the generic
mapper, which reads labels. Rows of the repeating Work Experience / Education sections
are mapped for what they are, but the flow fills them itself, row by row, from
``profile.work`` and ``profile.education`` (the vocabulary has no "second job").
"""

from __future__ import annotations

from dataclasses import dataclass

from jobpilot.models.mapping import FieldMapping
from jobpilot.models.snapshot import Field, FormSnapshot
from jobpilot.vocabulary import FieldKey as K

from jobpilot_ats_workday import markup


@dataclass(frozen=True)
class Rule:
    key: K
    confidence: float
    why: str = ""


def _rules(keys: str, rule: Rule) -> dict[str, Rule]:
    return {k.lower(): rule for k in keys.split()}


TABLE: dict[str, Rule] = {
    # Create Account / Sign In
    **_rules("email", Rule(K.EMAIL, 0.97, "account / contact e-mail")),
    **_rules(
        "password verifyPassword currentPassword",
        Rule(K.UNKNOWN, 0.99, "account password: the flow types it from the credential store"),
    ),
    **_rules("createAccountCheckbox", Rule(K.CONSENT, 0.95, "agreement to create the candidate account")),
    **_rules("beecatcher", Rule(K.UNKNOWN, 0.99, "honeypot")),
    # My Information
    **_rules("legalNameSection_firstName firstName", Rule(K.FIRST_NAME, 0.97)),
    **_rules("legalNameSection_lastName lastName", Rule(K.LAST_NAME, 0.97)),
    **_rules("legalNameSection_middleName middleName", Rule(K.MIDDLE_NAME, 0.95)),
    **_rules(
        "legalNameSection_title legalNameSection_suffix legalNameSection_social",
        Rule(K.QUESTION, 0.85, "name title or suffix"),
    ),
    **_rules("preferredNameCheckbox preferredCheck", Rule(K.UNKNOWN, 0.9, "optional preferred-name switch")),
    **_rules("preferredNameSection_firstName name--preferredName--firstName", Rule(K.PREFERRED_NAME, 0.93)),
    **_rules("preferredNameSection_lastName name--preferredName--lastName", Rule(K.LAST_NAME, 0.9)),
    **_rules(
        "name--legalName--title name--legalName--suffix", Rule(K.QUESTION, 0.85, "name title or suffix")
    ),
    **_rules("addressSection_addressLine1 addressLine1", Rule(K.ADDRESS_STREET, 0.95)),
    **_rules(
        "addressSection_addressLine2 addressLine2",
        Rule(K.UNKNOWN, 0.9, "second address line: the profile has one street line"),
    ),
    **_rules("addressSection_city city", Rule(K.ADDRESS_CITY, 0.95)),
    **_rules("addressSection_countryRegion countryRegion", Rule(K.ADDRESS_REGION, 0.93)),
    **_rules("addressSection_postalCode postalCode", Rule(K.ADDRESS_POSTAL_CODE, 0.95)),
    **_rules("addressSection_regionSubdivision1 regionSubdivision1", Rule(K.QUESTION, 0.8, "county")),
    **_rules("countryDropdown country", Rule(K.ADDRESS_COUNTRY, 0.95)),
    **_rules(
        "phone-device-type phoneType phoneDeviceType",
        Rule(K.QUESTION, 0.9, "phone device type: answered from saved answers"),
    ),
    **_rules("country-phone-code countryPhoneCode", Rule(K.ADDRESS_COUNTRY, 0.9, "phone country code")),
    **_rules("phone-number phoneNumber", Rule(K.PHONE, 0.96)),
    **_rules("phone-extension extension", Rule(K.UNKNOWN, 0.9, "phone extension")),
    **_rules("sourcePrompt source sourceDropdown", Rule(K.REFERRAL_SOURCE, 0.95)),
    **_rules(
        "previousWorker candidateIsPreviousWorker",
        Rule(K.QUESTION, 0.9, "worked for this employer before"),
    ),
    # My Experience
    **_rules("file-upload-input-ref", Rule(K.RESUME, 0.95, "resume upload")),
    **_rules("linkedinQuestion linkedIn", Rule(K.LINKS_LINKEDIN, 0.95)),
    # Voluntary Disclosures
    **_rules("gender genderDropdown", Rule(K.EEO_GENDER, 0.95)),
    **_rules("ethnicityDropdown ethnicity ethnicityMulti", Rule(K.EEO_RACE, 0.95)),
    **_rules("hispanicOrLatino", Rule(K.EEO_HISPANIC_LATINO, 0.95)),
    **_rules("veteranStatus veteranStatusDropdown", Rule(K.EEO_VETERAN_STATUS, 0.95)),
    **_rules("disabilityStatus", Rule(K.EEO_DISABILITY_STATUS, 0.95)),
    **_rules(
        "agreementCheckbox acceptTermsAndAgreements termsAndConditions",
        Rule(K.CONSENT, 0.93, "terms and conditions of the application"),
    ),
    # Self Identify (form CC-305)
    **_rules("employeeId", Rule(K.UNKNOWN, 0.9, "employee id: not asked of outside applicants")),
}

WORK_PARTS: dict[str, str] = {
    "jobtitle": "title",
    "company": "company",
    "companyname": "company",
    "location": "location",
    "currentlyworkhere": "current",
    "description": "description",
    "roledescription": "description",
    "startdate": "start",
    "enddate": "end",
}
EDUCATION_PARTS: dict[str, str] = {
    "school": "school",
    "schoolname": "school",
    "degree": "degree",
    "fieldofstudy": "discipline",
    "gradeaverage": "gpa",
    "gpa": "gpa",
    "firstyearattended": "start",
    "lastyearattended": "end",
}


def date_part(field: Field) -> str | None:
    """``month``/``day``/``year`` for the pieces of Workday's split date input."""
    for n in markup.names(field):
        low = n.lower()
        for part in ("month", "day", "year"):
            if f"datesection{part}" in low:
                return part
    return None


def row_part(field: Field) -> str | None:
    """What a field is inside its Work Experience / Education row (``title``, ``start``...)."""
    pos = markup.row_of(field)
    if pos is None:
        return None
    parts = WORK_PARTS if pos.section == "work" else EDUCATION_PARTS
    candidates = []
    sid = markup.semantic_id(field)
    if "--" in sid:
        candidates.append(sid.split("--", 1)[1].split("-dateSection")[0])
    candidates += [markup.automation_id(field), markup.form_field(field)]
    for c in candidates:
        part = parts.get(c.lower())
        if part:
            return part
    return None


def _row_mapping(field: Field) -> tuple[K, float, str] | None:
    pos = markup.row_of(field)
    part = row_part(field)
    if pos is None or part is None:
        return None
    where = f"{'Work Experience' if pos.section == 'work' else 'Education'} {pos.index}"
    if pos.section == "work":
        if pos.index == 1 and part == "title":
            return K.CURRENT_TITLE, 0.9, f"{where} (most recent job) title"
        if pos.index == 1 and part == "company":
            return K.CURRENT_COMPANY, 0.9, f"{where} (most recent job) company"
        # A past job's title or location is not the applicant's: never the generic keys.
        return K.QUESTION, 0.97, f"{where} {part}: filled by the Workday flow from profile.work"
    key = {
        "school": K.EDUCATION_SCHOOL,
        "degree": K.EDUCATION_DEGREE,
        "discipline": K.EDUCATION_DISCIPLINE,
        "end": K.EDUCATION_GRADUATION_YEAR,
    }.get(part, K.QUESTION)
    return key, 0.9, f"{where} {part}"


def is_self_identify(field: Field) -> bool:
    where = " ".join([*markup.ancestor_ids(field), field.id or "", field.section or ""]).lower()
    return "selfidentif" in where or "disabilit" in where


def map_field(field: Field) -> FieldMapping | None:
    """One field's mapping from Workday's markup, or None (no opinion)."""
    row = _row_mapping(field)
    if row is not None:
        key, conf, why = row
        return FieldMapping(ref=field.ref, key=key, confidence=conf, reason=why)
    names = markup.names(field)
    if date_part(field) is not None and is_self_identify(field):
        return FieldMapping(
            ref=field.ref,
            key=K.QUESTION,
            confidence=0.85,
            reason="signature date of the self-identification form",
        )
    if markup.automation_id(field) == "language" and is_self_identify(field):
        return FieldMapping(
            ref=field.ref, key=K.UNKNOWN, confidence=0.9, reason="the language the form is shown in"
        )
    is_name = markup.automation_id(field) == "name" or markup.semantic_id(field).endswith("--name")
    if is_name and is_self_identify(field):
        return FieldMapping(ref=field.ref, key=K.FULL_NAME, confidence=0.9, reason="CC-305 signature name")
    for n in names:
        rule = TABLE.get(n.lower())
        if rule is not None:
            why = rule.why or rule.key.value
            return FieldMapping(
                ref=field.ref, key=rule.key, confidence=rule.confidence, reason=f"workday {n}: {why}"
            )
    return None


def map_snapshot(snapshot: FormSnapshot) -> list[FieldMapping]:
    return [m for f in snapshot.fields if (m := map_field(f)) is not None]

"""The canonical field vocabulary: every accuracy figure is measured in this label space.

The names are a published contract (DESIGN.md section 2); never rename one, only add.
"""

from __future__ import annotations

from enum import StrEnum


class FieldKey(StrEnum):
    FIRST_NAME = "first_name"
    LAST_NAME = "last_name"
    MIDDLE_NAME = "middle_name"
    FULL_NAME = "full_name"
    PREFERRED_NAME = "preferred_name"
    PRONOUNS = "pronouns"
    EMAIL = "email"
    PHONE = "phone"
    ADDRESS_STREET = "address.street"
    ADDRESS_CITY = "address.city"
    ADDRESS_REGION = "address.region"
    ADDRESS_POSTAL_CODE = "address.postal_code"
    ADDRESS_COUNTRY = "address.country"
    LOCATION = "location"
    LINKS_LINKEDIN = "links.linkedin"
    LINKS_GITHUB = "links.github"
    LINKS_PORTFOLIO = "links.portfolio"
    LINKS_TWITTER = "links.twitter"
    LINKS_OTHER = "links.other"
    RESUME = "resume"
    COVER_LETTER = "cover_letter"
    CURRENT_COMPANY = "current_company"
    CURRENT_TITLE = "current_title"
    YEARS_EXPERIENCE = "years_experience"
    EDUCATION_SCHOOL = "education.school"
    EDUCATION_DEGREE = "education.degree"
    EDUCATION_DISCIPLINE = "education.discipline"
    EDUCATION_GRADUATION_YEAR = "education.graduation_year"
    WORK_AUTHORIZED = "work_authorized"
    REQUIRES_SPONSORSHIP = "requires_sponsorship"
    SALARY_EXPECTATION = "salary_expectation"
    START_DATE = "start_date"
    WILLING_TO_RELOCATE = "willing_to_relocate"
    REFERRAL_SOURCE = "referral_source"
    EEO_GENDER = "eeo.gender"
    EEO_RACE = "eeo.race"
    EEO_HISPANIC_LATINO = "eeo.hispanic_latino"
    EEO_VETERAN_STATUS = "eeo.veteran_status"
    EEO_DISABILITY_STATUS = "eeo.disability_status"
    CONSENT = "consent"
    QUESTION = "question"
    UNKNOWN = "unknown"


SENSITIVE_KEYS: frozenset[FieldKey] = frozenset(
    {
        FieldKey.WORK_AUTHORIZED,
        FieldKey.REQUIRES_SPONSORSHIP,
        FieldKey.SALARY_EXPECTATION,
        FieldKey.EEO_GENDER,
        FieldKey.EEO_RACE,
        FieldKey.EEO_HISPANIC_LATINO,
        FieldKey.EEO_VETERAN_STATUS,
        FieldKey.EEO_DISABILITY_STATUS,
    }
)
"""Answers that come only from the profile and never reach an AI model."""

ALL_KEYS: tuple[str, ...] = tuple(k.value for k in FieldKey)

"""What the profile says for each vocabulary key.

One function per concern: ``resolve`` turns a key into a profile value and names where it
came from (the plan shows it; the disclosure log uses it). Keys the profile has no answer
for resolve to None and the field is left for the person.
"""

from __future__ import annotations

from dataclasses import dataclass

from jobpilot.engine import countries
from jobpilot.models.profile import Education, Profile, Work
from jobpilot.vocabulary import SENSITIVE_KEYS, FieldKey


@dataclass(frozen=True)
class Resolved:
    value: str | bool | None
    source: str
    sensitive: bool = False
    review: bool = False
    """Filled but flagged for the person to check whatever the mapping's confidence (text a
    content provider wrote)."""

    @property
    def missing(self) -> bool:
        return self.value is None or self.value == ""


def current_job(profile: Profile) -> Work | None:
    for w in profile.work:
        if not w.endDate:
            return w
    return None


def latest_education(profile: Profile) -> Education | None:
    if not profile.education:
        return None
    return max(profile.education, key=lambda e: e.endDate or "9999")


def _links(profile: Profile, key: FieldKey) -> Resolved:
    network = {
        FieldKey.LINKS_LINKEDIN: "linkedin",
        FieldKey.LINKS_GITHUB: "github",
        FieldKey.LINKS_TWITTER: "twitter",
    }.get(key)
    if network:
        url = profile.profile_url(network)
        if url is None and network == "twitter":
            url = profile.profile_url("x.com")
        return Resolved(url, f"basics.profiles[{network}]")
    if key is FieldKey.LINKS_PORTFOLIO:
        return Resolved(profile.basics.url, "basics.url")
    return Resolved(None, "")


def resolve(profile: Profile, key: FieldKey) -> Resolved:
    """The profile's value for a key (None when the profile has no answer)."""
    app = profile.application
    b = profile.basics
    loc = b.location
    sensitive = key in SENSITIVE_KEYS
    first, last = profile.split_name()
    match key:
        case FieldKey.FIRST_NAME:
            return Resolved(first, "basics.name (first)")
        case FieldKey.LAST_NAME:
            return Resolved(last, "basics.name (last)")
        case FieldKey.MIDDLE_NAME:
            return Resolved(app.middle_name, "application.middle_name")
        case FieldKey.FULL_NAME:
            return Resolved(b.name, "basics.name")
        case FieldKey.PREFERRED_NAME:
            return Resolved(app.preferred_name or first, "application.preferred_name")
        case FieldKey.PRONOUNS:
            return Resolved(app.pronouns, "application.pronouns")
        case FieldKey.EMAIL:
            return Resolved(str(b.email), "basics.email")
        case FieldKey.PHONE:
            return Resolved(b.phone, "basics.phone")
        case FieldKey.ADDRESS_STREET:
            return Resolved(loc.address, "basics.location.address")
        case FieldKey.ADDRESS_CITY:
            return Resolved(loc.city, "basics.location.city")
        case FieldKey.ADDRESS_REGION:
            return Resolved(loc.region, "basics.location.region")
        case FieldKey.ADDRESS_POSTAL_CODE:
            return Resolved(loc.postalCode, "basics.location.postalCode")
        case FieldKey.ADDRESS_COUNTRY:
            return Resolved(loc.countryCode, "basics.location.countryCode")
        case FieldKey.LOCATION:
            country = countries.display_name(loc.countryCode) if loc.countryCode else None
            parts = [p for p in (loc.city, loc.region, country) if p]
            return Resolved(", ".join(parts) or None, "basics.location")
        case (
            FieldKey.LINKS_LINKEDIN
            | FieldKey.LINKS_GITHUB
            | FieldKey.LINKS_TWITTER
            | (FieldKey.LINKS_PORTFOLIO)
            | FieldKey.LINKS_OTHER
        ):
            return _links(profile, key)
        case FieldKey.RESUME:
            return Resolved(profile.resume_path(), "application.resumes")
        case FieldKey.COVER_LETTER:
            return Resolved(app.cover_letter, "application.cover_letter")
        case FieldKey.CURRENT_COMPANY:
            job = current_job(profile)
            return Resolved(job.name if job else None, "work[current].name")
        case FieldKey.CURRENT_TITLE:
            job = current_job(profile)
            return Resolved(job.position if job else b.label, "work[current].position")
        case FieldKey.YEARS_EXPERIENCE:
            years = app.years_experience
            return Resolved(str(years) if years is not None else None, "application.years_experience")
        case FieldKey.EDUCATION_SCHOOL:
            edu = latest_education(profile)
            return Resolved(edu.institution if edu else None, "education[latest].institution")
        case FieldKey.EDUCATION_DEGREE:
            edu = latest_education(profile)
            return Resolved(edu.studyType if edu else None, "education[latest].studyType")
        case FieldKey.EDUCATION_DISCIPLINE:
            edu = latest_education(profile)
            return Resolved(edu.area if edu else None, "education[latest].area")
        case FieldKey.EDUCATION_GRADUATION_YEAR:
            edu = latest_education(profile)
            year = (edu.endDate or "")[:4] if edu else ""
            return Resolved(year or None, "education[latest].endDate")
        case FieldKey.WORK_AUTHORIZED:
            return Resolved(app.work_authorized, "application.work_authorized", sensitive)
        case FieldKey.REQUIRES_SPONSORSHIP:
            return Resolved(app.requires_sponsorship, "application.requires_sponsorship", sensitive)
        case FieldKey.SALARY_EXPECTATION:
            return Resolved(app.salary_expectation, "application.salary_expectation", sensitive)
        case FieldKey.START_DATE:
            return Resolved(app.start_date, "application.start_date")
        case FieldKey.WILLING_TO_RELOCATE:
            return Resolved(app.willing_to_relocate, "application.willing_to_relocate")
        case FieldKey.REFERRAL_SOURCE:
            return Resolved(app.referral_source, "application.referral_source")
        case FieldKey.EEO_GENDER:
            return Resolved(app.eeo.gender, "application.eeo.gender", sensitive)
        case FieldKey.EEO_RACE:
            return Resolved(app.eeo.race, "application.eeo.race", sensitive)
        case FieldKey.EEO_HISPANIC_LATINO:
            return Resolved(app.eeo.hispanic_latino, "application.eeo.hispanic_latino", sensitive)
        case FieldKey.EEO_VETERAN_STATUS:
            return Resolved(app.eeo.veteran_status, "application.eeo.veteran_status", sensitive)
        case FieldKey.EEO_DISABILITY_STATUS:
            return Resolved(app.eeo.disability_status, "application.eeo.disability_status", sensitive)
        case FieldKey.CONSENT:
            return Resolved(app.consent, "application.consent")
    return Resolved(None, "")

"""The applicant: a JSON Resume document plus what application forms ask that it lacks.

JSON Resume (jsonresume.org, schema v1.0.0) is the import format: ``basics``, ``work``,
``education``, ``skills`` ... are read as published. ``application`` holds the answers JSON
Resume has no place for (work authorisation, sponsorship, EEO, salary, start date, saved
answers). Unknown keys in JSON Resume sections are kept (``extra="allow"``) so an import
never silently drops data; unknown keys in ``application`` are rejected so typos surface.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, EmailStr, field_validator
from pydantic import Field as PydField


class _Resume(BaseModel):
    model_config = ConfigDict(extra="allow", populate_by_name=True)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Location(_Resume):
    address: str | None = None
    postalCode: str | None = None
    city: str | None = None
    countryCode: str | None = PydField(default=None, min_length=2, max_length=2)
    region: str | None = None


class SocialProfile(_Resume):
    network: str | None = None
    username: str | None = None
    url: str | None = None


class Basics(_Resume):
    name: str = PydField(min_length=1)
    label: str | None = None
    image: str | None = None
    email: EmailStr
    phone: str | None = None
    url: str | None = None
    summary: str | None = None
    location: Location = PydField(default_factory=Location)
    profiles: list[SocialProfile] = PydField(default_factory=list)


class Work(_Resume):
    name: str | None = None
    position: str | None = None
    url: str | None = None
    startDate: str | None = None
    endDate: str | None = None
    summary: str | None = None
    highlights: list[str] = PydField(default_factory=list)


class Education(_Resume):
    institution: str | None = None
    url: str | None = None
    area: str | None = None
    studyType: str | None = None
    startDate: str | None = None
    endDate: str | None = None
    score: str | None = None


class Skill(_Resume):
    name: str | None = None
    level: str | None = None
    keywords: list[str] = PydField(default_factory=list)


class Eeo(_Strict):
    """Voluntary self-identification. ``None`` means "decline to answer" is chosen when the
    form offers it, and the field is left for the person otherwise."""

    gender: str | None = None
    race: str | None = None
    hispanic_latino: bool | None = None
    veteran_status: str | None = None
    disability_status: str | None = None


class OptIns(_Strict):
    """Opt-ins that are no part of an application: each kind is ticked only when the profile
    says ``true`` for it, unticked when it says ``false`` and left for the person otherwise.
    ``consent`` never covers them."""

    marketing: bool | None = None
    """Marketing e-mails, offers, promotions, third-party offers."""
    sms: bool | None = None
    """Text messages (SMS, WhatsApp) from the employer or its recruiting system."""
    newsletter: bool | None = None
    """Newsletters, job alerts, mailing lists."""
    talent_pool: bool | None = None
    """Keeping the applicant's data for other or future positions (talent pool/community)."""


class SavedAnswer(_Strict):
    question: str = PydField(min_length=1)
    answer: str


class ResumeFile(_Strict):
    name: str = PydField(min_length=1)
    path: str = PydField(min_length=1)
    default: bool = False


class ApplicationAnswers(_Strict):
    """What ATS forms ask that JSON Resume has no place for."""

    first_name: str | None = None
    last_name: str | None = None
    middle_name: str | None = None
    preferred_name: str | None = None
    pronouns: str | None = None
    work_authorized: bool | None = None
    requires_sponsorship: bool | None = None
    salary_expectation: str | None = None
    start_date: str | None = None
    """An ISO date or a phrase such as "2 weeks notice"."""
    willing_to_relocate: bool | None = None
    years_experience: int | None = PydField(default=None, ge=0, le=80)
    referral_source: str | None = None
    eeo: Eeo = PydField(default_factory=Eeo)
    answers: list[SavedAnswer] = PydField(default_factory=list)
    resumes: list[ResumeFile] = PydField(default_factory=list)
    cover_letter: str | None = None
    """A cover letter text (or a path to a file) used where a form asks for one."""
    consent: bool | None = None
    """True lets JobPilot tick privacy / data-processing consent boxes tied to an application
    on the applicant's behalf; otherwise they are left for the person. It never covers
    marketing, SMS, newsletter or talent-pool opt-ins: those follow ``opt_ins``."""
    opt_ins: OptIns = PydField(default_factory=OptIns)

    @field_validator("start_date")
    @classmethod
    def _start_date(cls, v: str | None) -> str | None:
        if v and v[:4].isdigit() and len(v) == 10:
            date.fromisoformat(v)  # raises a clear error on 2024-13-40
        return v


class Profile(_Resume):
    """One applicant. ``basics`` is required; everything else is optional."""

    schema_: str | None = PydField(default=None, alias="$schema")
    basics: Basics
    work: list[Work] = PydField(default_factory=list)
    education: list[Education] = PydField(default_factory=list)
    skills: list[Skill] = PydField(default_factory=list)
    application: ApplicationAnswers = PydField(default_factory=ApplicationAnswers)
    kind: Literal["jobpilot.profile/1"] = "jobpilot.profile/1"

    # --- derived values the mapper's vocabulary asks for ---------------------------------
    def split_name(self) -> tuple[str, str]:
        """First and last name: explicit answers win over splitting ``basics.name``."""
        parts = self.basics.name.split()
        first = self.application.first_name or (parts[0] if parts else "")
        last = self.application.last_name or (" ".join(parts[1:]) if len(parts) > 1 else "")
        return first, last

    def profile_url(self, network: str) -> str | None:
        for p in self.basics.profiles:
            if (p.network or "").lower() == network.lower() or network.lower() in (p.url or "").lower():
                return p.url
        return None

    def resume_path(self, name: str | None = None) -> str | None:
        files = self.application.resumes
        if name:
            for r in files:
                if r.name == name or r.path == name:
                    return r.path
            return None
        for r in files:
            if r.default:
                return r.path
        return files[0].path if files else None

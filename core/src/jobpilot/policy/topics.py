"""The topics a form question can be about, and the policy each one carries.

This table is the one place the question policy lives (``docs/architecture.md`` explains
it; ``jobpilot answers check`` shows it for any question):

* ``profile``: sensitive. Answered only from the profile or by the person; the question
  text is never sent to a content provider and no profile value reaches one.
* ``facts``: a closed question about the applicant's own circumstances that a model cannot
  know. Answered from the profile, saved answers, or the person; a provider may draft a
  free-text answer only when it quotes the resume text that supports it, and such an
  answer is always flagged for review and never submitted unattended.
* ``open``: everything else (motivation, experience, "describe a project"); a provider may
  write it, flagged for review.
"""

from __future__ import annotations

from enum import StrEnum


class Policy(StrEnum):
    PROFILE = "profile"
    FACTS = "facts"
    OPEN = "open"

    @property
    def strictness(self) -> int:
        """Higher is stricter: when two signals disagree the stricter policy wins."""
        return {"open": 0, "facts": 1, "profile": 2}[self.value]


PROFILE_TOPICS: dict[str, str] = {
    "pay": "pay: current, expected or minimum salary, rate or bonus, in any currency or period",
    "work_authorization": "work authorisation, permits, visas, residence or sponsorship",
    "nationality": "nationality or citizenship",
    "export_control": "export-control status (e.g. ITAR/EAR 'U.S. person')",
    "security_clearance": "a government security clearance",
    "age": "age, date or year of birth",
    "gender": "gender, sex or gender identity",
    "sexual_orientation": "sexual orientation",
    "race_ethnicity": "race, ethnicity or origin",
    "veteran": "veteran status or military service",
    "disability": "disability or a need for accommodation",
    "health": "health, medical conditions, sick leave",
    "religion": "religion or belief",
    "family_status": "marital or family status, children, dependants",
    "pregnancy": "pregnancy or parental plans",
    "union": "trade-union membership",
    "criminal_record": "criminal record, convictions, arrests",
    "government_id": "a government identifier (social security, national ID, passport, tax number)",
    "background_check": "credit or background checks",
}
"""Sensitive topics: answered only from the profile or by the person."""

FACTS_TOPICS: dict[str, str] = {
    "licence_certification": "a licence, certification, registration or qualification the applicant holds",
    "former_employee": "whether the applicant worked for, or applied to, this employer before",
    "notice_period": "notice period, start date or availability to start",
    "relatives": "relatives or relationships at the company, conflicts of interest",
    "non_compete": "a non-compete, non-solicitation or other restrictive agreement",
    "travel": "willingness or ability to travel",
    "relocation": "relocation, commuting or where the applicant lives",
    "drug_screen": "a drug or alcohol screen",
    "tool_experience": "years of experience with a tool, language or field",
    "schedule": "working hours, shifts, weekends, part or full time",
    "education_fact": "a degree or diploma the applicant holds",
    "language_skill": "which languages the applicant speaks and how well",
    "employment_status": "current employment status or employer",
    "referral": "whether someone at the company referred the applicant",
    "attestation": "an attestation or consent the applicant must give themselves",
    "closed_question": "a yes/no question about the applicant's own circumstances",
}
"""Facts about the applicant a model cannot know."""

OPEN_TOPIC = "open"


def policy_of(topic: str) -> Policy:
    """The policy a topic carries (an unknown topic is treated as sensitive: fail closed)."""
    if topic == OPEN_TOPIC:
        return Policy.OPEN
    if topic in FACTS_TOPICS:
        return Policy.FACTS
    return Policy.PROFILE


def describe(topic: str) -> str:
    return PROFILE_TOPICS.get(topic) or FACTS_TOPICS.get(topic) or "anything else"

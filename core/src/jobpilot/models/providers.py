"""Data exchanged with provider plugins: CAPTCHA solvers, content generators, matchers."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel
from pydantic import Field as PydField


class CaptchaChallenge(BaseModel):
    """A CAPTCHA on the page, as judged by a ``detect_captcha`` implementation."""

    kind: Literal["recaptcha_v2", "recaptcha_v3", "hcaptcha", "turnstile", "image", "unknown"]
    blocking: bool
    """True when submission cannot succeed until someone solves it; an invisible or score-based
    widget (most Greenhouse pages carry one) is not blocking."""
    sitekey: str | None = None
    action: str | None = None
    """The widget's ``data-action`` (Turnstile, reCAPTCHA); a solver passes it on."""
    cdata: str | None = None
    """Turnstile's ``data-cdata``; a solver passes it on."""
    ref: str | None = None
    frame: str = ""
    page_url: str = ""
    invisible: bool = False
    """The widget runs without a checkbox (invisible reCAPTCHA, v3, execute-mode hCaptcha or
    Turnstile); a solver must ask for an invisible token."""
    solved: bool = False
    """The widget already holds a response token."""


class CaptchaSolution(BaseModel):
    token: str
    solver: str = ""
    cost: float | None = None


class KnownAnswer(BaseModel):
    """One of the applicant's saved answers (never one on a sensitive topic)."""

    question: str
    answer: str


class ApplicantFacts(BaseModel):
    """The non-sensitive facts about the applicant a writer may use."""

    name: str = ""
    headline: str | None = None
    summary: str | None = None
    current_title: str | None = None
    current_company: str | None = None
    years_experience: int | None = None
    location: str | None = None
    skills: list[str] = PydField(default_factory=list)
    experience: list[str] = PydField(default_factory=list)
    """One line per position: "Title at Company (2019-2023): highlight; highlight"."""
    education: list[str] = PydField(default_factory=list)


class ContentRequest(BaseModel):
    """Text an AI or template provider is asked to write.

    Built by the engine (``jobpilot.engine.content.build_request``, the one place that
    decides) from the *non-sensitive* part of the profile only: the engine never puts EEO,
    visa, salary or ID answers in a request (see ``vocabulary.SENSITIVE_KEYS``), nor asks a
    provider a question on those topics.
    """

    kind: Literal["answer", "cover_letter", "resume"]
    """``resume``: read ``resume_text`` into JSON Resume (``jobpilot.resume.assist``; sent only
    when the person asked the provider they configured to help read their resume)."""
    question: str = ""
    options: list[str] = PydField(default_factory=list)
    """For select/radio questions: the answer must be one of these, verbatim."""
    max_chars: int | None = None
    job_title: str | None = None
    company: str | None = None
    job_description: str | None = None
    applicant_summary: str = ""
    applicant: ApplicantFacts = PydField(default_factory=ApplicantFacts)
    saved_answers: list[KnownAnswer] = PydField(default_factory=list)
    """The applicant's own answers to earlier questions (the offline bank matches by meaning)."""
    field_type: str | None = None
    """The form control: ``text``, ``textarea``, ``select-one``, ``radio`` ..."""
    resume_text: str = ""
    """For ``kind="resume"``: the resume's text, as the offline reader extracted it."""
    policy: Literal["open", "facts"] = "open"
    """The question's policy (``jobpilot.policy``). ``facts``: a closed question about the
    applicant's own circumstances; answer only when the applicant facts state it, and end
    the reply with a line ``Quote: <the exact words from the facts that support it>``. A
    facts answer without a quote found verbatim in the facts is refused. (``profile``
    questions are never sent.)"""


class Job(BaseModel):
    url: str
    title: str = ""
    company: str = ""
    description: str = ""


class MatchScore(BaseModel):
    score: float = PydField(ge=0.0, le=1.0)
    matched_keywords: list[str] = PydField(default_factory=list)
    missing_keywords: list[str] = PydField(default_factory=list)

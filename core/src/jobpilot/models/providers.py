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
    ref: str | None = None
    frame: str = ""
    page_url: str = ""


class CaptchaSolution(BaseModel):
    token: str
    solver: str = ""
    cost: float | None = None


class ContentRequest(BaseModel):
    """Text an AI or template provider is asked to write.

    Built by the engine from the *non-sensitive* part of the profile only: the engine never
    puts EEO, visa, salary or ID answers in a request (see ``vocabulary.SENSITIVE_KEYS``).
    """

    kind: Literal["answer", "cover_letter"]
    question: str = ""
    options: list[str] = PydField(default_factory=list)
    """For select/radio questions: the answer must be one of these, verbatim."""
    max_chars: int | None = None
    job_title: str | None = None
    company: str | None = None
    job_description: str | None = None
    applicant_summary: str = ""


class Job(BaseModel):
    url: str
    title: str = ""
    company: str = ""
    description: str = ""


class MatchScore(BaseModel):
    score: float = PydField(ge=0.0, le=1.0)
    matched_keywords: list[str] = PydField(default_factory=list)
    missing_keywords: list[str] = PydField(default_factory=list)

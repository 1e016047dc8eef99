"""JobPilot's no-key AI default: nothing is downloaded, nothing leaves the machine.

* ``generate_content``: answers a custom question from the applicant's saved answers,
  matched by meaning (``bank``), and writes cover letters from a template (``letters``);
  returns None when it has no good answer, so the field is left for the person.
* ``embed``: hashed feature vectors (``textvec``) for ``jobpilot match``.
* ``score_match``: the ATS keyword score of a resume against a job description
  (``keywords``).
"""

from __future__ import annotations

from typing import Any

from jobpilot import hookimpl
from jobpilot.models.profile import Profile
from jobpilot.models.providers import ContentRequest, Job, MatchScore

from jobpilot_ai_offline import bank, keywords, letters
from jobpilot_ai_offline.textvec import vectorize

__all__ = ["HashingEmbedder", "OfflineWriter"]


class OfflineWriter:
    """Saved answers by meaning, and template cover letters."""

    name = "offline"
    local = True

    def __init__(self, *, threshold: float = bank.THRESHOLD) -> None:
        self.threshold = threshold

    async def generate_content(self, request: ContentRequest) -> str | None:
        if request.kind == "resume":
            return None  # the offline reader (jobpilot.resume) already read it
        if request.kind == "cover_letter":
            return letters.cover_letter(request)
        hit = bank.best(request.question, request.saved_answers, threshold=self.threshold)
        if hit is None:
            return None
        answer = hit.known.answer.strip()
        if request.options:
            return bank.choose_option(answer, request.options)
        if request.max_chars and len(answer) > request.max_chars:
            return None
        return answer


class HashingEmbedder:
    """Hashed word, word-pair, character n-gram and concept features (no model, no download)."""

    name = "offline"
    local = True

    def __init__(self, dimensions: int = 1024) -> None:
        self.dimensions = dimensions

    async def embed(self, texts: list[str]) -> list[list[float]]:
        return [vectorize(t, self.dimensions) for t in texts]


@hookimpl
def register_content_generators(register: Any) -> None:
    register(OfflineWriter())


@hookimpl
def register_embedders(register: Any) -> None:
    register(HashingEmbedder())


@hookimpl
def score_match(profile: Profile, job: Job) -> MatchScore | None:
    return keywords.score(profile, job)

"""Decisions plugins make about a page: which ATS it is and what each field means."""

from __future__ import annotations

from pydantic import BaseModel
from pydantic import Field as PydField

from jobpilot.vocabulary import FieldKey


class Detection(BaseModel):
    """Which ATS a page belongs to. Plugins return one; the engine keeps the most confident."""

    ats: str = PydField(pattern=r"^[a-z0-9][a-z0-9-]*$")
    """Lowercase slug: greenhouse, lever, workday, ashby, smartrecruiters, icims, taleo, oracle,
    jobvite, bamboohr, successfactors, workable, recruitee, teamtailor, breezy, personio,
    rippling. Validated, because the inspect contract and the eval scores compare slugs
    exactly: a plugin answering "Greenhouse" is refused (and reported) rather than silently
    scored as a different ATS."""
    confidence: float = PydField(ge=0.0, le=1.0)
    plugin: str = ""
    """Filled in by the engine with the name of the plugin that answered."""
    company: str | None = None
    job_id: str | None = None
    reason: str = ""


class FieldMapping(BaseModel):
    """One field's meaning, with how sure the plugin is and why.

    A mapper returns a mapping only for fields it has an opinion on; several plugins may
    map the same ref and the engine keeps the most confident (ATS adapters answer with
    higher confidence than the generic mapper on their own markup).
    """

    ref: str
    key: FieldKey
    confidence: float = PydField(ge=0.0, le=1.0)
    reason: str = ""
    plugin: str = ""
    """Filled in by the engine."""
    fallback: bool = False
    """An answer that defers to the other plugins: used only when none of them maps the field
    to a profile key (anything but ``question`` and ``unknown``) at the review threshold or
    above. An adapter says "this is a custom question, unless a general rule knows a profile
    key for it" with ``key=question, fallback=True``, without copying the generic mapper's
    keyword lists."""

"""Is this page a Lever job posting or application form?

Lever serves every hosted posting from two hosts, ``jobs.lever.co`` and its EU twin
``jobs.eu.lever.co``, always as ``/<company>/<posting uuid>`` (the job description) and
``/<company>/<posting uuid>/apply`` (the form). Anything else is not an application page:
the vendor's marketing and help sites (``www.lever.co``, ``help.lever.co``), hosts that
merely contain the word (``jobs.clever.com``, ``leverage.io``), and a company's list of
openings (``jobs.lever.co/<company>``), which the built-in host table may still call Lever.

Confidence: the URL alone says 0.95 (above the built-in host table's 0.8); the URL plus the
form's own markup (``#application-form``, ``data-qa`` hooks, ``cards[...]`` names) says 0.98.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from jobpilot.models.mapping import Detection
from jobpilot.models.snapshot import FormSnapshot

HOSTS = frozenset({"jobs.lever.co", "jobs.eu.lever.co"})
_UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
_POSTING_PATH = re.compile(rf"^/(?P<company>[^/]+)/(?P<job>{_UUID})(?P<apply>/apply)?/?$", re.IGNORECASE)

URL_CONFIDENCE = 0.95
MARKUP_CONFIDENCE = 0.98
FRAME_CONFIDENCE = 0.9

_HOOKS = frozenset(
    {"name-input", "email-input", "input-resume", "btn-submit", "additional-cards", "eeo-section"}
)
_NAMES = re.compile(r"^(cards|surveysResponses|eeo|urls)\[")


@dataclass(frozen=True)
class LeverUrl:
    """What a Lever posting URL says: which company, which posting, form or description."""

    company: str
    job_id: str
    is_form: bool


def parse_url(url: str) -> LeverUrl | None:
    """The posting a Lever URL points at; None for any other URL (other hosts included)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or (parts.hostname or "").lower() not in HOSTS:
        return None
    m = _POSTING_PATH.match(parts.path)
    if m is None:
        return None
    return LeverUrl(company=m["company"], job_id=m["job"].lower(), is_form=bool(m["apply"]))


def markup_evidence(snapshot: FormSnapshot | None) -> list[str]:
    """Lever-only conventions found on the page (empty when none): ``data-qa`` test hooks,
    the ``application-form`` id and bracketed names such as ``cards[<uuid>][field0]``."""
    if snapshot is None:
        return []
    found: list[str] = []
    if "application-form" in snapshot.element_ids:
        found.append("#application-form")
    hooks = {f.attrs.get("data-qa", "") for f in snapshot.fields}
    hooks |= {b.attrs.get("data-qa", "") for b in snapshot.buttons}
    hooks |= {a.get("data-qa", "") for f in snapshot.fields for a in f.ancestors}
    found += sorted(f"data-qa={h}" for h in hooks & _HOOKS)
    if any(_NAMES.match(f.name or "") for f in snapshot.fields):
        found.append("Lever field names")
    return found


def detect(url: str, snapshot: FormSnapshot | None) -> Detection | None:
    """A Lever detection for posting and form pages; None for everything else."""
    where = parse_url(url)
    if where is None and snapshot is not None:
        # A company page embedding the Lever form in an iframe.
        for frame in snapshot.frames:
            framed = parse_url(frame.url)
            if framed is not None and framed.is_form:
                return Detection(
                    ats="lever",
                    confidence=FRAME_CONFIDENCE,
                    company=framed.company,
                    job_id=framed.job_id,
                    reason=f"Lever form in a frame ({frame.url})",
                )
    if where is None:
        return None
    evidence = markup_evidence(snapshot)
    conf = MARKUP_CONFIDENCE if evidence else URL_CONFIDENCE
    reason = "Lever posting URL" + (f" and markup ({', '.join(evidence[:3])})" if evidence else "")
    return Detection(ats="lever", confidence=conf, company=where.company, job_id=where.job_id, reason=reason)

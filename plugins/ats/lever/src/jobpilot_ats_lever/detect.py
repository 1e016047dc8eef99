"""Is this page a Lever job posting or application form?

Lever serves every hosted posting from two hosts, ``jobs.lever.co`` and its EU twin
``jobs.eu.lever.co``, always as ``/<company>/<posting uuid>`` (the job description) and
``/<company>/<posting uuid>/apply`` (the form). Anything else is not an application page:
the vendor's marketing and help sites (``www.lever.co``, ``help.lever.co``), hosts that
merely contain the word (``jobs.clever.com``, ``leverage.io``), and a company's list of
openings (``jobs.lever.co/<company>``), which the built-in host table may still call Lever.

Confidence: the URL alone says 0.95 (above the built-in host table's 0.8); the URL plus the
form's own markup (``#application-form``, ``data-qa`` hooks, ``cards[...]`` names) says 0.98;
a Lever form in a frame of a company page 0.9.

With no Lever URL anywhere (a company domain proxying or inlining the form, a saved page),
the page alone says 0.85 when :func:`page_evidence` finds several independent Lever
conventions, at least one of them Lever's own: ``cards[<uuid>][field<n>]`` and
``surveysResponses[<uuid>]`` names, or three or more of its ``data-qa`` test hooks with one
only Lever uses. A hook or two, ``#application-form``, or ``name``/``email``/``resume`` names
are what any form may have.

On Lever's own sites (``www.lever.co/careers`` framing its job list; the shared
:data:`jobpilot.builtin.ats_hosts.VENDOR_DOMAINS`) nothing but an actual Lever application
form in the snapshot, inside a frame served from jobs.lever.co, makes a detection (form
markup in the vendor's own document is a demo, not something to apply through).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from jobpilot.builtin.ats_hosts import vendor_site
from jobpilot.models.mapping import Detection
from jobpilot.models.snapshot import FormSnapshot

HOSTS = frozenset({"jobs.lever.co", "jobs.eu.lever.co"})
_UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
_POSTING_PATH = re.compile(rf"^/(?P<company>[^/]+)/(?P<job>{_UUID})(?P<apply>/apply)?/?$", re.IGNORECASE)

URL_CONFIDENCE = 0.95
MARKUP_CONFIDENCE = 0.98
FRAME_CONFIDENCE = 0.9
PAGE_CONFIDENCE = 0.85

_HOOKS = frozenset(
    {"name-input", "email-input", "input-resume", "btn-submit", "additional-cards", "eeo-section"}
)
_LEVER_OWN_HOOKS = frozenset(
    {
        "name-input",
        "email-input",
        "phone-input",
        "org-input",
        "location-input",
        "input-resume",
        "additional-cards",
        "eeo-section",
        "card-name",
        "structured-contact-location-question",
        "candidatePronounsCheckboxes",
        "consent-section",
    }
)
"""The form's ``data-qa`` hooks that count as evidence off a Lever URL. Generic names a
test-hooked site may share (``btn-submit``, ``checkboxes``, ``multiple-choice``) do not."""
_LEVER_ONLY_HOOKS = frozenset(
    {
        "org-input",
        "input-resume",
        "additional-cards",
        "eeo-section",
        "card-name",
        "structured-contact-location-question",
        "candidatePronounsCheckboxes",
    }
)
"""Of those, the ones no generic form would name so: at least one must be there."""
_NAMES = re.compile(r"^(cards|surveysResponses|eeo|urls)\[")
_CARD_NAME = re.compile(rf"^cards\[{_UUID}\]\[(field\d+|baseTemplate)\]", re.IGNORECASE)
_SURVEY_NAME = re.compile(rf"^surveysResponses\[{_UUID}\]", re.IGNORECASE)
_EEO_NAME = re.compile(r"^eeo\[(gender|race|veteran|disability)")
_URLS_NAME = re.compile(r"^urls\[(LinkedIn|GitHub|Twitter|Portfolio|Other)\]$")
_WRAPPER = re.compile(r"\bapplication-(question|field|label)\b")


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


def page_evidence(snapshot: FormSnapshot | None) -> list[str]:
    """Independent Lever conventions on the page when they are enough to call it Lever on
    their own; empty otherwise.

    Enough = two Lever-own kinds, or one plus two supporting kinds.

    Lever-own: ``cards[<uuid>]`` names, ``surveysResponses[<uuid>]`` names, three or more
    distinct Lever ``data-qa`` hooks, one of them only Lever's (``input-resume``,
    ``org-input`` ...). Supporting: ``eeo[...]`` names, ``urls[LinkedIn]``-style names,
    ``application-question``/``-field`` wrappers, ``form#application-form``, and the single
    ``name`` full-name field beside ``email`` and ``resume``. Fields of every frame the
    runner snapshotted count.
    """
    if snapshot is None:
        return []
    names = {f.name for f in snapshot.fields if f.name}
    names |= {m.name for f in snapshot.fields for m in f.members if m.name}
    hooks = {f.attrs.get("data-qa", "") for f in snapshot.fields}
    hooks |= {b.attrs.get("data-qa", "") for b in snapshot.buttons}
    hooks |= {a.get("data-qa", "") for f in snapshot.fields for a in f.ancestors}
    own: list[str] = []
    support: list[str] = []
    if any(_CARD_NAME.match(n) for n in names):
        own.append("cards[<uuid>] names")
    if any(_SURVEY_NAME.match(n) for n in names):
        own.append("surveysResponses[<uuid>] names")
    lever_hooks = hooks & _LEVER_OWN_HOOKS
    if len(lever_hooks) >= 3 and lever_hooks & _LEVER_ONLY_HOOKS:
        own.append("data-qa=" + "/".join(sorted(lever_hooks)[:3]))
    if any(_EEO_NAME.match(n) for n in names):
        support.append("eeo[...] names")
    if any(_URLS_NAME.match(n) for n in names):
        support.append("urls[...] names")
    if any(_WRAPPER.search(a.get("class", "")) for f in snapshot.fields for a in f.ancestors):
        support.append("application-question wrappers")
    if "application-form" in snapshot.element_ids:
        support.append("#application-form")
    if {"name", "email", "resume"} <= names:
        support.append("name/email/resume names")
    if len(own) >= 2 or (own and len(support) >= 2):
        return own + support
    return []


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower().rstrip(".")
    except ValueError:
        return ""


def lever_frame_fields(snapshot: FormSnapshot | None) -> FormSnapshot | None:
    """The snapshot cut down to the fields of frames served from a Lever posting host."""
    if snapshot is None:
        return None
    paths = {f.path for f in snapshot.frames if _host(f.url) in HOSTS}
    fields = [
        f
        for f in snapshot.fields
        if f.frame and any(f.frame == p or f.frame.startswith(p + ".") for p in paths)
    ]
    return snapshot.model_copy(update={"fields": fields, "buttons": [], "element_ids": []})


def detect(url: str, snapshot: FormSnapshot | None) -> Detection | None:
    """A Lever detection for posting and form pages; None for everything else."""
    where = parse_url(url)
    if where is None and vendor_site(_host(url)) == "lever":
        evidence = page_evidence(lever_frame_fields(snapshot))
        if not evidence:
            return None  # Lever's marketing/help site, even when it frames the job list
        return Detection(
            ats="lever", confidence=PAGE_CONFIDENCE, reason="Lever form: " + ", ".join(evidence[:3])
        )
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
        evidence = page_evidence(snapshot)
        if evidence:
            return Detection(
                ats="lever",
                confidence=PAGE_CONFIDENCE,
                reason="Lever page markup: " + ", ".join(evidence[:4]),
            )
        return None
    evidence = markup_evidence(snapshot)
    conf = MARKUP_CONFIDENCE if evidence else URL_CONFIDENCE
    reason = "Lever posting URL" + (f" and markup ({', '.join(evidence[:3])})" if evidence else "")
    return Detection(ats="lever", confidence=conf, company=where.company, job_id=where.job_id, reason=reason)

"""Is this page a Greenhouse application, and which posting is it?

Evidence, strongest first:

* the URL is on a Greenhouse job-board host (``boards.greenhouse.io``,
  ``job-boards.greenhouse.io`` and their ``.eu.`` twins) *and* the page carries Greenhouse's
  application markup (``form#application-form``, ``form#application_form``,
  ``job_application[...]`` names) -> 0.98;
* a company careers page embedding a Greenhouse application: an iframe whose URL is a
  job-board ``/embed/job_app`` page (the runner reports cross-origin frames with their URL),
  or the ``/embed/job_board/js`` loader script together with the ``#grnhse_app`` container,
  the ``#grnhse_iframe`` frame or a ``gh_jid`` query parameter -> 0.93-0.96;
* a job-board host alone (no snapshot yet, or a job list) -> 0.85-0.9, above the built-in
  host table's 0.8 so this adapter's flow is chosen.

Greenhouse's own sites (``www.greenhouse.com``, ``greenhouse.io``, ``support.greenhouse.io``,
the recruiter app, the API hosts) are marketing, help or tooling, never an application:
they answer None, as do look-alike hosts such as ``boards.greenhouse.io.example.com``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from jobpilot.models.mapping import Detection
from jobpilot.models.snapshot import FormSnapshot

ATS = "greenhouse"

BOARD_HOSTS: frozenset[str] = frozenset(
    {
        "boards.greenhouse.io",
        "job-boards.greenhouse.io",
        "boards.eu.greenhouse.io",
        "job-boards.eu.greenhouse.io",
    }
)
"""Hosts that serve job boards and application forms (classic and React renderers)."""

_VENDOR_DOMAINS = ("greenhouse.io", "greenhouse.com")
"""Greenhouse's own domains: any host under them that is not a board is not an application."""

_JOB_PATH = re.compile(r"^/(?P<company>[\w.-]+)/jobs/(?P<job>\d+)(?:/(?P<rest>[\w-]*))?/?$")
_EMBED_APP_PATH = re.compile(r"^/embed/job_app/?$")
_EMBED_SCRIPT_PATH = re.compile(r"^/embed/(job_board|job_app)/js/?$")

_FORM_IDS = frozenset({"application-form", "application_form"})
"""``form#application-form`` (React job boards) and ``form#application_form`` (classic)."""
_EMBED_IDS = frozenset({"grnhse_app", "grnhse_iframe"})
"""The embed loader's container and the iframe it creates on a company's own page."""


@dataclass(frozen=True)
class Posting:
    """Company board token and job post id, when a URL names them."""

    company: str | None = None
    job_id: str | None = None


def host_of(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower().rstrip(".")
    except ValueError:
        return ""


def is_board_host(host: str) -> bool:
    return host in BOARD_HOSTS


def is_vendor_site(host: str) -> bool:
    """Greenhouse's marketing, help, API or recruiter hosts (not a job board)."""
    if is_board_host(host):
        return False
    return any(host == d or host.endswith("." + d) for d in _VENDOR_DOMAINS)


def posting_of(url: str) -> Posting:
    """The posting a board URL names: ``/<company>/jobs/<id>``, ``/embed/job_app?for=&token=``
    or a company page's ``?gh_jid=``."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return Posting()
    query = parse_qs(parts.query)
    m = _JOB_PATH.match(parts.path or "/")
    if m and is_board_host((parts.hostname or "").lower()):
        return Posting(m.group("company"), m.group("job"))
    if _EMBED_APP_PATH.match(parts.path or "/"):
        return Posting(_first(query, "for"), _first(query, "token"))
    gh_jid = _first(query, "gh_jid")
    return Posting(None, gh_jid if gh_jid and gh_jid.isdigit() else None)


def _first(query: dict[str, list[str]], name: str) -> str | None:
    values = query.get(name)
    return values[0] if values else None


def _is_application_path(url: str) -> bool:
    path = urlsplit(url).path or "/"
    m = _JOB_PATH.match(path)
    if m:
        return m.group("rest") in (None, "", "application", "apply")
    return bool(_EMBED_APP_PATH.match(path))


def has_application_markup(snapshot: FormSnapshot) -> bool:
    """Greenhouse's own form markup: the form ids, or classic ``job_application[...]`` names,
    or the React form's fixed first-name/e-mail ids next to its upload group."""
    ids = set(snapshot.element_ids)
    if ids & _FORM_IDS:
        return True
    if any((f.name or "").startswith("job_application[") for f in snapshot.fields):
        return True
    field_ids = {f.id for f in snapshot.fields if f.id}
    return {"first_name", "email"} <= field_ids and bool({"resume", "s3_upload_for_resume"} & field_ids)


def _embed_frame(snapshot: FormSnapshot) -> str | None:
    """URL of a Greenhouse application iframe on the page, if any."""
    for frame in snapshot.frames:
        if is_board_host(host_of(frame.url)) and _is_application_path(frame.url):
            return frame.url
    return None


def _embed_script(snapshot: FormSnapshot) -> str | None:
    for src in snapshot.scripts:
        if is_board_host(host_of(src)) and _EMBED_SCRIPT_PATH.match(urlsplit(src).path or "/"):
            return src
    return None


def detect(url: str, snapshot: FormSnapshot | None) -> Detection | None:
    """The Greenhouse detection for a page, or None when it is not a Greenhouse application."""
    host = host_of(url)
    if is_board_host(host):
        return _on_board(url, snapshot)
    if snapshot is None:
        return None
    frame_url = _embed_frame(snapshot)
    if is_vendor_site(host) and frame_url is None:
        return None  # marketing / help / tooling, even when it shows a job board widget
    if frame_url is not None:
        posting = posting_of(frame_url)
        return Detection(
            ats=ATS,
            confidence=0.96,
            company=posting.company,
            job_id=posting.job_id or posting_of(url).job_id,
            reason=f"Greenhouse application iframe {frame_url}",
        )
    script = _embed_script(snapshot)
    ids = set(snapshot.element_ids)
    gh_jid = posting_of(url).job_id
    if script is not None and (ids & _EMBED_IDS or gh_jid):
        return Detection(
            ats=ATS,
            confidence=0.93,
            company=_first(parse_qs(urlsplit(script).query), "for"),
            job_id=gh_jid,
            reason="Greenhouse embed loader script with its container or gh_jid",
        )
    if "grnhse_iframe" in ids and has_application_markup(snapshot):
        return Detection(ats=ATS, confidence=0.9, job_id=gh_jid, reason="inlined #grnhse_iframe application")
    if script is not None:
        return Detection(ats=ATS, confidence=0.85, job_id=gh_jid, reason="Greenhouse embed loader script")
    return None


def _on_board(url: str, snapshot: FormSnapshot | None) -> Detection:
    posting = posting_of(url)
    base = {"ats": ATS, "company": posting.company, "job_id": posting.job_id}
    if snapshot is not None and has_application_markup(snapshot):
        return Detection(confidence=0.98, reason="job-board host and Greenhouse form markup", **base)
    if _is_application_path(url):
        return Detection(confidence=0.9, reason="job-board application URL", **base)
    return Detection(confidence=0.85, reason="job-board host", **base)

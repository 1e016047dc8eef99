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
  host table's 0.8 so this adapter's flow is chosen;
* the page alone, when no URL names Greenhouse (a company domain serving or inlining the
  job-boards form, a saved page): :func:`page_evidence` -> 0.85, below every URL answer.
  It needs several *independent* Greenhouse conventions, at least one of them Greenhouse's
  own (``job_application[...]`` names, ``question_<numeric id>`` ids, the classic
  ``s3_upload_for_*`` uploaders, the ``application--form`` BEM wrappers, the
  ``#grnhse_app`` container, ``gh_jid``), because the rest (``#first_name``, ``#email``,
  ``#resume``, react-select's ``select__control``, ``form#application-form``) are what any
  hand-written form or React app may use too.

Greenhouse's own sites (``www.greenhouse.com``, ``greenhouse.io``, ``support.greenhouse.io``,
the recruiter app, the API hosts; the shared list
:data:`jobpilot.builtin.ats_hosts.VENDOR_DOMAINS`) are marketing, help or tooling: they
answer None even with the board widget or an application iframe on them, unless the
snapshot holds an actual Greenhouse application form (:func:`form_evidence`) inside a frame
served from a job-board host (:func:`board_frame_fields`): form markup in the vendor's own
document is a demo or a screenshot, not something to apply through. Look-alike
hosts such as ``boards.greenhouse.io.example.com`` are just other domains.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

from jobpilot.builtin.ats_hosts import vendor_site
from jobpilot.models.mapping import Detection
from jobpilot.models.snapshot import Field, FormSnapshot

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
    return not is_board_host(host) and vendor_site(host) == ATS


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


PAGE_CONFIDENCE = 0.85
"""Page evidence alone: below the URL answers (0.9+), above the built-in host table (0.8)."""

_QUESTION_ID = re.compile(r"^question_\d{6,}(\[\])?$")
"""Custom questions of the job-boards form: ``question_<Greenhouse numeric id>``."""
_S3_UPLOAD = re.compile(r"^s3_upload_for_(resume|cover_letter)$")
_BEM_WRAPPER = re.compile(r"\bapplication--(form|questions|container|submit)\b")
_SYSTEM_IDS = frozenset({"first_name", "last_name", "email", "phone", "resume", "cover_letter"})
_EEOC_IDS = frozenset({"gender", "hispanic_ethnicity", "veteran_status", "disability_status"})
_REACT_SELECT = re.compile(r"\bselect__(control|value-container|input-container)\b")


def _classes(field: Field) -> list[str]:
    """The field's own class and its wrappers' (where front-end conventions show)."""
    return [field.attrs.get("class", ""), *(a.get("class", "") for a in field.ancestors)]


def form_evidence(snapshot: FormSnapshot) -> tuple[list[str], list[str]]:
    """(Greenhouse-own, supporting) conventions of an application form in the snapshot.

    Each entry is one independent kind of evidence, counted once however often it shows.
    Fields come from every frame the runner snapshotted, so a cross-origin job_app iframe
    counts; ``element_ids`` are the top document's only.
    """
    own: list[str] = []
    support: list[str] = []
    field_ids = {f.id for f in snapshot.fields if f.id}
    field_ids |= {m.id for f in snapshot.fields for m in f.members if m.id}
    names = {f.name for f in snapshot.fields if f.name}
    ids = set(snapshot.element_ids)
    classes = [c for f in snapshot.fields for c in _classes(f) if c]
    if any(n.startswith("job_application[") for n in names):
        own.append("job_application[...] names")
    if sum(1 for i in field_ids if _QUESTION_ID.match(i)) >= 1:
        own.append("question_<id> custom questions")
    if any(_S3_UPLOAD.match(i) for i in field_ids | names | ids):
        own.append("s3_upload_for_* uploader")
    if any(_BEM_WRAPPER.search(c) for c in classes):
        own.append("application--form wrappers")
    if ids & _FORM_IDS or any(a.get("id") in _FORM_IDS for f in snapshot.fields for a in f.ancestors):
        support.append("form#application-form")
    if len(field_ids & _SYSTEM_IDS) >= 3:
        support.append("first_name/email/resume ids")
    if len(field_ids & _EEOC_IDS) >= 2:
        support.append("EEOC ids")
    if any(_REACT_SELECT.search(c) for c in classes):
        support.append("react-select select__control")
    return own, support


def _enough(own: list[str], support: list[str]) -> bool:
    """Two Greenhouse-own conventions, or one plus two supporting ones."""
    return len(own) >= 2 or (len(own) == 1 and len(support) >= 2)


def page_evidence(url: str, snapshot: FormSnapshot) -> list[str]:
    """Why the page is a Greenhouse application when no URL says so; empty when it is not.

    Adds the embed conventions to :func:`form_evidence`: the ``#grnhse_app`` container and
    a ``gh_jid`` posting id in the address are Greenhouse's own (its embed code writes them),
    so ``#grnhse_app`` + ``?gh_jid=`` is a Greenhouse embed even when the loader script
    came from a bundle or a tag manager under another URL.
    """
    own, support = form_evidence(snapshot)
    if "grnhse_app" in snapshot.element_ids:
        own.append("#grnhse_app container")
    if posting_of(url).job_id is not None:
        own.append("gh_jid in the address")
    return own + support if _enough(own, support) else []


def board_frame_fields(snapshot: FormSnapshot) -> FormSnapshot:
    """The snapshot cut down to the fields of frames served from a job-board host."""
    board_paths = {f.path for f in snapshot.frames if is_board_host(host_of(f.url))}
    fields = [
        f
        for f in snapshot.fields
        if f.frame and any(f.frame == p or f.frame.startswith(p + ".") for p in board_paths)
    ]
    return snapshot.model_copy(update={"fields": fields, "element_ids": []})


def has_application_form(snapshot: FormSnapshot) -> bool:
    """An actual Greenhouse application form is in the snapshot (not just a board widget)."""
    return _enough(*form_evidence(snapshot))


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
    if is_vendor_site(host) and not has_application_form(board_frame_fields(snapshot)):
        return None  # marketing / help / tooling, even when it shows a job board widget
    frame_url = _embed_frame(snapshot)
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
    evidence = page_evidence(url, snapshot)
    if evidence:
        return Detection(
            ats=ATS,
            confidence=PAGE_CONFIDENCE,
            job_id=gh_jid,
            reason="Greenhouse page markup: " + ", ".join(evidence[:4]),
        )
    return None


def _on_board(url: str, snapshot: FormSnapshot | None) -> Detection:
    posting = posting_of(url)
    base: dict[str, Any] = {"ats": ATS, "company": posting.company, "job_id": posting.job_id}
    if snapshot is not None and has_application_markup(snapshot):
        return Detection(confidence=0.98, reason="job-board host and Greenhouse form markup", **base)
    if _is_application_path(url):
        return Detection(confidence=0.9, reason="job-board application URL", **base)
    return Detection(confidence=0.85, reason="job-board host", **base)

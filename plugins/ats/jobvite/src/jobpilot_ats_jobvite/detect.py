"""Is this page a Jobvite application (or a Jobvite careers page), and which job is it?

Jobvite serves companies' careers sites from ``jobs.jobvite.com``:

* ``/<company>/job/<job id>/apply`` — the application (an AngularJS page: a
  ``form.jv-form.jv-apply-form`` in steps, ``.jv-form-field`` wrappers);
* ``/<company>/job/<job id>`` — the job description with its Apply button;
* ``/<company>/jobs``, ``/careers/<company>/jobs``, ``/<company>`` — the careers site (search
  form ``#jv-search-keyword``, job list ``table.jv-job-list``).

A company embeds its careers site either by framing it (an iframe from jobs.jobvite.com,
usually ``#jobviteframe``, written by Jobvite's ``iframe.js`` loader) or by serving it on
its own domain (a careers subdomain pointed at Jobvite), which only the page's markup
gives away.

Evidence, strongest first:

* jobs.jobvite.com *and* the apply form's markup -> 0.98; the ``/apply`` path alone -> 0.93;
  a job page -> 0.9; any other careers-site page -> 0.85 (above the built-in table's 0.8);
* a frame from jobs.jobvite.com on a company page -> 0.96; the loader script with its
  ``#jobviteframe`` -> 0.9;
* the page alone (a company domain serving the careers site, a saved page):
  :func:`page_evidence` -> 0.85, from Jobvite's own ``jv-`` conventions: the ``jv-form`` /
  ``jv-apply-form`` / ``jv-search-form`` / ``jv-form-field`` wrappers around the controls,
  ``jv-search-*`` and ``jv-field-*`` control ids, its ``jv-button`` buttons and the apply
  page's ``#attachResume`` / ``#jv-resume-header``. Two independent kinds are needed.

Jobvite's own sites (``www.jobvite.com``, the recruiter app ``app.jobvite.com`` and the
older ``hire.jobvite.com``, its help sites) are not applications: None, unless a Jobvite
form sits in a frame served from jobs.jobvite.com.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from jobpilot.builtin.ats_hosts import vendor_site
from jobpilot.models.mapping import Detection
from jobpilot.models.snapshot import Field, FormSnapshot

ATS = "jobvite"

HOSTS: frozenset[str] = frozenset({"jobs.jobvite.com"})

APPLY_AND_MARKUP = 0.98
APPLY_PATH = 0.93
JOB_PAGE = 0.9
HOST_ONLY = 0.85
FRAME = 0.96
LOADER = 0.9
PAGE_CONFIDENCE = 0.85

_JOB_PATH = re.compile(
    r"^/(?:careers/)?(?P<company>[\w.-]+)/job/(?P<job>[0-9A-Za-z]{6,12})(?P<apply>/apply)?/?$"
)
_SITE_PATH = re.compile(r"^/(?:careers/)?(?P<company>[\w.-]+)(?:/jobs?)?/?$")
_JV_WRAPPER = re.compile(r"\bjv-(form|apply-form|search-form|form-field|page-body|apply|prescreen|eeo)\b")
_JV_ID = re.compile(r"^jv-(search|field)-[\w-]+$")
_APPLY_IDS = frozenset({"attachResume", "jv-resume-header", "attachCoverLetter", "jv-apply-form"})


@dataclass(frozen=True)
class Posting:
    company: str | None = None
    job_id: str | None = None
    apply: bool = False


def host_of(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower().rstrip(".")
    except ValueError:
        return ""


def is_jobvite_host(host: str) -> bool:
    return host in HOSTS


def posting_of(url: str) -> Posting:
    try:
        parts = urlsplit(url)
    except ValueError:
        return Posting()
    if not is_jobvite_host((parts.hostname or "").lower()):
        return Posting()
    path = parts.path or "/"
    m = _JOB_PATH.match(path)
    if m:
        return Posting(m.group("company"), m.group("job"), apply=bool(m.group("apply")))
    m = _SITE_PATH.match(path)
    return Posting(m.group("company")) if m else Posting()


def _classes(field: Field) -> list[str]:
    return [field.attrs.get("class", ""), *(a.get("class", "") for a in field.ancestors)]


def form_evidence(snapshot: FormSnapshot) -> tuple[list[str], list[str]]:
    """(Jobvite-own, supporting) conventions in the snapshot, each kind counted once."""
    own: list[str] = []
    support: list[str] = []
    wrapped = sum(1 for f in snapshot.fields if any(_JV_WRAPPER.search(c) for c in _classes(f)))
    if wrapped >= 2:
        own.append("jv-form wrappers")
    if sum(1 for f in snapshot.fields if _JV_ID.match(f.id or "")) >= 1:
        own.append("jv-search/jv-field ids")
    if any("jv-button" in b.attrs.get("class", "") for b in snapshot.buttons):
        own.append("jv-button buttons")
    if len(set(snapshot.element_ids) & _APPLY_IDS) >= 1:
        own.append("apply page attachment ids")
    if any("jv-required-label" in c or "jv-input-group" in c for f in snapshot.fields for c in _classes(f)):
        support.append("jv-input-group / required marks")
    return own, support


def _enough(own: list[str], support: list[str]) -> bool:
    return len(own) >= 2 or (len(own) == 1 and len(support) >= 2)


def page_evidence(snapshot: FormSnapshot) -> list[str]:
    """Why the page is Jobvite's when no URL says so; empty when it is not."""
    own, support = form_evidence(snapshot)
    return own + support if _enough(own, support) else []


def has_apply_form(snapshot: FormSnapshot) -> bool:
    """Jobvite's apply form (not only the careers site's search) is in the snapshot."""
    return any(
        "jv-apply-form" in c or "jv-form-field" in c for f in snapshot.fields for c in _classes(f)
    ) and _enough(*form_evidence(snapshot))


def _framed(snapshot: FormSnapshot) -> FormSnapshot:
    paths = {f.path for f in snapshot.frames if is_jobvite_host(host_of(f.url))}
    fields = [
        f
        for f in snapshot.fields
        if f.frame and any(f.frame == p or f.frame.startswith(p + ".") for p in paths)
    ]
    return snapshot.model_copy(update={"fields": fields, "buttons": [], "element_ids": []})


def detect(url: str, snapshot: FormSnapshot | None) -> Detection | None:
    """The Jobvite detection for a page, or None."""
    host = host_of(url)
    if is_jobvite_host(host):
        return _on_jobvite_host(url, snapshot)
    if snapshot is None:
        return None
    if vendor_site(host) == ATS and not has_apply_form(_framed(snapshot)):
        return None
    for frame in snapshot.frames:
        if is_jobvite_host(host_of(frame.url)):
            posting = posting_of(frame.url)
            return Detection(
                ats=ATS,
                confidence=FRAME,
                company=posting.company,
                job_id=posting.job_id,
                reason=f"Jobvite frame {frame.url}",
            )
    if "jobviteframe" in snapshot.element_ids and any(is_jobvite_host(host_of(s)) for s in snapshot.scripts):
        return Detection(ats=ATS, confidence=LOADER, reason="Jobvite careers-site loader with #jobviteframe")
    evidence = page_evidence(snapshot)
    if evidence:
        return Detection(
            ats=ATS, confidence=PAGE_CONFIDENCE, reason="Jobvite page markup: " + ", ".join(evidence[:4])
        )
    return None


def _on_jobvite_host(url: str, snapshot: FormSnapshot | None) -> Detection:
    posting = posting_of(url)
    base = {"ats": ATS, "company": posting.company, "job_id": posting.job_id}
    if snapshot is not None and posting.job_id and has_apply_form(snapshot):
        return Detection(
            confidence=APPLY_AND_MARKUP, reason="jobs.jobvite.com and the apply form's markup", **base
        )
    if posting.apply:
        return Detection(confidence=APPLY_PATH, reason="Jobvite application URL", **base)
    if posting.job_id:
        return Detection(confidence=JOB_PAGE, reason="Jobvite job URL", **base)
    return Detection(confidence=HOST_ONLY, reason="Jobvite careers site", **base)

"""Is this page a Workable application (or a Workable careers page), and which job is it?

Workable serves every account from ``apply.workable.com``:

* ``/<account>/j/<shortcode>/apply`` — the application form (one page);
* ``/<account>/j/<shortcode>/`` — the job description with its "Apply for this job" button;
* ``/<account>/`` — the account's careers page (job list with filters);

and older accounts from ``<account>.workable.com`` with the same ``/j/<shortcode>`` paths.
A company site embeds Workable either with the jobs widget (``#whr_embed_hook`` filled by
``www.workable.com/assets/embed.js``), which lists jobs that open on apply.workable.com,
or by framing a Workable page.

Evidence, strongest first:

* a Workable host *and* the application form's markup -> 0.98; the ``/apply`` path alone
  -> 0.93; a job or careers page -> 0.9 / 0.85 (all above the built-in host table's 0.8);
* a frame from a Workable host on a company page -> 0.96; the jobs widget -> 0.9;
* the page alone, when no URL names Workable (a company domain proxying the form, a saved
  page): :func:`page_evidence` -> 0.85. Workable's own conventions: ``data-ui`` hooks on the
  standard fields (``firstname``, ``resume``, ``cover_letter``...), custom fields named
  ``CA_<n>`` / questions ``QA_<n>``, uploaders ``input_files_input_<id>``, the form's
  ``data-ui="application-form"`` and ``apply-button``, and on the careers page its
  ``search-jobs`` / ``*-filter`` hooks. Its CSS-module classes (``styles--2e9Cp``), a
  ``gdpr`` box and ``firstname``/``lastname`` ids only support: any React app may have them.

Workable's own sites (``www.workable.com``, its help centres ``help.`` and
``jobseekers.workable.com``, ``resources.``...) are marketing or help and answer None
unless a Workable application form sits in a frame from a Workable host.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from jobpilot.models.mapping import Detection
from jobpilot.models.snapshot import Field, FormSnapshot

ATS = "workable"

APPLY_HOST = "apply.workable.com"
VENDOR_HOSTS: frozenset[str] = frozenset(
    {
        "workable.com",
        "www.workable.com",
        "help.workable.com",
        "jobseekers.workable.com",
        "resources.workable.com",
        "engineering.workable.com",
        "developers.workable.com",
        "status.workable.com",
        "blog.workable.com",
        "api.workable.com",
        "marketplace.workable.com",
        "partners.workable.com",
        "careers.workable.com",
        "app.workable.com",
    }
)
"""Workable's own marketing, help, API and product hosts: never an application."""
_TENANT_HOST = re.compile(r"^(?P<account>[a-z0-9][a-z0-9-]*)\.workable\.com$")

APPLY_AND_MARKUP = 0.98
APPLY_PATH = 0.93
JOB_PAGE = 0.9
HOST_ONLY = 0.85
FRAME = 0.96
WIDGET = 0.9
PAGE_CONFIDENCE = 0.85
"""Page evidence alone: below the URL answers, above the built-in host table (0.8)."""

_JOB_PATH = re.compile(r"^(?:/(?P<account>[\w.-]+))?/j/(?P<job>[0-9A-Za-z]{6,12})(?P<rest>/[\w-]*)?/?$")
_STANDARD_HOOKS = frozenset(
    {
        "firstname",
        "lastname",
        "email",
        "phone",
        "headline",
        "address",
        "summary",
        "cover_letter",
        "resume",
        "avatar",
    }
)
_CUSTOM = re.compile(r"^(?:input_)?(CA|QA)_\d+(?:_input)?$")
_UPLOADER = re.compile(r"^input_files_input_\w+$")
_CAREERS_HOOKS = re.compile(r"^(search-jobs|careers-page-content|job-opening|[a-z-]+-filter)$")
_JOB_LIST_ID = re.compile(r"^([0-9A-F]{10}_(title|posted_on)|workable_(header|section)_[\w-]+)$")
"""Ids of the careers page's job list (``<shortcode>_posted_on``) and its sections."""
_CSS_MODULE = re.compile(r"\bstyles--[\w-]{4,6}\b")


@dataclass(frozen=True)
class Posting:
    """Account and job shortcode, when a URL names them."""

    company: str | None = None
    job_id: str | None = None
    apply: bool = False


def host_of(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower().rstrip(".")
    except ValueError:
        return ""


def is_workable_host(host: str) -> bool:
    """``apply.workable.com`` or an account's own ``<account>.workable.com``."""
    if host in VENDOR_HOSTS:
        return False
    return host == APPLY_HOST or bool(_TENANT_HOST.match(host))


def is_vendor_site(host: str) -> bool:
    return host in VENDOR_HOSTS or (host.endswith(".workable.com") and not is_workable_host(host))


def posting_of(url: str) -> Posting:
    try:
        parts = urlsplit(url)
    except ValueError:
        return Posting()
    host = (parts.hostname or "").lower()
    if not is_workable_host(host):
        return Posting()
    path = parts.path or "/"
    tenant = _TENANT_HOST.match(host)
    account = tenant.group("account") if tenant and host != APPLY_HOST else None
    m = _JOB_PATH.match(path)
    if m:
        rest = (m.group("rest") or "").strip("/")
        return Posting(m.group("account") or account, m.group("job").upper(), apply=rest == "apply")
    first = path.strip("/").split("/")[0]
    return Posting(account or first or None)


def _hooks(field: Field) -> list[str]:
    return [w.get("data-ui", "") for w in (field.attrs, *field.ancestors) if w.get("data-ui")]


def form_evidence(snapshot: FormSnapshot) -> tuple[list[str], list[str]]:
    """(Workable-own, supporting) conventions of an application form or careers page in the
    snapshot, each kind counted once."""
    own: list[str] = []
    support: list[str] = []
    fields = snapshot.fields
    standard = sum(1 for f in fields if f.attrs.get("data-ui") in _STANDARD_HOOKS)
    if standard >= 2:
        own.append("data-ui field hooks")
    idents = {i for f in fields for i in (f.id, f.name, *(m.name for m in f.members)) if i}
    if any(_CUSTOM.match(i) for i in idents):
        own.append("CA_/QA_ custom fields")
    if any(_UPLOADER.match(f.id or "") for f in fields):
        own.append("input_files_input_* uploaders")
    hooks = {h for f in fields for h in _hooks(f)}
    if "application-form" in hooks or any(b.attrs.get("data-ui") == "apply-button" for b in snapshot.buttons):
        own.append("application-form / apply-button hooks")
    if sum(1 for h in hooks if _CAREERS_HOOKS.match(h)) >= 2:
        own.append("careers page hooks")
    if any(_JOB_LIST_ID.match(i) for i in snapshot.element_ids):
        own.append("job list ids")
    if sum(1 for f in fields if any(_CSS_MODULE.search(c) for c in _classes(f))) >= 3:
        support.append("styles-- CSS modules")
    if any(f.name == "gdpr" for f in fields):
        support.append("gdpr box")
    if {"firstname", "lastname"} <= {f.id for f in fields if f.id}:
        support.append("firstname/lastname ids")
    return own, support


def _classes(field: Field) -> list[str]:
    return [field.attrs.get("class", ""), *(a.get("class", "") for a in field.ancestors)]


def _enough(own: list[str], support: list[str]) -> bool:
    """Two Workable-own conventions, or one plus two supporting ones."""
    return len(own) >= 2 or (len(own) == 1 and len(support) >= 2)


def page_evidence(snapshot: FormSnapshot) -> list[str]:
    """Why the page is Workable's when no URL says so; empty when it is not."""
    own, support = form_evidence(snapshot)
    return own + support if _enough(own, support) else []


_FORM_KINDS = frozenset(
    {
        "data-ui field hooks",
        "CA_/QA_ custom fields",
        "input_files_input_* uploaders",
        "application-form / apply-button hooks",
    }
)


def has_application_form(snapshot: FormSnapshot) -> bool:
    """Enough Workable evidence, and some of it from an application form (not the job list)."""
    own, support = form_evidence(snapshot)
    return _enough(own, support) and bool(_FORM_KINDS & set(own))


def _framed(snapshot: FormSnapshot) -> FormSnapshot:
    paths = {f.path for f in snapshot.frames if is_workable_host(host_of(f.url))}
    fields = [
        f
        for f in snapshot.fields
        if f.frame and any(f.frame == p or f.frame.startswith(p + ".") for p in paths)
    ]
    return snapshot.model_copy(update={"fields": fields, "buttons": [], "element_ids": []})


def detect(url: str, snapshot: FormSnapshot | None) -> Detection | None:
    """The Workable detection for a page, or None."""
    host = host_of(url)
    if is_workable_host(host):
        return _on_workable_host(url, snapshot)
    if snapshot is None:
        return None
    if is_vendor_site(host) and not has_application_form(_framed(snapshot)):
        return None
    for frame in snapshot.frames:
        if is_workable_host(host_of(frame.url)):
            posting = posting_of(frame.url)
            return Detection(
                ats=ATS,
                confidence=FRAME,
                company=posting.company,
                job_id=posting.job_id,
                reason=f"Workable frame {frame.url}",
            )
    if "whr_embed_hook" in snapshot.element_ids and any(
        host_of(s).endswith("workable.com") and "embed" in s for s in snapshot.scripts
    ):
        return Detection(ats=ATS, confidence=WIDGET, reason="Workable jobs widget (#whr_embed_hook)")
    evidence = page_evidence(snapshot)
    if evidence:
        return Detection(
            ats=ATS, confidence=PAGE_CONFIDENCE, reason="Workable page markup: " + ", ".join(evidence[:4])
        )
    return None


def _on_workable_host(url: str, snapshot: FormSnapshot | None) -> Detection:
    posting = posting_of(url)
    base = {"ats": ATS, "company": posting.company, "job_id": posting.job_id}
    if snapshot is not None and has_application_form(snapshot) and posting.job_id:
        return Detection(
            confidence=APPLY_AND_MARKUP, reason="Workable host and application form markup", **base
        )
    if posting.apply:
        return Detection(confidence=APPLY_PATH, reason="Workable application URL", **base)
    if posting.job_id:
        return Detection(confidence=JOB_PAGE, reason="Workable job URL", **base)
    return Detection(confidence=HOST_ONLY, reason="Workable host", **base)

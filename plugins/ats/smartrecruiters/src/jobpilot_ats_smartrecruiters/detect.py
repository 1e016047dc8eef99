"""Is this page a SmartRecruiters job ad or application, and which posting is it?

SmartRecruiters serves every tenant from ``jobs.smartrecruiters.com``:

* ``/oneclick-ui/company/<Company>/publication/<uuid>`` — the one-click application, an
  Angular app (``oc-*`` elements) built from the ``spl-*`` design-system web components,
  each with an open shadow root;
* ``/<Company>/<id>-<slug>`` (optionally under a locale segment such as ``/ni/``) — the job
  ad with its "I'm interested" button; with ``?oga=true`` the same address renders the
  one-click form in place;
* ``careers.smartrecruiters.com/<Company>`` — a company's list of openings.

Evidence, strongest first:

* an SR host *and* the one-click markup -> 0.98; the one-click path alone -> 0.93; a job ad
  path -> 0.9; any other SR application host -> 0.85. All above the built-in host table
  (0.8), so this adapter's flow is chosen;
* a company page framing the one-click form (an iframe from an SR host) -> 0.96;
* the page alone, when no URL names SmartRecruiters (a company domain proxying the form, a
  saved page): :func:`page_evidence` -> 0.85. It needs several independent SmartRecruiters
  conventions, at least one its own: the one-click app's ``oc-*`` elements, the
  design system's ``spl-*`` form components, its ``data-test`` hooks
  (``personal-info-first-name``...), its fixed control ids (``first-name-input``,
  ``confirm-email-input``, ``hiring-manager-message-input``), and on a job ad the
  ``sr:job-ad-id`` meta tag, the ``st-apply`` button and the job-ad script from
  ``c.smartrecruiters.com``. Labels such as "First name" or ``#email`` are anyone's.

SmartRecruiters' own sites (``www.smartrecruiters.com``, its help centre, the recruiter app;
the shared :data:`jobpilot.builtin.ats_hosts.VENDOR_DOMAINS`) are marketing, help or
tooling: they answer None unless an actual one-click form sits in a frame served from an SR
application host. Look-alikes (``jobs.smartrecruiters.com.example.net``) are other domains.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from jobpilot.builtin.ats_hosts import vendor_site
from jobpilot.models.mapping import Detection
from jobpilot.models.snapshot import Field, FormSnapshot

ATS = "smartrecruiters"

HOSTS: frozenset[str] = frozenset({"jobs.smartrecruiters.com", "careers.smartrecruiters.com"})
"""Hosts serving job ads, the one-click application and company job lists."""

ONECLICK = 0.93
ONECLICK_AND_MARKUP = 0.98
JOB_AD = 0.9
HOST_ONLY = 0.85
FRAME = 0.96
PAGE_CONFIDENCE = 0.85
"""Page evidence alone: below the URL answers, above the built-in host table (0.8)."""

_UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
_ONECLICK_PATH = re.compile(
    rf"^/oneclick-ui/company/(?P<company>[\w.-]+)/publication/(?P<job>{_UUID})/?$", re.IGNORECASE
)
_JOB_AD_PATH = re.compile(
    rf"^/(?:[a-z]{{2}}/)?(?P<company>[\w.-]+)/(?P<job>\d{{6,}}|{_UUID})(?:-[\w.%-]*)?/?$", re.IGNORECASE
)

_OC_TAG = re.compile(r"^oc-[a-z]")
_SPL_FORM_TAG = re.compile(r"^spl-(input|textarea|checkbox|select|phone-field|autocomplete|dropzone|radio)")
_SR_HOOK = re.compile(
    r"^(personal-info-|web-profiles-|hiring-manager-message|consent-box|resume-upload|apply-with-resume"
    r"|screening-question|experience-|education-)"
)
SYSTEM_IDS = frozenset(
    {
        "first-name-input",
        "last-name-input",
        "email-input",
        "confirm-email-input",
        "hiring-manager-message-input",
    }
)
"""The one-click form's fixed ids (on the ``spl-input`` host and its inner control alike)."""
_JOB_AD_IDS = frozenset({"st-apply", "st-jobDescription", "st-qualifications", "st-companyDescription"})


@dataclass(frozen=True)
class Posting:
    """Company identifier and posting id (publication uuid or job ad id), when a URL names them."""

    company: str | None = None
    job_id: str | None = None
    oneclick: bool = False


def host_of(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower().rstrip(".")
    except ValueError:
        return ""


def is_sr_host(host: str) -> bool:
    return host in HOSTS


def posting_of(url: str) -> Posting:
    """The posting an SR URL names (one-click publication or job ad)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return Posting()
    if not is_sr_host((parts.hostname or "").lower()):
        return Posting()
    path = parts.path or "/"
    m = _ONECLICK_PATH.match(path)
    if m:
        return Posting(m.group("company"), m.group("job"), oneclick=True)
    m = _JOB_AD_PATH.match(path)
    if m and m.group("company").lower() != "oneclick-ui":
        return Posting(m.group("company"), m.group("job"), oneclick="oga=true" in parts.query)
    return Posting()


def _wrappers(field: Field) -> list[dict[str, str]]:
    return [field.attrs, *field.ancestors]


def form_evidence(snapshot: FormSnapshot) -> tuple[list[str], list[str]]:
    """(SmartRecruiters-own, supporting) conventions of the one-click form or a job ad in the
    snapshot; each kind counted once, and markup must show on two fields to count (one
    stray class is not evidence)."""
    own: list[str] = []
    support: list[str] = []
    oc = spl = hooks = 0
    for f in snapshot.fields:
        tags = [a.get("tag", "") for a in f.ancestors]
        oc += any(_OC_TAG.match(t) for t in tags)
        spl += any(_SPL_FORM_TAG.match(t) for t in tags)
        hooks += any(_SR_HOOK.match(w.get("data-test", "")) for w in _wrappers(f))
    if oc >= 2:
        own.append("oc-* one-click elements")
    if spl >= 2:
        own.append("spl-* form components")
    if hooks >= 2:
        own.append("data-test hooks")
    ids = {f.id for f in snapshot.fields if f.id}
    if len(ids & SYSTEM_IDS) >= 2:
        own.append("one-click control ids")
    if "sr:job-ad-id" in snapshot.meta:
        own.append("sr:job-ad-id meta")
    if len(set(snapshot.element_ids) & _JOB_AD_IDS) >= 2:
        own.append("job ad st-* ids")
    if any(host_of(s) == "c.smartrecruiters.com" and "/sr-jobad/" in s for s in snapshot.scripts):
        own.append("job ad script")
    if any(f.in_shadow for f in snapshot.fields):
        support.append("controls in open shadow roots")
    if {"email-input", "confirm-email-input"} <= ids:
        support.append("e-mail confirmation pair")
    if any(b.attrs.get("data-test") in ("footer-submit", "footer-next") for b in snapshot.buttons) or any(
        "c-spl-" in f.attrs.get("class", "") for f in snapshot.fields
    ):
        support.append("spl design-system classes")
    return own, support


def _enough(own: list[str], support: list[str]) -> bool:
    """Two SmartRecruiters-own conventions, or one plus two supporting ones."""
    return len(own) >= 2 or (len(own) == 1 and len(support) >= 2)


def page_evidence(snapshot: FormSnapshot) -> list[str]:
    """Why the page is SmartRecruiters' when no URL says so; empty when it is not."""
    own, support = form_evidence(snapshot)
    return own + support if _enough(own, support) else []


def has_oneclick_form(snapshot: FormSnapshot) -> bool:
    """The one-click form's own markup is in the snapshot (not only a job ad)."""
    own, _ = form_evidence(snapshot)
    return bool({"oc-* one-click elements", "one-click control ids", "spl-* form components"} & set(own))


def sr_frame_fields(snapshot: FormSnapshot) -> FormSnapshot:
    """The snapshot cut down to the fields of frames served from an SR host."""
    paths = {f.path for f in snapshot.frames if is_sr_host(host_of(f.url))}
    fields = [
        f
        for f in snapshot.fields
        if f.frame and any(f.frame == p or f.frame.startswith(p + ".") for p in paths)
    ]
    return snapshot.model_copy(update={"fields": fields, "element_ids": [], "meta": {}, "scripts": []})


def detect(url: str, snapshot: FormSnapshot | None) -> Detection | None:
    """The SmartRecruiters detection for a page, or None."""
    host = host_of(url)
    if is_sr_host(host):
        return _on_sr_host(url, snapshot)
    if snapshot is None:
        return None
    framed = sr_frame_fields(snapshot)
    if vendor_site(host) == ATS and not (_enough(*form_evidence(framed)) and has_oneclick_form(framed)):
        return None  # marketing / help, even when it shows SR jobs
    for frame in snapshot.frames:
        posting = posting_of(frame.url)
        if posting.job_id is not None:
            return Detection(
                ats=ATS,
                confidence=FRAME,
                company=posting.company,
                job_id=posting.job_id,
                reason=f"SmartRecruiters frame {frame.url}",
            )
    evidence = page_evidence(snapshot)
    if evidence:
        return Detection(
            ats=ATS,
            confidence=PAGE_CONFIDENCE,
            reason="SmartRecruiters page markup: " + ", ".join(evidence[:4]),
        )
    return None


def _on_sr_host(url: str, snapshot: FormSnapshot | None) -> Detection:
    posting = posting_of(url)
    base = {"ats": ATS, "company": posting.company, "job_id": posting.job_id}
    if snapshot is not None and has_oneclick_form(snapshot):
        return Detection(
            confidence=ONECLICK_AND_MARKUP, reason="SmartRecruiters host and one-click markup", **base
        )
    if posting.oneclick:
        return Detection(confidence=ONECLICK, reason="SmartRecruiters one-click URL", **base)
    if posting.job_id is not None:
        return Detection(confidence=JOB_AD, reason="SmartRecruiters job ad URL", **base)
    return Detection(confidence=HOST_ONLY, reason="SmartRecruiters host", **base)

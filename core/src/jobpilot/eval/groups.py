"""Which group a labelled page belongs to: its ATS, or its tenant (the employer).

Leave-one-out figures hold out whole groups, so two pages of one employer must land in the
same group even when their URLs differ in host (``boards.`` and ``job-boards.`` Greenhouse),
case (``ShiftKey`` and ``Shiftkey``) or path shape (SmartRecruiters' ``oneclick-ui/company/X``
and ``/X/123-job``). A tenant is therefore ``<ats>:<name>`` where the name comes from where
each ATS puts it (path segment, subdomain, query parameter), lower-cased; anything else is
named by its registrable domain, and a page without a URL by its own name.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

_PATH_TENANT_HOSTS = (
    "greenhouse.io",
    "lever.co",
    "ashbyhq.com",
    "apply.workable.com",
    "jobs.smartrecruiters.com",
    "ats.rippling.com",
    "jobs.jobvite.com",
)
"""Hosts every employer shares: the tenant is a path segment."""

_PATH_FILLER = frozenset(
    {"embed", "job_app", "oneclick-ui", "company", "ni", "careers", "jobs", "j", "en", "en-us",
     "en-gb", "de", "fr", "es", "nl", "publication"}
)
"""Path segments that come before the tenant on some of those hosts."""

_QUERY_TENANT = {"greenhouse.io": "for", "successfactors.com": "company",
                 "successfactors.eu": "company"}
"""Hosts that name the tenant in a query parameter (Greenhouse embeds, SuccessFactors)."""

_HOST_PREFIXES = ("careers-", "jobs-", "career-", "us-", "uscareers-", "externalcareers-",
                  "securitycareers-", "teachers-")
"""iCIMS-style subdomain prefixes in front of the employer's name."""

_TWO_LEVEL = frozenset({"co.uk", "org.uk", "ac.uk", "gov.uk", "com.au", "co.nz", "co.jp",
                        "com.br", "co.za", "co.in"})


def registrable(host: str) -> str:
    """``careers.acme.co.uk`` -> ``acme.co.uk`` (a short two-label suffix list is enough to
    group a corpus's pages by employer)."""
    labels = host.lower().rstrip(".").split(".")
    keep = 3 if ".".join(labels[-2:]) in _TWO_LEVEL else 2
    return ".".join(labels[-keep:])


def tenant_of(url: str | None, ats: str, fallback: str) -> str:
    """The employer a page belongs to, as ``<ats>:<name>``; ``fallback`` (the page name)
    when the page has no URL."""
    if not url:
        return f"{ats}:{fallback}"
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    query = parse_qs(parts.query)
    for suffix, param in _QUERY_TENANT.items():
        if host.endswith(suffix) and query.get(param):
            return f"{ats}:{query[param][0].lower()}"
    if any(host == h or host.endswith("." + h) or host.endswith(h) for h in _PATH_TENANT_HOSTS):
        segments = [s.lower() for s in parts.path.split("/") if s]
        name = next((s for s in segments if s not in _PATH_FILLER), "")
        return f"{ats}:{name or host}"
    dom = registrable(host)
    labels = host.split(".")
    if len(labels) > 2 and ats != "none" and ats in dom and labels[0] != "www":
        first = labels[0]
        for prefix in _HOST_PREFIXES:
            if first.startswith(prefix) and len(first) > len(prefix):
                first = first[len(prefix):]
                break
        return f"{ats}:{first}"
    return f"{ats}:{dom}"


def group_of(by: str, *, ats: str, tenant: str) -> str:
    """The group of a page for ``--by ats|tenant``."""
    if by == "ats":
        return ats
    if by == "tenant":
        return tenant
    raise ValueError(f"unknown grouping {by!r}: use ats or tenant")

"""Which ATS a page is, from its host name alone.

A table of the hosts each ATS serves application pages from. It answers with moderate
confidence (0.8): an ATS adapter that also reads the page answers higher and wins.

The vendors' own sites (marketing, help centres, docs, recruiter apps: www.greenhouse.com,
support.greenhouse.io, help.lever.co, www.ashbyhq.com, www.workday.com ...) are not
application pages, even when they embed the vendor's own job board. :data:`VENDOR_DOMAINS`
is the one list of those domains; :func:`vendor_site` is shared with
:mod:`jobpilot.builtin.ats_markup` (and the adapters) so that every detector draws the line
in the same place.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from jobpilot import hookimpl
from jobpilot.models.mapping import Detection
from jobpilot.models.snapshot import FormSnapshot

HOSTS: tuple[tuple[str, str], ...] = (
    (r"(boards|job-boards)(\.eu)?\.greenhouse\.io", "greenhouse"),
    (r"jobs(\.eu)?\.lever\.co", "lever"),
    (r"[\w-]+\.wd\d+\.myworkdayjobs\.com|wd\d+\.myworkdaysite\.com", "workday"),
    (r"jobs\.ashbyhq\.com", "ashby"),
    (r"(jobs|careers)\.smartrecruiters\.com", "smartrecruiters"),
    (r"[\w-]+\.icims\.com", "icims"),
    (r"[\w-]+\.taleo\.net", "taleo"),
    (r"[\w.-]+\.oraclecloud\.com", "oracle"),
    (r"jobs\.jobvite\.com|[\w-]+\.jobvite\.com", "jobvite"),
    (r"[\w-]+\.bamboohr\.com", "bamboohr"),
    (r"[\w-]+\.successfactors\.(com|eu)|[\w-]+\.sapsf\.(com|eu)", "successfactors"),
    (r"apply\.workable\.com|[\w-]+\.workable\.com", "workable"),
    (r"[\w-]+\.recruitee\.com", "recruitee"),
    (r"[\w-]+(\.(na|eu))?\.teamtailor\.com", "teamtailor"),
    (r"[\w-]+\.breezy\.hr", "breezy"),
    (r"[\w-]+\.jobs\.personio\.(com|de)", "personio"),
    (r"ats\.rippling\.com", "rippling"),
)
VENDOR_DOMAINS: dict[str, tuple[str, ...]] = {
    "greenhouse": ("greenhouse.com", "greenhouse.io"),
    "lever": ("lever.co",),
    "workday": ("workday.com",),
    "ashby": ("ashbyhq.com",),
    "smartrecruiters": ("smartrecruiters.com",),
    "icims": ("icims.com",),
    "jobvite": ("jobvite.com",),
    "bamboohr": ("bamboohr.com",),
    "workable": ("workable.com",),
    "recruitee": ("recruitee.com",),
    "teamtailor": ("teamtailor.com",),
    "breezy": ("breezy.hr",),
    "personio": ("personio.com", "personio.de"),
    "rippling": ("rippling.com",),
}
"""Each ATS vendor's own domains. A host under one of them is the vendor's marketing, help,
docs or product site unless it is one of that ATS's application hosts (:data:`HOSTS`) and
does not start with a site prefix such as ``www.``. Employee tenants (``*.myworkday.com``)
and cloud suites whose vendor sells far more than an ATS (Oracle, SAP) are not listed."""

_NOT_APPLICATIONS = re.compile(r"^(www|support|help|docs|developers?|status|blog)\.")
"""First labels that never name an application site, on any host of the table."""
_VENDOR_PREFIX = re.compile(
    r"^(www|support|help|helpcenter|docs|developers?|api|status|blog|community|learn|resources|"
    r"partners?|marketplace|go|info|app|hire|login|auth)\."
)
"""First labels of hosts under a vendor domain that are the vendor's own sites (marketing,
help, the recruiter app) even where the ATS gives tenants subdomains of the same domain."""
_COMPILED = tuple((re.compile(rf"^(?:{p})$"), slug) for p, slug in HOSTS)


def _normal(host: str) -> str:
    return host.lower().rstrip(".")


def vendor_site(host: str) -> str | None:
    """The ATS whose own marketing/help/product site this host is, or None.

    ``www.greenhouse.com`` -> greenhouse, ``help.lever.co`` -> lever, while the application
    hosts under the same domains (``job-boards.greenhouse.io``, ``jobs.lever.co``,
    ``acme.recruitee.com``) and look-alikes (``clever.com``) -> None.
    """
    host = _normal(host)
    for slug, domains in VENDOR_DOMAINS.items():
        if not any(host == d or host.endswith("." + d) for d in domains):
            continue
        if host in domains or _VENDOR_PREFIX.match(host):
            return slug
        if not any(rx.match(host) and s == slug for rx, s in _COMPILED):
            return slug
        return None
    return None


def ats_for_host(host: str) -> str | None:
    """The ATS serving application pages from this host, or None (vendor sites included)."""
    host = _normal(host)
    if _NOT_APPLICATIONS.match(host) or vendor_site(host) is not None:
        return None
    for rx, slug in _COMPILED:
        if rx.match(host):
            return slug
    return None


@hookimpl
def detect_ats(url: str, snapshot: FormSnapshot | None) -> Detection | None:
    """The host table's answer for the page's own address (0.8), or None."""
    slug = ats_for_host(urlsplit(url).hostname or "")
    if slug is None:
        return None
    return Detection(ats=slug, confidence=0.8, reason="host name")


def is_vendor_host(host: str, domains: tuple[str, ...] | list[str]) -> bool:
    """True when ``host`` is an ATS vendor's own site under one of ``domains``: the domain
    itself or a site host (``www.``, ``help.``, ``docs.``, ``app.`` ...). The line
    :func:`vendor_site` draws, for an adapter whose ATS :data:`VENDOR_DOMAINS` does not list
    (the scaffold's ``detect.py`` uses it with its own ``VENDOR_DOMAINS``)."""
    host = _normal(host)
    domains = tuple(d.lower().strip(".") for d in domains)
    if not any(host == d or host.endswith("." + d) for d in domains):
        return False
    return host in domains or bool(_VENDOR_PREFIX.match(host))

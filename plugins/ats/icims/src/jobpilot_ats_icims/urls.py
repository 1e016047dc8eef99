"""What an iCIMS career-portal URL says: the portal host, the job and the step.

iCIMS gives every customer portal a host of its own under ``icims.com``, named
``<purpose>-<customer>.icims.com`` (``careers-acme``, ``jobs-acme``, ``uscareers-acme``,
``externalcareers-acme``, ``us-acme``...), and serves the apply flow under
``/jobs/<job id>/<slug>/<step>`` (``job``, ``login``, ``candidate``, ``questions``...), the
portal pages under ``/jobs/intro``, ``/jobs/search`` and ``/jobs/login``. A URL with
``in_iframe=1`` is the iCIMS content itself, without it the customer's branded page that frames
it. Hosts that are not candidate portals: iCIMS's own sites (``www.icims.com``, help and
community, the shared vendor list), the recruiter and onboarding apps of each customer
(``login-<customer>``, ``onboarding-<customer>``) and the asset hosts (``cdn02.icims.com``,
``images.icims.com``, ``*.i.icims.com``).

Candidate accounts belong to a portal, so the portal host is the tenant key the credential
store files them under.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from jobpilot.builtin.ats_hosts import vendor_site

_PORTAL_HOST = re.compile(r"^(?P<purpose>[a-z0-9]+)-(?P<customer>[a-z0-9][a-z0-9-]*)\.icims\.com$")
_NOT_PORTALS = frozenset(
    {
        "login",
        "onboarding",
        "hire",
        "api",
        "sso",
        "www",
        "cdn",
        "developer",
        "community",
        "help",
        "support",
        "status",
    }
)
"""Purposes of ``<purpose>-<name>.icims.com`` hosts that are not a candidate portal: a
customer's recruiter and onboarding apps, iCIMS's own developer and help sites."""
_JOB_PATH = re.compile(r"^/jobs/(?P<job>\d+)(?:/(?P<slug>[^/]*))?(?:/(?P<step>[a-z_-]+))?/?$", re.IGNORECASE)


@dataclass(frozen=True)
class PortalUrl:
    host: str
    customer: str
    job_id: str | None = None
    step: str | None = None
    """``job``, ``login``, ``candidate``, ``questions`` ... (None off the apply flow)."""
    in_iframe: bool = False

    @property
    def tenant_key(self) -> str:
        """Where this portal's candidate accounts live."""
        return self.host


def host_of(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower().rstrip(".")
    except ValueError:
        return ""


def is_portal_host(host: str) -> bool:
    m = _PORTAL_HOST.match(host)
    if m is None:
        return False
    return m["purpose"] not in _NOT_PORTALS and vendor_site(host) is None


def parse(url: str) -> PortalUrl | None:
    """A candidate-portal URL of iCIMS; None for anything else (vendor and asset hosts,
    look-alikes, other schemes)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https"):
        return None
    host = (parts.hostname or "").lower().rstrip(".")
    m = _PORTAL_HOST.match(host)
    if not m or not is_portal_host(host):
        return None
    path = parts.path or "/"
    query = parse_qs(parts.query)
    in_iframe = (query.get("in_iframe") or [""])[0] == "1"
    jm = _JOB_PATH.match(path)
    if jm:
        return PortalUrl(
            host=host,
            customer=m["customer"],
            job_id=jm["job"],
            step=(jm["step"] or "job").lower(),
            in_iframe=in_iframe,
        )
    return PortalUrl(host=host, customer=m["customer"], in_iframe=in_iframe)

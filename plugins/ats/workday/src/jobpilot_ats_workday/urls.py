"""What a Workday URL says: tenant, data center, career site and requisition.

Workday serves candidate sites from two host shapes:

* ``<tenant>.wd<N>.myworkdayjobs.com/[<lang>/]<site>/job/<location>/<title>_<req>[/apply/...]``
* ``wd<N>.myworkdaysite.com/[<lang>/]recruiting/<tenant>/<site>/job/...``

``N`` is the data center (wd1 ... wd501 and counting). Accounts belong to a tenant, so the
tenant key (:func:`tenant_key`) is what site credentials are stored under.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

_JOBS_HOST = re.compile(r"^(?P<tenant>[a-z0-9][a-z0-9-]*)\.wd(?P<dc>\d{1,4})\.myworkdayjobs\.com$")
_SITE_HOST = re.compile(r"^wd(?P<dc>\d{1,4})\.myworkdaysite\.com$")
_LANG = re.compile(r"^[a-z]{2}(-[a-z]{2,4})?$", re.IGNORECASE)
_REQ = re.compile(r"_([A-Za-z]{0,6}-?\d[\w-]*)$")


@dataclass(frozen=True)
class WorkdayUrl:
    host: str
    tenant: str
    data_center: int
    site: str | None = None
    job_id: str | None = None
    apply_path: str | None = None
    """What follows ``/apply`` (``""`` for the chooser, ``applyManually`` ...); None off the
    apply flow."""

    @property
    def tenant_key(self) -> str:
        """Where this tenant's candidate accounts live: one key per tenant."""
        if self.host.endswith(".myworkdaysite.com"):
            return f"{self.host}/{self.tenant}"
        return self.host


def parse(url: str) -> WorkdayUrl | None:
    """Parse a Workday candidate-site URL; None for any other URL (look-alikes included)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https"):
        return None
    host = (parts.hostname or "").lower().rstrip(".")
    segments = [unquote(s) for s in parts.path.split("/") if s]
    if segments and _LANG.match(segments[0]) and segments[0].lower() not in ("job", "apply"):
        segments = segments[1:]
    m = _JOBS_HOST.match(host)
    if m:
        tenant, dc = m["tenant"], int(m["dc"])
        rest = segments
    else:
        m = _SITE_HOST.match(host)
        if not m or len(segments) < 2 or segments[0].lower() != "recruiting":
            return None
        tenant, dc = segments[1].lower(), int(m["dc"])
        rest = segments[2:]
    site = rest[0] if rest and rest[0].lower() not in ("job", "details") else None
    job_id = None
    apply_path = None
    lowered = [s.lower() for s in rest]
    if "job" in lowered or "details" in lowered:
        start = lowered.index("job") if "job" in lowered else lowered.index("details")
        tail = rest[start + 1 :]
        if "apply" in (t.lower() for t in tail):
            i = [t.lower() for t in tail].index("apply")
            apply_path = "/".join(tail[i + 1 :])
            tail = tail[:i]
        if tail:
            rm = _REQ.search(tail[-1])
            job_id = rm.group(1) if rm else None
    return WorkdayUrl(
        host=host, tenant=tenant, data_center=dc, site=site, job_id=job_id, apply_path=apply_path
    )


def tenant_key(url: str) -> str | None:
    parsed = parse(url)
    return parsed.tenant_key if parsed else None

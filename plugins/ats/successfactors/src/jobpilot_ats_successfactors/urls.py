"""What a SuccessFactors career-site URL says: the data center host, the company and the job.

SAP SuccessFactors Recruiting serves every customer's career site from shared data-center
hosts, ``career<N>.successfactors.com`` / ``.eu`` (and ``career<N>.sapsf.com`` / ``.eu`` /
``.cn``), naming the customer in the ``company`` parameter:
``/career?company=acme&career_ns=job_listing&career_job_req_id=123`` (``career_ns`` is the
page: ``job_listing``, ``job_search``, ``login``, ``job_application`` ...); ``/careers`` and
``/sfcareer/...`` paths are the same site. Company-branded sites built with the Career Site
Builder live on the customer's own domain and are recognised from their markup
(:mod:`jobpilot_ats_successfactors.markup`). The employee application
(``performancemanager<N>.successfactors.com``), SAP's and SuccessFactors' own sites are not
career sites.

Candidate accounts belong to a company, so ``host/company`` is the tenant key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

_CAREER_HOST = re.compile(r"^career\d*\.(successfactors\.(com|eu)|sapsf\.(com|eu|cn))$")


@dataclass(frozen=True)
class CareerUrl:
    host: str
    company: str | None
    job_id: str | None = None
    page: str | None = None
    """``career_ns``: ``job_listing``, ``login``, ``job_application`` ... (None when absent)."""

    @property
    def tenant_key(self) -> str:
        return f"{self.host}/{self.company}" if self.company else self.host


def host_of(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower().rstrip(".")
    except ValueError:
        return ""


def is_career_host(host: str) -> bool:
    return bool(_CAREER_HOST.match(host))


def parse(url: str) -> CareerUrl | None:
    """A SuccessFactors career-site URL on a data-center host; None for anything else."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https"):
        return None
    host = (parts.hostname or "").lower().rstrip(".")
    if not is_career_host(host):
        return None
    q = parse_qs(parts.query)

    def first(name: str) -> str | None:
        values = q.get(name)
        return values[0] if values and values[0] else None

    company = first("company")
    return CareerUrl(
        host=host,
        company=company.lower() if company else None,
        job_id=first("career_job_req_id"),
        page=first("career_ns"),
    )

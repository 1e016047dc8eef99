"""Which ATS a page is, from its host name alone.

A table of the hosts each ATS serves application pages from. It answers with moderate
confidence (0.8): an ATS adapter that also reads the page answers higher and wins. Vendor
marketing and help sites (www.greenhouse.com, support.lever.co ...) are not in the table.
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
    (r"[\w-]+\.teamtailor\.com", "teamtailor"),
    (r"[\w-]+\.breezy\.hr", "breezy"),
    (r"[\w-]+\.jobs\.personio\.(com|de)", "personio"),
    (r"ats\.rippling\.com", "rippling"),
)
_NOT_APPLICATIONS = re.compile(r"^(www|support|help|docs|developers?|status|blog)\.")
_COMPILED = tuple((re.compile(rf"^(?:{p})$"), slug) for p, slug in HOSTS)


def ats_for_host(host: str) -> str | None:
    host = host.lower().rstrip(".")
    if _NOT_APPLICATIONS.match(host):
        return None
    for rx, slug in _COMPILED:
        if rx.match(host):
            return slug
    return None


@hookimpl
def detect_ats(url: str, snapshot: FormSnapshot | None) -> Detection | None:
    slug = ats_for_host(urlsplit(url).hostname or "")
    if slug is None:
        return None
    return Detection(ats=slug, confidence=0.8, reason="host name")

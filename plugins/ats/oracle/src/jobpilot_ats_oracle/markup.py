"""Oracle Recruiting Cloud: its URLs and its own markup, read off a snapshot.

Candidate Experience sites live at
``https://<pod>.fa.<dc>.oraclecloud.com/hcmUI/CandidateExperience/<lang>/sites/<site>/...``
(``/job/<id>``, ``/job/<id>/apply/email``, ``.../apply/section/<n>``, ``/jobs`` searches,
``/join-talent-community``); the site (``CX_1``...) is the tenant's career site. The app is
knockout and Oracle JET: its script comes from ``static.oracle.com/cdn/fa/oj-hcm-ce/``, the
customer's theme from ``/hcmUI/CandExpStatic/``; the apply flow is made of ``input-row``
blocks (``input-row__control`` inputs, ``labelText-<id>`` labels), ``cx-select`` comboboxes
and pill lists (``cx-select-pills-container``), visually hidden radios, ``apply-flow-block--*``
sections; regulatory questions carry ``ORA_*`` names (``ORA_DISABILITY_STATUS``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from jobpilot.models.snapshot import Button, Field, FormSnapshot

_HOST = re.compile(r"^[a-z0-9-]+(\.[a-z0-9-]+)*\.oraclecloud\.com$")
_PATH = re.compile(
    r"^/hcmUI/CandidateExperience/(?P<lang>[a-zA-Z-]+)/sites/(?P<site>[\w-]+)(?:/(?P<rest>.*))?$"
)
_JOB = re.compile(r"(?:^|/)(?:job|requisitions/preview)/(?P<job>\d+)")
_CLASSES = re.compile(
    r"(?:^|\s)(apply-flow-block|input-row__control|cx-select-(input|pills-container|pill-section))\b"
)


@dataclass(frozen=True)
class SiteUrl:
    host: str
    site: str
    job_id: str | None
    step: str | None
    """``email``, ``pin``, ``section/1``, ``thank-you`` ... under ``/apply/``; None elsewhere."""

    @property
    def tenant_key(self) -> str:
        return f"{self.host}/{self.site}"

    @property
    def pod(self) -> str:
        return self.host.split(".", 1)[0]


def host_of(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower().rstrip(".")
    except ValueError:
        return ""


def parse(url: str) -> SiteUrl | None:
    """A Candidate Experience URL; None for other Oracle Cloud pages and other hosts."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    host = (parts.hostname or "").lower().rstrip(".")
    if parts.scheme not in ("http", "https") or not _HOST.match(host):
        return None
    m = _PATH.match(parts.path or "")
    if not m:
        return None
    rest = m["rest"] or ""
    job = _JOB.search(rest)
    step = rest.split("/apply/", 1)[1].strip("/") if "/apply/" in rest else None
    return SiteUrl(host=host, site=m["site"], job_id=job["job"] if job else None, step=step)


def name(field: Field) -> str:
    """The control's own name (Oracle names inputs after their attribute: ``lastName``,
    ``300000041001`` for a question); the id without its counter suffix when unnamed."""
    if field.name:
        return field.name
    return re.sub(r"-\d+$", "", field.id or "")


def classes(item: Field | Button) -> list[str]:
    out = [item.attrs.get("class", "")]
    if isinstance(item, Field):
        out += [a.get("class", "") for a in item.ancestors]
    return [c for c in out if c]


def in_timeline_editor(field: Field) -> bool:
    return any("timeline-editor" in c for c in classes(field))


@dataclass(frozen=True)
class Evidence:
    own: frozenset[str]

    @property
    def strong(self) -> bool:
        return len(self.own) >= 2 or "Candidate Experience app script" in self.own


def evidence(snapshot: FormSnapshot) -> Evidence:
    own: set[str] = set()
    for script in snapshot.scripts:
        try:
            parts = urlsplit(script)
        except ValueError:
            continue
        if (parts.hostname or "") == "static.oracle.com" and "/oj-hcm-ce/" in parts.path:
            own.add("Candidate Experience app script")
        elif parts.path.startswith("/hcmUI/CandExpStatic/"):
            own.add("CandExpStatic theme script")
    if sum(1 for f in snapshot.fields if any(_CLASSES.search(c) for c in classes(f))) >= 2:
        own.add("apply-flow input-rows")
    if any(i.startswith("labelText-") for i in snapshot.element_ids[:3000]):
        own.add("labelText- label ids")
    if any("ORA_" in name(f) for f in snapshot.fields):
        own.add("ORA_ regulatory fields")
    if any(f.attrs.get("data-qa") in ("searchKeywordsInput", "searchLocationInput") for f in snapshot.fields):
        own.add("job search data-qa hooks")
    return Evidence(frozenset(own))


def button(snapshot: FormSnapshot, *texts: str) -> Button | None:
    wanted = [t.lower() for t in texts]
    for t in wanted:
        for b in snapshot.buttons:
            label = (b.text or b.attrs.get("aria-label", "")).strip().lower()
            if label == t and b.visible and not b.disabled:
                return b
    return None

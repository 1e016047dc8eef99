"""Reading SuccessFactors' own markup off a snapshot.

Two generations of pages: the classic career site (``form#careerform`` with hidden
``career_company`` / ``career_ns`` / ``career_job_req_id`` inputs, ``renderCareerTopNav``,
the ``rcmcareerThemingCss`` stylesheet, ``applyButton_top``, resources under
``/verp/vmod_v1/ui/``), and the UI5 application, whose controls carry generated ids made of
the view prefix and SuccessFactors' own field id (``__xmlview0--firstName-inner``; a list
clone adds its list and row: ``__xmlview0--employer-__xmlview0--workRows-1-inner``).
Company-branded Career Site Builder pages load their assets from ``rmkcdn.successfactors.com``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from jobpilot.models.snapshot import Button, Field, FormSnapshot

_UI5_ID = re.compile(r"^(?:__\w+?\d*|[\w.]+)--(?P<rest>.+)$")
_SUFFIX = re.compile(r"-(inner|fu|CB|label|text)$")
_CLONE = re.compile(r"^(?P<field>[A-Za-z][\w]*)-(?:__\w+?\d*--)?(?P<list>\w+)-(?P<n>\d+)$")
OWN_IDS = frozenset(
    {
        "careerform",
        "career_company",
        "career_ns",
        "career_job_req_id",
        "renderCareerTopNav",
        "rcmcareerThemingCss",
        "jobAppPageTitle",
        "applyButton_top",
        "applyButton_bottom",
        "emailJobTopButton",
        "sfApplyApp",
    }
)
"""Element ids of SuccessFactors career-site pages (the classic site and its apply page)."""
UI5_FIELDS = frozenset(
    {
        "contactEmail",
        "cellPhone",
        "homePhone",
        "outsideWorkExperience",
        "insideWorkExperience",
        "dataPrivacyAccept",
    }
)
"""SuccessFactors standard field ids that give a UI5 control away as a Recruiting form."""
ROW_LISTS = {
    "workRows": "work",
    "outsideWorkExperience": "work",
    "eduRows": "education",
    "education": "education",
}


def field_id(item: Field | Button) -> str:
    """SuccessFactors' own id of a control: ``firstName`` for ``__xmlview0--firstName-inner``;
    the raw id (or name) for classic pages."""
    raw = item.id or (item.name if isinstance(item, Field) else None) or ""
    m = _UI5_ID.match(raw)
    if not m:
        return raw
    rest = _SUFFIX.sub("", m["rest"])
    return rest


def is_ui5(item: Field | Button) -> bool:
    return bool(_UI5_ID.match(item.id or ""))


@dataclass(frozen=True)
class RowPosition:
    section: str
    index: int
    part: str


def row_of(field: Field) -> RowPosition | None:
    """The Work Experience / Education row of a UI5 list clone."""
    m = _CLONE.match(field_id(field))
    if not m or m["list"] not in ROW_LISTS:
        return None
    return RowPosition(ROW_LISTS[m["list"]], int(m["n"]), m["field"])


def _script_kind(url: str) -> str | None:
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    host = (parts.hostname or "").lower()
    if host == "rmkcdn.successfactors.com" or host.endswith(".rmkcdn.successfactors.com"):
        return "Career Site Builder assets"
    if parts.path.startswith("/verp/vmod_v1/ui/"):
        return "SuccessFactors UI resources"
    return None


@dataclass(frozen=True)
class Evidence:
    own: frozenset[str]

    @property
    def strong(self) -> bool:
        return len(self.own) >= 2


def evidence(snapshot: FormSnapshot) -> Evidence:
    own: set[str] = set()
    ids = set(snapshot.element_ids)
    found = sorted(ids & OWN_IDS)
    if "careerform" in found and ("career_ns" in found or "career_company" in found):
        own.add("careerform with career_* inputs")
    for i in found:
        if i not in ("careerform", "career_ns", "career_company"):
            own.add(f"id {i}")
    ui5 = {field_id(f) for f in snapshot.fields if is_ui5(f)}
    if ui5 & UI5_FIELDS or any(row_of(f) for f in snapshot.fields):
        own.add("UI5 Recruiting fields")
    for script in snapshot.scripts:
        kind = _script_kind(script)
        if kind:
            own.add(kind)
    return Evidence(frozenset(own))


def button(snapshot: FormSnapshot, *texts: str, visible: bool = True) -> Button | None:
    wanted = [t.lower() for t in texts]
    for t in wanted:
        for b in snapshot.buttons:
            label = (b.text or b.attrs.get("value", "") or b.attrs.get("aria-label", "")).strip().lower()
            if label == t and (b.visible or not visible) and not b.disabled:
                return b
    return None


def button_by_id(snapshot: FormSnapshot, *ids: str) -> Button | None:
    for i in ids:
        for b in snapshot.buttons:
            if (b.id == i or field_id(b) == i) and b.visible and not b.disabled:
                return b
    return None

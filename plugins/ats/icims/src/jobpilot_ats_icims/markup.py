"""Reading iCIMS's own markup off a snapshot.

iCIMS portals name what they render: ``iCIMS_*`` classes and ids on the content
(``iCIMS_MainWrapper``, ``iCIMS_Header``, ``iCIMS_PrimaryButton``, ``iCIMS_InfoData``),
``icims_content_iframe`` for the frame a customer's page holds, ``css_loginName`` on the
login step, ``<person>_PersonProfileFields.<Field>`` on the candidate profile (``-1_`` for a
person not saved yet), ``rcf<number>`` for the customer's own questions and ``jsb_f_*`` for the
job-search box. The platform's scripts come from iCIMS's asset hosts, and Jibe career sites
(an iCIMS product) load theirs from ``jibecdn.com``. Pure functions of a snapshot, so the
detector, the mapper and the flow read the page the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from jobpilot.models.snapshot import Button, Field, FormSnapshot

from jobpilot_ats_icims import urls

_PERSON_PREFIX = re.compile(r"^-?\d+_")
_PROFILE = re.compile(r"(?:^|\.)PersonProfileFields\.(?P<field>[\w.]+)$")
_CUSTOM = re.compile(r"^rcf\d+$")
_ROW = re.compile(r"^(?P<section>WorkExperience|Experience|Employment|Education)_(?P<n>\d+)_(?P<part>\w+)$")
_ROW_LEGEND = re.compile(r"^(?P<section>work experience|education)\s+(?P<n>\d+)$", re.IGNORECASE)
ICIMS_CLASS = re.compile(r"(?:^|\s)iCIMS_[A-Za-z]")
OWN_IDS = frozenset(
    {
        "icims_content_iframe",
        "noscript_icims_content_iframe",
        "icims_iframe_span",
        "iCIMS_Header",
        "iCIMS_NoCookiesMessage",
        "icims_skipLink1",
        "icims_skipLink2",
        "iCIMS_ErrorMessage",
        "iCIMS_ErrorMessage_login",
        "iCIMS_SortSelect",
    }
)
"""Element ids only iCIMS portals (and the customer pages framing them) use."""
SEARCH_NAMES = frozenset(
    {"searchkeyword", "searchcategory", "searchpositiontype", "searchlocation", "searchzip", "searchradius"}
)
LOGIN_EMAIL = "css_loginName"
LOGIN_PASSWORD = "css_password"


def base_name(field: Field) -> str:
    """The control's iCIMS name without the person prefix (``-1_``): its name, else its id."""
    raw = field.name or field.id or ""
    return _PERSON_PREFIX.sub("", raw)


def profile_field(field: Field) -> str:
    """``FirstName`` for ``-1_PersonProfileFields.FirstName`` ("" for other controls)."""
    m = _PROFILE.search(base_name(field))
    return m["field"] if m else ""


def is_custom_question(field: Field) -> bool:
    """One of the customer's own questions (``rcf<number>``): labelled, not named."""
    return bool(_CUSTOM.match(base_name(field)))


def is_search(field: Field) -> bool:
    """The portal's job-search box (keyword, category, location, radius, sort)."""
    name = base_name(field).lower()
    fid = field.id or ""
    return (
        name in SEARCH_NAMES
        or name == "searchrelation"
        or fid.startswith("jsb_f_")
        or fid == "iCIMS_SortSelect"
    )


@dataclass(frozen=True)
class RowPosition:
    """Where a control sits in a repeated section: ``work`` or ``education``, entry 0..n."""

    section: str
    index: int
    part: str


def row_of(field: Field) -> RowPosition | None:
    """The Work Experience / Education entry a control belongs to (from its name)."""
    m = _ROW.match(base_name(field))
    if not m:
        return None
    section = "education" if m["section"] == "Education" else "work"
    return RowPosition(section, int(m["n"]), m["part"])


def classes(item: Field | Button) -> list[str]:
    out = [item.attrs.get("class", "")]
    if isinstance(item, Field):
        out += [a.get("class", "") for a in item.ancestors]
    return [c for c in out if c]


def has_icims_class(item: Field | Button) -> bool:
    return any(ICIMS_CLASS.search(c) for c in classes(item))


def _script_host_kind(url: str) -> str | None:
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return None
    if host.endswith(".icims.com") and not urls.is_portal_host(host):
        return "iCIMS platform script"
    if host == "jibecdn.com" or host.endswith(".jibecdn.com"):
        return "Jibe (iCIMS) career-site script"
    return None


@dataclass(frozen=True)
class Evidence:
    """What on a page says iCIMS, strongest kinds first."""

    own: frozenset[str]
    """iCIMS's own conventions (ids, ``iCIMS_`` classes, field names, platform scripts)."""
    weak: frozenset[str]
    """Hints that name iCIMS without being its markup (a Jibe career site's scripts, a meta
    tag pointing at an iCIMS portal)."""

    @property
    def strong(self) -> bool:
        """Enough to call a page iCIMS without any iCIMS URL: two independent own
        conventions, or the content iframe id the portal embed always uses."""
        return len(self.own) >= 2 or any("icims_content_iframe" in o for o in self.own)


def evidence(snapshot: FormSnapshot) -> Evidence:
    own: set[str] = set()
    weak: set[str] = set()
    ids = set(snapshot.element_ids)
    for i in sorted(ids & OWN_IDS):
        own.add(f"id {i}")
    if any(i.startswith("iCIMS_") for i in ids - OWN_IDS):
        own.add("iCIMS_ ids")
    if sum(1 for f in snapshot.fields if has_icims_class(f)) >= 2 or any(
        has_icims_class(b) for b in snapshot.buttons
    ):
        own.add("iCIMS_ classes")
    for f in snapshot.fields:
        if profile_field(f):
            own.add("PersonProfileFields names")
        elif base_name(f) == LOGIN_EMAIL:
            own.add("css_loginName")
        elif (f.id or "").startswith("jsb_f_"):
            own.add("jsb_f_ job search")
    for script in snapshot.scripts:
        kind = _script_host_kind(script)
        if kind == "iCIMS platform script":
            own.add(kind)
        elif kind:
            weak.add(kind)
    for value in snapshot.meta.values():
        if value.startswith("http") and urls.parse(value) is not None:
            weak.add("meta naming an iCIMS portal")
    return Evidence(frozenset(own), frozenset(weak))


def portal_frames(snapshot: FormSnapshot) -> list[str]:
    """Frame paths whose document comes from an iCIMS candidate portal."""
    return [f.path for f in snapshot.frames if urls.parse(f.url) is not None]


def in_frames(path: str, frames: list[str]) -> bool:
    return bool(path) and any(path == p or path.startswith(p + ".") for p in frames)


def button(snapshot: FormSnapshot, *texts: str, visible: bool = True) -> Button | None:
    """The first enabled button whose text (or value) is one of ``texts`` (case-insensitive)."""
    wanted = [t.lower() for t in texts]
    for t in wanted:
        for b in snapshot.buttons:
            label = (b.text or b.attrs.get("value", "")).strip().lower()
            if label == t and (b.visible or not visible) and not b.disabled:
                return b
    return None

"""Reading Workday's own markup conventions off snapshot fields and buttons.

Workday marks almost everything with ``data-automation-id`` (``email``, ``phone-number``,
``dateSectionMonth-input``, ``bottom-navigation-next-button``) and wraps each question in a
``formField-<name>`` element. Newer tenants also give controls semantic ids
(``name--legalName--firstName``, ``workExperience-2--jobTitle``). Generated ids
(``input-12``) mean nothing. Everything here is a pure function of a snapshot, so the
mapper and the flow read the page the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jobpilot.models.snapshot import Button, Field, FormSnapshot

AUTOMATION = "data-automation-id"
_GENERATED_ID = re.compile(r"^(input|button|textarea|select)-\d+$|^[0-9a-f]{8}-[0-9a-f]{4}-|^[0-9a-f]{20,}$")
_ROW = re.compile(r"^(?P<section>workExperience|education)-(?P<n>\d+)$")
_ROW_ID = re.compile(r"^(?P<section>workExperience|education)-(?P<n>\d+)--(?P<part>.+)$")
_ROW_HEADING = re.compile(r"^(?P<section>work experience|education)\s+(?P<n>\d+)$", re.IGNORECASE)

SIGNATURE_IDS = frozenset(
    {
        "applyFlowPage",
        "progressBar",
        "progressBarActiveStep",
        "bottom-navigation-next-button",
        "bottom-navigation-back-button",
        "adventureButton",
        "applyManually",
        "autofillWithResume",
        "useMyLastApplication",
        "applyAdventurePage",
        "signInContent",
        "createAccountSubmitButton",
        "createAccountCheckbox",
        "signInSubmitButton",
        "signInLink",
        "beecatcher",
        "file-upload-input-ref",
        "dateSectionMonth-input",
        "dateSectionYear-input",
        "jobPostingHeader",
        "jobPostingPage",
        "click_filter",
        "utilityButtonSignIn",
        "legalNoticeAcceptButton",
    }
)
"""Automation ids only Workday's candidate experience uses: page evidence for detection."""


def automation_id(item: Field | Button) -> str:
    return item.attrs.get(AUTOMATION, "")


def form_field(field: Field) -> str:
    """The ``<name>`` of the nearest ``formField-<name>`` wrapper ("" when none)."""
    for anc in field.ancestors:
        aid = anc.get(AUTOMATION, "")
        if aid.startswith("formField-"):
            return aid[len("formField-") :]
    return ""


def semantic_id(field: Field) -> str:
    """The control's id when it is a meaningful Workday id, not a generated one."""
    fid = field.id or ""
    return "" if not fid or _GENERATED_ID.match(fid) else fid


def ancestor_ids(field: Field) -> list[str]:
    return [a.get(AUTOMATION, "") for a in field.ancestors if a.get(AUTOMATION)]


def names(field: Field) -> list[str]:
    """Every Workday name this control carries, most specific first: its automation id,
    its semantic id (and that id's last ``--`` part), its ``formField-`` wrapper."""
    out: list[str] = []
    for n in (automation_id(field), semantic_id(field)):
        if n and n not in out:
            out.append(n)
    sid = semantic_id(field)
    if "--" in sid:
        out.append(sid.rsplit("--", 1)[1])
    ff = form_field(field)
    if ff:
        out.append(ff)
        if "--" in ff:
            out.append(ff.rsplit("--", 1)[1])
    return out


@dataclass(frozen=True)
class RowPosition:
    """Where a field sits in a repeating section: ``work`` or ``education``, row 1..n."""

    section: str
    index: int


def row_of(field: Field) -> RowPosition | None:
    """The repeating-section row a field belongs to: from its ``workExperience-N`` /
    ``education-N`` wrapper, its semantic id, or its row heading ("Work Experience 2")."""
    for aid in ancestor_ids(field):
        m = _ROW.match(aid)
        if m:
            return RowPosition(_section(m["section"]), int(m["n"]))
    m = _ROW_ID.match(field.id or "")
    if m:
        return RowPosition(_section(m["section"]), int(m["n"]))
    m = _ROW_HEADING.match((field.section or "").strip())
    if m:
        return RowPosition(_section(m["section"]), int(m["n"]))
    return None


def _section(raw: str) -> str:
    return "work" if raw.lower().startswith("work") else "education"


def is_prompt(field: Field) -> bool:
    """A Workday prompt: a search box that opens a (possibly multi-level) option list and
    shows the choice as a pill. Typing into it is not an answer."""
    if field.attrs.get("data-uxi-widget-type") in ("selectinput", "multiselectinput"):
        return True
    if automation_id(field) in ("searchBox", "monikerSearchBox"):
        return True
    return any(a in ("multiselectInputContainer", "multiSelectContainer") for a in ancestor_ids(field))


def is_listbox(field: Field) -> bool:
    return field.type == "listbox"


def has_signature(snapshot: FormSnapshot) -> set[str]:
    """Workday-only automation ids present on the page (fields, their wrappers, buttons)."""
    found: set[str] = set()
    for f in snapshot.fields:
        for aid in (automation_id(f), *ancestor_ids(f)):
            if aid in SIGNATURE_IDS:
                found.add(aid)
    for b in snapshot.buttons:
        aid = automation_id(b)
        if aid in SIGNATURE_IDS:
            found.add(aid)
    return found


def button(snapshot: FormSnapshot, *aids: str, visible: bool = True) -> Button | None:
    """The first button carrying one of the automation ids (in the order given)."""
    for aid in aids:
        for b in snapshot.buttons:
            if automation_id(b) == aid and (b.visible or not visible) and not b.disabled:
                return b
    return None

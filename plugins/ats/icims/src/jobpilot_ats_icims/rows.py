"""Work Experience and Education entries: one per profile entry, no more, no less.

iCIMS's candidate profile repeats an entry (employer, title, dates / school, degree, major,
year) per job and per school, with "Add ..." under the list and "Remove ..." on each entry,
and its resume parser fills them: often with mistakes and sometimes with an entry the resume
does not have. The vocabulary names one current job and one latest school, so the flow fills
the entries itself from ``profile.work`` and ``profile.education``: it removes surplus entries
(from the end: every kept entry is rewritten anyway), adds missing ones, and sets each part
that differs from the profile, keeping what is already right. A part the profile has no value
for is cleared only where the parser put something there (an end date on the current job).
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass, field

from jobpilot.engine.options import choose_text
from jobpilot.engine.text import norm
from jobpilot.models.plan import Action, FillPlan
from jobpilot.models.profile import Profile
from jobpilot.models.snapshot import Button, Field, FormSnapshot
from jobpilot.page import Page

from jobpilot_ats_icims import markup

ROW_CONFIDENCE = 0.95
SECTIONS = {"work": "Work Experience", "education": "Education"}
_DATE = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{2}))?")


@dataclass
class Row:
    section: str
    index: int
    parts: dict[str, Field] = field(default_factory=dict)


@dataclass
class RowsReport:
    needs: list[str] = field(default_factory=list)
    actions: int = 0


def rows(snapshot: FormSnapshot, section: str) -> list[Row]:
    found: dict[int, Row] = {}
    for f in snapshot.fields:
        pos = markup.row_of(f)
        if pos is None or pos.section != section or not f.visible:
            continue
        found.setdefault(pos.index, Row(section, pos.index)).parts[pos.part.lower()] = f
    return [found[i] for i in sorted(found)]


def row_refs(snapshot: FormSnapshot) -> set[str]:
    return {f.ref for f in snapshot.fields if markup.row_of(f) is not None}


def _date(value: str | None) -> tuple[str, str]:
    m = _DATE.match(value or "")
    return (m["month"] or "", m["year"]) if m else ("", "")


def wanted(profile: Profile, section: str) -> list[dict[str, str]]:
    """The entries the profile has, as iCIMS parts (lower-cased) -> value."""
    out = []
    if section == "work":
        for w in profile.work:
            sm, sy = _date(w.startDate)
            em, ey = _date(w.endDate)
            out.append(
                {
                    "employer": w.name or "",
                    "jobtitle": w.position or "",
                    "startmonth": sm,
                    "startyear": sy,
                    "endmonth": em,
                    "endyear": ey,
                    "current": "true" if not w.endDate else "",
                }
            )
    else:
        for ed in profile.education:
            _, ey = _date(ed.endDate)
            out.append(
                {
                    "school": ed.institution or "",
                    "degree": ed.studyType or "",
                    "major": ed.area or "",
                    "graduationyear": ey,
                }
            )
    return out


def _button(snapshot: FormSnapshot, text: str) -> Button | None:
    return markup.button(snapshot, text)


def _current(f: Field) -> str:
    if f.type == "checkbox":
        return "true" if f.checked else ""
    if f.options:
        chosen = [o for o in f.options if o.selected and o.value]
        return chosen[0].value if chosen else ""
    return f.value or ""


def _action(f: Field, value: str, where: str) -> Action | None:
    """The action that makes ``f`` hold ``value`` (None when it already does, or when a
    select has no option that is exactly the value)."""
    if norm(_current(f)) == norm(value):
        return None
    label = f"{where} {f.label or f.name}"
    common = {
        "ref": f.ref,
        "frame": f.frame,
        "label": label,
        "source": "profile",
        "confidence": ROW_CONFIDENCE,
    }
    if f.type == "checkbox":
        return Action(kind="check", value="true" if value else "false", **common)
    if f.options:
        if not value:
            blank = next((o for o in f.options if not o.value), None)
            return Action(kind="select", value=blank.text, **common) if blank is not None else None
        by_value = next((o for o in f.options if o.value == value), None)
        choice = by_value or (c.option if (c := choose_text(value, f.options)) else None)
        return Action(kind="select", value=choice.text, **common) if choice is not None else None
    return Action(kind="fill", value=value, **common)


async def _count_to(page: Page, section: str, n: int, snapshot: FormSnapshot) -> FormSnapshot:
    """Remove entries from the end, or add entries, until the section has ``n``; the
    snapshot after the last change (``snapshot`` itself when none was needed)."""
    title = SECTIONS[section]
    for _ in range(12):
        have = rows(snapshot, section)
        if len(have) == n:
            return snapshot
        if len(have) > n:
            target = _button(snapshot, f"Remove {title} {len(have)}")
        else:
            target = _button(snapshot, f"Add {title}")
        if target is None:
            return snapshot
        await page.click(target.ref)
        for _ in range(40):  # the entry appears (or goes) once the page's script has run
            snapshot = await page.snapshot()
            if len(rows(snapshot, section)) != len(have):
                break
            await asyncio.sleep(0.05)
    return snapshot


async def plan_rows(
    page: Page, profile: Profile, snapshot: FormSnapshot, *, ats: str
) -> tuple[FillPlan, RowsReport]:
    """Bring both sections to the profile's entries (adding and removing entries on the
    page, starting from ``snapshot``) and return the plan that fills them; nothing is typed
    yet."""
    report = RowsReport()
    actions: list[Action] = []
    for section, title in SECTIONS.items():
        entries = wanted(profile, section)
        snapshot = await _count_to(page, section, len(entries), snapshot)
        have = rows(snapshot, section)
        if len(have) != len(entries):
            report.needs.append(
                f"{title}: the page shows {len(have)} entries and the profile has {len(entries)}; "
                "fix them yourself"
            )
            continue
        for row, entry in zip(have, entries, strict=True):
            where = f"{title} {row.index + 1}"
            for part, value in entry.items():
                f = row.parts.get(part)
                if f is None:
                    continue
                a = _action(f, value, where)
                if a is not None:
                    actions.append(a)
                elif value and f.options and norm(_current(f)) != norm(value):
                    report.needs.append(f"{where}: choose {value!r} for {f.label or part} yourself")
    report.actions = len(actions)
    return FillPlan(url=snapshot.url, ats=ats, actions=actions), report

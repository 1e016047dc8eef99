"""Work Experience and Education rows of the UI5 application: one per profile entry.

SuccessFactors keeps a candidate's outside work experience and education as lists ("Add
Work Experience", a "Delete" per row), and its resume parser fills them, with mistakes and
sometimes with a row the resume does not have. The flow makes each list as long as the
profile's (deleting surplus rows from the end: every kept row is rewritten anyway) and sets
each part that differs: texts, ``MM/dd/yyyy`` dates, the "Present" box, and the degree from
the real options of its dropdown (read in the page; a degree no option names is reported,
never guessed).
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass, field

from jobpilot.engine.options import choose_text
from jobpilot.engine.text import norm
from jobpilot.models.plan import Action, FillPlan
from jobpilot.models.profile import Profile
from jobpilot.models.snapshot import Button, Field, FormSnapshot, Option
from jobpilot.page import Page

from jobpilot_ats_successfactors import markup

ROW_CONFIDENCE = 0.95
TITLES = {"work": "Work Experience", "education": "Education"}
_DATE = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{2}))?(?:-(?P<day>\d{2}))?")


@dataclass
class Row:
    index: int
    parts: dict[str, Field] = field(default_factory=dict)


@dataclass
class RowsReport:
    needs: list[str] = field(default_factory=list)


def rows(snapshot: FormSnapshot, section: str) -> list[Row]:
    found: dict[int, Row] = {}
    for f in snapshot.fields:
        pos = markup.row_of(f)
        if pos is not None and pos.section == section and f.visible:
            found.setdefault(pos.index, Row(pos.index)).parts[pos.part.lower()] = f
    return [found[i] for i in sorted(found)]


def row_refs(snapshot: FormSnapshot) -> set[str]:
    return {f.ref for f in snapshot.fields if markup.row_of(f) is not None}


def sf_date(value: str | None) -> str:
    """``2021-03-01`` -> ``03/01/2021`` (the day defaults to the 1st); "" when unknown."""
    m = _DATE.match(value or "")
    if not m:
        return ""
    return f"{m['month'] or '01'}/{m['day'] or '01'}/{m['year']}"


def wanted(profile: Profile, section: str) -> list[dict[str, str]]:
    if section == "work":
        return [
            {
                "employer": w.name or "",
                "title": w.position or "",
                "startdate": sf_date(w.startDate),
                "enddate": sf_date(w.endDate),
                "present": "" if w.endDate else "true",
            }
            for w in profile.work
        ]
    return [
        {
            "school": ed.institution or "",
            "degree": ed.studyType or "",
            "major": ed.area or "",
            "enddate": sf_date(ed.endDate),
        }
        for ed in profile.education
    ]


def _button(snapshot: FormSnapshot, label: str) -> Button | None:
    low = label.lower()
    for b in snapshot.buttons:
        if not b.visible or b.disabled:
            continue
        if (b.attrs.get("aria-label") or b.text or "").strip().lower() == low:
            return b
    return None


def _current(f: Field) -> str:
    if f.type == "checkbox":
        return "true" if f.checked else ""
    return f.value or ""


async def _count_to(page: Page, section: str, n: int, snapshot: FormSnapshot) -> FormSnapshot:
    title = TITLES[section]
    for _ in range(12):
        have = rows(snapshot, section)
        if len(have) == n:
            return snapshot
        target = (
            _button(snapshot, f"Delete {title} {len(have)}")
            if len(have) > n
            else _button(snapshot, f"Add {title}")
        )
        if target is None:
            return snapshot
        await page.click(target.ref)
        for _ in range(40):
            snapshot = await page.snapshot()
            if len(rows(snapshot, section)) != len(have):
                break
            await asyncio.sleep(0.05)
    return snapshot


async def _options(page: Page, f: Field) -> list[str]:
    """The real options of a closed UI5 select, read in the page (open, read, close)."""
    results = await page.apply([Action(kind="select", ref=f.ref, frame=f.frame, value=[], label=f.label)])
    if results and results[0].ok and isinstance(results[0].value, list):
        return [str(v) for v in results[0].value]
    return []


async def plan_rows(
    page: Page, profile: Profile, snapshot: FormSnapshot, *, ats: str
) -> tuple[FillPlan, RowsReport]:
    """Make both lists as long as the profile's and return the plan that fills them."""
    report = RowsReport()
    actions: list[Action] = []
    for section, title in TITLES.items():
        entries = wanted(profile, section)
        snapshot = await _count_to(page, section, len(entries), snapshot)
        have = rows(snapshot, section)
        if len(have) != len(entries):
            report.needs.append(
                f"{title}: {len(have)} rows on the page for {len(entries)} in the profile; fix them yourself"
            )
            continue
        for row, entry in zip(have, entries, strict=True):
            where = f"{title} {row.index + 1}"
            for part, value in entry.items():
                f = row.parts.get(part)
                if f is None or norm(_current(f)) == norm(value):
                    continue
                common = {
                    "ref": f.ref,
                    "frame": f.frame,
                    "label": f"{where} {f.label or part}",
                    "source": "profile",
                    "confidence": ROW_CONFIDENCE,
                }
                if f.type == "checkbox":
                    actions.append(Action(kind="check", value="true" if value else "false", **common))
                elif f.type == "combobox":
                    if not value:
                        continue
                    options = await _options(page, f)
                    choice = choose_text(value, [Option(value=o, text=o) for o in options])
                    if choice is None:
                        report.needs.append(f"{where}: choose {value!r} for {f.label or part} yourself")
                    elif norm(choice.option.text) != norm(_current(f)):
                        actions.append(Action(kind="select", value=choice.option.text, **common))
                else:
                    actions.append(Action(kind="fill", value=value, **common))
    return FillPlan(url=snapshot.url, ats=ats, actions=actions), report

"""Work Experience and Education: one row per profile entry, no more, no less.

The vocabulary names one current job and one latest school; Workday asks for every job and
every school, each in its own row (``Add`` / ``Add Another`` / ``Delete``), often already
prefilled by its resume parser — with mistakes, and sometimes with rows the resume does not
have. For each section this module:

1. matches the rows on the page to the profile's entries (company / school names, tolerant
   of "Inc." and "Univ."),
2. deletes rows that match nothing, only when the row's own Delete button is there and the
   other rows are unchanged afterwards (otherwise the person is told),
3. adds rows until there is one per entry,
4. fills each row from its entry, keeping values that are already right and fixing the rest.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from jobpilot.engine.text import norm
from jobpilot.models.plan import Action, ActionKind, FillPlan
from jobpilot.models.profile import Profile
from jobpilot.models.snapshot import Button, Field, FormSnapshot
from jobpilot.page import Page
from jobpilot.vocabulary import FieldKey as K

from jobpilot_ats_workday import mapping, markup, widgets
from jobpilot_ats_workday.widgets import WidgetReport

if TYPE_CHECKING:
    from jobpilot.engine.flow import FlowContext

log = logging.getLogger("jobpilot.ats.workday")

TITLES = {"work": "Work Experience", "education": "Education"}
ROW_CONFIDENCE = 0.95
"""The flow puts a profile entry into a row Workday itself labels: as sure as the markup."""
MATCH = 0.5
_NOISE = {
    "inc",
    "llc",
    "ltd",
    "gmbh",
    "corp",
    "corporation",
    "co",
    "company",
    "plc",
    "sa",
    "ag",
    "the",
    "of",
    "at",
}


@dataclass
class Row:
    section: str
    index: int
    parts: dict[str, Field] = field(default_factory=dict)
    """``title``, ``company``, ``current``, ``start.month``, ``end.year``, ``school`` ..."""

    def value(self, part: str) -> str:
        f = self.parts.get(part)
        if f is None:
            return ""
        if f.type == "checkbox":
            return "true" if f.checked else ""
        if markup.is_prompt(f):
            return widgets.prompt_selection(f)
        return "" if f.type == "listbox" and widgets.unanswered(f) else (f.value or "")

    def summary(self) -> str:
        keys = ("title", "company") if self.section == "work" else ("school", "degree")
        return " at ".join(v for v in (self.value(k) for k in keys) if v) or "empty"


@dataclass
class Entry:
    """One profile entry as the values a row needs, with where each came from."""

    index: int
    values: dict[str, str | bool]
    sources: dict[str, str]
    current: bool = False


def rows_of(snapshot: FormSnapshot) -> dict[str, list[Row]]:
    out: dict[str, dict[int, Row]] = {"work": {}, "education": {}}
    for f in snapshot.fields:
        if not f.visible:
            continue
        pos = markup.row_of(f)
        part = mapping.row_part(f)
        if pos is None or part is None:
            continue
        date = mapping.date_part(f)
        if part in ("start", "end"):
            part = f"{part}.{date or 'year'}"
        row = out[pos.section].setdefault(pos.index, Row(pos.section, pos.index))
        row.parts.setdefault(part, f)
    return {s: [rows[i] for i in sorted(rows)] for s, rows in out.items()}


def row_refs(snapshot: FormSnapshot) -> set[str]:
    """Every control inside a repeating row (the flow fills them, not the step's plan)."""
    return {f.ref for f in snapshot.fields if markup.row_of(f) is not None}


def _date(value: str | None) -> tuple[str, str]:
    m = re.match(r"^(\d{4})(?:-(\d{1,2}))?", value or "")
    if not m:
        return "", ""
    return (m.group(2) or "").zfill(2) if m.group(2) else "", m.group(1)


def work_entries(profile: Profile) -> list[Entry]:
    out = []
    for i, w in enumerate(profile.work):
        sm, sy = _date(w.startDate)
        em, ey = _date(w.endDate)
        src = f"work[{i}]"
        values: dict[str, str | bool] = {
            "title": w.position or "",
            "company": w.name or "",
            "location": str(getattr(w, "location", "") or ""),
            "current": not w.endDate,
            "start.month": sm,
            "start.year": sy,
            "end.month": em,
            "end.year": ey,
            "description": w.summary or "",
        }
        sources = {
            "title": f"{src}.position",
            "company": f"{src}.name",
            "location": f"{src}.location",
            "current": f"{src}.endDate (none: current job)",
            "start.month": f"{src}.startDate",
            "start.year": f"{src}.startDate",
            "end.month": f"{src}.endDate",
            "end.year": f"{src}.endDate",
            "description": f"{src}.summary",
        }
        out.append(Entry(i, values, sources, current=not w.endDate))
    return out


def education_entries(profile: Profile) -> list[Entry]:
    out = []
    for i, e in enumerate(profile.education):
        src = f"education[{i}]"
        values: dict[str, str | bool] = {
            "school": e.institution or "",
            "degree": e.studyType or "",
            "discipline": e.area or "",
            "gpa": e.score or "",
            "start.year": _date(e.startDate)[1],
            "end.year": _date(e.endDate)[1],
        }
        sources = {
            "school": f"{src}.institution",
            "degree": f"{src}.studyType",
            "discipline": f"{src}.area",
            "gpa": f"{src}.score",
            "start.year": f"{src}.startDate",
            "end.year": f"{src}.endDate",
        }
        out.append(Entry(i, values, sources))
    return out


# --- matching -------------------------------------------------------------------------------


def _tokens(text: str) -> list[str]:
    return [t for t in norm(text).split() if t not in _NOISE]


def name_similarity(a: str, b: str) -> float:
    """Share of name words in common; "Univ" counts for "University" (a prefix of 3+)."""
    ta, tb = _tokens(a), _tokens(b)
    if not ta or not tb:
        return 0.0
    hits = 0
    for x in ta:
        if any(x == y or (len(x) >= 3 and y.startswith(x)) or (len(y) >= 3 and x.startswith(y)) for y in tb):
            hits += 1
    return hits / max(len(ta), len(tb))


def score(row: Row, entry: Entry) -> float:
    if row.section == "work":
        s = name_similarity(row.value("company"), str(entry.values["company"]))
        if norm(row.value("title")) and norm(row.value("title")) == norm(str(entry.values["title"])):
            s = max(s, 0.6) + 0.2
        return s
    return name_similarity(row.value("school"), str(entry.values["school"]))


def match(rows: list[Row], entries: list[Entry]) -> dict[int, Entry]:
    """Row index -> entry: best pairs first, each above :data:`MATCH`."""
    pairs = sorted(
        ((score(r, e), r.index, e.index) for r in rows for e in entries), key=lambda p: (-p[0], p[1], p[2])
    )
    taken_r: dict[int, Entry] = {}
    taken_e: set[int] = set()
    by_index = {e.index: e for e in entries}
    for s, ri, ei in pairs:
        if s < MATCH or ri in taken_r or ei in taken_e:
            continue
        taken_r[ri] = by_index[ei]
        taken_e.add(ei)
    return taken_r


# --- the section ---------------------------------------------------------------------------


async def reconcile(ctx: FlowContext) -> WidgetReport:
    """Make the Work Experience and Education rows say what the profile says."""
    report = WidgetReport()
    plans = {"work": work_entries(ctx.profile), "education": education_entries(ctx.profile)}
    for section, entries in plans.items():
        await _reconcile_section(ctx, section, entries, report=report)
    return report


async def _reconcile_section(
    ctx: FlowContext, section: str, entries: list[Entry], *, report: WidgetReport
) -> None:
    page = ctx.page
    title = TITLES[section]
    for _ in range(len(entries) + 8):
        snap = await page.snapshot()
        rows = rows_of(snap)[section]
        if not rows and not entries:
            return
        if not rows and not _add_button(snap, title) and not _section_present(snap, title):
            return  # this step has no such section
        pairs = match(rows, entries)
        if len(rows) > len(entries):
            extra = [r for r in rows if r.index not in pairs]
            victim = extra[-1] if extra else rows[-1]
            if not await _delete_row(page, snap, victim, rows, report=report):
                break
            continue
        if len(rows) < len(entries):
            add = _add_button(snap, title)
            if add is None:
                report.needs.append(
                    f"add {len(entries) - len(rows)} {title} row(s) yourself: no Add button found"
                )
                break
            await page.click(add.ref)
            await page.wait_for(stable_ms=200, timeout_ms=5_000)
            continue
        break
    snap = await page.snapshot()
    rows = rows_of(snap)[section]
    pairs = match(rows, entries)
    free_rows = [r for r in rows if r.index not in pairs]
    free_entries = [e for e in entries if e not in pairs.values()]
    for r, e in zip(free_rows, free_entries, strict=False):
        pairs[r.index] = e  # a row the parser got wrong: overwrite it with the entry
    for r in rows:
        entry = pairs.get(r.index)
        if entry is not None:
            await _fill_row(ctx, r, entry, report=report)


def _section_present(snap: FormSnapshot, title: str) -> bool:
    return any(norm(h) == norm(title) for h in snap.headings)


def _add_button(snap: FormSnapshot, title: str) -> Button | None:
    want = re.compile(rf"^add( another)? {re.escape(norm(title))}$")
    for b in snap.buttons:
        label = norm(b.attrs.get("aria-label", "") or b.text)
        if b.visible and not b.disabled and want.match(label):
            return b
    return None


async def _delete_row(
    page: Page, snap: FormSnapshot, row: Row, rows: list[Row], *, report: WidgetReport
) -> bool:
    """Delete a row the profile does not have, only when it is safe; False otherwise."""
    title = TITLES[row.section]
    label = norm(f"delete {title} {row.index}")
    button = next(
        (
            b
            for b in snap.buttons
            if b.visible and not b.disabled and norm(b.attrs.get("aria-label", "")) == label
        ),
        None,
    )
    what = f"{title} {row.index} ({row.summary()})"
    if button is None:
        report.needs.append(f"remove {what} yourself: it is not in your profile and has no Delete button")
        return False
    keep = sorted(r.summary() for r in rows if r.index != row.index)
    await page.click(button.ref)
    await page.wait_for(stable_ms=200, timeout_ms=5_000)
    after = rows_of(await page.snapshot())[row.section]
    if sorted(r.summary() for r in after) != keep:
        report.needs.append(f"check {title}: deleting {what} changed other rows")
        return False
    log.info("workday: deleted %s row %d that is not in the profile", title, row.index)
    return True


async def _fill_row(ctx: FlowContext, row: Row, entry: Entry, *, report: WidgetReport) -> None:
    page, detection = ctx.page, ctx.detection
    title = TITLES[row.section]
    url = page.url

    def action(part: str, f: Field, kind: ActionKind, value: str, key: K | None = None) -> Action:
        return Action(
            kind=kind,
            ref=f.ref,
            frame=f.frame,
            key=key,
            value=value,
            label=f"{title} {row.index}: {f.label or part}",
            source=f"profile.{entry.sources.get(part, part)}",
            confidence=ROW_CONFIDENCE,
        )

    keys = _keys(row.section, entry)
    # "I currently work here" first: it shows or hides the end date.
    cur = row.parts.get("current")
    if cur is not None and bool(row.value("current")) != bool(entry.values.get("current")):
        report.results += await ctx.apply(
            FillPlan(
                url=url,
                ats=detection.ats,
                actions=[action("current", cur, "check", "true" if entry.values["current"] else "false")],
            ),
        )
        await page.wait_for(stable_ms=150, timeout_ms=3_000)
        fresh = rows_of(await page.snapshot())[row.section]
        row = next((r for r in fresh if r.index == row.index), row)
    actions: list[Action] = []
    for part, f in row.parts.items():
        wanted = entry.values.get(part)
        if part == "current" or not isinstance(wanted, str) or not wanted:
            continue
        if f.type == "listbox" or markup.is_prompt(f):
            continue
        have = row.value(part)
        same = norm(have) == norm(wanted) or (
            have.isdigit() and wanted.isdigit() and int(have) == int(wanted)
        )
        if not same:
            actions.append(action(part, f, "fill", wanted, keys.get(part)))
    if actions:
        report.results += await ctx.apply(FillPlan(url=url, ats=detection.ats, actions=actions))
    for part, f in row.parts.items():
        wanted = entry.values.get(part)
        if not isinstance(wanted, str) or not wanted:
            continue
        if f.type == "listbox":
            if norm(row.value(part)) == norm(wanted):
                continue
            res = await widgets.select_listbox(
                page,
                f,
                key=keys.get(part),
                value=wanted,
                label=f"{title} {row.index}: {f.label or part}",
                source=f"profile.{entry.sources[part]}",
                ctx=ctx,
                url=url,
                ats=detection.ats,
                confidence=ROW_CONFIDENCE,
            )
            if res is None:
                report.needs.append(
                    f"choose {f.label or part} in {title} {row.index} yourself: no option matches {wanted!r}"
                )
            elif not res.ok:
                report.needs.append(f"choose {f.label or part} in {title} {row.index} yourself ({res.error})")
            else:
                report.results.append(res)
        elif markup.is_prompt(f):
            res = await widgets.fill_prompt(
                page,
                f,
                key=keys.get(part) or K.QUESTION,
                value=wanted,
                label=f"{title} {row.index}: {f.label or part}",
                source=f"profile.{entry.sources[part]}",
                ctx=ctx,
                url=url,
                ats=detection.ats,
                confidence=ROW_CONFIDENCE,
            )
            if res is not None:
                report.results.append(res)
                if not res.ok:
                    report.needs.append(
                        f"choose {f.label or part} in {title} {row.index} yourself ({res.error})"
                    )


def _keys(section: str, entry: Entry) -> dict[str, K]:
    if section == "work":
        return {"title": K.CURRENT_TITLE, "company": K.CURRENT_COMPANY} if entry.current else {}
    return {
        "school": K.EDUCATION_SCHOOL,
        "degree": K.EDUCATION_DEGREE,
        "discipline": K.EDUCATION_DISCIPLINE,
        "end.year": K.EDUCATION_GRADUATION_YEAR,
    }

"""Education and Experience entries: one per profile entry, no more, no less.

Workable lists each school and job as a card with Edit and Remove; "+ Add" opens an entry
form, and one form is open at a time (Save / Cancel). The resume parser creates cards as soon
as the resume is uploaded, with mistakes ("Tidewater Analytics Inc.", a wrong start month)
and sometimes with jobs the resume does not have. A card shows no fields, so each card is
opened to read it. For each section this module:

1. opens every card and matches it to the profile's entries (company or school names,
   tolerant of "Inc." and "Univ."; titles break ties),
2. fixes what differs in a matching card and saves it, or cancels and removes a card that
   matches nothing (a job the person never had is worse than a missing one),
3. adds a card for every profile entry still missing.

What it could not do (a card the page refused to save, a button that is not there) is
returned for the person, never retried blindly. The algorithm is SmartRecruiters' (its
adapter has the same module); only the markup differs.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from jobpilot.engine.text import norm
from jobpilot.models.plan import Action, FillPlan
from jobpilot.models.profile import Profile
from jobpilot.models.snapshot import Button, Field, FormSnapshot

if TYPE_CHECKING:
    from jobpilot.engine.flow import FlowContext

SECTIONS = ("education", "experience")
ENTRY_CONFIDENCE = 0.95
"""The flow puts a profile entry into fields Workable itself names: as sure as the markup."""
OPEN_WAIT_S = 3.0

_PART = re.compile(
    r"^(?P<section>education|experience)_(?P<part>school|field_of_study|degree|title|company|industry|summary"
    r"|start_date|end_date|current)$"
)
_PARTS = {"start_date": "start", "end_date": "end"}
_NOISE = frozenset(
    {"inc", "llc", "ltd", "gmbh", "corp", "corporation", "co", "company", "plc", "the", "of", "at"}
)
_ABBREV = {"univ": "university", "uni": "university", "inst": "institute", "tech": "technology"}


@dataclass
class Entry:
    """One profile entry as the values an entry form takes, with where each came from."""

    values: dict[str, str | bool]
    sources: dict[str, str]

    @property
    def name(self) -> str:
        return str(self.values.get("company") or self.values.get("school") or "")

    @property
    def label(self) -> str:
        title = self.values.get("title") or self.values.get("degree") or ""
        return f"{title} at {self.name}" if title else self.name


@dataclass
class Report:
    needs: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    fixed: list[str] = field(default_factory=list)


def month_year(date: str | None) -> str:
    """A JSON Resume date (``2021-03-01``, ``2021-03``, ``2021``) as the form's MM/YYYY; ""
    when the month is unknown (the form refuses a year alone)."""
    m = re.match(r"^(\d{4})-(\d{1,2})", date or "")
    return f"{int(m.group(2)):02d}/{m.group(1)}" if m else ""


def wanted(profile: Profile, section: str) -> list[Entry]:
    """The profile's jobs (``experience``) or schools (``education``) as entries."""
    out: list[Entry] = []
    if section == "experience":
        for i, w in enumerate(profile.work):
            if not w.name:
                continue
            current = not w.endDate
            out.append(
                Entry(
                    values={
                        "title": w.position or "",
                        "company": w.name,
                        "start": month_year(w.startDate),
                        "end": "" if current else month_year(w.endDate),
                        "current": current,
                    },
                    sources={
                        "title": f"work[{i}].position",
                        "company": f"work[{i}].name",
                        "start": f"work[{i}].startDate",
                        "end": f"work[{i}].endDate",
                        "current": f"work[{i}].endDate (none: current)",
                    },
                )
            )
    else:
        for i, e in enumerate(profile.education):
            if not e.institution:
                continue
            out.append(
                Entry(
                    values={
                        "school": e.institution,
                        "field_of_study": e.area or "",
                        "degree": e.studyType or "",
                        "start": month_year(e.startDate),
                        "end": month_year(e.endDate),
                        "current": False,
                    },
                    sources={
                        "school": f"education[{i}].institution",
                        "field_of_study": f"education[{i}].area",
                        "degree": f"education[{i}].studyType",
                        "start": f"education[{i}].startDate",
                        "end": f"education[{i}].endDate",
                        "current": f"education[{i}].endDate",
                    },
                )
            )
    return out


def _words(text: str) -> set[str]:
    words = {_ABBREV.get(w, w) for w in re.findall(r"[a-z0-9]+", norm(text))}
    return words - _NOISE


def similarity(a: str, b: str) -> float:
    """Word overlap of two organisation names, ignoring legal suffixes and abbreviations."""
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / max(len(wa), len(wb))


def match(form: dict[str, str | bool], entries: list[Entry], used: set[int]) -> int | None:
    """The profile entry an open entry form describes (same organisation; the title or degree
    decides between two at one organisation), or None."""
    name = str(form.get("company") or form.get("school") or "")
    scored = [(similarity(name, e.name), i) for i, e in enumerate(entries) if i not in used]
    scored = [(s, i) for s, i in scored if s >= 0.5]
    if not scored:
        return None
    best = max(s for s, _ in scored)
    tied = [i for s, i in scored if s == best]
    if len(tied) > 1:
        title = str(form.get("title") or form.get("degree") or "")
        by_title = [i for i in tied if similarity(title, str(entries[i].values.get("title") or "")) >= 0.5]
        tied = by_title or tied
    return tied[0]


def form_fields(snapshot: FormSnapshot, index: int, section: str | None = None) -> dict[str, Field]:
    """The open entry form's controls by part (``title``, ``company``, ``start`` ...). Workable
    opens one form at a time, so ``index`` does not tell forms apart; ``section`` does."""
    out: dict[str, Field] = {}
    for f in snapshot.fields:
        m = _PART.match(f.name or f.id or "")
        if m and f.visible and (section is None or m.group("section") == section):
            part = m.group("part")
            out.setdefault(_PARTS.get(part, part), f)
    return out


def form_values(fields: dict[str, Field]) -> dict[str, str | bool]:
    return {
        part: (bool(f.checked) if f.type == "checkbox" else (f.value or "")) for part, f in fields.items()
    }


def entry_buttons(snapshot: FormSnapshot, verb: str, section: str) -> list[Button]:
    """The section's Edit / Remove / Add / Save / Cancel buttons, in page order (Workable names
    the card buttons and "+ Add" in ``aria-label``, the form's in ``data-ui``)."""
    title = section.capitalize()
    out = []
    for b in snapshot.buttons:
        if not b.visible:
            continue
        aria = norm(b.attrs.get("aria-label", ""))
        ui = b.attrs.get("data-ui", "")
        if (
            (verb == "edit" and aria == norm(f"edit {title} entry"))
            or (verb == "delete" and aria == norm(f"remove {title} entry"))
            or (verb == "add" and aria == norm(f"add {title}"))
            or (verb == "save" and ui == "save-entry")
            or (verb == "cancel" and ui == "cancel-entry")
        ):
            out.append(b)
    return out


def fixes(fields: dict[str, Field], entry: Entry, section: str) -> list[Action]:
    """Actions that make the open form say what the profile entry says; values already
    right are left alone."""
    actions: list[Action] = []
    for part, value in entry.values.items():
        f = fields.get(part)
        if f is None:
            continue
        base = {
            "ref": f.ref,
            "frame": f.frame,
            "label": f"{section}: {f.label or part}",
            "source": entry.sources.get(part, section),
            "confidence": ENTRY_CONFIDENCE,
        }
        if isinstance(value, bool):
            if bool(f.checked) != value:
                actions.append(Action(kind="check", value="true" if value else "false", **base))
        elif norm(f.value) != norm(value):
            actions.append(Action(kind="fill", value=value, **base))
    # "current" first: ticking it hides or clears the end date on some tenants.
    actions.sort(key=lambda a: 0 if a.kind == "check" else 1)
    return actions


async def settle(ctx: FlowContext, ready: Callable[[FormSnapshot], bool]) -> FormSnapshot | None:
    """The first snapshot for which ``ready`` holds (looked at at once, then after each
    short quiet spell), or None when it does not within :data:`OPEN_WAIT_S`."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + OPEN_WAIT_S
    while True:
        snapshot = await ctx.snapshot()
        if ready(snapshot):
            return snapshot
        if loop.time() >= deadline:
            return None
        await ctx.page.wait_for(stable_ms=30, timeout_ms=300)


def _is_open(index: int, section: str) -> Callable[[FormSnapshot], bool]:
    return lambda s: bool(form_fields(s, index, section))


def _is_closed(index: int, section: str) -> Callable[[FormSnapshot], bool]:
    return lambda s: not form_fields(s, index, section)


def _fewer_cards(section: str, count: int) -> Callable[[FormSnapshot], bool]:
    return lambda s: len(entry_buttons(s, "edit", section)) < count


def _button(snapshot: FormSnapshot, section: str, verb: str, nth: int = 0) -> Button | None:
    buttons = entry_buttons(snapshot, verb, section)
    return buttons[nth] if nth < len(buttons) else None


def _click_action(button: Button, what: str) -> Action:
    return Action(
        kind="click",
        ref=button.ref,
        frame=button.frame,
        label=what,
        source="entries",
        confidence=ENTRY_CONFIDENCE,
    )


async def _write(
    ctx: FlowContext, snapshot: FormSnapshot, entry: Entry, section: str, index: int, *, verb: str
) -> tuple[bool, FormSnapshot | None]:
    """Fill open form ``index`` from ``entry`` and save it (one call); (saved, the snapshot
    that showed it closed). A form the page keeps open is cancelled."""
    fields = form_fields(snapshot, index, section)
    save = _button(snapshot, section, "save")
    if save is None:
        return False, snapshot
    actions = [*fixes(fields, entry, section), _click_action(save, f"save the {section} entry ({verb})")]
    await ctx.apply(FillPlan(url=ctx.page.url, ats=ctx.detection.ats, actions=actions))
    after = await settle(ctx, _is_closed(index, section))
    if after is not None:
        return True, after
    now = await ctx.snapshot()
    cancel = _button(now, section, "cancel")
    if cancel is not None:
        await ctx.page.click(cancel.ref)
    return False, await settle(ctx, _is_closed(index, section))


async def reconcile(ctx: FlowContext, section: str, snapshot: FormSnapshot) -> tuple[Report, FormSnapshot]:
    """Make the section's cards the profile's entries (see the module docstring); returns
    what happened and the last snapshot taken (the page as it is now)."""
    report = Report()
    entries = wanted(ctx.profile, section)
    used: set[int] = set()
    index = 0
    for _ in range(20):  # bounded: a page that never closes a form is not looped on
        edit = _button(snapshot, section, "edit", index)
        if edit is None:
            break
        await ctx.page.click(edit.ref)
        opened = await settle(ctx, _is_open(index, section))
        if opened is None:
            report.needs.append(f"check the {section} entries yourself: entry {index + 1} did not open")
            return report, await ctx.snapshot()
        values = form_values(form_fields(opened, index, section))
        j = match(values, entries, used)
        if j is not None and fixes(form_fields(opened, index, section), entries[j], section):
            used.add(j)
            saved, after = await _write(ctx, opened, entries[j], section, index, verb="fixed")
            (report.fixed if saved else report.needs).append(
                entries[j].label
                if saved
                else f"fix the {section} entry {entries[j].label!r}: the page did not save it"
            )
            snapshot = after or await ctx.snapshot()
            index += 1
            continue
        cancel = _button(opened, section, "cancel")
        if cancel is not None:
            await ctx.page.click(cancel.ref)
        closed = await settle(ctx, _is_closed(index, section))
        snapshot = closed or await ctx.snapshot()
        if j is not None:
            used.add(j)
            index += 1
            continue
        shown = str(values.get("company") or values.get("school") or values.get("title") or "")
        delete = _button(snapshot, section, "delete", index)
        if delete is None:
            report.needs.append(f"remove the {section} entry {shown!r}: it is not in your profile")
            index += 1
            continue
        count = len(entry_buttons(snapshot, "edit", section))
        await ctx.page.click(delete.ref)
        report.deleted.append(shown)
        snapshot = await settle(ctx, _fewer_cards(section, count)) or await ctx.snapshot()
    for j, entry in enumerate(entries):
        if j in used:
            continue
        add = _button(snapshot, section, "add")
        count = len(entry_buttons(snapshot, "edit", section))
        if add is None:
            report.needs.append(f"add the {section} entry {entry.label!r} yourself")
            continue
        await ctx.page.click(add.ref)
        opened = await settle(ctx, _is_open(count, section))
        saved, after = (
            (False, None)
            if opened is None
            else await _write(ctx, opened, entry, section, count, verb="added")
        )
        if saved:
            report.added.append(entry.label)
        else:
            report.needs.append(f"add the {section} entry {entry.label!r} yourself: the page did not save it")
        snapshot = after or await ctx.snapshot()
    return report, snapshot


def entry_refs(snapshot: FormSnapshot) -> set[str]:
    """Every control of an open entry form (the flow fills them, not the page's plan)."""
    return {f.ref for f in snapshot.fields if _PART.match(f.name or f.id or "")}

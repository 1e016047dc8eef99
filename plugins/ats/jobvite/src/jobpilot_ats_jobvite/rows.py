"""Work History and Education blocks: block N holds the profile's N-th job or school.

Jobvite's apply page numbers its repeating blocks (``workHistory[0].company``,
``workHistory[1].title``, ``education[0].school``) and starts with one of each; "+ Add
Employer" appends another work block. The vocabulary names one current job and one latest
school, so a per-field mapping would put the current company into every block; this module
fills each block from its own profile entry instead, adds work blocks until every job has
one (at most :data:`MAX_BLOCKS`), and leaves blocks without an entry empty. A date box takes
the form's MM/YYYY, a degree one of the select's own options (chosen by the planner's rules,
never guessed).
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from jobpilot.engine import options
from jobpilot.engine.text import norm
from jobpilot.models.plan import Action, FillPlan, SkippedField
from jobpilot.models.profile import Profile
from jobpilot.models.snapshot import Field, FormSnapshot

if TYPE_CHECKING:
    from jobpilot.engine.flow import FlowContext

MAX_BLOCKS = 5
ROW_CONFIDENCE = 0.95
ADD_WAIT_S = 3.0

_ROW = re.compile(r"^(?P<section>workHistory|education)\[(?P<index>\d+)\]\.(?P<part>\w+)$")


def month_year(date: str | None) -> str:
    m = re.match(r"^(\d{4})-(\d{1,2})", date or "")
    return f"{int(m.group(2)):02d}/{m.group(1)}" if m else ""


def blocks(snapshot: FormSnapshot, section: str) -> dict[int, dict[str, Field]]:
    """The visible blocks of ``section`` (``workHistory`` / ``education``): index -> part -> field."""
    out: dict[int, dict[str, Field]] = {}
    for f in snapshot.fields:
        m = _ROW.match(f.name or "")
        if m and m.group("section") == section and f.visible:
            out.setdefault(int(m.group("index")), {})[m.group("part")] = f
    return out


def row_refs(snapshot: FormSnapshot) -> set[str]:
    return {f.ref for f in snapshot.fields if _ROW.match(f.name or "")}


def work_values(profile: Profile) -> list[dict[str, tuple[str | bool, str]]]:
    out = []
    for i, w in enumerate(profile.work):
        if not w.name:
            continue
        current = not w.endDate
        out.append(
            {
                "company": (w.name, f"work[{i}].name"),
                "title": (w.position or "", f"work[{i}].position"),
                "startDate": (month_year(w.startDate), f"work[{i}].startDate"),
                "endDate": ("" if current else month_year(w.endDate), f"work[{i}].endDate"),
                "current": (current, f"work[{i}].endDate (none: current)"),
            }
        )
    return out


def education_values(profile: Profile) -> list[dict[str, tuple[str | bool, str]]]:
    out = []
    for i, e in enumerate(profile.education):
        if not e.institution:
            continue
        out.append(
            {
                "school": (e.institution, f"education[{i}].institution"),
                "degree": (e.studyType or "", f"education[{i}].studyType"),
                "major": (e.area or "", f"education[{i}].area"),
                "graduationDate": (month_year(e.endDate), f"education[{i}].endDate"),
            }
        )
    return out


def block_plan(
    url: str, ats: str, fields: dict[str, Field], values: dict[str, tuple[str | bool, str]], what: str
) -> FillPlan:
    """Actions that make one block say what ``values`` say; values already there are kept."""
    plan = FillPlan(url=url, ats=ats)
    for part, (value, source) in values.items():
        f = fields.get(part)
        if f is None or value == "":
            continue
        base = {
            "ref": f.ref,
            "frame": f.frame,
            "label": f"{what}: {f.label or part}",
            "source": source,
            "confidence": ROW_CONFIDENCE,
        }
        if isinstance(value, bool):
            if f.type == "checkbox" and bool(f.checked) != value:
                plan.actions.append(Action(kind="check", value="true" if value else "false", **base))
        elif f.options:
            choice = options.choose_text(value, f.options)
            if choice is None:
                plan.skipped.append(
                    SkippedField(
                        ref=f.ref, label=f.label, required=f.required, reason=f"no option matches {value!r}"
                    )
                )
            elif not any(o.selected and o.text == choice.option.text for o in f.options):
                plan.actions.append(Action(kind="select", value=choice.option.text, **base))
        elif norm(f.value) != norm(value):
            plan.actions.append(Action(kind="fill", value=value, **base))
    return plan


async def fill(ctx: FlowContext, snapshot: FormSnapshot) -> tuple[list[str], FormSnapshot]:
    """Fill every block from the profile (adding work blocks as needed); what is left for
    the person, and the last snapshot taken."""
    needs: list[str] = []
    jobs = work_values(ctx.profile)[:MAX_BLOCKS]
    schools = education_values(ctx.profile)
    while len(blocks(snapshot, "workHistory")) < len(jobs):
        add = next(
            (
                b
                for b in snapshot.buttons
                if b.visible and norm(b.attrs.get("aria-label", "")) == "add employer"
            ),
            None,
        )
        if add is None:
            needs.append(
                f"add your job at {jobs[len(blocks(snapshot, 'workHistory'))]['company'][0]} yourself"
            )
            break
        have = len(blocks(snapshot, "workHistory"))
        await ctx.page.click(add.ref)
        snapshot = await _until(ctx, _more_blocks(have)) or snapshot
        if len(blocks(snapshot, "workHistory")) <= have:
            needs.append("Jobvite did not add a work history block: add your other jobs yourself")
            break
    plan = FillPlan(url=ctx.page.url, ats=ctx.detection.ats)
    for section, entries, what in (
        ("workHistory", jobs, "work history"),
        ("education", schools, "education"),
    ):
        found = blocks(snapshot, section)
        for i, values in enumerate(entries):
            if i not in found:
                continue
            part = block_plan(plan.url, plan.ats or "", found[i], values, f"{what} {i + 1}")
            plan.actions += part.actions
            plan.skipped += part.skipped
    if plan.actions or plan.skipped:
        await ctx.apply(plan)
    return needs, snapshot


def _more_blocks(have: int) -> Callable[[FormSnapshot], bool]:
    return lambda s: len(blocks(s, "workHistory")) > have


async def _until(ctx: FlowContext, ready: Callable[[FormSnapshot], bool]) -> FormSnapshot | None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + ADD_WAIT_S
    while True:
        snapshot = await ctx.snapshot()
        if ready(snapshot):
            return snapshot
        if loop.time() >= deadline:
            return None
        await ctx.page.wait_for(stable_ms=30, timeout_ms=300)

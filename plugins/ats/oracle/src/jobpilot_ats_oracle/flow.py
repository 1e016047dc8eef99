"""The Oracle Recruiting Cloud apply flow through the flow context.

job (Apply Now) -> e-mail step (e-mail and the terms through the normal planning; the honeypot
stays empty) -> for a returning candidate, the 6-digit code Oracle e-mailed: asked of the person
(``ctx.ask``), never guessed, typed as given, at most twice -> the apply flow: the ``cx-select``
comboboxes' real options read in the page (their lists exist only while open), the page
planned and filled (resume upload included), one Experience and one Education timeline entry
per profile entry added through the entry editor -> ``ready`` (the engine clicks Submit only
when asked) -> the thank-you page.

Oracle identifies a candidate by e-mail and an e-mailed code, not by a password: there is no
account for the credential store to keep.
"""

from __future__ import annotations

import asyncio
import logging
import re
from typing import TYPE_CHECKING, Literal

from jobpilot.engine.confirm import CONFIRMATION
from jobpilot.engine.flow import FlowOutcome, StepResult
from jobpilot.engine.options import choose_text
from jobpilot.models.mapping import FieldMapping
from jobpilot.models.plan import Action, FillPlan
from jobpilot.models.snapshot import Field, FormSnapshot, Option
from jobpilot.vocabulary import FieldKey

from jobpilot_ats_oracle import markup

if TYPE_CHECKING:
    from jobpilot.engine.flow import FlowContext

log = logging.getLogger("jobpilot.ats.oracle")

Kind = Literal["job", "email", "pin", "apply", "done", "unknown"]
MOVE_TIMEOUT_S = 15.0
PIN_TRIES = 2
_ERROR = re.compile(r"required|invalid|isn't correct|incorrect|must |already|not valid|expired", re.I)
_DATE = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{2}))?")


def identify(snapshot: FormSnapshot) -> Kind:
    names = {markup.name(f) for f in snapshot.fields if f.visible}
    if CONFIRMATION.search(" \n".join(snapshot.headings)):
        return "done"
    if "pin-code" in names:
        return "pin"
    if "primary-email" in names:
        return "email"
    if markup.button(snapshot, "submit") and any(markup.classes(f) for f in snapshot.fields if f.visible):
        return "apply"
    if markup.button(snapshot, "apply now", "apply"):
        return "job"
    return "unknown"


def errors(snapshot: FormSnapshot, text: str = "") -> list[str]:
    """Messages the page shows: those controls point at, and the error list's lines."""
    out = [d for f in snapshot.fields if (d := (f.description or "").strip()) and _ERROR.search(d)]
    out += [
        line.strip() for line in text.splitlines() if line.strip() and _ERROR.search(line) and len(line) < 200
    ]
    seen: list[str] = []
    for e in out:
        if e not in seen:
            seen.append(e)
    return seen


class OracleFlow:
    ats = "oracle"

    def __init__(self, *, max_moves: int = 10) -> None:
        self.max_moves = max_moves

    async def apply_steps(self, ctx: FlowContext) -> FlowOutcome:
        pins = 0
        for _ in range(self.max_moves):
            snapshot, kind = await _look(ctx)
            log.info("oracle: at %s", kind)
            if kind == "job":
                button = markup.button(snapshot, "apply now", "apply")
                assert button is not None
                outcome = await _click_and_move(ctx, snapshot, kind, button.ref)
            elif kind == "email":
                outcome = await _email(ctx, snapshot)
            elif kind == "pin":
                pins += 1
                if pins > PIN_TRIES:
                    return FlowOutcome(
                        state="needs_user", needs=["enter the verification code Oracle e-mailed you yourself"]
                    )
                outcome = await _pin(ctx, snapshot, again=pins > 1)
            elif kind == "apply":
                return await _apply_flow(ctx, snapshot)
            elif kind == "done":
                return FlowOutcome(
                    state="needs_user",
                    message="Oracle already shows this application as submitted",
                    needs=["the site shows a thank-you page already: check your applications"],
                )
            else:
                return FlowOutcome(
                    state="needs_user",
                    needs=["open the Oracle application yourself"],
                    message=f"unrecognised Oracle page: {ctx.page.url}",
                )
            if outcome is not None:
                return outcome
        return FlowOutcome(state="failed", message=f"gave up after {self.max_moves} Oracle pages")

    async def after_submit(self, ctx: FlowContext) -> FlowOutcome | None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + ctx.verify_timeout_ms / 1000
        while True:
            snapshot = await ctx.page.snapshot()
            text = await ctx.page.text()
            m = CONFIRMATION.search(" \n".join(snapshot.headings)) or CONFIRMATION.search(text)
            if m is not None:
                return FlowOutcome(state="submitted", message=m.group(0))
            if identify(snapshot) == "apply" and (problems := errors(snapshot, text)):
                return FlowOutcome(
                    state="needs_user", needs=problems, message="Oracle did not accept the application"
                )
            if loop.time() >= deadline:
                return None
            await asyncio.sleep(0.2)


async def _look(ctx: FlowContext) -> tuple[FormSnapshot, Kind]:
    await ctx.page.wait_for(stable_ms=120, timeout_ms=5_000)
    snapshot = await ctx.page.snapshot()
    kind = identify(snapshot)
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 8.0
    while kind == "unknown" and loop.time() < deadline:  # the single-page app still rendering
        await asyncio.sleep(0.2)
        snapshot = await ctx.page.snapshot()
        kind = identify(snapshot)
    return snapshot, kind


async def _click_and_move(
    ctx: FlowContext, snapshot: FormSnapshot, kind: Kind, ref: str
) -> FlowOutcome | None:
    """Click, then wait for another page (the app re-routes in place) or new errors."""
    standing = set(errors(snapshot))
    before = (kind, tuple(f.ref for f in snapshot.fields))
    await ctx.page.click(ref)
    loop = asyncio.get_running_loop()
    deadline = loop.time() + MOVE_TIMEOUT_S
    while True:
        await asyncio.sleep(0.1)
        await ctx.page.wait_for(stable_ms=100, timeout_ms=3_000)
        after = await ctx.page.snapshot()
        now = identify(after)
        if now != "unknown" and (now, tuple(f.ref for f in after.fields)) != before:
            return None
        new = [e for e in errors(after, await ctx.page.text()) if e not in standing]
        if new:
            return FlowOutcome(
                state="needs_user", needs=new, message=f"Oracle did not accept the {kind} step"
            )
        if loop.time() >= deadline:
            return FlowOutcome(state="needs_user", needs=[f"Oracle did not leave the {kind} step"])


async def _email(ctx: FlowContext, snapshot: FormSnapshot) -> FlowOutcome | None:
    plan = await ctx.plan(snapshot, ctx.map(snapshot), generate=False)
    await ctx.apply(plan)
    button = markup.button(await ctx.page.snapshot(), "next")
    if button is None:
        return FlowOutcome(state="needs_user", needs=["continue from the e-mail step yourself"])
    return await _click_and_move(ctx, snapshot, "email", button.ref)


async def _pin(ctx: FlowContext, snapshot: FormSnapshot, *, again: bool) -> FlowOutcome | None:
    """The code Oracle e-mailed a returning candidate: only the person has it."""
    email = ctx.profile.basics.email or "your e-mail address"
    question = f"Enter the 6-digit verification code Oracle e-mailed to {email}"
    if again:
        question += " (the last one was not accepted; use the newest e-mail)"
    code = (await ctx.ask(question) or "").strip()
    if not code:
        return FlowOutcome(
            state="needs_user",
            needs=[f"enter the verification code Oracle e-mailed to {email}, then run again"],
            message="Oracle asks for an e-mailed verification code",
        )
    box = next((f for f in snapshot.fields if markup.name(f) == "pin-code" and f.visible), None)
    verify = markup.button(snapshot, "verify", "next", "continue")
    if box is None or verify is None:
        return FlowOutcome(state="needs_user", needs=["enter the verification code yourself"])
    # Typed as the person gave it, not recorded with the run (a one-time secret).
    await ctx.page.apply(
        [Action(kind="fill", ref=box.ref, frame=box.frame, value=code, source="the person", sensitive=True)]
    )
    outcome = await _click_and_move(ctx, snapshot, "pin", verify.ref)
    if outcome is not None and any("code" in n.lower() for n in outcome.needs):
        return None  # the page still asks: ask again (bounded by the caller)
    return outcome


def _wants_options(field: Field, mapping: FieldMapping | None) -> bool:
    return (
        field.type == "combobox"
        and field.visible
        and not field.options
        and mapping is not None
        and mapping.key is not FieldKey.UNKNOWN
    )


async def _with_options(
    ctx: FlowContext, snapshot: FormSnapshot, mappings: dict[str, FieldMapping]
) -> FormSnapshot:
    """The real options of the closed ``cx-select`` comboboxes, read in the page in one call."""
    closed = [f for f in snapshot.fields if _wants_options(f, mappings.get(f.ref))]
    if not closed:
        return snapshot
    results = await ctx.page.apply(
        [Action(kind="select", ref=f.ref, frame=f.frame, value=[], label=f.label) for f in closed]
    )
    loaded = {
        f.ref: [Option(value=str(t), text=str(t)) for t in r.value]
        for f, r in zip(closed, results, strict=False)
        if r.ok and isinstance(r.value, list) and r.value
    }
    fields = [
        f.model_copy(update={"options": loaded[f.ref]}) if f.ref in loaded else f for f in snapshot.fields
    ]
    return snapshot.model_copy(update={"fields": fields})


async def _apply_flow(ctx: FlowContext, snapshot: FormSnapshot) -> FlowOutcome:
    mappings = ctx.map(snapshot)
    with ctx.timed("options"):
        planned = await _with_options(ctx, snapshot, mappings)
    with ctx.timed("plan"):
        plan = await ctx.plan(planned, mappings)
    with ctx.timed("fill"):
        results = await ctx.apply(plan)
    needs = [f"{r.ref}: {r.error}" for r in results if not r.ok]
    with ctx.timed("entries"):
        needs += await _timeline(ctx, "experience")
        needs += await _timeline(ctx, "education")
    await ctx.reconcile(StepResult(snapshot=snapshot, plan=plan, results=results))
    if needs:
        return FlowOutcome(
            state="needs_user", needs=needs, message="Oracle apply flow filled with fields left for you"
        )
    return FlowOutcome(state="ready", message="Oracle apply flow filled: ready to submit")


def _month_year(value: str | None) -> str:
    m = _DATE.match(value or "")
    return f"{m['month'] or '01'}/{m['year']}" if m else ""


def _entries(ctx: FlowContext, kind: str) -> list[dict[str, str]]:
    p = ctx.profile
    if kind == "experience":
        return [
            {
                "EmployerName": w.name or "",
                "JobTitle": w.position or "",
                "StartDate": _month_year(w.startDate),
                "EndDate": _month_year(w.endDate),
                "CurrentJobFlag": "" if w.endDate else "true",
            }
            for w in p.work
        ]
    return [
        {
            "EducationalEstablishment": ed.institution or "",
            "DegreeName": ed.studyType or "",
            "Major": ed.area or "",
            "EndDate": _month_year(ed.endDate),
        }
        for ed in p.education
    ]


def _cards(snapshot: FormSnapshot, kind: str) -> int:
    title = "Experience" if kind == "experience" else "Education"
    return sum(
        1
        for b in snapshot.buttons
        if b.visible and (b.attrs.get("aria-label") or "").startswith(f"Delete {title} ")
    )


async def _timeline(ctx: FlowContext, kind: str) -> list[str]:
    """Add one timeline entry per profile entry the page does not show yet, each through the
    entry editor (its inputs filled from the profile, then Save). The editor opens and a
    saved entry redraws in the click's own task, so each entry costs one look after Add
    (the editor, with its Save button), one call listing its dropdowns' options together,
    one fill, and the looks until the new card shows."""
    title = "Experience" if kind == "experience" else "Education"
    entries = _entries(ctx, kind)
    snapshot = await ctx.page.snapshot()
    have = _cards(snapshot, kind)
    needs: list[str] = []
    for n, entry in enumerate(entries[have:], start=have + 1):
        add = markup.button(snapshot, f"add {title}")
        if add is None:
            return [*needs, f"add {title} {n} yourself"]
        await ctx.page.click(add.ref)
        snapshot = await ctx.page.snapshot()
        editor = [f for f in snapshot.fields if f.visible and markup.in_timeline_editor(f)]
        wanted = [f for f in editor if f.type == "combobox" and entry.get(markup.name(f), "")]
        listed = (
            await ctx.page.apply(
                [Action(kind="select", ref=f.ref, frame=f.frame, value=[], label=f.label) for f in wanted]
            )
            if wanted
            else []
        )
        options = {
            f.ref: [Option(value=str(t), text=str(t)) for t in r.value]
            for f, r in zip(wanted, listed, strict=False)
            if r.ok and isinstance(r.value, list)
        }
        actions: list[Action] = []
        for f in editor:
            value = entry.get(markup.name(f), "")
            common = {
                "ref": f.ref,
                "frame": f.frame,
                "label": f"{title} {n}: {f.label}",
                "source": "profile",
                "confidence": 0.95,
            }
            if f.type == "checkbox":
                if value:
                    actions.append(Action(kind="check", value="true", **common))
            elif f.type == "combobox":
                if not value:
                    continue
                choice = choose_text(value, options[f.ref]) if f.ref in options else None
                if choice is None:
                    needs.append(f"{title} {n}: choose {value!r} for {f.label} yourself")
                else:
                    actions.append(Action(kind="select", value=choice.option.text, **common))
            elif value:
                actions.append(Action(kind="fill", value=value, **common))
        results = await ctx.apply(FillPlan(url=snapshot.url, ats="oracle", actions=actions))
        needs += [f"{r.ref}: {r.error}" for r in results if not r.ok]
        save = markup.button(snapshot, f"save {title}") or markup.button(
            await ctx.page.snapshot(), f"save {title}"
        )
        if save is None:
            return [*needs, f"save {title} {n} yourself"]
        await ctx.page.click(save.ref)
        for _ in range(40):
            snapshot = await ctx.page.snapshot()
            if _cards(snapshot, kind) >= n:
                break
            await asyncio.sleep(0.05)
        else:
            return [
                *needs,
                f"Oracle did not save {title} {n}: " + "; ".join(errors(snapshot, await ctx.page.text())),
            ]
    return needs

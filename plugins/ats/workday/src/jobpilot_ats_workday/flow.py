"""The Workday apply wizard, driven step by step through the ``Page`` protocol.

job posting -> Apply -> "Start Your Application" (Apply Manually) -> Create Account / Sign In
-> My Information -> My Experience -> Application Questions -> Voluntary Disclosures
-> Self Identify -> Review (stop: the engine submits only when asked) -> confirmation.

Before anything on a page is clicked, the tenant's legal-notice banner is accepted when it
shows (:func:`steps.accept_legal_notice`): it covers the buttons the flow needs.

Each step is filled with ``ctx.fill_step`` (so confidence rules, plan and evidence are the
same as anywhere), minus the widgets this flow drives itself: prompts (search box + option
tree), the rows of Work Experience / Education, listboxes whose real options must be read
first, and the self-identification signature date. Then "Save and Continue"; the DOM
changes without a reload, so the flow waits for it to settle and looks again. A step that
refuses to advance reports its error messages as ``needs_user`` instead of looping.
"""

from __future__ import annotations

import logging
from datetime import date
from typing import TYPE_CHECKING

from jobpilot.engine.confirm import CONFIRMATION
from jobpilot.engine.flow import FlowOutcome
from jobpilot.models.plan import Action, FillPlan
from jobpilot.models.snapshot import FormSnapshot
from jobpilot.page import Page

from jobpilot_ats_workday import account, mapping, markup, rows, steps, widgets

log = logging.getLogger("jobpilot.ats.workday")

NEXT = "bottom-navigation-next-button"
CHOOSER_ORDER = ("applyManually", "autofillWithResume", "useMyLastApplication")
"""Apply Manually first: the flow fills everything from the profile, so nothing is gained
from a stale "last application", and the resume is uploaded on My Experience anyway."""

if TYPE_CHECKING:
    from jobpilot.engine.flow import FlowContext, StepResult


class WorkdayFlow:
    """The Workday wizard. ``max_moves`` bounds the pages visited (a step repeated twice
    without advancing ends the run as ``needs_user``)."""

    ats = "workday"

    def __init__(self, *, max_moves: int = 20) -> None:
        self.max_moves = max_moves

    async def apply_steps(self, ctx: FlowContext) -> FlowOutcome:
        page = ctx.page
        visits: dict[str, int] = {}
        left: list[str] = []
        """What the flow could not do on steps that still advanced: the person checks these
        before anything is submitted."""
        notices = 0
        for _ in range(self.max_moves):
            snapshot, text = await steps.look(page)
            if notices < 3 and await steps.accept_legal_notice(page, snapshot):
                notices += 1  # bounded: a notice that keeps coming back is not looped on
                log.info("workday: accepted the site's legal notice")
                snapshot, text = await steps.look(page)
            where = steps.identify(snapshot, text)
            log.info("workday: at %s %s", where.kind, where.name)
            if where.kind == "job":
                await _click(page, snapshot, "adventureButton")
                await steps.until_moved(page, where)
            elif where.kind == "chooser":
                await _click(page, snapshot, *CHOOSER_ORDER)
                await steps.until_moved(page, where)
            elif where.kind == "account":
                visits["account"] = visits.get("account", 0) + 1
                if visits["account"] > 2:
                    return FlowOutcome(
                        state="needs_user",
                        needs=["sign in to Workday yourself"],
                        message="still on the account page after signing in",
                    )
                outcome = await account.authenticate(ctx)
                if outcome is not None:
                    return outcome
            elif where.kind == "review":
                if left:
                    return FlowOutcome(
                        state="needs_user",
                        needs=left,
                        message="Workday review page reached with fields left for you",
                    )
                return FlowOutcome(state="ready", message="Workday review page: ready to submit")
            elif where.kind == "done":
                # Not submitted by this run: never claim it was; a person checks.
                return FlowOutcome(
                    state="needs_user",
                    message=_confirmation(text),
                    needs=["Workday already shows this application as submitted: check Candidate Home"],
                )
            elif where.kind == "step":
                visits[where.name] = visits.get(where.name, 0) + 1
                if visits[where.name] > 2:
                    return FlowOutcome(
                        state="needs_user",
                        needs=steps.errors(snapshot, text)
                        or [f"finish the Workday step {where.name or '(unnamed)'} yourself"],
                        message=f"the step {where.name} did not advance",
                    )
                outcome = await self._step(ctx, where, left=left)
                if outcome is not None:
                    return outcome
            else:
                return FlowOutcome(
                    state="needs_user",
                    needs=["open the Workday application yourself"],
                    message=f"unrecognised Workday page: {page.url}",
                )
        return FlowOutcome(state="failed", message=f"gave up after {self.max_moves} Workday pages")

    async def _step(self, ctx: FlowContext, where: steps.Where, *, left: list[str]) -> FlowOutcome | None:
        """Fill one wizard step and move on; an outcome when a person must finish it."""
        page = ctx.page
        before = await page.snapshot()
        prompts = {f.ref for f in before.fields if markup.is_prompt(f)}
        row_fields = rows.row_refs(before)
        dates = _signature_dates(before)
        step = await ctx.fill_step(leave=prompts | row_fields | set(dates))
        await page.wait_for(stable_ms=steps.SETTLE_MS, timeout_ms=8_000)
        needs: list[str] = []
        snap = await page.snapshot()
        mappings = ctx.map(snap)
        row_now = rows.row_refs(snap)
        report = await widgets.fill_prompts(ctx, snap, mappings, skip=row_now)
        needs += report.needs
        report = await rows.reconcile(ctx)
        needs += report.needs
        failed = {r.ref for r in step.results if not r.ok and r.ref}
        report = await widgets.settle_listboxes(ctx, failed=failed, skip=rows.row_refs(await page.snapshot()))
        needs += report.needs
        if dates:
            await _sign_date(ctx, step=step)
        await ctx.reconcile(step)  # put back values the page changed since (late resume parsing)
        outcome = await self._advance(page, where, needs)
        if outcome is None:
            left += [n for n in needs if n not in left]
        return outcome

    async def _advance(self, page: Page, where: steps.Where, needs: list[str]) -> FlowOutcome | None:
        snapshot = await page.snapshot()
        nxt = markup.button(snapshot, NEXT)
        if nxt is None:
            return FlowOutcome(state="needs_user", needs=[*needs, f"continue from {where.name} yourself"])
        await page.click(nxt.ref)
        after, text, moved = await steps.until_moved(page, where)
        if not moved:
            problems = steps.errors(after, text)
            if problems:
                return FlowOutcome(
                    state="needs_user",
                    needs=[*problems, *needs],
                    message=f"Workday did not accept the step {where.name}",
                )
        return None

    async def after_submit(self, ctx: FlowContext) -> FlowOutcome | None:
        """After the engine clicked Submit on Review: the confirmation, or the errors that
        kept Workday on the page."""
        snapshot, text = await steps.look(ctx.page)
        if CONFIRMATION.search(text):
            return FlowOutcome(state="submitted", message=_confirmation(text))
        problems = steps.errors(snapshot, text)
        if problems:
            return FlowOutcome(
                state="needs_user", needs=problems, message="Workday did not accept the submission"
            )
        return None


async def _click(page: Page, snapshot: FormSnapshot, *aids: str) -> None:
    b = markup.button(snapshot, *aids)
    if b is not None:
        await page.click(b.ref)


def _confirmation(text: str) -> str:
    m = CONFIRMATION.search(text)
    return m.group(0) if m else "submitted"


def _signature_dates(snapshot: FormSnapshot) -> dict[str, str]:
    """The self-identification form's signature date pieces: ref -> month/day/year."""
    out = {}
    for f in snapshot.fields:
        part = mapping.date_part(f)
        if part and markup.row_of(f) is None and mapping.is_self_identify(f):
            out[f.ref] = part
    return out


async def _sign_date(ctx: FlowContext, *, step: StepResult) -> None:
    """Date the self-identification form: it is signed today."""
    snapshot = await ctx.snapshot()
    today = date.today()
    values = {"month": f"{today.month:02d}", "day": f"{today.day:02d}", "year": str(today.year)}
    actions = []
    for f in snapshot.fields:
        part = _signature_dates(snapshot).get(f.ref)
        if part and (f.value or "") != values[part]:
            actions.append(
                Action(
                    kind="fill",
                    ref=f.ref,
                    frame=f.frame,
                    value=values[part],
                    label=f"{f.label or 'Date'} ({part})",
                    source="today (signature date)",
                    confidence=0.95,
                )
            )
    if actions:
        await ctx.apply(FillPlan(url=snapshot.url, ats=ctx.detection.ats, actions=actions))

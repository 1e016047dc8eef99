"""The iCIMS apply flow, step by step through the flow context.

job posting -> "Apply for this job online" -> login (e-mail + privacy acceptance; an
existing account's password) -> Candidate Profile (resume upload first: the portal's parser
fills the profile, then the profile is filled over it, Work Experience / Education entries
one per profile entry, a new account's password) -> the customer's question steps (screening
questions, EEO self-identification) -> Review (certification; the engine submits only when
asked) -> "Thank you for applying".

Every step is a new document inside the portal's iframe (the employer's page around it never
changes), so after each click the flow polls the snapshot until another step shows
(:func:`steps.until_moved`). A step that does not advance reports its error messages as
``needs_user`` instead of looping.
"""

from __future__ import annotations

import asyncio
import logging
from contextlib import AsyncExitStack
from typing import TYPE_CHECKING

from jobpilot.engine.confirm import CONFIRMATION
from jobpilot.engine.flow import FlowOutcome
from jobpilot.models.plan import FillPlan
from jobpilot.models.snapshot import FormSnapshot

from jobpilot_ats_icims import account, markup, rows, steps

if TYPE_CHECKING:
    from jobpilot.engine.flow import FlowContext

log = logging.getLogger("jobpilot.ats.icims")

PARSE_WAIT_S = 6.0
"""How long the resume parser may take to fill the profile after the upload."""


class IcimsFlow:
    """The iCIMS portal's apply flow. ``max_moves`` bounds the steps visited."""

    ats = "icims"

    def __init__(self, *, max_moves: int = 16) -> None:
        self.max_moves = max_moves

    async def apply_steps(self, ctx: FlowContext) -> FlowOutcome:
        async with AsyncExitStack() as stack:
            return await self._drive(ctx, account.Account(ctx, stack))
        raise AssertionError("unreachable")  # pragma: no cover

    async def _drive(self, ctx: FlowContext, acct: account.Account) -> FlowOutcome:
        left: list[str] = []
        visits: dict[str, int] = {}
        for _ in range(self.max_moves):
            snapshot = await steps.look(ctx.page)
            where = steps.identify(snapshot)
            if where.kind == "unknown":
                snapshot, where = await _settle(ctx, snapshot)
            log.info("icims: at %s %s", where.kind, where.name)
            key = f"{where.kind}:{where.key}"
            visits[key] = visits.get(key, 0) + 1
            if visits[key] > 2:
                return FlowOutcome(
                    state="needs_user",
                    needs=steps.errors(snapshot)
                    or [f"finish the iCIMS step {where.name or where.kind} yourself"],
                    message=f"the iCIMS step {where.name or where.kind} did not advance",
                )
            outcome: FlowOutcome | None
            if where.kind == "job":
                outcome = await _open_application(ctx, snapshot, where)
            elif where.kind == "email":
                outcome = await _email(ctx, snapshot, where, acct)
            elif where.kind == "password":
                outcome = await acct.sign_in(snapshot)
            elif where.kind == "profile":
                outcome = await _profile(ctx, snapshot, where, acct, left)
            elif where.kind == "step":
                outcome = await _step(ctx, where, left)
            elif where.kind == "review":
                return await _review(ctx, left)
            elif where.kind == "done":
                # Not submitted by this run: never claim it was; a person checks.
                return FlowOutcome(
                    state="needs_user",
                    message="iCIMS already shows this application as submitted",
                    needs=["the portal shows a confirmation already: check your iCIMS candidate dashboard"],
                )
            else:
                return FlowOutcome(
                    state="needs_user",
                    needs=["open the iCIMS application yourself"],
                    message=f"unrecognised iCIMS page: {ctx.page.url}",
                )
            if outcome is not None:
                return outcome
        return FlowOutcome(state="failed", message=f"gave up after {self.max_moves} iCIMS steps")

    async def after_submit(self, ctx: FlowContext) -> FlowOutcome | None:
        """After the engine clicked Submit Application: the confirmation, which iCIMS shows
        inside its iframe (the engine's own reading sees only the top document), or the
        errors that kept the review step."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + ctx.verify_timeout_ms / 1000
        while True:
            snapshot = await ctx.page.snapshot()
            text = " \n".join(snapshot.headings)
            m = CONFIRMATION.search(text) or CONFIRMATION.search(await ctx.page.text())
            if m is not None:
                return FlowOutcome(state="submitted", message=m.group(0))
            problems = steps.errors(snapshot)
            if problems:
                return FlowOutcome(
                    state="needs_user", needs=problems, message="iCIMS did not accept the submission"
                )
            if loop.time() >= deadline:
                return None
            await asyncio.sleep(0.2)


async def _settle(ctx: FlowContext, snapshot: FormSnapshot) -> tuple[FormSnapshot, steps.Where]:
    """The portal's frame may still be loading: look again for a little while."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 5.0
    where = steps.identify(snapshot)
    while where.kind == "unknown" and loop.time() < deadline:
        await asyncio.sleep(0.2)
        snapshot = await ctx.page.snapshot()
        where = steps.identify(snapshot)
    return snapshot, where


async def _next(
    ctx: FlowContext, where: steps.Where, needs: list[str], snapshot: FormSnapshot | None = None
) -> FlowOutcome | None:
    """Click Next (from ``snapshot`` when the caller has a current one) and wait for the
    next step; the step's errors as ``needs_user`` when it stays."""
    if snapshot is None:
        snapshot = await ctx.page.snapshot()
    button = steps.next_button(snapshot)
    if button is None:
        return FlowOutcome(
            state="needs_user", needs=[*needs, f"continue from {where.name or where.kind} yourself"]
        )
    await ctx.page.click(button.ref)
    after, moved = await steps.until_moved(ctx.page, where)
    if not moved:
        return FlowOutcome(
            state="needs_user",
            needs=[*steps.errors(after), *needs] or [f"iCIMS did not leave {where.name or where.kind}"],
            message=f"iCIMS did not accept the step {where.name or where.kind}",
        )
    return None


async def _open_application(
    ctx: FlowContext, snapshot: FormSnapshot, where: steps.Where
) -> FlowOutcome | None:
    button = steps.apply_button(snapshot)
    if button is None:
        return FlowOutcome(state="needs_user", needs=["click 'Apply for this job online' yourself"])
    await ctx.page.click(button.ref)
    _, moved = await steps.until_moved(ctx.page, where)
    if not moved:
        return FlowOutcome(
            state="needs_user", needs=["open the application ('Apply for this job online') yourself"]
        )
    return None


async def _email(
    ctx: FlowContext, snapshot: FormSnapshot, where: steps.Where, acct: account.Account
) -> FlowOutcome | None:
    """The login step: e-mail and privacy acceptance through the normal step filling."""
    await acct.lease(snapshot)
    step = await ctx.fill_step()
    needs = [f"fill {r.ref} yourself: {r.error}" for r in step.results if not r.ok]
    return await _next(ctx, where, needs)


async def _profile(
    ctx: FlowContext, snapshot: FormSnapshot, where: steps.Where, acct: account.Account, left: list[str]
) -> FlowOutcome | None:
    """Resume first (the parser rewrites the profile when it answers), then everything else
    over the parser's values, the entries, the new account's password; then Next."""
    needs: list[str] = []
    resume = [f for f in snapshot.fields if markup.profile_field(f) == "Resume" and f.type == "file"]
    if resume:
        await _upload_resume(ctx, snapshot, resume[0].ref)
        snapshot = await ctx.page.snapshot()
    leave = rows.row_refs(snapshot) | set(account.password_refs(snapshot)) | {f.ref for f in resume}
    step = await ctx.fill_step(leave=leave)
    needs += [f"{r.ref}: {r.error}" for r in step.results if not r.ok]
    plan, report = await rows.plan_rows(ctx.page, ctx.profile, url=snapshot.url, ats="icims")
    if plan.actions:
        results = await ctx.apply(plan)
        needs += [f"{r.ref}: {r.error}" for r in results if not r.ok]
    needs += report.needs
    await ctx.reconcile(step)
    fresh = await ctx.page.snapshot()
    if account.password_refs(fresh):
        outcome = await acct.create(fresh)
        if outcome is not None:
            return outcome
    outcome = await _next(ctx, where, needs, fresh)
    if outcome is None:
        await acct.created()
        left += [n for n in needs if n not in left]
    return outcome


async def _upload_resume(ctx: FlowContext, snapshot: FormSnapshot, ref: str) -> None:
    """Upload the resume alone and wait until the parser's prefill has landed (values
    stop changing), so the profile is filled after it, not under it."""
    mappings = ctx.map(snapshot)
    only = snapshot.model_copy(update={"fields": [f for f in snapshot.fields if f.ref == ref]})
    plan = await ctx.plan(only, {ref: mappings[ref]} if ref in mappings else {}, generate=False)
    uploads = [a for a in plan.actions if a.kind == "upload"]
    if not uploads:
        return
    before = _values(snapshot)
    await ctx.apply(FillPlan(url=plan.url, ats=plan.ats, actions=uploads, skipped=plan.skipped))
    loop = asyncio.get_running_loop()
    deadline = loop.time() + PARSE_WAIT_S
    last = before
    quiet = 0
    changed = False
    while loop.time() < deadline:
        await asyncio.sleep(0.25)
        now = _values(await ctx.page.snapshot())
        changed = changed or now != before
        quiet = quiet + 1 if now == last else 0
        last = now
        if changed and quiet >= 1:
            return


def _values(snapshot: FormSnapshot) -> dict[str, str]:
    return {f.name or f.ref: (f.value or "") + ("*" if f.checked else "") for f in snapshot.fields}


async def _step(ctx: FlowContext, where: steps.Where, left: list[str]) -> FlowOutcome | None:
    step = await ctx.fill_step()
    needs = [f"{r.ref}: {r.error}" for r in step.results if not r.ok]
    outcome = await _next(ctx, where, needs)
    if outcome is None:
        left += [n for n in needs if n not in left]
    return outcome


async def _review(ctx: FlowContext, left: list[str]) -> FlowOutcome:
    """The last step: the certification (a consent), then the engine submits if asked."""
    step = await ctx.fill_step()
    needs = left + [f"{r.ref}: {r.error}" for r in step.results if not r.ok]
    if needs:
        return FlowOutcome(
            state="needs_user", needs=needs, message="iCIMS review reached with fields left for you"
        )
    return FlowOutcome(state="ready", message="iCIMS review page: ready to submit")

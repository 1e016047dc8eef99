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
from jobpilot.engine.flow import FlowOutcome, StepResult
from jobpilot.engine.links import follow
from jobpilot.models.plan import Action, FillPlan
from jobpilot.models.snapshot import FormSnapshot, Link
from jobpilot.vocabulary import FieldKey

from jobpilot_ats_icims import account, markup, rows, steps

if TYPE_CHECKING:
    from jobpilot.engine.flow import FlowContext

log = logging.getLogger("jobpilot.ats.icims")

PARSE_WAIT_S = 10.0
"""How long the resume parser may take to fill the profile after the upload."""
PARSE_POLL_S = 0.1
"""Between two looks at the form while waiting for the parser's values (they must agree
twice after changing): a 250 ms pause lost up to half a second after the parser answered,
for the price of a few more looks."""


class IcimsFlow:
    """The iCIMS portal's apply flow. ``max_moves`` bounds the steps visited."""

    ats = "icims"

    def __init__(self, *, max_moves: int = 16) -> None:
        self.max_moves = max_moves

    async def apply_steps(self, ctx: FlowContext) -> FlowOutcome:
        async with AsyncExitStack() as stack:
            return await _Run(ctx, account.Account(ctx, stack)).drive(self.max_moves)
        raise AssertionError("unreachable")  # pragma: no cover

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


class _Run:
    """One application through the portal. ``seen`` is the snapshot the last click's wait
    ended on: the next step starts from it instead of looking again (a snapshot of a long
    profile costs as much as a step's whole fill)."""

    def __init__(self, ctx: FlowContext, acct: account.Account) -> None:
        self.ctx = ctx
        self.acct = acct
        self.left: list[str] = []
        """What the flow could not do on steps that still advanced: the person checks
        these before anything is submitted."""
        self.seen: FormSnapshot | None = None

    async def drive(self, max_moves: int) -> FlowOutcome:
        visits: dict[str, int] = {}
        for _ in range(max_moves):
            snapshot, self.seen = self.seen or await steps.look(self.ctx.page), None
            where = steps.identify(snapshot)
            if where.kind == "unknown":
                snapshot, where = await _settle(self.ctx, snapshot)
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
                outcome = await self.open_application(snapshot, where)
            elif where.kind == "email":
                outcome = await self.email(snapshot, where)
            elif where.kind == "password":
                outcome = await self.acct.sign_in(snapshot)
            elif where.kind == "profile":
                outcome = await self.profile(snapshot, where)
            elif where.kind == "step":
                outcome = await self.step(snapshot, where)
            elif where.kind == "review":
                return await self.review(snapshot)
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
                    message=f"unrecognised iCIMS page: {self.ctx.page.url}",
                )
            if outcome is not None:
                return outcome
        return FlowOutcome(state="failed", message=f"gave up after {max_moves} iCIMS steps")

    async def fill(
        self,
        snapshot: FormSnapshot,
        *,
        leave: set[str] | frozenset[str] = frozenset(),
        parsed: set[str] | frozenset[str] = frozenset(),
    ) -> StepResult:
        """Plan and fill ``snapshot``'s fields (minus ``leave``) as the engine's step filling
        does, without taking another snapshot of a page the flow just looked at."""
        planned = snapshot
        if leave:
            planned = snapshot.model_copy(
                update={"fields": [f for f in snapshot.fields if f.ref not in leave]}
            )
        with self.ctx.timed("plan"):
            plan = await self.ctx.plan(planned, self.ctx.map(planned))
        plan.actions += _unconfirmed(planned, plan, parsed)
        with self.ctx.timed("fill"):
            results = await self.ctx.apply(plan)
        return StepResult(snapshot=snapshot, plan=plan, results=results)

    async def next(self, where: steps.Where, needs: list[str], snapshot: FormSnapshot) -> FlowOutcome | None:
        """Click Next and wait for the next step (its snapshot kept in ``seen``); the step's
        errors as ``needs_user`` when it stays. ``snapshot`` is current enough unless its
        Next is missing or disabled (the privacy box enables it): then look again."""
        button = steps.next_button(snapshot)
        if button is None:
            snapshot = await self.ctx.page.snapshot()
            button = steps.next_button(snapshot)
        if button is None:
            return FlowOutcome(
                state="needs_user", needs=[*needs, f"continue from {where.name or where.kind} yourself"]
            )
        await self.ctx.page.click(button.ref)
        after, problems, moved = await steps.until_moved(self.ctx.page, where, snapshot)
        if not moved:
            return FlowOutcome(
                state="needs_user",
                needs=[*problems, *needs] or [f"iCIMS did not leave {where.name or where.kind}"],
                message=f"iCIMS did not accept the step {where.name or where.kind}",
            )
        self.seen = after
        return None

    async def open_application(self, snapshot: FormSnapshot, where: steps.Where) -> FlowOutcome | None:
        button = steps.apply_button(snapshot)
        if button is None:
            return FlowOutcome(state="needs_user", needs=["click 'Apply for this job online' yourself"])
        if isinstance(button, Link):
            await follow(self.ctx.page, button)
        else:
            await self.ctx.page.click(button.ref)
        after, _, moved = await steps.until_moved(self.ctx.page, where, snapshot)
        if not moved:
            return FlowOutcome(
                state="needs_user", needs=["open the application ('Apply for this job online') yourself"]
            )
        self.seen = after
        return None

    async def email(self, snapshot: FormSnapshot, where: steps.Where) -> FlowOutcome | None:
        """The login step: e-mail and privacy acceptance through the normal planning."""
        await self.acct.lease(snapshot)
        step = await self.fill(snapshot)
        needs = [f"fill {r.ref} yourself: {r.error}" for r in step.results if not r.ok]
        return await self.next(where, needs, snapshot)

    async def profile(self, snapshot: FormSnapshot, where: steps.Where) -> FlowOutcome | None:
        """Resume first (the parser rewrites the profile when it answers), then everything
        else over the parser's values, the entries, the new account's password; then Next."""
        needs: list[str] = []
        resume = [f for f in snapshot.fields if markup.profile_field(f) == "Resume" and f.type == "file"]
        parsed: set[str] = set()
        if resume:
            snapshot, parsed = await _upload_resume(self.ctx, snapshot, resume[0].ref)
        passwords = set(account.password_refs(snapshot))
        leave = rows.row_refs(snapshot) | passwords | {f.ref for f in resume}
        step = await self.fill(snapshot, leave=leave, parsed=parsed)
        needs += [f"{r.ref}: {r.error}" for r in step.results if not r.ok]
        with self.ctx.timed("entries"):
            plan, report = await rows.plan_rows(self.ctx.page, self.ctx.profile, snapshot, ats="icims")
            if plan.actions:
                results = await self.ctx.apply(plan)
                needs += [f"{r.ref}: {r.error}" for r in results if not r.ok]
        needs += report.needs
        await self.ctx.reconcile(step)
        if passwords:
            outcome = await self.acct.create(snapshot)
            if outcome is not None:
                return outcome
        # The entries added since the first look changed the step's controls: Next waits for
        # a step other than the profile as it is now, or it would take the profile itself,
        # looked at before the click's navigation began, for the next step.
        snapshot = await self.ctx.page.snapshot()
        outcome = await self.next(steps.identify(snapshot), needs, snapshot)
        if outcome is None:
            await self.acct.created()
            self.left += [n for n in needs if n not in self.left]
        return outcome

    async def step(self, snapshot: FormSnapshot, where: steps.Where) -> FlowOutcome | None:
        step = await self.fill(snapshot)
        needs = [f"{r.ref}: {r.error}" for r in step.results if not r.ok]
        outcome = await self.next(where, needs, snapshot)
        if outcome is None:
            self.left += [n for n in needs if n not in self.left]
        return outcome

    async def review(self, snapshot: FormSnapshot) -> FlowOutcome:
        """The last step: the certification (a consent), then the engine submits if asked."""
        step = await self.fill(snapshot)
        needs = self.left + [f"{r.ref}: {r.error}" for r in step.results if not r.ok]
        if needs:
            return FlowOutcome(
                state="needs_user", needs=needs, message="iCIMS review reached with fields left for you"
            )
        return FlowOutcome(state="ready", message="iCIMS review page: ready to submit")


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


_TEXT = frozenset({"text", "email", "tel", "url", "textarea"})


def _unconfirmed(snapshot: FormSnapshot, plan: FillPlan, parsed: set[str] | frozenset[str]) -> list[Action]:
    """Clear what the resume parser wrote into a field the plan leaves because the profile
    has no value for it (a middle name made from a hyphenated surname): a value the
    applicant never gave is worse than an empty box. Flagged for review."""
    by_ref = {f.ref: f for f in snapshot.fields}
    out = []
    for skipped in plan.skipped:
        f = by_ref.get(skipped.ref)
        if (
            f is None
            or skipped.key in (None, FieldKey.QUESTION, FieldKey.UNKNOWN)
            or f.type not in _TEXT
            or not (f.value or "").strip()
            or (f.name or f.ref) not in parsed
        ):
            continue
        out.append(
            Action(
                kind="fill",
                ref=f.ref,
                frame=f.frame,
                value="",
                label=f.label,
                key=skipped.key,
                source="cleared: the resume parser's value is not in your profile",
                confidence=0.9,
                review=True,
            )
        )
    return out


async def _upload_resume(ctx: FlowContext, snapshot: FormSnapshot, ref: str) -> tuple[FormSnapshot, set[str]]:
    """Upload the resume alone and wait until the parser's prefill has landed (values stop
    changing), so the profile is filled after it, not under it; the last snapshot seen and
    the names of the fields the parser wrote into."""
    mappings = ctx.map(snapshot)
    only = snapshot.model_copy(update={"fields": [f for f in snapshot.fields if f.ref == ref]})
    plan = await ctx.plan(only, {ref: mappings[ref]} if ref in mappings else {}, generate=False)
    uploads = [a for a in plan.actions if a.kind == "upload"]
    if not uploads:
        return snapshot, set()
    first = _values(snapshot)
    with ctx.timed("upload"):
        await ctx.apply(FillPlan(url=plan.url, ats=plan.ats, actions=uploads, skipped=plan.skipped))
        before = last = _values(snapshot)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + PARSE_WAIT_S
        changed = False
        while loop.time() < deadline:
            await asyncio.sleep(PARSE_POLL_S)
            snapshot = await ctx.page.snapshot()
            now = _values(snapshot)
            if changed and now == last:
                break
            changed = changed or now != before
            last = now
    after = _values(snapshot)
    return snapshot, {k for k, v in after.items() if v and v != first.get(k, "")}


def _values(snapshot: FormSnapshot) -> dict[str, str]:
    """The form's values, the file inputs' own left out (choosing the file is not the
    parser answering)."""
    return {
        f.name or f.ref: (f.value or "") + ("*" if f.checked else "")
        for f in snapshot.fields
        if f.type != "file"
    }

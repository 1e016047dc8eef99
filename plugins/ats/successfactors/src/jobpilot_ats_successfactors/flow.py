"""The SuccessFactors apply flow through the flow context.

job posting (``career_ns=job_listing``) -> Apply -> Sign In (the stored account) or Create an
Account (data privacy statement) -> the UI5 application: resume first (the parser re-renders
the form with what it read), then the profile over it, the dropdowns planned from their real
options (read in the page: a UI5 select renders its list only while open), Work Experience /
Education rows, questions, EEO, the privacy agreement -> ``ready`` (the engine clicks Apply
only when asked) -> "Thank you for applying" in the page.
"""

from __future__ import annotations

import asyncio
import logging
from contextlib import AsyncExitStack
from typing import TYPE_CHECKING

from jobpilot.engine.confirm import CONFIRMATION
from jobpilot.engine.flow import FlowOutcome, StepResult
from jobpilot.models.mapping import FieldMapping
from jobpilot.models.plan import Action, FillPlan
from jobpilot.models.snapshot import Field, FormSnapshot, Option
from jobpilot.vocabulary import FieldKey

from jobpilot_ats_successfactors import account, markup, rows, steps

if TYPE_CHECKING:
    from jobpilot.engine.flow import FlowContext

log = logging.getLogger("jobpilot.ats.successfactors")

PARSE_WAIT_S = 10.0
PARSE_POLL_S = 0.1
"""Between two looks at the form while waiting for the parser's values (they must agree
twice after changing): a 250 ms pause lost up to half a second after the parser answered,
for the price of a few more looks."""


class SuccessFactorsFlow:
    ats = "successfactors"

    def __init__(self, *, max_moves: int = 10) -> None:
        self.max_moves = max_moves

    async def apply_steps(self, ctx: FlowContext) -> FlowOutcome:
        async with AsyncExitStack() as stack:
            return await _Run(ctx, account.Account(ctx, stack)).drive(self.max_moves)
        raise AssertionError("unreachable")  # pragma: no cover

    async def after_submit(self, ctx: FlowContext) -> FlowOutcome | None:
        """After the engine clicked Apply: the in-page confirmation, or the value-state
        errors the site answered with."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + ctx.verify_timeout_ms / 1000
        while True:
            snapshot = await ctx.page.snapshot()
            m = CONFIRMATION.search(" \n".join(snapshot.headings)) or CONFIRMATION.search(
                await ctx.page.text()
            )
            if m is not None:
                return FlowOutcome(state="submitted", message=m.group(0))
            problems = steps.errors(snapshot)
            if problems:
                return FlowOutcome(
                    state="needs_user",
                    needs=problems,
                    message="SuccessFactors did not accept the application",
                )
            if loop.time() >= deadline:
                return None
            await asyncio.sleep(0.2)


class _Run:
    def __init__(self, ctx: FlowContext, acct: account.Account) -> None:
        self.ctx = ctx
        self.acct = acct
        self.seen: FormSnapshot | None = None

    async def look(self) -> tuple[FormSnapshot, steps.Where]:
        snapshot, self.seen = self.seen, None
        if snapshot is None:
            await self.ctx.page.wait_for(stable_ms=100, timeout_ms=5_000)
            snapshot = await self.ctx.page.snapshot()
        where = steps.identify(snapshot)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + 8.0
        while where.kind == "unknown" and loop.time() < deadline:  # the UI5 app still loading
            await asyncio.sleep(0.2)
            snapshot = await self.ctx.page.snapshot()
            where = steps.identify(snapshot)
        return snapshot, where

    async def click(self, snapshot: FormSnapshot, where: steps.Where, ref: str) -> FlowOutcome | None:
        await self.ctx.page.click(ref)
        after, problems, moved = await steps.until_moved(self.ctx.page, where, snapshot)
        if not moved:
            return FlowOutcome(state="needs_user", needs=problems or ["SuccessFactors did not move on"])
        self.seen = after
        return None

    async def drive(self, max_moves: int) -> FlowOutcome:
        visits: dict[str, int] = {}
        for _ in range(max_moves):
            snapshot, where = await self.look()
            log.info("successfactors: at %s", where.kind)
            visits[where.kind] = visits.get(where.kind, 0) + 1
            if visits[where.kind] > 3:
                return FlowOutcome(state="needs_user", needs=[f"finish the {where.kind} page yourself"])
            outcome: FlowOutcome | None
            if where.kind == "job":
                apply = markup.button_by_id(snapshot, "applyButton_top", "applyButton_bottom")
                assert apply is not None
                outcome = await self.click(snapshot, where, apply.ref)
            elif where.kind == "login":
                await self.acct.lease(snapshot)
                if self.acct.given is None and await self.acct.stored() is None:
                    create = markup.button(snapshot, "create an account")
                    if create is None:
                        return FlowOutcome(
                            state="needs_user", needs=["create your SuccessFactors account yourself"]
                        )
                    outcome = await self.click(snapshot, where, create.ref)
                else:
                    outcome = await self.acct.sign_in(snapshot)
            elif where.kind == "create":
                made = await self.acct.create(snapshot)
                outcome = made if isinstance(made, FlowOutcome) else None
            elif where.kind == "application":
                return await self.application(snapshot)
            elif where.kind == "done":
                return FlowOutcome(
                    state="needs_user",
                    message="SuccessFactors already shows this application as submitted",
                    needs=[
                        "the site shows a confirmation already: check your candidate profile's applications"
                    ],
                )
            else:
                return FlowOutcome(
                    state="needs_user",
                    needs=["open the SuccessFactors application yourself"],
                    message=f"unrecognised SuccessFactors page: {self.ctx.page.url}",
                )
            if outcome is not None:
                return outcome
        return FlowOutcome(state="failed", message=f"gave up after {max_moves} SuccessFactors pages")

    async def application(self, snapshot: FormSnapshot) -> FlowOutcome:
        needs: list[str] = []
        resume = [f for f in snapshot.fields if markup.field_id(f) == "resume" and f.type == "file"]
        parsed: set[str] = set()
        if resume:
            snapshot, parsed = await _upload_resume(self.ctx, snapshot, resume[0].ref)
        mappings = self.ctx.map(snapshot)
        leave = rows.row_refs(snapshot) | {f.ref for f in snapshot.fields if markup.field_id(f) == "resume"}
        planned = snapshot.model_copy(update={"fields": [f for f in snapshot.fields if f.ref not in leave]})
        with self.ctx.timed("options"):
            planned = await _with_options(self.ctx, planned, mappings)
        with self.ctx.timed("plan"):
            plan = await self.ctx.plan(planned, mappings)
        plan.actions += _unconfirmed(planned, plan, parsed)
        with self.ctx.timed("fill"):
            results = await self.ctx.apply(plan)
        needs += [f"{r.ref}: {r.error}" for r in results if not r.ok]
        with self.ctx.timed("entries"):
            row_plan, report = await rows.plan_rows(
                self.ctx.page, self.ctx.profile, snapshot, ats="successfactors"
            )
            if row_plan.actions:
                needs += [f"{r.ref}: {r.error}" for r in await self.ctx.apply(row_plan) if not r.ok]
        needs += report.needs
        await self.ctx.reconcile(StepResult(snapshot=snapshot, plan=plan, results=results))
        if needs:
            return FlowOutcome(
                state="needs_user",
                needs=needs,
                message="SuccessFactors application filled with fields left for you",
            )
        return FlowOutcome(state="ready", message="SuccessFactors application filled: ready to apply")


def _wants_options(field: Field, mapping: FieldMapping | None) -> bool:
    """A closed UI5 select the planner should choose for: its options must be read first."""
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
    """``snapshot`` with the real options of its closed UI5 selects, read in the page in one
    call (each is opened, read and closed), so the planner's option rules choose."""
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


_TEXT = frozenset({"text", "email", "tel", "url", "textarea"})


def _unconfirmed(snapshot: FormSnapshot, plan: FillPlan, parsed: set[str]) -> list[Action]:
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
            or markup.field_id(f) not in parsed
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
    """Upload the resume alone; wait until the parser's values landed (the app re-renders
    with them) and return the form as it is then, with the ids of the fields the parser
    wrote into."""
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
    """The form's values, the file uploader's own left out (choosing the file is not the
    parser answering)."""
    return {
        markup.field_id(f) or f.ref: (f.value or "") + ("*" if f.checked else "")
        for f in snapshot.fields
        if f.type != "file" and not markup.field_id(f).endswith("-fu_input")
    }

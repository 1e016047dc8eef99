"""The Workable application flow: one page, its resume parser, its custom questions, and the
e-mailed code after Submit.

1. **Documents first.** Uploading the resume makes Workable parse it at once: it fills the
   fields still empty and creates Education and Experience cards, with a parser's mistakes.
   So the flow plans the whole page from one snapshot and uploads first, waits for the
   parser's cards, and only then types: nothing the flow types is overwritten, and
   everything the parser wrote is either overwritten by the plan or fixed by ``entries``
   (cards matched to the profile, wrong ones removed, missing ones added).
2. **The rest of the page** is filled from that plan: standard fields, the ``CA_<n>``
   custom attributes and ``QA_<n>`` questions (Workable's dropdowns, yes/no radios, checkbox
   groups), the GDPR box. The phone field's country picker is left as it is when the number
   carries its dial code: Workable's phone widget picks the country from it.
3. **After Submit** (``after_submit``): accounts with e-mail verification answer with a
   "Verify your email" step. The code is asked of the person (``ctx.ask``), never guessed;
   nobody there -> ``needs_user``. A refused code is asked again (Workable allows three
   tries); Workable's refusals (an e-mail that already applied, missing fields) go to the
   person. The confirmation is left to the engine to read.
"""

from __future__ import annotations

import asyncio
import re
from typing import TYPE_CHECKING

from jobpilot.engine.confirm import CONFIRMATION
from jobpilot.engine.flow import FlowOutcome
from jobpilot.models.plan import Action, FillPlan
from jobpilot.models.snapshot import Field, FormSnapshot

from jobpilot_ats_workable import entries
from jobpilot_ats_workable.detect import ATS, has_application_form

if TYPE_CHECKING:
    from jobpilot.engine.flow import FlowContext

FORM_WAIT_S = 10.0
PARSE_WAIT_S = 10.0
CODE_TRIES = 3

_DIAL = re.compile(r"^\s*\+\s*(\d{1,3})")
_CODE_FIELD = re.compile(r"verification|code", re.I)
_REFUSED = re.compile(r"already applied|is required|not accepted|something went wrong", re.I)
_BAD_CODE = re.compile(r"code is not valid|code has expired|expired", re.I)


def is_phone_country(f: Field) -> bool:
    return f.attrs.get(
        "aria-label", ""
    ).lower() == "telephone country code" or "iti__selected-flag" in f.attrs.get("class", "")


def code_field(snapshot: FormSnapshot) -> Field | None:
    """The verification step's code box (``data-ui="verification-code"``), if it shows."""
    for f in snapshot.fields:
        if f.visible and (f.attrs.get("data-ui") == "verification-code" or _CODE_FIELD.search(f.name or "")):
            return f
    return None


class WorkableFlow:
    """Registered through ``register_flows``; the engine runs it for ``ats == "workable"``."""

    ats = ATS

    async def apply_steps(self, ctx: FlowContext) -> FlowOutcome:
        snapshot = await self._wait_for_form(ctx)
        if snapshot is None:
            return FlowOutcome(
                state="needs_user",
                needs=['open the application form (its "Apply for this job" tab), then start again'],
                message="no Workable application form on this page",
            )
        needs: list[str] = []
        mappings = ctx.map(snapshot)
        leave = entries.entry_refs(snapshot) | self._phone_country(ctx, snapshot)
        with ctx.timed("plan"):
            scope = snapshot.model_copy(update={"fields": [f for f in snapshot.fields if f.ref not in leave]})
            plan = await ctx.plan(scope, mappings)
        uploads = [a for a in plan.actions if a.kind == "upload"]
        rest = [a for a in plan.actions if a.kind != "upload"]
        if uploads:
            with ctx.timed("upload"):
                await ctx.apply(FillPlan(url=plan.url, ats=ATS, actions=uploads))
                snapshot = await self._parsed(ctx, snapshot)
        with ctx.timed("entries"):
            for section in entries.SECTIONS:
                report, snapshot = await entries.reconcile(ctx, section, snapshot)
                needs += report.needs
                if report.deleted:
                    ctx.note(f"removed {section} entries not in the profile: {', '.join(report.deleted)}")
        with ctx.timed("fill"):
            await ctx.apply(FillPlan(url=plan.url, ats=ATS, actions=rest, skipped=plan.skipped))
        if needs:
            return FlowOutcome(state="needs_user", needs=needs, message="Workable entries left for you")
        return FlowOutcome(state="ready")

    async def after_submit(self, ctx: FlowContext) -> FlowOutcome | None:
        """Workable's answer to Submit: the e-mail verification step (the code asked of the
        person), a refusal for the person, or None (the engine reads the confirmation)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + ctx.verify_timeout_ms / 1000
        tries = 0
        while loop.time() < deadline:
            await ctx.page.wait_for(stable_ms=150, timeout_ms=2_000)
            text = await ctx.page.text()
            if CONFIRMATION.search(text):
                return None
            snapshot = await ctx.snapshot()
            box = code_field(snapshot)
            if box is not None:
                if tries >= CODE_TRIES:
                    return FlowOutcome(
                        state="needs_user",
                        needs=["enter the code Workable e-mailed you"],
                        message="codes refused",
                    )
                tries += 1
                outcome = await self._enter_code(ctx, snapshot, box, text, retry=tries > 1)
                if outcome is not None:
                    return outcome
                continue
            m = _REFUSED.search(text)
            if m:
                line = next(
                    (ln.strip() for ln in text.splitlines() if m.group(0).lower() in ln.lower()), m.group(0)
                )
                return FlowOutcome(
                    state="needs_user", needs=[line], message="Workable refused the application"
                )
        return None

    # --- steps ------------------------------------------------------------------------

    async def _wait_for_form(self, ctx: FlowContext) -> FormSnapshot | None:
        """Workable renders client-side: the first snapshot that holds its form."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + FORM_WAIT_S
        while True:
            snapshot = await ctx.snapshot()
            if has_application_form(snapshot) and any(f.visible for f in snapshot.fields):
                return snapshot
            if loop.time() >= deadline:
                return None
            await ctx.page.wait_for(stable_ms=100, timeout_ms=1_000)

    @staticmethod
    def _phone_country(ctx: FlowContext, snapshot: FormSnapshot) -> set[str]:
        """The phone widget's country picker, when the profile's number carries a dial code
        (the widget takes the country from it; choosing it as well would be a second guess)."""
        if not _DIAL.match(ctx.profile.basics.phone or ""):
            return set()
        return {f.ref for f in snapshot.fields if is_phone_country(f)}

    async def _parsed(self, ctx: FlowContext, before: FormSnapshot) -> FormSnapshot:
        """After the resume upload: the first snapshot showing the parser's work (a card, or
        a field it filled), or the page as it is once :data:`PARSE_WAIT_S` passed."""
        empty = {f.ref for f in before.fields if f.visible and f.type in ("text", "email") and not f.value}

        def parsed(s: FormSnapshot) -> bool:
            if entries.entry_buttons(s, "edit", "experience") or entries.entry_buttons(
                s, "edit", "education"
            ):
                return True
            return any(f.ref in empty and f.value for f in s.fields)

        loop = asyncio.get_running_loop()
        deadline = loop.time() + PARSE_WAIT_S
        while True:
            snapshot = await ctx.snapshot()
            if parsed(snapshot) or loop.time() >= deadline:
                return snapshot
            await ctx.page.wait_for(stable_ms=50, timeout_ms=500)

    async def _enter_code(
        self, ctx: FlowContext, snapshot: FormSnapshot, box: Field, text: str, *, retry: bool
    ) -> FlowOutcome | None:
        """Ask the person for the e-mailed code and send it; an outcome when nobody answers."""
        where = next((ln.strip() for ln in text.splitlines() if "code" in ln.lower() and "@" in ln), "")
        question = "Workable e-mailed you a verification code to finish this application" + (
            f" ({where})" if where else ""
        )
        if retry:
            question += ". The last code was refused: enter the newest one"
        code = (await ctx.ask(question + ":") or "").strip()
        if not code:
            return FlowOutcome(
                state="needs_user",
                needs=[f"enter the code Workable e-mailed you{f' ({where})' if where else ''}"],
                message="Workable asks for the code it e-mailed",
            )
        verify = next(
            (
                b
                for b in snapshot.buttons
                if b.visible and (b.attrs.get("data-ui") == "verify-button" or b.type == "submit")
            ),
            None,
        )
        actions = [
            Action(
                kind="fill",
                ref=box.ref,
                frame=box.frame,
                value=code,
                label=box.label,
                source="asked: e-mailed code",
            ),
        ]
        if verify is None:
            return FlowOutcome(state="needs_user", needs=["enter the e-mailed code and confirm it yourself"])
        actions.append(
            Action(kind="click", ref=verify.ref, frame=verify.frame, label="Verify", source="flow")
        )
        await ctx.apply(FillPlan(url=ctx.page.url, ats=ATS, actions=actions))
        return None


__all__ = ["WorkableFlow", "code_field", "is_phone_country"]

"""The Jobvite apply flow: two steps on one page, the sign-in option skipped.

1. **Contact information and documents** (step 1). The page offers "Sign in with your
   Jobvite profile" and Apply with LinkedIn / Indeed: the flow uses none of them (a profile
   on Jobvite's side is not the applicant's JobPilot profile, and a sign-in would hand a
   password to a page), and fills the form itself. The resume goes in as a file through
   ``#attachResume``; a cover letter kept as text goes into the cover letter's "Type or Paste"
   box, which shows only once chosen in its "Select" menu. The numbered Work History and
   Education blocks are filled by ``rows`` (block N from the profile's N-th entry). Then
   "Next"; a step that stays put with errors goes to the person.
2. **Prescreen questions and the EEO section** (step 2): planned and filled like any page;
   EEO answers come only from the profile (or its "decline" option), never from a provider.

The flow stops before "Send Application" (``ready``); the engine submits only when asked
and ``after_submit`` reads Jobvite's answer: its confirmation, or a refusal for the person.
"""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from jobpilot.engine.confirm import CONFIRMATION
from jobpilot.engine.flow import FlowOutcome
from jobpilot.engine.text import norm
from jobpilot.models.plan import Action, FillPlan
from jobpilot.models.snapshot import Button, FormSnapshot

from jobpilot_ats_jobvite import rows
from jobpilot_ats_jobvite.detect import ATS, has_apply_form

if TYPE_CHECKING:
    from jobpilot.engine.flow import FlowContext

FORM_WAIT_S = 10.0
MOVE_WAIT_S = 8.0

Step = Literal["contact", "questions", "done", "other"]

_NEXT = re.compile(r"^(next|continue|weiter|suivant|siguiente)$", re.I)
_REFUSED = re.compile(r"already applied|could not be submitted|please correct the errors", re.I)


def step_of(snapshot: FormSnapshot, text: str) -> Step:
    """Which step of the apply page shows."""
    visible = [f for f in snapshot.fields if f.visible]
    if any(f.name == "firstName" for f in visible):
        return "contact"
    if any(
        "jv-prescreen" in " ".join(a.get("class", "") for a in f.ancestors)
        or (f.name or "").startswith("eeo")
        for f in visible
    ):
        return "questions"
    if CONFIRMATION.search(text):
        return "done"
    return "other"


def next_button(snapshot: FormSnapshot) -> Button | None:
    return next(
        (b for b in snapshot.buttons if b.visible and not b.disabled and _NEXT.match(norm(b.text))), None
    )


class JobviteFlow:
    """Registered through ``register_flows``; the engine runs it for ``ats == "jobvite"``."""

    ats = ATS

    async def apply_steps(self, ctx: FlowContext) -> FlowOutcome:
        snapshot = await self._wait_for_form(ctx)
        if snapshot is None:
            return FlowOutcome(
                state="needs_user",
                needs=["open the job's application (its Apply button), then start again"],
                message="no Jobvite application form on this page",
            )
        text = await ctx.page.text()
        needs: list[str] = []
        step = step_of(snapshot, text)
        if step == "contact":
            needs += await self._contact(ctx, snapshot)
            moved = await self._next(ctx)
            if moved is None:
                text = await ctx.page.text()
                return FlowOutcome(
                    state="needs_user",
                    needs=_errors(text) or ["continue from the contact information step yourself"],
                    message="Jobvite did not accept the first step",
                )
            snapshot, step = moved
        if step == "questions":
            with ctx.timed("plan"):
                plan = await ctx.plan(snapshot, ctx.map(snapshot))
            with ctx.timed("fill"):
                await ctx.apply(plan)
            if needs:
                return FlowOutcome(state="needs_user", needs=needs, message="Jobvite entries left for you")
            return FlowOutcome(state="ready", message="Jobvite: ready to send the application")
        return FlowOutcome(
            state="needs_user",
            needs=["finish the Jobvite application yourself"],
            message=f"unexpected step: {step}",
        )

    async def after_submit(self, ctx: FlowContext) -> FlowOutcome | None:
        """Jobvite's answer to "Send Application": a refusal goes to the person; the
        confirmation (or nothing yet) is left to the engine to read."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + ctx.verify_timeout_ms / 1000
        while loop.time() < deadline:
            await ctx.page.wait_for(stable_ms=150, timeout_ms=2_000)
            text = await ctx.page.text()
            if CONFIRMATION.search(text):
                return None
            m = _REFUSED.search(text)
            if m:
                return FlowOutcome(
                    state="needs_user",
                    needs=_errors(text) or [m.group(0)],
                    message="Jobvite refused the application",
                )
        return None

    # --- steps ------------------------------------------------------------------------

    async def _wait_for_form(self, ctx: FlowContext) -> FormSnapshot | None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + FORM_WAIT_S
        while True:
            snapshot = await ctx.snapshot()
            if has_apply_form(snapshot) and any(f.visible for f in snapshot.fields):
                return snapshot
            if loop.time() >= deadline:
                return None
            await ctx.page.wait_for(stable_ms=100, timeout_ms=1_000)

    async def _contact(self, ctx: FlowContext, snapshot: FormSnapshot) -> list[str]:
        """Step 1: the cover letter's paste box opened when the letter is text, the blocks
        filled from the profile, then everything else in one plan."""
        if await self._open_cover_letter_box(ctx, snapshot):
            snapshot = await ctx.snapshot()
        with ctx.timed("rows"):
            needs, snapshot = await rows.fill(ctx, snapshot)
        with ctx.timed("plan"):
            leave = rows.row_refs(snapshot)
            scope = snapshot.model_copy(update={"fields": [f for f in snapshot.fields if f.ref not in leave]})
            plan = await ctx.plan(scope, ctx.map(snapshot))
        with ctx.timed("fill"):
            await ctx.apply(plan)
        return needs

    async def _open_cover_letter_box(self, ctx: FlowContext, snapshot: FormSnapshot) -> bool:
        """Choose "Type or Paste Cover Letter" in the cover letter's menu when the profile's
        cover letter is text (not a file) and its box is not open yet."""
        letter = ctx.profile.application.cover_letter or ""
        if not letter.strip() or ("\n" not in letter and Path(letter.strip()).expanduser().is_file()):
            return False  # no letter, or a file: the File option takes it
        box = next(
            (
                f
                for f in snapshot.fields
                if f.id == "attachCoverLetter-text"
                or (f.tag == "textarea" and any(a.get("id") == "attachCoverLetter" for a in f.ancestors))
            ),
            None,
        )
        if box is None or box.visible:
            return False
        # The menu's own "Select" button is the last one before its "Type or Paste" entry.
        at = next((i for i, b in enumerate(snapshot.buttons) if "paste cover letter" in norm(b.text)), None)
        if at is None:
            return False
        paste = snapshot.buttons[at]
        select = next(
            (b for b in reversed(snapshot.buttons[:at]) if b.visible and norm(b.text) == "select"), None
        )
        if select is None:
            return False
        clicks = [
            Action(
                kind="click", ref=select.ref, frame=select.frame, label="cover letter: Select", source="flow"
            ),
            Action(
                kind="click",
                ref=paste.ref,
                frame=paste.frame,
                label="cover letter: Type or Paste",
                source="flow",
            ),
        ]
        results = await ctx.apply(FillPlan(url=ctx.page.url, ats=ATS, actions=clicks))
        return all(r.ok for r in results)

    async def _next(self, ctx: FlowContext) -> tuple[FormSnapshot, Step] | None:
        button = next_button(await ctx.snapshot())
        if button is None:
            return None
        await ctx.page.click(button.ref)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + MOVE_WAIT_S
        while True:
            snapshot = await ctx.snapshot()
            text = await ctx.page.text()
            step = step_of(snapshot, text)
            if step != "contact":
                return snapshot, step
            if _errors(text) or loop.time() >= deadline:
                return None
            await ctx.page.wait_for(stable_ms=50, timeout_ms=500)


def _errors(text: str) -> list[str]:
    found = re.findall(
        r"^\s*(.*(?:is required|Please add your resume|already applied|could not be submitted).*)$",
        text,
        re.M | re.I,
    )
    return list(dict.fromkeys(m.strip() for m in found))[:10]


__all__ = ["JobviteFlow", "next_button", "step_of"]

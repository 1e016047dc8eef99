"""Lever's apply flow: one page, but three things happen around the fill.

1. **The resume parser.** Attaching a resume makes Lever upload it and "analyse" it
   ("Analyzing resume..." then "Success!" or "Couldn't auto-read resume."); when the
   analysis returns it overwrites name, email, phone, company and links with what it read,
   sometimes wrongly. The analysis can take longer than the engine's quiet-DOM wait, so the
   flow waits for Lever's own outcome label and then has the engine reconcile: values that
   still match the plan are kept, the ones the parser changed are put back.
2. **The CC-305 disability form.** Its signature date is required once a disability answer
   is given; it is dated today (the name is the applicant's full name, mapped as such).
3. **The invisible hCaptcha.** "Submit application" is a plain button that runs
   ``hcaptcha.execute``; the form is only posted from the widget's callback. So the blocking
   challenge, if any, appears *after* the click. ``after_submit`` watches for it and hands it
   to the engine's CAPTCHA hand-off: a solver the person opted into, or the person. With a
   token in place, Lever's submit button posts the form directly.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Literal

from jobpilot.engine.confirm import CONFIRMATION, find_submit_button
from jobpilot.engine.flow import FlowOutcome
from jobpilot.models.plan import Action, FillPlan
from jobpilot.models.providers import CaptchaChallenge
from jobpilot.models.snapshot import FormSnapshot
from jobpilot.vocabulary import FieldKey

if TYPE_CHECKING:
    from jobpilot.engine.flow import FlowContext, StepResult
    from jobpilot.page import Page

PARSED = (".resume-upload-success", ".resume-upload-failure")
"""Lever's resume-analysis outcome labels (hidden until the analysis finishes)."""
PARSE_TIMEOUT_MS = 15_000
SUBMIT_TIMEOUT_MS = 10_000
_REJECTED = re.compile(
    r"there (was|were) (an )?(errors?|problems?) (with|submitting) your application"
    r"|please (fix|correct) the (errors|fields) below|this field is required",
    re.IGNORECASE,
)
SIGNATURE_DATE = "eeo[disabilitySignatureDate]"
DISABILITY = "eeo[disability]"


@dataclass
class AfterClick:
    """What the page did after the submit click."""

    kind: Literal["confirmed", "challenge", "rejected", "nothing"]
    challenge: CaptchaChallenge | None = None
    text: str = ""


class LeverFlow:
    """The flow registered for ``ats == "lever"``."""

    ats = "lever"

    async def apply_steps(self, ctx: FlowContext) -> FlowOutcome:
        step = await ctx.fill_step()
        if _uploaded_resume(step):
            await self._wait_for_parser(ctx.page)
            await ctx.reconcile(step)
        await self._date_disability_form(ctx)
        return FlowOutcome(state="ready")

    async def after_submit(self, ctx: FlowContext) -> FlowOutcome | None:
        """Handle the hCaptcha challenge Lever raises on submit; None lets the engine read
        the confirmation as for any page."""
        page = ctx.page
        seen = await self._after_click(ctx)
        if seen.kind == "challenge" and seen.challenge is not None:
            if not await ctx.solve_captcha(seen.challenge):
                return FlowOutcome(
                    state="needs_user",
                    needs=["solve the hCaptcha Lever shows after 'Submit application'; it then submits"],
                    message="waiting for a person to solve the hCaptcha challenge",
                )
            # The token is in the form now: Lever's submit button posts it without a new challenge.
            snapshot = await page.snapshot()
            button = find_submit_button(snapshot)
            if button is None:
                return FlowOutcome(state="needs_user", needs=["hCaptcha solved: press 'Submit application'"])
            await page.click(button.ref)
            seen = await self._after_click(ctx)
            if seen.kind == "challenge":
                return FlowOutcome(
                    state="needs_user",
                    needs=["Lever asked for the hCaptcha again: solve it, then submit"],
                    message="the solver's token was not accepted by the page",
                )
        if seen.kind == "rejected":
            return FlowOutcome(
                state="needs_user",
                needs=["Lever did not accept the application: fix the fields it marks, then submit"],
                message=_excerpt(seen.text),
            )
        return None

    # --- pieces ---------------------------------------------------------------------------

    @staticmethod
    async def _wait_for_parser(page: Page) -> None:
        """Until Lever shows the analysis outcome (or the timeout passes: then the values the
        parser may still write are caught by the engine's own check before submitting)."""
        deadline = time.monotonic() + PARSE_TIMEOUT_MS / 1000
        while time.monotonic() < deadline:
            for selector in PARSED:
                if await page.wait_for(selector=selector, timeout_ms=150):
                    await page.wait_for(stable_ms=150, timeout_ms=2_000)
                    return

    @staticmethod
    async def _date_disability_form(ctx: FlowContext) -> None:
        """Date the CC-305 signature when a disability answer was given and the date is empty."""
        snapshot = await ctx.snapshot()
        answered = any(f.name == DISABILITY and (f.value or "").strip() for f in snapshot.fields)
        target = next((f for f in snapshot.fields if f.name == SIGNATURE_DATE and f.visible), None)
        if not answered or target is None or (target.value or "").strip():
            return
        placeholder = (target.placeholder or "MM/DD/YYYY").upper()
        fmt = (
            "%d/%m/%Y"
            if placeholder.startswith("DD")
            else "%Y-%m-%d"
            if placeholder.startswith("YYYY")
            else "%m/%d/%Y"
        )
        action = Action(
            kind="fill",
            ref=target.ref,
            frame=target.frame,
            key=FieldKey.QUESTION,
            value=date.today().strftime(fmt),
            label=target.label,
            source="lever: CC-305 signature date (today)",
            confidence=0.95,
        )
        await ctx.apply(FillPlan(url=snapshot.url, ats="lever", actions=[action]))

    @staticmethod
    async def _after_click(ctx: FlowContext) -> AfterClick:
        """Watch the page after a submit click: a confirmation, a blocking CAPTCHA, Lever's
        error banner, or nothing within the timeout."""
        page = ctx.page
        deadline = time.monotonic() + SUBMIT_TIMEOUT_MS / 1000
        while True:
            await page.wait_for(stable_ms=150, timeout_ms=1_500)
            text = await page.text()
            if CONFIRMATION.search(text):
                return AfterClick("confirmed", text=text)
            if _REJECTED.search(text):
                return AfterClick("rejected", text=text)
            snapshot = await _snapshot_or_none(page)
            if snapshot is not None:
                blocking = [c for c in ctx.captchas(snapshot) if c.blocking]
                if blocking:
                    return AfterClick("challenge", challenge=blocking[0], text=text)
            if time.monotonic() >= deadline:
                return AfterClick("nothing", text=text)


def _uploaded_resume(step: StepResult) -> bool:
    uploads = {a.ref for a in step.plan.actions if a.kind == "upload" and a.key is FieldKey.RESUME}
    return any(r.ok and r.ref in uploads for r in step.results)


async def _snapshot_or_none(page: Page) -> FormSnapshot | None:
    try:
        return await page.snapshot()
    except Exception:  # the page is navigating (the form was posted): look again next round
        return None


def _excerpt(text: str, limit: int = 400) -> str:
    m = _REJECTED.search(text)
    start = m.start() if m else 0
    return " ".join(text[start : start + limit].split())

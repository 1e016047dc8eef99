"""The SmartRecruiters one-click flow, page by page, through the ``FlowContext``.

(job ad -> its "I'm interested" link, followed ->) personal information (Easy Apply, personal
data, Experience, Education, web profiles, resume, message, privacy acknowledgement) -> Next ->
screening questions (when the job has any) -> Next -> review -> the engine clicks Submit when
asked -> confirmation.

On the first page:

1. **Resume-parse prefill.** While the form is untouched and the profile has a resume, the
   resume goes into the Easy Apply drop zone first, as a person would start: SmartRecruiters
   parses it and prefills the page and the Experience/Education cards. The flow waits for the
   prefill, then treats everything the parser wrote as a draft: the plan fills every field
   from the profile, and ``entries`` fixes, deletes or adds cards until they are the
   profile's jobs and schools.
2. **The page is filled** with ``ctx.fill_step`` (the ``spl-*`` controls live in open shadow
   roots; the DOM layer reaches them), minus the entry forms and the City autocomplete,
   which ``location`` fills by choosing a suggestion, never the first one.
3. **Next** is the page's primary button (found by its design-system class, whatever the
   page's language). A page that stays put with errors is returned as ``needs_user`` with
   the messages, not clicked again and again.

The flow stops at the review page (``ready``); the engine submits only when asked, and
``after_submit`` reads SmartRecruiters' answer: the confirmation, or its refusal (an
application already sent for this e-mail) for the person.
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from jobpilot.engine.confirm import CONFIRMATION
from jobpilot.engine.flow import FlowOutcome
from jobpilot.engine.links import find_link, follow
from jobpilot.models.snapshot import Button, Field, FormSnapshot
from jobpilot.vocabulary import FieldKey

from jobpilot_ats_smartrecruiters import entries, location
from jobpilot_ats_smartrecruiters.detect import ATS
from jobpilot_ats_smartrecruiters.mapping import classify

if TYPE_CHECKING:
    from jobpilot.engine.flow import FlowContext

FORM_WAIT_S = 10.0
MOVE_WAIT_S = 8.0
PARSE_WAIT_S = 15.0
MAX_PAGES = 6

Kind = Literal["personal", "questions", "review", "done", "job_ad", "unknown"]

_PRIMARY = re.compile(r"\bc-spl-button--primary\b")
_ERROR_LINE = (
    r"^\s*(.*(?:is required|required\b|do not match|valid email|must acknowledge"
    r"|Add your resume|Save or cancel).*)$"
)
_REFUSED = re.compile(r"already applied|something went wrong|could not be submitted", re.I)


@dataclass(frozen=True)
class Where:
    kind: Kind
    snapshot: FormSnapshot


def _hooks(f: Field) -> list[str]:
    return [w.get("data-test", "") for w in (f.attrs, *f.ancestors) if w.get("data-test")]


def identify(snapshot: FormSnapshot, text: str) -> Kind:
    """Which page of the one-click flow this is, from SmartRecruiters' own hooks."""
    hooks = {h for f in snapshot.fields if f.visible for h in _hooks(f)}
    if any(h.startswith("personal-info-") for h in hooks):
        return "personal"
    if any(h.startswith("screening-question") for h in hooks):
        return "questions"
    if CONFIRMATION.search(text):
        return "done"
    if "sr:job-ad-id" in snapshot.meta or "st-apply" in snapshot.element_ids:
        return "job_ad"
    if primary_button(snapshot) is not None:
        return "review"
    return "unknown"


def primary_button(snapshot: FormSnapshot) -> Button | None:
    """The page's footer action (Next / Submit): its last visible primary button."""
    primaries = [
        b
        for b in snapshot.buttons
        if b.visible and not b.disabled and _PRIMARY.search(b.attrs.get("class", ""))
    ]
    return primaries[-1] if primaries else None


def errors(text: str) -> list[str]:
    """The validation messages a page shows (its summary list and inline messages)."""
    found = re.findall(
        _ERROR_LINE,
        text,
        re.M | re.I,
    )
    return list(dict.fromkeys(m.strip() for m in found if m.strip()))[:10]


class SmartRecruitersFlow:
    """Registered through ``register_flows``; the engine runs it for ``ats == "smartrecruiters"``."""

    ats = ATS

    async def apply_steps(self, ctx: FlowContext) -> FlowOutcome:
        where = await self._wait_for_page(ctx)
        left: list[str] = []
        seen: dict[Kind, int] = {}
        for _ in range(MAX_PAGES):
            seen[where.kind] = seen.get(where.kind, 0) + 1
            if seen[where.kind] > 1 and where.kind in ("personal", "questions"):
                text = await ctx.page.text()
                return FlowOutcome(
                    state="needs_user",
                    needs=errors(text) or [f"finish the {where.kind} page yourself"],
                    message=f"SmartRecruiters kept the {where.kind} page",
                )
            if where.kind == "review":
                if left:
                    return FlowOutcome(
                        state="needs_user",
                        needs=left,
                        message="review page reached with entries left for you",
                    )
                return FlowOutcome(state="ready", message="SmartRecruiters review page: ready to submit")
            if where.kind == "job_ad":
                opened = await self._open_application(ctx, where)
                if opened is None:
                    return FlowOutcome(
                        state="needs_user",
                        needs=[
                            "open the application form (the job ad's \"I'm interested\" button), "
                            "then start again"
                        ],
                        message="a SmartRecruiters job ad, not the application",
                    )
                where = opened
                continue
            if where.kind == "done":
                return FlowOutcome(
                    state="needs_user",
                    needs=["SmartRecruiters already shows this application as sent: check your e-mail"],
                    message="confirmation page before anything was submitted",
                )
            if where.kind == "personal":
                left += await self._personal(ctx, where.snapshot)
            elif where.kind == "questions":
                await self._fill(ctx, where.snapshot)
            else:
                return FlowOutcome(
                    state="needs_user",
                    needs=["open the SmartRecruiters application yourself"],
                    message=f"unrecognised SmartRecruiters page: {ctx.page.url}",
                )
            moved = await self._next(ctx, where)
            if moved is None:
                text = await ctx.page.text()
                return FlowOutcome(
                    state="needs_user",
                    needs=errors(text) or [f"continue from the {where.kind} page yourself"],
                    message=f"SmartRecruiters did not accept the {where.kind} page",
                )
            where = moved
        return FlowOutcome(state="failed", message=f"gave up after {MAX_PAGES} SmartRecruiters pages")

    async def after_submit(self, ctx: FlowContext) -> FlowOutcome | None:
        """SmartRecruiters' answer to Submit: a refusal shown on the review page goes to the
        person; the confirmation (or nothing yet) is left to the engine to read."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + ctx.verify_timeout_ms / 1000
        while loop.time() < deadline:
            await ctx.page.wait_for(stable_ms=150, timeout_ms=2_000)
            text = await ctx.page.text()
            if CONFIRMATION.search(text):
                return None
            m = _REFUSED.search(text)
            if m:
                line = next(
                    (ln.strip() for ln in text.splitlines() if m.group(0).lower() in ln.lower()), m.group(0)
                )
                return FlowOutcome(
                    state="needs_user", needs=[line], message="SmartRecruiters refused the application"
                )
        return None

    # --- pages ------------------------------------------------------------------------

    async def _wait_for_page(self, ctx: FlowContext) -> Where:
        """The one-click app renders client-side: wait for a page it knows."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + FORM_WAIT_S
        while True:
            snapshot = await ctx.snapshot()
            kind = identify(snapshot, await ctx.page.text())
            if kind != "unknown" or loop.time() >= deadline:
                return Where(kind, snapshot)
            await ctx.page.wait_for(stable_ms=100, timeout_ms=1_000)

    async def _personal(self, ctx: FlowContext, snapshot: FormSnapshot) -> list[str]:
        """Fill the first page from ``snapshot``; what is left for the person."""
        needs: list[str] = []
        with ctx.timed("entries"):
            for section in entries.SECTIONS:
                report, snapshot = await entries.reconcile(ctx, section, snapshot)
                needs += report.needs
                if report.deleted:
                    ctx.note(f"removed {section} entries not in the profile: {', '.join(report.deleted)}")
        await self._fill(ctx, snapshot, leave=entries.entry_refs(snapshot))
        return needs

    async def _fill(self, ctx: FlowContext, snapshot: FormSnapshot, *, leave: set[str] | None = None) -> None:
        """Plan the page from ``snapshot`` and fill it in one call (uploads included), then
        the City autocomplete, which needs a suggestion picked."""
        with ctx.timed("plan"):
            city = self._city(snapshot)
            skip = (leave or set()) | ({city.ref} if city else set())
            scope = snapshot.model_copy(update={"fields": [f for f in snapshot.fields if f.ref not in skip]})
            plan = await ctx.plan(scope, ctx.map(snapshot))
        with ctx.timed("fill"):
            await ctx.apply(plan)
        if city is not None:
            with ctx.timed("city"):
                await location.fill_city(ctx, city, 0.9)

    @staticmethod
    def _city(snapshot: FormSnapshot) -> Field | None:
        for f in snapshot.fields:
            decided = classify(f)
            if decided and decided[0] is FieldKey.ADDRESS_CITY and f.type == "combobox" and f.visible:
                return f
        return None

    async def _open_application(self, ctx: FlowContext, where: Where) -> Where | None:
        """Follow the job ad's "I'm interested" (a plain link, ``#st-apply``) to the one-click
        form; None when there is none or the form did not come."""
        link = next((x for x in where.snapshot.links if x.id == "st-apply" and x.visible), None)
        link = link or find_link(where.snapshot)
        if link is None:
            return None
        await follow(ctx.page, link)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + FORM_WAIT_S
        while True:  # the one-click app renders client-side after the page load
            await ctx.page.wait_for(stable_ms=100, timeout_ms=1_000)
            snapshot = await ctx.snapshot()
            kind = identify(snapshot, await ctx.page.text())
            if kind not in ("job_ad", "unknown"):
                return Where(kind, snapshot)
            if loop.time() >= deadline:
                return None

    async def _next(self, ctx: FlowContext, where: Where) -> Where | None:
        """Click the page's Next and wait for the next page; None when it stayed put."""
        button = primary_button(await ctx.snapshot())
        if button is None:
            return None
        await ctx.page.click(button.ref)
        return await self._moved(ctx, where)

    async def _moved(self, ctx: FlowContext, where: Where) -> Where | None:
        """The page after a click, once it is another kind than ``where``; None when it
        stayed put with errors or past the wait."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + MOVE_WAIT_S
        while True:
            await ctx.page.wait_for(stable_ms=100, timeout_ms=1_000)
            snapshot = await ctx.snapshot()
            text = await ctx.page.text()
            kind = identify(snapshot, text)
            if kind != where.kind:
                return Where(kind, snapshot)
            if errors(text) or loop.time() >= deadline:
                return None


__all__ = ["SmartRecruitersFlow", "identify", "primary_button"]

"""The Greenhouse apply flow: one page, but with widgets a plain fill does not cover.

1. A cover letter kept as text goes into the "Enter manually" box (``manual_entry``): the
   click on it is sent with step 2, the box is filled with step 4.
2. Dropdowns are opened once so their real options are known before choosing
   (``lazy_options``): one in-page call per dropdown, all in the same ``apply``.
3. The whole page is then planned from that first snapshot and filled in one go, documents
   first, so that anything Greenhouse does on an attached resume happens before the values
   are typed rather than after.
4. Fields that became visible meanwhile are filled in a further pass: the "Enter manually"
   box, and questions that appear only after an answer (Greenhouse shows "Race" once "Are
   you Hispanic/Latino?" is "No", and many "If yes, ..." follow-ups). The snapshot that
   finds nothing new is also the one every answer is read back from.
5. Read-back: a react-select that lost its value (re-rendered, reset by the page) or a text
   box the page rewrote is filled again once. This replaces the engine's own re-check after
   uploads, which waits for a quiet page instead of looking at every value at the end.
6. After the submit click, ``security_code.after_submit`` handles Greenhouse's e-mailed
   security code, a CAPTCHA that turns into a challenge, and reads the confirmation or the
   validation errors.

The flow plans with the context's own pieces (``ctx.plan``, ``ctx.apply``) rather than
``ctx.fill_step``: that would take and map a snapshot of
its own and wait for the page to go quiet after the uploads, which is most of the time a
whole application takes.
"""

from __future__ import annotations

import asyncio
import re
import time
from typing import TYPE_CHECKING

from jobpilot.engine.flow import FlowOutcome
from jobpilot.engine.text import norm
from jobpilot.models.mapping import FieldMapping
from jobpilot.models.plan import Action, FillPlan
from jobpilot.models.snapshot import Field, FormSnapshot
from jobpilot.vocabulary import FieldKey

from jobpilot_ats_greenhouse import lazy_options, manual_entry, security_code
from jobpilot_ats_greenhouse.detect import ATS
from jobpilot_ats_greenhouse.mapping import greenhouse_frames

if TYPE_CHECKING:
    from jobpilot.engine.flow import FlowContext

FOLLOW_UP_PASSES = 3
"""Rounds of conditional questions filled after the first pass."""
UPLOAD_WAIT_S = 20.0
"""How long an attached document's upload to Greenhouse's S3 is waited for before Submit."""

_ALNUM = re.compile(r"[^0-9a-z]")


class GreenhouseFlow:
    """Greenhouse's application page (React or classic, hosted or embedded)."""

    ats = ATS

    async def apply_steps(self, ctx: FlowContext) -> FlowOutcome:
        page = ctx.page
        with ctx.timed("snapshot"):
            # The engine's own snapshot: nothing has run on the page since it was taken.
            snapshot = ctx.initial_snapshot or await page.snapshot()
            mappings = ctx.map(snapshot)

        with ctx.timed("options"):
            opening = self._manual_entry_click(snapshot, mappings, ctx)
            dropdowns = self._dropdowns(snapshot.fields, snapshot, mappings, ctx)
            first = [opening] if opening is not None else []
            results = await page.apply(first + lazy_options.list_actions(dropdowns))
            loaded = lazy_options.options_from(dropdowns, results[len(first) :])

        plan = await self._plan(ctx, lazy_options.with_options(snapshot, loaded), mappings)
        with ctx.timed("fill"):
            await ctx.apply(plan)

        # The "Enter manually" box and the conditional questions were not visible when the
        # page was planned: each pass fills what has become visible since.
        with ctx.timed("follow_up"):
            seen = {f.ref for f in snapshot.fields if f.visible}
            latest = await page.snapshot()
            if opening is not None and not manual_entry.text_box_open(latest):
                await page.wait_for(stable_ms=150, timeout_ms=3_000)  # a box that animates in
                latest = await page.snapshot()
            for _ in range(FOLLOW_UP_PASSES):
                new = [f for f in latest.fields if f.ref not in seen and f.visible]
                seen |= {f.ref for f in new}
                if not new:
                    break
                await self._fill_new(ctx, latest, new)
                latest = await page.snapshot()

        with ctx.timed("verify"):
            await self._verify(ctx, latest)
            await _uploads_landed(ctx)
        return FlowOutcome(state="ready")

    async def after_submit(self, ctx: FlowContext) -> FlowOutcome | None:
        return await security_code.after_submit(ctx)

    # --- steps ------------------------------------------------------------------------

    @staticmethod
    def _manual_entry_click(
        snapshot: FormSnapshot, mappings: dict[str, FieldMapping], ctx: FlowContext
    ) -> Action | None:
        """The "Enter manually" click for the cover letter when the profile has it as text."""
        text = manual_entry.cover_letter_text(ctx.profile.application.cover_letter)
        if text is None:
            return None
        frames = greenhouse_frames(snapshot, ctx.detection)
        fields = [f for f in snapshot.fields if f.frame in frames]
        if any(manual_entry.is_text_box(f) and f.visible for f in fields):
            return None  # already open
        upload = next(
            (
                f
                for f in fields
                if f.type == "file"
                and f.visible
                and not f.value
                and (m := mappings.get(f.ref)) is not None
                and m.key is FieldKey.COVER_LETTER
            ),
            None,
        )
        text_box = next((f for f in fields if manual_entry.is_text_box(f)), None)
        if upload is None and text_box is None:
            return None
        return manual_entry.open_action(snapshot, upload, text_box)

    @staticmethod
    def _dropdowns(
        fields: list[Field], snapshot: FormSnapshot, mappings: dict[str, FieldMapping], ctx: FlowContext
    ) -> list[Field]:
        """The closed react-selects among ``fields`` whose real options could change what
        gets chosen (see ``lazy_options.needs_options``)."""
        frames = greenhouse_frames(snapshot, ctx.detection) or {""}
        value_of = lazy_options.profile_value_fn(ctx.profile, ctx.saved_answer)
        return [
            f
            for f in fields
            if f.frame in frames and lazy_options.needs_options(f, mappings.get(f.ref), value_of)
        ]

    @staticmethod
    async def _plan(ctx: FlowContext, scope: FormSnapshot, mappings: dict[str, FieldMapping]) -> FillPlan:
        """Plan ``scope`` as ``ctx.fill_step`` would (generated content included), with the
        documents first."""
        with ctx.timed("plan"):
            plan = await ctx.plan(scope, mappings)
            uploads = [a for a in plan.actions if a.kind == "upload"]
            plan.actions = uploads + [a for a in plan.actions if a.kind != "upload"]
        return plan

    async def _fill_new(self, ctx: FlowContext, snapshot: FormSnapshot, new: list[Field]) -> None:
        """Fill fields that appeared after the first pass (mapped in the context of the whole
        page, planned on their own)."""
        mappings = ctx.map(snapshot)
        loaded = await lazy_options.load_options(ctx.page, self._dropdowns(new, snapshot, mappings, ctx))
        scope = lazy_options.with_options(snapshot.model_copy(update={"fields": new}), loaded)
        plan = await self._plan(ctx, scope, mappings)
        if plan.actions or plan.skipped:
            await ctx.apply(plan)

    async def _verify(self, ctx: FlowContext, snapshot: FormSnapshot) -> None:
        """Read every answer back from ``snapshot``; fill again once where the page lost it."""
        by_ref = {f.ref: f for f in snapshot.fields}
        redo: list[Action] = []
        for a, r in ctx.filled():
            f = by_ref.get(a.ref or "")
            if f is None or r is None or not r.ok or not isinstance(a.value, str) or _still_holds(a, f):
                continue
            redo.append(a.model_copy(update={"source": a.source + " (filled again: the page lost it)"}))
        if redo:
            await ctx.apply(FillPlan(url=snapshot.url, ats=ATS, actions=redo))


async def _uploads_landed(ctx: FlowContext) -> None:
    """Wait until every attached document's name is shown on the page.

    Greenhouse sends an attached file to S3 first and shows its name only once that upload
    has finished; a Submit click before then is refused by the page's own check ("This field
    is required" on the resume) and nothing is posted. Typing is quick enough now that the
    click can come first, so the flow waits for the names (within ``UPLOAD_WAIT_S``; past
    that the submission's own verdict tells what happened)."""
    names = [
        a.file.name
        for a, r in ctx.filled()
        if a.kind == "upload" and a.file is not None and a.file.name and r is not None and r.ok
    ]
    if not names:
        return
    deadline = time.monotonic() + UPLOAD_WAIT_S
    while time.monotonic() < deadline:
        text = await ctx.page.text()
        if all(name in text for name in names):
            return
        await asyncio.sleep(0.1)


def _still_holds(action: Action, field: Field) -> bool:
    """Whether the page still shows what ``action`` put in. A react-select shows the chosen
    option's text (possibly with more around it); a text box holds the text, or the same
    characters re-formatted by an input mask, as the DOM layer accepts when filling."""
    value = action.value if isinstance(action.value, str) else ""
    if action.kind == "select" and field.type == "combobox":
        return norm(value) in norm(field.value)
    if action.kind == "fill" and field.type not in ("combobox", "file", "checkbox", "radio"):
        now = field.value or ""
        return now == value or (_alnum(now) != "" and _alnum(now) == _alnum(value))
    return True


def _alnum(text: str) -> str:
    return _ALNUM.sub("", text.lower())


__all__ = ["GreenhouseFlow"]

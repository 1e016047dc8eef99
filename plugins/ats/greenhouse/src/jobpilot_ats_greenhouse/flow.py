"""The Greenhouse apply flow: one page, but with widgets a plain fill does not cover.

1. A cover letter kept as text goes into the "Enter manually" box (``manual_entry``).
2. Dropdowns are opened once so their real options are known before choosing
   (``lazy_options``); those fields are planned and filled with the options in hand, the
   rest of the page by ``engine.fill_step`` as usual (uploads included).
3. Questions that appear only after an answer (Greenhouse shows "Race" once "Are you
   Hispanic/Latino?" is "No", and many "If yes, ..." follow-ups) are filled in a further
   pass over the fields that were not there before.
4. Every dropdown answer is read back after the whole page is filled: a react-select that
   lost its value (re-rendered, reset by the resume parser) is chosen again once.
5. After the submit click, ``security_code.after_submit`` handles Greenhouse's e-mailed
   security code and reads the confirmation or the validation errors.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from jobpilot.engine.flow import FlowOutcome
from jobpilot.engine.text import norm
from jobpilot.models.mapping import Detection
from jobpilot.models.plan import Action, ActionResult, FillPlan
from jobpilot.models.snapshot import Field, FormSnapshot
from jobpilot.page import Page
from jobpilot.vocabulary import FieldKey

from jobpilot_ats_greenhouse import lazy_options, manual_entry, security_code
from jobpilot_ats_greenhouse.detect import ATS
from jobpilot_ats_greenhouse.mapping import greenhouse_frames

if TYPE_CHECKING:
    from jobpilot.engine.apply import ApplyEngine

FOLLOW_UP_PASSES = 3
"""Rounds of conditional questions filled after the first pass."""


class GreenhouseFlow:
    """Greenhouse's application page (React or classic, hosted or embedded)."""

    ats = ATS

    async def apply_steps(self, page: Page, *, detection: Detection, engine: ApplyEngine) -> FlowOutcome:
        snapshot = await page.snapshot()
        if await self._cover_letter_as_text(page, snapshot, detection, engine):
            snapshot = await page.snapshot()
        seen = {f.ref for f in snapshot.fields}
        await self._fill(page, snapshot, detection, engine, first=True)
        for _ in range(FOLLOW_UP_PASSES):
            snapshot = await page.snapshot()
            new = [f for f in snapshot.fields if f.ref not in seen and f.visible]
            seen |= {f.ref for f in snapshot.fields}
            if not new:
                break
            await self._fill(
                page, snapshot.model_copy(update={"fields": new}), detection, engine, first=False
            )
        await self._verify_choices(page, engine)
        return FlowOutcome(state="ready")

    async def after_submit(self, page: Page, *, engine: ApplyEngine) -> FlowOutcome | None:
        return await security_code.after_submit(page, engine=engine)

    # --- steps ------------------------------------------------------------------------

    async def _cover_letter_as_text(
        self, page: Page, snapshot: FormSnapshot, detection: Detection, engine: ApplyEngine
    ) -> bool:
        """Open "Enter manually" for the cover letter when the profile has it as text."""
        text = manual_entry.cover_letter_text(engine.profile.application.cover_letter)
        if text is None:
            return False
        frames = greenhouse_frames(snapshot, detection)
        fields = [f for f in snapshot.fields if f.frame in frames]
        if any(manual_entry.is_text_box(f) and f.visible for f in fields):
            return False  # already open
        mappings = engine.pm.map_fields(snapshot, detection)
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
            return False
        return await manual_entry.open_manual_entry(page, snapshot, upload, text_box)

    async def _fill(
        self, page: Page, scope: FormSnapshot, detection: Detection, engine: ApplyEngine, *, first: bool
    ) -> None:
        """Fill the fields of ``scope``: dropdowns with their options loaded first, then the
        rest as a normal step (first pass) or as a plan of its own (follow-up passes)."""
        full = await page.snapshot()
        mappings = engine.pm.map_fields(full, detection)
        refs = {f.ref for f in scope.fields}
        fields = full.fields if first else [f for f in full.fields if f.ref in refs]
        frames = greenhouse_frames(full, detection) or {""}
        value_of = lazy_options.profile_value_fn(engine.profile, engine.planner.answers)

        def wanted(f: Field) -> bool:
            return f.frame in frames and lazy_options.needs_options(f, mappings.get(f.ref), value_of)

        enriched, loaded = await lazy_options.load_options(
            page, full.model_copy(update={"fields": fields}), wanted
        )
        if first:
            await engine.fill_step(page, detection, leave=loaded)
            enriched = enriched.model_copy(update={"fields": [f for f in enriched.fields if f.ref in loaded]})
        if enriched.fields:
            plan = engine.planner.plan(enriched, mappings, detection)
            await engine.apply_plan(page, plan)

    async def _verify_choices(self, page: Page, engine: ApplyEngine) -> None:
        """Read every chosen dropdown back; choose again once where the page lost it."""
        run = engine.run_record
        if run is None or run.plan is None:
            return
        results: dict[str, ActionResult] = {r.ref: r for r in run.results if r.ref}
        snapshot = await page.snapshot()
        by_ref = {f.ref: f for f in snapshot.fields}
        redo: list[Action] = []
        for a in run.plan.actions:
            f = by_ref.get(a.ref or "")
            r = results.get(a.ref or "")
            if a.kind != "select" or f is None or f.type != "combobox" or r is None or not r.ok:
                continue
            if not isinstance(a.value, str) or norm(a.value) in norm(f.value):
                continue
            redo.append(a.model_copy(update={"source": a.source + " (chosen again: the page lost it)"}))
        if redo:
            plan = FillPlan(url=snapshot.url, ats=ATS, actions=redo)
            await engine.apply_plan(page, plan)


__all__ = ["GreenhouseFlow"]

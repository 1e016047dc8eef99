"""The Ashby application flow: one form, three things a plain fill does not cover.

1. **The form renders client-side.** Ashby's posting page is a React app; the flow waits
   until the form's own markup is on the page (in the top document or the embed iframe)
   before the first snapshot, so no ref points at a placeholder that is about to vanish.
2. **The location autocomplete.** ``_systemfield_location`` only offers suggestions after
   typing, fetched asynchronously. The flow types the profile's location, reads the
   suggestions and clicks the one :func:`jobpilot_ats_ashby.location.choose` accepts (the
   exact location, else the one city-and-country match); with none it clears the box and
   leaves it for the person. It never takes a suggestion for being first.
3. **Validation happens on submit.** Ashby checks the form only when "Submit Application"
   is clicked and then shows "Missing entry for required field: ..." inline, posting
   nothing. :meth:`AshbyFlow.after_submit` reads that answer: rejected -> ``needs_user`` with
   the fields named, accepted -> ``submitted`` with the confirmation text.

Yes/no toggles, uploads, the EEO survey and every other field go through
``ctx.fill_step`` like on any ATS (the DOM layer clicks toggle buttons itself).
"""

from __future__ import annotations

import asyncio
import re
import time
from typing import TYPE_CHECKING, Any

from jobpilot.engine.confirm import CONFIRMATION
from jobpilot.engine.flow import FlowOutcome
from jobpilot.engine.text import norm
from jobpilot.models.plan import Action, FillPlan, SkippedField
from jobpilot.models.snapshot import Field, FormSnapshot, Option
from jobpilot.vocabulary import FieldKey

from jobpilot_ats_ashby import location as loc
from jobpilot_ats_ashby.mapping import wrapper_path

if TYPE_CHECKING:
    from jobpilot.engine.flow import FlowContext
    from jobpilot.models.mapping import FieldMapping
    from jobpilot.page import Page

FORM_WAIT_S = 10.0
SUGGEST_WAIT_S = 2.5
_REJECTED = re.compile(r"needs corrections|missing entry for required field|this field is required", re.I)
_MISSING = re.compile(r"missing entry for required field:?\s*(.+)", re.I)


def _has_form(snapshot: FormSnapshot) -> bool:
    return any(wrapper_path(f) for f in snapshot.fields)


def _suggestions(field: Field) -> list[Option]:
    return [o for o in field.options if o.ref and o.text.strip()]


class AshbyFlow:
    """Registered through ``register_flows``; the engine runs it for ``ats == "ashby"``."""

    ats = "ashby"

    async def apply_steps(self, ctx: FlowContext) -> FlowOutcome:
        snapshot = await self._wait_for_form(ctx.page)
        mappings = ctx.map(snapshot)
        location = self._location_field(snapshot, mappings)
        await ctx.fill_step(leave=[location.ref] if location else ())
        if location is not None:
            await self._fill_location(ctx, location, mappings[location.ref])
        return FlowOutcome(state="ready")

    async def after_submit(self, ctx: FlowContext) -> FlowOutcome | None:
        """Ashby's answer to the submit click: its inline errors -> ``needs_user`` naming the
        fields; its confirmation (or nothing yet) -> None, and the engine reads the page."""
        page = ctx.page
        deadline = time.monotonic() + ctx.verify_timeout_ms / 1000
        while True:
            await page.wait_for(stable_ms=200, timeout_ms=2_000)
            text = await page.text()
            if CONFIRMATION.search(text):
                return None  # accepted: the engine reads and records the confirmation itself
            if _REJECTED.search(text):
                missing = [m.group(1).strip() for m in map(_MISSING.search, text.splitlines()) if m]
                needs = [f"Ashby rejected the form: missing entry for required field: {m}" for m in missing]
                return FlowOutcome(
                    state="needs_user",
                    needs=needs or ["Ashby rejected the form: correct the fields it marks, then submit"],
                    message="not submitted: the form needs corrections",
                )
            if time.monotonic() >= deadline:
                return None  # neither: the engine keeps the run as needs_verification

    # --- steps ---------------------------------------------------------------------------

    async def _wait_for_form(self, page: Page) -> FormSnapshot:
        """Snapshot once the React form is on the page (top document or embed iframe)."""
        deadline = time.monotonic() + FORM_WAIT_S
        snapshot = await page.snapshot()
        while not _has_form(snapshot) and time.monotonic() < deadline:
            await page.wait_for(stable_ms=200, timeout_ms=1_000)
            snapshot = await page.snapshot()
        return snapshot

    @staticmethod
    def _location_field(snapshot: FormSnapshot, mappings: dict[str, FieldMapping]) -> Field | None:
        for f in snapshot.fields:
            m = mappings.get(f.ref)
            if m is not None and m.key is FieldKey.LOCATION and f.type == "combobox" and f.visible:
                return f
        return None

    async def _fill_location(self, ctx: FlowContext, field: Field, mapping: FieldMapping) -> None:
        page = ctx.page
        place = loc.Place.of(ctx.profile)
        plan = FillPlan(url=page.url, ats=self.ats)
        base: dict[str, Any] = {
            "ref": field.ref,
            "frame": field.frame,
            "key": FieldKey.LOCATION,
            "label": field.label,
            "confidence": mapping.confidence,
        }
        if place is None:
            plan.skipped.append(self._skip(field, "the profile has no location"))
            await ctx.apply(plan)
            return
        offered: list[str] = []
        for query in place.queries():
            typed = FillPlan(
                url=page.url,
                ats=self.ats,
                actions=[Action(kind="fill", value=query, source="basics.location (search text)", **base)],
            )
            if not all(r.ok for r in await ctx.apply(typed)):
                break
            options = await self._read_suggestions(page, field.ref)
            offered += [o.text for o in options]
            choice = loc.choose(place, [o.text for o in options])
            if choice is None:
                continue
            option = next(o for o in options if o.text == choice)
            click = FillPlan(
                url=page.url,
                ats=self.ats,
                actions=[
                    Action(
                        kind="click",
                        ref=option.ref,
                        frame=field.frame,
                        key=FieldKey.LOCATION,
                        label=field.label,
                        value=choice,
                        source="basics.location (suggestion)",
                        confidence=mapping.confidence,
                    )
                ],
            )
            await ctx.apply(click)
            await page.wait_for(stable_ms=150, timeout_ms=2_000)
            after = await page.snapshot()
            shown = next((f.value for f in after.fields if f.ref == field.ref), None)
            if norm(shown) == norm(choice):
                return
            offered.append(f"(clicked {choice!r}, the box shows {shown!r})")
            break
        # No suggestion is the applicant's place: clear what was typed, leave it to the person.
        seen = "; ".join(dict.fromkeys(offered)) or "none"
        clear = FillPlan(
            url=page.url,
            ats=self.ats,
            actions=[Action(kind="fill", value="", source="cleared: no suggestion matched", **base)],
            skipped=[self._skip(field, f"no suggestion matches {place.text!r} (offered: {seen})")],
        )
        await ctx.apply(clear)

    @staticmethod
    def _skip(field: Field, reason: str) -> SkippedField:
        return SkippedField(
            ref=field.ref, label=field.label, key=FieldKey.LOCATION, required=field.required, reason=reason
        )

    @staticmethod
    async def _read_suggestions(page: Page, ref: str) -> list[Option]:
        """The suggestions the combobox offers for what was typed, once they stop changing;
        empty when none arrive in time (the service found nothing)."""
        deadline = time.monotonic() + SUGGEST_WAIT_S
        last: list[str] | None = None
        while time.monotonic() < deadline:
            await page.wait_for(stable_ms=150, timeout_ms=1_000)
            snapshot = await page.snapshot()
            field = next((f for f in snapshot.fields if f.ref == ref), None)
            if field is None:
                return []
            options = _suggestions(field)
            texts = [o.text for o in options]
            if options and texts == last:
                return options
            last = texts
            await asyncio.sleep(0.05)
        return []

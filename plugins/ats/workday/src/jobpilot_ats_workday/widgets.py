"""Driving Workday's two custom choice widgets through the ``Page`` protocol.

* **Listbox buttons** ("Select One"): the options exist only while the popup is open, so a
  plan made from a closed button can only guess the option's wording ("United States" for
  "United States of America"). :func:`settle_listboxes` opens each mapped listbox that is
  still unanswered (or whose select failed), reads the real options, lets the engine's
  planner choose among them with its usual rules, and applies that.
* **Prompts** (search box + pill, options in a tree: "Social Media" > "LinkedIn"): typing is
  not an answer and the search runs on Enter, which the ``Page`` protocol does not send.
  :func:`fill_prompt` opens the prompt, clicks the option the profile names, and descends
  into categories marked as sub-lists; it never clicks a row it cannot identify.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from jobpilot.config import REVIEW_THRESHOLD
from jobpilot.engine import options as opt
from jobpilot.engine.text import norm
from jobpilot.engine.values import resolve
from jobpilot.models.mapping import FieldMapping
from jobpilot.models.plan import Action, ActionResult, FillPlan
from jobpilot.models.snapshot import Field, FormSnapshot, Option
from jobpilot.page import Page
from jobpilot.vocabulary import FieldKey as K

from jobpilot_ats_workday import markup

if TYPE_CHECKING:
    from jobpilot.engine.flow import FlowContext

log = logging.getLogger("jobpilot.ats.workday")

_PLACEHOLDER = re.compile(r"^(select one|select|choose one|)$", re.I)
POPUP_MS = 80
MAX_DEPTH = 3
MAX_MOVES = 12


@dataclass
class WidgetReport:
    results: list[ActionResult] = field(default_factory=list)
    needs: list[str] = field(default_factory=list)


def unanswered(f: Field) -> bool:
    return bool(_PLACEHOLDER.match((f.value or "").strip()))


def value_for(ctx: FlowContext, f: Field, key: K) -> tuple[str | None, str, bool]:
    """(value, source, sensitive) the profile gives a field; value None when it has none."""
    if key is K.QUESTION:
        hit = ctx.saved_answer(f)
        return (None, "", False) if hit is None or hit.missing else (str(hit.value), hit.source, False)
    r = resolve(ctx.profile, key)
    if r.missing:
        return None, r.source, r.sensitive
    if isinstance(r.value, bool):
        return ("Yes" if r.value else "No"), r.source, r.sensitive
    return str(r.value), r.source, r.sensitive


def choose(key: K, value: str, options: list[Option]) -> Option | None:
    """The option the profile's value names, by the engine's never-guess rules."""
    if key is K.ADDRESS_COUNTRY:
        c = opt.choose_country(value, options) or opt.choose_text(value, options)
    elif value in ("Yes", "No"):
        c = opt.choose_yes_no(value == "Yes", options) or opt.choose_text(value, options)
    else:
        c = opt.choose_text(value, options)
    return c.option if c is not None else None


async def _field(page: Page, ref: str) -> Field | None:
    snap = await page.snapshot()
    return next((f for f in snap.fields if f.ref == ref), None)


async def _opened(page: Page, ref: str, *, tries: int = 4) -> Field | None:
    """The field once its popup shows options (popups load asynchronously on real sites)."""
    f = None
    for _ in range(tries):
        await page.wait_for(stable_ms=POPUP_MS, timeout_ms=3_000)
        f = await _field(page, ref)
        if f is None or opt.real_options(f.options):
            return f
    return f


# --- listboxes -----------------------------------------------------------------------------


async def settle_listboxes(
    ctx: FlowContext, *, failed: Collection[str] = (), skip: Collection[str] = ()
) -> WidgetReport:
    """Answer mapped listbox buttons the step left unanswered or failed on, from their real
    options: open, read, let the engine's planner choose (its usual rules: exact, synonym,
    country, yes/no, "decline to answer"), click that option."""
    report = WidgetReport()
    page, detection = ctx.page, ctx.detection
    snapshot = await page.snapshot()
    mappings = ctx.map(snapshot)
    for f in snapshot.fields:
        if f.type != "listbox" or not f.visible or f.disabled or f.ref in skip:
            continue
        m = mappings.get(f.ref)
        if m is None or m.key is K.UNKNOWN or m.confidence < REVIEW_THRESHOLD:
            continue
        if not (unanswered(f) or f.ref in failed):
            continue
        opened = await open_listbox(page, f)
        if opened is None or not opt.real_options(opened.options):
            await close_listbox(page, f)
            report.needs.append(f"choose {f.label or 'an option'} yourself (its options did not open)")
            continue
        plan = await ctx.plan(FormSnapshot(url=snapshot.url, fields=[opened]), {f.ref: m}, generate=False)
        if not plan.actions:
            await close_listbox(page, f)
            await ctx.apply(plan)  # records why it was left (no option matches)
            continue
        (planned,) = plan.actions
        report.results.append(
            await _click_option(
                page, opened, planned.model_copy(), ctx=ctx, url=snapshot.url, ats=detection.ats
            )
        )
    return report


async def open_listbox(page: Page, f: Field) -> Field | None:
    """Open a listbox button and snapshot it with its options (left open)."""
    await page.click(f.ref)
    return await _opened(page, f.ref)


async def close_listbox(page: Page, f: Field) -> None:
    now = await _field(page, f.ref)
    if now is not None and now.attrs.get("aria-expanded") == "true":
        await page.click(f.ref)  # a second click closes Workday's listbox
        await page.wait_for(stable_ms=POPUP_MS, timeout_ms=2_000)


async def _click_option(
    page: Page, opened: Field, planned: Action, *, ctx: FlowContext, url: str, ats: str
) -> ActionResult:
    """Click the open listbox's option the plan chose, record it, and check the button now
    shows it (a select that did not commit is a failure, never a silent success)."""
    wanted = str(planned.value)
    option = next((o for o in opened.options if o.ref and norm(o.text) == norm(wanted)), None)
    if option is None:
        await close_listbox(page, opened)
        return ActionResult(ref=opened.ref, ok=False, error=f"option {wanted!r} vanished")
    click = planned.model_copy(update={"kind": "click", "ref": option.ref})
    await ctx.apply(FillPlan(url=url, ats=ats, actions=[click]))
    await page.wait_for(stable_ms=POPUP_MS, timeout_ms=2_000)
    now = await _field(page, opened.ref)
    shown = (now.value or "") if now is not None else ""
    ok = norm(shown) == norm(wanted)
    return ActionResult(
        ref=opened.ref,
        ok=ok,
        value=shown or None,
        error=None if ok else f"clicked {wanted!r} but the button shows {shown!r}",
    )


async def select_listbox(
    page: Page,
    f: Field,
    *,
    key: K | None,
    value: str,
    label: str,
    source: str,
    ctx: FlowContext,
    url: str,
    ats: str,
    confidence: float,
) -> ActionResult | None:
    """Select the option of a listbox the profile's value names (None: no such option)."""
    opened = await open_listbox(page, f)
    if opened is None:
        return ActionResult(ref=f.ref, ok=False, error="the listbox is gone")
    choice = choose(key or K.QUESTION, value, opt.real_options(opened.options))
    if choice is None:
        await close_listbox(page, f)
        return None
    action = Action(
        kind="select",
        ref=f.ref,
        key=key,
        value=choice.text,
        label=label,
        source=source,
        confidence=confidence,
    )
    return await _click_option(page, opened, action, ctx=ctx, url=url, ats=ats)


# --- prompts -------------------------------------------------------------------------------


def prompt_selection(f: Field) -> str:
    """What a prompt currently shows as chosen (its selection label, read through the
    search box's description)."""
    desc = (f.description or "").strip()
    return re.sub(r"\s*error:.*$", "", desc, flags=re.I | re.S).strip()


async def fill_prompts(
    ctx: FlowContext, snapshot: FormSnapshot, mappings: dict[str, FieldMapping], *, skip: Collection[str] = ()
) -> WidgetReport:
    """Answer every mapped prompt on the page that the profile has a value for."""
    report = WidgetReport()
    page, detection = ctx.page, ctx.detection
    for f in snapshot.fields:
        if not markup.is_prompt(f) or not f.visible or f.ref in skip:
            continue
        m = mappings.get(f.ref)
        if m is None or m.key is K.UNKNOWN or m.confidence < REVIEW_THRESHOLD:
            continue
        value, source, sensitive = value_for(ctx, f, m.key)
        if value is None:
            if f.required and not prompt_selection(f):
                report.needs.append(f"answer {f.label or 'a question'} yourself (the profile has no answer)")
            continue
        result = await fill_prompt(
            page,
            f,
            key=m.key,
            value=value,
            label=f.label or "",
            source=source,
            ctx=ctx,
            url=snapshot.url,
            ats=detection.ats,
            confidence=m.confidence,
            sensitive=sensitive,
        )
        if result is None:
            continue
        report.results.append(result)
        if not result.ok:
            report.needs.append(f"choose {value!r} in {f.label or 'a prompt'} yourself ({result.error})")
    return report


async def fill_prompt(
    page: Page,
    f: Field,
    *,
    key: K,
    value: str,
    label: str,
    source: str,
    ctx: FlowContext,
    url: str,
    ats: str,
    confidence: float,
    sensitive: bool = False,
) -> ActionResult | None:
    """Choose ``value`` in one prompt; None when it already shows that value."""
    current = prompt_selection(f)
    if current and choose(key, value, [Option(value=current, text=current)]) is not None:
        return None
    await page.click(f.ref)
    tried: set[str] = set()
    depth = 0
    for _ in range(MAX_MOVES):
        now = await _opened(page, f.ref)
        items = opt.real_options(now.options) if now is not None else []
        if not items:
            return _fail(f, f"the list of {label or 'options'} did not open")
        hit = choose(key, value, [o for o in items if not o.submenu])
        if hit is not None and hit.ref:
            action = Action(
                kind="click",
                ref=hit.ref,
                key=key,
                value=hit.text,
                label=label,
                source=source,
                confidence=confidence,
                sensitive=sensitive,
            )
            results = await ctx.apply(FillPlan(url=url, ats=ats, actions=[action]))
            await page.wait_for(stable_ms=POPUP_MS, timeout_ms=3_000)
            after = await _field(page, f.ref)
            shown = prompt_selection(after) if after is not None else ""
            ok = (
                bool(results and results[0].ok)
                and choose(key, value, [Option(value=shown, text=shown)]) is not None
            )
            return ActionResult(
                ref=f.ref,
                ok=ok,
                value=shown or None,
                error=None if ok else f"clicked {hit.text!r} but the prompt shows {shown!r}",
            )
        # Not at this level: look inside the next category not yet searched (categories are
        # the rows marked as opening a sub-list; a plain row is an answer and never clicked).
        cat = next((o for o in items if o.submenu and o.ref and o.text not in tried), None)
        if cat is not None and depth < MAX_DEPTH:
            tried.add(cat.text)
            await page.click(cat.ref or "")
            depth += 1
            continue
        if depth == 0:
            break
        await _reopen(page, f)  # back to the top of the tree for the next category
        depth = 0
    await _close(page, f)
    return _fail(f, f"no option matches {value!r}")


def _fail(f: Field, error: str) -> ActionResult:
    log.info("workday prompt %s: %s", f.ref, error)
    return ActionResult(ref=f.ref, ok=False, error=error)


async def _close(page: Page, f: Field) -> None:
    """Close a prompt's list (a second click on its box)."""
    now = await _field(page, f.ref)
    if now is not None and now.attrs.get("aria-expanded") == "true":
        await page.click(f.ref)
        await page.wait_for(stable_ms=80, timeout_ms=2_000)


async def _reopen(page: Page, f: Field) -> None:
    """Back to the top level of a prompt's tree: close it and open it again."""
    await _close(page, f)
    await page.click(f.ref)

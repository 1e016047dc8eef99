"""The Taleo Enterprise apply flow through the flow context.

job description -> Apply Online -> Sign In with the stored account, or New User -> Register
(the profile's e-mail as user name, a generated password stored encrypted before it is sent)
-> the application, one server-rendered page per step: Privacy Agreement (accepted when the
profile gives consent), Resume Upload (Taleo parses it into the next steps), Personal
Information (filled over the parser's values; what it made up where the profile has nothing is
cleared), Work Experience and Education (blocks added and removed by round trips, one per
profile entry), Job Specific Questions, Diversity, E-Signature -> Review and Submit
(``ready``: the engine clicks Submit only when asked) -> "Thank you for applying".

A step that does not advance reports its messages as ``needs_user``; the run holds the
credential store's lease on (zone, e-mail) from the account pages on.
"""

from __future__ import annotations

import asyncio
import logging
import re
from contextlib import AsyncExitStack
from typing import TYPE_CHECKING

from jobpilot.accounts import SiteCredential, generate_password
from jobpilot.engine.confirm import CONFIRMATION
from jobpilot.engine.flow import FlowOutcome, StepResult
from jobpilot.engine.options import choose_text
from jobpilot.engine.text import norm
from jobpilot.models.plan import Action, FillPlan
from jobpilot.models.snapshot import Field, FormSnapshot
from jobpilot.vocabulary import FieldKey

from jobpilot_ats_taleo import markup

if TYPE_CHECKING:
    from jobpilot.engine.flow import FlowContext

log = logging.getLogger("jobpilot.ats.taleo")

ATS = "taleo"
MOVE_TIMEOUT_S = 15.0
POLL_S = 0.05
"""Between two looks at a page that has not moved on yet (the answer is still on its way)."""
_ERROR = re.compile(r"required|incorrect|invalid|must |do not match|already|not valid", re.I)
_STEP = re.compile(r"^Job Application - (?P<name>.+)$")
_DATE = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{2}))?")
_TEXT = frozenset({"text", "email", "tel", "url", "textarea"})


def where(snapshot: FormSnapshot) -> str:
    """``job``, ``login``, ``register``, the application step's name, ``done`` or ``unknown``."""
    heads = " \n".join(snapshot.headings)
    if CONFIRMATION.search(heads):
        return "done"
    ids = {markup.fid(f) for f in snapshot.fields if f.visible}
    if "dialogTemplate-dialogForm-userName" in ids:
        return "register"
    if "dialogTemplate-dialogForm-login-name1" in ids:
        return "login"
    for h in snapshot.headings:
        m = _STEP.match(h.strip())
        if m:
            return m["name"]
    if markup.button(snapshot, "apply online", "apply"):
        return "job"
    return "unknown"


def errors(snapshot: FormSnapshot) -> list[str]:
    out: list[str] = []
    for f in snapshot.fields:
        d = (f.description or "").strip()
        if d and _ERROR.search(d) and d not in out:
            out.append(d)
    return out


class TaleoFlow:
    ats = ATS

    def __init__(self, *, max_moves: int = 24) -> None:
        self.max_moves = max_moves

    async def apply_steps(self, ctx: FlowContext) -> FlowOutcome:
        async with AsyncExitStack() as stack:
            return await _Run(ctx, stack).drive(self.max_moves)
        raise AssertionError("unreachable")  # pragma: no cover

    async def after_submit(self, ctx: FlowContext) -> FlowOutcome | None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + ctx.verify_timeout_ms / 1000
        while True:
            await ctx.page.wait_for(stable_ms=150, timeout_ms=3_000)
            snapshot = await ctx.page.snapshot()
            m = CONFIRMATION.search(" \n".join(snapshot.headings)) or CONFIRMATION.search(
                await ctx.page.text()
            )
            if m is not None:
                return FlowOutcome(state="submitted", message=m.group(0))
            if problems := errors(snapshot):
                return FlowOutcome(
                    state="needs_user", needs=problems, message="Taleo did not accept the application"
                )
            if loop.time() >= deadline:
                return None


class _Run:
    def __init__(self, ctx: FlowContext, stack: AsyncExitStack) -> None:
        self.ctx = ctx
        self.stack = stack
        self.email = (ctx.profile.basics.email or "").strip()
        self.tenant: str | None = None
        self.given: str | None = None
        self.pending: SiteCredential | None = None
        self.parsed = False
        self.leased = False
        self.seen: FormSnapshot | None = None

    # --- plumbing ---

    async def look(self) -> tuple[FormSnapshot, str]:
        snapshot, self.seen = self.seen, None
        if snapshot is None:
            await self.ctx.page.wait_for(stable_ms=120, timeout_ms=8_000)
            snapshot = await self.ctx.page.snapshot()
        return snapshot, where(snapshot)

    async def click(self, snapshot: FormSnapshot, ref: str) -> tuple[FormSnapshot, list[str], bool]:
        """Click and wait for the next page (each step is a new document) or new errors.

        Each Taleo page is whole when its parser is done (server-rendered, no script draws
        it), and a snapshot of a document still being parsed waits for that itself: so the
        page is looked at until it is another one, with no quiet-DOM wait or fixed pause
        (those were two thirds of a step's time)."""
        before = (where(snapshot), tuple(markup.fid(f) for f in snapshot.fields))
        standing = set(errors(snapshot))
        await self.ctx.page.click(ref)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + MOVE_TIMEOUT_S
        while True:
            after = await self.ctx.page.snapshot()
            now = (where(after), tuple(markup.fid(f) for f in after.fields))
            new = [e for e in errors(after) if e not in standing]
            if new:
                return after, new, False
            if now[0] != "unknown" and now != before:
                return after, [], True
            if loop.time() >= deadline:
                return after, [], False
            await asyncio.sleep(POLL_S)

    async def lease(self, snapshot: FormSnapshot) -> None:
        self.tenant = self.tenant or next(
            (
                z.tenant_key
                for u in (snapshot.url, *(f.url for f in snapshot.frames))
                if (z := markup.parse(u))
            ),
            None,
        )
        if not self.leased and self.tenant and self.email:
            await self.stack.enter_async_context(
                self.ctx.credentials.lease(ats=ATS, tenant=self.tenant, email=self.email)
            )
            self.leased = True

    async def type_secret(self, snapshot: FormSnapshot, values: dict[str, str]) -> bool:
        """Type the user name and passwords straight into the page (never recorded)."""
        actions = []
        for f in snapshot.fields:
            tail = markup.fid(f).rsplit("-", 1)[-1]
            if f.visible and tail in values:
                actions.append(
                    Action(
                        kind="fill",
                        ref=f.ref,
                        frame=f.frame,
                        value=values[tail],
                        source="credential store",
                        sensitive=True,
                    )
                )
        results = await self.ctx.page.apply(actions) if actions else []
        return bool(results) and all(r.ok for r in results)

    async def plan_fill(
        self, snapshot: FormSnapshot, *, parsed: set[str] | None = None, secrets: bool = False
    ) -> StepResult:
        """Plan and fill the page as the engine would; ``secrets``: leave the user-name and
        password boxes out (the flow types those itself, unrecorded)."""
        planned = snapshot
        if secrets:
            keep = [
                f
                for f in snapshot.fields
                if f.type != "password" and not markup.fid(f).endswith(("userName", "name1"))
            ]
            planned = snapshot.model_copy(update={"fields": keep})
        plan = await self.ctx.plan(planned, self.ctx.map(planned))
        if parsed:
            plan.actions += _unconfirmed(snapshot, plan, parsed)
        results = await self.ctx.apply(plan)
        return StepResult(snapshot=snapshot, plan=plan, results=results)

    async def advance(self, snapshot: FormSnapshot, step: str, needs: list[str]) -> FlowOutcome | None:
        button = markup.button(snapshot, "save and continue", "continue", "next")
        if button is None:
            return FlowOutcome(
                state="needs_user", needs=[*needs, f"continue from the Taleo step {step} yourself"]
            )
        after, problems, moved = await self.click(snapshot, button.ref)
        if not moved:
            return FlowOutcome(
                state="needs_user",
                needs=[*problems, *needs] or [f"Taleo did not leave {step}"],
                message=f"Taleo did not accept the step {step}",
            )
        self.seen = after
        return None

    # --- the walk ---

    async def drive(self, max_moves: int) -> FlowOutcome:
        visits: dict[str, int] = {}
        left: list[str] = []
        for _ in range(max_moves):
            snapshot, step = await self.look()
            log.info("taleo: at %s", step)
            visits[step] = visits.get(step, 0) + 1
            if visits[step] > 6:
                return FlowOutcome(
                    state="needs_user", needs=errors(snapshot) or [f"finish the Taleo step {step} yourself"]
                )
            outcome: FlowOutcome | None
            if step == "job":
                apply = markup.button(snapshot, "apply online", "apply")
                assert apply is not None
                after, problems, moved = await self.click(snapshot, apply.ref)
                outcome = (
                    None
                    if moved
                    else FlowOutcome(state="needs_user", needs=problems or ["open the application yourself"])
                )
                self.seen = after if moved else None
            elif step == "login":
                outcome = await self.login(snapshot)
            elif step == "register":
                outcome = await self.register(snapshot)
            elif step == "Privacy Agreement":
                outcome = await self.privacy(snapshot)
            elif step == "Resume Upload":
                result = await self.plan_fill(snapshot)
                self.parsed = any(a.kind == "upload" for a in result.plan.actions)
                outcome = await self.advance(
                    snapshot, step, [f"{r.ref}: {r.error}" for r in result.results if not r.ok]
                )
            elif step in ("Work Experience", "Education"):
                outcome = await self.blocks(snapshot, step, left)
            elif step == "Review and Submit":
                if left:
                    return FlowOutcome(
                        state="needs_user",
                        needs=left,
                        message="Taleo review reached with fields left for you",
                    )
                return FlowOutcome(state="ready", message="Taleo review: ready to submit")
            elif step == "done":
                return FlowOutcome(
                    state="needs_user",
                    message="Taleo already shows this application as submitted",
                    needs=["the career section shows a confirmation already: check My Submissions"],
                )
            elif step == "unknown":
                return FlowOutcome(
                    state="needs_user",
                    needs=["open the Taleo application yourself"],
                    message=f"unrecognised Taleo page: {self.ctx.page.url}",
                )
            else:
                parsed = None
                if step == "Personal Information" and self.parsed:
                    parsed = {
                        markup.fid(f) for f in snapshot.fields if (f.value or "").strip() and f.type in _TEXT
                    }
                result = await self.plan_fill(snapshot, parsed=parsed)
                needs = [f"{r.ref}: {r.error}" for r in result.results if not r.ok]
                outcome = await self.advance(snapshot, step, needs)
                if outcome is None:
                    left += [n for n in needs if n not in left]
            if outcome is not None:
                return outcome
        return FlowOutcome(state="failed", message=f"gave up after {max_moves} Taleo pages")

    async def login(self, snapshot: FormSnapshot) -> FlowOutcome | None:
        await self.lease(snapshot)
        cred = (
            await self.ctx.credentials.get(ats=ATS, tenant=self.tenant, email=self.email)
            if self.tenant
            else None
        )
        password = self.given or (cred.password if cred else None)
        if password is None:
            new_user = markup.button(snapshot, "new user", "register")
            if new_user is None:
                return FlowOutcome(state="needs_user", needs=["create your Taleo account yourself"])
            after, problems, moved = await self.click(snapshot, new_user.ref)
            self.seen = after if moved else None
            return (
                None
                if moved
                else FlowOutcome(state="needs_user", needs=problems or ["open Taleo's registration yourself"])
            )
        await self.type_secret(snapshot, {"name1": self.email, "password": password})
        sign_in = markup.button(snapshot, "sign in", "login")
        if sign_in is None:
            return FlowOutcome(state="needs_user", needs=["sign in to Taleo yourself"])
        after, problems, moved = await self.click(snapshot, sign_in.ref)
        if not moved:
            who = "the password you gave" if self.given else "the stored password"
            return FlowOutcome(
                state="needs_user",
                needs=[f"sign in to {self.tenant} as {self.email} yourself ({who} was refused)", *problems],
                message="Taleo did not accept the password",
            )
        if self.tenant and (self.given or (cred is not None and cred.state != "active")):
            await self.ctx.credentials.put(
                SiteCredential(
                    ats=ATS, tenant=self.tenant, email=self.email, password=password, state="active"
                )
            )
        self.seen = after
        return None

    async def register(self, snapshot: FormSnapshot) -> FlowOutcome | None:
        await self.lease(snapshot)
        if not self.tenant or not self.email:
            return FlowOutcome(state="needs_user", needs=["register on Taleo yourself"])
        cred = SiteCredential(ats=ATS, tenant=self.tenant, email=self.email, password=generate_password())
        await self.ctx.credentials.put(cred)  # stored before the account exists
        await self.plan_fill(snapshot, secrets=True)  # the e-mail boxes
        await self.type_secret(
            snapshot, {"userName": self.email, "password": cred.password, "passwordConfirm": cred.password}
        )
        button = markup.button(snapshot, "register")
        if button is None:
            return FlowOutcome(state="needs_user", needs=["register on Taleo yourself"])
        after, problems, moved = await self.click(snapshot, button.ref)
        if moved and where(after) != "login":
            await self.ctx.credentials.put(
                SiteCredential(
                    ats=ATS, tenant=self.tenant, email=self.email, password=cred.password, state="active"
                )
            )
            log.info("taleo: registered the candidate account on %s", self.tenant)
            self.seen = after
            return None
        if any("already in use" in p for p in problems):
            await self.ctx.credentials.delete(ats=ATS, tenant=self.tenant, email=self.email)
            answer = await self.ctx.ask(f"Password of your Taleo account {self.email} at {self.tenant}")
            if not answer:
                return FlowOutcome(
                    state="needs_user",
                    needs=[
                        f"you already have a Taleo account at {self.tenant} for {self.email}: "
                        "sign in yourself, then run again"
                    ],
                    message="an existing Taleo account needs its password",
                )
            self.given = answer
            cancel = markup.button(after, "cancel")
            if cancel is None:
                return FlowOutcome(state="needs_user", needs=["go back to Sign In yourself"])
            back, _, moved = await self.click(after, cancel.ref)
            self.seen = back if moved else None
            return None
        return FlowOutcome(
            state="needs_user",
            needs=problems or ["the Taleo account was not created"],
            message="registering on Taleo failed",
        )

    async def privacy(self, snapshot: FormSnapshot) -> FlowOutcome | None:
        """The privacy agreement is a consent: accepted only when the profile gives it."""
        if not self.ctx.profile.application.consent:
            return FlowOutcome(
                state="needs_user", needs=["read and accept Taleo's privacy agreement yourself"]
            )
        accept = markup.button(snapshot, "accept", "i accept")
        if accept is None:
            return FlowOutcome(state="needs_user", needs=["accept the privacy agreement yourself"])
        self.ctx.note("accepting the career section's privacy agreement (your profile gives consent)")
        after, problems, moved = await self.click(snapshot, accept.ref)
        self.seen = after if moved else None
        return (
            None
            if moved
            else FlowOutcome(state="needs_user", needs=problems or ["the privacy agreement was not accepted"])
        )

    async def blocks(self, snapshot: FormSnapshot, step: str, left: list[str]) -> FlowOutcome | None:
        """One block per profile entry (removed from the end, added by round trips), then each
        part set from the profile, then Save and Continue."""
        section = "work" if step == "Work Experience" else "education"
        entries = _wanted(self.ctx, section)
        for _ in range(10):
            have = _rows(snapshot, section)
            if len(have) == len(entries):
                break
            label = f"Remove {step} {len(have)}" if len(have) > len(entries) else f"Add {step}"
            button = markup.button(snapshot, label)
            if button is None:
                break
            snapshot, problems, moved = await self.click(snapshot, button.ref)
            if not moved and problems:
                return FlowOutcome(state="needs_user", needs=problems)
        have = _rows(snapshot, section)
        needs: list[str] = []
        actions: list[Action] = []
        if len(have) != len(entries):
            needs.append(
                f"{step}: {len(have)} blocks on the page for {len(entries)} in the profile; fix them yourself"
            )
        for n, (row, entry) in enumerate(zip(have, entries, strict=False)):
            for part, value in entry.items():
                f = row.get(part)
                if f is not None:
                    a = _action(f, value, f"{step} {n + 1}")
                    if isinstance(a, str):
                        needs.append(a)
                    elif a is not None:
                        actions.append(a)
        if actions:
            results = await self.ctx.apply(FillPlan(url=snapshot.url, ats=ATS, actions=actions))
            needs += [f"{r.ref}: {r.error}" for r in results if not r.ok]
        outcome = await self.advance(snapshot, step, needs)
        if outcome is None:
            left += [n for n in needs if n not in left]
        return outcome


def _unconfirmed(snapshot: FormSnapshot, plan: FillPlan, parsed: set[str]) -> list[Action]:
    """Clear what the resume parser put into a field the plan leaves because the profile has
    no value for it (a middle name made from a hyphenated surname). Flagged for review."""
    by_ref = {f.ref: f for f in snapshot.fields}
    out = []
    for skipped in plan.skipped:
        f = by_ref.get(skipped.ref)
        if f is None or skipped.key in (None, FieldKey.QUESTION, FieldKey.UNKNOWN) or f.type not in _TEXT:
            continue
        if (f.value or "").strip() and markup.fid(f) in parsed:
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


def _rows(snapshot: FormSnapshot, section: str) -> list[dict[str, Field]]:
    found: dict[int, dict[str, Field]] = {}
    for f in snapshot.fields:
        pos = markup.row_of(f)
        if pos is not None and pos.section == section and f.visible:
            found.setdefault(pos.index, {})[pos.part] = f
    return [found[i] for i in sorted(found)]


def _wanted(ctx: FlowContext, section: str) -> list[dict[str, str]]:
    def ym(value: str | None) -> tuple[str, str]:
        m = _DATE.match(value or "")
        return (m["month"] or "", m["year"]) if m else ("", "")

    if section == "work":
        out = []
        for w in ctx.profile.work:
            bm, by = ym(w.startDate)
            em, ey = ym(w.endDate)
            out.append(
                {
                    "Employer": w.name or "",
                    "JobFunction": w.position or "",
                    "BeginMonth": bm,
                    "BeginYear": by,
                    "EndMonth": em,
                    "EndYear": ey,
                    "CurrentJob": "" if w.endDate else "true",
                }
            )
        return out
    return [
        {
            "Institution": ed.institution or "",
            "Degree": ed.studyType or "",
            "Program": ed.area or "",
            "GraduationYear": ym(ed.endDate)[1],
        }
        for ed in ctx.profile.education
    ]


def _action(f: Field, value: str, where: str) -> Action | str | None:
    """The action that makes ``f`` hold ``value``; None when it does; a message for the person
    when a dropdown has no option the value names."""
    common = {
        "ref": f.ref,
        "frame": f.frame,
        "label": f"{where} {f.label or ''}".strip(),
        "source": "profile",
        "confidence": 0.95,
    }
    if f.type == "checkbox":
        if bool(f.checked) == bool(value):
            return None
        return Action(kind="check", value="true" if value else "false", **common)
    if f.options:
        current = next((o for o in f.options if o.selected and o.value), None)
        if not value:
            return Action(kind="select", value="Select...", **common) if current is not None else None
        target = next((o for o in f.options if o.value == value), None)
        if target is None:
            choice = choose_text(value, f.options)
            target = choice.option if choice else None
        if target is None:
            return f"{where}: choose {value!r} for {f.label} yourself"
        return (
            None
            if current is not None and current.value == target.value
            else Action(kind="select", value=target.text, **common)
        )
    if norm(f.value or "") == norm(value):
        return None
    return Action(kind="fill", value=value, **common)

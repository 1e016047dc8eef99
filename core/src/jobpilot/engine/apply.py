"""The apply engine: one application, from a loaded page to evidence in the database.

load -> detect -> snapshot -> map -> plan -> fill -> upload -> re-snapshot and reconcile
(an ATS may prefill fields from the resume: keep correct values, fix wrong ones) -> CAPTCHA
-> submit (only when asked) -> verify -> evidence.

It only talks to the ``Page`` protocol, so the same engine runs headless (Playwright) and in
the user's browser (extension transport).
"""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from collections.abc import Awaitable, Callable, Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from jobpilot.engine import record
from jobpilot.engine.confirm import find_submit_button, read_confirmation
from jobpilot.engine.content import ContentService
from jobpilot.engine.flow import ApplyFlow, Credentials, FlowOutcome, StepResult
from jobpilot.engine.planner import Planner
from jobpilot.engine.shown import ShownPlan
from jobpilot.engine.text import norm
from jobpilot.engine.values import Resolved
from jobpilot.errors import DetectionError, UsageError
from jobpilot.models.mapping import Detection, FieldMapping
from jobpilot.models.plan import Action, ActionResult, FillPlan
from jobpilot.models.profile import Profile
from jobpilot.models.providers import CaptchaChallenge, CaptchaSolution
from jobpilot.models.run import ApplicationRun, Disclosure, QuestionPolicy
from jobpilot.models.snapshot import Field, FormSnapshot
from jobpilot.page import Page
from jobpilot.plugins import PluginManager
from jobpilot.storage.db import Database, site_of

__all__ = ["ApplyEngine", "ApplyOptions", "StepResult"]

ProgressFn = Callable[[str], None]
AskFn = Callable[[str], Awaitable[str | None]]
"""Ask the person something (an email security code); None when nobody can answer now."""
StepFn = Callable[[ApplicationRun, FillPlan], Awaitable[None]]


@dataclass
class ApplyOptions:
    submit: bool = False
    resume: str | None = None
    profile_name: str | None = None
    evidence_dir: Path | None = None
    daily_cap: int = 25
    per_site_per_hour: int = 5
    verify_timeout_ms: int = 10_000
    ask: AskFn | None = None
    """How a flow asks the person (CLI prompt, extension popup, fleet hand-off); None means
    nobody is there, so the run goes to ``needs_user``."""
    captcha_solver: str | None = None
    """Name of a registered CAPTCHA solver (``register_captcha_solvers``) the person opted
    into with their own key; None (the default) leaves every blocking CAPTCHA to the person."""
    person_in_browser: bool = False
    """A person watches this browser (the extension, a headed CLI run): a blocking CAPTCHA
    is theirs to solve and the run waits for it (``captcha_wait_ms``) and then goes on.
    False (the fleet, headless): the run goes to ``needs_user``."""
    captcha_wait_ms: int = 300_000
    content_provider: str | None = "offline"
    """Content generator for custom questions and cover letters (``[ai] provider``): the
    offline default sends nothing anywhere; another name is the person's opt-in; None: off."""
    cover_letters: str = "required"
    """Write a cover letter the profile lacks: ``required`` fields only, ``always``, ``never``."""
    before_submit: Callable[[ApplicationRun], Awaitable[None]] | None = None
    """Called once the run is recorded as ``needs_verification``, right before the submit
    click (the fleet writes its submission record with an idempotency key here). Raising
    stops the submit: nothing is clicked and the exception propagates."""
    credentials: Credentials | None = None
    """Where flows keep candidate accounts (``FlowContext.credentials``); None: the
    person's own database (``CredentialStore`` on ``db``, or on the configured database).
    The fleet passes its shared, leased store."""
    shown: ShownPlan | None = None
    """The plan the person was shown for this page (``ApplyEngine.preview``): the first
    step types exactly it while the page still holds the same form (``engine.shown``)."""
    on_step: StepFn | None = None
    """Called with the run (already stored, the step's fields pending) and a step's plan
    right before the step's actions run: the extension marks what is about to be typed and
    shows progress. An exception here is reported and the fill goes on."""


class ApplyEngine:
    def __init__(
        self,
        plugins: PluginManager,
        profile: Profile,
        *,
        db: Database | None = None,
        options: ApplyOptions | None = None,
        on_progress: ProgressFn | None = None,
    ) -> None:
        self.pm = plugins
        self.profile = profile
        self.db = db
        self.options = options or ApplyOptions()
        self.planner = Planner(profile, resume=self.options.resume)
        self._progress = on_progress or (lambda _m: None)
        self.run_record: ApplicationRun | None = None
        self.flow: ApplyFlow | None = None
        self.used_shown = False
        """Whether the first step typed the plan the person was shown (``options.shown``)."""
        self.content = ContentService(
            plugins,
            profile,
            provider=self.options.content_provider,
            cover_letters=self.options.cover_letters,
            on_disclosure=self._disclosed,
            on_question=self._judged,
            progress=self._progress,
        )

    def _disclosed(self, entry: Disclosure) -> None:
        if self.run_record is not None:
            self.run_record.disclosures.append(entry)

    def _judged(self, record: QuestionPolicy) -> None:
        """Every custom question's policy goes on the run (the same object: what is sent
        to whom is filled in as it happens)."""
        if self.run_record is not None:
            self.run_record.questions.append(record)

    # --- pieces flows reuse -------------------------------------------------------------

    def understand(self, snapshot: FormSnapshot) -> tuple[Detection | None, dict[str, FieldMapping]]:
        detection = self.pm.detect(snapshot.url, snapshot)
        return detection, self.pm.map_fields(snapshot, detection)

    async def fill_step(
        self,
        page: Page,
        detection: Detection | None,
        *,
        leave: Collection[str] = (),
        snapshot: FormSnapshot | None = None,
    ) -> StepResult:
        """Snapshot, map, plan and fill the current page (one wizard step or a whole form).

        :param leave: refs the calling flow fills itself (widgets it drives, rows of a
            repeating section); they stay out of this step's plan.
        :param snapshot: the page's snapshot when the caller has one from this very moment
            (nothing ran on the page since); otherwise one is taken.
        """
        timings = self.run_record.timings if self.run_record else {}
        t = time.perf_counter()
        if snapshot is None:
            snapshot = await page.snapshot()
        if detection is None:
            detection = self.pm.detect(snapshot.url, snapshot)
        shown, self.options.shown = self.options.shown, None  # the first step only
        if shown is not None and shown.matches(snapshot):
            plan = shown.without(leave)
            self.used_shown = True
            if self.run_record is not None:
                kept = {a.ref for a in plan.actions} | {s.ref for s in plan.skipped}
                self.run_record.disclosures += shown.disclosures
                self.run_record.questions += [q for q in shown.questions if q.ref in kept]
        else:
            plan = await self._plan_step(page, snapshot, detection, leave=leave)
        _add(timings, "plan", t)
        fills = [a for a in plan.actions if a.kind != "upload"]
        uploads = [a for a in plan.actions if a.kind == "upload"]
        await self._begin_step(plan)
        t = time.perf_counter()
        self._progress(f"filling {len(fills)} fields")
        results = await page.apply(fills) if fills else []
        await self._landed(results)
        _add(timings, "fill", t)
        if uploads:
            t = time.perf_counter()
            self._progress(f"uploading {len(uploads)} file(s)")
            uploaded = await page.apply(uploads)
            await self._landed(uploaded)
            results += uploaded
            await page.wait_for(stable_ms=300, timeout_ms=5_000)
            snapshot = await page.snapshot()
            fixed = await self._reconcile(page, snapshot, fills)
            await self._landed(fixed)
            results += fixed
            _add(timings, "upload", t)
        return StepResult(snapshot=snapshot, plan=plan, results=results)

    async def _plan_step(
        self,
        page: Page | None,
        snapshot: FormSnapshot,
        detection: Detection | None,
        *,
        leave: Collection[str] = (),
    ) -> FillPlan:
        """Map the page, ask for what the profile lacks (content providers) and plan."""
        mappings = self.pm.map_fields(snapshot, detection)
        planned = snapshot
        if leave:
            left = set(leave)
            kept = [f for f in snapshot.fields if f.ref not in left]
            planned = snapshot.model_copy(update={"fields": kept})
        self.planner.generated = await self.content.prepare(
            planned, mappings, saved=self.planner.answers, detection=detection, page=page
        )
        return self.planner.plan(planned, mappings, detection)

    async def preview(self, page: Page, snapshot: FormSnapshot | None = None) -> ShownPlan:
        """The plan for the page as it is, to show before anything is typed; pass it back
        as ``ApplyOptions.shown`` and the fill types exactly it (``engine.shown``). What
        making it disclosed to a content provider goes with it onto the run."""
        from jobpilot.engine.shown import fingerprint

        if snapshot is None:
            snapshot = await page.snapshot()
        detection = self.pm.detect(snapshot.url, snapshot)
        scratch = ApplicationRun(id="preview", url=snapshot.url, detection=detection)
        outer, self.run_record = self.run_record, scratch
        try:
            plan = await self._plan_step(page, snapshot, detection)
        finally:
            self.run_record = outer
        return ShownPlan(fingerprint(snapshot), plan, scratch.disclosures, scratch.questions)

    async def _begin_step(self, plan: FillPlan) -> None:
        """Record the step's fields as pending and store the run before anything is typed."""
        run = self.run_record
        if run is None:
            return
        self._record_plan(run, plan)
        record.begin_step(run, plan)
        await self._store(run)
        if self.options.on_step is not None:
            try:
                await self.options.on_step(run, plan)
            except Exception as exc:  # marks and progress are a courtesy; the fill goes on
                self._progress(f"could not show progress: {type(exc).__name__}: {exc}")

    async def _landed(self, results: list[ActionResult]) -> None:
        """Add results that came back to the run, update the step's fields, store the run."""
        run = self.run_record
        if run is None or not results:
            return
        run.results += results
        record.land(run, results)
        await self._store(run)

    async def _store(self, run: ApplicationRun) -> None:
        if self.db is not None:
            await self.db.save_run(run, profile=self.options.profile_name)

    async def apply_plan(self, page: Page, plan: FillPlan) -> list[ActionResult]:
        """Execute a plan a flow built itself (a value the vocabulary cannot name, such as
        the second row of a work history) and record it with the run like a step."""
        await self._begin_step(plan)
        results = await page.apply(plan.actions) if plan.actions else []
        await self._landed(results)
        return results

    @staticmethod
    def _record_plan(run: ApplicationRun, plan: FillPlan) -> None:
        """Accumulate every step's plan into the run (wizards have many)."""
        if run.plan is None:
            run.plan = plan.model_copy(deep=True)
        else:
            run.plan.actions += plan.actions
            run.plan.skipped += plan.skipped

    async def reconcile(self, page: Page, step: StepResult) -> list[ActionResult]:
        """Check a filled step again and put back the values the page changed since (an ATS
        whose resume parser answers later than the quiet-DOM wait); recorded with the run."""
        snapshot = await page.snapshot()
        fills = [a for a in step.plan.actions if a.kind != "upload"]
        results = await self._reconcile(page, snapshot, fills)
        await self._landed(results)
        return results

    async def solve_captcha(self, page: Page, challenge: CaptchaChallenge) -> bool:
        """Hand a blocking CAPTCHA to the solver the person opted into
        (``ApplyOptions.captcha_solver``) and put its token into the page. False when no
        solver is configured or installed, or it found no answer: the person solves it."""
        if await self._solver_answers(page, challenge):
            return True
        return await self.wait_for_person(page, challenge)

    async def wait_for_person(self, page: Page, challenge: CaptchaChallenge) -> bool:
        """The default solver is the person. With someone at this browser
        (``ApplyOptions.person_in_browser``), wait until they solved the challenge (the widget
        holds a token or no longer blocks) and go on; False without a person or on timeout."""
        if not self.options.person_in_browser:
            return False
        self._progress(f"solve the {challenge.kind} CAPTCHA in the browser; the application then goes on")
        deadline = time.monotonic() + self.options.captcha_wait_ms / 1000
        while time.monotonic() < deadline:
            snapshot = await page.snapshot()
            still = [
                c
                for c in self.pm.detect_captcha(snapshot)
                if c.blocking and c.kind == challenge.kind and c.sitekey == challenge.sitekey
            ]
            if not still:
                return True
            await asyncio.sleep(min(1.0, max(0.05, deadline - time.monotonic())))
        return False

    async def _solver_answers(self, page: Page, challenge: CaptchaChallenge) -> bool:
        name = self.options.captcha_solver
        if not name:
            return False
        solver = next((s for s in self.pm.providers("register_captcha_solvers") if s.name == name), None)
        if solver is None:
            self._progress(f"CAPTCHA solver {name!r} is not installed; leaving the CAPTCHA to the person")
            return False
        if challenge.ref is None:
            return False
        self._progress(f"asking {name} to solve the {challenge.kind} CAPTCHA")
        try:
            solution: CaptchaSolution | None = await solver.solve_captcha(page, challenge)
        except Exception as exc:  # a solver failing leaves the CAPTCHA to the person
            self._progress(f"CAPTCHA solver {name} failed: {type(exc).__name__}: {exc}")
            return False
        if solution is None or not solution.token:
            return False
        # The DOM layer delivers a token "filled" into a CAPTCHA widget to its response fields.
        token = Action(
            kind="fill",
            ref=challenge.ref,
            frame=challenge.frame,
            value=solution.token,
            label=f"{challenge.kind} CAPTCHA",
            source=f"captcha:{solution.solver or name}",
        )
        delivered = await page.apply([token])
        return bool(delivered and delivered[0].ok)

    async def _reconcile(self, page: Page, snapshot: FormSnapshot, fills: list[Action]) -> list[ActionResult]:
        """Re-apply planned values an ATS overwrote after the resume upload (its parser
        prefills from the resume); values that still match are kept untouched."""
        redo: list[Action] = []
        by_ref = {f.ref: f for f in snapshot.fields}
        for a in fills:
            f = by_ref.get(a.ref or "")
            if f is not None and _still_holds(f, a) is False:
                redo.append(a.model_copy(update={"source": a.source + " (re-applied after upload)"}))
        if redo:
            self._progress(f"fixing {len(redo)} field(s) the resume parser changed")
            return await page.apply(redo)
        return []

    # --- the whole application ----------------------------------------------------------

    async def run(self, page: Page) -> ApplicationRun:
        """Apply on the loaded page. Raises ``DetectionError`` (and records nothing) when the
        page has no form; every other outcome is a stored ``ApplicationRun``."""
        t = time.perf_counter()
        snapshot = await page.snapshot()
        detection = self.pm.detect(snapshot.url, snapshot)
        flow = self.flow_for(detection)
        self.flow = flow
        if flow is None and not any(f.visible for f in snapshot.fields):
            raise DetectionError(
                f"no form fields on {snapshot.url}",
                hint="open the application form itself (often behind an 'Apply' button)",
            )
        run = ApplicationRun(
            id=uuid.uuid4().hex,
            url=page.url,
            submit_requested=self.options.submit,
            detection=detection,
        )
        _add(run.timings, "snapshot+detect", t)
        self.run_record = run
        try:
            await self._store(run)  # recorded before anything is typed: never lost
            await self._run(page, run, flow, snapshot)
        except Exception as exc:
            run.status = "needs_verification" if run.status == "needs_verification" else "failed"
            run.error = f"{type(exc).__name__}: {exc}"
            raise
        finally:
            run.finished_at = datetime.now(UTC)
            await self._evidence(page, run)
            if self.db is not None:
                await self.db.save_run(run, profile=self.options.profile_name)
        return run

    async def _run(
        self, page: Page, run: ApplicationRun, flow: ApplyFlow | None, snapshot: FormSnapshot
    ) -> None:
        """``snapshot`` is the page as ``run`` just saw it: the first step starts from it
        instead of taking another (a round trip to the tab in the extension)."""
        self._progress(
            f"detected {run.detection.ats} ({run.detection.confidence:.2f})"
            if run.detection
            else "no ATS recognised; using the generic mapper"
        )
        if flow is not None and run.detection is not None:
            outcome = await flow.apply_steps(self.context(page, run.detection, snapshot=snapshot))
        else:
            await self.fill_step(page, run.detection, snapshot=snapshot)
            outcome = FlowOutcome(state="ready")
        if outcome.state != "ready":
            run.status = "submitted" if outcome.state == "submitted" else outcome.state
            run.submitted = outcome.state == "submitted"
            run.needs_user += outcome.needs
            run.error = outcome.message or None
            return
        final = await page.snapshot()
        run.needs_user += self._left_for_person(run, final)
        await self._screenshot(page, run, "filled")
        challenges = [c for c in self.pm.detect_captcha(final) if c.blocking]
        if not self.options.submit:
            run.status = "filled"
            return
        unsolved = [c for c in challenges if not await self.solve_captcha(page, c)]
        if unsolved:
            run.status = "needs_user"
            run.needs_user.append(f"solve the {unsolved[0].kind} CAPTCHA, then submit")
            return
        if challenges:
            final = await page.snapshot()
        await self._submit(page, run, final)

    def context(
        self, page: Page, detection: Detection, *, snapshot: FormSnapshot | None = None
    ) -> EngineFlowContext:
        """The :class:`~jobpilot.engine.flow.FlowContext` a flow gets for this run
        (``snapshot``: the page as the engine just saw it, ``ctx.initial_snapshot``)."""
        return EngineFlowContext(self, page, detection, snapshot)

    def flow_for(self, detection: Detection | None) -> ApplyFlow | None:
        """The registered flow of the detected ATS, if an adapter has one."""
        if detection is None:
            return None
        for flow in self.pm.providers("register_flows"):
            if flow.ats == detection.ats:  # checked against ApplyFlow when its plugin loaded
                return flow
        return None

    def _left_for_person(self, run: ApplicationRun, snapshot: FormSnapshot) -> list[str]:
        """Required fields still empty after filling, and facts answers a provider drafted:
        the person must complete or check them (never submitted on a guess)."""
        failed = {r.ref for r in run.results if not r.ok}
        policies = {q.ref: q for q in run.questions}
        out = []
        for f in snapshot.fields:
            if not f.required or not f.visible:
                continue
            empty = not (f.value or "").strip() and not f.checked and not any(m.checked for m in f.members)
            if empty or f.ref in failed:
                why = policies.get(f.ref)
                kept = why is not None and why.policy != "open"
                note = f" ({why.policy} policy: {why.topic})" if why is not None and kept else ""
                out.append(f"required field left empty: {f.label or f.name or f.ref}{note}")
        for q in (q for q in run.questions if q.draft):
            out.append(f"check the drafted answer to {q.field!r} (facts policy: a draft from your resume)")
        return out

    async def _check_limits(self, url: str) -> None:
        if self.db is None:
            return
        if await self.db.was_submitted(url, self.options.profile_name):
            raise UsageError(
                f"already submitted (or possibly submitted) to {url} with this profile",
                hint="check `jobpilot runs`; JobPilot never submits the same application twice",
            )
        if await self.db.submitted_today() >= self.options.daily_cap:
            raise UsageError(
                f"daily cap of {self.options.daily_cap} submissions reached",
                hint="wait until tomorrow or raise [limits] daily_cap in config.toml",
            )
        since = datetime.now(UTC) - timedelta(hours=1)
        if await self.db.submissions_since(since, site=site_of(url)) >= self.options.per_site_per_hour:
            raise UsageError(
                f"rate limit for {site_of(url)}: {self.options.per_site_per_hour} per hour",
                hint="wait an hour or raise [limits] per_site_per_hour in config.toml",
            )

    async def _submit(self, page: Page, run: ApplicationRun, snapshot: FormSnapshot) -> None:
        if run.needs_user:
            run.status = "needs_user"
            return
        button = find_submit_button(snapshot)
        if button is None:
            run.status = "needs_user"
            run.needs_user.append("no submit button found: submit it yourself")
            return
        try:
            await self._check_limits(run.url)
        except UsageError as exc:
            run.status = "filled"
            run.error = f"not submitted: {exc}"
            return
        # Recorded *before* the click: a crash after it leaves "needs_verification", never
        # a blind retry.
        run.status = "needs_verification"
        if self.db is not None:
            await self.db.save_run(run, profile=self.options.profile_name)
        if self.options.before_submit is not None:
            try:
                await self.options.before_submit(run)
            except BaseException:
                run.status = "filled"  # nothing was clicked
                raise
        t = time.perf_counter()
        self._progress("submitting")
        await page.click(button.ref)
        await self.conclude_submission(page, run)
        _add(run.timings, "submit", t)

    async def conclude_submission(
        self,
        page: Page,
        run: ApplicationRun,
        *,
        unconfirmed: str = "no confirmation seen after submitting; check the page",
    ) -> None:
        """What follows the submit click: the flow's ``after_submit`` step (a security code,
        a CAPTCHA that appears only now), then the confirmation read from the page. Sets the
        run's outcome; without a confirmation it stays ``needs_verification`` with
        ``unconfirmed`` as its error. The fleet calls it too, to continue a submission whose
        after-click question was answered later."""
        after_submit = getattr(self.flow, "after_submit", None)
        if after_submit is not None and run.detection is not None:
            outcome: FlowOutcome | None = await after_submit(self.context(page, run.detection))
            if outcome is not None and outcome.state != "ready":
                run.status = "submitted" if outcome.state == "submitted" else outcome.state
                run.submitted = outcome.state == "submitted"
                run.needs_user += outcome.needs
                run.error = outcome.message or None
                if run.submitted:
                    run.evidence.confirmation_text = outcome.message or None
                return
        m = await read_confirmation(page, timeout_ms=self.options.verify_timeout_ms)
        if m is not None:
            run.status, run.submitted = "submitted", True
            run.evidence.confirmation_text = m
        else:
            run.error = unconfirmed

    def _folder(self, run: ApplicationRun) -> Path | None:
        if self.options.evidence_dir is None:
            return None
        folder = self.options.evidence_dir / run.id
        # Screenshots and plans show the applicant's answers: readable by the owner only.
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.options.evidence_dir.chmod(0o700)
        return folder

    async def _screenshot(self, page: Page, run: ApplicationRun, name: str) -> None:
        folder = self._folder(run)
        if folder is not None:
            run.evidence.screenshots.append(await page.screenshot(str(folder / f"{name}.png")))

    async def _evidence(self, page: Page, run: ApplicationRun) -> None:
        folder = self._folder(run)
        if folder is None:
            return
        try:
            await self._screenshot(page, run, "final")
            snap = await page.snapshot()
            path = folder / "snapshot.json"
            path.write_text(snap.model_dump_json(indent=1), "utf-8")
            run.evidence.final_snapshot = str(path)
        except Exception as exc:  # evidence must never hide the application's own outcome
            run.error = (run.error + "; " if run.error else "") + f"evidence incomplete: {exc}"
        if run.plan is not None:
            (folder / "plan.json").write_text(run.plan.model_dump_json(indent=1), "utf-8")
        (folder / "run.json").write_text(json.dumps(run.model_dump(mode="json"), indent=1), "utf-8")


class EngineFlowContext:
    """The engine's implementation of ``jobpilot.engine.flow.FlowContext``: each method is
    one of the engine's own steps, bound to this run's page and detection."""

    def __init__(
        self, engine: ApplyEngine, page: Page, detection: Detection, snapshot: FormSnapshot | None = None
    ) -> None:
        self._engine = engine
        self._page = page
        self._detection = detection
        self._snapshot = snapshot
        self._credentials = engine.options.credentials

    @property
    def page(self) -> Page:
        return self._page

    @property
    def detection(self) -> Detection:
        return self._detection

    @property
    def initial_snapshot(self) -> FormSnapshot | None:
        return self._snapshot

    @property
    def profile(self) -> Profile:
        return self._engine.profile

    @property
    def credentials(self) -> Credentials:
        if self._credentials is None:
            from jobpilot.storage.credentials import CredentialStore

            self._credentials = CredentialStore(self._engine.db)
        return self._credentials

    @property
    def verify_timeout_ms(self) -> int:
        return self._engine.options.verify_timeout_ms

    async def snapshot(self) -> FormSnapshot:
        return await self._page.snapshot()

    def map(self, snapshot: FormSnapshot) -> dict[str, FieldMapping]:
        return self._engine.pm.map_fields(snapshot, self._detection)

    def captchas(self, snapshot: FormSnapshot) -> list[CaptchaChallenge]:
        return self._engine.pm.detect_captcha(snapshot)

    def saved_answer(self, field: Field) -> Resolved | None:
        return self._engine.planner.answers(field)

    async def plan(
        self, snapshot: FormSnapshot, mappings: dict[str, FieldMapping], *, generate: bool = True
    ) -> FillPlan:
        engine = self._engine
        planner = engine.planner
        if generate:
            known = planner.generated

            def saved(f: Field) -> Resolved | None:
                # A field already written for this run is not asked of the provider again.
                return planner.answers(f) or known.get(f.ref)

            generated = await engine.content.prepare(
                snapshot, mappings, saved=saved, detection=self._detection, page=self._page
            )
            planner.generated = {**known, **generated}
        return planner.plan(snapshot, mappings, self._detection)

    async def apply(self, plan: FillPlan) -> list[ActionResult]:
        return await self._engine.apply_plan(self._page, plan)

    async def fill_step(self, *, leave: Collection[str] = ()) -> StepResult:
        return await self._engine.fill_step(self._page, self._detection, leave=leave)

    async def reconcile(self, step: StepResult) -> list[ActionResult]:
        return await self._engine.reconcile(self._page, step)

    def filled(self) -> list[tuple[Action, ActionResult | None]]:
        run = self._engine.run_record
        if run is None or run.plan is None:
            return []
        latest = {r.ref: r for r in run.results if r.ref}
        return [(a, latest.get(a.ref or "")) for a in run.plan.actions]

    async def solve_captcha(self, challenge: CaptchaChallenge) -> bool:
        return await self._engine.solve_captcha(self._page, challenge)

    async def ask(self, question: str) -> str | None:
        ask = self._engine.options.ask
        return await ask(question) if ask is not None else None

    @contextmanager
    def timed(self, phase: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            run = self._engine.run_record
            if run is not None:
                _add(run.timings, phase, started)

    async def screenshot(self, name: str) -> str | None:
        run = self._engine.run_record
        if run is None or self._engine.options.evidence_dir is None:
            return None
        await self._engine._screenshot(self._page, run, name)
        return run.evidence.screenshots[-1] if run.evidence.screenshots else None

    def note(self, message: str) -> None:
        self._engine._progress(message)


def _add(timings: dict[str, float], phase: str, started: float) -> None:
    timings[phase] = round(timings.get(phase, 0.0) + time.perf_counter() - started, 4)


def _still_holds(field: Field, action: Action) -> bool | None:
    """Whether the page still shows what ``action`` put there; None when the snapshot cannot
    tell (then the field is left alone rather than changed on a guess).

    Covers what a resume parser overwrites: text, a native select or listbox, a radio or
    checkbox group, a single checkbox and a combobox's committed text."""
    value = action.value
    if action.kind == "fill" and isinstance(value, str):
        return norm(field.value) == norm(value)
    if action.kind == "check" and isinstance(value, str) and field.checked is not None:
        return field.checked == (value == "true")
    if action.kind != "select" or value is None:
        return None
    wanted = {norm(v) for v in ([value] if isinstance(value, str) else value)}
    if field.members:
        chosen = [(m.value, m.label) for m in field.members if m.checked]
    elif field.options:
        chosen = [(o.value, o.text) for o in field.options if o.selected]
    elif field.type == "combobox" and isinstance(value, str):
        return bool(field.value) and norm(value) in norm(field.value)
    else:
        return None
    shown = [{norm(v) for v in pair if v} for pair in chosen]
    return len(shown) == len(wanted) and all(any(w in names for names in shown) for w in wanted)

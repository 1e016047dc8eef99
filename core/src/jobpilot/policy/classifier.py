"""Deciding a question's policy from three signals; the stricter one always wins.

1. **Lexicons** (``lexicon``): the question names its topic in one of seven languages
   ("salary", "Arbeitserlaubnis", "casier judiciaire") -> that topic's policy.
2. **Closed questions** (``closed``): "Are you ...?", "Haben Sie ...?", a yes/no option
   list -> at least ``facts``: a model cannot know the applicant's circumstances.
3. **Meaning** (``meaning``): the nearest labelled prototypes in a multilingual sentence
   space catch paraphrases that name no topic word ("How much do you want to make?").
   A sensitive or facts topic that comes close enough, absolutely or relative to the best
   ``open`` prototype, makes the question that strict.

Fail closed: the stricter verdict of any signal applies, an empty question is sensitive,
and if the meaning model cannot load every question is treated as sensitive (the reason
says so) rather than judged on words alone.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass, field
from functools import lru_cache

from jobpilot.policy import closed, lexicon, meaning
from jobpilot.policy.topics import OPEN_TOPIC, Policy, describe, policy_of

log = logging.getLogger("jobpilot.policy")

PROFILE_SIM = 0.62
"""A sensitive prototype at least this similar makes the question sensitive ..."""
PROFILE_LEAD = 0.18
"""... and so does one above ``FLOOR`` that beats the best ``open`` prototype by this much."""
FACTS_SIM = 0.62
FACTS_LEAD = 0.18
FLOOR = 0.45
"""Below this similarity a prototype is too far away to say anything."""


@dataclass(frozen=True)
class Decision:
    """The policy of one question, the topic it was judged to be about, and why."""

    policy: Policy
    topic: str
    reason: str
    signals: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        d = asdict(self)
        d["policy"] = self.policy.value
        return d

    @property
    def sensitive(self) -> bool:
        return self.policy is Policy.PROFILE


def _candidate(policy: Policy, topic: str, reason: str) -> tuple[int, Policy, str, str]:
    return (policy.strictness, policy, topic, reason)


def _meaning(
    text: str, found: list[tuple[int, Policy, str, str]], signals: list[str]
) -> tuple[tuple[str, float], ...]:
    try:
        return meaning.similarities(text)
    except Exception as exc:  # no model: the lexicons and the question form decide, stricter
        log.warning("meaning model unavailable (%s): questions are treated as sensitive", exc)
        signals.append(f"meaning:unavailable:{type(exc).__name__}")
        reason = f"the meaning model is unavailable ({type(exc).__name__}): treated as sensitive"
        found.append(_candidate(Policy.PROFILE, "unknown", reason))
        return ()


@lru_cache(maxsize=8192)
def decide(question: str | None, options: tuple[str, ...] = ()) -> Decision:
    """The policy for a form question (its label) and its offered options, if any."""
    text = " ".join((question or "").split())
    if not text.strip(" ?*:.-"):
        return Decision(
            Policy.PROFILE, "unknown", "the field has no question text to judge: treated as sensitive"
        )
    found: list[tuple[int, Policy, str, str]] = []
    signals: list[str] = []
    for topic, words in lexicon.hits(text):
        found.append(_candidate(policy_of(topic), topic, f"it names {describe(topic)} ({words!r})"))
        signals.append(f"lexicon:{topic}:{words}")
    opts = tuple(o for o in options if o.strip())
    if opts:
        for topic, words in lexicon.hits(" ; ".join(opts)):
            if policy_of(topic) is Policy.PROFILE:
                found.append(
                    _candidate(Policy.PROFILE, topic, f"its options name {describe(topic)} ({words!r})")
                )
                signals.append(f"options:{topic}:{words}")
    if closed.is_yes_no(opts):
        found.append(_candidate(Policy.FACTS, "closed_question", "it is a yes/no choice about you"))
        signals.append("closed:yes-no options")
    elif closed.is_closed(text):
        found.append(_candidate(Policy.FACTS, "closed_question", "it asks a yes/no question about you"))
        signals.append("closed:question form")
    if any(c[1] is Policy.PROFILE for c in found):
        sims: tuple[tuple[str, float], ...] = ()  # nothing is stricter: no need for the model
    else:
        sims = _meaning(text, found, signals)
    if sims:
        named_facts = any(c[1] is Policy.FACTS and c[2] != "closed_question" for c in found)
        best_open = next((s for t, s in sims if t == OPEN_TOPIC), 0.0)
        for topic, sim in sims:
            pol = policy_of(topic)
            if pol is Policy.OPEN:
                continue
            absolute, lead = (PROFILE_SIM, PROFILE_LEAD) if pol is Policy.PROFILE else (FACTS_SIM, FACTS_LEAD)
            # A question that names a facts topic ("how many years ... with Kafka") is
            # explained by it: only a close sensitive prototype overrides it, not a mere lead.
            by_lead = sim >= FLOOR and sim - best_open >= lead and not (pol is Policy.PROFILE and named_facts)
            if sim >= absolute or by_lead:
                found.append(
                    _candidate(
                        pol, topic, f"it reads like a question on {describe(topic)} (similarity {sim:.2f})"
                    )
                )
                signals.append(f"meaning:{topic}:{sim:.2f}")
        top = sims[0]
        signals.append(f"meaning:nearest:{top[0]}:{top[1]:.2f}")
    if not found:
        return Decision(
            Policy.OPEN,
            OPEN_TOPIC,
            "a question a writer may answer: nothing sensitive or personal found",
            signals,
        )
    found.sort(key=lambda c: c[0], reverse=True)
    _, policy, topic, reason = found[0]
    return Decision(policy, topic, reason, signals)


def policy_reason(decision: Decision) -> str:
    """The reason shown for a question left for the person, naming its policy."""
    if decision.policy is Policy.PROFILE:
        return (
            f"profile policy ({decision.topic}): answered only from your profile or by you; "
            f"never sent to an AI provider ({decision.reason})"
        )
    return (
        f"facts policy ({decision.topic}): answered from your profile, your saved answers or by "
        f"you; a model cannot know this ({decision.reason})"
    )

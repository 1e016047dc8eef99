"""The question policy: which questions a content provider may see, by meaning, in every
language the mapper supports. ``decide(question, options)`` is the entry point; the topics
and what each policy allows are in ``topics``."""

from __future__ import annotations

from jobpilot.policy.classifier import Decision, decide, policy_reason
from jobpilot.policy.topics import FACTS_TOPICS, PROFILE_TOPICS, Policy, policy_of

__all__ = ["FACTS_TOPICS", "PROFILE_TOPICS", "Decision", "Policy", "decide", "policy_of", "policy_reason"]

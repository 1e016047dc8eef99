# ruff: noqa: E501  (one language per pattern line)
"""Closed questions about the applicant ("Are you ...?", "Haben Sie ...?", "¿Tiene ...?"):
a model cannot know the answer, so such a question is at least on the ``facts`` policy,
unless it asks for a text the applicant writes ("Can you describe ...", "Could you tell us
why ...").

Also: an option list that is a yes/no choice makes the question closed, whatever its words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from jobpilot.policy.lexicon import fold as norm

_CLOSED = re.compile(
    r"^(?:"
    # en
    r"(are|were|have|had|do|did|can|could|will|would|may|shall|is|has) you\b|is your\b|has your\b|"
    r"(please )?(confirm|indicate|state|select|specify) (whether|if|that|your)\b|"
    # de
    r"(sind|waren|haben|hatten|koennen|koennten|wuerden|werden|besitzen|verfuegen|duerfen|moechten) sie\b|"
    r"(bist|hast|kannst|koenntest|wuerdest|wirst|besitzt|verfuegst|darfst|warst) du\b|"
    r"(ist|hat) (ihr|ihre|dein|deine)\b|liegt (ihnen|dir)\b|"
    # fr
    r"(etes|avez|pouvez|seriez|accepteriez|acceptez|possedez|disposez|parlez|detenez|travaillez) vous\b|"
    r"(es|as|peux|serais|possedes|parles) tu\b|(est ce que|votre) |"
    # es
    r"(tienes|tiene|tienen|estas|esta|eres|es usted|puedes|puede|podrias|podria|has|ha|cuentas|cuenta|posees|posee|hablas|habla|"
    r"estarias|estaria|te|le) \b|"
    # nl
    r"(heeft|bent|kunt|wilt|zou|zijn|was|had) (u|je|jij)\b|(heb|ben|kun|wil|spreek|woon) (je|jij)\b|is (uw|je|jouw)\b|"
    # pt
    r"(voce|tem|possui|esta|pode|poderia|ja|e|fala|aceita|estaria)\b|"
    # it
    r"(hai|sei|puoi|potresti|possiedi|parli|saresti|ha|e|puo|possiede|sarebbe|accetta|accetti)\b"
    r")"
)
_WRITE = re.compile(
    r"\b(describe|explain|tell (us|me)|share|elaborate|walk us|give (us )?an example|why|how (would|do|did|have)|"
    r"what (would|do|did|is|are|makes|motivates)|"
    r"beschreib|erklaer|erzaehl|warum|wieso|weshalb|"
    r"decri|expliqu|racont|pourquoi|"
    r"describ|explic|cuenta(nos|me)|por que|porque|"
    r"beschrijf|leg uit|vertel|waarom|"
    r"descrev|expliqu|conte|por que|porque|"
    r"descriv|spieg|raccont|perche|"
    r"anything else|nog iets|autre chose|algo mas|algo mais|qualcos altro|altro che|sonst noch|iets kwijt)"
)
_YES = {"yes", "y", "ja", "oui", "si", "sim", "true", "yes i do", "yes i am", "yes i have"}
_NO = {"no", "n", "nein", "non", "nee", "nao", "false", "no i do not", "no i am not", "no i dont"}


def is_closed(text: str) -> bool:
    """True for a yes/no question about the applicant that asks for no written text."""
    t = norm(text)
    return bool(_CLOSED.search(t)) and not _WRITE.search(t)


def is_yes_no(options: Iterable[str]) -> bool:
    """True when the offered options are a yes/no choice (one yes, one no, and at most a
    "prefer not to say")."""
    opts = [
        norm(o) for o in options if norm(o) and not norm(o).startswith(("select", "choose", "bitte", "--"))
    ]
    if not 2 <= len(opts) <= 4:
        return False
    first = [o.split(" ", 1)[0] for o in opts]
    return any(o in _YES or f in _YES for o, f in zip(opts, first, strict=True)) and any(
        o in _NO or f in _NO for o, f in zip(opts, first, strict=True)
    )

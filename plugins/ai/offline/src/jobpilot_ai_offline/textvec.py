"""Text to vectors with nothing to download: hashed features, cosine similarity.

A text becomes a sparse bag of features, hashed into a fixed number of dimensions with a
sign hash (the "hashing trick"):

* content words, lightly stemmed, with question scaffolding ("please describe", "tell us")
  and stop words left out;
* word pairs (order within a question carries meaning: "start date" vs "date started");
* character 3- and 4-grams of each content word (spelling variants, inflections,
  "relocate"/"relocation");
* *concepts*: a small hand-written thesaurus of what application questions ask about
  ("why do you want to work here" and "what attracts you to this company" share the concept
  ``motivation``), which is what lets paraphrases meet.

Weights are sublinear in the count and scaled by a built-in inverse document frequency
(frequent application words weigh less). Vectors are L2-normalised, so a dot product is the
cosine similarity.
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
import zlib
from collections import defaultdict
from collections.abc import Iterable

STOP = frozenset(
    """
    a an the and or but if of to in on at for from by with about as into than then that this these
    those is are was were be been being am do does did doing have has had having i me my mine we us
    our you your yours he she they them their it its what which who whom whose when where why how
    can could would should will shall may might must please tell describe briefly explain share give
    provide let know any some there here so such very just also more most other own same too not no
    nor only up down out over under again further once all both each few s t don now question answer
    below above following kindly field optional required if applicable e g eg one us
    """.split()  # noqa: SIM905 (a word list reads better as text)
)

CONCEPTS: dict[str, tuple[str, ...]] = {
    "motivation": (
        "why",
        "want",
        "interest",
        "interested",
        "attract",
        "attracts",
        "attracted",
        "excite",
        "excites",
        "excited",
        "motivat",
        "appeal",
        "appeals",
        "drawn",
        "draws",
        "passion",
        "reason",
        "apply",
        "applying",
    ),
    "company": (
        "company",
        "organization",
        "organisation",
        "team",
        "us",
        "here",
        "mission",
        "firm",
        "employer",
    ),
    "role": ("role", "position", "job", "opportunity", "opening", "vacancy"),
    "start": (
        "start",
        "notice",
        "available",
        "availability",
        "begin",
        "earliest",
        "commence",
        "join",
        "onboard",
    ),
    "relocate": ("relocat", "move", "moving", "relocation", "reloc"),
    "remote": ("remote", "hybrid", "onsite", "office", "home", "distributed", "wfh"),
    "referral": (
        "hear",
        "heard",
        "found",
        "referr",
        "refer",
        "source",
        "discover",
        "discovered",
    ),
    "strength": ("strength", "strongest", "best", "excel", "superpower", "good"),
    "weakness": ("weakness", "weakest", "improve", "improvement", "development", "grow", "growth"),
    "achievement": (
        "achievement",
        "accomplish",
        "accomplished",
        "proud",
        "proudest",
        "success",
        "successful",
        "impact",
        "impactful",
        "project",
    ),
    "challenge": (
        "challeng",
        "difficult",
        "obstacle",
        "conflict",
        "problem",
        "hard",
        "tough",
        "failure",
        "fail",
    ),
    "leadership": ("lead", "leader", "leadership", "led", "manag", "mentor", "supervis", "people"),
    "teamwork": ("team", "collaborat", "cross", "together", "colleague", "stakeholder"),
    "experience": ("experience", "background", "years", "expertise", "familiar", "worked", "proficien"),
    "language": ("language", "speak", "fluent", "fluency", "spoken", "bilingual"),
    "travel": ("travel", "travelling", "traveling", "trip"),
    "former": ("previously", "formerly", "former", "before", "past", "prior", "ever"),
    "employed": ("employed", "work", "worked", "employee", "employment", "contractor"),
    "portfolio": ("portfolio", "sample", "samples", "website", "showcase"),
    "goals": ("goal", "goals", "future", "career", "aspiration", "five", "plan", "see yourself", "ambition"),
    "environment": (
        "environment",
        "culture",
        "ideal",
        "thrive",
        "style",
        "prefer",
        "preference",
        "workplace",
    ),
    "schedule": (
        "schedule",
        "shift",
        "weekend",
        "weekends",
        "hours",
        "overtime",
        "night",
        "full",
        "part",
        "time",
    ),
    "tools": ("tool", "tools", "stack", "technolog", "software", "framework", "language", "programming"),
    "contact": ("contact", "reach", "phone", "email"),
    "salary": ("salary", "compensation", "pay", "wage"),
    "age18": ("18", "eighteen", "age", "adult", "older"),
    "degree": ("degree", "bachelor", "master", "diploma", "graduate", "university", "college", "education"),
    "license": ("license", "licence", "certif", "certification", "credential", "accredit"),
    "customer": ("customer", "client", "user", "users", "clients", "customers"),
    "mistake": ("mistake", "error", "wrong", "failed", "failure"),
    "learn": ("learn", "learning", "new", "quickly", "pick", "upskill", "course"),
    "pressure": (
        "pressure",
        "deadline",
        "deadlines",
        "stress",
        "stressful",
        "tight",
        "prioritiz",
        "prioritis",
        "multiple",
    ),
    "feedback": ("feedback", "criticism", "critique", "review"),
    "hobby": ("hobby", "hobbies", "free", "spare", "outside", "fun", "interests", "pastime"),
    "anything": ("anything", "else", "additional", "add", "information", "share", "other"),
}
"""Concepts: a stem list each; a word belongs to a concept when it starts with one of them."""

PHRASES: dict[str, tuple[str, ...]] = {
    "referral": (
        "learn about",
        "learned about",
        "find out about",
        "found out about",
        "come across",
        "see this",
        "saw this",
    ),
    "goals": ("see yourself", "long term", "next five years", "in five years"),
    "hobby": ("free time", "spare time", "outside of work", "outside work", "for fun", "weekends for fun"),
    "weakness": (
        "biggest weakness",
        "working to improve",
        "looking to improve",
        "improve in",
        "improve on",
        "working on",
    ),
    "relocate": ("another city", "new city", "move to", "moving to", "different city", "different country"),
    "start": ("how soon", "start date", "notice period", "when can you"),
    "former": ("worked here", "worked at", "worked for"),
}
"""Multi-word cues of a concept (counted twice: a phrase is stronger evidence than a word)."""

CONCEPT_WEIGHT: dict[str, float] = {
    # Concepts nearly every question touches say little about which question it is.
    "company": 0.4,
    "role": 0.3,
    "experience": 0.5,
    "employed": 0.6,
    "teamwork": 0.7,
    "anything": 0.8,
}

_WORD = re.compile(r"[a-z0-9][a-z0-9+#.]*[a-z0-9+#]|[a-z0-9]")
_COMMON = {
    # Frequent in application questions: down-weighted (a fixed, built-in IDF).
    "work": 0.3,
    "experience": 0.5,
    "role": 0.3,
    "company": 0.3,
    "job": 0.3,
    "team": 0.6,
    "position": 0.3,
    "years": 0.6,
    "time": 0.5,
    "like": 0.4,
    "want": 0.6,
    "think": 0.5,
}


def normalize(text: str) -> str:
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.lower().replace("’", "'").replace("'", "")


def stem(word: str) -> str:
    """A light English stemmer: enough that "relocate/relocating/relocation" meet."""
    for suf in (
        "ations",
        "ation",
        "ingly",
        "ings",
        "ing",
        "ments",
        "ment",
        "ness",
        "ities",
        "ity",
        "ies",
        "ied",
        "ers",
        "er",
        "ed",
        "es",
        "ly",
        "s",
    ):
        if word.endswith(suf) and len(word) - len(suf) >= 3:
            return word[: -len(suf)]
    return word


def words(text: str) -> list[str]:
    return _WORD.findall(normalize(text))


def content_words(text: str) -> list[str]:
    return [w for w in words(text) if w not in STOP]


def concepts_of(ws: Iterable[str]) -> list[str]:
    out = []
    for w in ws:
        for name, stems in CONCEPTS.items():
            if any(w.startswith(s) for s in stems if " " not in s):
                out.append(name)
    return out


def features(text: str, *, chargrams: bool = True, concept_weight: float = 1.6) -> defaultdict[str, float]:
    all_words = words(text)
    cw = [w for w in all_words if w not in STOP]
    feats: defaultdict[str, float] = defaultdict(float)
    stems = [stem(w) for w in cw]
    for s in stems:
        feats["w:" + s] += _COMMON.get(s, 1.0)
    for a, b in itertools.pairwise(stems):
        feats[f"b:{a}_{b}"] += 0.7
    if chargrams:
        for w in cw:
            padded = f"<{w}>"
            for n in (3, 4):
                for i in range(len(padded) - n + 1):
                    feats["c:" + padded[i : i + n]] += 0.25
    # Concepts read all words (the "why" in "why do you want" is a stop word for the rest).
    found = concepts_of(all_words)
    joined = " ".join(all_words)
    for c, cues in PHRASES.items():
        found += [c, c] * sum(1 for cue in cues if f" {cue} " in f" {joined} ")
    for c in found:
        feats["k:" + c] += concept_weight * CONCEPT_WEIGHT.get(c, 1.0)
    return feats


def _bucket(feature: str, dims: int) -> tuple[int, float]:
    h = zlib.crc32(feature.encode("utf-8"))
    return h % dims, (1.0 if (h >> 31) & 1 else -1.0)


def sparse_vector(text: str, dims: int = 1024, **kw: object) -> dict[int, float]:
    """The L2-normalised hashed vector, as {dimension: value} of its non-zero entries."""
    vec: dict[int, float] = {}
    for feat, count in features(text, **kw).items():  # type: ignore[arg-type]
        i, sign = _bucket(feat, dims)
        vec[i] = vec.get(i, 0.0) + sign * (1.0 + math.log(count) if count > 1 else count)
    norm = math.sqrt(sum(x * x for x in vec.values()))
    return {i: x / norm for i, x in vec.items() if x} if norm else {}


def vectorize(text: str, dims: int = 1024, **kw: object) -> list[float]:
    vec = [0.0] * dims
    for i, x in sparse_vector(text, dims, **kw).items():
        vec[i] = x
    return vec


def sparse_dot(a: dict[int, float], b: dict[int, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(i, 0.0) for i, x in a.items())


def dot(a: list[float], b: list[float]) -> float:
    return sum(x * y for x, y in zip(a, b, strict=False))

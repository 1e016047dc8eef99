"""The ATS keyword score: which of a job description's keywords a resume carries.

Applicant tracking systems rank resumes by the job ad's terms they contain. Keywords are the
description's distinctive terms: known skills and tools (a built-in lexicon, multi-word
ones included), terms written like product names (``PostgreSQL``, ``CI/CD``), and the
content words it repeats; generic job-ad vocabulary ("team", "experience", "benefits") is
not a keyword. The score is the weighted share of keywords found in the resume text, with
light stemming so "deploying" meets "deployment".
"""

from __future__ import annotations

import re
from collections import defaultdict

from jobpilot.models.profile import Profile
from jobpilot.models.providers import Job, MatchScore

from jobpilot_ai_offline.textvec import STOP, normalize, stem

LEXICON = frozenset(
    """
    python java javascript typescript go golang rust ruby php scala kotlin swift c c++ c# r sql bash
    perl elixir haskell clojure dart matlab julia html css sass react angular vue svelte next.js
    node.js nodejs django flask fastapi rails spring express graphql rest grpc kafka rabbitmq redis
    postgresql postgres mysql sqlite mongodb cassandra dynamodb elasticsearch snowflake bigquery
    redshift spark hadoop airflow dbt pandas numpy pytorch tensorflow scikit-learn keras docker
    kubernetes terraform ansible helm aws gcp azure linux git ci/cd jenkins github gitlab circleci
    prometheus grafana datadog microservices serverless oauth saml security devops sre mlops etl nlp
    llm llms cv figma sketch jira confluence agile scrum kanban tableau looker powerbi excel
    salesforce hubspot sap seo sem crm accounting bookkeeping gaap ifrs budgeting forecasting
    negotiation recruiting sourcing onboarding payroll compliance gdpr hipaa soc2 iso27001 pci ux ui
    a/b copywriting photoshop illustrator premiere autocad solidworks lean six-sigma mba cpa pmp
    cissp embedded firmware fpga verilog vhdl rtos android ios unity unreal webgl webrtc websockets
    observability testing pytest selenium playwright cypress jest tdd opentelemetry
    """.split()  # noqa: SIM905 (a word list reads better as text)
)
PHRASES = (
    "machine learning",
    "deep learning",
    "data science",
    "data engineering",
    "distributed systems",
    "computer vision",
    "natural language processing",
    "product management",
    "project management",
    "customer success",
    "account management",
    "stakeholder management",
    "system design",
    "unit testing",
    "code review",
    "incident response",
    "infrastructure as code",
    "data modeling",
    "data analysis",
    "financial modeling",
    "user research",
    "technical writing",
    "public speaking",
    "supply chain",
    "quality assurance",
    "site reliability",
    "event driven",
    "real time",
    "cloud infrastructure",
    "mobile development",
    "frontend development",
    "backend development",
)
GENERIC = frozenset(
    """
    experience experienced team teams work working role roles job company candidate candidates
    ability able skills skill strong excellent good great knowledge understanding responsibilities
    responsibility requirements required preferred plus bonus benefits salary opportunity
    opportunities including include includes join help build building new year years environment
    across within using use used based well highly world class looking seeking ideal apply
    application position fast paced culture mission values equal employer diverse diversity
    inclusion etc e.g i.e us our your you we they will would may must can should day days time full
    part remote hybrid office location locations per hour week weeks month months communication
    written verbal people customers customer products product business development develop design
    designing solutions solution support supporting drive driving ensure make making own ownership
    grow growth learn learning great passionate passion minimum least degree bachelor master related
    field equivalent practical hands hands-on closely collaborate collaborating collaboration
    partner partners cross-functional high quality impact scale scalable reliable systems system
    tools tools platform platforms
    """.split()  # noqa: SIM905 (a word list reads better as text)
)
_TOKEN = re.compile(r"[a-z0-9][a-z0-9+#./-]*[a-z0-9+#]|[a-z0-9]")
_PRODUCTY = re.compile(r"\b([A-Z][a-z]+[A-Z][A-Za-z]*|[A-Z]{2,}[a-z]*|[A-Za-z]+/[A-Za-z]+)\b")


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(normalize(text))


def keywords(description: str, *, limit: int = 25) -> list[str]:
    """The job description's keywords, most important first."""
    text = normalize(description)
    toks = tokens(description)
    weights: defaultdict[str, float] = defaultdict(float)
    for p in PHRASES:
        n = text.count(p)
        if n:
            weights[p] += 3.0 + n
    for t in toks:
        if t in LEXICON:
            weights[t] += 3.0
        elif t not in STOP and t not in GENERIC and len(t) > 2 and not t.isdigit():
            weights[t] += 0.5
    for m in _PRODUCTY.findall(description):
        t = normalize(m)
        if t not in STOP and t not in GENERIC and len(t) > 1:
            weights[t] += 1.5
    # Words inside a chosen phrase are not separate keywords.
    for p in [w for w in weights if " " in w]:
        for part in p.split():
            if part in weights and part not in LEXICON:
                del weights[part]
    ranked = [k for k, w in sorted(weights.items(), key=lambda kw: -kw[1]) if w >= 1.5]
    return ranked[:limit]


def resume_text(profile: Profile) -> str:
    parts: list[str] = [profile.basics.label or "", profile.basics.summary or ""]
    for w in profile.work:
        parts += [w.position or "", w.name or "", w.summary or "", *w.highlights]
    for e in profile.education:
        parts += [e.area or "", e.studyType or "", e.institution or ""]
    for s in profile.skills:
        parts += [s.name or "", *s.keywords]
    for a in profile.application.answers:
        parts.append(a.answer)
    return "\n".join(p for p in parts if p)


def _present(keyword: str, text: str, stems: set[str]) -> bool:
    if " " in keyword or not keyword.isalpha():
        return re.search(rf"(?<![a-z0-9]){re.escape(keyword)}(?![a-z0-9])", text) is not None
    return stem(keyword) in stems


def score(profile: Profile, job: Job) -> MatchScore | None:
    desc = "\n".join(p for p in (job.title, job.description) if p)
    kws = keywords(desc)
    if not kws:
        return None
    text = normalize(resume_text(profile))
    stems = {stem(t) for t in tokens(text)}
    matched = [k for k in kws if _present(k, text, stems)]
    missing = [k for k in kws if k not in matched]
    weight = {k: (2.0 if k in LEXICON or " " in k else 1.0) for k in kws}
    total = sum(weight.values())
    got = sum(weight[k] for k in matched)
    return MatchScore(score=round(got / total, 4), matched_keywords=matched, missing_keywords=missing)

"""Answers to custom questions and cover letters from content providers, and the privacy line.

``build_request`` is the one place that decides what a provider may see: it builds a
``ContentRequest`` from an allow-list of non-sensitive profile data (name, work, education,
skills, the applicant's own saved answers on non-sensitive topics), refuses questions on a
sensitive topic (EEO, work authorisation, sponsorship, salary, government IDs, ...) whatever
the field was mapped to, and scrubs every text it sends of the profile's sensitive values.
Sensitive fields themselves never get here: only fields mapped to ``question`` or
``cover_letter`` are offered to providers; everything else comes from the profile alone.

``ContentService`` asks the providers for the fields of one page and records every request
as a ``Disclosure`` (what was sent, to which provider, what came back) on the run.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from jobpilot.config import REVIEW_THRESHOLD
from jobpilot.engine import options as opt
from jobpilot.engine.text import norm
from jobpilot.engine.values import Resolved, current_job, resolve
from jobpilot.models.mapping import Detection, FieldMapping
from jobpilot.models.profile import Profile
from jobpilot.models.providers import ApplicantFacts, ContentRequest, KnownAnswer
from jobpilot.models.run import Disclosure, QuestionPolicy
from jobpilot.models.snapshot import Field, FormSnapshot
from jobpilot.plugins import PluginManager
from jobpilot.policy import Policy, decide, drafts, lexicon, policy_of, policy_reason
from jobpilot.vocabulary import FieldKey

log = logging.getLogger("jobpilot.content")

OFFLINE = "offline"

_SENSITIVE_EXTRA_KEYS = re.compile(
    r"ssn|social_?security|passport|national_?id|tax_?id|birth|dob|gender|race|ethnic|visa|salary",
    re.IGNORECASE,
)
_ID_NUMBER = re.compile(r"\b\d{3}-\d{2}-\d{4}\b")  # US SSN shape
REDACTED = "[withheld]"


def is_sensitive_question(text: str | None) -> bool:
    """True when a question is on the ``profile`` policy: a topic only the profile or the
    person may answer (pay, work authorisation, EEO, age, IDs, ...), judged by meaning in any
    of the mapper's languages (``jobpilot.policy``)."""
    return bool(text and text.strip()) and decide(text).policy is Policy.PROFILE


def names_sensitive_topic(text: str | None) -> bool:
    """True when a text (a saved answer, not a question) names a sensitive topic outright
    ("I will need a visa"): such an answer never goes into a provider's request."""
    return any(policy_of(topic) is Policy.PROFILE for topic, _ in lexicon.hits(text or ""))


def sensitive_values(profile: Profile) -> list[str]:
    """The profile's sensitive answers as text: none of them may appear in a request."""
    app = profile.application
    vals: list[Any] = [
        app.salary_expectation,
        app.eeo.gender,
        app.eeo.race,
        app.eeo.veteran_status,
        app.eeo.disability_status,
    ]
    # JSON Resume allows extra keys: an ID number kept in basics or application extras.
    extras = {**(profile.basics.model_extra or {}), **(profile.model_extra or {})}
    vals += [v for k, v in extras.items() if _SENSITIVE_EXTRA_KEYS.search(k)]
    vals += [
        a.answer for a in app.answers if is_sensitive_question(a.question) or names_sensitive_topic(a.answer)
    ]
    out = []
    for v in vals:
        if isinstance(v, str) and len(v.strip()) >= 3:
            out.append(v.strip())
    return sorted(set(out), key=len, reverse=True)


def redact(text: str, values: Sequence[str]) -> str:
    """``text`` with every sensitive value (whole words, any case) and ID-shaped number
    replaced by ``[withheld]``."""
    for v in values:
        text = re.sub(rf"(?<!\w){re.escape(v)}(?!\w)", REDACTED, text, flags=re.IGNORECASE)
    return _ID_NUMBER.sub(REDACTED, text)


def applicant_facts(profile: Profile) -> ApplicantFacts:
    """The allow-list: the facts a writer may use. Never contact details, never
    ``application`` answers other than years of experience."""
    b = profile.basics
    job = current_job(profile)
    loc = resolve(profile, FieldKey.LOCATION).value
    experience = []
    for w in profile.work[:6]:
        head = " at ".join(p for p in (w.position, w.name) if p)
        span = "-".join(
            p for p in ((w.startDate or "")[:4], (w.endDate or "now")[:4] if w.startDate else "") if p
        )
        line = f"{head} ({span})" if span else head
        bits = [w.summary or "", *w.highlights[:4]]
        detail = "; ".join(x.strip() for x in bits if x and x.strip())
        experience.append(f"{line}: {detail}" if detail else line)
    education = []
    for e in profile.education[:4]:
        what = " in ".join(p for p in (e.studyType, e.area) if p)
        education.append(", ".join(p for p in (what, e.institution, (e.endDate or "")[:4]) if p))
    skills: list[str] = []
    for s in profile.skills:
        for name in [s.name, *s.keywords]:
            if name and name not in skills:
                skills.append(name)
    return ApplicantFacts(
        name=b.name,
        headline=b.label,
        summary=b.summary,
        current_title=job.position if job else b.label,
        current_company=job.name if job else None,
        years_experience=profile.application.years_experience,
        location=loc if isinstance(loc, str) else None,
        skills=skills[:40],
        experience=[x for x in experience if x],
        education=[x for x in education if x],
    )


def summary_text(facts: ApplicantFacts) -> str:
    lines = [facts.name + (f", {facts.headline}" if facts.headline else "")]
    if facts.summary:
        lines.append(facts.summary)
    if facts.years_experience is not None:
        lines.append(f"{facts.years_experience} years of experience")
    if facts.experience:
        lines.append("Experience: " + " | ".join(facts.experience))
    if facts.education:
        lines.append("Education: " + " | ".join(facts.education))
    if facts.skills:
        lines.append("Skills: " + ", ".join(facts.skills))
    return "\n".join(lines)


def _scrub(value: Any, values: Sequence[str]) -> Any:
    if isinstance(value, str):
        return redact(value, values)
    if isinstance(value, list):
        return [_scrub(v, values) for v in value]
    if isinstance(value, dict):
        return {k: _scrub(v, values) for k, v in value.items()}
    return value


def build_request(
    profile: Profile,
    *,
    kind: str,
    question: str = "",
    options: Iterable[str] = (),
    field_type: str | None = None,
    max_chars: int | None = None,
    job_title: str | None = None,
    company: str | None = None,
    job_description: str | None = None,
) -> ContentRequest | None:
    """The request a provider may see, or None when the question is on the ``profile``
    policy (``jobpilot.policy``). A ``facts`` question gets ``policy="facts"``: a provider
    may only draft an answer it supports with a quote from the resume.

    This is the only function that turns profile data into provider input."""
    return _Applicant(profile).request(
        kind=kind,
        question=question,
        options=options,
        field_type=field_type,
        max_chars=max_chars,
        job_title=job_title,
        company=company,
        job_description=job_description,
    )


class _Applicant:
    """The allow-listed, scrubbed part of one profile, computed once per application."""

    def __init__(self, profile: Profile) -> None:
        facts = applicant_facts(profile)
        bank = [
            KnownAnswer(question=a.question, answer=a.answer)
            for a in profile.application.answers
            if a.answer.strip()
            and not is_sensitive_question(a.question)
            and not names_sensitive_topic(a.answer)
        ]
        self.secrets = sensitive_values(profile)
        self.part = _scrub(
            {
                "applicant_summary": summary_text(facts),
                "applicant": facts.model_dump(),
                "saved_answers": [k.model_dump() for k in bank],
            },
            self.secrets,
        )

    def request(
        self,
        *,
        kind: str,
        question: str = "",
        options: Iterable[str] = (),
        field_type: str | None = None,
        max_chars: int | None = None,
        job_title: str | None = None,
        company: str | None = None,
        job_description: str | None = None,
    ) -> ContentRequest | None:
        policy = Policy.OPEN
        if kind == "answer":
            policy = decide(question, tuple(options)).policy
            if policy is Policy.PROFILE:
                return None
        raw = {
            "kind": kind,
            "question": question,
            "options": list(options),
            "max_chars": max_chars,
            "job_title": job_title,
            "company": company,
            "job_description": (job_description or "")[:4000] or None,
            "field_type": field_type,
        }
        cleaned = _scrub(raw, self.secrets)
        # An option list must stay verbatim (the answer has to be one of them); an option
        # that was a sensitive value means the question is one only the profile may answer.
        if cleaned["options"] != raw["options"]:
            return None
        return ContentRequest.model_validate({**cleaned, **self.part, "policy": policy.value})


# --- asking providers for one page -----------------------------------------------------------


@dataclass(frozen=True)
class Generated:
    text: str
    provider: str
    quote: str | None = None
    """For a facts-policy draft: the resume words that support it."""


def option_texts(field: Field) -> list[str]:
    texts = [o.text for o in opt.real_options(field.options) if o.text.strip()]
    if not texts and field.members:
        texts = [m.label or m.value or "" for m in field.members if (m.label or m.value)]
    return texts


def _verbatim(answer: str, offered: list[str]) -> str | None:
    """The offered option the answer names (exactly, or after normalisation); None if none."""
    if answer in offered:
        return answer
    hits = [o for o in offered if norm(o) == norm(answer)]
    return hits[0] if len(hits) == 1 else None


DEFAULT_TIMEOUT_S = 90.0
"""How long ContentService waits for a provider that does not declare its own time budget."""
BUDGET_MARGIN_S = 5.0
"""Added to a provider's declared ``time_budget_s`` so its own give-up always comes first."""


class ContentService:
    """Asks the configured content provider (the offline bank first for answers: the
    applicant's own words, nothing leaves the machine) and logs every request."""

    def __init__(
        self,
        pm: PluginManager,
        profile: Profile,
        *,
        provider: str | None = OFFLINE,
        cover_letters: str = "required",
        timeout_s: float | None = None,
        on_disclosure: Callable[[Disclosure], None] | None = None,
        on_question: Callable[[QuestionPolicy], None] | None = None,
        progress: Callable[[str], None] | None = None,
    ) -> None:
        self.pm = pm
        self._on_question = on_question or (lambda _q: None)
        self.questions: dict[str, QuestionPolicy] = {}
        """Per field ref: the policy of each custom question seen, and what was sent."""
        self.profile = profile
        self.provider = provider
        self.cover_letters = cover_letters
        self.timeout_s = timeout_s
        self._disclose = on_disclosure or (lambda _d: None)
        self._progress = progress or (lambda _m: None)
        self._cache: dict[tuple[str, str, tuple[str, ...]], Generated | None] = {}
        self._generators: list[Any] | None = None

    def time_limit(self, gen: Any) -> float:
        """Seconds to wait for one answer from ``gen`` before cancelling it.

        An explicit ``timeout_s`` wins. Otherwise a provider that declares ``time_budget_s``
        (its own timeouts and retries, e.g. the OpenAI plugin) gets that plus a margin: a
        fixed limit shorter than the provider's retry budget would cancel it mid-retry and
        log an "error" where the provider would have ended with a clean "no answer".
        Providers that declare nothing get ``DEFAULT_TIMEOUT_S``."""
        if self.timeout_s is not None:
            return self.timeout_s
        budget = getattr(gen, "time_budget_s", None)
        if isinstance(budget, (int, float)) and budget > 0:
            return float(budget) + BUDGET_MARGIN_S
        return DEFAULT_TIMEOUT_S

    def generators(self) -> list[Any]:
        if self._generators is None:
            self._generators = self.pm.providers("register_content_generators")
        return self._generators

    def chain(self, kind: str, *, policy: str = "open", choice: bool = False) -> list[Any]:
        """Providers to ask, in order. None configured: nobody.

        A ``facts`` question goes to the offline bank (the applicant's own saved answers,
        matched on this machine) and, for a free-text box only, to the configured provider,
        which must quote the resume; a facts question with options is never answered by a
        model."""
        if not self.provider:
            return []
        by_name = {getattr(g, "name", ""): g for g in self.generators()}
        names = [self.provider]
        if kind == "answer" and self.provider != OFFLINE:
            names.insert(0, OFFLINE)
        if kind == "answer" and policy == Policy.FACTS.value and choice:
            names = [n for n in names if n == OFFLINE]
        found = [by_name[n] for n in names if n in by_name]
        if self.provider not in by_name:
            self._progress(f"content provider {self.provider!r} is not installed; questions are left for you")
        return found

    async def ask(
        self,
        request: ContentRequest,
        *,
        ref: str | None = None,
        field: str | None = None,
        topic: str | None = None,
    ) -> Generated | None:
        """The first good answer of the chain; every attempt is logged as a disclosure."""
        key = (request.kind, norm(request.question), tuple(request.options))
        if key in self._cache:
            return self._cache[key]
        result: Generated | None = None
        facts = request.kind == "answer" and request.policy == Policy.FACTS.value
        for gen in self.chain(request.kind, policy=request.policy, choice=bool(request.options)):
            name = str(getattr(gen, "name", type(gen).__name__))
            entry = Disclosure(
                provider=name,
                local=bool(getattr(gen, "local", False)),
                purpose=request.kind,
                ref=ref,
                field=field,
                sent=request.model_dump(mode="json"),
                policy=request.policy if request.kind == "answer" else None,
                topic=topic,
            )
            record = self.questions.get(ref or "")
            if record is not None and name not in record.sent_to:
                record.sent_to.append(name)
            try:
                text = await asyncio.wait_for(gen.generate_content(request), timeout=self.time_limit(gen))
            except Exception as exc:  # a provider failing never fails the application
                entry.outcome, entry.error = "error", f"{type(exc).__name__}: {exc}"
                self._disclose(entry)
                log.warning("content provider %s failed: %s", name, entry.error)
                continue
            text = text.strip() if isinstance(text, str) else None
            quote = None
            if text and facts and name != OFFLINE:
                checked = drafts.check(text, request)
                if isinstance(checked, str):
                    entry.outcome, entry.answer, entry.error = "rejected", text, checked
                    self._disclose(entry)
                    continue
                text, quote = checked.answer, checked.quote
            if text and request.options:
                chosen = _verbatim(text, request.options)
                if chosen is None:
                    entry.outcome, entry.answer = "rejected", text
                    entry.error = "not one of the offered options"
                    self._disclose(entry)
                    continue
                text = chosen
            if text and request.max_chars and len(text) > request.max_chars:
                text = text[: request.max_chars].rsplit(" ", 1)[0]
            if not text:
                entry.outcome = "no_answer"
                self._disclose(entry)
                continue
            entry.outcome, entry.answer = "answered", text
            self._disclose(entry)
            result = Generated(text, name, quote=quote)
            break
        self._cache[key] = result
        return result

    def wanted(
        self, field: Field, mapping: FieldMapping | None, *, saved: Callable[[Field], Any]
    ) -> str | None:
        """``answer``/``cover_letter`` when this field should be written by a provider."""
        if mapping is None or mapping.confidence < REVIEW_THRESHOLD:
            return None
        if not field.visible or field.disabled or field.readonly or (field.type or "") == "file":
            return None
        if mapping.key is FieldKey.QUESTION:
            return "answer" if saved(field) is None else None
        if mapping.key is FieldKey.COVER_LETTER:
            if not resolve(self.profile, FieldKey.COVER_LETTER).missing or field.options or field.members:
                return None
            if self.cover_letters == "always" or (self.cover_letters == "required" and field.required):
                return "cover_letter"
        return None

    async def prepare(
        self,
        snapshot: FormSnapshot,
        mappings: dict[str, FieldMapping],
        *,
        saved: Callable[[Field], Any],
        detection: Detection | None = None,
        page: Any = None,
        job_description: str | None = None,
    ) -> dict[str, Resolved]:
        """Generated values per field ref for the page's custom questions and cover letter.

        :param page: read for the job description (its visible text) when one is needed and
            ``job_description`` is not given.
        """
        todo: list[tuple[Field, str]] = []
        out: dict[str, Resolved] = {}
        # Judging runs the meaning model (CPU, and a model load the first time): off the event
        # loop, so a page, the native port or a fleet worker's lease never waits on it.
        await asyncio.to_thread(self._judge_all, snapshot.fields, mappings, saved)
        for f in snapshot.fields:
            kind = self.wanted(f, mappings.get(f.ref), saved=saved)
            record = self.questions.get(f.ref)
            if kind == "answer" and record is not None and record.policy != Policy.OPEN.value:
                # Left for the person unless answered below; the reason names the policy.
                out[f.ref] = Resolved(None, record.reason)
                if record.policy == Policy.PROFILE.value:
                    continue  # no provider at all, not even the local bank
            if kind is not None and self.provider:
                todo.append((f, kind))
        if not todo:
            return out
        title, company = job_context(snapshot, detection)
        applicant = _Applicant(self.profile)
        if job_description is None and page is not None and self.provider != OFFLINE:
            try:
                job_description = await page.text()
            except Exception as exc:  # the description only helps; never fail on it
                log.info("page text unavailable: %s", exc)
        if job_description:
            # The page's text holds the form's own labels: a profile question's wording must
            # not travel inside the job description either.
            job_description = withhold_questions(
                job_description,
                [q.field or "" for q in self.questions.values() if q.policy == Policy.PROFILE.value],
            )

        async def one(f: Field, kind: str) -> tuple[str, Resolved | None]:
            maxlen = f.attrs.get("maxlength", "")
            request = applicant.request(
                kind=kind,
                question=question_text(f),
                options=option_texts(f),
                field_type=f.type or f.tag,
                max_chars=int(maxlen) if maxlen.isdigit() and int(maxlen) > 0 else None,
                job_title=title,
                company=company,
                job_description=job_description,
            )
            record = self.questions.get(f.ref)
            if request is None:
                # An option list holding one of the profile's sensitive values.
                reason = "sensitive question: answered only from your profile"
                if record is not None:
                    record.policy, record.topic = Policy.PROFILE.value, "sensitive_option"
                    record.reason = reason
                return f.ref, Resolved(None, reason)
            got = await self.ask(request, ref=f.ref, field=f.label, topic=record.topic if record else None)
            if got is None:
                if record is not None and record.policy == Policy.FACTS.value:
                    return f.ref, Resolved(None, record.reason)
                return f.ref, None
            source = f"ai:{got.provider}"
            if record is not None:
                record.answered_by = source
                record.draft = got.quote is not None
            if got.quote is not None:
                source += f" (facts draft, quotes your resume: {got.quote!r})"
            return f.ref, Resolved(got.text, source, review=True)

        self._progress(f"asking for {len(todo)} answer(s) the profile does not hold")
        pairs = await asyncio.gather(*(one(f, k) for f, k in todo))
        out.update({ref: r for ref, r in pairs if r is not None})
        return out

    def _judge_all(
        self, fields: Iterable[Field], mappings: dict[str, FieldMapping], saved: Callable[[Field], Any]
    ) -> None:
        for f in fields:
            self._judge(f, mappings.get(f.ref), saved=saved)

    def _judge(self, f: Field, mapping: FieldMapping | None, *, saved: Callable[[Field], Any]) -> None:
        """Decide and record the policy of a custom question (once per field)."""
        if mapping is None or mapping.key is not FieldKey.QUESTION or mapping.confidence < REVIEW_THRESHOLD:
            return
        if not f.visible or f.ref in self.questions:
            return
        decision = decide(question_text(f), tuple(option_texts(f)))
        reason = decision.reason if decision.policy is Policy.OPEN else policy_reason(decision)
        found = saved(f)
        record = QuestionPolicy(
            ref=f.ref,
            field=f.label or f.aria_label or f.placeholder,
            policy=decision.policy.value,
            topic=decision.topic,
            reason=reason,
            answered_by=getattr(found, "source", None) if found is not None else None,
        )
        self.questions[f.ref] = record
        self._on_question(record)

    def drafts(self) -> list[QuestionPolicy]:
        """Facts answers a provider drafted: the person reviews them before any submit."""
        return [q for q in self.questions.values() if q.draft]


def withhold_questions(text: str, questions: Iterable[str]) -> str:
    """``text`` with each of ``questions`` (whatever the whitespace between its words)
    replaced by ``[withheld]``."""
    for q in sorted({q.strip() for q in questions if q.strip()}, key=len, reverse=True):
        words = [re.escape(w) for w in q.split()]
        text = re.sub(r"\s+".join(words), REDACTED, text, flags=re.IGNORECASE)
    return text


def question_text(f: Field) -> str:
    """The question a field asks, as its label (or aria-label, or placeholder) says it."""
    return f.label or f.aria_label or f.placeholder or ""


_SITE_SUFFIX = re.compile(r"\s*[-|–—:]\s*(careers?|jobs?|job board|hiring|recruiting).*$", re.IGNORECASE)


def job_context(snapshot: FormSnapshot, detection: Detection | None) -> tuple[str | None, str | None]:
    """(position, employer) as the page shows them."""
    parts = re.split(r"\s+[-|–—]\s+|\s+at\s+", snapshot.title or "")
    company = detection.company if detection is not None and detection.company else None
    if company is None:
        company = snapshot.meta.get("og:site_name") or (
            _SITE_SUFFIX.sub("", parts[-1]).strip() or None if len(parts) > 1 else None
        )
    title = snapshot.meta.get("og:title")
    if not title:
        title = next(
            (
                h
                for h in snapshot.headings
                if h and not re.match(r"(apply|application|personal|contact)", h, re.I)
            ),
            None,
        ) or (parts[0].strip() or None)
    return title, company


# --- the bank learns -----------------------------------------------------------------------


def with_answer(profile: Profile, *, question: str, answer: str) -> tuple[Profile, bool]:
    """The profile with ``answer`` saved for ``question``; True when it replaced an answer to
    the same question (same wording after normalisation)."""
    from jobpilot.models.profile import SavedAnswer

    if not question.strip():
        raise ValueError("the question is empty")
    updated = profile.model_copy(deep=True)
    items = updated.application.answers
    for i, a in enumerate(items):
        if norm(a.question) == norm(question):
            items[i] = SavedAnswer(question=a.question, answer=answer)
            return updated, True
    items.append(SavedAnswer(question=question.strip(), answer=answer))
    return updated, False


async def remember_answer(db: Any, profile_name: str, *, question: str, answer: str) -> str:
    """Store a corrected (or new) answer in the profile's saved answers; the offline bank
    answers the same question, in other words, from then on. Returns a message."""
    from jobpilot.errors import UsageError

    profile = await db.get_profile(profile_name)
    if profile is None:
        raise UsageError(
            f"no profile named {profile_name!r}", hint="jobpilot profile import FILE --name NAME"
        )
    try:
        updated, replaced = with_answer(profile, question=question, answer=answer)
    except ValueError as exc:
        raise UsageError(str(exc), hint="pass the question as the form asked it") from exc
    await db.save_profile(profile_name, updated)
    note = (
        " (a sensitive topic: only ever filled from your profile, never sent to a provider)"
        if is_sensitive_question(question)
        else ""
    )
    return ("corrected" if replaced else "saved") + f" the answer to {question!r}{note}"

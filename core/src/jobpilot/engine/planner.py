"""From mappings and a profile to a fill plan, and the reason for every field left out.

A plan is data: it is shown to the person before anything is typed, stored as evidence,
and executed by either transport. Confidence decides: at or above ``FILL_THRESHOLD`` a field
is filled; between the thresholds it is filled and flagged for review; below, it is left
for the person with the reason.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

from jobpilot.config import FILL_THRESHOLD, REVIEW_THRESHOLD
from jobpilot.engine import consent, countries, dates, options
from jobpilot.engine.text import norm
from jobpilot.engine.values import Resolved, resolve
from jobpilot.models.mapping import Detection, FieldMapping
from jobpilot.models.plan import Action, FileSpec, FillPlan, SkippedField
from jobpilot.models.profile import Profile
from jobpilot.models.snapshot import Field, FormSnapshot
from jobpilot.vocabulary import FieldKey

AnswerLookup = Callable[[Field], Resolved | None]

CHOICE_TYPES = {"select-one", "select-multiple", "radio", "combobox", "listbox", "list"}
TEXT_TYPES = {
    None,
    "",
    "text",
    "email",
    "tel",
    "url",
    "number",
    "search",
    "textarea",
    "date",
    "month",
    "contenteditable",
}
_SECOND_LINE = re.compile(
    r"\b(line|ligne|zeile|linea) ?(2|two|ii)\b|\baddress ?2\b|\b(apt|apartment|suite|unit|flat|"
    r"building|floor|c o|care of)\b|\badresszusatz\b|\bcomplement( d adresse)?\b|\bcomplemento\b"
)
"""A second street line (an apartment, suite, c/o), by its label (normalised text)."""
_NUMERIC = {FieldKey.YEARS_EXPERIENCE, FieldKey.SALARY_EXPECTATION}
"""Keys whose answer is a number that a form may ask as a range ("3-5 years")."""
_EEO = {
    FieldKey.EEO_GENDER,
    FieldKey.EEO_RACE,
    FieldKey.EEO_HISPANIC_LATINO,
    FieldKey.EEO_VETERAN_STATUS,
    FieldKey.EEO_DISABILITY_STATUS,
}


_POLICY_REASONS = ("sensitive question", "profile policy", "facts policy", consent.OPT_IN_REASON)
"""A question the content service left for the person says why (``jobpilot.policy``), and so
does an opt-in box the profile has no answer for (``engine.consent``)."""


def saved_answer_lookup(profile: Profile) -> AnswerLookup:
    """Answers to custom questions from the profile's saved answers, by identical wording
    (after normalisation). Matching by meaning is the content-generator plugins' job."""
    bank = {norm(a.question): (i, a.answer) for i, a in enumerate(profile.application.answers)}

    def lookup(field: Field) -> Resolved | None:
        hit = bank.get(norm(field.label))
        if hit is None:
            return None
        i, answer = hit
        return Resolved(answer, f"application.answers[{i}]")

    return lookup


def _question_left(field: Field) -> str:
    """Why a custom question with no saved answer is left: its policy when it is one a
    model may not answer (``jobpilot.policy``), else simply that nothing was saved."""
    from jobpilot.policy import Policy, decide, policy_reason

    offered = [o.text for o in options.real_options(field.options) if o.text.strip()]
    offered += [m.label or m.value or "" for m in field.members if (m.label or m.value)]
    decision = decide(field.label or field.aria_label or field.placeholder or "", tuple(offered))
    return "no saved answer" if decision.policy is Policy.OPEN else policy_reason(decision)


def _is_file(value: str) -> bool:
    """True for a path to an existing file (a letter's text is not: too long a name raises)."""
    if "\n" in value or len(value) > 1024:
        return False
    try:
        return Path(value).expanduser().is_file()
    except OSError:
        return False


def _display(key: FieldKey, value: str | bool) -> str:
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if key is FieldKey.ADDRESS_COUNTRY:
        return countries.display_name(value) or value
    return value


def _as(base: Action, kind: str, value: str, **extra: object) -> Action:
    return base.model_copy(update={"kind": kind, "value": value, **extra})


class Planner:
    def __init__(
        self,
        profile: Profile,
        *,
        resume: str | None = None,
        answers: AnswerLookup | None = None,
    ) -> None:
        self.profile = profile
        self.resume = resume
        self.answers = answers or saved_answer_lookup(profile)
        self.generated: dict[str, Resolved] = {}
        """Per field ref, what a content provider wrote for a custom question or a cover
        letter the profile has no answer for (set by the engine before ``plan``)."""

    def plan(
        self,
        snapshot: FormSnapshot,
        mappings: dict[str, FieldMapping],
        detection: Detection | None = None,
    ) -> FillPlan:
        plan = FillPlan(url=snapshot.url, ats=detection.ats if detection else None)
        for field in snapshot.fields:
            mapping = mappings.get(field.ref)
            result = self._plan_field(field, mapping)
            if isinstance(result, Action):
                plan.actions.append(result)
            elif result is not None:
                plan.skipped.append(result)
        self._street_lines(plan, {f.ref: f for f in snapshot.fields})
        return plan

    def _street_lines(self, plan: FillPlan, fields: dict[str, Field]) -> None:
        """Give each street box its own line of the address, never the same street twice.

        Forms split the street over "Address line 1" and "Address line 2" (or "Apt, suite"),
        and the vocabulary calls both ``address.street``. The profile's address has its
        lines separated by newlines (JSON Resume's convention): line 1 goes into the first
        box, the rest into a second-line box, and a box with no line left stays empty
        rather than repeating the street."""
        street = [a for a in plan.actions if a.key is FieldKey.ADDRESS_STREET and a.kind == "fill"]
        if not street or not isinstance(street[0].value, str):
            return
        address = str(resolve(self.profile, FieldKey.ADDRESS_STREET).value or "")
        lines = [line.strip() for line in address.split("\n") if line.strip()]
        second = [a for a in street if _SECOND_LINE.search(norm(a.label))]
        second_ids = {id(a) for a in second}
        first = [a for a in street if id(a) not in second_ids]
        values: dict[int, str | None] = {}
        if first:
            values[id(first[0])] = lines[0] if second else ", ".join(lines)
            for extra in first[1:]:
                values[id(extra)] = None  # another box with the same question: leave it
        rest = ", ".join(lines[1:])  # a second-line box never takes line 1, even alone
        for i, a in enumerate(second):
            values[id(a)] = rest if i == 0 and rest else None
        kept: list[Action] = []
        for a in plan.actions:
            if id(a) not in values:
                kept.append(a)
            elif values[id(a)]:
                kept.append(a.model_copy(update={"value": values[id(a)]}))
            else:
                reason = (
                    "the profile's address has no further line"
                    if id(a) in second_ids
                    else "the street is filled in the box above"
                )
                plan.skipped.append(self._skip(fields[a.ref or ""], a.key, reason))
        plan.actions = kept

    # --- one field ---------------------------------------------------------------------

    def _skip(self, field: Field, key: FieldKey | None, reason: str) -> SkippedField:
        return SkippedField(ref=field.ref, label=field.label, key=key, required=field.required, reason=reason)

    def _plan_field(self, field: Field, mapping: FieldMapping | None) -> Action | SkippedField | None:
        if not field.visible:
            return None
        if mapping is None or mapping.key is FieldKey.UNKNOWN:
            if field.required:
                return self._skip(field, None, "not recognised")
            return None
        key = mapping.key
        if mapping.confidence < REVIEW_THRESHOLD:
            return self._skip(field, key, f"low confidence ({mapping.confidence:.2f}) for {key}")
        if field.disabled or (field.readonly and field.type != "combobox"):
            return None
        resolved = self._resolve(field, key)
        base = Action(
            kind="fill",
            ref=field.ref,
            frame=field.frame,
            key=key,
            label=field.label,
            confidence=mapping.confidence,
            review=mapping.confidence < FILL_THRESHOLD,
        )
        if resolved is None or resolved.missing:
            if key in _EEO and field.options:
                choice = options.choose_decline(field.options)
                if choice is not None:
                    return _as(base, "select", choice.option.text, source="decline to answer", sensitive=True)
            reason = _question_left(field) if key is FieldKey.QUESTION else "the profile has no answer"
            if resolved is not None and resolved.source.startswith(_POLICY_REASONS):
                reason = resolved.source
            return self._skip(field, key, reason)
        base = base.model_copy(
            update={
                "source": resolved.source,
                "sensitive": resolved.sensitive,
                "review": base.review or resolved.review,
            }
        )
        return self._action(field, key, resolved, base)

    def _resolve(self, field: Field, key: FieldKey) -> Resolved | None:
        if key is FieldKey.QUESTION:
            return self.answers(field) or self.generated.get(field.ref)
        if key is FieldKey.RESUME and self.resume:
            return Resolved(self.resume, "--resume")
        if key is FieldKey.CONSENT:
            return consent.resolve(self.profile, " ".join([field.label or "", *field.labels.values()]))
        found = resolve(self.profile, key)
        if found.missing and key is FieldKey.COVER_LETTER:
            return self.generated.get(field.ref, found)
        return found

    def _action(self, field: Field, key: FieldKey, resolved: Resolved, base: Action) -> Action | SkippedField:
        value = resolved.value
        assert value is not None
        ftype = field.type or ""
        if ftype == "file":
            path = Path(str(value)).expanduser()
            if isinstance(value, bool) or not path.is_file():
                return self._skip(field, key, "no file to upload")
            return base.model_copy(
                update={"kind": "upload", "file": FileSpec(path=str(path), name=path.name)}
            )
        if key is FieldKey.RESUME:
            # A resume text box ("paste your resume", Greenhouse's "Enter manually"): the
            # profile's resume is a file, and its path is not an answer.
            return self._skip(field, key, "the resume is a file; this box asks for its text")
        if ftype == "checkbox" and not field.members:
            if not isinstance(value, bool):
                return self._skip(field, key, "a single checkbox needs a yes/no answer")
            return _as(base, "check", "true" if value else "false")
        if ftype in CHOICE_TYPES or field.members or field.options:
            return self._choice(field, key, value, base)
        if ftype in ("date", "month") and not isinstance(value, bool):
            return self._date(field, key, value, base, month=ftype == "month")
        if ftype in TEXT_TYPES or field.tag in ("input", "textarea"):
            if key is FieldKey.COVER_LETTER and _is_file(str(value)):
                text = Path(str(value)).expanduser().read_text("utf-8", errors="replace")
                return _as(base, "fill", text)
            return _as(base, "fill", _display(key, value))
        return self._skip(field, key, f"cannot fill a {field.tag} ({ftype or 'no type'})")

    def _date(
        self, field: Field, key: FieldKey, value: str, base: Action, *, month: bool
    ) -> Action | SkippedField:
        """A date box takes only a date: the profile's ISO date, or one computed from a
        notice period ("2 weeks notice" -> today + 14 days), then flagged for review."""
        found = dates.from_answer(value, today=date.today())
        if found is None:
            return self._skip(field, key, f"{value!r} is not a date this box accepts")
        when, computed = found
        text = when.strftime("%Y-%m" if month else "%Y-%m-%d")
        if not computed:
            return _as(base, "fill", text)
        return _as(base, "fill", text, review=True, source=f"{base.source} (computed from {value!r})")

    def _choice(self, field: Field, key: FieldKey, value: str | bool, base: Action) -> Action | SkippedField:
        opts = field.options
        if not options.real_options(opts):
            # Options load on demand (async comboboxes): the DOM layer types the text and
            # accepts only an exact match, so pass the display text.
            return _as(base, "select", _display(key, value))
        choice: options.Choice | None
        if isinstance(value, bool):
            choice = options.choose_yes_no(value, opts)
        elif key is FieldKey.ADDRESS_COUNTRY:
            choice = options.choose_country(value, opts)
        elif key is FieldKey.EDUCATION_DEGREE and options.degree_of(value) is not None:
            # never the phrase rule: "Bachelor" is not "Bachelor of Arts"
            choice = options.choose_degree(value, opts)
        else:
            choice = options.choose_text(value, opts)
            if choice is None and key in _NUMERIC:
                choice = options.choose_number(value, opts)
            if choice is None and key is FieldKey.START_DATE:
                choice = options.choose_contained(value, opts)
        if choice is None:
            shown = _display(key, value)
            return self._skip(field, key, f"no option matches {shown!r}")
        return _as(base, "select", choice.option.text)

"""Weigh the signals of one field into one (key, confidence, reason).

Precision comes first: a wrong key types a wrong value into a real application, which is
worse than leaving a box for the person. So:

* traps (honeypots, captcha tokens, search boxes, cookie and newsletter opt-ins, passwords)
  are settled before anything else, as ``unknown``;
* sources are trusted in order: a real ``autocomplete`` token, the label, name/id/test-hook
  tokens, the placeholder, the option set;
* two strong sources that disagree lower the confidence into the review band instead of one
  silently winning;
* a labelled control that names no vocabulary key is a ``question`` (answered from saved
  answers or by an AI plugin), never a guess at the nearest key.

Confidence scale (the engine's): >= 0.85 fill, 0.6-0.85 fill and flag, < 0.6 unknown.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from dataclasses import field as dc_field

from jobpilot.models.snapshot import Field, FormSnapshot
from jobpilot.vocabulary import FieldKey as K

from jobpilot_ats_generic import evidence as E
from jobpilot_ats_generic import patterns as P
from jobpilot_ats_generic import signals as S
from jobpilot_ats_generic.facts import ALL_LABEL_RULES

MIN_CONFIDENCE = 0.6
"""Below this the engine treats a mapping as unknown; such guesses are not emitted."""

_NON_ANSWERS = frozenset({K.QUESTION, K.UNKNOWN})
_LABEL_SOURCES_WEAK = frozenset({"placeholder", "title", "preceding", "table", "dl"})


@dataclass(frozen=True)
class Decision:
    key: K
    confidence: float
    reason: str
    basis: str = "label"
    """Which kind of evidence decided (``label``, ``autocomplete``, ``name``, ``options``,
    ``fallback``, ``disagree``, ``hidden``, ``context`` ...): what calibration is kept per."""
    evidence: str = ""
    """Why the evidence is thin, if it is (``noun``, ``near-miss``, ``statement``, ``clause``,
    ``foreign``: see :mod:`jobpilot_ats_generic.evidence`); '' for evidence of a measured kind.
    A tagged decision is calibrated as its own class and stays in the review band."""


@dataclass(frozen=True)
class Hit:
    """One source's opinion."""

    key: K
    confidence: float
    reason: str
    basis: str = "label"
    clause: bool = False
    """A long label's first clause alone decided."""


@dataclass
class PageContext:
    """Facts about the whole page that change what one label means."""

    has_first_name: bool = False
    has_last_name: bool = False
    has_address_parts: bool = False
    """A visible street-line or city box is on the page: then "Address" is the street line.
    A post code alone does not count (forms ask it beside a single location box)."""
    lang: str = ""
    """The page's language (primary subtag of ``lang``), '' when the page does not say."""
    notes: list[str] = dc_field(default_factory=list)

    @classmethod
    def from_snapshot(cls, snapshot: FormSnapshot) -> PageContext:
        ctx = cls(lang=E.page_language(snapshot.lang))
        first_like = {K.FIRST_NAME}
        last_like = {K.LAST_NAME}
        parts = {K.ADDRESS_CITY, K.ADDRESS_STREET}
        from jobpilot_ats_generic.context import section_names_another_party

        for f in snapshot.fields:
            if _is_template(f) or section_names_another_party(f):
                continue  # a prototype row, or an employer's / a reference's address
            kind = S.control_kind(f)
            for text in _label_texts(f):
                for v in S.label_variants(S.normalise(text)):
                    if v in ("prenom", "vorname"):
                        ctx.has_first_name = True
                    if v in ("apellido", "apellidos", "nachname", "nom de famille"):
                        ctx.has_last_name = True
                    hit = _first_rule(ALL_LABEL_RULES, v, {kind})
                    if hit is None:
                        continue
                    if hit.key in first_like:
                        ctx.has_first_name = True
                    if hit.key in last_like:
                        ctx.has_last_name = True
                    if f.visible and hit.key in parts and hit.why != P.WHOLE_ADDRESS:
                        ctx.has_address_parts = True
        return ctx


_ACCNAME_ORDER = ("aria-labelledby", "aria-label", "for", "wrap", "legend")
"""Label sources in the order the accessible-name computation trusts them: an author's
``aria-label`` names the control itself, while a wrapping label may also hold option text."""


def _label_texts(field: Field) -> list[str]:
    """Label texts of a field, best first, without duplicates, placeholders or widget text.

    A question-shaped section heading goes first when the label itself is only nearby prose
    (form builders put the question in a heading and a remark under it).
    """
    by_source = {k: v for k, v in field.labels.items() if k != "placeholder"}
    candidates: list[str | None] = [by_source.pop(k, None) for k in _ACCNAME_ORDER]
    own = next((c for c in candidates[:4] if c), None)
    legend = field.labels.get("legend")
    # A part named under its group ("First" / "Last" under "Name", "Year" under
    # "Graduation"): the question is the two read together.
    if (
        own
        and legend
        and not field.members
        and S.word_count(S.normalise(own)) <= 2
        and S.normalise(own) not in S.normalise(legend)
    ):
        candidates.insert(0, f"{own} {legend}")
    candidates.extend(by_source.values())
    if (field.label_source or "") != "placeholder":
        candidates.append(field.label)
    candidates.extend([field.aria_label, field.title])
    weak = (field.label_source or "") in _LABEL_SOURCES_WEAK or not field.label
    if weak and field.section and S.asks(field.section) and not S.asks(field.label):
        candidates.insert(0, field.section)
    seen: set[str] = set()
    out: list[str] = []
    for c in candidates:
        text = _untranslated((c or "").strip())
        if not text or text in seen or P.GENERIC_LABEL.match(S.normalise(text)):
            continue
        if P.TEMPLATE_MARKUP.search(text):
            continue
        seen.add(text)
        out.append(text)
    return out


def _untranslated(text: str) -> str:
    """A label still showing its translation key reads as the key's words."""
    m = P.I18N_KEY.match(text)
    return m.group(1).replace("_", " ").lower() if m else text


def _is_template(field: Field) -> str | None:
    """Which machine name shows unrendered template syntax, if any.

    Only names, ids and options count: a prototype row the page clones has them
    (``name="answer_{{question.id}}"``). A *label* with a binding in it
    (``{{candidate.resume.file_name}}``) belongs to a real field whose text was not rendered
    in the capture; that label is ignored instead (see :func:`_label_texts`).
    """
    for source, raw in (("name", field.name), ("id", field.id)):
        if raw and P.TEMPLATE_MARKUP.search(raw):
            return f"{source}={raw[:40]}"
    for o in field.options[:3]:
        if P.TEMPLATE_MARKUP.search(o.text or ""):
            return f"option={o.text[:40]}"
    return None


def _first_rule(
    rules: list[P.Rule], text: str, kinds: set[str], *, asks: bool = False
) -> P.Rule | None:
    if not text:
        return None
    for r in rules:
        if any(r.matches(text, k, asks=asks) for k in kinds):
            return r
    return None


def _kinds(field: Field) -> tuple[str, set[str]]:
    kind = S.control_kind(field)
    kinds = {kind}
    if S.is_combobox(field) or (kind == P.TEXT and field.options):
        kinds.add(P.CHOICE)
    return kind, kinds


def _short(text: str, n: int = 40) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


# --- the steps ---------------------------------------------------------------------------


def _trap(
    field: Field, labels: list[str], names: list[tuple[str, str]], kinds: set[str]
) -> Hit | None:
    t = (field.type or "").lower()
    role = (field.attrs.get("role") or "").lower()
    template = _is_template(field)
    if template is not None:
        return Hit(K.UNKNOWN, 0.97, f"unrendered template: {template}", "trap")
    if t == "password":
        return Hit(K.UNKNOWN, 0.97, "type=password", "trap")
    if t == "search" or role == "searchbox":
        return Hit(K.UNKNOWN, 0.95, f"type={t or role}", "trap")
    for text in labels:
        r = _first_rule(P.HARD_TRAP_RULES, S.normalise(text), kinds)
        if r is not None:
            return Hit(K.UNKNOWN, r.confidence, f"{r.why}: label~'{_short(S.normalise(text))}'", "trap")
    section = S.normalise(field.section)
    if section and P.SECTION_TRAP.search(section):
        return Hit(K.UNKNOWN, 0.9, f"not the application: section '{_short(field.section or '')}'", "trap")
    chrome = S.chrome_evidence(field)
    if chrome is not None and not field.required:
        return Hit(K.UNKNOWN, 0.85, f"job-search/listing chrome: {chrome}", "trap")
    best = labels[0] if labels else (field.placeholder or "")
    r = _first_rule(P.SOFT_TRAP_RULES, S.normalise(best), kinds)
    if r is not None:
        # A searchable picker that shows the chosen "+44" is the country-code picker itself;
        # the empty search box inside an open country list is not.
        if field.visible and field.value and P.DIAL_VALUE.match(field.value):
            return Hit(K.ADDRESS_COUNTRY, 0.8, f"phone country-code picker (label '{best}')")
        return Hit(K.UNKNOWN, r.confidence, f"{r.why}: label~'{_short(S.normalise(best))}'", "trap")
    for source, raw in S.wrapper_sources(field) + S.wrapper_classes(field):
        r = _first_rule(P.ANCESTOR_TRAP_RULES, S.name_text(raw), kinds)
        if r is not None:
            return Hit(K.UNKNOWN, r.confidence, f"{r.why}: {source}={_short(raw, 50)}", "trap")
    for source, raw in names:
        nt = S.name_text(raw)
        r = _first_rule(P.TRAP_NAME_RULES, nt, kinds)
        if r is None:
            # The raw value too: "hp_7f2b" tokenises to "hp", "g-recaptcha-response" whole.
            r = _first_rule(P.TRAP_NAME_RULES, S.normalise(raw), kinds)
        if r is not None:
            return Hit(K.UNKNOWN, r.confidence, f"{r.why}: {source}={raw}", "trap")
    if not field.visible:
        for source, raw in names:
            if P.HIDDEN_TRAP_NAMES.match(S.normalise(raw)):
                return Hit(K.UNKNOWN, 0.9, f"hidden field named like a honeypot: {source}={raw}", "trap")
        if not labels and not field.placeholder and kind_is_typed(kinds):
            # Hidden, and nothing a person could read tells what it is: real fields hidden
            # behind custom widgets carry a label; traps for bots carry only a name.
            return Hit(K.UNKNOWN, 0.85, "hidden text box with no label (honeypot shape)", "trap")
    return None


def kind_is_typed(kinds: set[str]) -> bool:
    return P.TEXT in kinds or P.AREA in kinds


def _education_date(field: Field, labels: list[str], names: list[tuple[str, str]]) -> Hit | None:
    """Month/year boxes of an education entry: end year = graduation year, else no key.

    Unlabelled month/year selects are described by their wrapper ("education history end
    date") and their options (only months, only years).
    """
    wrappers = " ".join(S.name_text(raw) for _, raw in S.wrapper_sources(field))
    where = S.normalise(S.context_text(field) + " " + " ".join(raw for _, raw in names))
    if not P.EDUCATION_CONTEXT.search(where + " " + wrappers):
        return None
    if labels:
        label = S.normalise(labels[0])
        if S.word_count(label) > 5:
            return None
    else:
        label = f"{wrappers} {S.date_part(field)}".strip()
    if not re.search(r"\b(month|year|date|from|to)\b", label):
        return None
    if P.EDUCATION_END_YEAR.search(label):
        return Hit(K.EDUCATION_GRADUATION_YEAR, 0.8, f"education end year: '{_short(label)}'")
    return Hit(K.QUESTION, 0.75, f"education date part: '{_short(label)}'")


_NAME_PARTS: dict[str, K] = {
    "first": K.FIRST_NAME, "given": K.FIRST_NAME, "last": K.LAST_NAME, "family": K.LAST_NAME,
    "middle": K.MIDDLE_NAME, "vorname": K.FIRST_NAME, "nachname": K.LAST_NAME,
}


def _name_part(
    field: Field, labels: list[str], names: list[tuple[str, str]], ctx: PageContext
) -> Hit | None:
    """"First" / "Last" / "Middle" as the label of one box of a name group (form builders
    label the parts and name the group in a wrapper or the input's name)."""
    if not labels or S.control_kind(field) != P.TEXT:
        return None
    word = S.normalise(labels[0])
    key = _NAME_PARTS.get(word)
    if key is None:
        return None
    hooks = names + S.wrapper_sources(field, 3) + S.wrapper_classes(field, 3)
    hooks.append(("class", field.attrs.get("class", "")))
    words = " ".join(S.name_text(raw) for _, raw in hooks)
    if re.search(r"\bname\b", words):
        return Hit(key, 0.85, f"name part '{word}' of a name group")
    if key == K.MIDDLE_NAME and ctx.has_first_name and ctx.has_last_name:
        return Hit(key, 0.8, "'middle' beside first and last name boxes")
    return None


def _label_hit(field: Field, labels: list[str], kinds: set[str], ctx: PageContext) -> Hit | None:
    for i, raw in enumerate(labels):
        weaken = 0.0 if i == 0 else 0.04
        if i == 0 and (field.label_source or "") in _LABEL_SOURCES_WEAK:
            weaken = 0.05
        asks = S.asks(raw)
        variants = S.label_variants(S.normalise(raw))
        lead = S.first_clause(raw)
        if lead is not None:
            # A long label is a question plus its fine print: the question decides; the
            # fine print ("...entitled to disability compensation") only if it does not.
            variants = [S.normalise(lead), *variants]
        for j, v in enumerate(variants):
            special = _special_label(v, kinds, ctx)
            if special is not None:
                return Hit(special.key, special.confidence - weaken, special.reason)
            r = _first_rule(ALL_LABEL_RULES, v, kinds, asks=asks)
            if r is not None:
                clause = lead is not None and j == 0 and r.key not in _NON_ANSWERS
                return Hit(r.key, r.confidence - weaken, f"label~'{_short(v)}' ({r.why})", clause=clause)
    return None


def _later_question_decided(label: str, key: K, kinds: set[str]) -> bool:
    """A label of several questions ("Are you based in Dallas? If not, would you relocate?")
    whose key comes from a later one: the answer box answers the first."""
    if key in _NON_ANSWERS or label.count("?") < 2:
        return False
    first = S.normalise(label[: label.index("?") + 1])
    r = _first_rule(ALL_LABEL_RULES, first, kinds, asks=True)
    return r is None or r.key != key


def _special_label(text: str, kinds: set[str], ctx: PageContext) -> Hit | None:
    """Labels whose meaning depends on the rest of the page."""
    if P.TEXT not in kinds:
        return None
    if text in P.AMBIGUOUS_NAMES:
        with_partner, partner, alone = P.AMBIGUOUS_NAMES[text]
        has_partner = ctx.has_first_name if partner == K.FIRST_NAME else ctx.has_last_name
        if has_partner:
            return Hit(with_partner, 0.88, f"label~'{text}' beside {partner.value}")
        return Hit(alone, 0.7, f"label~'{text}' alone")
    if P.ADDRESS_ALONE.match(text):
        if ctx.has_address_parts:
            return Hit(K.ADDRESS_STREET, 0.82, f"label~'{text}' with city/post code boxes")
        return Hit(K.LOCATION, 0.8, f"label~'{text}' alone (one place box)")
    return None


def _name_hit(names: list[tuple[str, str]], kinds: set[str]) -> Hit | None:
    for source, raw in names:
        nt = S.name_text(raw)
        r = _first_rule(P.NAME_RULES, nt, kinds)
        if r is not None:
            return Hit(r.key, r.confidence, f"{source}={_short(raw, 50)}", "name")
    return None


def _upload_under_heading(field: Field, kinds: set[str]) -> Hit | None:
    """An upload button with no words of its own ("Upload file") asks what its heading says:
    "Cover letter" -> the cover letter; "Please attach work samples" -> a question. A heading
    that neither names a document nor asks (a job title) says nothing."""
    section = (field.section or "").strip()
    if not section:
        return None
    text = S.normalise(section)
    r = _first_rule(ALL_LABEL_RULES, text, kinds)
    if r is not None and r.key in (K.RESUME, K.COVER_LETTER, K.QUESTION, K.UNKNOWN):
        why = f"upload under the heading '{_short(text)}'"
        return Hit(r.key, min(r.confidence, 0.85) - 0.05, why, "heading")
    if S.asks(section) or P.QUESTION_SHAPE.search(text):
        return Hit(K.QUESTION, 0.75, f"upload asked for by the heading '{_short(text)}'", "heading")
    return None


def _fallback(
    field: Field, labels: list[str], names: list[tuple[str, str]], kind: str
) -> Hit | None:
    """A control no source maps to a key: a real question, page chrome, or nothing."""
    if not labels:
        name_words = " ".join(S.name_text(raw) for _, raw in names)
        if P.CHROME_NAME.search(name_words) or (
            field.placeholder and P.CHROME_NAME.search(S.normalise(field.placeholder))
        ):
            return Hit(K.UNKNOWN, 0.85, f"page chrome: {name_words or field.placeholder}", "trap")
        return None
    label = labels[0]
    norm = S.normalise(label)
    if len(norm) < 2:
        return None
    shaped = S.asks(label) or bool(P.QUESTION_SHAPE.search(norm))
    if not field.visible and not (shaped or field.required):
        return Hit(K.UNKNOWN, 0.7, "hidden, no signal", "trap")
    legend = field.labels.get("legend") or ""
    if kind == P.CHECK and not field.members and legend and legend != label and (
        S.asks(legend) or P.QUESTION_SHAPE.search(S.normalise(legend))
    ):
        # One box of a "select any of the following" list: an option of the question its
        # group asks, not a statement of its own to agree to.
        return Hit(K.QUESTION, 0.75, f"an option of the question '{_short(S.normalise(legend))}'", "fallback")
    if kind == P.CHECK and not shaped and S.word_count(norm) >= 6:
        return Hit(K.CONSENT, 0.65, f"statement to tick: label~'{_short(norm)}'", "fallback")
    if kind in (P.CHOICE, P.AREA, P.CHECK):
        conf = 0.82
    elif kind == P.FILE:
        conf = 0.78
    else:
        conf = 0.8 if shaped else 0.72
    if not field.visible:
        conf -= 0.08
    return Hit(K.QUESTION, conf, f"labelled question: '{_short(norm)}'", "fallback")


def classify(field: Field, ctx: PageContext | None = None) -> Decision | None:
    """Decide one field. None means "no opinion" (the engine leaves it alone)."""
    ctx = ctx or PageContext()
    kind, kinds = _kinds(field)
    labels = _label_texts(field)
    names = S.name_sources(field)

    trap = _trap(field, labels, names, kinds)
    if trap is not None:
        return Decision(trap.key, trap.confidence, trap.reason, "trap")

    label_hit = _education_date(field, labels, names)
    if label_hit is None:
        label_hit = _name_part(field, labels, names, ctx)
    if label_hit is None and labels:
        label_hit = _label_hit(field, labels, kinds, ctx)
        if label_hit is not None and _later_question_decided(labels[0], label_hit.key, kinds):
            label_hit = dataclasses.replace(label_hit, clause=True)
    ac = S.autocomplete_key(field)
    name_hit = _name_hit(names, kinds)
    if name_hit is None:
        wrapped = _name_hit(S.wrapper_sources(field, 4), kinds)
        if wrapped is not None:
            name_hit = Hit(wrapped.key, wrapped.confidence - 0.07, wrapped.reason, "name")
    opt = S.option_set_key(field)
    ph_hit = None
    if label_hit is None and field.placeholder:
        r = _first_rule(ALL_LABEL_RULES, S.normalise(_untranslated(field.placeholder)), kinds)
        if r is not None:
            why = f"placeholder~'{_short(field.placeholder)}'"
            ph_hit = Hit(r.key, r.confidence - 0.12, why, "placeholder")

    hit = _combine(field, kind, label_hit, ac, name_hit, opt, ph_hit, labels)
    if hit is None and not labels and kind == P.FILE:
        hit = _upload_under_heading(field, kinds)
    if hit is None:
        hit = _fallback(field, labels, names, kind)
    if hit is None:
        return None
    hit = _shape_check(field, kind, hit, labels)
    conf, basis = hit.confidence, hit.basis
    if not field.visible and hit.key not in _NON_ANSWERS:
        conf, basis = conf - 0.1, "hidden"
    corroborated = (ac is not None and ac[0] == hit.key) or (name_hit is not None and name_hit.key == hit.key)
    tag = "" if corroborated else E.thin(
        field, labels[0] if labels else "", hit.key, basis, kind, lang=ctx.lang, clause=hit.clause
    )
    limit = E.cap(tag)
    if limit is not None:
        conf = min(conf, limit)
    conf = round(max(0.0, min(conf, 0.99)), 3)
    if hit.key != K.UNKNOWN and conf < MIN_CONFIDENCE:
        return None
    return Decision(hit.key, conf, hit.reason + (f" [thin evidence: {tag}]" if tag else ""), basis, tag)


_YES_NO_KEYS = frozenset(
    {
        K.WORK_AUTHORIZED, K.REQUIRES_SPONSORSHIP, K.WILLING_TO_RELOCATE, K.CONSENT,
        K.EEO_GENDER, K.EEO_RACE, K.EEO_HISPANIC_LATINO, K.EEO_VETERAN_STATUS,
        K.EEO_DISABILITY_STATUS,
    }
)
"""Keys answered by a choice (yes/no, an option): a free-text box never takes them."""


_PLACE_KEYS = frozenset(
    {K.ADDRESS_REGION, K.ADDRESS_COUNTRY, K.ADDRESS_CITY, K.LOCATION, K.ADDRESS_POSTAL_CODE}
)


def _shape_check(field: Field, kind: str, hit: Hit, labels: list[str]) -> Hit:
    """Keys whose answer cannot have this control's shape.

    * A free-text follow-up ("If so, please explain ...", "If yes, give details") to a
      yes/no question mentions the yes/no fact but asks for prose: a ``question``.
    * A yes/no (or a lone tick box) about a salary acknowledges a range; an amount cannot
      be ticked, so it is not ``salary_expectation``.
    * A yes/no about a place ("Do you live in the State of Washington?") is not the place.
    """
    label = S.normalise(labels[0]) if labels else ""
    if kind in (P.TEXT, P.AREA) and hit.key in _YES_NO_KEYS and P.FOLLOW_UP.search(label):
        return Hit(K.QUESTION, 0.8, f"free-text follow-up: '{_short(label)}' (not {hit.key.value})", "shape")
    if hit.key in _PLACE_KEYS and kind in (P.CHOICE, P.CHECK) and (kind == P.CHECK or S.is_yes_no(field)):
        return Hit(K.QUESTION, 0.8, f"yes/no about a place: '{_short(label)}' (not {hit.key.value})", "shape")
    if hit.key == K.START_DATE and kind == P.CHOICE and S.is_yes_no(field):
        why = f"yes/no about availability: '{_short(label)}' (not a date)"
        return Hit(K.QUESTION, 0.8, why, "shape")
    if hit.key == K.SALARY_EXPECTATION and (kind == P.CHECK or (kind == P.CHOICE and S.is_yes_no(field))):
        why = f"yes/no about pay: '{_short(label)}' (a range acknowledged, not an amount)"
        return Hit(K.QUESTION, 0.8, why, "shape")
    return hit


def _combine(
    field: Field,
    kind: str,
    label_hit: Hit | None,
    ac: tuple[K, str] | None,
    name_hit: Hit | None,
    opt: S.OptionSignal | None,
    ph_hit: Hit | None,
    labels: list[str],
) -> Hit | None:
    if ac is not None:
        ac_key, token = ac
        ac_reason = f"autocomplete={token}"
        if ac_key == K.UNKNOWN:
            return Hit(K.UNKNOWN, 0.95, ac_reason, "trap")
        if label_hit is None or label_hit.key == ac_key:
            conf = 0.97 if label_hit is not None else 0.9
            reason = ac_reason + (f", {label_hit.reason}" if label_hit else "")
            if label_hit is None and name_hit is not None and name_hit.key == ac_key:
                conf, reason = 0.95, f"{ac_reason}, {name_hit.reason}"
            return Hit(ac_key, conf, reason, "autocomplete")
        # A place autocomplete asking for a street address is the applicant's location box.
        if ac_key == K.ADDRESS_STREET and label_hit.key == K.LOCATION and S.is_combobox(field):
            return Hit(K.LOCATION, 0.8, f"{label_hit.reason}; place autocomplete ({ac_reason})")
        if label_hit.key == K.QUESTION:
            return Hit(K.QUESTION, 0.7, f"{label_hit.reason}; disagrees with {ac_reason}", "disagree")
        if label_hit.confidence >= 0.88:
            return Hit(label_hit.key, 0.7, f"{label_hit.reason}; disagrees with {ac_reason}", "disagree")
        return Hit(ac_key, 0.7, f"{ac_reason}; disagrees with {label_hit.reason}", "disagree")

    if label_hit is not None and label_hit.key == K.PHONE and S.is_dial_picker(field):
        return Hit(K.ADDRESS_COUNTRY, 0.82, f"{label_hit.reason}; but a country-code picker")
    if label_hit is not None:
        conf, reason, basis = label_hit.confidence, label_hit.reason, label_hit.basis
        if label_hit.key not in _NON_ANSWERS:
            if name_hit is not None and name_hit.key not in _NON_ANSWERS:
                if name_hit.key == label_hit.key:
                    conf, reason = conf + 0.04, f"{reason}, {name_hit.reason}"
                else:
                    conf -= 0.08
                    reason = f"{reason}; {name_hit.reason} says {name_hit.key.value}"
                    basis = "disagree"
            if opt is not None:
                if opt.key == label_hit.key:
                    conf, reason = conf + 0.03, f"{reason}, {opt.why}"
                elif opt.key != K.EDUCATION_DEGREE:
                    conf, reason = conf - 0.12, f"{reason}; {opt.why} says {opt.key.value}"
                    basis = "disagree"
        return Hit(label_hit.key, conf, reason, basis, clause=label_hit.clause)

    label_norm = S.normalise(labels[0]) if labels else ""
    long_question = bool(labels) and (S.asks(labels[0]) or S.word_count(label_norm) >= 6)
    if name_hit is not None:
        conf, reason = name_hit.confidence, name_hit.reason
        if opt is not None and opt.key == name_hit.key:
            conf, reason = conf + 0.05, f"{reason}, {opt.why}"
        if long_question and name_hit.key not in _NON_ANSWERS:
            conf -= 0.1
        return Hit(name_hit.key, conf, reason, "name")
    if ph_hit is not None:
        return ph_hit
    if opt is not None:
        conf = opt.confidence - (0.05 if labels else 0.0)
        return Hit(opt.key, conf, opt.why, "options")
    return None

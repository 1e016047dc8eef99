"""Loading the option lists of Greenhouse's react-select questions before planning.

A react-select renders its options only while its menu is open, and Greenhouse loads some
lists from its servers when the menu first opens (degrees, disciplines). A snapshot of the
closed form therefore shows every dropdown with no options, and the planner could only type
the profile's text and hope for an identical option. That fails where Greenhouse's wording
differs from the profile's (the phone country picker offers "United States +1"; an EEO
question the applicant left unanswered needs its "decline" option). So the flow opens each
such dropdown once, reads its options from a snapshot, closes it again, and plans those
fields with the real options: the planner's own rules (country names, yes/no, synonyms,
"decline") then choose, and never guess.

Type-to-search pickers (``#candidate-location``, ``#school--N``) have no list until the
person types: they are left to the DOM layer, which types the profile's value and accepts
only an identical suggestion.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Callable

from jobpilot.config import REVIEW_THRESHOLD
from jobpilot.engine.values import Resolved, resolve
from jobpilot.models.mapping import FieldMapping
from jobpilot.models.plan import Action
from jobpilot.models.profile import Profile
from jobpilot.models.snapshot import Field, FormSnapshot, Option
from jobpilot.page import Page
from jobpilot.vocabulary import FieldKey

TYPE_TO_SEARCH = re.compile(r"^(candidate-location|school--\d+)$")
"""Greenhouse pickers whose options come from a search as the person types."""

_EEO = frozenset(
    {
        FieldKey.EEO_GENDER,
        FieldKey.EEO_RACE,
        FieldKey.EEO_HISPANIC_LATINO,
        FieldKey.EEO_VETERAN_STATUS,
        FieldKey.EEO_DISABILITY_STATUS,
    }
)

OPEN_TIMEOUT_S = 3.0
"""How long a menu may take to show its options (lists fetched on first open)."""

AnswerFn = Callable[[Field], Resolved | None]


def is_react_select(field: Field) -> bool:
    """A react-select input (Greenhouse's ``.select__input`` inside ``.select__control``)."""
    if field.type != "combobox" or field.tag != "input":
        return False
    classes = field.attrs.get("class", "")
    return "select__input" in classes or any("select__control" in a.get("class", "") for a in field.ancestors)


def needs_options(
    field: Field, mapping: FieldMapping | None, profile_value: Callable[[Field, FieldKey], Resolved | None]
) -> bool:
    """Whether opening this dropdown could change what gets chosen: a mapped, visible,
    closed react-select with something to choose (a profile value, a saved answer, or an
    EEO question the applicant left unanswered, which gets its "decline" option)."""
    if not field.visible or field.disabled or field.options or not is_react_select(field):
        return False
    if TYPE_TO_SEARCH.match(field.id or ""):
        return False
    if mapping is None or mapping.key is FieldKey.UNKNOWN or mapping.confidence < REVIEW_THRESHOLD:
        return False
    if mapping.key in _EEO:
        return True
    resolved = profile_value(field, mapping.key)
    return resolved is not None and not resolved.missing


def profile_value_fn(profile: Profile, answers: AnswerFn) -> Callable[[Field, FieldKey], Resolved | None]:
    """What the planner would look up for a field: saved answers for questions, else the
    profile value of the key."""

    def value(field: Field, key: FieldKey) -> Resolved | None:
        if key is FieldKey.QUESTION:
            return answers(field)
        return resolve(profile, key)

    return value


async def _options_when_open(page: Page, ref: str) -> list[Option]:
    """Open the dropdown with a real click and wait for its options to render."""
    await page.click(ref)
    deadline = time.monotonic() + OPEN_TIMEOUT_S
    while True:
        snap = await page.snapshot()
        try:
            opts = snap.field(ref).options
        except KeyError:
            return []
        if opts or time.monotonic() >= deadline:
            return opts
        await asyncio.sleep(0.1)


async def load_options(
    page: Page, snapshot: FormSnapshot, wanted: Callable[[Field], bool]
) -> tuple[FormSnapshot, set[str]]:
    """A copy of ``snapshot`` whose closed react-selects (those ``wanted`` says) carry the
    options their menus show when opened, and the refs that got options. Each menu is
    closed again by clearing its search text (the DOM layer blurs an emptied combobox), so
    the form looks as before."""
    loaded: dict[str, list[Option]] = {}
    for f in snapshot.fields:
        if not wanted(f):
            continue
        opts = await _options_when_open(page, f.ref)
        await page.apply([Action(kind="fill", ref=f.ref, frame=f.frame, value="")])
        if opts:
            loaded[f.ref] = [o.model_copy(update={"selected": False, "ref": None}) for o in opts]
    if not loaded:
        return snapshot, set()
    fields = [
        f.model_copy(update={"options": loaded[f.ref]}) if f.ref in loaded else f for f in snapshot.fields
    ]
    return snapshot.model_copy(update={"fields": fields}), set(loaded)

"""Loading the option lists of Greenhouse's react-select questions before planning.

A react-select renders its options only while its menu is open, and Greenhouse loads some
lists from its servers when the menu first opens (degrees, disciplines). A snapshot of the
closed form therefore shows every dropdown with no options, and the planner could only type
the profile's text and hope for an identical option. That fails where Greenhouse's wording
differs from the profile's (the phone country picker offers "United States +1"; an EEO
question the applicant left unanswered needs its "decline" option). So the flow has the DOM
layer open each such dropdown once, wait for its options, read them and close it again
(one in-page call per dropdown, see ``list_actions``), and plans those fields with the real
options: the planner's own rules (country names, yes/no, synonyms, "decline") then choose,
and never guess. The choice itself is still an exact-match ``select`` whose committed value
the DOM layer reads back after blur.

Type-to-search pickers (``#candidate-location``, ``#school--N``) have no list until the
person types: they are left to the DOM layer, which types the profile's value and accepts
only an identical suggestion.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from jobpilot.config import REVIEW_THRESHOLD
from jobpilot.engine.values import Resolved, resolve
from jobpilot.models.mapping import FieldMapping
from jobpilot.models.plan import Action, ActionResult
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


def list_actions(fields: list[Field]) -> list[Action]:
    """One "list your options" action per dropdown: a ``select`` with nothing to choose,
    which the DOM layer answers by opening the menu, waiting for its options (fetched ones
    included), reading them and closing it again, in one call per dropdown and with no
    snapshot of the page in between. It goes through ``Page.apply``, so both transports
    (Playwright and the extension) run it the same way."""
    return [Action(kind="select", ref=f.ref, frame=f.frame, value=[], label=f.label) for f in fields]


def options_from(fields: list[Field], results: list[ActionResult]) -> dict[str, list[Option]]:
    """The options each listed dropdown reported, by ref; a dropdown whose menu did not
    open, or that offered nothing, is left out (it is then planned without options: the DOM
    layer types the profile's text and accepts only an identical option)."""
    loaded: dict[str, list[Option]] = {}
    for f, r in zip(fields, results, strict=False):
        if r.ok and isinstance(r.value, list) and r.value:
            loaded[f.ref] = [Option(value=t, text=t) for t in r.value]
    return loaded


async def load_options(page: Page, fields: list[Field]) -> dict[str, list[Option]]:
    """The real options of ``fields`` (closed react-selects), read from their open menus."""
    if not fields:
        return {}
    return options_from(fields, await page.apply(list_actions(fields)))


def with_options(snapshot: FormSnapshot, loaded: dict[str, list[Option]]) -> FormSnapshot:
    """``snapshot`` with the loaded options on their dropdowns, for the planner."""
    if not loaded:
        return snapshot
    fields = [
        f.model_copy(update={"options": loaded[f.ref]}) if f.ref in loaded else f for f in snapshot.fields
    ]
    return snapshot.model_copy(update={"fields": fields})

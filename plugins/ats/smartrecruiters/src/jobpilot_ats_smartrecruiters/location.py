"""The City autocomplete: choose one of SmartRecruiters' suggestions, or none.

The box offers places only after typing ("San Francisco, California, United States",
"South San Francisco, ...") and clears itself when left without a pick. The rule is
JobPilot's usual "never guess": a suggestion is taken only when it is the applicant's
place (city, region and country as the profile has them), or when exactly one suggestion
starts with the city and names the profile's country (the region decides between several).
Otherwise the box is cleared and left for the person.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import jobpilot.engine.countries as countries
from jobpilot.engine.text import norm
from jobpilot.models.plan import Action, FillPlan, SkippedField
from jobpilot.models.profile import Profile
from jobpilot.models.snapshot import Field, Option
from jobpilot.vocabulary import FieldKey

if TYPE_CHECKING:
    from jobpilot.engine.flow import FlowContext

SUGGEST_WAIT_S = 2.5


@dataclass(frozen=True)
class Place:
    text: str
    city: str
    region: str | None
    country_names: tuple[str, ...]

    @classmethod
    def of(cls, profile: Profile) -> Place | None:
        loc = profile.basics.location
        if not loc.city:
            return None
        country = countries.display_name(loc.countryCode) if loc.countryCode else None
        text = ", ".join(p for p in (loc.city, loc.region, country) if p)
        names = countries.names(loc.countryCode) if loc.countryCode else ()
        return cls(text=text, city=loc.city, region=loc.region, country_names=tuple(names))


def _has(text: str, phrase: str) -> bool:
    return bool(phrase) and re.search(rf"(^| ){re.escape(norm(phrase))}( |$)", text) is not None


def choose(place: Place, suggestions: Sequence[str]) -> str | None:
    """The suggestion that is the applicant's place, or None (see the module docstring)."""
    exact = {s for s in suggestions if norm(s) == norm(place.text)}
    if len(exact) == 1:
        return exact.pop()
    city = norm(place.city)
    near = list(
        dict.fromkeys(
            s
            for s in suggestions
            if norm(s).startswith(city)
            and _has(norm(s), place.city)
            and any(_has(norm(s)[len(city) :], n) for n in place.country_names)
        )
    )
    if len(near) == 1:
        return near[0]
    if len(near) > 1 and place.region:
        in_region = [s for s in near if _has(norm(s)[len(city) :], place.region)]
        if len(in_region) == 1:
            return in_region[0]
    return None


async def _suggestions(ctx: FlowContext, ref: str) -> list[Option]:
    """What the box offers for what was typed (the first list that arrives: one typed
    value, one request), empty when none arrives within :data:`SUGGEST_WAIT_S`."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + SUGGEST_WAIT_S
    while True:
        f = next((f for f in (await ctx.snapshot()).fields if f.ref == ref), None)
        if f is None:
            return []
        options = [o for o in f.options if o.ref and o.text.strip()]
        if options or loop.time() >= deadline:
            return options
        await ctx.page.wait_for(stable_ms=30, timeout_ms=300)


async def fill_city(ctx: FlowContext, field: Field, confidence: float) -> bool:
    """Type the city, take the suggestion :func:`choose` accepts, else clear the box and
    record why it was left. True when a suggestion was taken and the box shows it."""
    place = Place.of(ctx.profile)
    base = {
        "ref": field.ref,
        "frame": field.frame,
        "key": FieldKey.ADDRESS_CITY,
        "label": field.label,
        "confidence": confidence,
    }
    url = ctx.page.url
    if place is None:
        skip = SkippedField(
            ref=field.ref,
            label=field.label,
            key=FieldKey.ADDRESS_CITY,
            required=field.required,
            reason="the profile has no city",
        )
        await ctx.apply(FillPlan(url=url, ats=ctx.detection.ats, skipped=[skip]))
        return False
    typed = FillPlan(
        url=url,
        ats=ctx.detection.ats,
        actions=[Action(kind="fill", value=place.city, source="basics.location.city (search text)", **base)],
    )
    offered: list[str] = []
    if all(r.ok for r in await ctx.apply(typed)):
        options = await _suggestions(ctx, field.ref)
        offered = [o.text for o in options]
        choice = choose(place, offered)
        if choice is not None:
            option = next(o for o in options if o.text == choice)
            pick = {**base, "ref": option.ref}
            click = Action(kind="click", value=choice, source="basics.location (suggestion)", **pick)
            (done,) = await ctx.apply(FillPlan(url=url, ats=ctx.detection.ats, actions=[click]))
            if done.ok:
                return True
            offered.append(f"(clicking {choice!r} failed: {done.error})")
    seen = "; ".join(offered) or "none"
    skip = SkippedField(
        ref=field.ref,
        label=field.label,
        key=FieldKey.ADDRESS_CITY,
        required=field.required,
        reason=f"no suggestion is {place.text!r} (offered: {seen})",
    )
    clear = Action(kind="fill", value="", source="cleared: no suggestion matched", **base)
    await ctx.apply(FillPlan(url=url, ats=ctx.detection.ats, actions=[clear], skipped=[skip]))
    return False

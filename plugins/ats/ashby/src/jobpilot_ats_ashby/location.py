"""Choosing a suggestion of Ashby's location autocomplete, or none.

Ashby's ``_systemfield_location`` is a combobox whose suggestions arrive asynchronously
after typing ("San Francisco, California, United States"). The rule is JobPilot's usual
"never guess": the first suggestion is never taken because it is first.

1. A suggestion equal to the profile's location (city, region, country) is taken.
2. Otherwise the one suggestion that starts with the profile's city and names its country;
   when several do, the profile's region must single one out.
3. Otherwise nothing: the field is left for the person.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import jobpilot.engine.countries as countries
from jobpilot.engine.text import norm
from jobpilot.models.profile import Profile


@dataclass(frozen=True)
class Place:
    """The parts of the applicant's location a suggestion is compared with."""

    text: str
    """The whole location as JobPilot types it: "City, Region, Country"."""
    city: str | None
    region: str | None
    country_names: tuple[str, ...]

    @classmethod
    def of(cls, profile: Profile) -> Place | None:
        loc = profile.basics.location
        country = countries.display_name(loc.countryCode) if loc.countryCode else None
        text = ", ".join(p for p in (loc.city, loc.region, country) if p)
        if not text:
            return None
        names = countries.names(loc.countryCode) if loc.countryCode else ()
        return cls(text=text, city=loc.city, region=loc.region, country_names=names)

    def queries(self) -> list[str]:
        """What to type: the whole location first, then the city alone (autocompletes
        often find nothing for a long query spelled differently from their own data)."""
        out = [self.text]
        if self.city and norm(self.city) != norm(self.text):
            out.append(self.city)
        return out


def _has_phrase(text: str, phrase: str) -> bool:
    return bool(phrase) and re.search(rf"(^| ){re.escape(phrase)}( |$)", text) is not None


def choose(place: Place, suggestions: Sequence[str]) -> str | None:
    """The suggestion to take, by the rules of the module docstring, or None."""
    want = norm(place.text)
    exact = [s for s in suggestions if norm(s) == want]
    if len(set(exact)) == 1:
        return exact[0]
    if not place.city or not place.country_names:
        return None
    city = norm(place.city)
    near = [
        s
        for s in suggestions
        if _has_phrase(norm(s), city)
        and norm(s).startswith(city)
        and any(_has_phrase(norm(s)[len(city) :], n) for n in place.country_names)
    ]
    near = list(dict.fromkeys(near))
    if len(near) == 1:
        return near[0]
    if len(near) > 1 and place.region:
        region = norm(place.region)
        in_region = [s for s in near if _has_phrase(norm(s)[len(city) :], region)]
        if len(in_region) == 1:
            return in_region[0]
    return None

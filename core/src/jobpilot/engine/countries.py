"""Country names as forms spell them, for matching a profile's ISO code to an option."""

from __future__ import annotations

from functools import lru_cache

from jobpilot.engine.text import norm

_EXTRA: dict[str, tuple[str, ...]] = {
    "US": ("usa", "us", "united states of america", "u s", "u s a", "america"),
    "GB": ("uk", "great britain", "britain", "england", "u k"),
    "KR": ("korea", "republic of korea"),
    "RU": ("russia",),
    "IR": ("iran",),
    "VN": ("vietnam",),
    "TW": ("taiwan",),
    "CZ": ("czech republic",),
    "TR": ("turkey", "turkiye"),
    "NL": ("holland", "the netherlands"),
    "AE": ("uae",),
    "DE": ("deutschland",),
    "FR": ("france",),
    "ES": ("espana",),
}


@lru_cache(maxsize=256)
def names(code: str) -> tuple[str, ...]:
    """Normalised names a form may use for an ISO 3166 alpha-2 code (empty if unknown)."""
    import pycountry

    country = pycountry.countries.get(alpha_2=code.upper())
    if country is None:
        return ()
    found = [country.name, getattr(country, "common_name", ""), getattr(country, "official_name", "")]
    out = {norm(n) for n in found if n}
    out.update(_EXTRA.get(code.upper(), ()))
    return tuple(sorted(out, key=len, reverse=True))


def display_name(code: str) -> str | None:
    import pycountry

    country = pycountry.countries.get(alpha_2=code.upper())
    if country is None:
        return None
    return getattr(country, "common_name", None) or country.name

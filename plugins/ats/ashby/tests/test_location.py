"""Choosing a location suggestion: exact, else the one city-and-country match, else none."""

from __future__ import annotations

from jobpilot.engine.countries import names
from jobpilot_ats_ashby.location import Place, choose

SF = Place(
    text="San Francisco, California, United States",
    city="San Francisco",
    region="California",
    country_names=names("US"),
)
OFFERED = [
    "South San Francisco, California, United States",
    "San Francisco, Córdoba, Argentina",
    "San Francisco, California, United States",
]


def test_exact_match_wins_wherever_it_is_listed() -> None:
    assert choose(SF, OFFERED) == "San Francisco, California, United States"
    assert choose(SF, ["san francisco california united states"]) == "san francisco california united states"


def test_city_and_country_when_spelled_differently() -> None:
    place = Place(
        text="San Francisco, CA, United States", city="San Francisco", region="CA", country_names=names("US")
    )
    assert choose(place, OFFERED) == "San Francisco, California, United States"
    assert (
        choose(place, ["San Francisco, CA, USA", "San Francisco, Córdoba, Argentina"])
        == "San Francisco, CA, USA"
    )


def test_never_the_first_item_when_nothing_matches() -> None:
    nz = Place(
        text="Hamilton, Waikato, New Zealand", city="Hamilton", region="Waikato", country_names=names("NZ")
    )
    assert (
        choose(nz, ["Hamilton, Ontario, Canada", "Hamilton, Bermuda", "Hamilton, Ohio, United States"])
        is None
    )
    assert choose(nz, []) is None


def test_several_city_and_country_matches_need_the_region() -> None:
    portland = Place(
        text="Portland, ME, United States", city="Portland", region="Maine", country_names=names("US")
    )
    offered = ["Portland, Oregon, United States", "Portland, Maine, United States"]
    assert choose(portland, offered) == "Portland, Maine, United States"
    unknown_region = Place(
        text="Portland, United States", city="Portland", region=None, country_names=names("US")
    )
    assert choose(unknown_region, offered) is None


def test_city_must_be_a_whole_word_prefix() -> None:
    place = Place(text="Berlin, Germany", city="Berlin", region=None, country_names=names("DE"))
    assert (
        choose(place, ["Berlingen, Thurgau, Switzerland", "Berlin, Berlin, Germany"])
        == "Berlin, Berlin, Germany"
    )
    assert choose(place, ["Berlingen, Germany"]) is None

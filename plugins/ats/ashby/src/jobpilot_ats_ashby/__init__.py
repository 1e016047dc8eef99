"""JobPilot adapter for Ashby (jobs.ashbyhq.com and the Ashby embed on company sites).

A model adapter, one job per module:

* ``detect``   — which pages are Ashby applications (URL shapes, embed evidence, markup);
* ``mapping``  — Ashby's system fields, EEOC survey, education history and yes/no toggles
  mapped to the vocabulary (custom questions are left to the generic mapper);
* ``location`` — choosing a location-autocomplete suggestion without guessing;
* ``flow``     — waiting for the React form, the location autocomplete, and reading
  Ashby's answer to the submit click (confirmation or inline validation errors).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jobpilot import hookimpl
from jobpilot.models.mapping import Detection, FieldMapping
from jobpilot.models.snapshot import FormSnapshot

from jobpilot_ats_ashby.detect import ATS, detect
from jobpilot_ats_ashby.flow import AshbyFlow
from jobpilot_ats_ashby.mapping import map_snapshot

__all__ = ["AshbyFlow", "detect_ats", "map_fields", "register_flows"]


@hookimpl
def detect_ats(url: str, snapshot: FormSnapshot | None) -> Detection | None:
    """Ashby, with the posting's organisation and job id, or None."""
    return detect(url, snapshot)


@hookimpl
def map_fields(snapshot: FormSnapshot, detection: Detection | None) -> list[FieldMapping] | None:
    """Map Ashby markup on pages detected as Ashby; other pages are not this adapter's."""
    if detection is None or detection.ats != ATS:
        return None
    return list(map_snapshot(snapshot))


@hookimpl
def register_flows(register: Callable[[Any], None]) -> None:
    register(AshbyFlow())

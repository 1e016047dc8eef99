"""JobPilot adapter for SmartRecruiters (job ads and the one-click application).

Small modules with one job each; the hooks below are thin:

* ``detect`` — which pages are SmartRecruiters' (its hosts, frames on company sites, the
  one-click markup alone), never its marketing or help sites;
* ``mapping`` — the one-click form's fixed ids and ``data-test`` hooks (inside the ``spl-*``
  components' open shadow roots) to the vocabulary;
* ``flow`` — the one-click pages (personal information, screening questions, review) with
  the Easy Apply resume-parse prefill; ``entries`` keeps the Experience and Education cards
  equal to the profile, ``location`` picks the City suggestion.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jobpilot import hookimpl
from jobpilot.models.mapping import Detection, FieldMapping
from jobpilot.models.snapshot import FormSnapshot

from jobpilot_ats_smartrecruiters.detect import ATS, detect
from jobpilot_ats_smartrecruiters.mapping import map_smartrecruiters

__all__ = ["ATS", "detect_ats", "map_fields", "register_flows"]


@hookimpl
def detect_ats(url: str, snapshot: FormSnapshot | None) -> Detection | None:
    """SmartRecruiters when the URL, a frame or the page's own markup says so (``detect``)."""
    return detect(url, snapshot)


@hookimpl
def map_fields(snapshot: FormSnapshot, detection: Detection | None) -> list[FieldMapping] | None:
    """SmartRecruiters' own fields, on pages detected as SmartRecruiters."""
    if detection is None or detection.ats != ATS:
        return None
    return map_smartrecruiters(snapshot, detection) or None


@hookimpl
def register_flows(register: Callable[[Any], None]) -> None:
    from jobpilot_ats_smartrecruiters.flow import SmartRecruitersFlow

    register(SmartRecruitersFlow())

"""JobPilot adapter for Greenhouse application pages.

A model adapter: small modules with one job each, the hooks below are thin.

* ``detect`` — which pages are Greenhouse applications (job-board hosts, embeds on company
  sites), and never Greenhouse's own marketing or help pages;
* ``mapping`` — Greenhouse's fixed ids and names (React and classic boards) to the
  vocabulary, custom questions to ``question``;
* ``flow`` — the apply flow: "Enter manually" cover letters (``manual_entry``), dropdown
  options loaded before choosing (``lazy_options``), follow-up questions, read-back of
  every choice, and after the submit click the e-mailed security code
  (``security_code``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jobpilot import hookimpl
from jobpilot.models.mapping import Detection, FieldMapping
from jobpilot.models.snapshot import FormSnapshot

from jobpilot_ats_greenhouse.detect import ATS, detect
from jobpilot_ats_greenhouse.flow import GreenhouseFlow
from jobpilot_ats_greenhouse.mapping import map_greenhouse

__all__ = ["ATS", "GreenhouseFlow", "detect_ats", "map_fields", "register_flows"]


@hookimpl
def detect_ats(url: str, snapshot: FormSnapshot | None) -> Detection | None:
    """Greenhouse when the URL or the page's embed evidence says so (see ``detect``)."""
    return detect(url, snapshot)


@hookimpl
def map_fields(snapshot: FormSnapshot, detection: Detection | None) -> list[FieldMapping] | None:
    """Greenhouse's own fields, on pages detected as Greenhouse."""
    if detection is None or detection.ats != ATS:
        return None
    return map_greenhouse(snapshot, detection) or None


@hookimpl
def register_flows(register: Callable[[Any], None]) -> None:
    register(GreenhouseFlow())

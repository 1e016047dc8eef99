"""JobPilot adapter for Workable (apply.workable.com and accounts' own workable.com hosts).

Small modules with one job each; the hooks below are thin:

* ``detect`` — which pages are Workable's (its hosts, frames and the jobs widget on company
  sites, the form's markup alone), never its marketing or help sites;
* ``mapping`` — Workable's fixed field names and ``data-ui`` hooks to the vocabulary, custom
  fields and questions (``CA_<n>``, ``QA_<n>``) to ``question``;
* ``flow`` — the one-page form: the resume first (Workable's parser fills and creates
  entries), ``entries`` makes the Education/Experience cards the profile's, then the rest;
  after Submit the e-mailed verification code, asked of the person.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jobpilot import hookimpl
from jobpilot.models.mapping import Detection, FieldMapping
from jobpilot.models.snapshot import FormSnapshot

from jobpilot_ats_workable.detect import ATS, detect
from jobpilot_ats_workable.mapping import map_workable

__all__ = ["ATS", "detect_ats", "map_fields", "register_flows"]


@hookimpl
def detect_ats(url: str, snapshot: FormSnapshot | None) -> Detection | None:
    """Workable when the URL, a frame, the jobs widget or the form's own markup says so."""
    return detect(url, snapshot)


@hookimpl
def map_fields(snapshot: FormSnapshot, detection: Detection | None) -> list[FieldMapping] | None:
    """Workable's own fields, on pages detected as Workable."""
    if detection is None or detection.ats != ATS:
        return None
    return map_workable(snapshot, detection) or None


@hookimpl
def register_flows(register: Callable[[Any], None]) -> None:
    from jobpilot_ats_workable.flow import WorkableFlow

    register(WorkableFlow())

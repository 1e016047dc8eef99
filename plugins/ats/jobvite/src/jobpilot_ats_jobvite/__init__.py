"""JobPilot adapter for Jobvite (jobs.jobvite.com careers sites and their embeds).

Small modules with one job each; the hooks below are thin:

* ``detect`` — which pages are Jobvite's (jobs.jobvite.com, frames and the loader on company
  sites, the ``jv-`` markup alone), never its marketing site or recruiter app;
* ``mapping`` — the apply form's fixed field names and attachment widgets to the
  vocabulary, the sign-in panel and the careers search left alone;
* ``flow`` — the two steps of the apply page (sign-in option skipped, cover letter pasted,
  ``rows`` for the numbered Work History / Education blocks, prescreen and EEO questions).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jobpilot import hookimpl
from jobpilot.models.mapping import Detection, FieldMapping
from jobpilot.models.snapshot import FormSnapshot

from jobpilot_ats_jobvite.detect import ATS, detect
from jobpilot_ats_jobvite.mapping import map_jobvite

__all__ = ["ATS", "detect_ats", "map_fields", "register_flows"]


@hookimpl
def detect_ats(url: str, snapshot: FormSnapshot | None) -> Detection | None:
    """Jobvite when the URL, a frame, the careers-site loader or the ``jv-`` markup says so."""
    return detect(url, snapshot)


@hookimpl
def map_fields(snapshot: FormSnapshot, detection: Detection | None) -> list[FieldMapping] | None:
    """Jobvite's own fields, on pages detected as Jobvite."""
    if detection is None or detection.ats != ATS:
        return None
    return map_jobvite(snapshot, detection) or None


@hookimpl
def register_flows(register: Callable[[Any], None]) -> None:
    from jobpilot_ats_jobvite.flow import JobviteFlow

    register(JobviteFlow())

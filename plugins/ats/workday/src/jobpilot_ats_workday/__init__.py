"""JobPilot adapter for Workday candidate sites (``<tenant>.wd<N>.myworkdayjobs.com``).

Modules, one job each:

* ``urls`` — tenant, data center, site and requisition from a Workday URL;
* ``markup`` — reading ``data-automation-id`` hooks, ``formField-`` wrappers and row positions;
* ``detect`` — URL shape plus page markup -> :class:`~jobpilot.models.mapping.Detection`;
* ``mapping`` — Workday's own control names -> the vocabulary;
* ``steps`` — which page of the apply flow this is, and its validation errors;
* ``widgets`` — listbox buttons and prompts (search box + option tree);
* ``rows`` — Work Experience / Education rows: add, delete, fill from the profile;
* ``account`` — create the candidate account or sign in, with encrypted stored credentials;
* ``flow`` — the wizard, step by step (``register_flows``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jobpilot import hookimpl
from jobpilot.models.mapping import Detection, FieldMapping
from jobpilot.models.snapshot import FormSnapshot

from jobpilot_ats_workday.detect import detect
from jobpilot_ats_workday.mapping import map_snapshot

__all__ = ["detect_ats", "map_fields", "register_flows"]


@hookimpl
def detect_ats(url: str, snapshot: FormSnapshot | None) -> Detection | None:
    """Workday when the URL is a Workday candidate site (0.9), more sure with its markup."""
    return detect(url, snapshot)


@hookimpl
def map_fields(snapshot: FormSnapshot, detection: Detection | None) -> list[FieldMapping] | None:
    """Map Workday's own controls; other ATSes' pages and unnamed questions are left alone."""
    if detection is None or detection.ats != "workday":
        return None
    return map_snapshot(snapshot)


@hookimpl
def register_flows(register: Callable[[Any], None]) -> None:
    # Imported here, not at the top: detection and mapping never need the wizard's modules.
    from jobpilot_ats_workday.flow import WorkdayFlow

    register(WorkdayFlow())

"""JobPilot adapter for iCIMS career portals (``<purpose>-<customer>.icims.com``).

Modules, one job each:

* ``urls`` — portal host, customer, job and step from an iCIMS URL;
* ``markup`` — iCIMS's own names (``PersonProfileFields``, ``css_loginName``, ``rcf<n>``,
  ``iCIMS_*`` classes and ids) and page evidence;
* ``detect`` — URL, framed portal or page evidence -> :class:`~jobpilot.models.mapping.Detection`;
* ``mapping`` — iCIMS's own control names -> the vocabulary;
* ``steps`` — which step of the apply flow a snapshot shows, and its errors;
* ``rows`` — Work Experience / Education entries, one per profile entry;
* ``account`` — the login step's password and the candidate account, kept encrypted;
* ``flow`` — the apply flow, step by step (``register_flows``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jobpilot import hookimpl
from jobpilot.models.mapping import Detection, FieldMapping
from jobpilot.models.snapshot import FormSnapshot

from jobpilot_ats_icims.detect import detect
from jobpilot_ats_icims.mapping import map_snapshot

__all__ = ["detect_ats", "map_fields", "register_flows"]


@hookimpl
def detect_ats(url: str, snapshot: FormSnapshot | None) -> Detection | None:
    """iCIMS by portal URL (0.9), framed portal (0.94), or page evidence alone (0.72-0.85)."""
    return detect(url, snapshot)


@hookimpl
def map_fields(snapshot: FormSnapshot, detection: Detection | None) -> list[FieldMapping] | None:
    """Map iCIMS's own controls on pages detected as iCIMS; labels decide the rest."""
    if detection is None or detection.ats != "icims":
        return None
    return map_snapshot(snapshot)


@hookimpl
def register_flows(register: Callable[[Any], None]) -> None:
    # Imported when a run asks for flows, not when plugins load.
    from jobpilot_ats_icims.flow import IcimsFlow

    register(IcimsFlow())

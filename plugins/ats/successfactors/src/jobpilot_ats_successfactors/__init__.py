"""JobPilot adapter for SAP SuccessFactors Recruiting career sites
(``career<N>.successfactors.com`` / ``.eu``, ``career<N>.sapsf.*``, company-branded sites on it).

Modules, one job each:

* ``urls`` — data-center host, company, requisition and page from a career-site URL;
* ``markup`` — SuccessFactors' own ids (classic ``careerform``, UI5 field ids) and page evidence;
* ``detect`` — URL, framed site or page evidence -> :class:`~jobpilot.models.mapping.Detection`;
* ``mapping`` — SuccessFactors field ids -> the vocabulary;
* ``steps`` — which page a snapshot shows, and its errors;
* ``rows`` — Work Experience / Education rows, one per profile entry;
* ``account`` — sign in, or create the candidate account (kept encrypted);
* ``flow`` — the apply flow (``register_flows``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jobpilot import hookimpl
from jobpilot.models.mapping import Detection, FieldMapping
from jobpilot.models.snapshot import FormSnapshot

from jobpilot_ats_successfactors.detect import detect
from jobpilot_ats_successfactors.mapping import map_snapshot

__all__ = ["detect_ats", "map_fields", "register_flows"]


@hookimpl
def detect_ats(url: str, snapshot: FormSnapshot | None) -> Detection | None:
    """SuccessFactors by career-site URL (0.9), framed site (0.94) or page evidence (0.72-0.85)."""
    return detect(url, snapshot)


@hookimpl
def map_fields(snapshot: FormSnapshot, detection: Detection | None) -> list[FieldMapping] | None:
    """Map SuccessFactors' own controls on pages detected as SuccessFactors."""
    if detection is None or detection.ats != "successfactors":
        return None
    return map_snapshot(snapshot)


@hookimpl
def register_flows(register: Callable[[Any], None]) -> None:
    from jobpilot_ats_successfactors.flow import SuccessFactorsFlow

    register(SuccessFactorsFlow())

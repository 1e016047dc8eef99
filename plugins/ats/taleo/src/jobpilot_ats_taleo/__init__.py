"""JobPilot adapter for Oracle Taleo Enterprise career sections (``<zone>.taleo.net/careersection/``).

Oracle Recruiting Cloud, Oracle's newer product, has its own adapter (``jobpilot-ats-oracle``):
the two share no host, markup, flow or account model.

Modules: ``markup`` (URLs, generated ids, mapping and detection), ``flow`` (the candidate
account and the application's steps).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jobpilot import hookimpl
from jobpilot.models.mapping import Detection, FieldMapping
from jobpilot.models.snapshot import FormSnapshot

from jobpilot_ats_taleo.markup import detect, map_snapshot

__all__ = ["detect_ats", "map_fields", "register_flows"]


@hookimpl
def detect_ats(url: str, snapshot: FormSnapshot | None) -> Detection | None:
    """Taleo by career-section URL (0.9, 0.98 with FTL markup), framed section or page evidence."""
    return detect(url, snapshot)


@hookimpl
def map_fields(snapshot: FormSnapshot, detection: Detection | None) -> list[FieldMapping] | None:
    if detection is None or detection.ats != "taleo":
        return None
    return map_snapshot(snapshot)


@hookimpl
def register_flows(register: Callable[[Any], None]) -> None:
    from jobpilot_ats_taleo.flow import TaleoFlow

    register(TaleoFlow())

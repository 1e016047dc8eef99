"""JobPilot adapter for Oracle Recruiting Cloud Candidate Experience sites
(``*.oraclecloud.com/hcmUI/CandidateExperience/...``). Taleo, Oracle's older recruiting
product, has its own adapter (``jobpilot-ats-taleo``): the two share no markup, host or flow.

Modules: ``markup`` (URLs, the app's own markup, page evidence), ``mapping`` (controls ->
vocabulary, and detection), ``flow`` (e-mail, the e-mailed PIN asked of the person, the apply
flow, the experience and education timeline).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jobpilot import hookimpl
from jobpilot.models.mapping import Detection, FieldMapping
from jobpilot.models.snapshot import FormSnapshot

from jobpilot_ats_oracle.mapping import detect, map_snapshot

__all__ = ["detect_ats", "map_fields", "register_flows"]


@hookimpl
def detect_ats(url: str, snapshot: FormSnapshot | None) -> Detection | None:
    """Oracle Recruiting Cloud by Candidate Experience URL, framed site or page evidence."""
    return detect(url, snapshot)


@hookimpl
def map_fields(snapshot: FormSnapshot, detection: Detection | None) -> list[FieldMapping] | None:
    if detection is None or detection.ats != "oracle":
        return None
    return map_snapshot(snapshot)


@hookimpl
def register_flows(register: Callable[[Any], None]) -> None:
    from jobpilot_ats_oracle.flow import OracleFlow

    register(OracleFlow())

"""JobPilot adapter for Lever (``jobs.lever.co`` and ``jobs.eu.lever.co``).

A model adapter: one module per job.

* ``detect`` — which URLs are Lever postings and forms, and the markup that confirms it;
* ``mapping`` — Lever's standard field names -> the vocabulary;
* ``questions`` — what a custom question card asks, from its text;
* ``flow`` — the resume parser, the CC-305 date and the invisible hCaptcha around submit.

The hook implementations below only wire those modules to JobPilot.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jobpilot import hookimpl
from jobpilot.models.mapping import Detection, FieldMapping
from jobpilot.models.snapshot import FormSnapshot

from jobpilot_ats_lever.detect import detect, page_evidence
from jobpilot_ats_lever.flow import LeverFlow
from jobpilot_ats_lever.mapping import map_snapshot

__all__ = ["LeverFlow", "detect_ats", "map_fields", "register_flows"]


@hookimpl
def detect_ats(url: str, snapshot: FormSnapshot | None) -> Detection | None:
    """Lever posting and form pages (see ``detect``); None for anything else."""
    return detect(url, snapshot)


@hookimpl
def map_fields(snapshot: FormSnapshot, detection: Detection | None) -> list[FieldMapping] | None:
    """Map the Lever form's fields when the page is Lever's (by detection, or by page
    evidence strong enough to detect it: the plugin sees every page, so one stray
    ``data-qa`` hook must not switch the Lever mapping on)."""
    if detection is not None and detection.ats != "lever":
        return None
    if detection is None and not page_evidence(snapshot):
        return None
    return map_snapshot(snapshot)


@hookimpl
def register_flows(register: Callable[[Any], None]) -> None:
    """Lever's flow: resume-parser reconciliation, CC-305 date, hCaptcha on submit."""
    register(LeverFlow())

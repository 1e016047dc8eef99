"""JobPilot adapter for SmartRecruiters (job ads and the one-click application).

Small modules with one job each; the hooks below are thin:

* ``detect`` — which pages are SmartRecruiters' (its hosts, frames on company sites, the
  one-click markup alone), never its marketing or help sites;
* ``mapping`` — the one-click form's fixed ids and ``data-test`` hooks (inside the ``spl-*``
  components' open shadow roots) to the vocabulary.
"""

from __future__ import annotations

from jobpilot import hookimpl
from jobpilot.models.mapping import Detection, FieldMapping
from jobpilot.models.snapshot import FormSnapshot

from jobpilot_ats_smartrecruiters.detect import ATS, detect
from jobpilot_ats_smartrecruiters.mapping import map_smartrecruiters

__all__ = ["ATS", "detect_ats", "map_fields"]


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

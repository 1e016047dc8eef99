"""Is this a Workday candidate page? URL shape first, page markup as confirmation.

The built-in host table already answers 0.8 for Workday hosts; this adapter answers higher
when it can parse the URL (tenant, data center) and higher still when the page carries
Workday's own automation ids. Vendor sites (www.workday.com, community and documentation
sites), employee tenants (``*.myworkday.com``) and look-alike hosts get None.
"""

from __future__ import annotations

from jobpilot.models.mapping import Detection
from jobpilot.models.snapshot import FormSnapshot

from jobpilot_ats_workday import markup, urls

URL_ONLY = 0.9
URL_AND_MARKUP = 0.98
MARKUP_ONLY = 0.85
"""A Workday form in a frame of a company's own page: reached through the frame URL."""


def detect(url: str, snapshot: FormSnapshot | None) -> Detection | None:
    parsed = urls.parse(url)
    evidence = markup.has_signature(snapshot) if snapshot is not None else set()
    if parsed is None and snapshot is not None:
        for frame in snapshot.frames:
            parsed = urls.parse(frame.url)
            if parsed is not None:
                break
    if parsed is None:
        if len(evidence) >= 3:
            return Detection(
                ats="workday",
                confidence=MARKUP_ONLY,
                reason="Workday automation ids: " + ", ".join(sorted(evidence)[:4]),
            )
        return None
    reason = f"Workday tenant {parsed.tenant} on wd{parsed.data_center}"
    confidence = URL_ONLY
    if evidence:
        confidence = URL_AND_MARKUP
        reason += "; page markup: " + ", ".join(sorted(evidence)[:4])
    return Detection(
        ats="workday", confidence=confidence, company=parsed.tenant, job_id=parsed.job_id, reason=reason
    )

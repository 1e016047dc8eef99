"""Is this a Workday candidate page? URL shape first, page markup as confirmation.

The built-in host table already answers 0.8 for Workday hosts; this adapter answers higher
when it can parse the URL (tenant, data center) and higher still when the page carries
Workday's own automation ids. Vendor sites (www.workday.com, community and documentation
sites), employee tenants (``*.myworkday.com``) and look-alike hosts get None. Workday's own
careers pages on workday.com that frame its candidate site are marketing too, unless the
snapshot holds an actual Workday application form (:func:`_has_form`) inside a frame served
from a candidate site (markup in workday.com's own documents is a demo): the shared vendor
list is :data:`jobpilot.builtin.ats_hosts.VENDOR_DOMAINS`.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from jobpilot.builtin.ats_hosts import vendor_site
from jobpilot.models.mapping import Detection
from jobpilot.models.snapshot import FormSnapshot

from jobpilot_ats_workday import markup, urls

URL_ONLY = 0.9
URL_AND_MARKUP = 0.98
MARKUP_ONLY = 0.85
"""A Workday form in a frame of a company's own page: reached through the frame URL."""


def _has_form(snapshot: FormSnapshot | None) -> bool:
    """A Workday application form in a frame from a candidate site, not just a framed job
    list: several Workday-only automation ids on that frame's controls, and at least one
    fillable control inside a ``formField-`` wrapper or carrying an automation id."""
    if snapshot is None:
        return False
    paths = {f.path for f in snapshot.frames if urls.parse(f.url) is not None}

    def framed_in(frame: str) -> bool:
        return bool(frame) and any(frame == p or frame.startswith(p + ".") for p in paths)

    fields = [f for f in snapshot.fields if framed_in(f.frame)]
    buttons = [b for b in snapshot.buttons if framed_in(b.frame)]
    framed = snapshot.model_copy(update={"fields": fields, "buttons": buttons})
    if len(markup.has_signature(framed)) < 3:
        return False
    return any(markup.form_field(f) or markup.automation_id(f) for f in fields)


def detect(url: str, snapshot: FormSnapshot | None) -> Detection | None:
    """Workday by URL (0.9), URL + markup (0.98), or markup alone off Workday hosts (0.85)."""
    parsed = urls.parse(url)
    evidence = markup.has_signature(snapshot) if snapshot is not None else set()
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        host = ""
    if vendor_site(host) == "workday" and not _has_form(snapshot):
        return None
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

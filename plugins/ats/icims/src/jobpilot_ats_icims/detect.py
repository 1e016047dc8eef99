"""Is this an iCIMS page? The portal's URL first, its markup as confirmation or, on a
company's own domain, as the evidence.

* a candidate-portal URL (``careers-acme.icims.com/jobs/...``) -> 0.9, with iCIMS markup on
  the page -> 0.98 (the built-in host table says 0.8);
* a company page framing a portal (``iframe#icims_content_iframe`` whose URL is a portal's)
  -> 0.94, 0.96 when the framed document is an iCIMS application step;
* the page alone, with no iCIMS URL anywhere (a company domain proxying or inlining the
  portal, a saved page) -> 0.85 on strong evidence (:attr:`markup.Evidence.strong`: two of
  iCIMS's own conventions, or the content iframe's id), 0.72 on weak evidence only (a Jibe
  career site's scripts, a meta tag naming an iCIMS portal).

iCIMS's own sites (``www.icims.com``, community and help: the shared vendor list) are not
application pages: they answer None unless the snapshot holds an actual iCIMS form inside a
frame served from a candidate portal.
"""

from __future__ import annotations

from jobpilot.builtin.ats_hosts import vendor_site
from jobpilot.models.mapping import Detection
from jobpilot.models.snapshot import FormSnapshot

from jobpilot_ats_icims import markup, urls

ATS = "icims"
URL_ONLY = 0.9
URL_AND_MARKUP = 0.98
PORTAL_FRAME = 0.94
PORTAL_FRAME_FORM = 0.96
PAGE_ALONE = 0.85
PAGE_WEAK = 0.72


def _framed_form(snapshot: FormSnapshot | None) -> bool:
    """An iCIMS application control inside a frame served from a candidate portal."""
    if snapshot is None:
        return False
    frames = markup.portal_frames(snapshot)
    return any(
        markup.in_frames(f.frame, frames)
        and (
            markup.profile_field(f)
            or markup.base_name(f) == markup.LOGIN_EMAIL
            or markup.is_custom_question(f)
        )
        for f in snapshot.fields
    )


def detect(url: str, snapshot: FormSnapshot | None) -> Detection | None:
    host = urls.host_of(url)
    if vendor_site(host) == ATS and not _framed_form(snapshot):
        return None
    parsed = urls.parse(url)
    ev = markup.evidence(snapshot) if snapshot is not None else markup.Evidence(frozenset(), frozenset())
    if parsed is not None:
        if ev.own:
            return Detection(
                ats=ATS,
                confidence=URL_AND_MARKUP,
                company=parsed.customer,
                job_id=parsed.job_id,
                reason=f"iCIMS portal {parsed.host}; page markup: " + ", ".join(sorted(ev.own)[:4]),
            )
        return Detection(
            ats=ATS,
            confidence=URL_ONLY,
            company=parsed.customer,
            job_id=parsed.job_id,
            reason=f"iCIMS portal {parsed.host}",
        )
    if snapshot is None:
        return None
    for frame in snapshot.frames:
        framed = urls.parse(frame.url)
        if framed is not None:
            form = _framed_form(snapshot)
            return Detection(
                ats=ATS,
                confidence=PORTAL_FRAME_FORM if form else PORTAL_FRAME,
                company=framed.customer,
                job_id=framed.job_id,
                reason=f"iCIMS portal {framed.host} in a frame"
                + (" with its application form" if form else ""),
            )
    if ev.strong:
        return Detection(
            ats=ATS, confidence=PAGE_ALONE, reason="iCIMS markup: " + ", ".join(sorted(ev.own)[:4])
        )
    if ev.own or ev.weak:
        return Detection(
            ats=ATS, confidence=PAGE_WEAK, reason="hints of iCIMS: " + ", ".join(sorted(ev.own | ev.weak)[:4])
        )
    return None

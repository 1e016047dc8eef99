"""Is this a SuccessFactors career page? The data-center URL first, its markup as
confirmation or, on a company's own domain, as the evidence.

* a career-site URL (``career4.successfactors.com/career?company=acme...``) -> 0.9, 0.98 with
  SuccessFactors markup (the built-in host table answers 0.8);
* a company page framing a career site -> 0.94;
* the page alone -> 0.85 on two of SuccessFactors' own conventions (the classic
  ``careerform`` with its ``career_*`` inputs, career-site ids, the UI5 Recruiting field ids,
  ``/verp/vmod_v1/ui/`` resources, Career Site Builder assets from ``rmkcdn``), 0.72 on one.

SAP's and SuccessFactors' own sites and the employee application
(``performancemanager<N>.successfactors.com``) are not career sites.
"""

from __future__ import annotations

from jobpilot.models.mapping import Detection
from jobpilot.models.snapshot import FormSnapshot

from jobpilot_ats_successfactors import markup, urls

ATS = "successfactors"
URL_ONLY = 0.9
URL_AND_MARKUP = 0.98
FRAMED = 0.94
PAGE_ALONE = 0.85
PAGE_WEAK = 0.72
_NOT_CAREER = ("www.", "help.", "community.", "performancemanager", "api", "hcm")


def detect(url: str, snapshot: FormSnapshot | None) -> Detection | None:
    host = urls.host_of(url)
    parsed = urls.parse(url)
    ev = markup.evidence(snapshot) if snapshot is not None else markup.Evidence(frozenset())
    if parsed is not None:
        company = parsed.company
        if ev.own:
            return Detection(
                ats=ATS,
                confidence=URL_AND_MARKUP,
                company=company,
                job_id=parsed.job_id,
                reason=f"SuccessFactors career site {parsed.tenant_key}; markup: "
                + ", ".join(sorted(ev.own)[:4]),
            )
        return Detection(
            ats=ATS,
            confidence=URL_ONLY,
            company=company,
            job_id=parsed.job_id,
            reason=f"SuccessFactors {parsed.host}",
        )
    if host.endswith(
        (".successfactors.com", ".successfactors.eu", ".sap.com", ".sapsf.com", ".sapsf.eu")
    ) and (host.startswith(_NOT_CAREER) or host in ("successfactors.com", "sap.com")):
        return None
    if snapshot is None:
        return None
    for frame in snapshot.frames:
        framed = urls.parse(frame.url)
        if framed is not None:
            return Detection(
                ats=ATS,
                confidence=FRAMED,
                company=framed.company,
                job_id=framed.job_id,
                reason=f"SuccessFactors career site {framed.tenant_key} in a frame",
            )
    if ev.strong:
        return Detection(
            ats=ATS, confidence=PAGE_ALONE, reason="SuccessFactors markup: " + ", ".join(sorted(ev.own)[:4])
        )
    if ev.own:
        return Detection(
            ats=ATS, confidence=PAGE_WEAK, reason="a hint of SuccessFactors: " + ", ".join(sorted(ev.own))
        )
    return None

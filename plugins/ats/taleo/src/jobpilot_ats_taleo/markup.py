"""Taleo Enterprise: its URLs, its generated ids, and the mapping and detection built on them.

A customer's zone is ``<zone>.taleo.net``; its career sections live under
``/careersection/<section>/`` (``jobsearch.ftl``, ``moresearch.ftl``, ``jobdetail.ftl?job=``,
``jobapply.ftl``), sign-in under ``/careersection/iam/accessmanagement/``. The pages are FTL
(``form#ftlform`` with hidden ``ftlpageid`` / ``ftlcompid`` / ``ftlinterfaceid`` / ``jsfCmdId``,
``ftlerrors``, scripts under ``/careersection/<version>/js/``) in legacy table layouts whose
controls carry long generated ids ending in what they hold:
``...-frm-dv_cs_candidate_personal_info_FirstName``, ``...-we-wei-<n>-frm-dv_cs_experience_Employer``,
``...-edu-edui-<n>-frm-dv_cs_education_Institution``; sign-in boxes are
``dialogTemplate-dialogForm-*``, the job search's ``basicSearchInterface.*`` and the like.
Candidate accounts belong to the zone, so the host is the tenant key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from jobpilot.models.mapping import Detection, FieldMapping
from jobpilot.models.snapshot import Button, Field, FormSnapshot
from jobpilot.vocabulary import FieldKey as K

ATS = "taleo"
_HOST = re.compile(r"^(?P<zone>[a-z0-9][a-z0-9-]*)\.taleo\.net$")
_NOT_ZONES = frozenset({"www", "tbe", "help", "support", "community"})
_ROW = re.compile(r"-(?P<section>we-wei|edu-edui)-(?P<n>\d+)-frm-dv_cs_(experience|education)_(?P<part>\w+)$")
_PERSONAL = re.compile(r"dv_cs_candidate_personal_info_(?P<field>[\w-]+)$")
FTL_IDS = frozenset(
    {"ftlform", "ftlhiddenframe", "ftlpageid", "ftlcompid", "ftlinterfaceid", "jsfCmdId", "ftlerrors"}
)
SEARCH_PREFIXES = (
    "basicSearchInterface.",
    "advancedSearchInterface.",
    "saveSearchInterface.",
    "languageSelectInterface.",
    "KEYWORD",
    "LOCATION",
    "ORGANIZATION",
    "JOB_FIELD",
)


@dataclass(frozen=True)
class ZoneUrl:
    host: str
    zone: str
    section: str | None
    page: str | None
    job_id: str | None

    @property
    def tenant_key(self) -> str:
        return self.host


def host_of(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower().rstrip(".")
    except ValueError:
        return ""


def parse(url: str) -> ZoneUrl | None:
    """A Taleo Enterprise career-section URL; None for anything else."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    host = (parts.hostname or "").lower().rstrip(".")
    m = _HOST.match(host)
    if parts.scheme not in ("http", "https") or not m or m["zone"] in _NOT_ZONES:
        return None
    segs = [s for s in (parts.path or "").split("/") if s]
    if not segs or segs[0].lower() != "careersection":
        return None
    section = segs[1] if len(segs) > 2 else None
    page = segs[-1] if len(segs) > 1 else None
    jobs = parse_qs(parts.query).get("job") or []
    job = jobs[0] if jobs else None
    return ZoneUrl(host=host, zone=m["zone"], section=section, page=page, job_id=job)


def fid(field: Field | Button) -> str:
    return field.id or (field.name if isinstance(field, Field) else None) or ""


@dataclass(frozen=True)
class RowPosition:
    section: str
    index: int
    part: str


def row_of(field: Field) -> RowPosition | None:
    m = _ROW.search(fid(field) or field.name or "")
    if not m:
        return None
    return RowPosition("work" if m["section"] == "we-wei" else "education", int(m["n"]), m["part"])


def evidence(snapshot: FormSnapshot) -> frozenset[str]:
    own: set[str] = set()
    ftl = FTL_IDS & set(snapshot.element_ids)
    if len(ftl) >= 2:
        own.add("FTL form ids")
    for s in snapshot.scripts:
        try:
            path = urlsplit(s).path
        except ValueError:
            continue
        if path.startswith("/careersection/") and "/js/" in path:
            own.add("career-section scripts")
    ids = [fid(f) for f in snapshot.fields]
    if any("dv_cs_" in i or i.startswith("et-ef-content-ftf-") for i in ids):
        own.add("generated application ids")
    if any(i.startswith("dialogTemplate-dialogForm-") for i in ids):
        own.add("sign-in dialog ids")
    if any(i.startswith(("basicSearchInterface.", "advancedSearchInterface.")) for i in ids):
        own.add("career-section search ids")
    return frozenset(own)


# --- mapping --------------------------------------------------------------------------------

PERSONAL: dict[str, tuple[K, float]] = {
    "firstname": (K.FIRST_NAME, 0.97),
    "middlename": (K.MIDDLE_NAME, 0.95),
    "lastname": (K.LAST_NAME, 0.97),
    "preferredname": (K.PREFERRED_NAME, 0.93),
    "emailaddress": (K.EMAIL, 0.97),
    "homephone": (K.PHONE, 0.95),
    "mobilephone": (K.PHONE, 0.95),
    "workphone": (K.PHONE, 0.85),
    "address": (K.ADDRESS_STREET, 0.95),
    "address2": (K.ADDRESS_STREET, 0.9),
    "city": (K.ADDRESS_CITY, 0.95),
    "residencelocation-0": (K.ADDRESS_COUNTRY, 0.93),
    "residencelocation-1": (K.ADDRESS_REGION, 0.9),
    "zipcode": (K.ADDRESS_POSTAL_CODE, 0.95),
    "gender": (K.EEO_GENDER, 0.95),
    "ethnicity": (K.EEO_HISPANIC_LATINO, 0.9),
    "race": (K.EEO_RACE, 0.95),
    "veteran": (K.EEO_VETERAN_STATUS, 0.95),
    "disability": (K.EEO_DISABILITY_STATUS, 0.95),
}
WORK = {"employer": K.CURRENT_COMPANY, "jobfunction": K.CURRENT_TITLE}
EDUCATION = {
    "institution": K.EDUCATION_SCHOOL,
    "degree": K.EDUCATION_DEGREE,
    "program": K.EDUCATION_DISCIPLINE,
    "graduationyear": K.EDUCATION_GRADUATION_YEAR,
}


def map_field(field: Field) -> FieldMapping | None:
    i = fid(field)

    def m(key: K, conf: float, why: str) -> FieldMapping:
        return FieldMapping(ref=field.ref, key=key, confidence=conf, reason=f"taleo {why}")

    pos = row_of(field)
    if pos is not None:
        part = pos.part.lower()
        table = WORK if pos.section == "work" else EDUCATION
        if pos.index == 0 and part in table:
            return m(table[part], 0.9, f"{pos.section} block 1 {pos.part}")
        return m(
            K.QUESTION, 0.97, f"{pos.section} block {pos.index + 1} {pos.part}: filled by the Taleo flow"
        )
    pm = _PERSONAL.search(i)
    if pm:
        rule = PERSONAL.get(pm["field"].lower())
        return m(rule[0], rule[1], f"personal info {pm['field']}") if rule else None
    if i.endswith("recruitmentSourceDP"):
        return m(K.REFERRAL_SOURCE, 0.93, "source tracking")
    if i.endswith("resumeUploadInput"):
        return m(K.RESUME, 0.95, "resume upload (parsed into the profile)")
    if i.endswith("esig-fullName"):
        return m(K.FULL_NAME, 0.95, "e-signature")
    if i.startswith("dialogTemplate-dialogForm-"):
        tail = i.rsplit("-", 1)[1].lower()
        if tail in ("email", "emailconfirm"):
            return m(K.EMAIL, 0.97, "account e-mail")
        return m(K.UNKNOWN, 0.99, f"account {tail}: typed by the flow")
    if field.type == "password":
        return m(K.UNKNOWN, 0.99, "password: typed by the flow")
    if i.startswith(SEARCH_PREFIXES):
        return m(K.UNKNOWN, 0.99, "job search")
    return None


def map_snapshot(snapshot: FormSnapshot) -> list[FieldMapping]:
    return [mm for f in snapshot.fields if (mm := map_field(f)) is not None]


# --- detection ------------------------------------------------------------------------------

URL_ONLY = 0.9
URL_AND_MARKUP = 0.98
FRAMED = 0.94
PAGE_ALONE = 0.85
PAGE_WEAK = 0.72


def detect(url: str, snapshot: FormSnapshot | None) -> Detection | None:
    host = host_of(url)
    if host in ("taleo.net", "www.taleo.net") or host.endswith((".oracle.com",)) or host == "oracle.com":
        return None
    zone = parse(url)
    own = evidence(snapshot) if snapshot is not None else frozenset()
    if zone is not None:
        return Detection(
            ats=ATS,
            confidence=URL_AND_MARKUP if own else URL_ONLY,
            company=zone.zone,
            job_id=zone.job_id,
            reason=f"Taleo career section on {zone.host}"
            + (f"; {', '.join(sorted(own)[:3])}" if own else ""),
        )
    if snapshot is None:
        return None
    for frame in snapshot.frames:
        framed = parse(frame.url)
        if framed is not None:
            return Detection(
                ats=ATS,
                confidence=FRAMED,
                company=framed.zone,
                job_id=framed.job_id,
                reason="Taleo in a frame",
            )
    if len(own) >= 2:
        return Detection(ats=ATS, confidence=PAGE_ALONE, reason="Taleo markup: " + ", ".join(sorted(own)))
    if own:
        return Detection(ats=ATS, confidence=PAGE_WEAK, reason="a hint of Taleo: " + ", ".join(sorted(own)))
    return None


def button(snapshot: FormSnapshot, *texts: str) -> Button | None:
    for t in (x.lower() for x in texts):
        for b in snapshot.buttons:
            if (b.text or b.attrs.get("value", "")).strip().lower() == t and b.visible and not b.disabled:
                return b
    return None

"""Oracle Recruiting Cloud markup -> vocabulary, and detection.

The apply flow names its standard inputs after the person attributes they hold
(``lastName``, ``firstName``, ``middleNames``, ``email``, ``addressLine1``, ``postalCode``,
``fullName`` for the e-signature), the phone row's dial-code picker
(``country-codes-dropdown<name>``) and number box (``phone-row__input``), the regulatory
questions ``ORA_<QUESTION>`` names. Questions the employer wrote carry numeric ids: the
generic mapper reads their labels. The e-mail step's honeypot, the PIN box (the flow asks the
person), the job-search boxes and the timeline editor's inputs (filled by the flow) are not
planned.
"""

from __future__ import annotations

from jobpilot.builtin.ats_hosts import vendor_site
from jobpilot.models.mapping import Detection, FieldMapping
from jobpilot.models.snapshot import Field, FormSnapshot
from jobpilot.vocabulary import FieldKey as K

from jobpilot_ats_oracle import markup

ATS = "oracle"
LEAVE = (K.UNKNOWN, 0.99)
TABLE: dict[str, tuple[K, float]] = {
    "lastname": (K.LAST_NAME, 0.97),
    "firstname": (K.FIRST_NAME, 0.97),
    "middlenames": (K.MIDDLE_NAME, 0.95),
    "knownas": (K.PREFERRED_NAME, 0.93),
    "email": (K.EMAIL, 0.97),
    "primary-email": (K.EMAIL, 0.97),
    "addressline1": (K.ADDRESS_STREET, 0.95),
    "addressline2": (K.ADDRESS_STREET, 0.9),
    "city": (K.ADDRESS_CITY, 0.95),
    "townorcity": (K.ADDRESS_CITY, 0.95),
    "region1": (K.ADDRESS_REGION, 0.9),
    "region2": (K.ADDRESS_REGION, 0.93),
    "postalcode": (K.ADDRESS_POSTAL_CODE, 0.95),
    "country": (K.ADDRESS_COUNTRY, 0.95),
    "fullname": (K.FULL_NAME, 0.95),
    "honey-pot": LEAVE,
    "pin-code": LEAVE,
    "keyword": LEAVE,
    "location": LEAVE,
}
ORA: tuple[tuple[str, K], ...] = (
    ("ORA_DISABILITY", K.EEO_DISABILITY_STATUS),
    ("ORA_VETERAN", K.EEO_VETERAN_STATUS),
    ("ORA_GENDER", K.EEO_GENDER),
    ("ORA_SEX", K.EEO_GENDER),
    ("ORA_RACE", K.EEO_RACE),
)
URL_ONLY = 0.9
URL_AND_MARKUP = 0.98
FRAMED = 0.94
PAGE_ALONE = 0.85
PAGE_WEAK = 0.72


def map_field(field: Field) -> FieldMapping | None:
    n = markup.name(field)
    fid = field.id or ""

    def m(key: K, conf: float, why: str) -> FieldMapping:
        return FieldMapping(ref=field.ref, key=key, confidence=conf, reason=f"oracle {why}")

    if markup.in_timeline_editor(field):
        return m(K.QUESTION, 0.97, f"{n}: a timeline entry, filled by the Oracle flow")
    if fid.startswith("country-codes-dropdown"):
        return m(K.ADDRESS_COUNTRY, 0.93, "the phone number's dial-code picker")
    if "phone-row__input" in field.attrs.get("class", ""):
        return m(K.PHONE, 0.95, "the phone row's number box")
    if fid == "legal-disclaimer-checkbox":
        return m(K.CONSENT, 0.95, "the terms and conditions of the application")
    if field.attrs.get("data-qa") in ("searchKeywordsInput", "searchLocationInput"):
        return m(K.UNKNOWN, 0.99, "job search")
    for prefix, key in ORA:
        if prefix in n:
            return m(key, 0.95, f"{n}: regulatory question")
    if "ORA_ETHNICITY" in n:
        options = " ".join(o.text.lower() for o in field.options)
        return m(
            K.EEO_HISPANIC_LATINO if "hispanic" in options else K.EEO_RACE, 0.93, f"{n}: regulatory question"
        )
    rule = TABLE.get(n.lower())
    if rule is not None:
        return m(rule[0], rule[1], n)
    return None


def map_snapshot(snapshot: FormSnapshot) -> list[FieldMapping]:
    return [mm for f in snapshot.fields if (mm := map_field(f)) is not None]


def _framed_form(snapshot: FormSnapshot | None) -> bool:
    if snapshot is None:
        return False
    paths = {f.path for f in snapshot.frames if markup.parse(f.url) is not None}
    return any(f.frame in paths and map_field(f) is not None for f in snapshot.fields)


def detect(url: str, snapshot: FormSnapshot | None) -> Detection | None:
    """Oracle Recruiting Cloud by Candidate Experience URL (0.9, 0.98 with its markup), a
    framed site (0.94), or the page alone (0.85 / 0.72). Oracle's own sites are marketing."""
    host = markup.host_of(url)
    if (host == "oracle.com" or host.endswith(".oracle.com")) and not _framed_form(snapshot):
        return None
    if vendor_site(host) is not None:
        return None
    site = markup.parse(url)
    ev = markup.evidence(snapshot) if snapshot is not None else markup.Evidence(frozenset())
    if site is not None:
        conf = URL_AND_MARKUP if ev.own else URL_ONLY
        why = f"Oracle Candidate Experience {site.tenant_key}" + (
            f"; {', '.join(sorted(ev.own)[:3])}" if ev.own else ""
        )
        return Detection(ats=ATS, confidence=conf, company=site.pod, job_id=site.job_id, reason=why)
    if snapshot is None:
        return None
    for frame in snapshot.frames:
        framed = markup.parse(frame.url)
        if framed is not None:
            return Detection(
                ats=ATS,
                confidence=FRAMED,
                company=framed.pod,
                job_id=framed.job_id,
                reason="Oracle site in a frame",
            )
    if ev.strong:
        return Detection(
            ats=ATS, confidence=PAGE_ALONE, reason="Oracle CX markup: " + ", ".join(sorted(ev.own)[:4])
        )
    if ev.own:
        return Detection(
            ats=ATS, confidence=PAGE_WEAK, reason="a hint of Oracle CX: " + ", ".join(sorted(ev.own))
        )
    return None

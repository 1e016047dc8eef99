"""Which ATS a page is when its address says nothing: frames, scripts and markup.

A company's careers domain may embed the ATS in an iframe, load its widget script, proxy
its pages, or be a saved copy with no address at all. This plugin answers for every ATS of
the host table (:data:`jobpilot.builtin.ats_hosts.HOSTS`):

* a frame or script served from one ATS's application hosts or asset CDN -> 0.7;
* the ATS front-end's own markup -> 0.75: at least two *independent* conventions of that
  ATS's form (:data:`SIGNATURES`: the names, ids, classes, test hooks and meta tags its
  front-end writes and no other does), so a stray class name or one borrowed id
  (``#first_name``) is never enough.

It always answers below the page-URL table (0.8) and below the adapters that read the page
(0.85+), so an installed adapter's finer judgement wins.

On a vendor's own site (www.greenhouse.com/careers with the board script, www.lever.co/careers
with a jobs.lever.co frame, www.ashbyhq.com/careers with the embed script: the shared
:data:`jobpilot.builtin.ats_hosts.VENDOR_DOMAINS`) it never answers. Such pages are
marketing that happens to list the vendor's jobs; whether a real application form of that
ATS is on the page is a question only the ATS's adapter can answer, from that form's markup.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from jobpilot import hookimpl
from jobpilot.builtin.ats_hosts import ats_for_host, vendor_site
from jobpilot.models.mapping import Detection
from jobpilot.models.snapshot import FormSnapshot

ASSET_HOSTS: tuple[tuple[str, str], ...] = (
    (r"assets\.cdn\.personio\.de", "personio"),
    (r"assets-cdn\.breezy\.hr", "breezy"),
    (r"cdn\d*\.icims\.com", "icims"),
    (r"cdn\.ashbyprd\.com", "ashby"),
    (r"js-www\.smartrecruiters\.com|c\.smartrecruiters\.com", "smartrecruiters"),
    (r"[\w-]+\.teamtailor-cdn\.com", "teamtailor"),
    (r"[\w-]+\.recruiteecdn\.com", "recruitee"),
    (r"[\w-]+\.myworkdaycdn\.com", "workday"),
)
"""Asset CDNs an ATS serves its front-end from (seen on the real pages): a script from one
of them means the page runs that ATS's front-end. Application hosts come from the host
table; vendors' marketing hosts (www., help., ...) are neither."""
_ASSETS = tuple((re.compile(rf"^(?:{p})$"), slug) for p, slug in ASSET_HOSTS)


@dataclass(frozen=True)
class Marker:
    """One convention of an ATS's front-end. ``kind`` says where it is looked for:

    ``name``/``id``: a field's (or group member's) name/id; ``eid``: an element id anywhere
    in the document; ``cls``: a class of a field, of its wrappers or of its form; ``hook``:
    a test hook ``attr=value`` (data-qa, data-ui, data-testid, data-automation-id, data-cy)
    on a field, its wrappers or a button; ``meta``: ``name=content`` of a meta tag;
    ``tag``: a custom element wrapping a field; ``path``: the path of a script or frame
    address (whatever its host: a proxy or a saved page serves it from the company's).
    """

    kind: str
    pattern: re.Pattern[str]

    def __str__(self) -> str:
        return f"{self.kind} /{self.pattern.pattern}/"


def _m(kind: str, pattern: str) -> Marker:
    return Marker(kind, re.compile(pattern))


SIGNATURES: dict[str, tuple[Marker, ...]] = {
    "greenhouse": (
        _m("name", r"^job_application\["),
        _m("id", r"^question_\d{6,}(\[\])?$"),
        _m("cls", r"^application--(form|questions|container)$"),
        _m("eid", r"^grnhse_(app|iframe)$"),
        _m("id", r"^s3_upload_for_(resume|cover_letter)$"),
        _m("eid", r"^(department|office)-filter$"),
        _m("eid", r"^react-portal-mount-point$"),
    ),
    "lever": (
        _m("name", r"^cards\[[0-9a-f-]{36}\]\[field\d+\]"),
        _m("name", r"^surveysResponses\[[0-9a-f-]{36}\]"),
        _m("name", r"^urls\[(LinkedIn|GitHub|Twitter|Portfolio|Other)\]$"),
        _m("name", r"^eeo\[(gender|race|veteran|disability)"),
        _m("hook", r"^data-qa=(input-resume|org-input|additional-cards|eeo-section|location-input)$"),
    ),
    "ashby": (
        _m("id", r"^_systemfield_(name|email|resume|phone|location)$"),
        _m("cls", r"^ashby-application-form-(container|field-entry|section-container)$"),
        _m("cls", r"^ashby-job-posting-"),
        _m("name", r"__systemfield_eeoc_"),
    ),
    "workday": (
        _m("hook", r"^data-automation-id=(beecatcher|createAccountCheckbox|createAccountSubmitButton|"
           r"utilityButtonSignIn|legalNoticeAcceptButton|file-upload-input-ref|bottom-navigation-next-button|"
           r"hammyMenuIcon|formField-[\w-]+|signInLink|verifyPassword|applyManually|autofillWithResume)$"),
        _m("eid", r"^accessibilitySkipToMainContent$"),
        _m("hook", r"^data-automation-id=(email|password|firstName|lastName|addressLine1|phone-number)$"),
    ),
    "smartrecruiters": (
        _m("cls", r"^c?-?spl-"),
        _m("eid", r"^spl-form-element_\d+$"),
        _m("id", r"^(first-name|last-name|confirm-email|hiring-manager-message|linkedin)-input$"),
        _m("tag", r"^(spl|oc)-[a-z-]+$"),
    ),
    "icims": (
        _m("cls", r"^iCIMS_"),
        _m("eid", r"^(iCIMS_|icims_)"),
        _m("eid", r"^jsb_(form_submit_i|f_keywords_i)$"),
    ),
    "taleo": (
        _m("eid", r"^(requisitionListInterface|topNavInterface|saveSearchInterface|applyFlow|"
           r"languageSelectInterface|bottomBarInterface)\b"),
        _m("eid", r"^(ftlhiddenframe|sessionWarningOK|sessionTerminatedId|facetedSearchBody)$"),
        _m("cls", r"^ftl(multi|row)$"),
        _m("name", r"^(jobNumberSearch)$"),
        _m("path", r"^/careersection/[\w.-]+/(js|css)/"),
    ),
    "oracle": (
        _m("cls", r"^(apply-flow-block|apply-flow-section|standard-apply-flow|apply-flow__content)"),
        _m("cls", r"^input-row(__control|__control-container|--text|--radiogroup)$"),
        _m("cls", r"^cx-select-"),
        _m("eid", r"^labelText-[\w-]+-\d+$"),
        _m("eid", r"(^|-)ORA_[A-Z_]{4,}"),
        _m("cls", r"^oj-(text-field|form-control|component|textarea|select)\b"),
        _m("eid", r"^oda-"),
        _m("hook", r"^data-qa=(searchKeywordsInput|applyFlow\w*)$"),
    ),
    "jobvite": (
        _m("cls", r"^jv-(form|search|page|wrapper|form-field|application)"),
        _m("eid", r"^jv-"),
        _m("id", r"^jv-"),
    ),
    "successfactors": (
        _m("eid", r"^(career_job_req_id|career_company|rcmcareerThemingCss|renderCareerTopNav|"
           r"jobAlertController_jobAlertId)$"),
        _m("eid", r"^(sap-ui-bootstrap|rcm_site_locale_flag|career_os|career_ns)$"),
        _m("cls", r"^(sfDialogBox|rcmFormField|sf-\w+)$"),
    ),
    "bamboohr": (
        _m("cls", r"^(BambooHR|fab-)"),
        _m("eid", r"^(BambooHR|fabApp)"),
        _m("meta", r"^(og:site_name|application-name)=BambooHR"),
    ),
    "workable": (
        _m("hook", r"^data-ui=(application-form|resume|firstname|lastname|email|avatar|cover_letter|"
           r"headline|summary|phone|address|gdpr)$"),
        _m("name", r"^(CA|QA)_\d+$"),
        _m("id", r"^input_files_input"),
        _m("eid", r"^(firstname|lastname)_label$"),
    ),
    "recruitee": (
        _m("name", r"^candidate\.(name|email|phone|cv|coverLetterFile|photo|openQuestionAnswers)"),
        _m("hook", r"^data-testid=submit-application-form-button$"),
        _m("eid", r"^offer-(section|application-form)$"),
        _m("hook", r"^data-cy=(fileInputField|candidate\.\w+)$"),
    ),
    "teamtailor": (
        _m("name", r"^candidate\[(first_name|last_name|email|phone|resume|consent_given|answers_attributes|"
           r"location_ids|cover_letter)\b"),
        _m("cls", r"^z-cookie-alert$"),
        _m("hook", r"^data-common--cookies--preferences-target="),
        _m("meta", r"^turbo-(prefetch|cache-control)="),
    ),
    "breezy": (
        _m("name", r"^c(Name|Email|PhoneNumber|Resume|Address|Summary|CoverLetter)$"),
        _m("eid", r"^heroBackground(Image|Color)$"),
        _m("eid", r"^(translateScript|resume_required)$"),
        _m("meta", r"^twitter:(site|creator)=@Breezy_HR$"),
        _m("id", r"^section_\d+_question_\d+"),
    ),
    "personio": (
        _m("id", r"^field-(first_name|last_name|email|phone|available_from|salary_expectations)$"),
        _m("name", r"^documents\.(cv|cover-letter|other|work-sample)$"),
        _m("cls", r"^(dynamic-form-wrapper|document-(field|input)-wrapper|name-group-inputs?)$"),
        _m("eid", r"^doc-(label|input)-cv$"),
    ),
    "rippling": (
        _m("eid", r"^rippling-client-config$"),
        _m("hook", r"^data-testid=(input|radio|select)-(first_name|last_name|email|resume|current_company|"
           r"customQuestions\.\S+)$"),
        _m("name", r"^customQuestions\.[0-9a-f]{24}\."),
    ),
}
"""Per ATS, conventions of its application front-end that no other front-end shares (read
from the real pages of both corpora; a marker that showed on another ATS's pages or on a
company's own form is not here). Markup evidence needs two distinct markers of one ATS."""

_MIN_MARKERS = 2
_HOOKS = ("data-qa", "data-ui", "data-testid", "data-automation-id", "data-cy")


def _classes(value: str | None) -> list[str]:
    return value.split() if value else []


def page_facts(snapshot: FormSnapshot) -> dict[str, set[str]]:
    """The page's names, ids, element ids, classes, test hooks, meta tags and wrapper tags,
    by marker kind (what :data:`SIGNATURES` are matched against)."""
    kinds = ("name", "id", "eid", "cls", "hook", "meta", "tag", "path")
    facts: dict[str, set[str]] = {k: set() for k in kinds}
    for f in snapshot.fields:
        facts["name"].update(n for n in [f.name, *(m.name for m in f.members)] if n)
        facts["id"].update(i for i in [f.id, *(m.id for m in f.members)] if i)
        facts["cls"].update(_classes(f.attrs.get("class")))
        facts["tag"].add(f.tag)
        for h in _HOOKS:
            if f.attrs.get(h):
                facts["hook"].add(f"{h}={f.attrs[h]}")
        for a in f.ancestors:
            facts["cls"].update(_classes(a.get("class")))
            facts["tag"].add(a.get("tag", ""))
            for key, value in a.items():
                if key.startswith("data-") and (key in _HOOKS or key.startswith("data-common--")):
                    facts["hook"].add(f"{key}={value}")
    for b in snapshot.buttons:
        for h in _HOOKS:
            if b.attrs.get(h):
                facts["hook"].add(f"{h}={b.attrs[h]}")
    for form in snapshot.forms:
        facts["cls"].update(_classes(form.attrs.get("class")))
        if form.id:
            facts["eid"].add(form.id)
    facts["eid"].update(snapshot.element_ids)
    facts["meta"].update(f"{k}={v}" for k, v in snapshot.meta.items())
    for url in _urls(snapshot):
        try:
            facts["path"].add(urlsplit(url).path or "/")
        except ValueError:
            continue
    return facts


def markers_found(slug: str, facts: dict[str, set[str]]) -> list[Marker]:
    """The markers of ``slug`` that the page shows."""
    return [m for m in SIGNATURES.get(slug, ()) if any(m.pattern.search(v) for v in facts[m.kind])]


def from_markup(snapshot: FormSnapshot) -> tuple[str, list[Marker]] | None:
    """The one ATS whose front-end conventions show at least twice (distinct markers), with
    them; None when no ATS does, or when two ATSes tie (a page quoting both is no form of
    either)."""
    facts = page_facts(snapshot)
    found = {slug: markers_found(slug, facts) for slug in SIGNATURES}
    scored = sorted(
        ((len(m), slug, m) for slug, m in found.items() if len(m) >= _MIN_MARKERS), key=lambda t: -t[0]
    )
    if not scored or (len(scored) > 1 and scored[0][0] == scored[1][0]):
        return None
    return scored[0][1], scored[0][2]


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower().rstrip(".")
    except ValueError:
        return ""


def _asset_ats(host: str) -> str | None:
    """The ATS whose application host or asset CDN ``host`` is; None for anything else,
    the vendors' marketing and help hosts (www.greenhouse.com) included."""
    if not host:
        return None
    slug = ats_for_host(host)
    if slug is not None:
        return slug
    return next((s for rx, s in _ASSETS if rx.match(host)), None)


def from_embedded_urls(snapshot: FormSnapshot) -> str | None:
    """The one ATS whose hosts serve the page's frames or scripts; None when there is none,
    or more than one (a page naming two ATSes is a list of links, not an embed)."""
    found = {slug for url in _urls(snapshot) if (slug := _asset_ats(_host(url))) is not None}
    return found.pop() if len(found) == 1 else None


def _urls(snapshot: FormSnapshot) -> Iterable[str]:
    yield from (f.url for f in snapshot.frames)
    yield from snapshot.scripts


@hookimpl
def detect_ats(url: str, snapshot: FormSnapshot | None) -> Detection | None:
    """Markup (0.75) or frame/script (0.7) evidence on a page whose address says nothing."""
    if snapshot is None:
        return None
    if vendor_site(_host(url)) is not None:
        return None
    markup = from_markup(snapshot)
    if markup is not None:
        slug, found = markup
        return Detection(
            ats=slug,
            confidence=0.75,
            reason="the ATS's own markup: " + ", ".join(str(m) for m in found[:3]),
        )
    embedded = from_embedded_urls(snapshot)
    if embedded is not None:
        return Detection(ats=embedded, confidence=0.7, reason="frame or script from the ATS's host")
    return None

# ruff: noqa: E501  (HTML templates read better unwrapped)
"""HTML of the iCIMS replica: an invented employer (Brightlane Health) on a classic iCIMS
career portal, written from the markup conventions the real captures show and, for the steps
no capture shows, from iCIMS's candidate documentation (see ``README.md``).

Classic iCIMS portals are server-rendered: every step is its own document, posted with a
normal form submit, and every portal URL exists twice: without ``in_iframe=1`` it is the
employer's branded page holding ``iframe#icims_content_iframe``, with it the iCIMS content
itself (``iCIMS_MainWrapper``, ``iCIMS_*`` classes, ``iCIMS_PrimaryButton`` submits).
Functions here only render; ``server.py`` keeps the state.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from html import escape
from typing import Any

COMPANY = "Brightlane Health"
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
COUNTRIES = (("US", "United States"), ("CA", "Canada"), ("GB", "United Kingdom"), ("DE", "Germany"))
STATES = (
    ("AZ", "Arizona"),
    ("CA", "California"),
    ("NY", "New York"),
    ("OR", "Oregon"),
    ("TX", "Texas"),
    ("WA", "Washington"),
)
DEGREES = (
    "High School Diploma",
    "Associate's Degree",
    "Bachelor's Degree",
    "Master's Degree",
    "Doctorate",
)
P = "-1_PersonProfileFields."
"""iCIMS names a new person's profile fields ``-1_PersonProfileFields.<Field>``."""

QUESTIONS: tuple[dict[str, Any], ...] = (
    {
        "id": "rcf1101",
        "label": "Are you legally authorized to work in the United States?",
        "kind": "select",
        "options": ("Yes", "No"),
        "required": True,
    },
    {
        "id": "rcf1102",
        "label": "Will you now or in the future require sponsorship for employment visa status (e.g., H-1B)?",
        "kind": "radio",
        "options": ("Yes", "No"),
        "required": True,
    },
    {
        "id": "rcf1103",
        "label": "What are your salary expectations for this role (annual, USD)?",
        "kind": "text",
        "required": True,
    },
    {
        "id": "rcf1104",
        "label": "How did you hear about this position?",
        "kind": "select",
        "options": ("Company Website", "Indeed", "LinkedIn", "Employee Referral", "Other"),
        "required": True,
    },
    {
        "id": "rcf1105",
        "label": "Are you willing to relocate?",
        "kind": "radio",
        "options": ("Yes", "No"),
        "required": False,
    },
    {"id": "rcf1106", "label": "Why do you want to work here?", "kind": "textarea", "required": True},
    {"id": "rcf1107", "label": "When are you available to start?", "kind": "text", "required": False},
)
"""Screening questions: iCIMS custom fields (``rcf<number>``), invented numbers."""

EEO: tuple[dict[str, Any], ...] = (
    {
        "id": "eeo_gender",
        "name": P + "EEOGender",
        "label": "Gender",
        "options": ("Male", "Female", "I do not wish to self-identify"),
    },
    {
        "id": "eeo_hispanic",
        "name": P + "EEOHispanicLatino",
        "label": "Are you Hispanic or Latino?",
        "radio": True,
        "options": ("Yes", "No", "I do not wish to self-identify"),
    },
    {
        "id": "eeo_race",
        "name": P + "EEORace",
        "label": "Race",
        "options": (
            "American Indian or Alaska Native",
            "Asian",
            "Black or African American",
            "Native Hawaiian or Other Pacific Islander",
            "White",
            "Two or More Races",
            "I do not wish to self-identify",
        ),
    },
    {
        "id": "eeo_veteran",
        "name": P + "EEOVeteranStatus",
        "label": "Veteran Status",
        "options": (
            "I identify as one or more of the classifications of protected veteran",
            "I am not a protected veteran",
            "I do not wish to self-identify",
        ),
    },
    {
        "id": "eeo_disability",
        "name": P + "EEODisabilityStatus",
        "label": "Disability Status",
        "options": (
            "Yes, I have a disability (or previously had a disability)",
            "No, I do not have a disability",
            "I do not want to answer",
        ),
    },
)


def e(value: object) -> str:
    return escape(str(value if value is not None else ""), quote=True)


# --- page frames ------------------------------------------------------------------------


def outer(*, title: str, inner_src: str) -> str:
    """The employer's branded page: header, the iCIMS content iframe, footer. The iframe
    grows to its content (the portal's resize messages, here a same-origin script)."""
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{e(title)} | {COMPANY} Careers</title>
<link rel="stylesheet" href="/replica-static/portal.css"></head>
<body class="bl-site">
<header class="bl-header"><a class="bl-logo" href="/">{COMPANY}</a>
<nav><a href="/jobs/search?ss=1">Search jobs</a> <a href="/jobs/login?loginOnly=1">Log back in!</a></nav></header>
<div id="icims_iframe_span" class="bl-portal">
<iframe id="icims_content_iframe" name="icims_content_iframe" title="iCIMS Content iFrame"
 src="{e(inner_src)}" style="width:100%;border:none" height="900" scrolling="no"></iframe>
</div>
<footer class="bl-footer">&copy; {COMPANY}. Equal opportunity employer.</footer>
<script src="/replica-static/outer.js"></script>
</body></html>"""


def company_page(*, inner_src: str) -> str:
    """The employer's own careers domain framing the portal (a cross-origin iframe)."""
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Careers at {COMPANY}</title>
<link rel="stylesheet" href="/replica-static/portal.css"></head>
<body class="bl-site"><header class="bl-header"><span class="bl-logo">{COMPANY}</span></header>
<main><h1>Join our team</h1>
<form class="bl-newsletter" action="/company/newsletter" method="post">
<label for="nl-email">Get job alerts by e-mail</label><input id="nl-email" name="nl_email" type="email">
<button type="submit">Subscribe</button></form>
<iframe id="icims_content_iframe" name="icims_content_iframe" title="iCIMS Content iFrame"
 src="{e(inner_src)}" style="width:100%;border:none" height="1400"></iframe></main>
</body></html>"""


def inner(*, title: str, page_class: str, body: str, heading: str) -> str:
    """An iCIMS content document (what ``?in_iframe=1`` serves)."""
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{e(title)}</title>
<link rel="stylesheet" href="/replica-static/portal.css"></head>
<body class="iCIMS_Body">
<a id="icims_skipLink2" class="iCIMS_SkipLink" href="#iCIMS_Header">Skip to Main Content</a>
<div class="iCIMS_MainWrapper {page_class}">
<div id="iCIMS_Header" class="iCIMS_HeaderWrapper" tabindex="-1"><h1 class="iCIMS_Header">{e(heading)}</h1></div>
{body}
<div class="iCIMS_Logo"><p class="iCIMS_Logo_Text">Software Powered by iCIMS</p></div>
</div>
<script src="/replica-static/portal.js"></script>
</body></html>"""


Errors = Sequence[tuple[str, str]]
"""Validation errors: (control id, message)."""


def _errors(errors: Errors) -> str:
    if not errors:
        return '<div id="iCIMS_ErrorMessage" class="iCIMS_Message iCIMS_ErrorMessage NoDisplay"></div>'
    items = "".join(f'<li id="err-{e(fid)}">{e(m)}</li>' for fid, m in errors)
    return (
        '<div id="iCIMS_ErrorMessage" class="iCIMS_Message iCIMS_ErrorMessage" role="alert" tabindex="-1">'
        f'<div class="iCIMS_ErrorMsgTitle">Please correct the following errors:</div><ul>{items}</ul></div>'
    )


def mark_errors(html: str, errors: Errors) -> str:
    """Point each invalid control at its message (``aria-invalid`` + ``aria-describedby``),
    the accessible pattern the portal uses for its error box."""
    for fid, _ in errors:
        token = f'id="{e(fid)}"'
        html = html.replace(token, f'{token} aria-invalid="true" aria-describedby="err-{e(fid)}"', 1)
    return html


# --- steps ------------------------------------------------------------------------------


def job(*, job_title: str, login_href: str) -> str:
    body = f"""<div class="iCIMS_JobContainer">
<div class="iCIMS_JobHeaderGroup"><dl><dt>Job ID</dt><dd>2026-4521</dd><dt>Location</dt><dd>Portland, OR</dd></dl></div>
<div class="iCIMS_JobContent"><h2 class="iCIMS_InfoMsg_Job">Overview</h2>
<p>Brightlane Health builds the scheduling platform our clinics run on. As a {e(job_title)} you will
own the services that book, move and remind two million appointments a month.</p>
<h2 class="iCIMS_InfoMsg_Job">Responsibilities</h2><ul><li>Design and run backend services.</li>
<li>Keep data pipelines reliable.</li></ul></div>
<div class="iCIMS_JobOptions">
<a class="iCIMS_ApplyOnlineButton iCIMS_PrimaryButton" href="{e(login_href)}"
 title="Apply for this job online">Apply for this job online</a>
<a class="iCIMS_Action_Button" href="#share">Share</a></div></div>"""
    return inner(title=job_title, page_class="iCIMS_JobPage", body=body, heading=job_title)


def login_email(*, action: str, email: str = "", errors: Errors = ()) -> str:
    body = f"""{_errors(errors)}
<div class="container-fluid iCIMS_SignUpContainer"><div class="modal-content modal-body">
<form id="enterEmailForm" class="iCIMS_SignIn" method="post" enctype="multipart/form-data" action="{e(action)}">
<label for="email">Email</label>
<input type="email" autocomplete="email" id="email" name="css_loginName" class="form-control" value="{e(email)}">
<div id="gdpr_container"><div id="gdpr_legal_text" class="gdpr_wrapper">
<p class="gdpr_candidateNotification">{COMPANY} processes the personal data you give in this application to
assess it, as described in our Applicant Privacy Notice.</p></div>
<div class="checkbox gdpr_wrapper"><label for="accept_gdpr">
<input type="checkbox" id="accept_gdpr" name="accept_gdpr" value="1" aria-required="true"
 aria-describedby="icims_accept_gdpr_desc"> I accept</label>
<span id="icims_accept_gdpr_desc" class="sr-only">You must accept the privacy notice before you can continue.</span>
</div></div>
<input id="enterEmailSubmitButton" type="submit" class="iCIMS_PrimaryButton gdprAnswerSubmitButton" value="Next" disabled>
</form></div></div>"""
    return inner(
        title="Login",
        page_class="iCIMS_LoginPage",
        body=mark_errors(body, errors),
        heading="Enter Your Information",
    )


def login_password(*, action: str, email: str, errors: Errors = ()) -> str:
    body = f"""{_errors(errors)}
<div class="container-fluid iCIMS_SignUpContainer"><div class="modal-content modal-body">
<p class="iCIMS_InfoMsg">Welcome back! Enter the password of your {COMPANY} candidate account.</p>
<form id="enterPasswordForm" class="iCIMS_SignIn" method="post" enctype="multipart/form-data" action="{e(action)}">
<label for="loginEmail">Email</label>
<input type="email" id="loginEmail" name="css_loginName" class="form-control" value="{e(email)}" readonly>
<label for="password">Password</label>
<input type="password" id="password" name="css_password" class="form-control" autocomplete="current-password">
<a class="iCIMS_Anchor" href="#forgot">Forgot your password?</a>
<input id="enterPasswordSubmitButton" type="submit" class="iCIMS_PrimaryButton" value="Log In">
</form></div></div>"""
    return inner(
        title="Login", page_class="iCIMS_LoginPage", body=mark_errors(body, errors), heading="Log In"
    )


def _row(label: str, control: str, *, fid: str, required: bool = False, hint: str = "") -> str:
    star = ' <span class="Field_RequiredStar" aria-hidden="true">*</span>' if required else ""
    hint_html = f'<div class="iCIMS_InfoMsg_Hint">{e(hint)}</div>' if hint else ""
    return (
        f'<div class="iCIMS_TableRow"><div class="iCIMS_InfoField">'
        f'<label for="{e(fid)}">{e(label)}{star}</label></div>'
        f'<div class="iCIMS_InfoData">{control}{hint_html}</div></div>'
    )


def _text(fid: str, value: str = "", *, required: bool = False, kind: str = "text", extra: str = "") -> str:
    req = ' aria-required="true"' if required else ""
    return (
        f'<input type="{kind}" id="{e(fid)}" name="{e(fid)}" class="iCIMS_Forms_Text form-control" '
        f'value="{e(value)}"{req}{extra}>'
    )


def _select(
    fid: str,
    options: Iterable[tuple[str, str]],
    value: str = "",
    *,
    required: bool = False,
    blank: str = "(Select)",
) -> str:
    req = ' aria-required="true"' if required else ""
    opts = [f'<option value="">{e(blank)}</option>']
    for v, t in options:
        sel = " selected" if v == value else ""
        opts.append(f'<option value="{e(v)}"{sel}>{e(t)}</option>')
    return f'<select id="{e(fid)}" name="{e(fid)}" class="iCIMS_Forms_Select form-control"{req}>{"".join(opts)}</select>'


def _pairs(values: Iterable[str]) -> list[tuple[str, str]]:
    return [(v, v) for v in values]


def work_row(n: int, row: Mapping[str, Any]) -> str:
    f = f"-1_WorkExperience_{n}_"
    months = [(f"{i:02d}", m) for i, m in enumerate(MONTHS, start=1)]
    current = " checked" if row.get("current") else ""
    return f"""<fieldset class="iCIMS_MultiEntry iCIMS_WorkExperienceEntry" data-entry="{n}">
<legend>Work Experience {n + 1}</legend>
{_row("Employer", _text(f + "Employer", row.get("employer", ""), required=True), fid=f + "Employer", required=True)}
{_row("Job Title", _text(f + "JobTitle", row.get("title", ""), required=True), fid=f + "JobTitle", required=True)}
{_row("Start Month", _select(f + "StartMonth", months, row.get("start_month", ""), blank="Month"), fid=f + "StartMonth")}
{_row("Start Year", _text(f + "StartYear", row.get("start_year", ""), extra=' maxlength="4" inputmode="numeric"'), fid=f + "StartYear")}
{_row("End Month", _select(f + "EndMonth", months, row.get("end_month", ""), blank="Month"), fid=f + "EndMonth")}
{_row("End Year", _text(f + "EndYear", row.get("end_year", ""), extra=' maxlength="4" inputmode="numeric"'), fid=f + "EndYear")}
<div class="iCIMS_TableRow"><div class="iCIMS_InfoData"><label for="{f}Current">
<input type="checkbox" id="{f}Current" name="{f}Current" value="1"{current}> I currently work here</label></div></div>
<button type="button" class="iCIMS_RemoveEntry iCIMS_SecondaryButton" data-remove="{n}">Remove Work Experience {n + 1}</button>
</fieldset>"""


def education_row(n: int, row: Mapping[str, Any]) -> str:
    f = f"-1_Education_{n}_"
    return f"""<fieldset class="iCIMS_MultiEntry iCIMS_EducationEntry" data-entry="{n}">
<legend>Education {n + 1}</legend>
{_row("School", _text(f + "School", row.get("school", ""), required=True), fid=f + "School", required=True)}
{_row("Degree", _select(f + "Degree", _pairs(DEGREES), row.get("degree", "")), fid=f + "Degree")}
{_row("Major / Field of Study", _text(f + "Major", row.get("major", "")), fid=f + "Major")}
{_row("Graduation Year", _text(f + "GraduationYear", row.get("year", ""), extra=' maxlength="4" inputmode="numeric"'), fid=f + "GraduationYear")}
<button type="button" class="iCIMS_RemoveEntry iCIMS_SecondaryButton" data-remove="{n}">Remove Education {n + 1}</button>
</fieldset>"""


def profile(
    *,
    action: str,
    parse_url: str,
    email: str,
    values: Mapping[str, str],
    work: Sequence[Mapping[str, Any]],
    education: Sequence[Mapping[str, Any]],
    new_account: bool,
    resume_name: str = "",
    errors: Errors = (),
) -> str:
    v = values.get
    uploaded = (
        f'<span class="iCIMS_FileName" id="resumeFileName">{e(resume_name)}</span>' if resume_name else ""
    )
    account = ""
    if new_account:
        account = f"""<h2 class="iCIMS_SubHeader">Account Information</h2>
<p class="iCIMS_InfoMsg">Create a password to come back to your application and apply to other jobs.</p>
{_row("Create Password", _text(P + "Password", kind="password", required=True, extra=' autocomplete="new-password"'), fid=P + "Password", required=True, hint="At least 8 characters with a letter and a number.")}
{_row("Re-enter Password", _text(P + "PasswordConfirm", kind="password", required=True, extra=' autocomplete="new-password"'), fid=P + "PasswordConfirm", required=True)}"""
    rows_w = "".join(work_row(n, r) for n, r in enumerate(work))
    rows_e = "".join(education_row(n, r) for n, r in enumerate(education))
    body = f"""{_errors(errors)}
<form id="cp_form" name="cp_form" class="iCIMS_Forms iCIMS_ProfileForm" method="post" enctype="multipart/form-data"
 action="{e(action)}" data-parse="{e(parse_url)}">
<h2 class="iCIMS_SubHeader">Resume</h2>
<div class="iCIMS_ResumeUpload" id="resumeUpload">
<p class="iCIMS_InfoMsg">Upload your resume and we will fill in your profile from it. Please review what we fill in.</p>
<div class="iCIMS_TableRow"><div class="iCIMS_InfoField"><label for="{P}Resume">Resume
<span class="Field_RequiredStar" aria-hidden="true">*</span></label></div>
<div class="iCIMS_InfoData"><span class="iCIMS_UploadButton">My Computer
<input type="file" id="{P}Resume" name="{P}Resume" class="iCIMS_HiddenFile" accept=".pdf,.doc,.docx,.txt"
 aria-required="true"></span>{uploaded}
<div id="resumeParseStatus" class="iCIMS_InfoMsg" aria-live="polite"></div></div></div></div>
<h2 class="iCIMS_SubHeader">Contact Information</h2>
{_row("First Name", _text(P + "FirstName", v("FirstName", ""), required=True, extra=' autocomplete="given-name"'), fid=P + "FirstName", required=True)}
{_row("Middle Name", _text(P + "MiddleName", v("MiddleName", "")), fid=P + "MiddleName")}
{_row("Last Name", _text(P + "LastName", v("LastName", ""), required=True, extra=' autocomplete="family-name"'), fid=P + "LastName", required=True)}
{_row("Email", _text(P + "Email", email, kind="email", required=True, extra=" readonly"), fid=P + "Email", required=True)}
{_row("Phone", _text(P + "PhoneNumber", v("PhoneNumber", ""), kind="tel", required=True), fid=P + "PhoneNumber", required=True)}
{_row("Phone Type", _select(P + "PhoneType", _pairs(("Mobile", "Home", "Work")), v("PhoneType", "")), fid=P + "PhoneType")}
{_row("Address", _text(P + "AddressStreet1", v("AddressStreet1", ""), required=True), fid=P + "AddressStreet1", required=True)}
{_row("Address 2", _text(P + "AddressStreet2", v("AddressStreet2", "")), fid=P + "AddressStreet2")}
{_row("City", _text(P + "AddressCity", v("AddressCity", ""), required=True), fid=P + "AddressCity", required=True)}
{_row("Country", _select(P + "AddressCountry", COUNTRIES, v("AddressCountry", ""), required=True), fid=P + "AddressCountry", required=True)}
{_row("State/Province", _select(P + "AddressState", STATES, v("AddressState", "")), fid=P + "AddressState")}
{_row("Zip/Postal Code", _text(P + "AddressZip", v("AddressZip", ""), required=True), fid=P + "AddressZip", required=True)}
{_row("LinkedIn Profile URL", _text("-1_rcf3048", v("rcf3048", ""), kind="url"), fid="-1_rcf3048")}
<h2 class="iCIMS_SubHeader">Work Experience</h2>
<div id="workEntries" class="iCIMS_MultiEntryList" data-kind="work">{rows_w}</div>
<button type="button" id="addWork" class="iCIMS_AddEntry iCIMS_SecondaryButton">Add Work Experience</button>
<h2 class="iCIMS_SubHeader">Education</h2>
<div id="educationEntries" class="iCIMS_MultiEntryList" data-kind="education">{rows_e}</div>
<button type="button" id="addEducation" class="iCIMS_AddEntry iCIMS_SecondaryButton">Add Education</button>
{account}
<div class="iCIMS_FormButtons">
<input type="submit" name="iCIMS_Action" value="Finish Later" class="iCIMS_SecondaryButton" formnovalidate>
<input type="submit" name="iCIMS_Action" value="Next" id="cp_next" class="iCIMS_PrimaryButton">
</div></form>
<template id="workTemplate">{work_row(999, {})}</template>
<template id="educationTemplate">{education_row(999, {})}</template>"""
    return inner(
        title="Candidate Profile",
        page_class="iCIMS_ProfilePage",
        body=mark_errors(body, errors),
        heading="Candidate Profile",
    )


def questions(*, action: str, values: Mapping[str, str], errors: Errors = ()) -> str:
    rows = []
    for q in QUESTIONS:
        fid = "-1_" + q["id"]
        value = values.get(q["id"], "")
        if q["kind"] == "select":
            control = _select(fid, _pairs(q["options"]), value, required=q["required"])
            rows.append(_row(q["label"], control, fid=fid, required=q["required"]))
        elif q["kind"] == "radio":
            star = ' <span class="Field_RequiredStar">*</span>' if q["required"] else ""
            radios = "".join(
                f'<label class="radio-inline" for="{fid}_{i}"><input type="radio" id="{fid}_{i}" name="{fid}" '
                f'value="{e(o)}"{" checked" if o == value else ""}> {e(o)}</label>'
                for i, o in enumerate(q["options"])
            )
            rows.append(
                f'<fieldset class="iCIMS_TableRow iCIMS_Question"><legend class="iCIMS_InfoField">'
                f'{e(q["label"])}{star}</legend><div class="iCIMS_InfoData">{radios}</div></fieldset>'
            )
        elif q["kind"] == "textarea":
            control = (
                f'<textarea id="{fid}" name="{fid}" class="iCIMS_Forms_Textarea form-control" rows="4" '
                f'maxlength="2000"{" aria-required=true" if q["required"] else ""}>{e(value)}</textarea>'
            )
            rows.append(_row(q["label"], control, fid=fid, required=q["required"]))
        else:
            rows.append(
                _row(q["label"], _text(fid, value, required=q["required"]), fid=fid, required=q["required"])
            )
    body = f"""{_errors(errors)}
<form id="questions_form" class="iCIMS_Forms iCIMS_QuestionsForm" method="post" enctype="multipart/form-data" action="{e(action)}">
<h2 class="iCIMS_SubHeader">Screening Questions</h2>
<div class="iCIMS_Table">{"".join(rows)}</div>
<div class="iCIMS_FormButtons">
<input type="submit" name="iCIMS_Action" value="Previous" class="iCIMS_SecondaryButton" formnovalidate>
<input type="submit" name="iCIMS_Action" value="Finish Later" class="iCIMS_SecondaryButton" formnovalidate>
<input type="submit" name="iCIMS_Action" value="Next" class="iCIMS_PrimaryButton">
</div></form>"""
    return inner(
        title="Questions",
        page_class="iCIMS_QuestionsPage",
        body=mark_errors(body, errors),
        heading="Job Questions",
    )


def eeo(*, action: str, values: Mapping[str, str]) -> str:
    rows = []
    for q in EEO:
        value = values.get(q["name"], "")
        if q.get("radio"):
            radios = "".join(
                f'<label class="radio-inline" for="{q["id"]}_{i}"><input type="radio" id="{q["id"]}_{i}" '
                f'name="{e(q["name"])}" value="{e(o)}"{" checked" if o == value else ""}> {e(o)}</label>'
                for i, o in enumerate(q["options"])
            )
            rows.append(
                f'<fieldset class="iCIMS_TableRow iCIMS_Question"><legend class="iCIMS_InfoField">{e(q["label"])}'
                f'</legend><div class="iCIMS_InfoData">{radios}</div></fieldset>'
            )
        else:
            sel = _select(q["name"], _pairs(q["options"]), value, blank="(Select)").replace(
                f'id="{e(q["name"])}"', f'id="{q["id"]}"', 1
            )
            rows.append(_row(q["label"], sel, fid=q["id"]))
    body = f"""<form id="eeo_form" class="iCIMS_Forms iCIMS_EEOForm" method="post" enctype="multipart/form-data" action="{e(action)}">
<h2 class="iCIMS_SubHeader">Voluntary Self-Identification</h2>
<p class="iCIMS_InfoMsg">{COMPANY} is an equal opportunity employer. Answering is voluntary and will not
affect your application; the answers are kept apart from it.</p>
<div class="iCIMS_Table">{"".join(rows)}</div>
<div class="iCIMS_FormButtons">
<input type="submit" name="iCIMS_Action" value="Previous" class="iCIMS_SecondaryButton" formnovalidate>
<input type="submit" name="iCIMS_Action" value="Next" class="iCIMS_PrimaryButton">
</div></form>"""
    return inner(title="EEO", page_class="iCIMS_EEOPage", body=body, heading="Equal Employment Opportunity")


def review(*, action: str, summary: Sequence[tuple[str, str]], errors: Errors = ()) -> str:
    items = "".join(f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in summary)
    body = f"""{_errors(errors)}
<form id="review_form" class="iCIMS_Forms iCIMS_ReviewForm" method="post" enctype="multipart/form-data" action="{e(action)}">
<h2 class="iCIMS_SubHeader">Review Your Application</h2>
<dl class="iCIMS_ReviewSummary">{items}</dl>
<h2 class="iCIMS_SubHeader">Certification</h2>
<div class="checkbox"><label for="-1_Certification">
<input type="checkbox" id="-1_Certification" name="-1_Certification" value="1" aria-required="true">
I certify that the information I have provided in this application is true and complete, and I understand
that false or missing information may disqualify me.</label></div>
<div class="iCIMS_FormButtons">
<input type="submit" name="iCIMS_Action" value="Previous" class="iCIMS_SecondaryButton" formnovalidate>
<input type="submit" name="iCIMS_Action" value="Finish Later" class="iCIMS_SecondaryButton" formnovalidate>
<input type="submit" name="iCIMS_Action" value="Submit Application" class="iCIMS_PrimaryButton">
</div></form>"""
    return inner(
        title="Review",
        page_class="iCIMS_ReviewPage",
        body=mark_errors(body, errors),
        heading="Review and Submit",
    )


def confirmation(*, job_title: str) -> str:
    body = f"""<div class="iCIMS_Message iCIMS_SuccessMessage" role="status">
<h2 class="iCIMS_SubHeader">Thank you for applying!</h2>
<p>Your application for {e(job_title)} has been submitted. We will e-mail you when its status changes.</p></div>"""
    return inner(
        title="Confirmation", page_class="iCIMS_ConfirmationPage", body=body, heading="Application Complete"
    )


def message(*, heading: str, text: str) -> str:
    body = f'<div class="iCIMS_Message iCIMS_InfoMsg" role="status"><p>{e(text)}</p></div>'
    return inner(title=heading, page_class="iCIMS_InfoPage", body=body, heading=heading)

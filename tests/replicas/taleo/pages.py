# ruff: noqa: E501  (HTML templates read better unwrapped)
"""HTML of the Taleo replica: an invented employer (Crestview Medical) on a Taleo Enterprise
career section, from the markup conventions the real captures show (``/careersection/<no>/``
FTL pages: ``form#ftlform`` with its hidden ``ftl*`` inputs, ``ftlerrors``, the
``/careersection/<version>/js/ftlallc.js`` script, ``ftlrow`` / ``tablelist`` table layouts)
and, for the steps no capture shows (sign-in, registration, the application), from Oracle's
Taleo candidate documentation (see ``README.md``). Server-rendered like the real thing: every
step is a page, posted by its buttons.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from html import escape
from typing import Any

COMPANY = "Crestview Medical"
VERSION = "2026PRD.1.1.15.3.0"
PI = "et-ef-content-ftf-gp-j_id_id16pc9-page_0-cpi-cfrmsub-frm-dv_cs_candidate_personal_info_"
"""Taleo's generated prefix for the General Profile's personal-information fields."""
MONTHS = [f"{m:02d}" for m in range(1, 13)]
YEARS = [str(y) for y in range(2026, 1969, -1)]
STEPS = (
    "Privacy Agreement",
    "Resume Upload",
    "Personal Information",
    "Work Experience",
    "Education",
    "Job Specific Questions",
    "Diversity",
    "E-Signature",
    "Review and Submit",
)
COUNTRIES = (("US", "United States"), ("CA", "Canada"), ("GB", "United Kingdom"))
STATES = (
    ("AZ", "Arizona"),
    ("CA", "California"),
    ("IL", "Illinois"),
    ("NY", "New York"),
    ("OR", "Oregon"),
    ("WA", "Washington"),
)
DEGREES = ("High School", "Associate's Degree", "Bachelor's Degree", "Master's Degree", "Doctorate")
QUESTIONS: tuple[dict[str, Any], ...] = (
    {
        "id": "Q1001",
        "label": "Are you legally authorized to work in the United States?",
        "options": ("Yes", "No"),
        "required": True,
    },
    {
        "id": "Q1002",
        "label": "Will you now or in the future require sponsorship for employment visa status (e.g., H-1B)?",
        "options": ("Yes", "No"),
        "required": True,
    },
    {"id": "Q1003", "label": "Are you willing to relocate?", "options": ("Yes", "No"), "required": False},
)
EEO: tuple[dict[str, Any], ...] = (
    {"id": "Gender", "label": "Gender", "options": ("Female", "Male", "I choose not to disclose")},
    {"id": "Ethnicity", "label": "Hispanic or Latino", "options": ("Yes", "No", "I choose not to disclose")},
    {
        "id": "Race",
        "label": "Race",
        "options": (
            "American Indian or Alaska Native",
            "Asian",
            "Black or African American",
            "Native Hawaiian or Other Pacific Islander",
            "White",
            "Two or more races",
            "I choose not to disclose",
        ),
    },
    {
        "id": "Veteran",
        "label": "Protected Veteran Status",
        "options": (
            "I identify as a protected veteran",
            "I am not a protected veteran",
            "I choose not to disclose",
        ),
    },
    {
        "id": "Disability",
        "label": "Disability Status",
        "options": ("Yes, I have a disability", "No, I don't have a disability", "I don't wish to answer"),
    },
)
WORK_PARTS = ("Employer", "JobFunction", "BeginMonth", "BeginYear", "EndMonth", "EndYear", "CurrentJob")
EDU_PARTS = ("Institution", "Degree", "Program", "GraduationYear")


def e(value: object) -> str:
    return escape(str(value if value is not None else ""), quote=True)


def page(
    *,
    title: str,
    body: str,
    action: str = "",
    hidden: Mapping[str, str] | None = None,
    errors: Sequence[tuple[str, str]] = (),
) -> str:
    """A Taleo FTL page: ``form#ftlform`` with its hidden state inputs, the error panel."""
    fields = {
        "lang": "en",
        "ftlpageid": title.replace(" ", ""),
        "ftlcompid": "",
        "ftlinterfaceid": "",
        "jsfCmdId": "",
        **(hidden or {}),
    }
    hidden_html = "".join(
        f'<input type="hidden" id="{k}" name="{k}" value="{e(v)}">' for k, v in fields.items()
    )
    items = "".join(f'<li id="err-{e(fid)}">{e(m)}</li>' for fid, m in errors)
    error_panel = (
        f'<div id="ftlerrors" class="messageerrorpanel" role="alert"><span class="messagetitle">Error</span><ul class="messagetext">{items}</ul></div>'
        if errors
        else '<div id="ftlerrors" class="hidden-audible"></div>'
    )
    html = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{e(title)} - {COMPANY} Careers</title>
<link rel="stylesheet" href="/careersection/{VERSION}/css/taleo.css">
<script type="text/javascript" src="/careersection/{VERSION}/js/ftlallc.js"></script>
</head><body>
<div id="crestview-header" class="no-change-header"><span class="company">{COMPANY}</span></div>
<form id="ftlform" name="ftlform" method="post" enctype="multipart/form-data" action="{e(action)}">
{hidden_html}
{error_panel}
<div class="contentdatapanel" id="content"><h1 class="titlepage">{e(title)}</h1>
{body}
</div></form></body></html>"""
    for fid, _ in errors:
        token = f'id="{e(fid)}"'
        html = html.replace(token, f'{token} aria-invalid="true" aria-describedby="err-{e(fid)}"', 1)
    return html


def _row(label: str, control: str, fid: str, required: bool = False) -> str:
    star = '<span class="requiredFieldIndicator" title="Required">*</span>' if required else ""
    return f'<tr class="ftlrow"><td class="label"><label for="{e(fid)}">{star}{e(label)}</label></td><td class="value">{control}</td></tr>'


def _text(fid: str, value: str = "", *, kind: str = "text", required: bool = False, extra: str = "") -> str:
    req = ' aria-required="true"' if required else ""
    return f'<input type="{kind}" id="{e(fid)}" name="{e(fid)}" value="{e(value)}" class="inputtext"{req}{extra}>'


def _select(fid: str, options: Iterable[tuple[str, str]], value: str = "", *, required: bool = False) -> str:
    req = ' aria-required="true"' if required else ""
    opts = ['<option value="">Select...</option>'] + [
        f'<option value="{e(v)}"{" selected" if v == value else ""}>{e(t)}</option>' for v, t in options
    ]
    return f'<select id="{e(fid)}" name="{e(fid)}" class="inputselect"{req}>{"".join(opts)}</select>'


def _pairs(values: Iterable[str]) -> list[tuple[str, str]]:
    return [(v, v) for v in values]


def _steps(current: str) -> str:
    items = "".join(
        f'<li class="{"current" if s == current else "step"}">{n}. {e(s)}</li>'
        for n, s in enumerate(STEPS, start=1)
    )
    return f'<ol class="flowsteps" aria-label="Application steps">{items}</ol>'


def _buttons(*, first: bool = False, last: bool = False) -> str:
    back = "" if first else '<input type="submit" name="ftlaction" value="Back" class="inputbutton">'
    main = "Submit" if last else "Save and Continue"
    return f"""<div class="actions">{back}
<input type="submit" name="ftlaction" value="Save as Draft" class="inputbutton">
<input type="submit" id="et-ef-content-ftf-saveContinueCmdBottom" name="ftlaction" value="{main}" class="inputbutton mainaction"></div>"""


# --- outside the application ---------------------------------------------------------------


def job_detail(*, cs: str, job: str, title: str) -> str:
    body = f"""<div class="jobdetail"><h2 class="no-change-header">{e(title)}</h2><p>Req ID {e(job)}. {COMPANY} runs four hospitals;
the scheduling platform team keeps rosters and operating-room bookings running.</p>
<input type="button" id="requisitionDescriptionInterface.applyOnlineBtn" class="inputbutton mainaction" value="Apply Online" data-href="/careersection/iam/accessmanagement/login.jsf?lang=en&amp;cs={e(cs)}&amp;job={e(job)}">
<input type="button" class="inputbutton" value="Add to My Job Cart"></div>"""
    return page(title="Job Description", body=body, action=f"/careersection/{cs}/jobdetail.ftl")


def login(*, cs: str, job: str, username: str = "", errors: Sequence[tuple[str, str]] = ()) -> str:
    body = f"""<p class="text">Sign in with your {COMPANY} candidate account. New here? Register to apply.</p>
<table class="tablelist" role="presentation">
{_row("User Name", _text("dialogTemplate-dialogForm-login-name1", username, required=True, extra=' autocomplete="username"'), "dialogTemplate-dialogForm-login-name1", True)}
{_row("Password", _text("dialogTemplate-dialogForm-login-password", kind="password", required=True, extra=' autocomplete="current-password"'), "dialogTemplate-dialogForm-login-password", True)}
</table>
<input type="submit" id="dialogTemplate-dialogForm-login-defaultCmd" name="ftlaction" value="Sign In" class="inputbutton mainaction">
<input type="submit" id="dialogTemplate-dialogForm-login-register" name="ftlaction" value="New User" class="inputbutton" formnovalidate>
<a class="link2" href="#forgot">Forgot your password?</a>"""
    return page(
        title="Sign In",
        body=body,
        action=f"/careersection/iam/accessmanagement/login.jsf?lang=en&cs={cs}&job={job}",
        errors=errors,
    )


def register(
    *, cs: str, job: str, values: Mapping[str, str] | None = None, errors: Sequence[tuple[str, str]] = ()
) -> str:
    v = values or {}
    p = "dialogTemplate-dialogForm-"
    body = f"""<p class="text">Create your candidate account. The password needs at least 8 characters with an upper-case letter, a lower-case letter, a digit and a special character.</p>
<table class="tablelist" role="presentation">
{_row("User Name", _text(p + "userName", v.get("userName", ""), required=True), p + "userName", True)}
{_row("Password", _text(p + "password", kind="password", required=True, extra=' autocomplete="new-password"'), p + "password", True)}
{_row("Re-enter Password", _text(p + "passwordConfirm", kind="password", required=True, extra=' autocomplete="new-password"'), p + "passwordConfirm", True)}
{_row("Email Address", _text(p + "email", v.get("email", ""), kind="email", required=True), p + "email", True)}
{_row("Re-enter Email Address", _text(p + "emailConfirm", v.get("emailConfirm", ""), kind="email", required=True), p + "emailConfirm", True)}
</table>
<input type="submit" id="dialogTemplate-dialogForm-defaultCmd" name="ftlaction" value="Register" class="inputbutton mainaction">
<input type="submit" name="ftlaction" value="Cancel" class="inputbutton" formnovalidate>"""
    return page(
        title="New User Registration",
        body=body,
        action=f"/careersection/iam/accessmanagement/register.jsf?lang=en&cs={cs}&job={job}",
        errors=errors,
    )


def message(title: str, text: str) -> str:
    return page(title=title, body=f'<p class="text">{e(text)}</p>')


# --- the application ------------------------------------------------------------------------


def step(*, name: str, action: str, body: str, errors: Sequence[tuple[str, str]] = ()) -> str:
    first = name == STEPS[0]
    last = name == STEPS[-1]
    inner = (
        f"""{_steps(name)}<h2 class="steptitle">{e(name)}</h2>{body}{"" if first else _buttons(last=last)}"""
    )
    return page(
        title=f"Job Application - {name}", body=inner, action=action, hidden={"ftlstep": name}, errors=errors
    )


def privacy_body() -> str:
    return f"""<div class="privacyagreement"><p>{COMPANY} collects the information in this application to consider you for
employment. It keeps it for two years and shares it only with the service providers that run its recruiting.</p></div>
<input type="submit" id="et-ef-content-ftf-privacyAcceptCmd" name="ftlaction" value="Accept" class="inputbutton mainaction">
<input type="submit" name="ftlaction" value="Decline" class="inputbutton">"""


def resume_body(filename: str = "") -> str:
    done = (
        f'<p class="text" id="resumeParsed">Resume {e(filename)} was read into your profile. Please review the next steps.</p>'
        if filename
        else ""
    )
    return f"""<p class="text">Upload your resume to fill in your profile automatically (parsing). You can review every field afterwards.</p>
<table class="tablelist" role="presentation">
{_row("Resume", _text("et-ef-content-ftf-gp-j_id_id16pc9-page_0-resumeUploadInput", kind="file", extra=' accept=".pdf,.doc,.docx,.txt"'), "et-ef-content-ftf-gp-j_id_id16pc9-page_0-resumeUploadInput")}
</table>{done}"""


def personal_body(v: Mapping[str, str]) -> str:
    rows = [
        (
            "First Name",
            _text(PI + "FirstName", v.get("FirstName", ""), required=True),
            PI + "FirstName",
            True,
        ),
        ("Middle Name", _text(PI + "MiddleName", v.get("MiddleName", "")), PI + "MiddleName", False),
        ("Last Name", _text(PI + "LastName", v.get("LastName", ""), required=True), PI + "LastName", True),
        (
            "Email Address",
            _text(PI + "EmailAddress", v.get("EmailAddress", ""), kind="email", required=True),
            PI + "EmailAddress",
            True,
        ),
        (
            "Primary Number",
            _text(PI + "HomePhone", v.get("HomePhone", ""), kind="tel", required=True),
            PI + "HomePhone",
            True,
        ),
        (
            "Address (Line 1)",
            _text(PI + "Address", v.get("Address", ""), required=True),
            PI + "Address",
            True,
        ),
        ("Address (Line 2)", _text(PI + "Address2", v.get("Address2", "")), PI + "Address2", False),
        ("City", _text(PI + "City", v.get("City", ""), required=True), PI + "City", True),
        (
            "Country",
            _select(PI + "ResidenceLocation-0", COUNTRIES, v.get("ResidenceLocation-0", ""), required=True),
            PI + "ResidenceLocation-0",
            True,
        ),
        (
            "State/Province",
            _select(PI + "ResidenceLocation-1", STATES, v.get("ResidenceLocation-1", "")),
            PI + "ResidenceLocation-1",
            False,
        ),
        ("Zip/Postal Code", _text(PI + "ZipCode", v.get("ZipCode", ""), required=True), PI + "ZipCode", True),
        (
            "How did you hear about this job?",
            _select(
                "et-ef-content-ftf-gp-j_id_id16pc9-page_0-sourceTrackingBlock-recruitmentSourceDP",
                _pairs(("Company Website", "LinkedIn", "Indeed", "Employee Referral", "Job Fair")),
                v.get("Source", ""),
                required=True,
            ),
            "et-ef-content-ftf-gp-j_id_id16pc9-page_0-sourceTrackingBlock-recruitmentSourceDP",
            True,
        ),
    ]
    return '<table class="tablelist" role="presentation">' + "".join(_row(*r) for r in rows) + "</table>"


def _work_block(n: int, row: Mapping[str, Any]) -> str:
    p = f"et-ef-content-ftf-gp-j_id_id16pc9-page_0-we-wei-{n}-frm-dv_cs_experience_"
    months = _pairs(MONTHS)
    years = _pairs(YEARS)
    current = " checked" if row.get("CurrentJob") else ""
    return f"""<fieldset class="ftlmulti workexperienceblock"><legend>Work Experience {n + 1}</legend>
<table class="tablelist" role="presentation">
{_row("Employer", _text(p + "Employer", row.get("Employer", ""), required=True), p + "Employer", True)}
{_row("Job Function", _text(p + "JobFunction", row.get("JobFunction", ""), required=True), p + "JobFunction", True)}
{_row("Start Date (Month)", _select(p + "BeginMonth", months, row.get("BeginMonth", "")), p + "BeginMonth")}
{_row("Start Date (Year)", _select(p + "BeginYear", years, row.get("BeginYear", "")), p + "BeginYear")}
{_row("End Date (Month)", _select(p + "EndMonth", months, row.get("EndMonth", "")), p + "EndMonth")}
{_row("End Date (Year)", _select(p + "EndYear", years, row.get("EndYear", "")), p + "EndYear")}
<tr class="ftlrow"><td></td><td class="value"><input type="checkbox" id="{p}CurrentJob" name="{p}CurrentJob" value="1"{current}><label for="{p}CurrentJob">Current Job</label></td></tr>
</table>
<input type="submit" name="ftlaction" value="Remove Work Experience {n + 1}" class="inputbutton" formnovalidate></fieldset>"""


def work_body(rows: Sequence[Mapping[str, Any]]) -> str:
    blocks = "".join(_work_block(n, r) for n, r in enumerate(rows))
    return f"""{blocks}<input type="submit" name="ftlaction" value="Add Work Experience" class="inputbutton" formnovalidate>"""


def _edu_block(n: int, row: Mapping[str, Any]) -> str:
    p = f"et-ef-content-ftf-gp-j_id_id16pc9-page_0-edu-edui-{n}-frm-dv_cs_education_"
    return f"""<fieldset class="ftlmulti educationblock"><legend>Education {n + 1}</legend>
<table class="tablelist" role="presentation">
{_row("Institution", _text(p + "Institution", row.get("Institution", ""), required=True), p + "Institution", True)}
{_row("Education Level", _select(p + "Degree", _pairs(DEGREES), row.get("Degree", "")), p + "Degree")}
{_row("Program", _text(p + "Program", row.get("Program", "")), p + "Program")}
{_row("Graduation Date (Year)", _select(p + "GraduationYear", _pairs(YEARS), row.get("GraduationYear", "")), p + "GraduationYear")}
</table>
<input type="submit" name="ftlaction" value="Remove Education {n + 1}" class="inputbutton" formnovalidate></fieldset>"""


def education_body(rows: Sequence[Mapping[str, Any]]) -> str:
    blocks = "".join(_edu_block(n, r) for n, r in enumerate(rows))
    return f"""{blocks}<input type="submit" name="ftlaction" value="Add Education" class="inputbutton" formnovalidate>"""


def questions_body(v: Mapping[str, str]) -> str:
    out = ['<table class="tablelist questionnaire" role="presentation">']
    for q in QUESTIONS:
        fid = f"et-ef-content-ftf-gp-j_id_id16pc9-page_0-qs-{q['id']}"
        star = '<span class="requiredFieldIndicator" title="Required">*</span>' if q["required"] else ""
        radios = "".join(
            f'<input type="radio" id="{fid}-{i}" name="{fid}" value="{e(o)}"{" checked" if v.get(q["id"]) == o else ""}><label for="{fid}-{i}">{e(o)}</label>'
            for i, o in enumerate(q["options"])
        )
        out.append(
            f'<tr class="ftlrow"><td class="label"><span id="{fid}-q">{star}{e(q["label"])}</span></td><td class="value" role="radiogroup" aria-labelledby="{fid}-q">{radios}</td></tr>'
        )
    out.append("</table>")
    return "".join(out)


def diversity_body(v: Mapping[str, str]) -> str:
    rows = [
        (q["label"], _select(PI + q["id"], _pairs(q["options"]), v.get(q["id"], "")), PI + q["id"], False)
        for q in EEO
    ]
    return (
        '<p class="text">Providing this information is voluntary.</p><table class="tablelist" role="presentation">'
        + "".join(_row(*r) for r in rows)
        + "</table>"
    )


def esignature_body(v: Mapping[str, str]) -> str:
    p = "et-ef-content-ftf-gp-j_id_id16pc9-page_0-esig-"
    return f"""<p class="text">By typing your full name below you sign this application electronically and confirm that the
information you gave is complete and true.</p>
<table class="tablelist" role="presentation">
{_row("Full Name", _text(p + "fullName", v.get("fullName", ""), required=True), p + "fullName", True)}
</table>"""


def review_body(summary: Sequence[tuple[str, str]]) -> str:
    items = "".join(
        f"<tr><td class='label'>{e(k)}</td><td class='value'>{e(v)}</td></tr>" for k, v in summary
    )
    return f'<table class="tablelist review" role="presentation">{items}</table>'


def confirmation(title: str) -> str:
    return page(
        title="Job Application - Submitted",
        body=f'<h2 class="steptitle">Thank you for applying</h2><p class="text">Your application for {e(title)} has been submitted.</p>',
    )

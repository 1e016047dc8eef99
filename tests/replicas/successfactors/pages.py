# ruff: noqa: E501  (HTML templates read better unwrapped)
"""HTML of the SuccessFactors replica: an invented employer (Alderwood Energy, company id
``alderwood``) on SAP SuccessFactors Recruiting's career site, from the markup conventions the
real captures show (the classic ``/career?company=...&career_ns=...`` pages: ``form#careerform``
with its hidden ``career_*`` inputs, ``applyButton_top``, the "Email Job to Friend" dialog,
``/verp/vmod_v1/ui/...`` scripts, ``sap-ui-bootstrap``) and, for the steps no capture shows
(sign-in, account creation, the application), from SAP's candidate documentation (see
``README.md``). The application itself is a UI5 app (``static/ui5app.js``); this module only
renders the server-side pages.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

COMPANY = "Alderwood Energy"
COMPANY_ID = "alderwood"
COUNTRIES = (("US", "United States"), ("CA", "Canada"), ("GB", "United Kingdom"), ("DE", "Germany"))


def e(value: object) -> str:
    return escape(str(value if value is not None else ""), quote=True)


def _hidden(ns: str, req: str, sid: str = "") -> str:
    fields = {
        "career_company": COMPANY_ID,
        "career_ns": ns,
        "career_job_req_id": req,
        "isExternal": "true",
        "navBarLevel": "JOB_SEARCH",
        "sid": sid,
    }
    return "".join(f'<input type="hidden" id="{k}" name="{k}" value="{e(v)}">' for k, v in fields.items())


def shell(*, title: str, body: str, ns: str, req: str, sid: str = "", extra_head: str = "") -> str:
    """A classic career-site page: the SF resource scripts, ``form#careerform`` and the page."""
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{e(title)} - {COMPANY} Careers</title>
<link id="rcmcareerThemingCss" rel="stylesheet" href="/verp/vmod_v1/ui/replica/sf.css">
<script src="/verp/vmod_v1/ui/juic/js/GlobalFunctions_replica.js"></script>
<script id="sap-ui-bootstrap" src="/verp/vmod_v1/ui/replica/ui5core.js" data-sap-ui-theme="sap_horizon"></script>
{extra_head}</head>
<body class="sapUiBody">
<a class="skipLink" href="#page_content">Skip to content</a>
<div id="renderCareerTopNav" class="responsiveTopNav"><span class="companyName">{COMPANY}</span>
<a href="/career?company={COMPANY_ID}&amp;career_ns=job_search">Search Jobs</a></div>
<form id="careerform" name="careerform" method="post" action="/career?company={COMPANY_ID}">
{_hidden(ns, req, sid)}
<div id="page" class="v12PageCtr responsivePage"><div id="page_content" class="main_content">
{body}
</div></div></form>
</body></html>"""


def job_listing(*, req: str, title: str) -> str:
    body = f"""<h1 id="jobAppPageTitle" class="jobTitle">{e(title)}</h1>
<div class="button_row"><button type="button" id="applyButton_top" class="aquabtn active" data-ns="login">Apply</button>
<button type="button" class="aquabtn" data-action="save">Save Job</button>
<button type="button" id="emailJobTopButton" class="aquabtn" data-action="email">Email Job to Friend</button></div>
<div class="joqReqDescription"><p>{COMPANY} runs wind and grid storage sites across the Pacific Northwest.
As {e(title)} you will keep the platform that schedules maintenance crews running.</p>
<ul><li>Own backend services and their on-call.</li><li>Work with field operations.</li></ul></div>
<div class="button_row"><button type="button" id="applyButton_bottom" class="aquabtn active" data-ns="login">Apply</button></div>
<div id="emailJobDialog" class="sfDialog" role="dialog" aria-label="Email Job to Friend" hidden>
<label for="mailjob_friend_email" class="required">Your friend's email address:</label>
<input type="text" id="mailjob_friend_email" name="mailjob_friend_email" aria-required="true">
<label for="mailjob_message">Message:</label><textarea id="mailjob_message" name="mailjob_message"></textarea>
<button type="button" class="aquabtn" data-action="send-email">Send</button></div>"""
    return shell(
        title=title,
        body=body,
        ns="job_listing",
        req=req,
        extra_head='<script src="/verp/vmod_v1/ui/replica/career.js" defer></script>',
    )


def _error_box(errors: Sequence[tuple[str, str]]) -> str:
    if not errors:
        return ""
    items = "".join(f'<li id="err-{e(fid)}">{e(m)}</li>' for fid, m in errors)
    return f'<div class="sysmsg msg red" role="alert"><span class="sap-icon sap-icon--message-error"></span><ul>{items}</ul></div>'


def _mark(html: str, errors: Sequence[tuple[str, str]]) -> str:
    for fid, _ in errors:
        token = f'id="{e(fid)}"'
        html = html.replace(token, f'{token} aria-invalid="true" aria-describedby="err-{e(fid)}"', 1)
    return html


def login(*, req: str, sid: str, email: str = "", errors: Sequence[tuple[str, str]] = ()) -> str:
    body = f"""<h1 class="pageTitle">Sign In</h1>{_error_box(errors)}
<p class="msg">Sign in with your {COMPANY} candidate account to apply, or create one.</p>
<div class="loginBox">
<label for="username" class="required">Email Address</label>
<input type="email" id="username" name="username" value="{e(email)}" autocomplete="username">
<label for="password" class="required">Password</label>
<input type="password" id="password" name="password" autocomplete="current-password">
<div class="button_row"><button type="submit" id="fbclc_signIn" class="aquabtn active" name="career_action" value="signin">Sign In</button>
<a href="#forgot" class="forgotPwd">Forgot your password?</a></div>
<p>New to {COMPANY}? <button type="submit" id="fbclc_createAccount" class="aquabtn" name="career_action" value="create" formnovalidate>Create an Account</button></p>
</div>"""
    return shell(title="Sign In", body=_mark(body, errors), ns="login", req=req, sid=sid)


def create_account(
    *, req: str, sid: str, values: dict[str, str] | None = None, errors: Sequence[tuple[str, str]] = ()
) -> str:
    v = values or {}
    opts = '<option value="">Select...</option>' + "".join(
        f'<option value="{c}"{" selected" if v.get("country") == c else ""}>{e(n)}</option>'
        for c, n in COUNTRIES
    )
    body = f"""<h1 class="pageTitle">Create an Account</h1>{_error_box(errors)}
<div class="createAccount">
<label for="fbclc_userName" class="required">Email</label><input type="email" id="fbclc_userName" name="fbclc_userName" value="{e(v.get("email", ""))}">
<label for="fbclc_emailConf" class="required">Retype Email</label><input type="email" id="fbclc_emailConf" name="fbclc_emailConf" value="{e(v.get("emailConf", ""))}">
<label for="fbclc_pwd" class="required">Choose Password</label><input type="password" id="fbclc_pwd" name="fbclc_pwd" autocomplete="new-password">
<label for="fbclc_pwdConf" class="required">Retype Password</label><input type="password" id="fbclc_pwdConf" name="fbclc_pwdConf" autocomplete="new-password">
<label for="fbclc_fName" class="required">First Name</label><input type="text" id="fbclc_fName" name="fbclc_fName" value="{e(v.get("firstName", ""))}">
<label for="fbclc_lName" class="required">Last Name</label><input type="text" id="fbclc_lName" name="fbclc_lName" value="{e(v.get("lastName", ""))}">
<label for="fbclc_country" class="required">Country/Region of Residence</label><select id="fbclc_country" name="fbclc_country">{opts}</select>
<div class="dpcs"><p>{COMPANY} processes your personal data to manage your candidate account and your applications,
as set out in the Data Privacy Consent Statement.</p>
<input type="checkbox" id="dataPrivacyId" name="dataPrivacyId" value="1"><label for="dataPrivacyId" class="required">I have read and agree to the Data Privacy Consent Statement</label></div>
<div class="button_row"><button type="submit" id="fbclc_createAccountButton" class="aquabtn active" name="career_action" value="register">Create Account</button>
<button type="submit" id="fbclc_backToSignIn" class="aquabtn" name="career_action" value="tosignin" formnovalidate>Back to Sign In</button></div>
</div>"""
    return shell(title="Create an Account", body=_mark(body, errors), ns="create_account", req=req, sid=sid)


def application(*, req: str, sid: str, title: str) -> str:
    """The UI5 application shell: ``ui5app.js`` renders the form from its definition."""
    body = f"""<div id="sfApplyApp" class="sapUiBody" data-req="{e(req)}" data-sid="{e(sid)}" data-company="{COMPANY_ID}">
<div class="sapUiLocalBusyIndicator" role="progressbar" aria-label="Loading">Loading application for {e(title)}...</div></div>
<div id="sap-ui-static" data-sap-ui-area="sap-ui-static"></div>"""
    return shell(
        title=f"Apply: {title}",
        body=body,
        ns="job_application",
        req=req,
        sid=sid,
        extra_head='<script src="/verp/vmod_v1/ui/replica/ui5app.js" defer></script>',
    )


def message(*, title: str, text: str, req: str) -> str:
    return shell(
        title=title,
        body=f'<h1 class="pageTitle">{e(title)}</h1><p class="msg">{e(text)}</p>',
        ns="message",
        req=req,
    )

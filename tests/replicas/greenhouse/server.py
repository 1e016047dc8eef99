"""A local Greenhouse: job boards (React and classic), the embed, and what they receive.

Served as if it were the real origins (``OfflineRouter.forward``), it behaves like
Greenhouse where an adapter can go wrong:

* React job board (``/<company>/jobs/<id>``, ``/embed/job_app?for=&token=``): a page
  rendered by real React (vendored under tests/dom/assets/vendor) from a form definition,
  with react-select dropdowns; degree and discipline lists are fetched when a menu first
  opens, locations and schools are searched as the person types (``/api/*``, with latency).
  The form posts multipart with ``fetch``; the first complete submission is answered 428
  and an 8-character security code is "e-mailed" (``outbox``); a wrong code gets 422.
  With ``captcha_challenge`` the invisible reCAPTCHA doubts the applicant: the submit click
  opens its image challenge (a ``/recaptcha/enterprise/bframe`` frame, served here for
  ``www.recaptcha.net``) instead of posting, the widget's callback posts once a token is
  delivered, and the server refuses any other token than ``RECAPTCHA_TEST_TOKEN``.
* Classic board (``/fernhollow/jobs/5550001``): server-rendered markup posting natively;
  documents go to a fake S3 first (``/s3_upload``); the security code is a page of its own.
* ``/embed/job_board/js``: the loader that puts ``#grnhse_iframe`` into a company page.

Every POST is recorded (``attempts``); completed applications (code verified) land in
``applications``. Tests assert on those, never on what the DOM shows.
"""

from __future__ import annotations

import asyncio
import html
import json
import secrets
import string
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiohttp import web

HERE = Path(__file__).parent
VENDOR = HERE.parent.parent / "dom" / "assets" / "vendor"

LOCATIONS = [
    "San Francisco, California, United States",
    "South San Francisco, California, United States",
    "San Diego, California, United States",
    "Seattle, Washington, United States",
    "Portland, Oregon, United States",
    "London, England, United Kingdom",
    "Lagos, Lagos, Nigeria",
    "Toronto, Ontario, Canada",
]
SCHOOLS = [
    "University of Washington",
    "University of Washington Bothell",
    "Washington State University",
    "University of Waterloo",
    "Stanford University",
    "University of Lagos",
]
DEGREES = [
    "High School",
    "Associate's Degree",
    "Bachelor's Degree",
    "Master's Degree",
    "Master of Business Administration (M.B.A.)",
    "Doctor of Philosophy (Ph.D.)",
    "Engineer's Degree",
    "Other",
]
DISCIPLINES = [
    "Accounting",
    "Biology",
    "Computer Engineering",
    "Computer Science",
    "Economics",
    "Mathematics",
    "Physics",
]


def _q(
    qid: int, label: str, kind: str, required: bool = False, values: list[str] | None = None
) -> dict[str, Any]:
    return {
        "id": f"question_{qid}",
        "label": label,
        "type": kind,
        "required": required,
        "values": values or [],
    }


LARKSPUR: dict[str, Any] = {
    "companyName": "Larkspur Labs",
    "urlToken": "larkspurlabs",
    "jobPostId": "4801234005",
    "title": "Platform Engineer, Data Infrastructure",
    "location": "Remote - United States",
    "questions": [
        _q(7700101, "LinkedIn Profile", "input_text"),
        _q(7700102, "Website", "input_text"),
        _q(
            7700103,
            "Are you legally authorized to work in the United States?",
            "single_select",
            True,
            ["Yes", "No"],
        ),
        _q(
            7700104,
            "Will you now or in the future require sponsorship for employment visa status?",
            "single_select",
            True,
            ["Yes", "No"],
        ),
        _q(
            7700105,
            "How did you hear about this job?",
            "single_select",
            True,
            ["LinkedIn", "Company website", "Referral", "Conference or meetup", "Other"],
        ),
        _q(7700106, "Why do you want to work here?", "textarea", False),
        _q(7700107, "Have you worked for Larkspur Labs before?", "single_select", False, ["Yes", "No"]),
        _q(7700108, "Tell us about a system you made faster.", "textarea", False),
    ],
    "demographic": {
        "title": "Voluntary Self-Identification (optional)",
        "questions": [
            {
                "id": "41100201",
                "label": "Which of these best describes your gender identity?",
                "options": ["Woman", "Man", "Non-binary", "I prefer not to say"],
            }
        ],
    },
    "eeoc": True,
    "gdpr": {"processing": True, "demographic": True},
    "recaptcha": "6Lc-replica-invisible-key",
}
"""The React posting (invented company, job and questions)."""

PHONE_COUNTRIES = [
    ("Canada", "1"),
    ("Germany", "49"),
    ("India", "91"),
    ("Nigeria", "234"),
    ("United Kingdom", "44"),
    ("United States", "1"),
    ("United States Minor Outlying Islands", "1"),
]

EEOC = {
    "gender": ["Male", "Female", "Decline To Self Identify"],
    "hispanic_ethnicity": ["Yes", "No", "Decline To Self Identify"],
    "race": [
        "American Indian or Alaskan Native",
        "Asian",
        "Black or African American",
        "Native Hawaiian or Other Pacific Islander",
        "White",
        "Two or More Races",
        "Decline To Self Identify",
    ],
    "veteran_status": [
        "I am not a protected veteran",
        "I identify as one or more of the classifications of a protected veteran",
        "I don't wish to answer",
    ],
    "disability_status": [
        "Yes, I have a disability, or have had one in the past",
        "No, I do not have a disability and have not had one in the past",
        "I do not want to answer",
    ],
}

RECAPTCHA_TEST_TOKEN = "replica-recaptcha-token-0f3c9a"
"""The only reCAPTCHA answer the replica accepts when it challenges (what a solver returns)."""

REACT_REQUIRED = ("first_name", "last_name", "email", "phone", "country", "candidate_location")
CLASSIC_REQUIRED = (
    "job_application[first_name]",
    "job_application[last_name]",
    "job_application[email]",
    "job_application[phone]",
    "job_application[answers_attributes][1][boolean_value]",
)


@dataclass
class UploadedFile:
    filename: str
    content_type: str
    data: bytes


@dataclass
class Submission:
    """One POST as the server received it."""

    path: str
    fields: dict[str, list[str]] = field(default_factory=dict)
    files: dict[str, UploadedFile] = field(default_factory=dict)
    outcome: str = ""
    """accepted, code_required, code_rejected, captcha_failed, invalid"""

    def get(self, name: str) -> str | None:
        values = self.fields.get(name)
        return values[0] if values else None


@dataclass
class Email:
    to: str
    code: str


class GreenhouseReplica:
    """The replica server. ``await start()``; ``origin`` is where to forward the real hosts."""

    def __init__(
        self, *, latency: float = 0.35, require_code: bool = True, captcha_challenge: bool = False
    ) -> None:
        self.latency = latency
        self.require_code = require_code
        self.captcha_challenge = captcha_challenge
        self.attempts: list[Submission] = []
        self.applications: list[Submission] = []
        self.outbox: list[Email] = []
        self.uploads: dict[str, UploadedFile] = {}
        self._codes: dict[str, str] = {}
        self._pending: dict[str, Submission] = {}
        self._runner: web.AppRunner | None = None
        self.port = 0
        self.answer_delay = 0.0
        """Seconds the verdict on a submitted security code takes (a slow server: the page
        that was submitted stays on screen meanwhile)."""
        self.option_requests_open = 0
        """Option requests (lists, searches) received and not yet answered: a test closes its
        page only once none is left, or the browser would drop a routed request midway."""

    # --- lifecycle --------------------------------------------------------------------

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def start(self) -> GreenhouseReplica:
        app = web.Application(client_max_size=20 * 1024 * 1024)
        r = app.router
        r.add_get("/vendor/{name}", self._vendor)
        r.add_get("/assets/{name}", self._asset)
        r.add_get("/embed/job_board/js", self._embed_loader)
        r.add_get("/embed/job_app", self._embed_app)
        r.add_post("/embed/job_app", self._react_post)
        r.add_get("/embed/job_app/confirmation", self._confirmation)
        r.add_get("/api/locations", self._search(LOCATIONS))
        r.add_get("/api/schools", self._search(SCHOOLS))
        r.add_get("/api/degrees", self._list(DEGREES))
        r.add_get("/api/disciplines", self._list(DISCIPLINES))
        r.add_post("/s3_upload", self._s3_upload)
        r.add_get("/recaptcha/enterprise.js", self._recaptcha_script)
        r.add_get("/recaptcha/enterprise/bframe", self._recaptcha_challenge)
        r.add_get("/careers/larkspur", self._company_page)
        r.add_get("/{company}/jobs/{job}", self._job_page)
        r.add_post("/{company}/jobs/{job}", self._job_post)
        r.add_post("/{company}/jobs/{job}/verify", self._classic_verify)
        r.add_get("/{company}/jobs/{job}/confirmation", self._confirmation)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return self

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    def reset(
        self, *, require_code: bool = True, captcha_challenge: bool = False, answer_delay: float = 0.0
    ) -> None:
        self.require_code = require_code
        self.answer_delay = answer_delay
        self.captcha_challenge = captcha_challenge
        self.attempts.clear()
        self.applications.clear()
        self.outbox.clear()
        self.uploads.clear()
        self._codes.clear()
        self._pending.clear()

    def last_code(self) -> str:
        """The code in the latest "e-mail" (what the person would read)."""
        return self.outbox[-1].code

    # --- static -----------------------------------------------------------------------

    async def _vendor(self, request: web.Request) -> web.StreamResponse:
        name = request.match_info["name"]
        if name not in ("react.production.min.js", "react-dom.production.min.js"):
            raise web.HTTPNotFound()
        return web.FileResponse(VENDOR / name)

    async def _asset(self, request: web.Request) -> web.StreamResponse:
        path = HERE / "assets" / request.match_info["name"]
        if not path.is_file():
            raise web.HTTPNotFound()
        return web.FileResponse(path)

    async def _embed_loader(self, request: web.Request) -> web.Response:
        body = (HERE / "assets" / "embed-loader.js").read_text("utf-8")
        return web.Response(text=body, content_type="application/javascript")

    async def _recaptcha_script(self, request: web.Request) -> web.Response:
        # The page drives its own widget stand-in (remix-app.js); the script only has to load.
        return web.Response(text="/* reCAPTCHA stand-in */", content_type="application/javascript")

    async def _recaptcha_challenge(self, request: web.Request) -> web.Response:
        return _html(
            "<!doctype html><html lang='en'><title>reCAPTCHA</title><body>"
            "<div class='rc-imageselect'><strong>Select all images with traffic lights</strong>"
            "<div class='rc-imageselect-target'>(nine tiles)</div>"
            "<button id='recaptcha-verify-button'>Verify</button></div></body></html>"
        )

    async def _company_page(self, request: web.Request) -> web.Response:
        return _html((HERE / "pages" / "company-careers.html").read_text("utf-8"))

    # --- pages ------------------------------------------------------------------------

    def _react_page(self, *, embed: bool) -> web.Response:
        cfg = dict(LARKSPUR)
        base = "/embed/job_app" if embed else f"/{cfg['urlToken']}/jobs/{cfg['jobPostId']}"
        query = f"?for={cfg['urlToken']}&token={cfg['jobPostId']}" if embed else ""
        cfg.update(
            embed=embed,
            submitPath=base + query,
            confirmationPath=base + "/confirmation" + query,
            phoneCountries=[f"{n} +{c}" for n, c in PHONE_COUNTRIES],
            eeocOptions=EEOC,
            recaptchaChallenge=self.captcha_challenge,
        )
        template = (HERE / "pages" / "job-board.html").read_text("utf-8")
        page = template.replace(
            "{{TITLE}}", html.escape(f"Job Application for {cfg['title']} at {cfg['companyName']}")
        )
        page = page.replace("{{CONFIG}}", json.dumps(cfg).replace("</", "<\\/"))
        page = page.replace("{{ROBOTS}}", '<meta name="robots" content="noindex">' if embed else "")
        return _html(page)

    async def _job_page(self, request: web.Request) -> web.Response:
        company, job = request.match_info["company"], request.match_info["job"]
        if (company, job) == (LARKSPUR["urlToken"], LARKSPUR["jobPostId"]):
            return self._react_page(embed=False)
        if (company, job) == ("fernhollow", "5550001"):
            return _html((HERE / "classic-fernhollow-data-analyst.html").read_text("utf-8"))
        raise web.HTTPNotFound()

    async def _embed_app(self, request: web.Request) -> web.Response:
        if (
            request.query.get("for") != LARKSPUR["urlToken"]
            or request.query.get("token") != LARKSPUR["jobPostId"]
        ):
            raise web.HTTPNotFound()
        return self._react_page(embed=True)

    async def _confirmation(self, request: web.Request) -> web.Response:
        return _html(
            "<!doctype html><html lang='en'><head><title>Application submitted</title></head><body>"
            "<main class='confirmation'><h1>Thank you for applying!</h1>"
            "<p>Your application has been submitted. We will be in touch.</p></main></body></html>"
        )

    # --- option endpoints -------------------------------------------------------------

    def _search(self, items: list[str]):  # type: ignore[no-untyped-def]
        async def handler(request: web.Request) -> web.Response:
            self.option_requests_open += 1
            try:
                await asyncio.sleep(self.latency)
            finally:
                self.option_requests_open -= 1
            term = request.query.get("term", "").strip().lower()
            words = term.replace(",", " ").split()
            hits = [i for i in items if words and all(w in i.lower().replace(",", " ") for w in words)]
            return web.json_response(hits[:10])

        return handler

    def _list(self, items: list[str]):  # type: ignore[no-untyped-def]
        async def handler(request: web.Request) -> web.Response:
            self.option_requests_open += 1
            try:
                await asyncio.sleep(self.latency)
            finally:
                self.option_requests_open -= 1
            return web.json_response(items)

        return handler

    # --- submissions ------------------------------------------------------------------

    async def _read(self, request: web.Request) -> Submission:
        sub = Submission(path=request.path_qs)
        data = await request.post()
        for name, value in data.items():
            if isinstance(value, web.FileField):
                sub.files[name] = UploadedFile(value.filename, value.content_type, value.file.read())
            else:
                sub.fields.setdefault(name, []).append(str(value))
        self.attempts.append(sub)
        return sub

    def _send_code(self, email: str) -> None:
        alphabet = string.ascii_letters + string.digits
        code = "".join(secrets.choice(alphabet) for _ in range(8))
        self._codes[email.lower()] = code
        self.outbox.append(Email(email, code))

    def _check_code(self, email: str, code: str | None) -> bool:
        want = self._codes.get(email.lower())
        return want is not None and code is not None and secrets.compare_digest(want, code)

    async def _react_post(self, request: web.Request) -> web.Response:
        sub = await self._read(request)
        errors = {}
        for name in REACT_REQUIRED:
            if not (sub.get(name) or "").strip():
                errors[name] = "This field is required."
        if "resume" not in sub.files and not (sub.get("resume_text") or "").strip():
            errors["resume"] = "This field is required."
        email = sub.get("email") or ""
        if email and "@" not in email:
            errors["email"] = "Enter a valid email address."
        if errors:
            sub.outcome = "invalid"
            return web.json_response({"errors": errors}, status=422)
        if self.captcha_challenge and sub.get("g-recaptcha-response") != RECAPTCHA_TEST_TOKEN:
            sub.outcome = "captcha_failed"
            return web.json_response({"errors": {"captcha": "Please complete the CAPTCHA."}}, status=422)
        code = sub.get("security_code")
        if code is not None:
            await asyncio.sleep(self.answer_delay)
        if self.require_code and code is None:
            self._send_code(email)
            sub.outcome = "code_required"
            return web.json_response({"error": "captcha-failed", "email": email}, status=428)
        if self.require_code and not self._check_code(email, code):
            sub.outcome = "code_rejected"
            return web.json_response(
                {"errors": {"security_code": "Incorrect security code. Check your email and try again."}},
                status=422,
            )
        sub.outcome = "accepted"
        self.applications.append(sub)
        base = request.path
        query = f"?{request.query_string}" if request.query_string else ""
        return web.json_response({"redirect": base + "/confirmation" + query})

    async def _job_post(self, request: web.Request) -> web.Response:
        company, job = request.match_info["company"], request.match_info["job"]
        if (company, job) == (LARKSPUR["urlToken"], LARKSPUR["jobPostId"]):
            return await self._react_post(request)
        if (company, job) == ("fernhollow", "5550001"):
            return await self._classic_post(request)
        raise web.HTTPNotFound()

    async def _s3_upload(self, request: web.Request) -> web.Response:
        await asyncio.sleep(self.latency / 2)
        data = await request.post()
        upload = data.get("file")
        if not isinstance(upload, web.FileField):
            return web.json_response({"error": "no file"}, status=400)
        key = "uploads/" + secrets.token_hex(8) + "/" + upload.filename
        self.uploads[key] = UploadedFile(upload.filename, upload.content_type, upload.file.read())
        return web.json_response({"url": "https://s3.replica.invalid/" + key, "key": key})

    def upload_for(self, url: str | None) -> UploadedFile | None:
        """The file a classic form's ``..._url`` field points at."""
        if not url:
            return None
        return self.uploads.get(url.split("https://s3.replica.invalid/", 1)[-1])

    async def _classic_post(self, request: web.Request) -> web.Response:
        sub = await self._read(request)
        missing = [n for n in CLASSIC_REQUIRED if not (sub.get(n) or "").strip()]
        if not (
            sub.get("job_application[resume_url]") or sub.get("job_application[resume_text]") or ""
        ).strip():
            missing.append("job_application[resume_url]")
        if missing:
            sub.outcome = "invalid"
            items = "".join(f"<li>{html.escape(n)} is required</li>" for n in missing)
            return _html(
                "<!doctype html><title>Errors</title><h1>There were errors with your application</h1>"
                f"<ul>{items}</ul>",
                status=422,
            )
        email = sub.get("job_application[email]") or ""
        if not self.require_code:
            return self._classic_accept(sub)
        pending = secrets.token_hex(8)
        self._pending[pending] = sub
        self._send_code(email)
        sub.outcome = "code_required"
        return _html(_classic_code_page(pending, email, error=None))

    async def _classic_verify(self, request: web.Request) -> web.Response:
        sub = await self._read(request)
        await asyncio.sleep(self.answer_delay)
        pending = self._pending.get(sub.get("pending_application") or "")
        if pending is None:
            sub.outcome = "invalid"
            return _html("<!doctype html><h1>This application has expired</h1>", status=410)
        email = pending.get("job_application[email]") or ""
        if not self._check_code(email, sub.get("security_code")):
            sub.outcome = "code_rejected"
            return _html(
                _classic_code_page(
                    sub.get("pending_application") or "",
                    email,
                    error="Incorrect security code. Check your email and try again.",
                ),
                status=422,
            )
        sub.outcome = "verified"
        del self._pending[sub.get("pending_application") or ""]
        return self._classic_accept(pending, verified=True)

    def _classic_accept(self, sub: Submission, *, verified: bool = False) -> web.Response:
        if not verified:
            sub.outcome = "accepted"
        self.applications.append(sub)
        return _html(
            "<!doctype html><html lang='en'><title>Fernhollow Outfitters</title><body>"
            "<div id='application_confirmation'><h1>Thank you for applying!</h1>"
            "<p>Your application has been submitted to Fernhollow Outfitters.</p></div></body></html>"
        )


def _classic_code_page(pending: str, email: str, *, error: str | None) -> str:
    err = (
        f"<div id='security_code_error' class='error' role='alert'>{html.escape(error)}</div>"
        if error
        else ""
    )
    described = ' aria-describedby="security_code_error"' if error else ""
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Verify your application</title></head><body>
<div id="application">
<h2>Almost done</h2>
<p>We sent an 8-character security code to {html.escape(email)}. Copy and paste this code into the
security code field below to confirm you're a human and submit your application.</p>
<form id="security_code_form" method="post" action="/fernhollow/jobs/5550001/verify">
<input type="hidden" name="pending_application" value="{html.escape(pending)}">
<div class="field"><label for="security_code">Security code <span class="asterisk">*</span></label>
<input type="text" id="security_code" name="security_code" maxlength="8" autocomplete="off"
 aria-required="true"{described}>{err}</div>
<input type="submit" id="submit_app" value="Submit Application">
</form></div></body></html>"""


def _html(body: str, *, status: int = 200) -> web.Response:
    return web.Response(text=body, status=status, content_type="text/html", charset="utf-8")

"""A local iCIMS career-portal replica: server-rendered steps, candidate accounts, a resume
parser, and a record of everything the browser sent.

Served as if it were ``https://careers-brightlane.icims.com`` (and, for the embed, the
employer's own ``https://www.brightlane-health.example/company/careers/<job>``, which frames
the portal cross-origin). The apply flow, as iCIMS runs it:

``/jobs/<id>/<slug>/job`` -> "Apply for this job online" -> ``login`` (e-mail + privacy
acceptance; an existing account asks for its password) -> ``candidate`` (resume upload that
the parser answers asynchronously by filling the profile, contact fields, Work Experience and
Education entries, and for a new candidate "Create Password") -> ``questions`` -> ``eeo`` ->
``review`` (certification, Submit Application) -> ``confirmation``.

Every URL without ``in_iframe=1`` is the employer's branded page holding the iCIMS iframe. The
session travels in a ``sid`` query parameter (iCIMS carries its own in the URL too), so the
embed works without third-party cookies. Everything recorded is in :attr:`IcimsReplica.events`;
a second submission of the same job by the same e-mail is refused (and recorded as such).

Run by hand: ``uv run python tests/replicas/icims/server.py``.
"""

from __future__ import annotations

import base64
import copy
import importlib.util
import json
import mimetypes
import secrets
import sys
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

HERE = Path(__file__).parent
STATIC = HERE / "static"
HOST = "https://careers-brightlane.icims.com"
COMPANY_HOST = "https://www.brightlane-health.example"
JOB_ID = "4521"
SLUG = "platform-engineer"
JOB_TITLE = "Platform Engineer"
JOBS = {JOB_ID: (SLUG, JOB_TITLE), "4533": ("data-engineer", "Data Engineer")}


def _load(name: str, path: Path) -> Any:
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


pages = _load("jobpilot_icims_replica_pages", HERE / "pages.py")
parse_body = _load("jobpilot_tests_server", HERE.parent.parent / "server.py").parse_body

DEFAULT_PARSE: dict[str, Any] = {
    # What the replica's parser reads from any resume, with the mistakes real parsers make: a
    # hyphenated last name split into a middle and a last name, a bare phone number, a
    # company suffix that is not on the resume, a wrong start month, an invented job from
    # the education section, and an abbreviated school without its degree.
    "fields": {
        "FirstName": "Mara",
        "MiddleName": "Okafor",
        "LastName": "Lindqvist",
        "PhoneNumber": "4155550142",
        "AddressStreet1": "12 Harbor Way",
        "AddressCity": "San Francisco",
        "AddressZip": "94107",
        "AddressCountry": "US",
    },
    "work": [
        {
            "employer": "Tidewater Analytics Inc.",
            "title": "Senior Backend Engineer",
            "start_month": "01",
            "start_year": "2021",
            "current": True,
        },
        {
            "employer": "Quayside Labs",
            "title": "Software Engineer",
            "start_month": "06",
            "start_year": "2017",
            "end_month": "02",
            "end_year": "2021",
        },
        {
            "employer": "University of Washington",
            "title": "Teaching Assistant",
            "start_month": "09",
            "start_year": "2015",
            "end_month": "06",
            "end_year": "2016",
        },
    ],
    "education": [
        {"school": "Univ. of Washington", "degree": "", "major": "Computer Science", "year": "2017"}
    ],
}

PROFILE_REQUIRED = {
    "FirstName": "First Name",
    "LastName": "Last Name",
    "PhoneNumber": "Phone",
    "AddressStreet1": "Address",
    "AddressCity": "City",
    "AddressCountry": "Country",
    "AddressZip": "Zip/Postal Code",
}
PROFILE_FIELDS = [
    "FirstName",
    "MiddleName",
    "LastName",
    "PhoneNumber",
    "PhoneType",
    "AddressStreet1",
    "AddressStreet2",
    "AddressCity",
    "AddressCountry",
    "AddressState",
    "AddressZip",
]
WORK_PARTS = ("Employer", "JobTitle", "StartMonth", "StartYear", "EndMonth", "EndYear", "Current")
EDU_PARTS = ("School", "Degree", "Major", "GraduationYear")


@dataclass
class Event:
    """One thing the server received: its kind, the session's e-mail and the data."""

    kind: str
    email: str
    data: Any = None
    at: float = field(default_factory=time.time)


@dataclass
class Session:
    sid: str
    job: str
    email: str = ""
    new_account: bool = False
    signed_in: bool = False
    profile: dict[str, str] = field(default_factory=dict)
    work: list[dict[str, Any]] = field(default_factory=list)
    education: list[dict[str, Any]] = field(default_factory=list)
    resume: dict[str, Any] | None = None
    answers: dict[str, str] = field(default_factory=dict)
    eeo: dict[str, str] = field(default_factory=dict)
    done: set[str] = field(default_factory=set)


class _Handler(BaseHTTPRequestHandler):
    replica: IcimsReplica

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: pytest output stays readable."""

    # --- plumbing ---

    def _send(self, status: int, body: bytes, ctype: str, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def _html(self, html: str, status: int = 200) -> None:
        self._send(status, html.encode("utf-8"), "text/html; charset=utf-8")

    def _redirect(self, location: str) -> None:
        """Answer with the page at ``location`` itself (its URL stays the requested one).

        Not an HTTP redirect: written when the test router could not follow a replica's 3xx
        (it can now, see ``OfflineRouter._forward``); kept as the replica's behaviour."""
        parts = urlsplit(location)
        segs = [s for s in parts.path.split("/") if s]
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        self._step_get(segs[1], segs[3], query)

    def _static(self, name: str) -> None:
        path = STATIC / Path(name).name
        if not path.is_file():
            self._send(404, b"not found", "text/plain")
            return
        ctype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if ctype.startswith("text/") or ctype.endswith("javascript"):
            ctype += "; charset=utf-8"
        self._send(200, path.read_bytes(), ctype)

    # --- GET ---

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        segs = [s for s in parts.path.split("/") if s]
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        if segs[:1] == ["replica-static"] and len(segs) == 2:
            self._static(segs[1])
            return
        if segs[:2] == ["company", "careers"] and len(segs) == 3 and segs[2] in JOBS:
            slug, _ = JOBS[segs[2]]
            self._html(pages.company_page(inner_src=f"{HOST}/jobs/{segs[2]}/{slug}/job?in_iframe=1"))
            return
        if len(segs) == 4 and segs[0] == "jobs" and segs[1] in JOBS:
            if query.get("in_iframe") != "1":
                q = dict(query, in_iframe="1")
                title = JOBS[segs[1]][1]
                self._html(pages.outer(title=title, inner_src=f"{parts.path}?{urlencode(q)}"))
                return
            self._step_get(segs[1], segs[3], query)
            return
        self._send(404, b"no such page", "text/plain")

    def _step_get(self, job: str, step: str, query: dict[str, str]) -> None:
        r = self.replica
        slug, title = JOBS[job]
        base = f"/jobs/{job}/{slug}"
        if step == "job":
            self._html(pages.job(job_title=title, login_href=f"{base}/login?in_iframe=1"))
            return
        if step == "login":
            s = r.new_session(job)
            self._html(pages.login_email(action=f"{base}/login?step=email&in_iframe=1&sid={s.sid}"))
            return
        s = r.session(query.get("sid", ""), job)
        if s is None or not s.signed_in:
            self._redirect(f"{base}/login?in_iframe=1")
            return
        if step == "candidate":
            self._html(r.render_profile(s, base))
        elif step == "questions" and "candidate" in s.done:
            self._html(pages.questions(action=r.action(base, "questions", s), values=s.answers))
        elif step == "eeo" and "questions" in s.done:
            self._html(pages.eeo(action=r.action(base, "eeo", s), values=s.eeo))
        elif step == "review" and "eeo" in s.done:
            self._html(pages.review(action=r.action(base, "review", s), summary=r.summary(s)))
        elif step == "confirmation" and "review" in s.done:
            self._html(pages.confirmation(job_title=title))
        else:
            self._redirect(f"{base}/candidate?in_iframe=1&sid={s.sid}")

    # --- POST ---

    def do_POST(self) -> None:
        parts = urlsplit(self.path)
        segs = [s for s in parts.path.split("/") if s]
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        form_lists, files, _ = parse_body(self.headers.get("Content-Type", ""), raw)
        form = {k: v[-1] for k, v in form_lists.items()}
        r = self.replica
        if segs[:2] == ["company", "newsletter"]:
            r.record("newsletter", form.get("nl_email", ""), form)
            self._html(pages.message(heading="Subscribed", text="You will get job alerts."))
            return
        if len(segs) == 5 and segs[0] == "jobs" and segs[1] in JOBS and segs[3:] == ["candidate", "parse"]:
            s = r.session(query.get("sid", ""), segs[1])
            try:
                sent = json.loads(raw or b"{}")
                data = base64.b64decode(sent.get("data") or "", validate=True)
                filename = str(sent["filename"])
            except (ValueError, KeyError, TypeError):
                self._send(400, b'{"error": "send {filename, data (base64)}"}', "application/json")
                return
            if s is None:
                self._send(400, b'{"error": "no such session"}', "application/json")
                return
            r.record("parse", s.email, {"filename": filename, "size": len(data)})
            s.resume = {"filename": filename, "size": len(data), "data": data}
            time.sleep(r.parse_delay)
            self._send(200, json.dumps(r.parse_result).encode(), "application/json")
            return
        if len(segs) == 4 and segs[0] == "jobs" and segs[1] in JOBS:
            self._step_post(segs[1], segs[3], query, form, files)
            return
        self._send(404, b"no such endpoint", "text/plain")

    def _step_post(
        self, job: str, step: str, query: dict[str, str], form: dict[str, str], files: dict[str, Any]
    ) -> None:
        r = self.replica
        slug, title = JOBS[job]
        base = f"/jobs/{job}/{slug}"
        s = r.session(query.get("sid", ""), job)
        if s is None:
            self._redirect(f"{base}/login?in_iframe=1")
            return
        action = form.get("iCIMS_Action", "Next")
        if step == "login":
            if not r.login_redirect(s, base, query.get("step", ""), form, self):
                self._html(r.login(s, base, query.get("step", ""), form))
            return
        if not s.signed_in:
            self._redirect(f"{base}/login?in_iframe=1")
            return
        if action == "Finish Later":
            r.record("finish_later", s.email, {"step": step})
            self._html(
                pages.message(heading="Saved", text="Your progress has been saved. Log back in to finish.")
            )
            return
        back = {"questions": "candidate", "eeo": "questions", "review": "eeo"}
        if action == "Previous" and step in back:
            self._redirect(f"{base}/{back[step]}?in_iframe=1&sid={s.sid}")
            return
        if step == "candidate":
            errors = r.save_profile(s, form, files)
            if errors:
                self._html(r.render_profile(s, base, errors=errors))
                return
            self._redirect(f"{base}/questions?in_iframe=1&sid={s.sid}")
        elif step == "questions" and "candidate" in s.done:
            errors = r.save_questions(s, form)
            if errors:
                self._html(
                    pages.questions(action=r.action(base, "questions", s), values=s.answers, errors=errors)
                )
                return
            self._redirect(f"{base}/eeo?in_iframe=1&sid={s.sid}")
        elif step == "eeo" and "questions" in s.done:
            s.eeo = {q["name"]: form.get(q["name"], "") for q in pages.EEO}
            s.done.add("eeo")
            r.record("eeo", s.email, dict(s.eeo))
            self._redirect(f"{base}/review?in_iframe=1&sid={s.sid}")
        elif step == "review" and "eeo" in s.done:
            errors = r.submit(s, form, title)
            if errors:
                self._html(
                    pages.review(action=r.action(base, "review", s), summary=r.summary(s), errors=errors)
                )
                return
            self._redirect(f"{base}/confirmation?in_iframe=1&sid={s.sid}")
        else:
            self._redirect(f"{base}/candidate?in_iframe=1&sid={s.sid}")


class IcimsReplica:
    """The replica server on 127.0.0.1 (random port), in a background thread."""

    def __init__(self) -> None:
        self.events: list[Event] = []
        self.accounts: dict[str, str] = {}
        """e-mail -> password of the candidate accounts on this portal."""
        self.saved_profiles: dict[str, dict[str, str]] = {}
        self.sessions: dict[str, Session] = {}
        self.parse_result: dict[str, Any] = copy.deepcopy(DEFAULT_PARSE)
        self.parse_delay = 0.4
        """Seconds the parser takes: its prefill lands well after the upload."""
        self.applied: set[tuple[str, str]] = set()
        self._lock = threading.RLock()
        handler = type("Handler", (_Handler,), {"replica": self})
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._httpd.daemon_threads = True
        self.port: int = self._httpd.server_address[1]
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="icims-replica", daemon=True)

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> IcimsReplica:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def reset(self) -> None:
        """Forget accounts, sessions and events (each test starts from an empty portal)."""
        with self._lock:
            self.events.clear()
            self.accounts.clear()
            self.saved_profiles.clear()
            self.sessions.clear()
            self.applied.clear()
            self.parse_result = copy.deepcopy(DEFAULT_PARSE)
            self.parse_delay = 0.4

    # --- recorded state ---

    def record(self, kind: str, email: str, data: Any) -> None:
        with self._lock:
            self.events.append(Event(kind, email, data))

    def of(self, kind: str) -> list[Event]:
        with self._lock:
            return [e for e in self.events if e.kind == kind]

    # --- sessions ---

    def new_session(self, job: str) -> Session:
        with self._lock:
            s = Session(sid=secrets.token_hex(8), job=job)
            self.sessions[s.sid] = s
            return s

    def session(self, sid: str, job: str) -> Session | None:
        with self._lock:
            s = self.sessions.get(sid)
            return s if s is not None and s.job == job else None

    @staticmethod
    def action(base: str, step: str, s: Session) -> str:
        return f"{base}/{step}?in_iframe=1&sid={s.sid}"

    # --- steps ---

    def login_redirect(
        self, s: Session, base: str, step: str, form: dict[str, str], handler: _Handler
    ) -> bool:
        """Answer a login post with a redirect when it succeeded; False to render a page."""
        email = form.get("css_loginName", "").strip().lower()
        if step == "email":
            if not email or "@" not in email or form.get("accept_gdpr") != "1":
                return False
            self.record("login_email", email, {"accept_gdpr": form.get("accept_gdpr")})
            with self._lock:
                s.email = email
                if email in self.accounts:
                    return False  # the password page
                s.new_account = True
                s.signed_in = True
                s.profile = {}
            handler._redirect(f"{base}/candidate?in_iframe=1&sid={s.sid}")
            return True
        if step == "password":
            ok = bool(email) and self.accounts.get(email) == form.get("css_password", "")
            self.record("login_password", email, {"ok": ok, "password": form.get("css_password", "")})
            if not ok:
                return False
            with self._lock:
                s.email, s.signed_in, s.new_account = email, True, False
                s.profile = dict(self.saved_profiles.get(email, {}))
            handler._redirect(f"{base}/candidate?in_iframe=1&sid={s.sid}")
            return True
        return False

    def login(self, s: Session, base: str, step: str, form: dict[str, str]) -> str:
        """The login page to show after a post that did not sign in."""
        email = form.get("css_loginName", "").strip().lower()
        email_action = f"{base}/login?step=email&in_iframe=1&sid={s.sid}"
        if step == "email":
            errors: list[tuple[str, str]] = []
            if not email or "@" not in email:
                errors.append(("email", "Email: please enter a valid e-mail address."))
            if form.get("accept_gdpr") != "1":
                errors.append(("accept_gdpr", "You must accept the privacy notice to continue."))
            if errors:
                return pages.login_email(action=email_action, email=email, errors=errors)
            return pages.login_password(
                action=f"{base}/login?step=password&in_iframe=1&sid={s.sid}", email=email
            )
        if step == "password":
            return pages.login_password(
                action=f"{base}/login?step=password&in_iframe=1&sid={s.sid}",
                email=email,
                errors=[("password", "The e-mail and password combination is incorrect.")],
            )
        return pages.login_email(action=email_action)

    def render_profile(self, s: Session, base: str, errors: list[tuple[str, str]] | None = None) -> str:
        return pages.profile(
            action=self.action(base, "candidate", s),
            parse_url=f"{base}/candidate/parse?sid={s.sid}",
            email=s.email,
            values=s.profile,
            work=s.work or [{}],
            education=s.education or [{}],
            new_account=s.new_account,
            resume_name=(s.resume or {}).get("filename", ""),
            errors=errors or [],
        )

    def save_profile(self, s: Session, form: dict[str, str], files: dict[str, Any]) -> list[tuple[str, str]]:
        p = pages.P
        values = {k: form.get(p + k, "").strip() for k in PROFILE_FIELDS}
        values["rcf3048"] = form.get("-1_rcf3048", "").strip()
        work = _entries(form, "-1_WorkExperience_", WORK_PARTS)
        education = _entries(form, "-1_Education_", EDU_PARTS)
        upload = (files.get(p + "Resume") or [None])[0]
        if upload is not None and upload.data:  # the uploader sent it already (parse)
            s.resume = {"filename": upload.filename, "size": len(upload.data), "data": upload.data}
        errors = [
            (p + key, f"{label} is required.") for key, label in PROFILE_REQUIRED.items() if not values[key]
        ]
        if s.resume is None:
            errors.append((p + "Resume", "Resume is required."))
        for n, row in enumerate(work, start=1):
            if not row["Employer"] or not row["JobTitle"]:
                errors.append(
                    (
                        f"-1_WorkExperience_{n - 1}_Employer",
                        f"Work Experience {n}: Employer and Job Title are required.",
                    )
                )
        for n, row in enumerate(education, start=1):
            if not row["School"]:
                errors.append((f"-1_Education_{n - 1}_School", f"Education {n}: School is required."))
        password = form.get(p + "Password", "")
        if s.new_account:
            if not password:
                errors.append((p + "Password", "Create Password is required."))
            elif password != form.get(p + "PasswordConfirm", ""):
                errors.append((p + "PasswordConfirm", "The passwords do not match."))
            elif (
                len(password) < 8
                or not any(c.isdigit() for c in password)
                or not any(c.isalpha() for c in password)
            ):
                errors.append(
                    (
                        p + "Password",
                        "The password must have at least 8 characters with a letter and a number.",
                    )
                )
        s.profile, s.work, s.education = values, work, education
        if errors:
            return errors
        with self._lock:
            if s.new_account:
                if s.email in self.accounts:
                    return [(p + "Email", "An account with this e-mail already exists. Log in instead.")]
                self.accounts[s.email] = password
                self.record("create_account", s.email, {"password": password})
                s.new_account = False
            self.saved_profiles[s.email] = dict(values)
            s.done.add("candidate")
            resume = {k: v for k, v in (s.resume or {}).items() if k != "data"}
            self.record(
                "profile",
                s.email,
                {"fields": values, "work": work, "education": education, "resume": resume},
            )
        return []

    def save_questions(self, s: Session, form: dict[str, str]) -> list[tuple[str, str]]:
        s.answers = {q["id"]: form.get("-1_" + q["id"], "").strip() for q in pages.QUESTIONS}
        errors = []
        for q in pages.QUESTIONS:
            if q["required"] and not s.answers[q["id"]]:
                fid = "-1_" + q["id"] + ("_0" if q["kind"] == "radio" else "")
                errors.append((fid, f"{q['label']} is required."))
        if errors:
            return errors
        s.done.add("questions")
        self.record("questions", s.email, dict(s.answers))
        return []

    def summary(self, s: Session) -> list[tuple[str, str]]:
        v = s.profile
        out = [
            ("Name", " ".join(x for x in (v.get("FirstName"), v.get("LastName")) if x)),
            ("Email", s.email),
            ("Phone", v.get("PhoneNumber", "")),
            ("Resume", (s.resume or {}).get("filename", "")),
        ]
        out += [
            (f"Work Experience {n}", f"{w['JobTitle']} at {w['Employer']}") for n, w in enumerate(s.work, 1)
        ]
        return out

    def submit(self, s: Session, form: dict[str, str], title: str) -> list[tuple[str, str]]:
        if form.get("-1_Certification") != "1":
            return [("-1_Certification", "You must certify that your information is true and complete.")]
        with self._lock:
            key = (s.email, s.job)
            if key in self.applied:
                self.record("duplicate_submit", s.email, {"job": s.job})
                return [("-1_Certification", "You have already applied for this job.")]
            self.applied.add(key)
            s.done.add("review")
            resume = {k: v for k, v in (s.resume or {}).items()}
            self.record(
                "submit",
                s.email,
                {
                    "job": s.job,
                    "title": title,
                    "certification": form.get("-1_Certification"),
                    "profile": dict(s.profile),
                    "work": copy.deepcopy(s.work),
                    "education": copy.deepcopy(s.education),
                    "resume": resume,
                    "answers": dict(s.answers),
                    "eeo": dict(s.eeo),
                },
            )
        return []


def _entries(form: dict[str, str], prefix: str, parts: tuple[str, ...]) -> list[dict[str, Any]]:
    """The posted entries of a repeated section, in order, by their ``_<n>_`` index."""
    indexes = sorted(
        {
            int(k[len(prefix) :].split("_", 1)[0])
            for k in form
            if k.startswith(prefix) and k[len(prefix) :][:1].isdigit()
        }
    )
    out = []
    for n in indexes:
        row: dict[str, Any] = {part: form.get(f"{prefix}{n}_{part}", "").strip() for part in parts}
        if "Current" in row:
            row["Current"] = row["Current"] == "1"
        out.append(row)
    return out


if __name__ == "__main__":
    server = IcimsReplica().start()
    print(f"iCIMS replica on {server.origin}/jobs/{JOB_ID}/{SLUG}/job")
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        server.stop()

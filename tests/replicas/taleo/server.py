"""A local Taleo Enterprise replica: a career section's job page, the candidate account (sign
in, registration), the application's nine server-rendered steps (privacy agreement, resume
parsing, personal information, work experience and education blocks added and removed by
round trips, questionnaire, diversity, e-signature, review and submit), and a record of
everything the browser sent.

Served as if it were ``https://crestview.taleo.net``: ``/careersection/10000/jobdetail.ftl?job=2604``
-> Apply Online -> ``/careersection/iam/accessmanagement/login.jsf`` (or ``register.jsf``) ->
``/careersection/10000/jobapply.ftl?job=2604&sid=...`` step by step -> "Thank you for applying".
Every step's post is recorded in :attr:`TaleoReplica.events`; a second submission of the same
job by the same account is refused (``duplicate_submit``).

Run by hand: ``uv run python tests/replicas/taleo/server.py``.
"""

from __future__ import annotations

import copy
import importlib.util
import re
import secrets
import sys
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

HERE = Path(__file__).parent
HOST = "https://crestview.taleo.net"
JOBS = {"2604": "Scheduling Platform Engineer", "2611": "Clinical Data Analyst"}


def _load(name: str, path: Path) -> Any:
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


pages = _load("jobpilot_taleo_replica_pages", HERE / "pages.py")
parse_body = _load("jobpilot_tests_server", HERE.parent.parent / "server.py").parse_body
PI = pages.PI
WE = "et-ef-content-ftf-gp-j_id_id16pc9-page_0-we-wei-"
EDU = "et-ef-content-ftf-gp-j_id_id16pc9-page_0-edu-edui-"
QS = "et-ef-content-ftf-gp-j_id_id16pc9-page_0-qs-"
SOURCE = "et-ef-content-ftf-gp-j_id_id16pc9-page_0-sourceTrackingBlock-recruitmentSourceDP"
RESUME = "et-ef-content-ftf-gp-j_id_id16pc9-page_0-resumeUploadInput"
ESIG = "et-ef-content-ftf-gp-j_id_id16pc9-page_0-esig-fullName"
PERSONAL = (
    "FirstName",
    "MiddleName",
    "LastName",
    "EmailAddress",
    "HomePhone",
    "Address",
    "Address2",
    "City",
    "ResidenceLocation-0",
    "ResidenceLocation-1",
    "ZipCode",
)
PERSONAL_REQUIRED = {
    "FirstName": "First Name",
    "LastName": "Last Name",
    "EmailAddress": "Email Address",
    "HomePhone": "Primary Number",
    "Address": "Address (Line 1)",
    "City": "City",
    "ResidenceLocation-0": "Country",
    "ZipCode": "Zip/Postal Code",
}
PASSWORD_RULE = re.compile(r"^(?=.*[a-z])(?=.*[A-Z])(?=.*\d)(?=.*[^A-Za-z0-9]).{8,}$")

DEFAULT_PARSE: dict[str, Any] = {
    # What the parser reads from any resume, with its mistakes: the hyphenated surname split,
    # a bare phone, a company suffix, a wrong start month, a job made up from the education
    # section, an abbreviated school.
    "personal": {
        "FirstName": "Mara",
        "MiddleName": "Okafor",
        "LastName": "Lindqvist",
        "HomePhone": "415 555 0142",
        "City": "San Francisco",
        "ZipCode": "94107",
    },
    "work": [
        {
            "Employer": "Tidewater Analytics Inc.",
            "JobFunction": "Senior Backend Engineer",
            "BeginMonth": "01",
            "BeginYear": "2021",
            "CurrentJob": True,
        },
        {
            "Employer": "Quayside Labs",
            "JobFunction": "Software Engineer",
            "BeginMonth": "06",
            "BeginYear": "2017",
            "EndMonth": "02",
            "EndYear": "2021",
        },
        {
            "Employer": "University of Washington",
            "JobFunction": "Lab Assistant",
            "BeginMonth": "09",
            "BeginYear": "2015",
            "EndMonth": "06",
            "EndYear": "2016",
        },
    ],
    "education": [
        {"Institution": "Univ. of Washington", "Program": "Computer Science", "GraduationYear": "2017"}
    ],
}


@dataclass
class Event:
    kind: str
    user: str
    data: Any = None
    at: float = field(default_factory=time.time)


@dataclass
class Session:
    sid: str
    job: str
    user: str
    step: int = 0
    personal: dict[str, str] = field(default_factory=dict)
    work: list[dict[str, Any]] = field(default_factory=list)
    education: list[dict[str, Any]] = field(default_factory=list)
    answers: dict[str, str] = field(default_factory=dict)
    eeo: dict[str, str] = field(default_factory=dict)
    esig: dict[str, str] = field(default_factory=dict)
    resume: dict[str, Any] | None = None
    privacy: bool = False


class _Handler(BaseHTTPRequestHandler):
    replica: TaleoReplica

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet."""

    def _send(self, status: int, body: bytes, ctype: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def _html(self, html: str) -> None:
        self._send(200, html.encode("utf-8"), "text/html; charset=utf-8")

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        q = {k: v[0] for k, v in parse_qs(parts.query).items()}
        r = self.replica
        if parts.path.startswith(f"/careersection/{pages.VERSION}/"):
            name = Path(parts.path).name
            path = HERE / "static" / name
            if path.is_file():
                ctype = "text/javascript" if name.endswith(".js") else "text/css"
                self._send(200, path.read_bytes(), ctype + "; charset=utf-8")
            else:
                self._send(404, b"not found", "text/plain")
            return
        m = re.match(r"^/careersection/(\w+)/jobdetail\.ftl$", parts.path)
        if m and q.get("job") in JOBS:
            self._html(pages.job_detail(cs=m[1], job=q["job"], title=JOBS[q["job"]]))
            return
        if parts.path == "/careersection/iam/accessmanagement/login.jsf":
            self._html(pages.login(cs=q.get("cs", "10000"), job=q.get("job", "")))
            return
        m = re.match(r"^/careersection/(\w+)/jobapply\.ftl$", parts.path)
        if m:
            s = r.sessions.get(q.get("sid", ""))
            if s is None:
                self._html(pages.login(cs=m[1], job=q.get("job", "")))
            else:
                self._html(r.render(s, m[1]))
            return
        self._send(404, b"no such page", "text/plain")

    def do_POST(self) -> None:
        parts = urlsplit(self.path)
        q = {k: v[0] for k, v in parse_qs(parts.query).items()}
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        lists, files, _ = parse_body(self.headers.get("Content-Type", ""), raw)
        form = {k: v[-1] for k, v in lists.items()}
        r = self.replica
        cs, job = q.get("cs", "10000"), q.get("job", "")
        if parts.path == "/careersection/iam/accessmanagement/login.jsf":
            self._html(r.login(cs, job, form))
            return
        if parts.path == "/careersection/iam/accessmanagement/register.jsf":
            self._html(r.register(cs, job, form))
            return
        m = re.match(r"^/careersection/(\w+)/jobapply\.ftl$", parts.path)
        if m:
            s = r.sessions.get(q.get("sid", ""))
            if s is None:
                self._html(pages.login(cs=m[1], job=job))
            else:
                self._html(r.post_step(s, m[1], form, files))
            return
        self._send(404, b"no such endpoint", "text/plain")


class TaleoReplica:
    def __init__(self) -> None:
        self.events: list[Event] = []
        self.accounts: dict[str, dict[str, str]] = {}
        """user name -> {password, email}."""
        self.sessions: dict[str, Session] = {}
        self.applied: set[tuple[str, str]] = set()
        self.parse_result: dict[str, Any] = copy.deepcopy(DEFAULT_PARSE)
        self._lock = threading.RLock()
        handler = type("Handler", (_Handler,), {"replica": self})
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._httpd.daemon_threads = True
        self.port: int = self._httpd.server_address[1]
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="taleo-replica", daemon=True)

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> TaleoReplica:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def reset(self) -> None:
        with self._lock:
            self.events.clear()
            self.accounts.clear()
            self.sessions.clear()
            self.applied.clear()
            self.parse_result = copy.deepcopy(DEFAULT_PARSE)

    def record(self, kind: str, user: str, data: Any) -> None:
        with self._lock:
            self.events.append(Event(kind, user, data))

    def of(self, kind: str) -> list[Event]:
        with self._lock:
            return [e for e in self.events if e.kind == kind]

    # --- account ---

    def _start(self, user: str, job: str, cs: str) -> str:
        with self._lock:
            s = Session(sid=secrets.token_hex(8), job=job, user=user)
            s.personal["EmailAddress"] = self.accounts[user]["email"]
            self.sessions[s.sid] = s
        return self.render(s, cs)

    def login(self, cs: str, job: str, form: dict[str, str]) -> str:
        if form.get("ftlaction") == "New User":
            return pages.register(cs=cs, job=job)
        user = form.get("dialogTemplate-dialogForm-login-name1", "").strip()
        password = form.get("dialogTemplate-dialogForm-login-password", "")
        ok = self.accounts.get(user, {}).get("password") == password and bool(user)
        self.record("signin", user, {"ok": ok, "password": password})
        if not ok or job not in JOBS:
            return pages.login(
                cs=cs,
                job=job,
                username=user,
                errors=[
                    ("dialogTemplate-dialogForm-login-password", "The user name or password is incorrect.")
                ],
            )
        return self._start(user, job, cs)

    def register(self, cs: str, job: str, form: dict[str, str]) -> str:
        p = "dialogTemplate-dialogForm-"
        if form.get("ftlaction") == "Cancel":
            return pages.login(cs=cs, job=job)
        v = {k: form.get(p + k, "").strip() for k in ("userName", "email", "emailConfirm")}
        password = form.get(p + "password", "")
        errors: list[tuple[str, str]] = []
        if not v["userName"]:
            errors.append((p + "userName", "User Name is required."))
        if not PASSWORD_RULE.match(password):
            errors.append(
                (
                    p + "password",
                    "The password must have at least 8 characters, with upper- and lower-case letters, "
                    "a digit and a special character.",
                )
            )
        elif password != form.get(p + "passwordConfirm", ""):
            errors.append((p + "passwordConfirm", "The passwords do not match."))
        if "@" not in v["email"]:
            errors.append((p + "email", "Enter a valid email address."))
        elif v["email"].lower() != v["emailConfirm"].lower():
            errors.append((p + "emailConfirm", "The email addresses do not match."))
        with self._lock:
            if not errors and v["userName"] in self.accounts:
                errors.append(
                    (p + "userName", "This user name is already in use. Choose another one or sign in.")
                )
            if errors:
                return pages.register(cs=cs, job=job, values=v, errors=errors)
            self.accounts[v["userName"]] = {"password": password, "email": v["email"]}
            self.record("register", v["userName"], {"password": password, "email": v["email"]})
        return self._start(v["userName"], job, cs)

    # --- the application ---

    def action(self, s: Session, cs: str) -> str:
        return f"/careersection/{cs}/jobapply.ftl?lang=en&job={s.job}&sid={s.sid}"

    def render(self, s: Session, cs: str, errors: list[tuple[str, str]] | None = None) -> str:
        name = pages.STEPS[s.step]
        bodies = {
            "Privacy Agreement": lambda: pages.privacy_body(),
            "Resume Upload": lambda: pages.resume_body((s.resume or {}).get("filename", "")),
            "Personal Information": lambda: pages.personal_body(s.personal),
            "Work Experience": lambda: pages.work_body(s.work),
            "Education": lambda: pages.education_body(s.education),
            "Job Specific Questions": lambda: pages.questions_body(s.answers),
            "Diversity": lambda: pages.diversity_body(s.eeo),
            "E-Signature": lambda: pages.esignature_body(s.esig),
            "Review and Submit": lambda: pages.review_body(self.summary(s)),
        }
        return pages.step(name=name, action=self.action(s, cs), body=bodies[name](), errors=errors or [])

    def summary(self, s: Session) -> list[tuple[str, str]]:
        v = s.personal
        return [
            ("Name", f"{v.get('FirstName', '')} {v.get('LastName', '')}"),
            ("Email", v.get("EmailAddress", "")),
            ("Resume", (s.resume or {}).get("filename", "")),
            *[
                (f"Work Experience {n}", f"{w['JobFunction']} at {w['Employer']}")
                for n, w in enumerate(s.work, 1)
            ],
        ]

    def post_step(self, s: Session, cs: str, form: dict[str, str], files: dict[str, Any]) -> str:
        name = pages.STEPS[s.step]
        action = form.get("ftlaction", "")
        if action == "Save as Draft":
            self.record("draft", s.user, {"step": name})
            return pages.message("Draft Saved", "Your application was saved. Sign in again to finish it.")
        if action == "Back":
            s.step = max(1, s.step - 1)
            return self.render(s, cs)
        if name == "Privacy Agreement":
            if action != "Accept":
                self.record("privacy_declined", s.user, None)
                return pages.message(
                    "Application Not Started", "You must accept the privacy agreement to apply."
                )
            s.privacy = True
            self.record("privacy", s.user, {"accepted": True})
            s.step += 1
            return self.render(s, cs)
        if name == "Resume Upload":
            upload = (files.get(RESUME) or [None])[0]
            if upload is not None and upload.filename:
                s.resume = {"filename": upload.filename, "size": len(upload.data)}
                self.record("resume", s.user, dict(s.resume))
                parsed = copy.deepcopy(self.parse_result)
                s.personal.update(parsed["personal"])
                s.work = parsed["work"]
                s.education = parsed["education"]
            s.step += 1
            return self.render(s, cs)
        if name == "Personal Information":
            s.personal = {k: form.get(PI + k, "").strip() for k in PERSONAL}
            s.personal["Source"] = form.get(SOURCE, "")
            errors = [
                (PI + k, f"{label} is required.")
                for k, label in PERSONAL_REQUIRED.items()
                if not s.personal[k]
            ]
            if not s.personal["Source"]:
                errors.append((SOURCE, "How did you hear about this job? is required."))
            if errors:
                return self.render(s, cs, errors)
            self.record("personal", s.user, dict(s.personal))
        elif name == "Work Experience":
            s.work = _blocks(form, WE, "-frm-dv_cs_experience_", pages.WORK_PARTS)
            if action == "Add Work Experience":
                s.work.append({})
                return self.render(s, cs)
            if action.startswith("Remove Work Experience "):
                del s.work[int(action.rsplit(" ", 1)[1]) - 1]
                return self.render(s, cs)
            errors = [
                (
                    f"{WE}{n}-frm-dv_cs_experience_Employer",
                    f"Work Experience {n + 1}: Employer and Job Function are required.",
                )
                for n, w in enumerate(s.work)
                if not w["Employer"] or not w["JobFunction"]
            ]
            if errors:
                return self.render(s, cs, errors)
            self.record("work", s.user, copy.deepcopy(s.work))
        elif name == "Education":
            s.education = _blocks(form, EDU, "-frm-dv_cs_education_", pages.EDU_PARTS)
            if action == "Add Education":
                s.education.append({})
                return self.render(s, cs)
            if action.startswith("Remove Education "):
                del s.education[int(action.rsplit(" ", 1)[1]) - 1]
                return self.render(s, cs)
            errors = [
                (f"{EDU}{n}-frm-dv_cs_education_Institution", f"Education {n + 1}: Institution is required.")
                for n, ed in enumerate(s.education)
                if not ed["Institution"]
            ]
            if errors:
                return self.render(s, cs, errors)
            self.record("education", s.user, copy.deepcopy(s.education))
        elif name == "Job Specific Questions":
            s.answers = {q["id"]: form.get(QS + q["id"], "") for q in pages.QUESTIONS}
            errors = [
                (f"{QS}{q['id']}-0", f"{q['label']} is required.")
                for q in pages.QUESTIONS
                if q["required"] and not s.answers[q["id"]]
            ]
            if errors:
                return self.render(s, cs, errors)
            self.record("questions", s.user, dict(s.answers))
        elif name == "Diversity":
            s.eeo = {q["id"]: form.get(PI + q["id"], "") for q in pages.EEO}
            self.record("diversity", s.user, dict(s.eeo))
        elif name == "E-Signature":
            s.esig = {"fullName": form.get(ESIG, "").strip()}
            if not s.esig["fullName"]:
                return self.render(s, cs, [(ESIG, "Full Name is required to sign.")])
            self.record("esignature", s.user, dict(s.esig))
        elif name == "Review and Submit":
            if action != "Submit":
                return self.render(s, cs)
            with self._lock:
                key = (s.user, s.job)
                if key in self.applied:
                    self.record("duplicate_submit", s.user, {"job": s.job})
                    return pages.message("Already Applied", "You have already applied for this job.")
                self.applied.add(key)
                self.record(
                    "submit",
                    s.user,
                    {
                        "job": s.job,
                        "privacy": s.privacy,
                        "personal": dict(s.personal),
                        "work": copy.deepcopy(s.work),
                        "education": copy.deepcopy(s.education),
                        "answers": dict(s.answers),
                        "eeo": dict(s.eeo),
                        "esignature": dict(s.esig),
                        "resume": dict(s.resume or {}),
                    },
                )
            return pages.confirmation(JOBS[s.job])
        s.step += 1
        return self.render(s, cs)


def _blocks(form: dict[str, str], prefix: str, infix: str, parts: tuple[str, ...]) -> list[dict[str, Any]]:
    indexes = sorted(
        {
            int(k[len(prefix) :].split("-", 1)[0])
            for k in form
            if k.startswith(prefix) and k[len(prefix) :][:1].isdigit()
        }
    )
    out = []
    for n in indexes:
        row: dict[str, Any] = {p: form.get(f"{prefix}{n}{infix}{p}", "").strip() for p in parts}
        if "CurrentJob" in row:
            row["CurrentJob"] = row["CurrentJob"] == "1"
        out.append(row)
    return out


if __name__ == "__main__":
    server = TaleoReplica().start()
    print(
        f"Taleo replica on {server.origin}/careersection/10000/jobdetail.ftl?job=2604 (forward {HOST} to it)"
    )
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        server.stop()

"""A local Oracle Recruiting Cloud replica: the Candidate Experience single-page app, its e-mail
and PIN identity check, the apply flow, and a record of everything the browser sent.

Served as if it were ``https://ehzy.fa.us6.oraclecloud.com`` (site ``CX_4``), with the app's
script from ``https://static.oracle.com/cdn/fa/oj-hcm-ce/...`` as the real one is:

``.../job/1187`` -> Apply Now -> ``.../apply/email`` (e-mail, terms, a honeypot) -> for a
returning candidate ``.../apply/pin`` (the 6-digit code e-mailed to them: recorded in
:attr:`OracleReplica.pins`) -> ``.../apply/section/1`` (the apply flow) -> Submit ->
``.../apply/thank-you``.

Every request body is recorded in :attr:`OracleReplica.events`; a second application to the same
job by the same e-mail is refused (``duplicate_submit``).

Run by hand: ``uv run python tests/replicas/oracle/server.py``.
"""

from __future__ import annotations

import base64
import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

HERE = Path(__file__).parent
HOST = "https://ehzy.fa.us6.oraclecloud.com"
STATIC_HOST = "https://static.oracle.com"
SITE = "/hcmUI/CandidateExperience/en/sites/CX_4"
APP_JS = "/cdn/fa/oj-hcm-ce/2611.3.replica/js/main-minimal.js"
JOBS = {"1187": "Backend Engineer", "1192": "Data Engineer"}

STATES = ["Arizona", "California", "Illinois", "New York", "Oregon", "Washington"]
COUNTRIES = ["United States", "Canada", "United Kingdom", "Germany"]
DIAL = ["United States (+1)", "Canada (+1)", "United Kingdom (+44)", "Germany (+49)"]
DEGREES = ["High School Diploma", "Associate Degree", "Bachelor's Degree", "Master's Degree", "Doctorate"]
DISABILITY = "US-STANDARD-ORA_DISABILITY_STATUS-STANDARD"
VETERAN = "US-STANDARD-ORA_VETERAN_STATUS-STANDARD"
ETHNICITY = "US-STANDARD-ORA_ETHNICITY-STANDARD"
GENDER = "US-STANDARD-ORA_GENDER-STANDARD"

SECTIONS: list[dict[str, Any]] = [
    {
        "title": "Contact Information",
        "block": "personal-information-basic",
        "fields": [
            {"id": "lastName", "label": "Last Name", "required": True, "autocomplete": "family-name"},
            {"id": "firstName", "label": "First Name", "required": True, "autocomplete": "given-name"},
            {"id": "title", "label": "Title", "kind": "pills", "options": ["Mr.", "Ms.", "Mx.", "Dr."]},
            {"id": "middleNames", "label": "Middle Name", "autocomplete": "additional-name"},
            {"id": "email", "label": "Email Address", "type": "email", "readonly": True},
            {
                "id": "phoneNumber",
                "label": "Phone Number",
                "kind": "phone",
                "options": DIAL,
                "required": True,
            },
        ],
    },
    {
        "title": "Address",
        "block": "address",
        "fields": [
            {"id": "addressLine1", "label": "Address Line 1", "required": True},
            {"id": "city", "label": "City", "required": True},
            {"id": "region2", "label": "State", "kind": "combo", "options": STATES},
            {"id": "postalCode", "label": "ZIP Code", "required": True},
            {"id": "country", "label": "Country", "kind": "combo", "options": COUNTRIES, "required": True},
        ],
    },
    {
        "title": "Supporting Documents",
        "block": "attachments",
        "fields": [{"id": "resume", "label": "Resume", "kind": "file", "required": True}],
    },
    {"title": "Experience", "block": "experience", "timeline": "experience"},
    {"title": "Education", "block": "education", "timeline": "education"},
    {
        "title": "Application Questions",
        "block": "disqualification-questions",
        "fields": [
            {
                "id": "300000041001",
                "label": "Are you legally authorized to work in the United States?",
                "kind": "radios",
                "options": ["Yes", "No"],
                "required": True,
            },
            {
                "id": "300000041002",
                "label": "Will you now or in the future require sponsorship for employment visa status?",
                "kind": "pills",
                "options": ["Yes", "No"],
                "required": True,
            },
            {
                "id": "300000041003",
                "label": "What are your annual salary expectations (USD)?",
                "required": True,
            },
            {
                "id": "300000041004",
                "label": "Where did you hear about this opportunity?",
                "kind": "combo",
                "options": ["Company Website", "LinkedIn", "Indeed", "Employee Referral", "Job Fair"],
                "required": True,
            },
            {
                "id": "300000041005",
                "label": "Do your salary expectations align with the range advertised for this role?",
                "kind": "pills",
                "options": [
                    "Yes, my expectations are within the advertised range",
                    "No, my expectations are above the advertised range",
                ],
            },
        ],
    },
    {
        "title": "Diversity",
        "block": "diversity",
        "fields": [
            {
                "id": GENDER,
                "label": "Gender",
                "kind": "combo",
                "options": ["Female", "Male", "Decline to Identify"],
            },
            {
                "id": ETHNICITY,
                "label": "Are you Hispanic or Latino?",
                "kind": "radios",
                "options": ["Hispanic or Latino", "Not Hispanic or Latino", "Decline to Identify"],
            },
            {
                "id": VETERAN,
                "label": "Veteran Status",
                "kind": "radios",
                "options": [
                    "I am a protected veteran",
                    "I am not a protected veteran",
                    "Decline to Identify",
                ],
            },
            {
                "id": DISABILITY,
                "label": "Do you have a disability?",
                "kind": "radios",
                "options": ["Yes", "No", "I do not want to answer"],
            },
        ],
    },
    {
        "title": "E-Signature",
        "block": "e-signature",
        "fields": [{"id": "fullName", "label": "Full Name", "required": True, "autocomplete": "off"}],
    },
]
TIMELINE: dict[str, list[dict[str, Any]]] = {
    "experience": [
        {"id": "EmployerName", "label": "Employer", "required": True},
        {"id": "JobTitle", "label": "Job Title", "required": True},
        {"id": "StartDate", "label": "Start Date (MM/YYYY)"},
        {"id": "EndDate", "label": "End Date (MM/YYYY)"},
        {"id": "CurrentJobFlag", "label": "I currently work here", "kind": "checkbox"},
    ],
    "education": [
        {"id": "EducationalEstablishment", "label": "School", "required": True},
        {"id": "DegreeName", "label": "Degree", "kind": "combo", "options": DEGREES},
        {"id": "Major", "label": "Major"},
        {"id": "EndDate", "label": "Graduation Date (MM/YYYY)"},
    ],
}


def shell(title: str) -> str:
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title} - Northstar Freight Careers</title>
<link rel="stylesheet" href="{SITE}/static/cx.css">
<script src="{STATIC_HOST}{APP_JS}" defer></script>
<script id="custom-js" src="/hcmUI/CandExpStatic/js/ce-custom.js?themeNumber=4"></script>
</head><body class="font-family-primary">
<header id="user-menu-header" class="app-header">
<span class="app-header__name">Northstar Freight Careers</span></header>
<div id="cx-app" data-base="{SITE}"><div class="app-loading" role="progressbar">Loading</div></div>
</body></html>"""


@dataclass
class Event:
    kind: str
    email: str
    data: Any = None
    at: float = field(default_factory=time.time)


@dataclass
class Session:
    token: str
    email: str
    job: str
    verified: bool = False


class _Handler(BaseHTTPRequestHandler):
    replica: OracleReplica

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet."""

    def _send(self, status: int, body: bytes, ctype: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("Access-Control-Allow-Origin", "*")
        self.end_headers()
        self.wfile.write(body)

    def _json(self, status: int, data: Any) -> None:
        self._send(status, json.dumps(data).encode(), "application/json")

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        path = parts.path
        if path == APP_JS:
            self._send(200, (HERE / "static" / "cx.js").read_bytes(), "text/javascript; charset=utf-8")
        elif path == f"{SITE}/static/cx.css":
            self._send(200, (HERE / "static" / "cx.css").read_bytes(), "text/css; charset=utf-8")
        elif path == "/hcmUI/CandExpStatic/js/ce-custom.js":
            self._send(
                200, b"/* the customer's theme script (replica: empty) */", "text/javascript; charset=utf-8"
            )
        elif path == f"{SITE}/api/definition":
            job = (parse_qs(parts.query).get("job") or [""])[0]
            self._json(
                200,
                {"job": job, "title": JOBS.get(job, ""), "sections": SECTIONS, "timelineFields": TIMELINE},
            )
        elif path.startswith(SITE + "/job/"):
            job = path[len(SITE) + 5 :].split("/")[0]
            self._send(200, shell(JOBS.get(job, "Job")).encode(), "text/html; charset=utf-8")
        else:
            self._send(404, b"not found", "text/plain")

    def do_POST(self) -> None:
        path = urlsplit(self.path).path
        length = int(self.headers.get("Content-Length") or 0)
        try:
            body = json.loads(self.rfile.read(length) or b"{}")
        except ValueError:
            self._json(400, {"errors": ["send JSON"]})
            return
        r = self.replica
        token = self.headers.get("X-Token", "")
        if path == f"{SITE}/api/email":
            self._json(*r.email_step(body))
        elif path == f"{SITE}/api/pin":
            self._json(*r.pin_step(token, body))
        elif path == f"{SITE}/api/apply":
            self._json(*r.apply(token, body))
        else:
            self._json(404, {"errors": ["no such endpoint"]})


class OracleReplica:
    def __init__(self) -> None:
        self.events: list[Event] = []
        self.candidates: set[str] = set()
        """E-mails Oracle knows (a returning candidate is asked for an e-mailed PIN)."""
        self.pins: dict[str, str] = {}
        """The code e-mailed to each returning candidate (the test is their inbox)."""
        self.sessions: dict[str, Session] = {}
        self.applied: set[tuple[str, str]] = set()
        self._lock = threading.RLock()
        handler = type("Handler", (_Handler,), {"replica": self})
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._httpd.daemon_threads = True
        self.port: int = self._httpd.server_address[1]
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="oracle-replica", daemon=True)

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> OracleReplica:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def reset(self) -> None:
        with self._lock:
            self.events.clear()
            self.candidates.clear()
            self.pins.clear()
            self.sessions.clear()
            self.applied.clear()

    def record(self, kind: str, email: str, data: Any) -> None:
        with self._lock:
            self.events.append(Event(kind, email, data))

    def of(self, kind: str) -> list[Event]:
        with self._lock:
            return [e for e in self.events if e.kind == kind]

    def email_step(self, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        email = str(body.get("email") or "").strip().lower()
        self.record("email", email, {"terms": body.get("terms"), "honey": body.get("honey")})
        errors = []
        if "@" not in email:
            errors.append("Enter a valid email address.")
        if body.get("terms") is not True:
            errors.append("You must agree with the terms and conditions.")
        if body.get("honey"):
            errors.append("Something went wrong. Try again later.")
        if errors:
            return 400, {"errors": errors}
        with self._lock:
            s = Session(token=secrets.token_hex(8), email=email, job=str(body.get("job") or ""))
            self.sessions[s.token] = s
            if email in self.candidates:
                code = f"{secrets.randbelow(10**6):06d}"
                self.pins[email] = code
                self.record("pin_sent", email, {"code": code})
                return 200, {"token": s.token, "pin": True}
            s.verified = True
            return 200, {"token": s.token, "pin": False}

    def pin_step(self, token: str, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        with self._lock:
            s = self.sessions.get(token)
            if s is None:
                return 400, {"errors": ["Your session expired. Start again."]}
            ok = str(body.get("pin") or "").strip() == self.pins.get(s.email)
            self.record("pin", s.email, {"pin": body.get("pin"), "ok": ok})
            if not ok:
                return 400, {"errors": ["The verification code isn't correct. Check the code and try again."]}
            s.verified = True
            return 200, {"token": s.token}

    def apply(self, token: str, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        with self._lock:
            s = self.sessions.get(token)
        if s is None or not s.verified:
            return 401, {"errors": ["Verify your email first."]}
        values = dict(body.get("values") or {})
        items = dict(body.get("items") or {})
        files = dict(body.get("files") or {})
        errors = []
        for section in SECTIONS:
            for f in section.get("fields", []):
                if not f.get("required"):
                    continue
                have = (
                    (files.get(f["id"]) or {}).get("data") if f.get("kind") == "file" else values.get(f["id"])
                )
                if not have:
                    errors.append(f"{f['label']} is required.")
        if errors:
            self.record("rejected", s.email, errors)
            return 400, {"errors": errors}
        with self._lock:
            key = (s.email, s.job)
            if key in self.applied:
                self.record("duplicate_submit", s.email, {"job": s.job})
                return 409, {"errors": ["You already applied for this job."]}
            self.applied.add(key)
            self.candidates.add(s.email)
            decoded = {
                k: {"filename": v.get("filename"), "data": base64.b64decode(v.get("data") or "")}
                for k, v in files.items()
            }
            self.record("submit", s.email, {"job": s.job, "values": values, "items": items, "files": decoded})
        return 200, {"ok": True}


if __name__ == "__main__":
    server = OracleReplica().start()
    print(f"Oracle replica on {server.origin}{SITE}/job/1187 (forward {HOST} and {STATIC_HOST} to it)")
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        server.stop()

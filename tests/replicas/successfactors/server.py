"""A local SAP SuccessFactors Recruiting replica: the classic career-site pages, candidate
accounts (sign in, create an account with the data privacy statement), the UI5 application
with its resume parser, and a record of everything the browser sent.

Served as if it were ``https://career4.successfactors.com`` (company ``alderwood``):

``/career?company=alderwood&career_ns=job_listing&career_job_req_id=7301`` -> Apply ->
``career_ns=login`` (Sign In, or Create an Account) -> ``career_ns=job_application`` (the UI5
app: ``/careerapi/form`` definition, ``/careerapi/parse`` resume parser, ``/careerapi/apply``
submission answering with value-state errors or success) -> "Thank you for applying".

A session travels in the ``sid`` parameter. Everything received is in
:attr:`SuccessFactorsReplica.events`; a second application to the same requisition by the same
candidate is refused and recorded as ``duplicate_submit``.

Run by hand: ``uv run python tests/replicas/successfactors/server.py``.
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
from urllib.parse import parse_qs, urlsplit

HERE = Path(__file__).parent
STATIC = HERE / "static"
HOST = "https://career4.successfactors.com"
REQS = {"7301": "Platform Engineer", "7302": "Grid Data Analyst"}


def _load(name: str, path: Path) -> Any:
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


pages = _load("jobpilot_sf_replica_pages", HERE / "pages.py")
form = _load("jobpilot_sf_replica_form", HERE / "form.py")
parse_body = _load("jobpilot_tests_server", HERE.parent.parent / "server.py").parse_body

DEFAULT_PARSE: dict[str, Any] = {
    # The parser's reading of any resume, with a parser's mistakes: a middle name it made up
    # from the hyphenated last name, the phone without its country code, a company suffix,
    # a wrong start date, a job it invented from the education section, a school abbreviated.
    "values": {
        "firstName": "Mara",
        "middleName": "Okafor",
        "lastName": "Lindqvist",
        "cellPhone": "415-555-0142",
        "city": "San Francisco",
        "zip": "94107",
    },
    "outsideWorkExperience": [
        {
            "employer": "Tidewater Analytics Inc",
            "title": "Senior Backend Engineer",
            "startDate": "01/01/2021",
            "present": True,
        },
        {
            "employer": "Quayside Labs",
            "title": "Software Engineer",
            "startDate": "06/01/2017",
            "endDate": "02/28/2021",
        },
        {
            "employer": "University of Washington",
            "title": "Research Assistant",
            "startDate": "09/01/2015",
            "endDate": "06/01/2016",
        },
    ],
    "education": [{"school": "U. of Washington", "major": "Computer Science", "endDate": "06/01/2017"}],
}


@dataclass
class Event:
    kind: str
    email: str
    data: Any = None
    at: float = field(default_factory=time.time)


@dataclass
class Session:
    sid: str
    req: str
    email: str = ""
    signed_in: bool = False


class _Handler(BaseHTTPRequestHandler):
    replica: SuccessFactorsReplica

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: pytest output stays readable."""

    def _send(self, status: int, body: bytes, ctype: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def _html(self, html: str) -> None:
        self._send(200, html.encode("utf-8"), "text/html; charset=utf-8")

    def _json(self, status: int, data: Any) -> None:
        self._send(status, json.dumps(data).encode(), "application/json")

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        q = {k: v[0] for k, v in parse_qs(parts.query).items()}
        r = self.replica
        if parts.path.startswith("/verp/vmod_v1/ui/"):
            path = STATIC / Path(parts.path).name
            if not path.is_file():
                self._send(404, b"not found", "text/plain")
                return
            ctype = (mimetypes.guess_type(path.name)[0] or "text/plain") + "; charset=utf-8"
            self._send(200, path.read_bytes(), ctype)
            return
        if parts.path == "/careerapi/form":
            s = r.session(q.get("sid", ""))
            if s is None or not s.signed_in:
                self._json(401, {"error": "sign in first"})
                return
            self._json(200, r.definition(s))
            return
        if parts.path == "/career" and q.get("company") == pages.COMPANY_ID:
            req = q.get("career_job_req_id", "")
            if req not in REQS:
                self._html(
                    pages.message(title="Job not found", text="This job is no longer available.", req=req)
                )
                return
            ns = q.get("career_ns", "job_listing")
            if ns == "job_listing":
                self._html(pages.job_listing(req=req, title=REQS[req]))
            elif ns == "job_application":
                s = r.session(q.get("sid", ""))
                if s is None or not s.signed_in:
                    s = r.new_session(req)
                    self._html(pages.login(req=req, sid=s.sid))
                else:
                    self._html(pages.application(req=req, sid=s.sid, title=REQS[req]))
            else:
                s = r.new_session(req)
                self._html(pages.login(req=req, sid=s.sid))
            return
        self._send(404, b"no such page", "text/plain")

    def do_POST(self) -> None:
        parts = urlsplit(self.path)
        q = {k: v[0] for k, v in parse_qs(parts.query).items()}
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        r = self.replica
        if parts.path.startswith("/careerapi/"):
            s = r.session(q.get("sid", ""))
            if s is None or not s.signed_in:
                self._json(401, {"error": "sign in first"})
                return
            try:
                body = json.loads(raw or b"{}")
            except ValueError:
                self._json(400, {"error": "send JSON"})
                return
            if parts.path == "/careerapi/parse":
                data = base64.b64decode(str(body.get("data") or ""))
                r.record("parse", s.email, {"filename": body.get("filename"), "size": len(data)})
                time.sleep(r.parse_delay)
                self._json(200, r.parse_result)
            elif parts.path == "/careerapi/apply":
                status, answer = r.apply(s, body)
                self._json(status, answer)
            elif parts.path == "/careerapi/draft":
                r.record("draft", s.email, None)
                self._json(200, {"ok": True})
            else:
                self._json(404, {"error": "no such endpoint"})
            return
        if parts.path == "/career":
            lists, _, _ = parse_body(self.headers.get("Content-Type", ""), raw)
            posted = {k: v[-1] for k, v in lists.items()}
            self._html(r.career_post(posted))
            return
        self._send(404, b"no such endpoint", "text/plain")


class SuccessFactorsReplica:
    """The replica server on 127.0.0.1 (random port), in a background thread."""

    def __init__(self) -> None:
        self.events: list[Event] = []
        self.accounts: dict[str, dict[str, str]] = {}
        """e-mail -> account (password, first/last name, country)."""
        self.sessions: dict[str, Session] = {}
        self.applied: set[tuple[str, str]] = set()
        self.parse_result: dict[str, Any] = copy.deepcopy(DEFAULT_PARSE)
        self.parse_delay = 0.4
        self._lock = threading.RLock()
        handler = type("Handler", (_Handler,), {"replica": self})
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._httpd.daemon_threads = True
        self.port: int = self._httpd.server_address[1]
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="sf-replica", daemon=True)

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> SuccessFactorsReplica:
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
            self.parse_delay = 0.4

    def record(self, kind: str, email: str, data: Any) -> None:
        with self._lock:
            self.events.append(Event(kind, email, data))

    def of(self, kind: str) -> list[Event]:
        with self._lock:
            return [e for e in self.events if e.kind == kind]

    def new_session(self, req: str) -> Session:
        with self._lock:
            s = Session(sid=secrets.token_hex(8), req=req)
            self.sessions[s.sid] = s
            return s

    def session(self, sid: str) -> Session | None:
        with self._lock:
            return self.sessions.get(sid)

    # --- classic pages ---

    def career_post(self, posted: dict[str, str]) -> str:
        s = self.session(posted.get("sid", ""))
        req = posted.get("career_job_req_id", "")
        if s is None or req not in REQS:
            return pages.message(title="Session expired", text="Please start again from the job.", req=req)
        action = posted.get("career_action", "")
        ns = posted.get("career_ns", "")
        if ns == "login" and action == "create":
            return pages.create_account(req=req, sid=s.sid)
        if ns == "login" and action == "signin":
            email = posted.get("username", "").strip().lower()
            account = self.accounts.get(email)
            ok = account is not None and account["password"] == posted.get("password", "")
            self.record("signin", email, {"ok": ok, "password": posted.get("password", "")})
            if not ok:
                return pages.login(
                    req=req,
                    sid=s.sid,
                    email=email,
                    errors=[("password", "Invalid email address or password.")],
                )
            s.email, s.signed_in = email, True
            return pages.application(req=req, sid=s.sid, title=REQS[req])
        if ns == "create_account" and action == "tosignin":
            return pages.login(req=req, sid=s.sid)
        if ns == "create_account" and action == "register":
            return self._register(s, req, posted)
        return pages.login(req=req, sid=s.sid)

    def _register(self, s: Session, req: str, posted: dict[str, str]) -> str:
        v = {
            "email": posted.get("fbclc_userName", "").strip().lower(),
            "emailConf": posted.get("fbclc_emailConf", "").strip().lower(),
            "firstName": posted.get("fbclc_fName", "").strip(),
            "lastName": posted.get("fbclc_lName", "").strip(),
            "country": posted.get("fbclc_country", ""),
        }
        password = posted.get("fbclc_pwd", "")
        errors: list[tuple[str, str]] = []
        if "@" not in v["email"]:
            errors.append(("fbclc_userName", "Enter a valid email address."))
        elif v["email"] != v["emailConf"]:
            errors.append(("fbclc_emailConf", "The email addresses do not match."))
        if (
            len(password) < 8
            or not any(c.isdigit() for c in password)
            or not any(c.isupper() for c in password)
        ):
            errors.append(
                (
                    "fbclc_pwd",
                    "The password must have at least 8 characters, an upper-case letter and a digit.",
                )
            )
        elif password != posted.get("fbclc_pwdConf", ""):
            errors.append(("fbclc_pwdConf", "The passwords do not match."))
        for key, fid, label in (
            ("firstName", "fbclc_fName", "First Name"),
            ("lastName", "fbclc_lName", "Last Name"),
            ("country", "fbclc_country", "Country/Region of Residence"),
        ):
            if not v[key]:
                errors.append((fid, f"{label} is required."))
        if posted.get("dataPrivacyId") != "1":
            errors.append(
                ("dataPrivacyId", "You must accept the Data Privacy Consent Statement to create an account.")
            )
        with self._lock:
            if not errors and v["email"] in self.accounts:
                errors.append(
                    ("fbclc_userName", "An account with this email address already exists. Sign in instead.")
                )
            if errors:
                return pages.create_account(req=req, sid=s.sid, values=v, errors=errors)
            self.accounts[v["email"]] = {
                "password": password,
                **{k: v[k] for k in ("firstName", "lastName", "country")},
            }
            self.record(
                "create_account",
                v["email"],
                {
                    "password": password,
                    **{k: v[k] for k in ("firstName", "lastName", "country")},
                    "dataPrivacy": posted.get("dataPrivacyId"),
                },
            )
            s.email, s.signed_in = v["email"], True
        return pages.application(req=req, sid=s.sid, title=REQS[req])

    # --- the UI5 application ---

    def definition(self, s: Session) -> dict[str, Any]:
        account = self.accounts.get(s.email, {})
        country = dict(pages.COUNTRIES).get(account.get("country", ""), "")
        values = {
            "contactEmail": s.email,
            "firstName": account.get("firstName", ""),
            "lastName": account.get("lastName", ""),
            "country": country,
        }
        return {
            "title": REQS[s.req],
            "sections": form.SECTIONS,
            "rows": form.ROWS,
            "rowTitles": form.ROW_TITLES,
            "values": values,
        }

    def apply(self, s: Session, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        values = {str(k): v for k, v in dict(body.get("values") or {}).items()}
        rows = dict(body.get("rows") or {})
        files = dict(body.get("files") or {})
        errors = []
        for f in form.fields():
            if not f.get("required"):
                continue
            if f["kind"] == "file":
                if not (files.get(f["id"]) or {}).get("data"):
                    errors.append({"field": f["id"], "message": f"{f['label']} is required."})
            elif not values.get(f["id"]):
                errors.append({"field": f["id"], "message": f"{f['label']} is required."})
        for kind, parts in form.ROWS.items():
            for n, row in enumerate(rows.get(kind) or []):
                for part in parts:
                    if part.get("required") and not str(row.get(part["id"]) or "").strip():
                        list_id = "eduRows" if kind == "education" else "workRows"
                        errors.append(
                            {
                                "field": f"{part['id']}-__xmlview0--{list_id}-{n}",
                                "message": f"{form.ROW_TITLES[kind]} {n + 1}: {part['label']} is required.",
                            }
                        )
        if errors:
            self.record("rejected", s.email, errors)
            return 400, {"errors": errors}
        with self._lock:
            key = (s.email, s.req)
            if key in self.applied:
                self.record("duplicate_submit", s.email, {"req": s.req})
                return 409, {
                    "errors": [{"field": "applyButton", "message": "You have already applied to this job."}]
                }
            self.applied.add(key)
            decoded = {
                k: {"filename": v.get("filename"), "data": base64.b64decode(v.get("data") or "")}
                for k, v in files.items()
            }
            self.record("submit", s.email, {"req": s.req, "values": values, "rows": rows, "files": decoded})
        return 200, {"ok": True}


if __name__ == "__main__":
    server = SuccessFactorsReplica().start()
    print(
        f"SuccessFactors replica on {server.origin}/career?company=alderwood"
        "&career_ns=job_listing&career_job_req_id=7301"
    )
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        server.stop()

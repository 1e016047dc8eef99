"""A local Workable replica: the one-page application, its resume parser, the e-mailed
verification code, and a record of what was submitted.

Served as if it were ``apply.workable.com`` (``OfflineRouter.forward``), it behaves like
Workable where an adapter can go wrong (see ``app/app.js`` for the page side):

* ``/<account>/j/<shortcode>/apply`` — the React application page, configured from
  :data:`JOBS` (custom attributes ``CA_<n>`` and questions ``QA_<n>``);
* ``/api/v1/accounts/<account>/resume`` — the resume upload, parsed at once: the page fills
  the fields still empty and the Education/Experience entries from
  :attr:`WorkableReplica.parse_result` (a parser's mistakes included: a company suffix that
  is not on the resume, a wrong start month, an invented job, an abbreviated school);
* ``/api/v1/accounts/<account>/jobs/<shortcode>/apply`` — the submission, validated again
  (400 naming the problem), refused for an e-mail that already applied (409); with
  :attr:`WorkableReplica.require_code` the answer is 202 and a six-digit code goes to
  :attr:`outbox`, and only ``.../verify`` with that code completes the application (a wrong
  code: 422, three attempts).

Completed applications are in :attr:`applications`, every request in :attr:`events`.
Run it by hand with ``uv run python tests/replicas/workable/server.py``.
"""

from __future__ import annotations

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
from urllib.parse import urlsplit

HERE = Path(__file__).parent
APP = HERE / "app"
VENDOR = HERE.parent.parent / "dom" / "assets" / "vendor"

ACCOUNT = "brightfern"
SHORTCODE = "4C7D2E91AB"

COUNTRIES = [
    ["US", "United States", "+1"],
    ["GB", "United Kingdom", "+44"],
    ["CA", "Canada", "+1"],
    ["DE", "Germany", "+49"],
    ["NG", "Nigeria", "+234"],
]
FIELDS: list[dict[str, Any]] = [
    {"name": "CA_5120", "type": "text", "label": "LinkedIn profile", "required": False},
    {
        "name": "CA_5121",
        "type": "dropdown",
        "label": "Country of residence",
        "options": ["Canada", "Germany", "Nigeria", "United Kingdom", "United States"],
        "required": True,
    },
    {
        "name": "CA_5122",
        "type": "boolean",
        "label": "Are you legally authorized to work in the United States?",
        "required": True,
    },
    {"name": "QA_88120", "type": "paragraph", "label": "Why do you want to work here?", "required": False},
    {
        "name": "QA_88121",
        "type": "boolean",
        "label": "Will you now or in the future require visa sponsorship?",
        "required": True,
    },
    {
        "name": "QA_88122",
        "type": "multiple",
        "label": "Which of these tools do you use every week?",
        "options": [["3301", "Airflow"], ["3302", "dbt"], ["3303", "Looker"]],
        "required": False,
    },
    {
        "name": "QA_88123",
        "type": "text",
        "label": "What are your salary expectations (USD per year)?",
        "required": True,
    },
    {"name": "QA_88124", "type": "file", "label": "Work sample", "required": False},
    {
        "name": "CA_5130",
        "type": "dropdown",
        "label": "Gender",
        "options": ["Female", "Male", "Non-binary", "Decline to self-identify"],
        "required": False,
    },
    {
        "name": "CA_5131",
        "type": "dropdown",
        "label": "Veteran status",
        "options": ["I am a protected veteran", "I am not a protected veteran", "I decline to self-identify"],
        "required": False,
    },
]
JOBS: dict[tuple[str, str], dict[str, Any]] = {
    (ACCOUNT, SHORTCODE): {
        "company": "Brightfern Analytics",
        "title": "Data Platform Engineer",
        "fields": FIELDS,
    },
}

DEFAULT_PARSE: dict[str, Any] = {
    "firstname": "Mara",
    "lastname": "Okafor Lindqvist",
    "email": "mara.ol@example.org",
    "headline": "Backend Engineer",
    "phone": "4155550142",
    "summary": "Backend engineer; Python, asyncio, PostgreSQL.",
    "education": [
        {
            "school": "Univ. of Washington",
            "field_of_study": "Computer Science",
            "degree": "",
            "start_date": "09/2013",
            "end_date": "06/2017",
            "current": False,
        },
    ],
    "experience": [
        {
            "title": "Senior Backend Engineer",
            "company": "Tidewater Analytics Inc.",
            "industry": "",
            "summary": "",
            "start_date": "01/2021",
            "end_date": "",
            "current": True,
        },
        {
            "title": "Software Engineer",
            "company": "Quayside Labs",
            "industry": "",
            "summary": "",
            "start_date": "06/2017",
            "end_date": "02/2021",
            "current": False,
        },
        {
            "title": "Teaching Assistant",
            "company": "University of Washington",
            "industry": "",
            "summary": "",
            "start_date": "09/2015",
            "end_date": "06/2016",
            "current": False,
        },
    ],
}


def _tests_server() -> Any:
    """tests/server.py (for its multipart parser), loaded by path like conftest does."""
    name = "jobpilot_tests_server"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, HERE.parent.parent / "server.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


@dataclass
class Event:
    kind: str
    path: str
    body: Any = None
    at: float = field(default_factory=time.time)


@dataclass
class Upload:
    id: str
    filename: str
    data: bytes


@dataclass
class Mail:
    to: str
    code: str


@dataclass
class Pending:
    body: dict[str, Any]
    code: str
    attempts: int = 3


class _Handler(BaseHTTPRequestHandler):
    replica: WorkableReplica

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: pytest output stays readable."""

    def _send(self, status: int, body: bytes, ctype: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def _json(self, status: int, data: Any) -> None:
        self._send(status, json.dumps(data).encode(), "application/json")

    def _file(self, path: Path) -> None:
        if not path.is_file():
            self._send(404, b"not found", "text/plain")
            return
        ctype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        self._send(200, path.read_bytes(), ctype + "; charset=utf-8")

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        if path.startswith("/vendor/"):
            self._file(VENDOR / Path(path).name)
            return
        if path.startswith("/replica-static/"):
            self._file(APP / Path(path).name)
            return
        segs = [s for s in path.split("/") if s]
        if len(segs) == 4 and segs[1] == "j" and segs[3] == "apply":
            job = JOBS.get((segs[0], segs[2]))
            if job is None:
                self._send(404, b"<h1>This job is not available</h1>", "text/html; charset=utf-8")
                return
            config = {**job, "account": segs[0], "shortcode": segs[2], "countries": COUNTRIES}
            shell = (APP / "index.html").read_text("utf-8").replace("<!--title-->", job["title"])
            shell = shell.replace(
                "<!--replica-config-->", f"<script>window.WK_REPLICA = {json.dumps(config)};</script>"
            )
            self._send(200, shell.encode(), "text/html; charset=utf-8")
            return
        self._send(404, b"<h1>Not found</h1>", "text/html; charset=utf-8")

    def do_POST(self) -> None:
        path = urlsplit(self.path).path
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        segs = [s for s in path.split("/") if s]
        r = self.replica
        if segs[:3] == ["api", "v1", "accounts"] and len(segs) == 5 and segs[4] == "resume":
            _form, files, _ = _tests_server().parse_body(self.headers.get("Content-Type", ""), raw)
            upload = (files.get("file") or [None])[0]
            if upload is None:
                self._json(400, {"error": "no file in the request: send it as the multipart part 'file'"})
                return
            kept = r._keep(upload.filename, upload.data)
            time.sleep(r.latency)
            r._record("resume", self.path, {"id": kept.id, "filename": kept.filename, "size": len(kept.data)})
            self._json(200, {**copy.deepcopy(r.parse_result), "fileId": kept.id})
            return
        if segs[:3] == ["api", "v1", "accounts"] and len(segs) == 7 and segs[4] == "jobs":
            try:
                body = json.loads(raw or b"{}")
            except json.JSONDecodeError as exc:
                self._json(400, {"error": f"the body is not JSON ({exc})"})
                return
            if segs[6] == "apply":
                status, answer = r._apply((segs[3], segs[5]), body, self.path)
            elif segs[6] == "verify":
                status, answer = r._verify(body, self.path)
            else:
                status, answer = 404, {"error": f"no such endpoint {path}"}
            self._json(status, answer)
            return
        self._json(404, {"error": f"no such endpoint {path}"})


class WorkableReplica:
    """The replica server on 127.0.0.1 (random port), in a background thread."""

    def __init__(self, *, latency: float = 0.05, require_code: bool = False) -> None:
        self.latency = latency
        self.require_code = require_code
        self.events: list[Event] = []
        self.applications: list[dict[str, Any]] = []
        self.uploads: dict[str, Upload] = {}
        self.outbox: list[Mail] = []
        self.pending: dict[str, Pending] = {}
        self.parse_result: dict[str, Any] = copy.deepcopy(DEFAULT_PARSE)
        self._lock = threading.Lock()
        handler = type("Handler", (_Handler,), {"replica": self})
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._httpd.daemon_threads = True
        self.port: int = self._httpd.server_address[1]
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, name="workable-replica", daemon=True
        )

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> WorkableReplica:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def reset(self, *, require_code: bool = False) -> None:
        with self._lock:
            self.events.clear()
            self.applications.clear()
            self.uploads.clear()
            self.outbox.clear()
            self.pending.clear()
            self.parse_result = copy.deepcopy(DEFAULT_PARSE)
            self.require_code = require_code

    def of(self, kind: str) -> list[Event]:
        with self._lock:
            return [e for e in self.events if e.kind == kind]

    def last_code(self) -> str:
        with self._lock:
            return self.outbox[-1].code

    def _record(self, kind: str, path: str, body: Any) -> None:
        with self._lock:
            self.events.append(Event(kind, path, body))

    def _keep(self, filename: str, data: bytes) -> Upload:
        with self._lock:
            up = Upload(f"wk-file-{len(self.uploads) + 1}", filename, data)
            self.uploads[up.id] = up
            return up

    def _apply(self, job_key: tuple[str, str], body: dict[str, Any], path: str) -> tuple[int, dict[str, Any]]:
        self._record("apply", path, body)
        job = JOBS.get(job_key)
        if job is None:
            return 404, {"error": f"no job {job_key[1]} for account {job_key[0]}"}
        problems = [
            f"{k} is required"
            for k in ("firstname", "lastname", "email")
            if not str(body.get(k) or "").strip()
        ]
        if not (body.get("phone") or {}).get("number"):
            problems.append("phone is required")
        if (body.get("resume") or {}).get("id") not in self.uploads:
            problems.append("no resume uploaded")
        if body.get("gdpr") is not True:
            problems.append("the privacy notice was not accepted")
        for f in job["fields"]:
            if f["required"] and not (body.get("answers") or {}).get(f["name"]):
                problems.append(f"{f['name']} is required")
        if problems:
            return 400, {"error": "; ".join(problems)}
        email = str(body["email"]).strip().lower()
        with self._lock:
            taken = any(a["email"].lower() == email and a["job"] == job_key[1] for a in self.applications)
            taken = taken or any(p.body["email"].lower() == email for p in self.pending.values())
            if taken:
                return 409, {"error": "You have already applied for this job."}
            entry = {**body, "job": job_key[1]}
            if not self.require_code:
                self.applications.append(entry)
                return 200, {"ok": True}
            token = secrets.token_hex(8)
            code = f"{secrets.randbelow(10**6):06d}"
            self.pending[token] = Pending(entry, code)
            self.outbox.append(Mail(email, code))
        name, _, domain = email.partition("@")
        return 202, {"token": token, "email": f"{name[:1]}***@{domain}"}

    def _verify(self, body: dict[str, Any], path: str) -> tuple[int, dict[str, Any]]:
        self._record("verify", path, body)
        with self._lock:
            pending = self.pending.get(str(body.get("token")))
            if pending is None:
                return 404, {"error": "This verification has expired. Submit your application again."}
            if str(body.get("code", "")).strip() != pending.code:
                pending.attempts -= 1
                if pending.attempts <= 0:
                    del self.pending[str(body.get("token"))]
                    return 422, {
                        "error": "The code is not valid. No attempts left: submit your application again."
                    }
                return 422, {"error": f"The code is not valid. {pending.attempts} attempts left."}
            del self.pending[str(body.get("token"))]
            self.applications.append(pending.body)
        return 200, {"ok": True}


if __name__ == "__main__":
    server = WorkableReplica().start()
    print(f"Workable replica on {server.origin}/{ACCOUNT}/j/{SHORTCODE}/apply")
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        server.stop()

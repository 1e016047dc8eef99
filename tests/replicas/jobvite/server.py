"""A local Jobvite replica: a careers site's apply page and what it receives.

Served as if it were ``jobs.jobvite.com`` (``OfflineRouter.forward``), it behaves like
Jobvite where an adapter can go wrong (see ``app/apply.js`` for the page side):

* ``/<company>/job/<job id>/apply`` — the two-step apply page (contact information,
  attachments, work history and education blocks; prescreen questions and the EEO section),
  with the "use my Jobvite profile" sign-in and Apply with LinkedIn / Indeed options, which
  JobPilot must never use (``/api/login`` and ``/api/external-apply`` are recorded);
* ``/<company>/jobs`` — a careers page embedding nothing but a job list, for detection;
* ``/api/upload`` — an attachment, uploaded as soon as it is chosen (bytes kept);
* ``/api/jobs/<job id>/apply`` — the submission, validated again (400 naming the problem),
  refused for an e-mail that already applied (409), else recorded in :attr:`applications`.

Run it by hand with ``uv run python tests/replicas/jobvite/server.py``.
"""

from __future__ import annotations

import importlib.util
import json
import mimetypes
import sys
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

HERE = Path(__file__).parent
APP = HERE / "app"

COMPANY = "tallgrass"
JOB_ID = "oQ3xYfwZ"

STATES = [["CA", "California"], ["NY", "New York"], ["OR", "Oregon"], ["TX", "Texas"], ["WA", "Washington"]]
COUNTRIES = [["US", "United States"], ["CA", "Canada"], ["GB", "United Kingdom"], ["DE", "Germany"]]
DEGREES = ["High School", "Associate's Degree", "Bachelor's Degree", "Master's Degree", "Doctorate"]
QUESTIONS: list[dict[str, Any]] = [
    {
        "name": "pq_7101",
        "type": "radio",
        "label": "Are you legally authorized to work in the United States?",
        "options": ["Yes", "No"],
        "required": True,
    },
    {
        "name": "pq_7102",
        "type": "radio",
        "label": "Will you now or in the future require sponsorship for employment visa status?",
        "options": ["Yes", "No"],
        "required": True,
    },
    {
        "name": "pq_7103",
        "type": "select",
        "label": "How did you hear about this position?",
        "options": ["Company website", "Indeed", "LinkedIn", "Referral", "Other"],
        "required": True,
    },
    {"name": "pq_7104", "type": "text", "label": "What is your desired salary?", "required": True},
    {"name": "pq_7105", "type": "textarea", "label": "Why do you want to work here?", "required": False},
    {"name": "pq_7106", "type": "text", "label": "Name a hiking trail you recommend.", "required": False},
]
EEO: list[dict[str, Any]] = [
    {"name": "eeo_gender", "label": "Gender", "options": ["Male", "Female", "I choose not to disclose"]},
    {
        "name": "eeo_race",
        "label": "Race/Ethnicity",
        "options": [
            "Asian",
            "Black or African American",
            "Hispanic or Latino",
            "White",
            "Two or more races",
            "I choose not to disclose",
        ],
    },
    {
        "name": "eeo_veteran",
        "label": "Veteran Status",
        "options": ["I am a protected veteran", "I am not a protected veteran", "I choose not to disclose"],
    },
    {
        "name": "eeo_disability",
        "label": "Disability Status",
        "options": [
            "Yes, I have a disability (or previously had a disability)",
            "No, I do not have a disability",
            "I do not wish to answer",
        ],
    },
]
JOBS: dict[tuple[str, str], dict[str, Any]] = {
    (COMPANY, JOB_ID): {
        "company": "Tallgrass Outdoor Co.",
        "title": "Senior Platform Engineer",
        "location": "Portland, Oregon",
    }
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
    kind: str
    filename: str
    data: bytes


class _Handler(BaseHTTPRequestHandler):
    replica: JobviteReplica

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

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        if path.startswith("/__assets__/replica/"):
            target = APP / Path(path).name
            if not target.is_file():
                self._send(404, b"not found", "text/plain")
                return
            ctype = (mimetypes.guess_type(target.name)[0] or "application/octet-stream") + "; charset=utf-8"
            self._send(200, target.read_bytes(), ctype)
            return
        segs = [s for s in path.split("/") if s]
        if len(segs) == 4 and segs[1] == "job" and segs[3] == "apply":
            job = JOBS.get((segs[0], segs[2]))
            if job is None:
                self._send(
                    404, b"<p class='jv-page-error-header'>The job listing no longer exists.</p>", "text/html"
                )
                return
            config = {
                **job,
                "jobId": segs[2],
                "states": STATES,
                "countries": COUNTRIES,
                "degrees": DEGREES,
                "questions": QUESTIONS,
                "eeo": EEO,
            }
            html = (APP / "apply.html").read_text("utf-8")
            for key, value in (
                ("company", job["company"]),
                ("title", job["title"]),
                ("location", job["location"]),
                ("slug", segs[0]),
            ):
                html = html.replace(f"<!--{key}-->", value)
            html = html.replace(
                "<!--replica-config-->", f"<script>window.JV_REPLICA = {json.dumps(config)};</script>"
            )
            self._send(200, html.encode(), "text/html; charset=utf-8")
            return
        self._send(404, b"<h1>Not found</h1>", "text/html; charset=utf-8")

    def do_POST(self) -> None:
        parts = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        r = self.replica
        if parts.path == "/api/upload":
            _form, files, _ = _tests_server().parse_body(self.headers.get("Content-Type", ""), raw)
            upload = (files.get("file") or [None])[0]
            if upload is None:
                self._json(400, {"error": "no file in the request: send it as the multipart part 'file'"})
                return
            kind = (parse_qs(parts.query).get("kind") or ["resume"])[0]
            kept = r._keep(kind, upload.filename, upload.data)
            r._record("upload", self.path, {"id": kept.id, "kind": kind, "filename": kept.filename})
            self._json(200, {"id": kept.id})
            return
        if parts.path in ("/api/login", "/api/external-apply"):
            r._record(parts.path.rsplit("/", 1)[-1], self.path, raw.decode("utf-8", "replace"))
            self._json(200, {"ok": True})
            return
        segs = [s for s in parts.path.split("/") if s]
        if len(segs) == 4 and segs[:2] == ["api", "jobs"] and segs[3] == "apply":
            try:
                body = json.loads(raw or b"{}")
            except json.JSONDecodeError as exc:
                self._json(400, {"error": f"the body is not JSON ({exc})"})
                return
            status, answer = r._apply(segs[2], body, self.path)
            self._json(status, answer)
            return
        self._json(404, {"error": f"no such endpoint {parts.path}"})


class JobviteReplica:
    """The replica server on 127.0.0.1 (random port), in a background thread."""

    def __init__(self) -> None:
        self.events: list[Event] = []
        self.applications: list[dict[str, Any]] = []
        self.uploads: dict[str, Upload] = {}
        self._lock = threading.Lock()
        handler = type("Handler", (_Handler,), {"replica": self})
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._httpd.daemon_threads = True
        self.port: int = self._httpd.server_address[1]
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="jobvite-replica", daemon=True)

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> JobviteReplica:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def reset(self) -> None:
        with self._lock:
            self.events.clear()
            self.applications.clear()
            self.uploads.clear()

    def of(self, kind: str) -> list[Event]:
        with self._lock:
            return [e for e in self.events if e.kind == kind]

    def _record(self, kind: str, path: str, body: Any) -> None:
        with self._lock:
            self.events.append(Event(kind, path, body))

    def _keep(self, kind: str, filename: str, data: bytes) -> Upload:
        with self._lock:
            up = Upload(f"jv-{len(self.uploads) + 1}", kind, filename, data)
            self.uploads[up.id] = up
            return up

    def _apply(self, job_id: str, body: dict[str, Any], path: str) -> tuple[int, dict[str, Any]]:
        self._record("apply", path, body)
        if not any(k[1] == job_id for k in JOBS):
            return 404, {"error": f"no job {job_id}"}
        fields = body.get("fields") or {}
        problems = [
            f"{k} is required"
            for k in ("firstName", "lastName", "email", "phone", "city", "country")
            if not fields.get(k)
        ]
        if (body.get("resume") or {}).get("id") not in self.uploads:
            problems.append("a resume is required")
        for q in QUESTIONS:
            if q["required"] and not (body.get("answers") or {}).get(q["name"]):
                problems.append(f"{q['name']} is required")
        if problems:
            return 400, {"error": "; ".join(problems)}
        email = str(fields["email"]).strip().lower()
        with self._lock:
            if any(
                str(a["fields"]["email"]).lower() == email and a["job"] == job_id for a in self.applications
            ):
                return 409, {"error": "You have already applied for this job."}
            self.applications.append({**body, "job": job_id})
        return 200, {"ok": True}


if __name__ == "__main__":
    server = JobviteReplica().start()
    print(f"Jobvite replica on {server.origin}/{COMPANY}/job/{JOB_ID}/apply")
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        server.stop()

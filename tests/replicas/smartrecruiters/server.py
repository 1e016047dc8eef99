"""A local SmartRecruiters replica: the one-click application and what it receives.

Served as if it were ``jobs.smartrecruiters.com`` (``OfflineRouter.forward``), it behaves
like SmartRecruiters where an adapter can go wrong (see ``app/app.js`` and
``app/components.js`` for the page side):

* ``/<Company>/<id>-<slug>`` — a job ad (:data:`JOB_ADS`) whose "I'm interested" is a
  plain link to the one-click app;
* ``/oneclick-ui/company/<Company>/publication/<uuid>`` — the one-click app (``oc-*``
  elements around ``spl-*`` web components with open shadow roots), configured from
  :data:`JOBS` (company, title, screening questions);
* ``/api/locations?q=`` — city suggestions, answered after :attr:`latency` seconds;
* ``/api/resume-parse`` — the Easy Apply parser: records the file and answers
  :attr:`SmartRecruitersReplica.parse_result`, a profile read from "any resume" with the
  mistakes a parser makes (a hyphen lost from the surname, the phone without its country
  code, a company suffix that is not on the resume, a wrong start month, a job invented from
  the education section, an abbreviated school and no degree);
* ``/api/files`` — the Resume drop zone's upload (bytes kept);
* ``/api/publications/<uuid>/apply`` — the submission: validated again on the server
  (400 naming the problem), refused when this e-mail already applied to the publication
  (409), else recorded in :attr:`applications`.

Every request is in :attr:`events`; tests assert on those, never on what the DOM shows.
Run it by hand with ``uv run python tests/replicas/smartrecruiters/server.py``.
"""

from __future__ import annotations

import copy
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

PUBLICATION = "0b6d1c7e-51a2-4c1e-9d3f-2a7b8c9d0e1f"
"""The Nordlicht Energy posting with screening questions."""
PUBLICATION_SHORT = "7e2f4a90-3b1c-4d5e-8f6a-1b2c3d4e5f60"
"""A posting without screening questions: page one submits."""

COUNTRIES = [
    ["CA", "Canada", "+1"],
    ["DE", "Germany", "+49"],
    ["FR", "France", "+33"],
    ["GB", "United Kingdom", "+44"],
    ["NG", "Nigeria", "+234"],
    ["SE", "Sweden", "+46"],
    ["US", "United States", "+1"],
    ["UM", "United States Minor Outlying Islands", "+1"],
]
LOCATIONS = [
    "San Francisco, California, United States",
    "South San Francisco, California, United States",
    "San Francisco de Macorís, Duarte, Dominican Republic",
    "Seattle, Washington, United States",
    "Berlin, Berlin, Germany",
    "Lagos, Lagos, Nigeria",
    "Stockholm, Stockholm County, Sweden",
]
QUESTIONS: list[dict[str, Any]] = [
    {
        "id": "q-4410",
        "type": "radio",
        "label": "Are you legally authorized to work in the United States?",
        "options": ["Yes", "No"],
        "required": True,
    },
    {
        "id": "q-4411",
        "type": "radio",
        "label": "Will you now or in the future require sponsorship for employment visa status?",
        "options": ["Yes", "No"],
        "required": True,
    },
    {
        "id": "q-4412",
        "type": "select",
        "label": "What is your notice period?",
        "options": ["Immediately", "2 weeks", "1 month", "More than 1 month"],
        "required": True,
    },
    {
        "id": "q-4413",
        "type": "input",
        "label": "What are your salary expectations (USD per year)?",
        "required": True,
    },
    {"id": "q-4414", "type": "textarea", "label": "Why do you want to work here?", "required": False},
    {
        "id": "q-4415",
        "type": "input",
        "label": "Which grid simulation tools have you used?",
        "required": False,
    },
    {
        "id": "q-4416",
        "type": "select",
        "label": "Gender",
        "options": ["Female", "Male", "Non-binary", "I prefer not to say"],
        "required": False,
        "section": "Voluntary self-identification",
    },
    {
        "id": "q-4417",
        "type": "select",
        "label": "Veteran status",
        "options": ["I am a protected veteran", "I am not a protected veteran", "I prefer not to say"],
        "required": False,
        "section": "Voluntary self-identification",
    },
]
JOBS: dict[str, dict[str, Any]] = {
    PUBLICATION: {
        "company": "Nordlicht Energy",
        "companyId": "NordlichtEnergy",
        "title": "Backend Engineer, Grid Platform",
        "location": "San Francisco, CA, United States",
        "questions": QUESTIONS,
    },
    PUBLICATION_SHORT: {
        "company": "Nordlicht Energy",
        "companyId": "NordlichtEnergy",
        "title": "Site Reliability Engineer",
        "location": "Berlin, Germany",
        "questions": [],
    },
}

DEFAULT_PARSE: dict[str, Any] = {
    "firstName": "Mara",
    "lastName": "Okafor Lindqvist",
    "email": "mara.ol@example.org",
    "location": "",
    "phone": {"country": "US", "number": "4155550142"},
    "experience": [
        {
            "title": "Senior Backend Engineer",
            "company": "Tidewater Analytics Inc.",
            "location": "",
            "description": "",
            "start": "01/2021",
            "end": "",
            "current": True,
        },
        {
            "title": "Software Engineer",
            "company": "Quayside Labs",
            "location": "",
            "description": "",
            "start": "06/2017",
            "end": "02/2021",
            "current": False,
        },
        {
            "title": "Teaching Assistant",
            "company": "University of Washington",
            "location": "",
            "description": "",
            "start": "09/2015",
            "end": "06/2016",
            "current": False,
        },
    ],
    "education": [
        {
            "institution": "Univ. of Washington",
            "major": "Computer Science",
            "degree": "",
            "location": "",
            "description": "",
            "start": "09/2013",
            "end": "06/2017",
            "current": False,
        }
    ],
}


JOB_ADS: dict[str, str] = {"744000098765432": PUBLICATION}
"""Job ad id (``/<Company>/<id>-<slug>``) -> the publication its "I'm interested" opens."""


def job_ad(publication: str, job_id: str) -> str:
    """The job ad page: the posting, its "I'm interested" link to the one-click form (a
    plain ``<a>``, as on the real site), and the site's own menu with a talent-community
    "Apply" link that is not this job's application."""
    job = JOBS[publication]
    company, title = job["companyId"], job["title"]
    oneclick = f"/oneclick-ui/company/{company}/publication/{publication}?dcr_ci={company}"
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title} - {job["company"]}</title>
<meta name="sr:job-ad-id" content="{job_id}">
<style>.button--primary {{ display: inline-block; padding: 8px 16px; background: #0b5; color: #fff }}</style>
</head><body>
<header><nav aria-label="Company">
<a href="/{company}">All jobs at {job["company"]}</a>
<a href="/{company}/talent-community">Apply</a>
</nav></header>
<main id="st-jobDescription">
<h1 class="job-title">{title}</h1>
<p class="job-location">{job["location"]}</p>
<p>Help us balance a grid that runs on wind and sun.</p>
<a id="st-apply" class="button button--primary js-oneclick" href="{oneclick}">I&#39;m interested</a>
<a href="mailto:jobs@nordlicht.example">Questions? Write to us</a>
</main>
<footer><a href="/privacy">Privacy policy</a></footer>
</body></html>"""


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


class _Handler(BaseHTTPRequestHandler):
    replica: SmartRecruitersReplica

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
        parts = urlsplit(self.path)
        path = parts.path
        if path.startswith("/replica-static/"):
            target = APP / Path(path).name
            if not target.is_file():
                self._send(404, b"not found", "text/plain")
                return
            ctype = (mimetypes.guess_type(target.name)[0] or "application/octet-stream") + "; charset=utf-8"
            self._send(200, target.read_bytes(), ctype)
            return
        if path == "/api/locations":
            time.sleep(self.replica.latency)
            q = (parse_qs(parts.query).get("q") or [""])[0].strip().lower()
            self.replica._record("locations", self.path, {"q": q})
            self._json(200, [loc for loc in LOCATIONS if q and loc.lower().startswith(q)][:6])
            return
        segs = [s for s in path.split("/") if s]
        if len(segs) == 2 and segs[1].split("-", 1)[0].isdigit():
            job_id = segs[1].split("-", 1)[0]
            publication = JOB_ADS.get(job_id)
            if publication is None or JOBS[publication]["companyId"] != segs[0]:
                self._send(404, b"<h1>This job is no longer available</h1>", "text/html; charset=utf-8")
                return
            self._send(200, job_ad(publication, job_id).encode(), "text/html; charset=utf-8")
            return
        if len(segs) == 5 and segs[:2] == ["oneclick-ui", "company"] and segs[3] == "publication":
            job = JOBS.get(segs[4])
            if job is None:
                self._send(404, b"<h1>This job is no longer available</h1>", "text/html; charset=utf-8")
                return
            config = {
                **job,
                "publication": segs[4],
                "countries": COUNTRIES,
                "defaultCountry": "US",
            }
            shell = (APP / "index.html").read_text("utf-8")
            shell = shell.replace("<!--title-->", job["title"])
            shell = shell.replace(
                "<!--replica-config-->", f"<script>window.SR_REPLICA = {json.dumps(config)};</script>"
            )
            self._send(200, shell.encode(), "text/html; charset=utf-8")
            return
        self._send(404, b"<h1>Not found</h1>", "text/html; charset=utf-8")

    def do_POST(self) -> None:
        parts = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        ctype = self.headers.get("Content-Type", "")
        r = self.replica
        if parts.path in ("/api/resume-parse", "/api/files"):
            _form, files, _ = _tests_server().parse_body(ctype, raw)
            upload = (files.get("file") or [None])[0]
            if upload is None:
                self._json(400, {"error": "no file in the request: send it as the multipart part 'file'"})
                return
            kept = r._keep(upload.filename, upload.data)
            if parts.path == "/api/files":
                r._record(
                    "file", self.path, {"id": kept.id, "filename": kept.filename, "size": len(kept.data)}
                )
                self._json(200, {"id": kept.id, "name": kept.filename})
                return
            time.sleep(r.latency)
            r._record("parse", self.path, {"id": kept.id, "filename": kept.filename, "size": len(kept.data)})
            self._json(200, {**copy.deepcopy(r.parse_result), "fileId": kept.id})
            return
        segs = [s for s in parts.path.split("/") if s]
        if len(segs) == 4 and segs[:2] == ["api", "publications"] and segs[3] == "apply":
            try:
                body = json.loads(raw or b"{}")
            except json.JSONDecodeError as exc:
                self._json(400, {"error": f"the body is not JSON ({exc})"})
                return
            status, answer = r._apply(segs[2], body, self.path)
            self._json(status, answer)
            return
        self._json(404, {"error": f"no such endpoint {parts.path}"})


class SmartRecruitersReplica:
    """The replica server on 127.0.0.1 (random port), in a background thread."""

    def __init__(self, *, latency: float = 0.05) -> None:
        self.latency = latency
        self.events: list[Event] = []
        self.applications: list[dict[str, Any]] = []
        self.uploads: dict[str, Upload] = {}
        self.parse_result: dict[str, Any] = copy.deepcopy(DEFAULT_PARSE)
        self._lock = threading.Lock()
        handler = type("Handler", (_Handler,), {"replica": self})
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._httpd.daemon_threads = True
        self.port: int = self._httpd.server_address[1]
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="sr-replica", daemon=True)

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> SmartRecruitersReplica:
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
            self.parse_result = copy.deepcopy(DEFAULT_PARSE)

    def of(self, kind: str) -> list[Event]:
        with self._lock:
            return [e for e in self.events if e.kind == kind]

    def _record(self, kind: str, path: str, body: Any) -> None:
        with self._lock:
            self.events.append(Event(kind, path, body))

    def _keep(self, filename: str, data: bytes) -> Upload:
        with self._lock:
            up = Upload(f"file-{len(self.uploads) + 1}", filename, data)
            self.uploads[up.id] = up
            return up

    def _apply(self, publication: str, body: dict[str, Any], path: str) -> tuple[int, dict[str, Any]]:
        self._record("apply", path, body)
        job = JOBS.get(publication)
        if job is None:
            return 404, {"error": f"no publication {publication}"}
        problems = [
            f"{k} is required"
            for k in ("firstName", "lastName", "email")
            if not str(body.get(k) or "").strip()
        ]
        if str(body.get("email", "")).strip() != str(body.get("confirmEmail", "")).strip():
            problems.append("the e-mail confirmation does not match")
        if body.get("consent") is not True:
            problems.append("the privacy notice was not acknowledged")
        resume = body.get("resume") or {}
        if resume.get("id") not in self.uploads:
            problems.append("no resume attached")
        for q in job["questions"]:
            if q["required"] and not (body.get("answers") or {}).get(q["id"]):
                problems.append(f"question {q['id']} is required")
        if problems:
            return 400, {"error": "; ".join(problems)}
        email = str(body["email"]).strip().lower()
        with self._lock:
            if any(
                a["publication"] == publication and a["email"].lower() == email for a in self.applications
            ):
                return 409, {"error": "You have already applied for this job."}
            self.applications.append({**body, "publication": publication})
        return 200, {"ok": True}


if __name__ == "__main__":
    server = SmartRecruitersReplica().start()
    path = f"/oneclick-ui/company/NordlichtEnergy/publication/{PUBLICATION}"
    print(f"SmartRecruiters replica on {server.origin}{path}")
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        server.stop()

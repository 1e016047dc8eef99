"""The Lever replica's server: pages, the resume parser, location search, submissions.

It answers for three origins at once, each forwarded to it by an ``OfflineRouter``
(``jobs.lever.co`` / ``jobs.eu.lever.co``, ``js.hcaptcha.com``, ``newassets.hcaptcha.com``),
and RECORDS every request (multipart bodies with file names and bytes) like the shared
``tests/server.py`` so tests assert what Lever would have received.

Server-side behaviour modelled on Lever:

* ``GET /<company>/<uuid>/apply`` — the form (``PAGES``); ``GET /<company>/<uuid>`` — the
  posting with its "Apply for this job" link; ``GET .../thanks`` — the confirmation.
* ``POST /parseResume`` — the resume parser: answers after ``parse_delay`` seconds with what
  it "read" from the file (``PARSED``: some of it wrong, as real parsers are).
* ``GET /searchLocations?text=`` — location suggestions for the typeahead.
* ``POST /<company>/<uuid>/apply`` — validates like Lever: the standard required fields,
  every card field its ``baseTemplate`` marks required, the CC-305 signature once a
  disability answer is given, and the hCaptcha token (hCaptcha's documented test token for
  its test site key). Valid -> 303 to ``/thanks``; invalid -> the errors, HTTP 400.
"""

from __future__ import annotations

import html
import importlib.util
import json
import re
import sys
import threading
import time
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

HERE = Path(__file__).parent
STATIC = HERE / "static"

HCAPTCHA_TEST_SITEKEY = "10000000-ffff-ffff-ffff-000000000001"
HCAPTCHA_TEST_TOKEN = "10000000-aaaa-bbbb-cccc-000000000001"
"""hCaptcha's published test key set: this site key always yields this response token."""


@dataclass(frozen=True)
class Posting:
    company: str
    job_id: str
    page: str
    title: str
    required: tuple[str, ...]
    """Standard fields this posting requires (cards carry their own ``required`` flags)."""


POSTINGS: tuple[Posting, ...] = (
    Posting(
        "orbitalforge",
        "3f6c2a9e-8d41-4b7a-9c25-6e0f1d2b7a48",
        "apply-orbitalforge-full.html",
        "Senior Platform Engineer at Orbital Forge",
        ("resume", "name", "email", "phone", "location"),
    ),
    Posting(
        "fjordline",
        "b41d7e2c-6a09-4f3b-8c57-e2a0d9f6b183",
        "eu-apply-fjordline-pronouns-survey.html",
        "Data Engineer at Fjordline Analytics",
        ("resume", "name", "email", "phone"),
    ),
)

PARSED: dict[str, Any] = {
    "name": "M. Okafor-Lindqvist",  # read wrongly from the resume header
    "email": "mara.ol@example.org",  # read correctly
    "phone": "(415) 555-0142",  # the same number, formatted differently
    "org": "Quayside Labs",  # a former employer, not the current one
    "urls": {"LinkedIn": "https://www.linkedin.com/in/maraol"},
}

LOCATIONS = (
    "San Francisco, California, United States",
    "San Francisco de Campeche, Campeche, Mexico",
    "Bergen, Vestland, Norway",
    "Berlin, Germany",
    "Austin, Texas, United States",
)

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_DATE = re.compile(r"^\d{2}/\d{2}/\d{4}$")
_LABELS = {
    "resume": "Resume/CV",
    "name": "Full name",
    "email": "Email",
    "phone": "Phone",
    "location": "Location",
}


def _shared() -> Any:
    """tests/server.py (parse_body, RecordedRequest), loaded by path as tests/conftest.py does."""
    name = "jobpilot_tests_server"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, HERE.parents[1] / "server.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


def validate(posting: Posting, form: dict[str, list[str]], files: dict[str, list[Any]]) -> list[str]:
    """Lever's server-side checks; the error messages a person would see."""
    errors: list[str] = []

    def value(name: str) -> str:
        return next((v for v in form.get(name, []) if v.strip()), "")

    for name in posting.required:
        present = any(f.data for f in files.get(name, [])) if name == "resume" else bool(value(name))
        if not present:
            errors.append(f"{_LABELS[name]}: this field is required")
    if value("email") and not _EMAIL.match(value("email")):
        errors.append("Email: enter a valid email address")
    for key, raw in form.items():
        m = re.fullmatch(r"cards\[([^\]]+)\]\[baseTemplate\]", key)
        if not m:
            continue
        card = json.loads(raw[0])
        for i, spec in enumerate(card.get("fields", [])):
            if spec.get("required") and not value(f"cards[{m[1]}][field{i}]"):
                errors.append(f"{spec.get('text')}: this field is required")
    if value("eeo[disability]"):
        if not value("eeo[disabilitySignature]"):
            errors.append("Disability form: sign with your name")
        if not _DATE.match(value("eeo[disabilitySignatureDate]")):
            errors.append("Disability form: date it as MM/DD/YYYY")
    if HCAPTCHA_TEST_TOKEN not in form.get("h-captcha-response", []):
        errors.append("hCaptcha: verification failed, please try again")
    return errors


class _Handler(SimpleHTTPRequestHandler):
    replica: LeverReplica

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet test output."""

    # --- plumbing -------------------------------------------------------------------------

    def _record(self, body: bytes) -> Any:
        shared = _shared()
        parts = urlsplit(self.path)
        ctype = self.headers.get("Content-Type", "")
        form, files, data = shared.parse_body(ctype, body) if body else ({}, {}, None)
        req = shared.RecordedRequest(
            method=self.command,
            path=parts.path,
            query=parse_qs(parts.query),
            headers={k.lower(): v for k, v in self.headers.items()},
            body=body,
            form=form,
            files=files,
            json=data,
        )
        self.replica._add(req)
        return req

    def _send(
        self, status: int, body: bytes | str, ctype: str = "text/html; charset=utf-8", **headers: str
    ) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("Access-Control-Allow-Origin", "*")
        for k, v in headers.items():
            self.send_header(k.replace("_", "-"), v)
        self.end_headers()
        self.wfile.write(data)

    def _file(self, path: Path, ctype: str) -> None:
        self._send(200, path.read_bytes(), ctype)

    def _posting(self, path: str) -> tuple[Posting | None, str]:
        m = re.fullmatch(r"/([^/]+)/([0-9a-f-]{36})(/apply|/thanks)?/?", path)
        if not m:
            return None, ""
        for p in POSTINGS:
            if p.company == m[1] and p.job_id == m[2]:
                return p, (m[3] or "")
        return None, ""

    # --- routes -----------------------------------------------------------------------------

    def do_GET(self) -> None:
        self._record(b"")
        parts = urlsplit(self.path)
        path = parts.path
        if path == "/1/secure-api.js" or path == "/1/api.js":
            return self._file(STATIC / "hcaptcha" / "api.js", "application/javascript")
        if path.startswith("/captcha/v1/") and path.endswith("/hcaptcha.html"):
            return self._file(STATIC / "hcaptcha" / "challenge.html", "text/html; charset=utf-8")
        if path.startswith("/js/") or path.startswith("/css/"):
            target = (STATIC / path.lstrip("/")).resolve()
            if STATIC.resolve() in target.parents and target.is_file():
                ctype = "application/javascript" if target.suffix == ".js" else "text/css"
                return self._file(target, ctype)
        if path == "/searchLocations":
            text = (parse_qs(parts.query).get("text") or [""])[0].lower()
            time.sleep(self.replica.location_delay)
            found = [
                {"name": n, "id": f"loc-{i}"} for i, n in enumerate(LOCATIONS) if text and text in n.lower()
            ]
            return self._send(200, json.dumps(found), "application/json")
        posting, tail = self._posting(path)
        if posting is not None and tail == "/apply":
            return self._file(HERE / posting.page, "text/html; charset=utf-8")
        title = html.escape(posting.title) if posting is not None else ""
        if posting is not None and tail == "/thanks":
            return self._send(
                200,
                f"<!doctype html><title>{title}</title><div class='section page-centered'>"
                f"<h3 data-qa='msg-submit-success'>Application submitted!</h3>"
                f"<p>Thank you for applying. We have your application for {title}.</p></div>",
            )
        if posting is not None:
            return self._send(
                200,
                f"<!doctype html><title>{title}</title><h2>{title}</h2>"
                f"<p>About the role: an invented posting for JobPilot's tests.</p>"
                f"<a class='postings-btn template-btn-submit' data-qa='show-page-apply' "
                f"href='/{posting.company}/{posting.job_id}/apply'>Apply for this job</a>",
            )
        self._send(404, "<!doctype html><title>Not found</title><h1>404</h1>")

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        req = self._record(self.rfile.read(length) if length else b"")
        path = urlsplit(self.path).path
        if path == "/parseResume":
            time.sleep(self.replica.parse_delay)
            if not any(f.data for f in req.files.get("resume", [])):
                return self._send(400, json.dumps({"error": "no file"}), "application/json")
            out = {"resumeStorageId": "rs-" + str(len(req.files["resume"][0].data)), "data": PARSED}
            return self._send(200, json.dumps(out), "application/json")
        posting, tail = self._posting(path)
        if posting is None or tail != "/apply":
            return self._send(404, "<!doctype html><h1>404</h1>")
        errors = validate(posting, req.form, req.files)
        if errors:
            items = "".join(f"<li class='error-message'>{html.escape(e)}</li>" for e in errors)
            return self._send(
                400,
                "<!doctype html><title>Application error</title><div class='application-errors' "
                "data-qa='application-errors'><h3>There were errors with your application</h3>"
                f"<ul>{items}</ul></div>",
            )
        self.replica.accepted.append(req)
        self._send(303, b"", Location=f"/{posting.company}/{posting.job_id}/thanks")


class LeverReplica:
    """Serve the replica on 127.0.0.1 (random port) in a thread; record every request."""

    def __init__(self, *, parse_delay: float = 0.9, location_delay: float = 0.2) -> None:
        self.parse_delay = parse_delay
        self.location_delay = location_delay
        self.requests: list[Any] = []
        self.accepted: list[Any] = []
        """Submissions that passed validation (Lever would have stored these)."""
        self._cond = threading.Condition()
        handler = type("Handler", (_Handler,), {"replica": self})
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(HERE)))
        self._httpd.daemon_threads = True
        self.port: int = self._httpd.server_address[1]
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="lever-replica", daemon=True)

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> LeverReplica:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def _add(self, req: Any) -> None:
        with self._cond:
            self.requests.append(req)
            self._cond.notify_all()

    def clear(self) -> None:
        with self._cond:
            self.requests.clear()
            self.accepted.clear()

    def posts(self, path: str | None = None) -> list[Any]:
        with self._cond:
            return [r for r in self.requests if r.method == "POST" and (path is None or r.path == path)]


def apply_url(posting: Posting) -> str:
    host = "jobs.eu.lever.co" if posting.company == "fjordline" else "jobs.lever.co"
    return f"https://{host}/{posting.company}/{posting.job_id}/apply"

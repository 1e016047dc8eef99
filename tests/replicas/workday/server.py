"""A local Workday replica server: the single-page app, its JSON API, and a record of what
the browser sent.

Workday keeps state on the server (candidate accounts per tenant, one save per wizard step,
the final submission), so the shared static ``FixtureServer`` is not enough. This one:

* serves the app shell for every page URL (``/<lang>/<site>/job/...``, ``.../apply/...``),
  the app's script and style under ``/replica-static/``, and the vendored React build from
  ``tests/dom/assets/vendor`` under ``/vendor/``;
* answers ``/wday/authgwy/<tenant>/createAccount`` and ``/signin`` with real account
  semantics (a second create is refused, a wrong password is refused);
* "parses" an uploaded resume (``.../resume``) into work and education rows, with the kind of
  mistakes a real parser makes (:attr:`WorkdayReplica.parse_result`);
* records every request body as JSON in :attr:`WorkdayReplica.events` so tests assert what
  the server received, step by step;
* tenant configuration seen on real tenants, off by default and switched on per test
  (:attr:`WorkdayReplica.legal_notice`, :attr:`WorkdayReplica.collapsed_agreement`): the
  ``legalNotice`` banner with its Accept / Decline buttons that sits over the page until it
  is answered (the answer is posted to ``.../legalNotice`` and recorded), and the account
  agreement folded behind a "Read More" ``createAccountExpandButton`` with the agreement
  box inside the folded part.

Run it by hand with ``uv run python tests/replicas/workday/server.py`` and open
``http://127.0.0.1:<port>/en-US/Harborview/job/Portland-OR/Backend-Engineer_R-10482``.
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
from urllib.parse import urlsplit

HERE = Path(__file__).parent
APP = HERE / "app"
VENDOR = HERE.parent.parent / "dom" / "assets" / "vendor"

DEFAULT_PARSE: dict[str, Any] = {
    # What the replica's "parser" reads from any resume: two real jobs with mistakes (a
    # company suffix that is not on the resume, a wrong start month), a job it invented from
    # the education section, and a school name it abbreviated.
    "work": [
        {
            "jobTitle": "Senior Backend Engineer",
            "company": "Tidewater Analytics Inc.",
            "current": True,
            "start": {"month": "01", "year": "2021"},
            "end": {},
        },
        {
            "jobTitle": "Software Engineer",
            "company": "Quayside Labs",
            "current": False,
            "start": {"month": "06", "year": "2017"},
            "end": {"month": "02", "year": "2021"},
        },
        {
            "jobTitle": "Teaching Assistant",
            "company": "University of Washington",
            "current": False,
            "start": {"month": "09", "year": "2015"},
            "end": {"month": "06", "year": "2016"},
        },
    ],
    "education": [
        {
            "school": "Univ. of Washington",
            "degree": "",
            "fieldOfStudy": "Computer Science",
            "firstYear": {"year": "2013"},
            "lastYear": {"year": "2017"},
        }
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
    """One recorded API call: what it was, for which tenant, and the JSON (or file) sent."""

    kind: str
    tenant: str
    path: str
    body: Any = None
    at: float = field(default_factory=time.time)


class _Handler(BaseHTTPRequestHandler):
    replica: WorkdayReplica

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: pytest output stays readable."""

    # --- helpers ---

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
        if ctype.startswith("text/") or ctype.endswith("javascript"):
            ctype += "; charset=utf-8"
        self._send(200, path.read_bytes(), ctype)

    # --- GET ---

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        if path.startswith("/vendor/"):
            self._file(VENDOR / Path(path).name)
        elif path.startswith("/replica-static/"):
            self._file(APP / Path(path).name)
        elif path == "/favicon.ico":
            self._send(404, b"", "text/plain")
        else:
            shell = (APP / "index.html").read_text("utf-8")
            config = json.dumps(
                {
                    "legalNotice": self.replica.legal_notice,
                    "collapsedAgreement": self.replica.collapsed_agreement,
                }
            )
            shell = shell.replace("<!--replica-config-->", f"<script>window.WD_REPLICA = {config};</script>")
            self._send(200, shell.encode(), "text/html; charset=utf-8")

    # --- POST ---

    def do_POST(self) -> None:
        parts = [p for p in urlsplit(self.path).path.split("/") if p]
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        ctype = self.headers.get("Content-Type", "")
        r = self.replica
        if parts[:2] == ["wday", "authgwy"] and len(parts) == 4:
            tenant, action = parts[2], parts[3]
            body = json.loads(raw or b"{}")
            status, answer = r._auth(tenant, action, body, self.path)
            self._json(status, answer)
            return
        if parts[:2] == ["wday", "cxs"] and len(parts) == 5 and parts[4] == "legalNotice":
            r._record("legalNotice", parts[2], self.path, json.loads(raw or b"{}"))
            self._json(200, {"ok": True})
            return
        if parts[:2] == ["wday", "cxs"] and len(parts) >= 6 and parts[4] == "apply":
            tenant, req = parts[2], parts[5]
            tail = parts[6:]
            if tail == ["resume"]:
                _form, files, _ = _tests_server().parse_body(ctype, raw)
                upload = (files.get("file") or [None])[0]
                r._record(
                    "resume",
                    tenant,
                    self.path,
                    {
                        "filename": upload.filename if upload else None,
                        "size": len(upload.data) if upload else 0,
                    },
                )
                parsed = copy.deepcopy(r.parse_result)
                parsed["fileId"] = f"file-{len(r.events)}"
                self._json(200, parsed)
                return
            if len(tail) == 2 and tail[0] == "step":
                r._record(f"step:{tail[1]}", tenant, self.path, json.loads(raw or b"{}"))
                self._json(200, {"ok": True})
                return
            if tail == ["submit"]:
                r._record("submit", tenant, self.path, json.loads(raw or b"{}"))
                self._json(200, {"ok": True, "job": req})
                return
        self._json(404, {"error": f"no such endpoint {self.path}"})


class WorkdayReplica:
    """The replica server on 127.0.0.1 (random port), in a background thread."""

    def __init__(self) -> None:
        self.events: list[Event] = []
        self.accounts: dict[tuple[str, str], str] = {}
        self.parse_result: dict[str, Any] = copy.deepcopy(DEFAULT_PARSE)
        self.legal_notice = False
        """Show the legal-notice banner (2 of the 5 real captures have one)."""
        self.collapsed_agreement = False
        """Fold the account agreement and its box behind "Read More" (createAccountExpandButton)."""
        self._lock = threading.Lock()
        handler = type("Handler", (_Handler,), {"replica": self})
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._httpd.daemon_threads = True
        self.port: int = self._httpd.server_address[1]
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="workday-replica", daemon=True)

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> WorkdayReplica:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def reset(self) -> None:
        """Forget accounts and events (each test starts from an empty tenant)."""
        with self._lock:
            self.events.clear()
            self.accounts.clear()
            self.parse_result = copy.deepcopy(DEFAULT_PARSE)
            self.legal_notice = False
            self.collapsed_agreement = False

    # --- recorded state ---

    def _record(self, kind: str, tenant: str, path: str, body: Any) -> None:
        with self._lock:
            self.events.append(Event(kind, tenant, path, body))

    def of(self, kind: str, tenant: str | None = None) -> list[Event]:
        with self._lock:
            return [e for e in self.events if e.kind == kind and (tenant is None or e.tenant == tenant)]

    def _auth(self, tenant: str, action: str, body: dict[str, Any], path: str) -> tuple[int, dict[str, Any]]:
        email = str(body.get("email", "")).strip().lower()
        password = str(body.get("password", ""))
        self._record(
            action, tenant, path, {"email": email, "password": password, "website": body.get("website")}
        )
        if body.get("website"):
            return 400, {"error": "Something went wrong. Try again later."}
        with self._lock:
            if action == "createAccount":
                if (tenant, email) in self.accounts:
                    return 409, {
                        "error": "An account with this email address already exists. Sign in instead."
                    }
                self.accounts[(tenant, email)] = password
                return 200, {"ok": True}
            if action == "signin":
                if self.accounts.get((tenant, email)) != password:
                    return 401, {
                        "error": "Wrong email address or password. Try again or reset your password."
                    }
                return 200, {"ok": True}
        return 404, {"error": f"unknown action {action}"}


if __name__ == "__main__":
    server = WorkdayReplica().start()
    print(f"Workday replica on {server.origin}/en-US/Harborview/job/Portland-OR/Backend-Engineer_R-10482")
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        server.stop()

"""A replica job board for fleet tests and benchmarks: many job pages, one count per job.

``/jobs/<n>`` serves the demo's Northwind application form (a real multi-field form with a
resume upload, radios, selects and a consent box) whose form posts to ``/submit/<n>``. The
server counts every POST per job: the proof that an application was submitted exactly
once is what the *server* received, not what the fleet believes.

Knobs, as query parameters of the job URL (so one server serves every scenario):

- ``confirm_delay=S``: the POST is recorded at once but answered S seconds later (the
  window between the submit click and the confirmation, where a ``kill -9`` must leave
  ``needs_verification``);
- ``slow_parse=MS``: attaching the resume starts a "parsing" animation that keeps the DOM
  busy for MS milliseconds and reports ``/parse/<n>`` (the worker is mid-fill then);
- ``captcha=1``: the form carries a visible hCaptcha widget; the server accepts the POST
  only with ``h-captcha-response`` set (the hand-off answer).
"""

from __future__ import annotations

import re
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import jobpilot.demo

FORM = (Path(jobpilot.demo.__file__).parent / "pages" / "northwind-careers.html").read_text("utf-8")
THANKS = (
    "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Application received</title></head>"
    "<body><h1>Thank you for applying!</h1><p>Your application has been received.</p></body></html>"
)
PARSE_JS = """
<script>
  (function () {
    const ms = %d;
    document.getElementById('cv').addEventListener('change', () => {
      fetch('/parse/%s', {method: 'GET'});
      const box = document.createElement('div'); box.id = 'parsing'; document.body.appendChild(box);
      const until = Date.now() + ms;
      const tick = () => { box.textContent = 'Parsing your resume… ' + (until - Date.now());
                           if (Date.now() < until) setTimeout(tick, 50); else box.textContent = 'Parsed.'; };
      tick();
    });
  })();
</script>
"""
CAPTCHA = (
    '<div class="h-captcha" data-sitekey="10000000-ffff-ffff-ffff-000000000001" '
    'style="width:300px;height:80px;border:1px solid #ccc">hCaptcha'
    '<textarea name="h-captcha-response" style="display:none"></textarea></div>'
)


class Replica:
    """Serve the replica board on 127.0.0.1 (random port) in a background thread."""

    def __init__(self) -> None:
        self.submissions: Counter[str] = Counter()
        self.bodies: dict[str, list[bytes]] = {}
        self.page_views: Counter[str] = Counter()
        self.parses: Counter[str] = Counter()
        self._lock = threading.Lock()
        replica = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def _send(self, status: int, body: str, ctype: str = "text/html; charset=utf-8") -> None:
                data = body.encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(data)))
                self.send_header("Cache-Control", "no-store")
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                m = re.fullmatch(r"/jobs/([\w-]+)", parts.path)
                if m:
                    with replica._lock:
                        replica.page_views[m.group(1)] += 1
                    self._send(200, replica.page(m.group(1), parts.query))
                    return
                m = re.fullmatch(r"/parse/([\w-]+)", parts.path)
                if m:
                    with replica._lock:
                        replica.parses[m.group(1)] += 1
                    self._send(200, "{}", "application/json")
                    return
                self._send(404, "not found")

            def do_POST(self) -> None:
                parts = urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                m = re.fullmatch(r"/submit/([\w-]+)", parts.path)
                if not m:
                    self._send(404, "not found")
                    return
                job = m.group(1)
                query = parse_qs(parts.query)
                if "captcha" in query and b'name="h-captcha-response"\r\n\r\nPASS' not in body:
                    self._send(400, "<h1>CAPTCHA failed</h1>")
                    return
                with replica._lock:
                    replica.submissions[job] += 1
                    replica.bodies.setdefault(job, []).append(body)
                delay = float(query.get("confirm_delay", ["0"])[0])
                if delay:
                    time.sleep(delay)
                self._send(200, THANKS)

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self.port = self._httpd.server_address[1]
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="replica", daemon=True)

    def page(self, job: str, query: str) -> str:
        params = parse_qs(query)
        html = FORM.replace(
            'action="/submit/northwind"', f'action="/submit/{job}{"?" + query if query else ""}"'
        )
        if "captcha" in params:
            html = html.replace('<p><button type="submit">', CAPTCHA + '<p><button type="submit">')
        if "slow_parse" in params:
            html = html.replace("</body>", PARSE_JS % (int(params["slow_parse"][0]), job) + "</body>")
        return html

    def url(self, job: str | int, **params: Any) -> str:
        query = "&".join(f"{k}={v}" for k, v in params.items())
        return f"http://127.0.0.1:{self.port}/jobs/{job}" + (f"?{query}" if query else "")

    def start(self) -> Replica:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def total(self) -> int:
        with self._lock:
            return sum(self.submissions.values())

    def total_for(self, prefix: str) -> int:
        with self._lock:
            return sum(n for job, n in self.submissions.items() if job.startswith(prefix))

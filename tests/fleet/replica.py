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
  only with ``h-captcha-response`` set (the hand-off answer);
- ``security_code=1``: a step after the submit click that needs a person, like Greenhouse's
  e-mailed code: the POST is recorded (it is the submission) and redirected to
  ``/verify/<n>``, a page asking for the code ``CODE``; only the right code there gives the
  confirmation (``verified`` counts those). :class:`ReplicaCodePlugin` is the board's ATS
  adapter: it fills the form like any page and, after the click, asks the person for the
  code through ``ApplyOptions.ask``, as the Greenhouse adapter does.
- ``redirect=URL``: the job page answers 302 to URL (the outbound guard's redirect test).
"""

from __future__ import annotations

import re
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

import jobpilot.demo
from jobpilot import hookimpl
from jobpilot.engine.confirm import CONFIRMATION, find_submit_button
from jobpilot.engine.flow import FlowOutcome
from jobpilot.models.mapping import Detection
from jobpilot.models.plan import Action

if TYPE_CHECKING:
    from jobpilot.engine.flow import FlowContext

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
CODE = "K7Q2M9XD"
"""The security code the replica "e-mails"."""
CODE_PAGE = (
    "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Verify your application</title>"
    "</head><body><h1>Check your e-mail</h1><p>We e-mailed a security code to you. Enter it to finish "
    "your application.</p>%s<form method='post' action='/verify/%s'>"
    "<label for='security_code'>Security code</label>"
    "<input id='security_code' name='security_code' type='text' required autocomplete='off'>"
    "<p><button type='submit'>Submit application</button></p></form></body></html>"
)
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
        self.verified: Counter[str] = Counter()
        self.code_pages: Counter[str] = Counter()
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
                redirect = parse_qs(parts.query).get("redirect")
                if m and redirect:
                    self.send_response(302)
                    self.send_header("Location", redirect[0])
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                if m:
                    with replica._lock:
                        replica.page_views[m.group(1)] += 1
                    self._send(200, replica.page(m.group(1), parts.query))
                    return
                m = re.fullmatch(r"/verify/([\w-]+)", parts.path)
                if m:
                    with replica._lock:
                        replica.code_pages[m.group(1)] += 1
                    self._send(200, CODE_PAGE % ("", m.group(1) + ("?" + parts.query if parts.query else "")))
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
                m = re.fullmatch(r"/verify/([\w-]+)", parts.path)
                if m:
                    code = parse_qs(body.decode("utf-8", "replace")).get("security_code", [""])[0]
                    if code.strip() != CODE:
                        error = "<p class='error'>The security code is incorrect.</p>"
                        self._send(200, CODE_PAGE % (error, m.group(1) + "?" + parts.query))
                        return
                    with replica._lock:
                        replica.verified[m.group(1)] += 1
                    self._send(200, THANKS)
                    return
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
                if "security_code" in query:
                    self.send_response(303)
                    self.send_header("Location", f"/verify/{job}?{parts.query}")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
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


class ReplicaCodeFlow:
    """The replica board's apply flow: the form is filled like any page; after the submit
    click the board may ask for an e-mailed code, which only the person can give."""

    ats = "replica-board"

    async def apply_steps(self, ctx: FlowContext) -> FlowOutcome:
        await ctx.fill_step()
        return FlowOutcome(state="ready")

    async def after_submit(self, ctx: FlowContext) -> FlowOutcome | None:
        page = ctx.page
        for _ in range(3):
            box = None
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                await page.wait_for(stable_ms=200, timeout_ms=2_000)
                m = CONFIRMATION.search(await page.text())
                if m is not None:
                    return FlowOutcome(state="submitted", message=m.group(0))
                snapshot = await page.snapshot()
                box = next((f for f in snapshot.fields if f.id == "security_code" and f.visible), None)
                if box is not None:
                    break
            if box is None:
                return None
            code = await ctx.ask("The board e-mailed a security code: enter it")
            if not code:
                return FlowOutcome(
                    state="needs_user",
                    needs=["enter the security code the board e-mailed"],
                    message="waiting for the e-mailed security code",
                )
            await page.apply([Action(kind="fill", ref=box.ref, frame=box.frame, value=code.strip())])
            button = find_submit_button(await page.snapshot())
            if button is None:
                return FlowOutcome(state="needs_user", needs=["press Submit after the security code"])
            await page.click(button.ref)
        return FlowOutcome(state="needs_user", needs=["the security code was rejected three times"])


class ReplicaCodePlugin:
    """The replica board's ATS adapter (pages with the ``security_code`` knob)."""

    @hookimpl
    def detect_ats(self, url: str, snapshot: Any) -> Detection | None:
        parts = urlsplit(url)
        if parts.hostname == "127.0.0.1" and "security_code" in parse_qs(parts.query):
            return Detection(ats=ReplicaCodeFlow.ats, confidence=0.99, reason="replica board")
        return None

    @hookimpl
    def register_flows(self, register: Any) -> None:
        register(ReplicaCodeFlow())


def plugins_with_replica_board() -> Any:
    """The installed plugins (as a worker loads them) plus the replica board's adapter."""
    from jobpilot.plugins import load

    pm = load()
    pm.register(ReplicaCodePlugin(), name="replica-board", url_patterns=["*://127.0.0.1/*"])
    return pm

"""A careers page whose confirmation is slow to answer, and a count of what it received.

The issue it reproduces: a real submission whose confirmation page takes three seconds or
more used to be clicked a second time. The server counts every POST per application (the
``job`` query parameter), sleeps ``delay`` seconds before answering, then shows a
confirmation; tests assert exactly one POST and a ``submitted`` run for every delay.

Two ways a site submits, both seen on real ATS pages:

* ``/apply?job=J&delay=S`` — a plain form POST: the browser navigates to the answer;
* ``/apply?job=J&delay=S&mode=fetch`` — the page posts with ``fetch`` and renders the
  confirmation in place once the server answers (a single-page app); the button is
  disabled while the request is in flight, as React forms do.

Run by hand: ``uv run python tests/replicas/slowconfirm/server.py`` and open ``/apply?delay=5``.
"""

from __future__ import annotations

import html
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

CONFIRMATION = "Thank you for applying! Your application has been received."

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Platform Engineer - Quillmoor Systems</title></head>
<body>
<h1>Apply for Platform Engineer</h1>
<form id="application" method="post" action="/submit?job={job}&amp;delay={delay}">
  <label for="first_name">First name</label> <input id="first_name" name="first_name" required>
  <label for="last_name">Last name</label> <input id="last_name" name="last_name" required>
  <label for="email">Email</label> <input id="email" name="email" type="email" required>
  <button type="submit" id="submit">Submit application</button>
</form>
<div id="result" role="status"></div>
<script>
  const mode = {mode!r};
  const form = document.getElementById("application");
  form.addEventListener("submit", async (ev) => {{
    if (mode !== "fetch") return;
    ev.preventDefault();
    const button = document.getElementById("submit");
    button.disabled = true;
    button.textContent = "Submitting...";
    const r = await fetch(form.action, {{ method: "POST", body: new URLSearchParams(new FormData(form)) }});
    const text = await r.text();
    form.remove();
    document.getElementById("result").textContent = r.ok ? {confirmation!r} : "Something went wrong: " + text;
  }});
</script>
</body></html>
"""


class SlowConfirmReplica:
    """The server; ``posts[job]`` counts POSTs per application."""

    def __init__(self) -> None:
        self.posts: Counter[str] = Counter()
        self.bodies: dict[str, list[dict[str, list[str]]]] = {}
        self._lock = threading.Lock()
        replica = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                """Quiet."""

            def _send(self, status: int, body: str) -> None:
                data = body.encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.send_header("Cache-Control", "no-store")
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                url = urlsplit(self.path)
                q = {k: v[0] for k, v in parse_qs(url.query).items()}
                if url.path != "/apply":
                    self._send(404, "not found")
                    return
                page = PAGE.format(
                    job=html.escape(q.get("job", "job"), quote=True),
                    delay=html.escape(q.get("delay", "0"), quote=True),
                    mode=q.get("mode", "post"),
                    confirmation=CONFIRMATION,
                )
                self._send(200, page)

            def do_POST(self) -> None:
                url = urlsplit(self.path)
                q = {k: v[0] for k, v in parse_qs(url.query).items()}
                length = int(self.headers.get("Content-Length") or 0)
                form = parse_qs(self.rfile.read(length).decode("utf-8"))
                job = q.get("job", "job")
                with replica._lock:
                    replica.posts[job] += 1
                    replica.bodies.setdefault(job, []).append(form)
                time.sleep(float(q.get("delay", "0")))
                self._send(
                    200,
                    f"<!doctype html><title>Application received</title><h1>{CONFIRMATION}</h1>",
                )

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    def url(self, *, job: str, delay: float, mode: str = "post") -> str:
        extra = "&mode=fetch" if mode == "fetch" else ""
        return f"{self.origin}/apply?job={job}&delay={delay:g}{extra}"

    def start(self) -> SlowConfirmReplica:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()


if __name__ == "__main__":
    server = SlowConfirmReplica().start()
    print(f"serving {server.url(job='demo', delay=5)}")
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        server.stop()

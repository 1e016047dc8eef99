"""A local HTTP server for real-browser tests: serves a directory, records what it receives.

Tests never touch live sites. Pages under test are served from 127.0.0.1 on a random port,
and every request is recorded — POST bodies parsed as urlencoded, JSON or multipart (with
file names and bytes) — so a test can assert what the *server* received after a submit,
which is the only proof that a framework-controlled form really took a value.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit


@dataclass
class UploadedFile:
    filename: str
    content_type: str
    data: bytes


@dataclass
class RecordedRequest:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes = b""
    form: dict[str, list[str]] = field(default_factory=dict)
    files: dict[str, list[UploadedFile]] = field(default_factory=dict)
    json: Any = None


def parse_body(
    content_type: str, body: bytes
) -> tuple[dict[str, list[str]], dict[str, list[UploadedFile]], Any]:
    """Decode a request body into (form fields, files, JSON)."""
    form: dict[str, list[str]] = {}
    files: dict[str, list[UploadedFile]] = {}
    ctype = content_type.split(";")[0].strip().lower()
    if ctype == "multipart/form-data":
        msg = BytesParser(policy=HTTP).parsebytes(
            b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n" + body
        )
        for part in msg.iter_parts():
            name = part.get_param("name", header="content-disposition")
            if name is None:
                continue
            payload = part.get_payload(decode=True) or b""
            filename = part.get_filename()
            if filename is not None:
                files.setdefault(str(name), []).append(
                    UploadedFile(filename, part.get_content_type(), payload)
                )
            else:
                charset = part.get_content_charset() or "utf-8"
                form.setdefault(str(name), []).append(payload.decode(charset))
        return form, files, None
    if ctype == "application/x-www-form-urlencoded":
        return parse_qs(body.decode("utf-8"), keep_blank_values=True), files, None
    if ctype == "application/json":
        return form, files, json.loads(body.decode("utf-8") or "null")
    return form, files, None


class _Handler(SimpleHTTPRequestHandler):
    server_ref: FixtureServer

    def log_message(self, format: str, *args: Any) -> None:
        """Silence the per-request log lines (pytest output stays readable)."""

    def _record(self, body: bytes) -> RecordedRequest:
        parts = urlsplit(self.path)
        ctype = self.headers.get("Content-Type", "")
        form, files, data = parse_body(ctype, body) if body else ({}, {}, None)
        req = RecordedRequest(
            method=self.command,
            path=parts.path,
            query=parse_qs(parts.query),
            headers={k.lower(): v for k, v in self.headers.items()},
            body=body,
            form=form,
            files=files,
            json=data,
        )
        self.server_ref._add(req)
        return req

    def do_GET(self) -> None:
        self._record(b"")
        super().do_GET()

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        self._record(body)
        out = b"<!doctype html><title>received</title><h1>Application received</h1>"
        ctype = "text/html; charset=utf-8"
        if "application/json" in (self.headers.get("Accept") or "") or self.path.endswith(".json"):
            out, ctype = b'{"ok": true}', "application/json"
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(out)))
        self.send_header("Access-Control-Allow-Origin", "*")
        self.end_headers()
        self.wfile.write(out)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()


class FixtureServer:
    """Serve ``root`` on 127.0.0.1 (random port) in a background thread, recording requests."""

    def __init__(self, root: str | Path, host: str = "127.0.0.1") -> None:
        self.root = Path(root)
        self.host = host
        self.requests: list[RecordedRequest] = []
        self._cond = threading.Condition()
        handler = type("Handler", (_Handler,), {"server_ref": self})
        self._httpd = ThreadingHTTPServer((host, 0), partial(handler, directory=str(self.root)))
        self._httpd.daemon_threads = True
        self.port: int = self._httpd.server_address[1]
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, name=f"fixture-server-{self.port}", daemon=True
        )

    @property
    def origin(self) -> str:
        return f"http://{self.host}:{self.port}"

    def url(self, path: str = "") -> str:
        return f"{self.origin}/{path.lstrip('/')}"

    def start(self) -> FixtureServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def _add(self, req: RecordedRequest) -> None:
        with self._cond:
            self.requests.append(req)
            self._cond.notify_all()

    def clear(self) -> None:
        with self._cond:
            self.requests.clear()

    def posts(self, path: str | None = None) -> list[RecordedRequest]:
        with self._cond:
            return [r for r in self.requests if r.method == "POST" and (path is None or r.path == path)]

    def wait_for_post(self, path: str, timeout: float = 5.0) -> RecordedRequest:
        """Block until a POST to ``path`` arrives (the browser submits asynchronously)."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                for r in self.requests:
                    if r.method == "POST" and r.path == path:
                        return r
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"no POST to {path} within {timeout} s")
                self._cond.wait(left)

    async def next_post(self, path: str, timeout: float = 5.0) -> RecordedRequest:
        """Async form of :meth:`wait_for_post` for async tests."""
        return await asyncio.to_thread(self.wait_for_post, path, timeout)

"""Hostile requests for every route of the registry, and what is needed to send them.

- :class:`InProcessRegistry`: the real aiohttp application on a real socket, its event loop in
  a thread of its own, so a test (or a benchmark) can send a request and then read the store's
  complete state (every row, every file) to prove a refused request changed nothing.
- :func:`send`: a raw HTTP/1.1 client on a socket. Real clients refuse to send what an
  attacker sends (NUL and bytes that are not UTF-8 in headers and paths, broken multipart
  framing), so the fuzzer writes the bytes itself.
- Payload builders for the classes of input the registry must answer with a 4xx: JSON nested
  deeper than the parser goes, ``plugin.toml``/``pyproject.toml``/Python nested deeper than
  theirs, NUL and invalid UTF-8 in every string, versions of thousands of digits, multipart
  part headers aiohttp refuses.
- Hypothesis strategies (:func:`requests_strategy`) that draw a route, a method, hostile path
  segments, query, headers, credentials (valid ones too, to get past authentication) and a
  body, so every route is fuzzed, not only the upload.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import hashlib
import io
import json
import socket
import tarfile
import threading
import urllib.parse
from collections.abc import Coroutine
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from hypothesis import strategies as st

T = TypeVar("T")


# --- the server, in this process ----------------------------------------------------------------


class InProcessRegistry:
    """``jobpilot_registry.server.Registry`` on 127.0.0.1:<free port>, loop in a thread."""

    def __init__(self, data: Path, database: str | None = None, *, max_upload: int = 2 * 1024 * 1024) -> None:
        from jobpilot_registry.store import RegistryStore

        self.data = data
        self.store = RegistryStore(data, database)
        self.max_upload = max_upload
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="registry-under-fuzz", daemon=True)
        self.port = 0
        self.tokens: dict[str, str] = {}
        self._runner: Any = None

    def call(self, coro: Coroutine[Any, Any, T], timeout: float = 120.0) -> T:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def start(self) -> InProcessRegistry:
        from aiohttp import web
        from jobpilot_registry.server import Registry

        self.thread.start()

        async def go() -> int:
            await self.store.open()
            app = Registry(self.store, max_upload=self.max_upload, cache_ttl=0).app()
            self._runner = web.AppRunner(app, access_log=None)
            await self._runner.setup()
            site = web.TCPSite(self._runner, "127.0.0.1", 0)
            await site.start()
            return int(self._runner.addresses[0][1])

        self.port = self.call(go())
        return self

    def stop(self) -> None:
        if self._runner is not None:
            self.call(self._runner.cleanup())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=30)

    def state(self) -> dict[str, Any]:
        return self.call(self.store.dump())

    def token(self, user: str) -> str:
        if user not in self.tokens:
            self.tokens[user] = self.call(self.store.create_token(user))
        return self.tokens[user]


# --- a raw client -------------------------------------------------------------------------------


@dataclass
class RawRequest:
    method: str
    target: bytes
    """Path and query exactly as sent on the request line."""
    headers: list[tuple[bytes, bytes]] = field(default_factory=list)
    body: bytes = b""
    note: str = ""
    """What the request tries (shown when an assertion fails)."""

    def wire(self, port: int) -> bytes:
        lines = [self.method.encode() + b" " + self.target + b" HTTP/1.1", b"Host: 127.0.0.1:%d" % port]
        names = {k.lower() for k, _ in self.headers}
        lines += [k + b": " + v for k, v in self.headers]
        if b"content-length" not in names:
            lines.append(b"Content-Length: %d" % len(self.body))
        lines.append(b"Connection: close")
        return b"\r\n".join(lines) + b"\r\n\r\n" + self.body


@dataclass
class RawResponse:
    status: int
    head: bytes
    body: bytes


def send(port: int, req: RawRequest, *, timeout: float = 120.0) -> RawResponse:
    """Send one request on a fresh connection and read the whole answer (the server closes)."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        # The server may answer and close before reading everything: read its answer anyway.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            sock.sendall(req.wire(port))
        chunks = []
        while True:
            try:
                chunk = sock.recv(65536)
            except ConnectionResetError:
                break
            if not chunk:
                break
            chunks.append(chunk)
    raw = b"".join(chunks)
    head, _, body = raw.partition(b"\r\n\r\n")
    status_line = head.split(b"\r\n", 1)[0]
    parts = status_line.split(b" ", 2)
    if len(parts) < 2 or not parts[1].isdigit():
        raise AssertionError(f"no HTTP answer to {req.note or req.target!r}: {raw[:200]!r}")
    return RawResponse(int(parts[1]), head, body)


def basic(user: bytes, password: bytes) -> bytes:
    return b"Basic " + base64.b64encode(user + b":" + password)


def quote(text: str) -> bytes:
    """A path segment or query value percent-encoded, lone surrogates as the bytes they stand for."""
    return urllib.parse.quote(text.encode("utf-8", "surrogatepass"), safe="").encode()


# --- payloads -----------------------------------------------------------------------------------


def deep_json(depth: int) -> bytes:
    return b'{"reason": ' + b"[" * depth + b"]" * depth + b"}"


DEEP_TOML = {
    "arrays": 'name = "x"\nhooks = ["detect_ats"]\nx = ' + "[" * 50_000 + "]" * 50_000 + "\n",
    "tables": 'name = "x"\nhooks = ["detect_ats"]\nx = ' + "{a = " * 20_000 + "1" + "}" * 20_000 + "\n",
}
DEEP_PYTHON = {
    "unary": "x = " + "-" * 1_000_000 + "1\n",  # the parser's stack: MemoryError
    "attributes": "x = y" + ".z" * 300_000 + "\n",  # building the tree: RecursionError
    "parentheses": "x = " + "(" * 100_000 + "1" + ")" * 100_000 + "\n",  # SyntaxError
}
HOOK_SOURCE = (
    "from jobpilot import hookimpl\n\n\n@hookimpl\ndef detect_ats(url, snapshot):\n    return None\n"
)


def multipart(
    parts: list[tuple[bytes, bytes]], boundary: bytes = b"fuzzBoundary7MA4YWxk"
) -> tuple[bytes, bytes]:
    """A multipart/form-data body from (part header block, value) pairs; returns the
    Content-Type and the body. Header blocks are sent as given, hostile ones included."""
    out = io.BytesIO()
    for headers, value in parts:
        out.write(b"--" + boundary + b"\r\n" + headers + b"\r\n\r\n" + value + b"\r\n")
    out.write(b"--" + boundary + b"--\r\n")
    return b"multipart/form-data; boundary=" + boundary, out.getvalue()


def field_part(name: bytes, value: bytes) -> tuple[bytes, bytes]:
    return b'Content-Disposition: form-data; name="' + name + b'"', value


def file_part(filename: bytes, content: bytes) -> tuple[bytes, bytes]:
    return (
        b'Content-Disposition: form-data; name="content"; filename="' + filename + b'"\r\n'
        b"Content-Type: application/octet-stream",
        content,
    )


def upload_request(
    token: str,
    filename: bytes,
    content: bytes,
    *,
    fields: dict[bytes, bytes] | None = None,
    extra_parts: list[tuple[bytes, bytes]] | None = None,
    file_part_override: tuple[bytes, bytes] | None = None,
    note: str = "",
) -> RawRequest:
    """A twine-shaped upload, every piece replaceable."""
    name, version = b"", b""
    if filename.endswith(b".whl") and filename.count(b"-") >= 4:
        name, version = filename.split(b"-")[:2]
        name = name.replace(b"_", b"-")
    form = {
        b":action": b"file_upload",
        b"protocol_version": b"1",
        b"name": name,
        b"version": version,
        b"filetype": b"bdist_wheel",
        b"pyversion": b"py3",
        b"sha256_digest": hashlib.sha256(content).hexdigest().encode(),
    }
    form.update(fields or {})
    parts = [field_part(k, v) for k, v in form.items()]
    parts += extra_parts or []
    parts.append(file_part_override or file_part(filename, content))
    ctype, body = multipart(parts)
    return RawRequest(
        "POST",
        b"/legacy/",
        [(b"Content-Type", ctype), (b"Authorization", basic(b"__token__", token.encode()))],
        body,
        note=note,
    )


def make_sdist(directory: Path, name: str, version: str, files: dict[str, str | bytes]) -> Path:
    """An sdist (``NAME-VERSION/`` + the given files) with a matching PKG-INFO."""
    module = name.replace("-", "_")
    base = f"{module}-{version}"
    members: dict[str, bytes] = {
        f"{base}/PKG-INFO": f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n".encode()
    }
    for rel, data in files.items():
        members[f"{base}/{rel}"] = data.encode() if isinstance(data, str) else data
    out = directory / f"{base}.tar.gz"
    with tarfile.open(out, "w:gz") as tf:
        for member, data in members.items():
            info = tarfile.TarInfo(member)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    return out


# --- strategies ---------------------------------------------------------------------------------

NASTY = [
    "\x00",
    "a\x00b",
    "\ud800",
    "jobpilot-ats-demo\x00",
    "..",
    "../../etc/passwd",
    "%00",
    "%ff",
    "é",
    "\u202e",
    " ",
    "1" * 5000,
    "9" * 300,
    "1.0",
    "jobpilot-ats-demo",
    "JobPilot_ATS.Demo",
    "",
]


def nasty_text(max_size: int = 30) -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(NASTY),
        st.text(st.characters(codec=None, exclude_categories=()), max_size=max_size),
        st.text(alphabet="0123456789.-_abcXYZ", max_size=max_size),
    )


def nasty_bytes(max_size: int = 40) -> st.SearchStrategy[bytes]:
    return st.one_of(
        st.binary(max_size=max_size),
        st.sampled_from([b"\x00", b"\xff\xfe", b"\xc3\x28", b"\xe9t\xe9", "é".encode(), b"\x80" * 10]),
        nasty_text(max_size).map(lambda s: s.encode("utf-8", "surrogatepass")),
    )


def header_safe(value: bytes) -> bytes:
    """Keep a header value on one line (CR/LF would start another header, a different test)."""
    return value.replace(b"\r", b"").replace(b"\n", b"")


@st.composite
def authorization(draw: st.DrawFn, tokens: list[str]) -> list[tuple[bytes, bytes]]:
    kind = draw(st.sampled_from(["none", "valid", "basic-bytes", "bearer-bytes", "raw", "basic-user"]))
    if kind == "none":
        return []
    if kind == "valid":
        return [(b"Authorization", basic(b"__token__", draw(st.sampled_from(tokens)).encode()))]
    if kind == "basic-bytes":
        return [(b"Authorization", basic(draw(nasty_bytes()), draw(nasty_bytes())))]
    if kind == "bearer-bytes":
        return [(b"Authorization", b"Bearer " + header_safe(draw(nasty_bytes())))]
    if kind == "basic-user":
        return [(b"Authorization", b"Basic " + header_safe(draw(nasty_bytes())))]
    return [(b"Authorization", header_safe(draw(nasty_bytes())))]


ROUTES = [
    ("GET", "/"),
    ("GET", "/health"),
    ("GET", "/simple"),
    ("GET", "/simple/"),
    ("GET", "/simple/{p}"),
    ("GET", "/simple/{p}/"),
    ("GET", "/files/{a}/{sha}/{f}"),
    ("GET", "/api/plugins"),
    ("POST", "/api/projects/{p}/{v}/yank"),
    ("POST", "/api/projects/{p}/{v}/unyank"),
    ("POST", "/legacy/"),
    ("POST", "/legacy"),
]


@st.composite
def requests_strategy(draw: st.DrawFn, tokens: list[str], wheels: list[tuple[bytes, bytes]]) -> RawRequest:
    """One hostile request to one of the registry's routes.

    ``wheels`` are (filename, bytes) of valid plugin wheels the upload may carry (so some
    uploads get as far as publishing); ``tokens`` are valid tokens (so some get past auth)."""
    method, template = draw(st.sampled_from(ROUTES))
    if draw(st.integers(0, 9)) == 0:
        method = draw(st.sampled_from(["GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH"]))
    segment = st.one_of(st.sampled_from(["jobpilot-ats-demo", "1.0", "ab"]), nasty_text())
    path = template
    for key in ("{p}", "{v}", "{a}", "{sha}", "{f}"):
        if key in path:
            path = path.replace(key, quote(draw(segment)).decode())
    target = path.encode()
    if draw(st.booleans()):
        params = draw(
            st.lists(
                st.tuples(st.sampled_from(["q", "ats", "hook", "url", "format", "x"]), nasty_text()),
                max_size=4,
            )
        )
        target += b"?" + b"&".join(quote(k) + b"=" + quote(v) for k, v in params)
    headers = draw(authorization(tokens))
    if draw(st.booleans()):
        accept = draw(
            st.one_of(
                st.sampled_from(
                    [
                        b"application/vnd.pypi.simple.v1+json",
                        b"text/html;q=0",
                        b"*/*;q=abc",
                        b"application/vnd.pypi.simple.v1+json;q=1e999",
                    ]
                ),
                nasty_bytes().map(header_safe),
            )
        )
        headers.append((b"Accept", accept))
    if draw(st.integers(0, 4)) == 0:
        headers.append((b"If-None-Match", header_safe(draw(nasty_bytes()))))
    body = b""
    note = f"{method} {target[:120]!r}"
    if template.endswith("yank"):
        body = draw(
            st.one_of(
                st.sampled_from(
                    [b"", b"{}", b'{"reason": "x"}', b'{"reason": "a\\u0000b"}', b'{"reason": 7}']
                ),
                st.integers(1, 200_000).map(deep_json),
                nasty_bytes(200),
                st.recursive(
                    st.none() | st.booleans() | st.integers() | nasty_text(),
                    lambda kids: (
                        st.lists(kids, max_size=3) | st.dictionaries(nasty_text(5), kids, max_size=3)
                    ),
                    max_leaves=10,
                ).map(lambda v: json.dumps({"reason": v}).encode()),
            )
        )
        headers.append((b"Content-Type", b"application/json"))
    elif template.startswith("/legacy"):
        filename, content = draw(st.sampled_from(wheels))
        kind = draw(
            st.sampled_from(
                ["field", "filename", "part-header", "content", "version", "extra-part", "not-multipart"]
            )
        )
        fields: dict[bytes, bytes] = {}
        override = None
        extra: list[tuple[bytes, bytes]] = []
        if kind == "field":
            key = draw(
                st.sampled_from(
                    [b"name", b"version", b"pyversion", b"filetype", b":action", b"sha256_digest"]
                )
            )
            fields[key] = draw(nasty_bytes(300))
        elif kind == "version":
            fields[b"version"] = draw(st.sampled_from([b"1" * 5000, b"1." + b"9" * 4400, b"0" * 100_000]))
        elif kind == "filename":
            filename = draw(nasty_bytes(60).map(header_safe))
        elif kind == "part-header":
            override = (
                draw(
                    st.sampled_from(
                        [
                            b'Content-Disposition: form-data; name="content"; filename="a\x00b.whl"',
                            b"Content-Disposition: form-data; name=\"content\"; filename*=UTF-8''%ff%fe.whl",
                            b"Content-Disposition: form-data; name=\"content\"; filename*=bogus''x.whl",
                            b"Content-Disposition: garbage",
                            b"Content-Disposition: form-data; name=content; filename=",
                            b'Content-Disposition: form-data; name="content"\r\n'
                            b"Content-Transfer-Encoding: base64",
                            b'Content-Disposition: form-data; name="content"\r\nContent-Encoding: br',
                            b'Content-Disposition: form-data; name="\xff\xfe"',
                            b"no colon here",
                            b'Content-Disposition: form-data; name="content"; filename="'
                            + b"a" * 70_000
                            + b'"',
                        ]
                    )
                ),
                content,
            )
        elif kind == "content":
            content = draw(nasty_bytes(400))
        elif kind == "extra-part":
            extra.append((header_safe(draw(nasty_bytes(80))), draw(nasty_bytes(80))))
        token = draw(st.sampled_from(tokens))
        req = upload_request(
            token, filename, content, fields=fields, extra_parts=extra, file_part_override=override, note=note
        )
        if kind == "not-multipart":
            req.headers[0] = (
                b"Content-Type",
                draw(
                    st.sampled_from(
                        [
                            b"multipart/form-data",
                            b"multipart/form-data; boundary=",
                            b"text/plain",
                            b"multipart/form-data; boundary=\xff",
                        ]
                    )
                ),
            )
        req.method = method
        req.target = target
        if any(k == b"Authorization" for k, _ in headers):  # the drawn credentials replace the token's
            req.headers = [h for h in req.headers if h[0] != b"Authorization"]
        req.headers += headers
        req.note = f"{note} upload/{kind}"
        return req
    return RawRequest(method, target, headers, body, note=note)

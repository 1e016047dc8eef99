"""The registry's HTTP server (aiohttp).

========================================  =============================================
``GET /``                                 HTML list of plugins: ATS, versions, install command
``GET /simple/``                          project list (PEP 503 HTML / PEP 691 JSON)
``GET /simple/<project>/``                files of a project, with hashes and metadata
``GET /files/<aa>/<sha256>/<filename>``   a distribution file (immutable, cached for a year)
``GET /files/.../<filename>.metadata``    its core metadata (PEP 658)
``POST /legacy/``                         the upload API twine speaks
``GET /api/plugins?q=&ats=&hook=&url=``   plugin search (JSON)
``POST /api/projects/<p>/<v>/yank``       yank a release (PEP 592); ``/unyank`` undoes it
========================================  =============================================

Every refused request is answered with a 4xx status whose reason phrase *and* body say what
was wrong and what to do (twine prints the reason phrase), and changes nothing. Hostile input
is normal input: a NUL or a byte that is not UTF-8 in the path, query or credentials, JSON
nested past the parser's depth, multipart headers the parser refuses, numbers of thousands of
digits, are each a 400 naming the problem, never a 500 (``tests/registry/test_fuzz.py``).
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import hashlib
import json
import logging
import os
import time
import urllib.parse
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from html import escape
from typing import Any, TypeVar

from aiohttp import BodyPartReader, web
from aiohttp.http_exceptions import HttpProcessingError

from jobpilot_registry import simple
from jobpilot_registry.distinspect import clean_text, inspect_distribution
from jobpilot_registry.errors import BadUpload, Forbidden, NotFound, RegistryError, TooLarge, Unauthorized
from jobpilot_registry.names import (
    FRAMEWORK_PROJECTS,
    check_filename,
    check_project_name,
    normalize,
    parse_version,
)
from jobpilot_registry.store import RegistryStore

log = logging.getLogger("jobpilot.registry")

DEFAULT_MAX_UPLOAD = 50 * 1024 * 1024
MAX_FORM_FIELDS = 1024 * 1024
"""Bytes of form fields (description, classifiers, ...) accepted beside the file."""
DRAIN_LIMIT = 16 * 1024 * 1024
"""Bytes of a refused oversize body still read (and thrown away) before the 413 is sent.

A server that answers while the client is still sending and then closes the socket makes
the client see a connection reset, not the 413 that says what is wrong (twine and requests
both do). Reading the rest, up to this bound, lets the answer arrive; beyond it the
connection is closed after the 413 (a client sending that much is not waiting to read)."""
INDEX_MAX_AGE = 60
FILE_CACHE = "public, max-age=31536000, immutable"
CONTENT_TYPES = {"bdist_wheel": "application/octet-stream", "sdist": "application/gzip"}
MAX_JSON_BODY = 64 * 1024
"""A yank's JSON body is a reason, a line of text."""
MAX_REASON = 1000
MAX_PYVERSION = 50
_MALFORMED_BODY = (ValueError, HttpProcessingError, AssertionError, LookupError, UnicodeError)
"""What aiohttp's multipart reader raises on a body or part headers it refuses."""

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
T = TypeVar("T")


@dataclass
class _Cached:
    generation: int
    expires: float
    body: bytes
    content_type: str
    etag: str


class Registry:
    """The aiohttp application around a :class:`RegistryStore`."""

    def __init__(
        self,
        store: RegistryStore,
        *,
        max_upload: int = DEFAULT_MAX_UPLOAD,
        cache_ttl: float = 10.0,
        public_url: str | None = None,
    ) -> None:
        self.store = store
        self.max_upload = max_upload
        self.cache_ttl = cache_ttl
        """How long a rendered page is reused. Writes through this process invalidate at
        once; the TTL bounds staleness when several processes share one database."""
        self.public_url = public_url.rstrip("/") if public_url else None
        self._cache: dict[tuple[str, ...], _Cached] = {}
        self._catalog_cache: tuple[int, float, list[dict[str, Any]]] | None = None

    def app(self) -> web.Application:
        app = web.Application(middlewares=[self._errors], client_max_size=MAX_FORM_FIELDS)
        app.add_routes(
            [
                web.get("/", self.home),
                web.get("/health", self.health),
                web.get("/simple", self.redirect_simple),
                web.get("/simple/", self.simple_root),
                web.get("/simple/{project}", self.redirect_project),
                web.get("/simple/{project}/", self.simple_project),
                web.get("/files/{a}/{sha}/{filename}", self.file),
                web.post("/legacy/", self.upload),
                web.post("/legacy", self.upload),
                web.get("/api/plugins", self.search),
                web.post("/api/projects/{project}/{version}/yank", self.yank),
                web.post("/api/projects/{project}/{version}/unyank", self.unyank),
            ]
        )
        app.on_cleanup.append(self._close)
        return app

    async def _close(self, app: web.Application) -> None:
        await self.store.close()

    # --- errors ------------------------------------------------------------------------

    @web.middleware
    async def _errors(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        try:
            _check_request_text(request)
            return await handler(request)
        except RegistryError as exc:
            log.info("%s %s -> %s %s", request.method, request.path, exc.status, exc.message)
            return error_response(exc, json_body=request.path.startswith("/api/"))

    # --- the simple index --------------------------------------------------------------

    def _cached(self, key: tuple[str, ...]) -> _Cached | None:
        hit = self._cache.get(key)
        if hit is None or hit.generation != self.store.generation or hit.expires < time.monotonic():
            return None
        return hit

    def _remember(self, key: tuple[str, ...], body: bytes, content_type: str) -> _Cached:
        entry = _Cached(
            generation=self.store.generation,
            expires=time.monotonic() + self.cache_ttl,
            body=body,
            content_type=content_type,
            etag='"' + hashlib.sha256(body).hexdigest()[:32] + '"',
        )
        if len(self._cache) > 4096:
            self._cache.clear()
        self._cache[key] = entry
        return entry

    @staticmethod
    def _send(request: web.Request, page: _Cached, *, max_age: int = INDEX_MAX_AGE) -> web.Response:
        headers = {
            "ETag": page.etag,
            "Cache-Control": f"public, max-age={max_age}",
            "Vary": "Accept, Accept-Encoding",
        }
        match = request.headers.get("If-None-Match", "")
        if page.etag in {m.strip() for m in match.split(",")} or match.strip() == "*":
            return web.Response(status=304, headers=headers)
        resp = web.Response(body=page.body, headers=headers)
        resp.headers["Content-Type"] = page.content_type
        if len(page.body) > 1024 and "gzip" in request.headers.get("Accept-Encoding", ""):
            resp.enable_compression()
        return resp

    @staticmethod
    def _format(request: web.Request) -> tuple[simple.Format, str]:
        chosen = simple.negotiate(request.headers.get("Accept"), request.query.get("format"))
        if chosen is None:
            raise RegistryError(
                f"none of the offered formats is acceptable: ask for {simple.JSON_V1}, "
                f"{simple.HTML_V1} or text/html",
                status=406,
            )
        return chosen

    async def redirect_simple(self, request: web.Request) -> web.StreamResponse:
        raise web.HTTPMovedPermanently("/simple/")

    async def simple_root(self, request: web.Request) -> web.StreamResponse:
        fmt, ctype = self._format(request)
        key = ("root", ctype)
        page = self._cached(key)
        if page is None:
            page = self._remember(key, simple.root_page(await self.store.projects(), fmt), ctype)
        return self._send(request, page)

    async def redirect_project(self, request: web.Request) -> web.StreamResponse:
        raise web.HTTPMovedPermanently(f"/simple/{normalize(request.match_info['project'])}/")

    async def simple_project(self, request: web.Request) -> web.StreamResponse:
        name = request.match_info["project"]
        canon = normalize(name)
        if canon != name:
            raise web.HTTPMovedPermanently(
                f"/simple/{canon}/" + (f"?{request.query_string}" if request.query_string else "")
            )
        fmt, ctype = self._format(request)
        key = ("project", canon, ctype)
        page = self._cached(key)
        if page is None:
            index = await self.store.project_index(canon)
            if index is None:
                raise NotFound(f"no project {name!r} in this registry")
            page = self._remember(key, simple.project_page(index, fmt), ctype)
        return self._send(request, page)

    async def file(self, request: web.Request) -> web.StreamResponse:
        m = request.match_info
        rel = f"{m['a']}/{m['sha']}/{m['filename']}"
        path = await self.store.file_path(rel)
        if path is None or not path.is_file():
            raise NotFound(f"no file {m['filename']!r} here")
        if rel.endswith(".metadata"):
            ctype = "text/plain; charset=utf-8"
        else:
            ctype = CONTENT_TYPES["sdist" if rel.endswith(".tar.gz") else "bdist_wheel"]
        return web.FileResponse(
            path,
            headers={
                "Content-Type": ctype,
                "Cache-Control": FILE_CACHE,
                "Content-Disposition": f'attachment; filename="{m["filename"]}"',
            },
        )

    # --- upload --------------------------------------------------------------------------

    async def _authenticate(self, request: web.Request) -> tuple[int, str]:
        header = request.headers.get("Authorization", "")
        if not header:
            raise Unauthorized(
                "authentication required: upload with user __token__ and a registry token as the "
                "password (get one with: jobpilot registry token create --user NAME)"
            )
        scheme, _, value = header.partition(" ")
        if scheme.lower() != "basic":
            raise Unauthorized("use HTTP Basic authentication: user __token__, password the registry token")
        try:
            user, _, password = base64.b64decode(value.strip(), validate=True).decode("utf-8").partition(":")
        except (binascii.Error, ValueError):  # not base64 (or not ASCII), or not UTF-8 inside
            raise Unauthorized(
                "the Authorization header is not valid Basic credentials (base64 of __token__:TOKEN)"
            ) from None
        if user != "__token__":
            raise Forbidden(
                f"user {user!r} is not accepted: the user is __token__ and the password a registry token"
            )
        found = await self.store.user_for_token(password.strip())
        if found is None:
            raise Forbidden(
                "invalid or revoked token: create one with: jobpilot registry token create --user NAME"
            )
        return found

    async def upload(self, request: web.Request) -> web.StreamResponse:
        user_id, user = await self._authenticate(request)
        try:
            return await self._upload(request, user_id, user)
        except TooLarge:
            await self._drain(request)
            raise

    @staticmethod
    async def _drain(request: web.Request) -> bool:
        """Read and discard what is left of the body, up to ``DRAIN_LIMIT`` bytes; True when
        it all arrived (the 413 then reaches the client instead of a reset)."""
        if request.content_length is not None and request.content_length > DRAIN_LIMIT:
            return False
        read = 0
        while read <= DRAIN_LIMIT:
            chunk = await request.content.read(256 * 1024)
            if not chunk:
                return True
            read += len(chunk)
        return False

    async def _upload(self, request: web.Request, user_id: int, user: str) -> web.StreamResponse:
        if request.content_length is not None and request.content_length > self.max_upload + MAX_FORM_FIELDS:
            raise TooLarge(self._too_large(request.content_length))
        if not request.content_type.startswith("multipart/form-data"):
            raise BadUpload("send the upload as multipart/form-data (as twine upload does)")
        reader = await _body(request.multipart())
        fields: dict[str, str] = {}
        fields_size = 0
        with self.store.temp_upload() as (tmp, fh):
            filename: str | None = None
            dist = None
            sha256, md5, blake2 = hashlib.sha256(), hashlib.md5(), hashlib.blake2b(digest_size=32)
            size = 0
            while True:
                part = await _body(reader.next())
                if part is None:
                    break
                if not isinstance(part, BodyPartReader):
                    raise BadUpload("nested multipart bodies are not accepted")
                part_name, part_filename = _part_names(part)
                if part_name == "content":
                    if filename is not None:
                        raise BadUpload("one file per upload: send each file in its own request")
                    filename = part_filename or ""
                    dist = check_filename(filename)  # before a byte is written
                    while chunk := await _body(part.read_chunk(256 * 1024)):
                        size += len(chunk)
                        if size > self.max_upload:
                            raise TooLarge(self._too_large(size, partial=True))
                        fh.write(chunk)
                        sha256.update(chunk)
                        md5.update(chunk)
                        blake2.update(chunk)
                else:
                    value = bytearray()
                    while chunk := await _body(part.read_chunk(64 * 1024)):
                        value += chunk
                        fields_size += len(chunk)
                        if fields_size > MAX_FORM_FIELDS:
                            raise TooLarge(f"the form fields are larger than {MAX_FORM_FIELDS // 1024} KiB")
                    if part_name:
                        # Repeated fields (classifiers, requires_dist) keep the first value: only
                        # single-valued ones are read below.
                        fields.setdefault(part_name, value.decode("utf-8", "replace"))
            fh.flush()
            os.fsync(fh.fileno())
            fh.close()

            action = fields.get(":action", "")
            if action != "file_upload":
                raise BadUpload(f"unsupported :action {action!r}: only file_upload is supported")
            if fields.get("protocol_version", "1") != "1":
                raise BadUpload("unsupported protocol_version: send 1")
            if dist is None:
                raise BadUpload("no file in the upload: send it as the multipart field 'content'")
            name = check_project_name(fields.get("name", "").strip())
            version = fields.get("version", "").strip()
            if not version:
                raise BadUpload("the upload has no 'version' field")
            if normalize(name) != dist.project:
                raise BadUpload(
                    f"filename {dist.filename!r} does not match the project name {name!r} in the metadata: "
                    "upload the file the build tool wrote, unrenamed"
                )
            if parse_version(version) != dist.version:
                raise BadUpload(
                    f"filename {dist.filename!r} does not match the version {version} in the metadata: "
                    "upload the file the build tool wrote, unrenamed"
                )
            filetype = fields.get("filetype", "")
            if filetype and filetype != dist.packagetype:
                raise BadUpload(
                    f"filetype {filetype!r} does not match {dist.filename!r} ({dist.packagetype})"
                )
            if not (fields.get("sha256_digest") or fields.get("blake2_256_digest")):
                raise BadUpload("the upload has no sha256_digest: send the file's SHA-256 (twine does)")
            for field_name, digest in (
                ("sha256_digest", sha256),
                ("md5_digest", md5),
                ("blake2_256_digest", blake2),
            ):
                claimed = fields.get(field_name, "").strip().lower()
                if claimed and claimed != digest.hexdigest():
                    raise BadUpload(
                        f"{field_name} does not match the file received ({claimed[:16]}... sent, "
                        f"{digest.hexdigest()[:16]}... received): the upload was damaged, try again"
                    )
            if size == 0:
                raise BadUpload(f"{dist.filename} is empty")
            info = await asyncio.to_thread(
                inspect_distribution, tmp, dist, plugin_required=dist.project not in FRAMEWORK_PROJECTS
            )
            pyversion = fields.get("pyversion", "")
            if len(pyversion) > MAX_PYVERSION or not pyversion.isprintable() or not pyversion.isascii():
                raise BadUpload(f"pyversion {pyversion[:60]!r} is not a Python tag such as py3 or source")
            record = await self.store.publish(
                user_id=user_id,
                dist=dist,
                info=info,
                tmp=tmp,
                sha256=sha256.hexdigest(),
                size=size,
                python_version=pyversion,
            )
        log.info("%s published %s (%d bytes)", user, record.filename, record.size)
        return web.json_response(
            {"ok": True, "filename": record.filename, "url": record.url_path, "sha256": record.sha256}
        )

    def _too_large(self, size: int, *, partial: bool = False) -> str:
        limit = self.max_upload
        what = f"more than {limit:,} bytes" if partial else f"{size:,} bytes"
        return f"the upload is too large ({what}; this registry accepts files up to {limit:,} bytes)"

    # --- yanking ---------------------------------------------------------------------------

    async def yank(self, request: web.Request, *, yanked: bool = True) -> web.StreamResponse:
        user_id, _ = await self._authenticate(request)
        reason = ""
        if yanked and request.can_read_body:
            if request.content_length is not None and request.content_length > MAX_JSON_BODY:
                raise TooLarge(
                    f"the JSON body is larger than {MAX_JSON_BODY // 1024} KiB: send a short reason"
                )
            raw = await request.content.read(MAX_JSON_BODY + 1)
            if len(raw) > MAX_JSON_BODY:
                raise TooLarge(
                    f"the JSON body is larger than {MAX_JSON_BODY // 1024} KiB: send a short reason"
                )
            reason = _yank_reason(raw)
        p, v = request.match_info["project"], request.match_info["version"]
        await self.store.yank(p, v, reason=reason, user_id=user_id, yanked=yanked)
        return web.json_response({"ok": True, "project": normalize(p), "version": v, "yanked": yanked})

    async def unyank(self, request: web.Request) -> web.StreamResponse:
        return await self.yank(request, yanked=False)

    # --- plugin search and the plugin page ---------------------------------------------

    def _base(self, request: web.Request) -> str:
        return self.public_url or str(request.url.origin())

    async def _catalog(self) -> list[dict[str, Any]]:
        hit = self._catalog_cache
        if hit is not None and hit[0] == self.store.generation and hit[1] > time.monotonic():
            return hit[2]
        catalog = await self.store.catalog()
        self._catalog_cache = (self.store.generation, time.monotonic() + self.cache_ttl, catalog)
        return catalog

    async def plugins(
        self, request: web.Request, *, q: str = "", ats: str = "", hook: str = "", url: str = ""
    ) -> list[dict[str, Any]]:
        from jobpilot.urlpatterns import any_match

        base = self._base(request)
        words = q.lower().split()
        out = []
        for project in await self._catalog():
            for plugin in project["plugins"]:
                if ats and (plugin["ats"] or "").lower() != ats.lower():
                    continue
                if hook and hook not in plugin["hooks"]:
                    continue
                if url and not any_match(plugin["url_patterns"], [url]):
                    continue
                text = " ".join(
                    [
                        plugin["name"],
                        project["project"],
                        plugin["ats"] or "",
                        plugin["description"],
                        project["summary"],
                    ]
                ).lower()
                if not all(w in text for w in words):
                    continue
                out.append(
                    {
                        "name": plugin["name"],
                        "project": project["project"],
                        "version": project["version"],
                        "versions": project["versions"],
                        "yanked_versions": project["yanked_versions"],
                        "ats": plugin["ats"],
                        "hooks": plugin["hooks"],
                        "url_patterns": plugin["url_patterns"],
                        "description": plugin["description"] or project["summary"],
                        "summary": project["summary"],
                        "requires_python": project["requires_python"],
                        "index_url": f"{base}/simple/",
                        "install": f"pip install --index-url {base}/simple/ {project['project']}",
                    }
                )
        return out

    async def search(self, request: web.Request) -> web.StreamResponse:
        qs = request.query
        found = await self.plugins(
            request, q=qs.get("q", ""), ats=qs.get("ats", ""), hook=qs.get("hook", ""), url=qs.get("url", "")
        )
        body = json.dumps({"count": len(found), "plugins": found}, indent=1).encode()
        page = _Cached(0, 0, body, "application/json", '"' + hashlib.sha256(body).hexdigest()[:32] + '"')
        return self._send(request, page, max_age=30)

    async def home(self, request: web.Request) -> web.StreamResponse:
        rows = []
        for p in await self.plugins(request):
            hooks = ", ".join(p["hooks"]) or "-"
            rows.append(
                "<tr>"
                f"<td><b>{escape(p['name'])}</b><br><small>{escape(p['project'])}</small></td>"
                f"<td>{escape(p['ats'] or '-')}</td>"
                f"<td>{escape(p['version'])}"
                + (
                    f"<br><small>also {escape(', '.join(p['versions'][:-1][-5:]))}</small>"
                    if len(p["versions"]) > 1
                    else ""
                )
                + "</td>"
                f"<td>{escape(p['description'])}<br><small>hooks: {escape(hooks)}; pages: "
                f"{escape(' '.join(p['url_patterns']))}</small></td>"
                f"<td><code>{escape(p['install'])}</code></td>"
                "</tr>"
            )
        table = "\n".join(rows) or '<tr><td colspan="5">No plugins published yet.</td></tr>'
        base = escape(self._base(request))
        html = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>JobPilot plugin registry</title>
<style>body{{font:15px system-ui,sans-serif;margin:2rem;color:#222}}
table{{border-collapse:collapse;width:100%}}
td,th{{border-bottom:1px solid #ddd;padding:.5rem;text-align:left;vertical-align:top}}
code{{background:#f4f4f4;padding:.1rem .3rem}}small{{color:#666}}</style></head>
<body><h1>JobPilot plugin registry</h1>
<p>Install with <code>jobpilot plugins install NAME</code> (registry <code>{base}/</code>) or
<code>pip install --index-url {base}/simple/ PROJECT</code>.
Search: <code>{base}/api/plugins?q=&amp;ats=&amp;hook=</code>.</p>
<table><tr><th>plugin</th><th>ATS</th><th>version</th><th>what it does</th><th>install</th></tr>
{table}
</table></body></html>
"""
        page = _Cached(
            0,
            0,
            html.encode(),
            "text/html; charset=utf-8",
            '"' + hashlib.sha256(html.encode()).hexdigest()[:32] + '"',
        )
        return self._send(request, page, max_age=30)

    async def health(self, request: web.Request) -> web.StreamResponse:
        return web.json_response({"ok": True})


async def _body(step: Awaitable[T]) -> T:
    """One step of reading a multipart body; what aiohttp refuses in it becomes a 400."""
    try:
        return await step
    except _MALFORMED_BODY as exc:
        raise BadUpload(
            f"the multipart body cannot be read ({type(exc).__name__}: {str(exc)[:200]}): "
            "send it as twine upload does"
        ) from None


def _part_names(part: BodyPartReader) -> tuple[str | None, str | None]:
    """A part's field name and filename, from headers aiohttp may refuse to parse."""
    try:
        return part.name, part.filename
    except _MALFORMED_BODY as exc:
        raise BadUpload(
            f"a multipart part's Content-Disposition cannot be read ({exc}); send it as twine does"
        ) from None


def _yank_reason(raw: bytes) -> str:
    """The reason out of a yank's body: ``{"reason": "..."}``, an empty body, or a 400."""
    if not raw.strip():
        return ""
    example = 'send JSON such as {"reason": "broken on Workday"}'
    try:
        body = json.loads(raw.decode("utf-8"))
    except RecursionError:
        raise BadUpload(f"the JSON body is nested too deeply: {example}") from None
    except (ValueError, UnicodeDecodeError):
        raise BadUpload(f"the body is not JSON: {example}") from None
    if not isinstance(body, dict):
        raise BadUpload(f"the JSON body is not an object: {example}")
    reason = body.get("reason", "")
    if not isinstance(reason, str):
        raise BadUpload(f"'reason' must be a string: {example}")
    return clean_text(reason, "the reason", MAX_REASON)


def _check_request_text(request: web.Request) -> None:
    """Refuse a path or query holding a NUL or bytes that are not UTF-8 (encoded or not) before
    any handler uses it: PostgreSQL cannot store or compare a NUL, and text that is not UTF-8
    cannot be encoded for a query."""
    raw_path, _, raw_query = request.raw_path.partition("?")
    for what, raw in (("path", raw_path), ("query", raw_query.replace("+", " "))):
        try:
            data = urllib.parse.unquote_to_bytes(raw.encode("utf-8", "surrogateescape"))
            text = data.decode("utf-8")
        except UnicodeError:
            raise BadUpload(f"the request {what} is not valid UTF-8") from None
        if "\x00" in text:
            raise BadUpload(f"the request {what} contains a NUL character")


def error_response(exc: RegistryError, *, json_body: bool = False) -> web.Response:
    # twine shows the reason phrase: keep it one printable ASCII line.
    reason = " ".join(exc.message.encode("ascii", "replace").decode().split())[:300]
    headers = {"Cache-Control": "no-store"}
    if exc.status == 401:
        headers["WWW-Authenticate"] = 'Basic realm="jobpilot-registry"'
    if exc.status == 413:
        headers["Connection"] = "close"
    if json_body:
        return web.json_response(
            {"ok": False, "status": exc.status, "error": exc.message},
            status=exc.status,
            reason=reason,
            headers=headers,
        )
    return web.Response(status=exc.status, reason=reason, text=exc.message + "\n", headers=headers)


async def serve(
    store: RegistryStore,
    *,
    host: str = "127.0.0.1",
    port: int = 8765,
    max_upload: int = DEFAULT_MAX_UPLOAD,
    public_url: str | None = None,
    cache_ttl: float = 10.0,
    on_ready: Callable[[str], None] | None = None,
) -> None:
    """Open the store and serve until cancelled."""
    await store.open()
    registry = Registry(store, max_upload=max_upload, public_url=public_url, cache_ttl=cache_ttl)
    runner = web.AppRunner(registry.app(), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, host, port, backlog=1024)
    await site.start()
    addresses = runner.addresses
    real_port = addresses[0][1] if addresses else port
    shown = f"[{host}]" if ":" in host else host
    if on_ready is not None:
        on_ready(f"http://{shown}:{real_port}/")
    try:
        await asyncio.Event().wait()
    finally:
        await runner.cleanup()

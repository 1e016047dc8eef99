"""The simple repository API: PEP 503 HTML and PEP 691 JSON, with content negotiation.

Pages carry what installers use: ``#sha256=`` fragments, ``data-requires-python`` (PEP 503),
``data-yanked`` (PEP 592), ``data-core-metadata`` / ``data-dist-info-metadata`` (PEP 658 and
PEP 714), and in JSON also ``size``, ``upload-time`` and ``versions`` (PEP 700, API 1.1).
"""

from __future__ import annotations

import json
from datetime import UTC
from html import escape
from typing import Literal

from jobpilot_registry.store import FileRecord, ProjectIndex

API_VERSION = "1.1"
JSON_V1 = "application/vnd.pypi.simple.v1+json"
HTML_V1 = "application/vnd.pypi.simple.v1+html"
Format = Literal["json", "html"]

# Accept media type -> (format, content type answered, preference on equal quality)
_OFFERS: dict[str, tuple[Format, str, int]] = {
    JSON_V1: ("json", JSON_V1, 5),
    "application/vnd.pypi.simple.latest+json": ("json", JSON_V1, 4),
    HTML_V1: ("html", HTML_V1, 3),
    "application/vnd.pypi.simple.latest+html": ("html", HTML_V1, 2),
    "text/html": ("html", "text/html; charset=utf-8", 1),
    "text/*": ("html", "text/html; charset=utf-8", 0),
    "*/*": ("html", "text/html; charset=utf-8", 0),
}


def negotiate(accept: str | None, query_format: str | None = None) -> tuple[Format, str] | None:
    """(format, content type) for an ``Accept`` header, or None when nothing offered is
    acceptable (answer 406). No header means HTML. ``?format=`` overrides, as on PyPI."""
    if query_format:
        offer = _OFFERS.get(query_format)
        return (offer[0], offer[1]) if offer else None
    if not accept or not accept.strip():
        return ("html", "text/html; charset=utf-8")
    best: tuple[float, int, Format, str] | None = None
    for item in accept.split(","):
        media, *params = (p.strip() for p in item.split(";"))
        q = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        offer = _OFFERS.get(media.lower())
        if offer is None or q <= 0:
            continue
        candidate = (q, offer[2], offer[0], offer[1])
        if best is None or candidate[:2] > best[:2]:
            best = candidate
    return (best[2], best[3]) if best else None


def _iso(dt: object) -> str:
    from datetime import datetime

    assert isinstance(dt, datetime)
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def root_page(projects: list[tuple[str, str]], fmt: Format) -> bytes:
    if fmt == "json":
        return json.dumps(
            {"meta": {"api-version": API_VERSION}, "projects": [{"name": name} for name, _ in projects]}
        ).encode()
    links = "\n".join(
        f'    <a href="/simple/{escape(norm)}/">{escape(name)}</a><br>' for name, norm in projects
    )
    return (
        "<!DOCTYPE html>\n<html>\n  <head>\n"
        f'    <meta name="pypi:repository-version" content="{API_VERSION}">\n'
        "    <title>Simple index</title>\n  </head>\n  <body>\n"
        f"{links}\n  </body>\n</html>\n"
    ).encode()


def _file_url(f: FileRecord) -> str:
    return f"{f.url_path}#sha256={f.sha256}"


def project_page(index: ProjectIndex, fmt: Format) -> bytes:
    if fmt == "json":
        files = []
        for f in index.files:
            entry: dict[str, object] = {
                "filename": f.filename,
                "url": f.url_path,
                "hashes": {"sha256": f.sha256},
                "requires-python": f.requires_python,
                "size": f.size,
                "upload-time": _iso(f.uploaded_at),
                "yanked": (f.yanked_reason or True) if f.yanked else False,
            }
            meta = {"sha256": f.metadata_sha256} if f.metadata_sha256 else False
            entry["core-metadata"] = meta
            entry["dist-info-metadata"] = meta
            files.append(entry)
        return json.dumps(
            {
                "meta": {"api-version": API_VERSION},
                "name": index.normalized,
                "versions": index.versions,
                "files": files,
            }
        ).encode()
    lines = []
    for f in index.files:
        attrs = f' href="{escape(_file_url(f))}"'
        if f.requires_python:
            attrs += f' data-requires-python="{escape(f.requires_python)}"'
        if f.metadata_sha256:
            attrs += f' data-core-metadata="sha256={f.metadata_sha256}"'
            attrs += f' data-dist-info-metadata="sha256={f.metadata_sha256}"'
        if f.yanked:
            attrs += f' data-yanked="{escape(f.yanked_reason)}"'
        lines.append(f"    <a{attrs}>{escape(f.filename)}</a><br>")
    title = f"Links for {escape(index.normalized)}"
    body = "\n".join(lines)
    return (
        "<!DOCTYPE html>\n<html>\n  <head>\n"
        f'    <meta name="pypi:repository-version" content="{API_VERSION}">\n'
        f"    <title>{title}</title>\n  </head>\n  <body>\n    <h1>{title}</h1>\n"
        f"{body}\n  </body>\n</html>\n"
    ).encode()

"""Opening a saved page as the DOM it was saved from.

A saved page is a serialised DOM. Scripts can build DOMs that HTML cannot express, and the
one that matters here is a ``<form>`` inside another ``<form>``: a React app renders its
application form inside a page-wide form (or a capture tool wraps the body in one), the
saved file then holds ``<form id="offer-application-form">`` inside an unclosed ``<form>``,
and the HTML parser drops the inner start tag. The inner form's id, attributes and
ownership of its controls are gone, and the snapshot of the saved page no longer shows
what the live page showed.

:func:`prepare_saved_page` renames such nested ``form`` tags to a placeholder element the
parser keeps, and appends a small script that turns each placeholder back into a real
``<form>`` with the DOM API (which allows nesting), before anything reads the page. Pages
without nested forms are returned byte for byte.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit

if TYPE_CHECKING:
    from playwright.async_api import BrowserContext, Route

PLACEHOLDER = "jobpilot-form"
"""The element a nested form is parsed as until the restoring script runs."""

_TOKENS = re.compile(
    r"<!--.*?-->|<(script|style|textarea|title)\b[^>]*>.*?</\1\s*>|<(/?)form(?=[\s/>])",
    re.IGNORECASE | re.DOTALL,
)
"""Comments and raw-text elements (skipped whole: a ``<form`` inside them is text) and form
start/end tags."""

RESTORE_SCRIPT = (
    "<script>(function(){var d=document,els=d.getElementsByTagName('" + PLACEHOLDER + "');"
    "for(var i=els.length-1;i>=0;i--){var o=els[i],f=d.createElement('form');"
    "for(var k=0;k<o.attributes.length;k++)f.setAttribute(o.attributes[k].name,o.attributes[k].value);"
    "while(o.firstChild)f.appendChild(o.firstChild);o.parentNode.replaceChild(f,o);}"
    "var s=d.currentScript;if(s)s.parentNode.removeChild(s);})();</script>"
)
"""Replaces every placeholder (innermost first) by a real form with the same attributes and
children; removes itself."""


def restore_nested_forms(html: str) -> str:
    """``html`` with every form nested inside an open form renamed to the placeholder (and
    its end tag), plus the restoring script at the end; unchanged when nothing is nested."""
    out: list[str] = []
    stack: list[bool] = []  # per open form: was it renamed?
    last = 0
    changed = False
    for m in _TOKENS.finditer(html):
        if m.group(1) is not None or m.group(0).startswith("<!--"):
            continue
        closing = m.group(2) == "/"
        if closing:
            if not stack:
                continue
            renamed = stack.pop()
            if renamed:
                out.append(html[last : m.start()])
                out.append("</" + PLACEHOLDER)
                last = m.end()
            continue
        if stack:
            out.append(html[last : m.start()])
            out.append("<" + PLACEHOLDER)
            last = m.end()
            stack.append(True)
            changed = True
        else:
            stack.append(False)
    if not changed:
        return html
    out.append(html[last:])
    text = "".join(out)
    end = text.lower().rfind("</body")
    if end < 0:
        return text + RESTORE_SCRIPT
    return text[:end] + RESTORE_SCRIPT + text[end:]


def prepare_saved_page(data: bytes) -> bytes:
    """The bytes to serve for a saved HTML page (see the module's docstring); a page that is
    not UTF-8 is served as it is."""
    try:
        html = data.decode("utf-8")
    except UnicodeDecodeError:
        return data
    fixed = restore_nested_forms(html)
    return data if fixed is html else fixed.encode("utf-8")




async def serve_offline(context: BrowserContext, pages: Mapping[str, bytes]) -> None:
    """Answer each URL of ``pages`` in ``context`` with its saved page (prepared as above),
    and take the context off the network.

    Chromium's own offline mode fails every other request (scripts, fonts, analytics of the
    saved page) inside the browser, and the pages are matched by one pattern the browser
    side checks: unlike a Python route for every URL, no request makes a round trip to
    Python, which took about a fifth of a saved page's load (a real capture asks for 10-50
    blocked resources). Nothing is allowed through, so this is for saved pages only; a run
    that must reach a local server keeps :class:`jobpilot.runner.OfflineRouter`.
    """
    if not pages:
        raise ValueError("serve_offline needs at least one saved page")
    bodies = {request_url(url): prepare_saved_page(data) for url, data in pages.items()}
    pattern = re.compile("^(?:" + "|".join(re.escape(k) for k in bodies) + ")$")

    async def fulfill(route: Route) -> None:
        body = bodies.get(request_url(route.request.url))
        if body is None:
            await route.abort("blockedbyclient")
            return
        await route.fulfill(body=body, content_type="text/html; charset=utf-8")

    await context.set_offline(True)
    await context.route(pattern, fulfill)


def request_url(url: str) -> str:
    """``url`` as the browser's request shows it: scheme and host in lower case, an empty
    path as ``/``, no fragment (``https://Careers.Example`` is requested as
    ``https://careers.example/``). Navigate to this form so that the page's own pattern
    matches its request."""
    parts = urlsplit(url)
    if parts.scheme in ("http", "https"):
        return urlunsplit(
            (parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", parts.query, "")
        )
    return url.split("#", 1)[0]


__all__ = ["PLACEHOLDER", "prepare_saved_page", "request_url", "restore_nested_forms", "serve_offline"]

"""Which ATS a page is when its address says nothing: frames, scripts and markup.

A company's careers domain may embed the ATS in an iframe, load its widget script, or be a
saved copy with no address at all. This plugin applies the host table to frame and script
URLs (0.7) and recognises a few ATS front-ends by their own markup conventions (0.75), so it
always answers below the page-URL table (0.8) and below the adapters that read the page.

On a vendor's own site (www.greenhouse.com/careers with the board script, www.lever.co/careers
with a jobs.lever.co frame, www.ashbyhq.com/careers with the embed script: the shared
:data:`jobpilot.builtin.ats_hosts.VENDOR_DOMAINS`) it never answers. Such pages are
marketing that happens to list the vendor's jobs; whether a real application form of that
ATS is on the page is a question only the ATS's adapter can answer, from that form's markup.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from jobpilot import hookimpl
from jobpilot.builtin.ats_hosts import ats_for_host, vendor_site
from jobpilot.models.mapping import Detection
from jobpilot.models.snapshot import Field, FormSnapshot

# Markup that only one ATS front-end produces, read from the fields' wrappers.
_MARKUP: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("oracle", re.compile(r"\bapply-flow-block\b|\binput-row__control\b")),
    ("icims", re.compile(r"\biCIMS_[A-Za-z]")),
    ("smartrecruiters", re.compile(r"^(spl|oc)-[a-z]")),
)
_MIN_FIELDS = 2
"""Markup must show on at least this many fields: one stray class name is not evidence."""


def _wrapper_text(field: Field) -> list[str]:
    out = [field.attrs.get("class", ""), field.id or ""]
    for a in field.ancestors:
        out += [a.get("tag", ""), a.get("class", ""), a.get("id", "")]
    return out


def from_markup(snapshot: FormSnapshot) -> str | None:
    """The ATS whose front-end class/id conventions show on at least two fields (or in the
    page's ids), or None."""
    for slug, pattern in _MARKUP:
        hits = sum(1 for f in snapshot.fields if any(pattern.search(t) for t in _wrapper_text(f) if t))
        if hits >= _MIN_FIELDS or any(pattern.search(i) for i in snapshot.element_ids[:500]):
            return slug
    return None


def from_embedded_urls(snapshot: FormSnapshot) -> str | None:
    """The one ATS whose hosts serve the page's frames or scripts; None when there is none,
    or more than one (a page naming two ATSes is a list of links, not an embed)."""
    found = {
        slug
        for url in [*(f.url for f in snapshot.frames), *snapshot.scripts]
        if (slug := ats_for_host(urlsplit(url).hostname or "")) is not None
    }
    return found.pop() if len(found) == 1 else None


@hookimpl
def detect_ats(url: str, snapshot: FormSnapshot | None) -> Detection | None:
    """Frame/script (0.7) or markup (0.75) evidence on a page whose address says nothing."""
    if snapshot is None:
        return None
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        host = ""
    if vendor_site(host) is not None:
        return None
    slug = from_embedded_urls(snapshot)
    if slug is not None:
        return Detection(ats=slug, confidence=0.7, reason="frame or script from the ATS's host")
    slug = from_markup(snapshot)
    if slug is not None:
        return Detection(ats=slug, confidence=0.75, reason="the ATS's own markup")
    return None

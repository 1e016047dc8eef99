"""Is this page an Ashby application? From the URL, and from the page when there is one.

Ashby serves job boards and application forms from ``jobs.ashbyhq.com``:

* ``/<org>``                       the organisation's job board (a list of postings);
* ``/<org>/<job uuid>``            a posting (overview tab, with an "Apply" button);
* ``/<org>/<job uuid>/application`` the application form;
* ``/<org>/embed``                 the embed script / iframe a company puts on its own site.

On a company's own careers domain the embed shows one posting when the URL carries
``?ashby_jid=<job uuid>``; the page then holds a ``#ashby_embed`` container, the embed script
``https://jobs.ashbyhq.com/<org>/embed`` and, once it ran, an iframe from jobs.ashbyhq.com.

``ashbyhq.com`` itself, ``www.``, ``docs.``, ``help.`` and the recruiter app are Ashby's
marketing, documentation and product sites: not application pages, even with the embed
script on them (www.ashbyhq.com/careers), unless the snapshot holds Ashby's application
form itself (``_systemfield_*`` fields) inside a frame served from jobs.ashbyhq.com. Form
markup in Ashby's own documents (the recruiter app's form preview, a docs demo) is not
something to apply through. The same line is drawn by the built-in detectors
(:data:`jobpilot.builtin.ats_hosts.VENDOR_DOMAINS`).

The built-in host table answers 0.8 for jobs.ashbyhq.com; this adapter answers higher when
the URL names a posting, and highest when the page's own markup agrees.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from jobpilot.builtin.ats_hosts import vendor_site
from jobpilot.models.mapping import Detection
from jobpilot.models.snapshot import FormSnapshot

ATS = "ashby"
BOARD_HOST = "jobs.ashbyhq.com"
UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
_UUID_RE = re.compile(rf"^{UUID}$", re.IGNORECASE)
_RESERVED = frozenset({"api", "static", "embed", "favicon.ico", "robots.txt"})
"""First path segments of jobs.ashbyhq.com that are not organisations."""

EMBED_IDS = frozenset({"ashby_embed", "ashby_embed_iframe"})
"""Ids of the embed container and the iframe the embed script creates."""
_MARKUP_CLASS = re.compile(r"\bashby-(application-form|job-posting|job-board|survey-form)")


@dataclass(frozen=True)
class BoardUrl:
    """A jobs.ashbyhq.com URL taken apart."""

    org: str | None
    job_id: str | None
    application: bool
    embed: bool


def parse_board_url(url: str) -> BoardUrl | None:
    """The parts of a jobs.ashbyhq.com URL, or None for any other host (look-alikes too:
    ``jobs.ashbyhq.com.example.net`` and ``jobs-ashbyhq.com`` are not Ashby)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if (parts.hostname or "").lower().rstrip(".") != BOARD_HOST:
        return None
    segs = [s for s in parts.path.split("/") if s]
    if not segs or segs[0].lower() in _RESERVED:
        return BoardUrl(org=None, job_id=None, application=False, embed=False)
    org = segs[0]
    job = next((s for s in segs[1:3] if _UUID_RE.match(s)), None)
    return BoardUrl(
        org=org,
        job_id=job.lower() if job else None,
        application="application" in segs[1:],
        embed="embed" in segs[1:],
    )


def embed_job_id(url: str) -> str | None:
    """The ``ashby_jid`` query parameter of a company careers page, if any."""
    try:
        values = parse_qs(urlsplit(url).query).get("ashby_jid", [])
    except ValueError:
        return None
    return values[0].strip() if values and values[0].strip() else None


def embed_sources(snapshot: FormSnapshot) -> list[BoardUrl]:
    """jobs.ashbyhq.com frames and scripts of a page (the embed iframe, the embed script)."""
    out = []
    for u in [f.url for f in snapshot.frames] + snapshot.scripts:
        b = parse_board_url(u)
        if b is not None and b.org is not None:
            out.append(b)
    return out


def markup_evidence(snapshot: FormSnapshot) -> str | None:
    """Ashby's own form markup in the snapshot: system field names, its wrapper classes and
    ``data-field-path`` hooks. Returns what was seen, or None."""
    for f in snapshot.fields:
        for v in (f.name, f.id):
            if v and v.startswith("_systemfield_"):
                return f"field {v}"
    for f in snapshot.fields:
        for anc in f.ancestors:
            if "data-field-path" in anc or _MARKUP_CLASS.search(anc.get("class", "")):
                return "ashby-application-form markup"
    return None


def _board_frame_fields(snapshot: FormSnapshot) -> FormSnapshot:
    """The snapshot cut down to the fields of frames served from jobs.ashbyhq.com."""
    paths = {f.path for f in snapshot.frames if parse_board_url(f.url) is not None}
    fields = [
        f
        for f in snapshot.fields
        if f.frame and any(f.frame == p or f.frame.startswith(p + ".") for p in paths)
    ]
    return snapshot.model_copy(update={"fields": fields})


def _vendor_site(url: str) -> bool:
    """Ashby's own sites other than the job boards: marketing, docs, help, the product."""
    try:
        host = (urlsplit(url).hostname or "").lower().rstrip(".")
    except ValueError:
        return False
    return host != BOARD_HOST and vendor_site(host) == ATS


def detect(url: str, snapshot: FormSnapshot | None) -> Detection | None:
    """Detection for Ashby pages (see the module docstring for the URL shapes)."""
    board = parse_board_url(url)
    markup = markup_evidence(snapshot) if snapshot is not None else None
    if _vendor_site(url):
        framed = markup_evidence(_board_frame_fields(snapshot)) if snapshot is not None else None
        if framed is None or not framed.startswith("field _systemfield_"):
            return None  # marketing / docs / product, even when it embeds the job board
        return Detection(
            ats=ATS,
            confidence=0.9,
            job_id=embed_job_id(url),
            reason=f"Ashby application form framed on Ashby's own site ({framed})",
        )
    if board is not None:
        return _on_board(board, markup)
    jid = embed_job_id(url)
    embeds = embed_sources(snapshot) if snapshot is not None else []
    has_container = snapshot is not None and any(i in EMBED_IDS for i in snapshot.element_ids)
    org = embeds[0].org if embeds else None
    if jid and (embeds or has_container):
        what = "embed iframe/script" if embeds else "#ashby_embed container"
        conf = 0.98 if markup else 0.96
        return Detection(ats=ATS, confidence=conf, company=org, job_id=jid, reason=f"ashby_jid + {what}")
    if embeds or has_container:
        # A company careers page embedding the Ashby board (no posting chosen yet).
        return Detection(ats=ATS, confidence=0.9, company=org, reason="Ashby job-board embed")
    if jid:
        if snapshot is None:
            return Detection(ats=ATS, confidence=0.75, job_id=jid, reason="ashby_jid in URL")
        if markup:
            return Detection(ats=ATS, confidence=0.95, job_id=jid, reason=f"ashby_jid + {markup}")
        return None
    if markup and markup.startswith("field _systemfield_"):
        # Ashby's hosted board on a company domain (custom job-board domains) or a saved page.
        return Detection(ats=ATS, confidence=0.9, reason=f"Ashby form markup ({markup})")
    return None


def _on_board(board: BoardUrl, markup: str | None) -> Detection | None:
    if board.org is None:
        return None  # jobs.ashbyhq.com itself or an API path: not an application
    if board.job_id is None:
        return Detection(ats=ATS, confidence=0.9, company=board.org, reason="Ashby job board")
    conf = 0.99 if markup else 0.95
    what = "application form" if board.application else ("embed" if board.embed else "job posting")
    reason = f"jobs.ashbyhq.com {what}" + (f" + {markup}" if markup else "")
    return Detection(ats=ATS, confidence=conf, company=board.org, job_id=board.job_id, reason=reason)

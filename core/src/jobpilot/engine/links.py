"""Finding and following the link that opens an application or its next step.

Real sites start an application with a plain link (SmartRecruiters' "I'm interested",
iCIMS' "Apply for this job online", Lever's "Apply for this job") where a flow looking only
at :attr:`FormSnapshot.buttons` sees nothing to press and stops at ``needs_user``. The
snapshot lists links apart (:attr:`FormSnapshot.links`); this module is the shared way to
pick one by its words and follow it on either transport. A small module of its own so
adapters can import it without the engine.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from jobpilot.engine.text import norm
from jobpilot.models.snapshot import FormSnapshot, Link

if TYPE_CHECKING:
    from jobpilot.page import Page

APPLY_LINK = re.compile(
    r"^(apply( now| online| here)?|apply (for|to) (this|the) (job|position|role)( online| now)?"
    r"|im interested|i am interested|start (your |my )?application|begin application"
    r"|jetzt bewerben|bewerben|online bewerben|postuler( maintenant| en ligne)?"
    r"|je postule|candidater|postularme|postulate|aplicar( ahora)?|inscribirme"
    r"|candidatar( se)?|candidatati|solliciteer( nu)?|ansok( nu)?)$"
)
"""Normalised texts (:func:`jobpilot.engine.text.norm`) of links that open an application."""

SITE_REGIONS = frozenset({"navigation", "banner", "contentinfo"})
"""Region roles that hold the site's own links (menus, header, footer), not the posting's."""


def find_link(
    snapshot: FormSnapshot,
    texts: Iterable[str] | re.Pattern[str] = APPLY_LINK,
    *,
    visible: bool = True,
) -> Link | None:
    """The first link whose normalised text is one of ``texts`` (or matches the pattern),
    preferring links outside the site's menus, header and footer; None when there is none.

    :param visible: only links the person can see (the default)."""
    if isinstance(texts, re.Pattern):
        pattern = texts

        def wanted(text: str) -> bool:
            return bool(pattern.search(text))

    else:
        names = {norm(t) for t in texts}

        def wanted(text: str) -> bool:
            return text in names

    best: tuple[int, Link] | None = None
    for link in snapshot.links:
        if visible and not link.visible:
            continue
        if not wanted(norm(link.text or link.attrs.get("aria-label", ""))):
            continue
        rank = 1 if any(r.role in SITE_REGIONS for r in snapshot.regions_of(link)) else 0
        if best is None or rank < best[0]:
            best = (rank, link)
            if rank == 0:
                break
    return best[1] if best else None


async def follow(page: Page, link: Link) -> None:
    """Follow ``link`` in the page's own tab: a click, as a person does (scripts behind the
    link run), except for a link that opens another tab (``target`` other than ``_self``/
    ``_top``/``_parent``), whose http(s) address is loaded instead.

    The caller waits for what comes next (a new :attr:`FormSnapshot.document_id`, a step's
    controls), as after any click."""
    target = (link.target or "").strip().lower()
    opens_tab = target not in ("", "_self", "_top", "_parent")
    goto = getattr(page, "goto", None)
    if opens_tab and urlsplit(link.href).scheme in ("http", "https") and callable(goto):
        await goto(link.href)
        return
    await page.click(link.ref)


__all__ = ["APPLY_LINK", "SITE_REGIONS", "find_link", "follow"]

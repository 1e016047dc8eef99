"""The held-out partition of the real captured pages, fixed before any tuning.

The rule is deterministic and depends only on names, never on results:

* whole ATS folders are held out when the first byte of ``sha256("jobpilot-heldout:" + ats)``
  is divisible by 4 (this picks linkedin, recruitee, rippling and taleo): the generic
  mapper's figure on an ATS none of whose pages it was tuned on;
* of every other folder, the tenants (employers, :func:`jobpilot.eval.groups.tenant_of`)
  whose ``sha256("jobpilot-heldout:tenant:" + tenant)`` starts with a byte below 77 (about
  30 %) are held out: the figure on employers never seen, ATS known.

It applies to both corpora (``ats-pages`` and ``ats-pages-more``). Tuning (patterns,
calibration) looks only at the *seen* pages; the held-out pages are scored for the record.
Caveat: ``ats-pages`` was used by earlier sessions before this partition existed, so its
held-out part is not unseen in the strict sense; ``ats-pages-more`` is.
"""

from __future__ import annotations

import hashlib

from jobpilot.eval.corpus import LabelledPage

SALT = "jobpilot-heldout:"
TENANT_SHARE = 77
"""Held-out tenants: first hash byte below this (77/256 = 30 %)."""


def _byte(text: str) -> int:
    return hashlib.sha256((SALT + text).encode()).digest()[0]


def folder_held_out(ats_folder: str) -> bool:
    return _byte(ats_folder) % 4 == 0


def tenant_held_out(tenant: str) -> bool:
    return _byte("tenant:" + tenant) < TENANT_SHARE


def held_out(page: LabelledPage) -> bool:
    return folder_held_out(page.folder_ats) or tenant_held_out(page.tenant)


def split(pages: list[LabelledPage]) -> tuple[list[LabelledPage], list[LabelledPage]]:
    """(seen, held out)."""
    seen = [p for p in pages if not held_out(p)]
    return seen, [p for p in pages if held_out(p)]

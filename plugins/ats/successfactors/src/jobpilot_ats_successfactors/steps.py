"""Which SuccessFactors page a snapshot shows, and what its errors say.

The classic pages (job posting, sign-in, account creation) are whole documents; the
application is a UI5 app that renders after its definition loads and re-renders in place
(after the resume parser answers, after a refused submission). The flow asks after every
action: which page is this, and did it refuse with messages?
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass
from typing import Literal

from jobpilot.engine.confirm import CONFIRMATION
from jobpilot.models.snapshot import FormSnapshot
from jobpilot.page import Page

from jobpilot_ats_successfactors import markup

Kind = Literal["job", "login", "create", "application", "done", "unknown"]
MOVE_TIMEOUT_S = 15.0
POLL_S = 0.05
_ERROR = re.compile(
    r"required|invalid|incorrect|must |do not match|does not match|already|not valid"
    r"|please (enter|select|correct)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Where:
    kind: Kind
    key: str = ""


def _ids(snapshot: FormSnapshot) -> set[str]:
    return {markup.field_id(f) for f in snapshot.fields if f.visible}


def identify(snapshot: FormSnapshot) -> Where:
    ids = _ids(snapshot)
    key = ",".join(sorted(ids))
    if CONFIRMATION.search(" \n".join(snapshot.headings)):
        return Where("done", key)
    if "fbclc_userName" in ids and "fbclc_pwd" in ids:
        return Where("create", key)
    if "username" in ids and "password" in ids:
        return Where("login", key)
    if any(markup.is_ui5(f) for f in snapshot.fields if f.visible) and markup.button(snapshot, "apply"):
        return Where("application", key)
    if markup.button_by_id(snapshot, "applyButton_top", "applyButton_bottom"):
        return Where("job", key)
    return Where("unknown", key)


def errors(snapshot: FormSnapshot) -> list[str]:
    """The messages invalid controls point at (``aria-describedby``)."""
    out: list[str] = []
    for f in snapshot.fields:
        desc = (f.description or "").strip()
        if desc and _ERROR.search(desc) and desc not in out:
            out.append(desc)
    return [f"fix: {d}" for d in out]


async def until_moved(page: Page, where: Where, before: FormSnapshot) -> tuple[FormSnapshot, list[str], bool]:
    """After a click that should change the page: poll until another page shows (two looks
    in a row agreeing: a UI5 app renders after its definition loads), new errors show, or
    the time runs out. The classic pages are whole once parsed, and a snapshot of a document
    still being parsed waits for that itself, so the looks need no quiet-DOM wait or fixed
    pause before them (those were most of a page change's time)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + MOVE_TIMEOUT_S
    standing = set(errors(before))
    candidate: tuple[object, ...] | None = None
    first = True
    while True:
        if not first:
            await asyncio.sleep(POLL_S)
        first = False
        snapshot = await page.snapshot()
        now = identify(snapshot)
        if now.kind != "unknown" and (now.kind, now.key) != (where.kind, where.key):
            sig = (now.kind, now.key, tuple(f.ref for f in snapshot.fields))
            if sig == candidate:
                return snapshot, [], True
            candidate = sig
            continue
        candidate = None
        new = [e for e in errors(snapshot) if e not in standing]
        if new or loop.time() >= deadline:
            return snapshot, new, False

"""Where in iCIMS's apply flow a page is, and what its validation errors say.

Each iCIMS step is a new document inside the portal's iframe, so the top page never changes
and its quiet-DOM wait says nothing about the frame. The flow therefore asks after every click:
which step does the snapshot show now (job posting, login e-mail, password, candidate profile,
a questions step, review, confirmation), and did the step refuse to advance?
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass
from typing import Literal

from jobpilot.engine.confirm import CONFIRMATION, find_submit_button
from jobpilot.engine.links import find_link
from jobpilot.models.snapshot import Button, FormSnapshot, Link
from jobpilot.page import Page

from jobpilot_ats_icims import markup

Kind = Literal["job", "email", "password", "profile", "step", "review", "done", "saved", "unknown"]

SETTLE_MS = 100
MOVE_TIMEOUT_S = 15.0
POLL_S = 0.05
NEXT_TEXTS = ("next", "continue", "save and continue", "next step")
APPLY_TEXTS = ("apply for this job online", "apply for this job", "apply online", "apply now", "apply")
_ERROR = re.compile(
    r"required|invalid|incorrect|must |do not match|does not match|already|not valid"
    r"|please (enter|select|correct)",
    re.IGNORECASE,
)
_SAVED = re.compile(r"progress has been saved|finish later|log back in to finish", re.IGNORECASE)


@dataclass(frozen=True)
class Where:
    kind: Kind
    name: str = ""
    """The step's headings, for messages."""
    key: str = ""
    """What makes two looks the same step: its headings and its controls' names (two
    question steps may share a title)."""


def _visible_names(snapshot: FormSnapshot) -> set[str]:
    return {markup.base_name(f) for f in snapshot.fields if f.visible}


def next_button(snapshot: FormSnapshot) -> Button | None:
    return markup.button(snapshot, *NEXT_TEXTS)


def apply_button(snapshot: FormSnapshot) -> Button | Link | None:
    """The posting's "Apply for this job online": on iCIMS a plain link (in
    :attr:`FormSnapshot.links`), a button on some portals; iCIMS' own class first, then its
    words (a link only by its full words, never a menu's bare "Apply")."""
    for b in snapshot.buttons:
        if b.visible and not b.disabled and "iCIMS_ApplyOnlineButton" in b.attrs.get("class", ""):
            return b
    for x in snapshot.links:
        if x.visible and "iCIMS_ApplyOnlineButton" in x.attrs.get("class", ""):
            return x
    return markup.button(snapshot, *APPLY_TEXTS) or find_link(snapshot, APPLY_TEXTS[:3])


def identify(snapshot: FormSnapshot) -> Where:
    where = _identify(snapshot)
    names = ",".join(sorted(_visible_names(snapshot)))
    return Where(where.kind, where.name, f"{where.name}#{names}")


def _identify(snapshot: FormSnapshot) -> Where:
    names = _visible_names(snapshot)
    headings = " \n".join(snapshot.headings)
    if CONFIRMATION.search(headings):
        return Where("done")
    if markup.LOGIN_PASSWORD in names:
        return Where("password")
    if markup.LOGIN_EMAIL in names:
        return Where("email")
    if any(markup.profile_field(f) in ("FirstName", "Resume") for f in snapshot.fields if f.visible):
        return Where("profile", "Candidate Profile")
    submit = find_submit_button(snapshot)
    if submit is not None and next_button(snapshot) is None and any(f.visible for f in snapshot.fields):
        return Where("review", _content_heading(snapshot))
    if next_button(snapshot) is not None:
        return Where("step", _content_heading(snapshot))
    if apply_button(snapshot) is not None:
        return Where("job")
    if _SAVED.search(headings):
        return Where("saved")
    return Where("unknown")


def _content_heading(snapshot: FormSnapshot) -> str:
    """The step's headings, joined: the iCIMS header and section titles of the framed
    document (a step with the same headings is the same step)."""
    return " | ".join(h for h in snapshot.headings if h)


def errors(snapshot: FormSnapshot) -> list[str]:
    """What a person must fix: each invalid control with the message it points at."""
    out: list[str] = []
    seen: set[str] = set()
    for f in snapshot.fields:
        desc = (f.description or "").strip()
        if not desc or not _ERROR.search(desc) or desc in seen:
            continue
        seen.add(desc)
        out.append(f"fix {f.label or f.name or f.ref}: {desc}")
    return out


async def look(page: Page) -> FormSnapshot:
    await page.wait_for(stable_ms=SETTLE_MS, timeout_ms=5_000)
    return await page.snapshot()


def _signature(snapshot: FormSnapshot) -> tuple[object, ...]:
    return (
        tuple(f.ref for f in snapshot.fields),
        tuple((b.ref, b.disabled) for b in snapshot.buttons),
        tuple(snapshot.headings),
    )


async def until_moved(page: Page, where: Where, before: FormSnapshot) -> tuple[FormSnapshot, list[str], bool]:
    """After a click that should change the step: poll until the snapshot shows another step
    and two looks in a row agree (a document still loading in the frame shows half its
    controls, and its scripts have not run yet), validation errors that were not on the page
    before the click (a control's standing hint is not an error), or the time runs out.
    Returns the last snapshot, the new errors and whether it moved. The first look is at
    once (a snapshot of a frame document still being parsed waits for it), the next ones
    ``POLL_S`` apart."""
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
            sig = _signature(snapshot)
            if sig == candidate:
                return snapshot, [], True
            candidate = sig
            continue
        candidate = None
        new = [e for e in errors(snapshot) if e not in standing]
        if new or loop.time() >= deadline:
            return snapshot, new, False

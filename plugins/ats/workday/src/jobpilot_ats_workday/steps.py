"""Where in Workday's apply flow a page is, and what its validation errors say.

Workday never reloads between wizard steps, so the flow asks after every click: which page
is this (job posting, "Start Your Application" chooser, account, a wizard step, review,
confirmation), and did the step refuse to advance because of errors?
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from jobpilot.engine.confirm import CONFIRMATION
from jobpilot.models.snapshot import FormSnapshot
from jobpilot.page import Page

from jobpilot_ats_workday import markup

SETTLE_MS = 100
"""Quiet time that counts as "the page settled" after an action; transitions are confirmed
by polling for the change itself (:func:`until_moved`), so this stays short."""
MOVE_TIMEOUT_S = 15.0

Kind = Literal["job", "chooser", "account", "step", "review", "done", "unknown"]

KNOWN_STEPS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("My Information", re.compile(r"^my information$|^personal information$", re.I)),
    ("My Experience", re.compile(r"^my experience$|^experience$", re.I)),
    ("Application Questions", re.compile(r"questions$", re.I)),
    ("Voluntary Disclosures", re.compile(r"^voluntary disclosures?$", re.I)),
    ("Self Identify", re.compile(r"^self[- ]identif(y|ication)$|disability", re.I)),
    ("Review", re.compile(r"^review$", re.I)),
)
_CURRENT = re.compile(r"current step (\d+) of (\d+)\s*\n\s*([^\n]+)", re.I)
_ERROR_LINE = re.compile(r"^\s*(error:?\s+.+)$", re.I | re.M)
_VERIFY_EMAIL = re.compile(r"verify your (e-?mail|account)|verification (e-?mail|link)", re.I)


@dataclass(frozen=True)
class Where:
    kind: Kind
    name: str = ""
    """The wizard step's title (``My Information`` ...), when ``kind`` is step or review."""


def step_name(snapshot: FormSnapshot, text: str) -> str:
    """The wizard step's title: the progress bar's current step, else a known heading."""
    m = _CURRENT.search(text)
    if m:
        return m.group(3).strip()
    for heading in snapshot.headings:
        for name, rx in KNOWN_STEPS:
            if rx.search(heading.strip()):
                return name
    return ""


def identify(snapshot: FormSnapshot, text: str) -> Where:
    aids = {markup.automation_id(b) for b in snapshot.buttons if b.visible}
    field_aids = {markup.automation_id(f) for f in snapshot.fields if f.visible}
    if "bottom-navigation-next-button" in aids:
        name = step_name(snapshot, text)
        nxt = markup.button(snapshot, "bottom-navigation-next-button")
        is_review = re.match(r"^review$", name, re.I) or (
            nxt is not None and nxt.text.strip().lower() == "submit"
        )
        return Where("review" if is_review else "step", name)
    if "password" in field_aids or aids & {"signInSubmitButton", "createAccountSubmitButton", "signInLink"}:
        return Where("account")
    if CONFIRMATION.search(text):
        return Where("done")
    if aids & {"applyManually", "autofillWithResume", "useMyLastApplication"}:
        return Where("chooser")
    if "adventureButton" in aids:
        return Where("job")
    return Where("unknown")


def errors(snapshot: FormSnapshot, text: str) -> list[str]:
    """What a person must fix: each invalid field with its message, else the banner lines."""
    out: list[str] = []
    seen: set[str] = set()
    for f in snapshot.fields:
        desc = (f.description or "").strip()
        m = _ERROR_LINE.search(desc)
        if not m or not f.visible:
            continue
        label = f.label or f.name or f.ref
        msg = m.group(1).strip()
        out.append(f"fix {label}: {msg}")
        seen.add(msg.lower())
    if re.search(r"errors? found", text, re.I):
        for m in _ERROR_LINE.finditer(text):
            msg = m.group(1).strip()
            if msg.lower() not in seen:
                seen.add(msg.lower())
                out.append(f"fix: {msg}")
    return out


def asks_to_verify_email(text: str) -> bool:
    return bool(_VERIFY_EMAIL.search(text))


LEGAL_ACCEPT = "legalNoticeAcceptButton"


async def accept_legal_notice(page: Page, snapshot: FormSnapshot) -> bool:
    """Answer the tenant's ``legalNotice`` banner with its Accept button, when it shows.

    Workday puts the notice (the career site's cookie and privacy terms) over the bottom of
    the page, where its Apply, Create Account and Save and Continue buttons are, and keeps
    it until it is answered; clicks meant for the page behind it go nowhere. The person
    started this application on this site, so the flow accepts the site's terms like they
    would, and waits for the banner to go. True when it was there and was answered."""
    button = markup.button(snapshot, LEGAL_ACCEPT)
    if button is None:
        return False
    await page.click(button.ref)
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 5.0
    while loop.time() < deadline:
        await page.wait_for(stable_ms=SETTLE_MS, timeout_ms=2_000)
        if markup.button(await page.snapshot(), LEGAL_ACCEPT) is None:
            break
    return True


async def look(page: Page) -> tuple[FormSnapshot, str]:
    await page.wait_for(stable_ms=SETTLE_MS, timeout_ms=10_000)
    return await page.snapshot(), await page.text()


async def until_moved(
    page: Page, where: Where, *, refused: Callable[[str], object] | None = None
) -> tuple[FormSnapshot, str, bool]:
    """After a click that should change the page: poll until it shows another page or step,
    or validation errors (the step stays; ``refused`` reads page-specific refusals from the
    text), or the time runs out."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + MOVE_TIMEOUT_S
    while True:
        snapshot, text = await look(page)
        now = identify(snapshot, text)
        if (now.kind, now.name) != (where.kind, where.name):
            return snapshot, text, True
        if errors(snapshot, text) or (refused and refused(text)) or loop.time() >= deadline:
            return snapshot, text, False

"""What follows Greenhouse's submit click: confirmation, validation errors, a CAPTCHA
challenge, or the e-mailed security code.

Greenhouse answers a submission it wants to verify with a request for an 8-character code
"sent to your email": the React boards show eight one-character boxes
(``#security-input-0`` ... ``#security-input-7``) above a disabled Submit button, classic
boards a single ``#security_code`` box. Only the person can read that e-mail, so the code is
asked for through ``ctx.ask`` and typed exactly as given; JobPilot never guesses
one. With nobody to ask the run stops as ``needs_user`` and is not submitted. A rejected
code shows Greenhouse's error and the person is asked again, a few times at most; the
application counts as submitted only once Greenhouse confirms it.

Greenhouse's reCAPTCHA is invisible and runs on the submit click; when Google doubts the
applicant it opens its image challenge instead of letting the submission through. That
challenge appears only after the click, so the engine's own CAPTCHA check before it cannot
see it: it is handed to ``ctx.solve_captcha`` here (a solver the person opted into, or
the person), and the widget's callback then goes on with the submission.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from jobpilot.engine.confirm import CONFIRMATION, find_submit_button
from jobpilot.engine.flow import FlowOutcome
from jobpilot.models.plan import Action
from jobpilot.models.providers import CaptchaChallenge
from jobpilot.models.snapshot import Field, FormSnapshot
from jobpilot.page import Page

from jobpilot_ats_greenhouse.detect import host_of, is_board_host

if TYPE_CHECKING:
    from jobpilot.engine.flow import FlowContext

CODE_LENGTH = 8
MAX_ATTEMPTS = 3
MAX_CHALLENGES = 2
"""CAPTCHA challenges handed on after the submit click; one more goes to the person."""
WAIT_S = 15.0

_BOX = re.compile(r"^security-input-(\d+)$")
_SINGLE = "security_code"
_CODE_OK = re.compile(rf"^[A-Za-z0-9]{{{CODE_LENGTH}}}$")
_CODE_ERROR = re.compile(
    r"(security|verification) code (is |was )?(incorrect|invalid|wrong|expired)|"
    r"(incorrect|invalid|wrong) (security |verification )?code",
    re.IGNORECASE,
)
_FIELD_ERROR = re.compile(
    r"this field is required|is required|is invalid|enter a valid|must be", re.IGNORECASE
)
_FORM_ERROR = re.compile(
    r"there (was|were) (an )?errors? (with|in) your (application|submission)|please (fix|correct) the errors",
    re.IGNORECASE,
)

State = Literal["confirmed", "challenge", "code", "code_rejected", "errors", "waiting"]

CaptchaFn = Callable[[FormSnapshot], list[CaptchaChallenge]]
"""The CAPTCHA judges (``ctx.captchas``)."""


@dataclass
class PageState:
    state: State
    message: str = ""
    boxes: list[Field] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    challenge: CaptchaChallenge | None = None
    documents: tuple[str | None, ...] = ()
    """The documents (top and frames) this state was read from."""


@dataclass(frozen=True)
class Clicked:
    """The page as it was when Submit was clicked again (after a code or a CAPTCHA).

    A verdict read afterwards must be the page's answer to that click. A classic board
    answers with a new document, and until it arrives the old one still shows the previous
    "incorrect security code" error: read too early, that stale error looked like a rejection
    of the new code (a third prompt, a code typed into a page that was being replaced). So a
    rejection that was already showing at the click counts only once a new document is there.
    """

    documents: tuple[str | None, ...]
    rejection_showing: bool


def code_boxes(snapshot: FormSnapshot) -> list[Field]:
    """The visible security-code inputs, in order (eight boxes, or one classic box)."""
    boxes = [(int(m.group(1)), f) for f in snapshot.fields if f.visible and (m := _BOX.match(f.id or ""))]
    if boxes:
        return [f for _, f in sorted(boxes, key=lambda b: b[0])]
    return [f for f in snapshot.fields if f.visible and f.id == _SINGLE]


def field_errors(snapshot: FormSnapshot) -> list[str]:
    """Validation messages Greenhouse attached to fields (``aria-describedby`` -> ``<id>-error``)."""
    out = []
    for f in snapshot.fields:
        if not f.visible or _BOX.match(f.id or "") or f.id == _SINGLE:
            continue
        desc = f.description or ""
        if _FIELD_ERROR.search(desc):
            out.append(f"{f.label or f.id or f.ref}: {desc.strip()}")
    return out


def confirmation_url(snapshot: FormSnapshot) -> str | None:
    """Greenhouse's confirmation page (top document or the embed iframe), whose text a
    cross-origin frame does not expose to the page text."""
    for url in [snapshot.url, *(f.url for f in snapshot.frames)]:
        path = url.split("?", 1)[0].rstrip("/")
        if is_board_host(host_of(url)) and path.endswith("/confirmation"):
            return url
    return None


async def read_state(page: Page, *, code_sent: bool, captcha: CaptchaFn | None = None) -> PageState:
    """One look at the page after a submit click; with ``captcha``, a blocking CAPTCHA
    challenge comes first (nothing else moves until it is answered)."""
    text = await page.text()
    m = CONFIRMATION.search(text)
    if m is not None:
        return PageState("confirmed", m.group(0))
    snapshot = await page.snapshot()
    docs = snapshot.documents()
    url = confirmation_url(snapshot)
    if url is not None:
        return PageState("confirmed", f"Greenhouse confirmation page {url}", documents=docs)
    if captcha is not None:
        blocking = [c for c in captcha(snapshot) if c.blocking]
        if blocking:
            return PageState("challenge", blocking[0].kind, challenge=blocking[0], documents=docs)
    boxes = code_boxes(snapshot)
    if boxes:
        rejected = _rejection(text, boxes)
        if code_sent and rejected:
            return PageState("code_rejected", rejected, boxes=boxes, documents=docs)
        if not code_sent:
            return PageState("code", boxes=boxes, documents=docs)
    errors = field_errors(snapshot)
    if errors or _FORM_ERROR.search(text):
        return PageState(
            "errors",
            errors=errors or [_FORM_ERROR.search(text).group(0)],  # type: ignore[union-attr]
            documents=docs,
        )
    return PageState("waiting", boxes=boxes, documents=docs)


def _rejection(text: str, boxes: list[Field]) -> str | None:
    """Greenhouse's "incorrect security code" message, from the page or the code boxes."""
    descs = " ".join(b.description or "" for b in boxes)
    m = _CODE_ERROR.search(text) or _CODE_ERROR.search(descs)
    return m.group(0) if m else None


async def wait_for_state(
    page: Page,
    *,
    code_sent: bool,
    captcha: CaptchaFn | None = None,
    timeout_s: float = WAIT_S,
    clicked: Clicked | None = None,
) -> PageState:
    """Poll until the page shows something to act on (or the time is up: "waiting").

    With ``clicked``, a rejection that was already on the page at that click, read from the
    same documents, is the old answer, not this one: keep waiting for the page's answer.
    """
    deadline = time.monotonic() + timeout_s
    while True:
        await page.wait_for(stable_ms=200, timeout_ms=2_000)
        state = await read_state(page, code_sent=code_sent, captcha=captcha)
        if state.state == "code_rejected" and _stale(state, clicked):
            state = PageState("waiting", boxes=state.boxes, documents=state.documents)
        if state.state != "waiting" or time.monotonic() >= deadline:
            return state
        await asyncio.sleep(0.1)


def _stale(state: PageState, clicked: Clicked | None) -> bool:
    return clicked is not None and clicked.rejection_showing and state.documents == clicked.documents


def _prompt(ctx: FlowContext, attempt: int, problem: str | None) -> str:
    email = str(ctx.profile.basics.email or "your e-mail address")
    lead = f"{problem} " if problem else ""
    return (
        f"{lead}Greenhouse e-mailed an {CODE_LENGTH}-character security code to {email}. "
        f"Enter it to finish the application (attempt {attempt} of {MAX_ATTEMPTS}):"
    )


def _needs(ctx: FlowContext, why: str) -> FlowOutcome:
    email = str(ctx.profile.basics.email or "your e-mail address")
    return FlowOutcome(
        state="needs_user",
        needs=[
            f"enter the {CODE_LENGTH}-character security code Greenhouse e-mailed to {email}, then submit"
        ],
        message=why,
    )


async def enter_code(page: Page, boxes: list[Field], code: str) -> bool:
    """Type the code: one character per box, or all of it into a single box."""
    if len(boxes) == 1:
        actions = [Action(kind="fill", ref=boxes[0].ref, frame=boxes[0].frame, value=code)]
    else:
        if len(boxes) != len(code):
            return False
        actions = [
            Action(kind="fill", ref=b.ref, frame=b.frame, value=ch) for b, ch in zip(boxes, code, strict=True)
        ]
    results = await page.apply(actions)
    return all(r.ok for r in results)


async def resubmit(page: Page) -> Clicked | None:
    """Click the (now enabled) Submit button again; what the page showed at the click, or
    None when no enabled Submit button appeared."""
    for _ in range(10):
        snapshot = await page.snapshot()
        button = find_submit_button(snapshot)
        if button is not None:
            showing = _rejection(await page.text(), code_boxes(snapshot)) is not None
            await page.click(button.ref)
            return Clicked(snapshot.documents(), showing)
        await asyncio.sleep(0.1)
    return None


async def after_submit(ctx: FlowContext) -> FlowOutcome | None:
    """Drive the page from the first submit click to Greenhouse's confirmation, handing a
    CAPTCHA challenge to the engine and asking the person for the e-mailed code when one is
    required. None when nothing recognisable happened (the engine then waits for a
    confirmation itself)."""
    page = ctx.page
    captcha: CaptchaFn = ctx.captchas
    state = await wait_for_state(page, code_sent=False, captcha=captcha)
    problem: str | None = None
    attempt = 0
    challenges = 0
    code_sent = False
    while True:
        if state.state == "confirmed":
            return FlowOutcome(state="submitted", message=state.message)
        if state.state == "errors":
            return FlowOutcome(
                state="needs_user",
                needs=[f"fix what Greenhouse rejected: {e}" for e in state.errors],
                message="Greenhouse did not accept the application: " + "; ".join(state.errors),
            )
        if state.state == "challenge" and state.challenge is not None:
            challenges += 1
            outcome = await _answer_challenge(ctx, state.challenge, again=challenges > MAX_CHALLENGES)
            if outcome is not None:
                return outcome
            # The widget's callback goes on with the submission; a slow answer to it is
            # waited for as long as any confirmation, so the button is pressed again only
            # when the page really did nothing (a widget without a callback).
            settle = max(WAIT_S, ctx.verify_timeout_ms / 1000)
            state = await wait_for_state(page, code_sent=code_sent, captcha=captcha, timeout_s=settle)
            if state.state == "waiting" and not state.boxes:
                # A widget without a callback: its token is in the form, the button posts it.
                clicked = await resubmit(page)
                if clicked is not None:
                    state = await wait_for_state(page, code_sent=code_sent, captcha=captcha, clicked=clicked)
            continue
        if state.state == "waiting":
            return None
        # A code is asked for (first time, or again after a rejected one).
        if state.state == "code_rejected":
            problem = f"Greenhouse rejected the code ({state.message})."
        attempt += 1
        if attempt > MAX_ATTEMPTS:
            return _needs(ctx, f"the security code was rejected {MAX_ATTEMPTS} times")
        answer = await ctx.ask(_prompt(ctx, attempt, problem))
        if answer is None:
            return _needs(ctx, "Greenhouse asks for the security code it e-mailed; no answer was given")
        code = re.sub(r"\s+", "", answer)
        if not _CODE_OK.match(code):
            problem = f"{answer!r} is not an {CODE_LENGTH}-character code."
            state = PageState("code", boxes=state.boxes)
            continue
        clicked = await resubmit(page) if await enter_code(page, state.boxes, code) else None
        if clicked is None:
            return _needs(ctx, "the security code could not be entered")
        code_sent = True
        state = await wait_for_state(page, code_sent=True, captcha=captcha, clicked=clicked)
        if state.state == "waiting" and state.boxes:
            # Still on the code step without a verdict: treat as rejected, ask again.
            state = PageState("code_rejected", "no answer to the code", boxes=state.boxes)


async def _answer_challenge(
    ctx: FlowContext, challenge: CaptchaChallenge, *, again: bool
) -> FlowOutcome | None:
    """Hand the challenge to the engine (the opted-in solver, else the person at the
    browser); the outcome that stops the run when nobody answered it, else None."""
    if again:
        return FlowOutcome(
            state="needs_user",
            needs=[f"Greenhouse showed the {challenge.kind} CAPTCHA again: solve it, then submit"],
            message="the CAPTCHA answer was not accepted by the page",
        )
    if await ctx.solve_captcha(challenge):
        return None
    return FlowOutcome(
        state="needs_user",
        needs=[
            f"solve the {challenge.kind} CAPTCHA Greenhouse shows after 'Submit application'; "
            "the application then goes on"
        ],
        message="waiting for a person to solve the CAPTCHA challenge",
    )

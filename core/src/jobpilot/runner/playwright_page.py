"""``PlaywrightPage``: the :class:`jobpilot.page.Page` protocol on a Playwright page.

A thin I/O adapter: refs, frames, uploads, waits and errors are decided once, in
:class:`jobpilot.pagebase.DomPage`; the DOM layer (``jobpilot/dom/js``) does the work inside
the page. This class moves data in and out and covers what page scripts cannot:

- **Cross-origin frames** are Playwright frames of their own; they are numbered in the order
  this object first sees them (``x<N>:`` refs), a number kept for the life of the frame.
- **Uploads** to a real ``<input type=file>`` use Playwright's ``set_input_files`` (the
  browser's own file path, the most faithful); drop zones without an input get the bytes
  through the DOM layer's DataTransfer path.
- **Clicks** are real, trusted Playwright clicks where possible, and never repeated.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import re
from typing import Any

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import FilePayload, Frame
from playwright.async_api import Page as PWPage
from playwright.async_api import TimeoutError as PlaywrightTimeoutError

from jobpilot.dom import READY_EXPRESSION, bundle
from jobpilot.errors import (
    FrameGoneError,
    PageClosedError,
    PageError,
    PageNavigatedError,
    RefNotFoundError,
)
from jobpilot.models.plan import Action, ActionResult
from jobpilot.page import results_from_page
from jobpilot.pagebase import DomPage, FrameKey, FramePart, UploadError, WaitCondition, read_upload

log = logging.getLogger("jobpilot.runner")

_IS_SEPARATE_ROOT = "() => { try { return window.frameElement === null; } catch (e) { return true; } }"
_MISSING = "__jobpilot_missing__"
"""What a guarded call answers in a frame the DOM layer is not in yet."""


def _guarded(call: str) -> str:
    """A call into the DOM layer that answers ``_MISSING`` instead of failing where the
    bundle has not run: one round trip in the usual case (the init script ran), where a
    separate readiness check would cost a second one on every call."""
    return f"(a) => (globalThis.__jobpilot && globalThis.__jobpilot.ready) ? {call} : {_MISSING!r}"


_SNAPSHOT = _guarded("globalThis.__jobpilot.snapshotJSON(a)")
"""The snapshot comes back as one JSON string: Playwright serialises a deep object value by
value, node by node, which took 2-4 times as long as ``JSON.stringify`` + ``json.loads``."""
_APPLY = _guarded("globalThis.__jobpilot.apply(a)")
_NAVIGATING = re.compile(r"context was destroyed|navigat|Cannot find context", re.IGNORECASE)
"""Playwright's words for an evaluation cut short because the frame loaded a new document."""
_FRAME_TEXT = """() => (window === window.top || (window.innerWidth > 1 && window.innerHeight > 1))
  && document.body ? document.body.innerText : ''"""
"""A document's visible text; a frame that is not displayed (display:none, 0x0) has none."""
_ELEMENT = "(ref) => globalThis.__jobpilot.element(ref)"
_REF_KIND = "(ref) => globalThis.__jobpilot.refKind(ref)"
_ACTIONABLE_MS = 3_000
"""How long a click waits for its element to become visible, stable and uncovered."""


def page_error(exc: PlaywrightError) -> PageError:
    """Playwright's error as the page layer's: navigated, closed, frame gone, or other."""
    text = exc.message or str(exc)
    low = text.lower()
    if "has been closed" in low or "target closed" in low or "browser has been closed" in low:
        return PageClosedError(f"the page was closed: {text.splitlines()[0]}")
    if "frame was detached" in low or "frame has been detached" in low:
        return FrameGoneError("the frame of this ref is gone; take a new snapshot")
    if "execution context was destroyed" in low or "navigat" in low:
        return PageNavigatedError(f"the page navigated during the action: {text.splitlines()[0]}")
    return PageError(f"browser error: {text.splitlines()[0]}")


class PlaywrightPage(DomPage):
    """A Playwright page driven through the JobPilot DOM layer.

    :param page: an async Playwright page (its context should have the DOM bundle as an
        init script, as :meth:`jobpilot.runner.ManagedBrowser.new_context` does; frames
        without it get the bundle injected on first use).
    :param close_context: close the page's context in :meth:`close` (the page owns it).
    """

    batched_kinds = frozenset({"fill", "select", "check"})

    def __init__(self, page: PWPage, *, close_context: bool = False) -> None:
        self._page = page
        self._close_context = close_context
        self._xframes: list[Frame] = []
        self.last_snapshot_ms: float | None = None

    # --- properties -------------------------------------------------------------------

    @property
    def url(self) -> str:
        return self._page.url

    @property
    def raw(self) -> PWPage:
        """The Playwright page, for flows that need something the protocol lacks."""
        return self._page

    # --- navigation -------------------------------------------------------------------

    async def _navigate(self, url: str, *, wait_until: str, timeout_ms: int) -> int | None:
        response = await self._page.goto(url, wait_until=wait_until, timeout=timeout_ms)  # type: ignore[arg-type]
        return response.status if response is not None else None

    async def close(self) -> None:
        """Close the page, or its whole context when the page owns it.

        Closing the context is preferred where allowed: with Chromium 156 a bare
        ``page.close()`` right after a form POST navigation was seen to hang, while closing
        the context always returned at once.
        """
        if self._close_context:
            await self._page.context.close()
            return
        await self._page.close()

    # --- frames -----------------------------------------------------------------------

    def _frame(self, key: FrameKey) -> Frame | None:
        if key is None:
            return self._page.main_frame
        if 0 <= key < len(self._xframes) and not self._xframes[key].is_detached():
            return self._xframes[key]
        return None

    def _frame_known(self, frame: FrameKey) -> bool:
        return self._frame(frame) is not None

    def _live(self, key: FrameKey) -> Frame:
        frame = self._frame(key)
        if frame is None:
            raise FrameGoneError("the frame of this ref is gone; take a new snapshot")
        return frame

    async def _ensure(self, frame: Frame) -> None:
        """Inject the DOM layer into ``frame`` unless the init script already did."""
        if not await frame.evaluate(READY_EXPRESSION):
            await frame.evaluate(bundle())

    async def _call(self, frame: Frame, expression: str, arg: Any) -> Any:
        """Evaluate a ``_guarded`` call, injecting the DOM layer first where it is missing."""
        out = await frame.evaluate(expression, arg)
        if isinstance(out, str) and out == _MISSING:
            await frame.evaluate(bundle())
            out = await frame.evaluate(expression, arg)
        return out

    async def _separate_roots(self) -> list[tuple[int, Frame]]:
        """Frames cross-origin to their parent (the top JS cannot enter them), numbered."""
        roots: list[tuple[int, Frame]] = []
        for frame in self._page.frames:
            if frame is self._page.main_frame or frame.is_detached():
                continue
            try:
                separate = await frame.evaluate(_IS_SEPARATE_ROOT)
            except PlaywrightError:
                continue
            if not separate:
                continue
            if frame not in self._xframes:
                self._xframes.append(frame)
            roots.append((self._xframes.index(frame), frame))
        return roots

    # --- snapshot and actions ---------------------------------------------------------

    async def _top_snapshot(self) -> str:
        """The top document's snapshot; a page that is loading a new document (a form post
        answered, a redirect) is snapshotted once the new one is there, never reported as an
        error: the caller asked what the page shows, and it shows the new document."""
        for attempt in range(4):
            try:
                return str(await self._call(self._page.main_frame, _SNAPSHOT, {}))
            except PlaywrightError as exc:
                if attempt == 3 or not _NAVIGATING.search(exc.message):
                    raise page_error(exc) from None
                with contextlib.suppress(PlaywrightError):
                    await self._page.wait_for_load_state("domcontentloaded", timeout=10_000)
        raise AssertionError("unreachable")

    async def _snapshot_parts(self) -> tuple[dict[str, Any], list[FramePart]]:
        top: dict[str, Any] = json.loads(await self._top_snapshot())
        parts = []
        for n, frame in await self._separate_roots():
            try:
                sub: dict[str, Any] = json.loads(await self._call(frame, _SNAPSHOT, {}))
            except PlaywrightError:
                continue  # navigated or detached meanwhile
            parts.append(FramePart(key=n, url=frame.url, name=frame.name or None, data=sub))
        return top, parts

    async def _apply_batch(self, frame: FrameKey, payloads: list[dict[str, Any]]) -> list[dict[str, Any]]:
        target = self._live(frame)
        try:
            raws: list[dict[str, Any]] = await self._call(target, _APPLY, payloads)
        except PlaywrightError as exc:
            raise page_error(exc) from None
        return raws

    async def _apply_one(self, frame: FrameKey, inner: str, action: Action) -> ActionResult:
        target = self._live(frame)
        try:
            await self._ensure(target)
            if action.kind == "click":
                await self._click_in(target, inner)
                return ActionResult(ref=action.ref, ok=True)
            if action.kind == "upload":
                return await self._upload(target, inner, action)
        except RefNotFoundError as exc:
            return ActionResult(ref=action.ref, ok=False, error=exc.message)
        except UploadError as exc:
            return ActionResult(ref=action.ref, ok=False, error=exc.message)
        except PlaywrightError as exc:
            raise page_error(exc) from None
        return ActionResult(ref=action.ref, ok=False, error=f"unknown action kind {action.kind!r}")

    async def _upload(self, frame: Frame, ref: str, action: Action) -> ActionResult:
        file = read_upload(action)
        kind = await frame.evaluate(_REF_KIND, ref)
        if kind is None:
            raise RefNotFoundError(f"unknown or removed ref {action.ref}; take a new snapshot")
        if kind == "file-input":
            handle = (await frame.evaluate_handle(_ELEMENT, ref)).as_element()
            if handle is not None:
                payload_file: FilePayload = {"name": file.name, "mimeType": file.mime, "buffer": file.data}
                await handle.set_input_files([payload_file])
                names: list[str] = await handle.evaluate("(e) => Array.from(e.files).map((f) => f.name)")
                ok = names == [file.name]
                return ActionResult(
                    ref=action.ref, ok=ok, value=names, error=None if ok else f"the input holds {names}"
                )
        payload = self._payload(action, ref)
        payload["payload"] = file.payload()
        raws: list[dict[str, Any]] = await self._call(frame, _APPLY, [payload])
        return results_from_page([action], raws)[0]

    async def _click(self, frame: FrameKey, inner: str) -> None:
        target = self._live(frame)
        try:
            await self._ensure(target)
            await self._click_in(target, inner)
        except PlaywrightError as exc:
            raise page_error(exc) from None

    async def _click_in(self, frame: Frame, ref: str) -> None:
        """Click once, never twice.

        Playwright's click waits for a navigation the click starts; a confirmation page
        that is slow to answer would make it time out *after* the click was dispatched, and
        a fallback click then would submit a form a second time. So actionability is
        checked first with a trial click (nothing is dispatched), the one real click does
        not wait for navigation (the caller waits for the outcome, as long as it chooses),
        and an error after it is never answered with another click."""
        handle = (await frame.evaluate_handle(_ELEMENT, ref)).as_element()
        if handle is None:
            raise RefNotFoundError(f"unknown or removed ref {ref}; take a new snapshot")
        owner = await handle.owner_frame()
        nested = owner is not None and owner != frame
        try:
            if nested:
                # Same-origin child frame: the handle comes from the top frame's registry, so
                # Playwright's hit-target check would look in the wrong document. The box is
                # frame-aware, so a positioned (still trusted) click is right.
                await handle.scroll_into_view_if_needed(timeout=_ACTIONABLE_MS)
            else:
                await handle.click(trial=True, timeout=_ACTIONABLE_MS)
        except PlaywrightError:
            # Covered by an overlay or visually hidden (a styled radio): nothing was clicked
            # yet, and the DOM-level click still reaches the page's handlers.
            await handle.evaluate("(e) => globalThis.__jobpilot.events.mouseClick(e)")
            return
        try:
            await handle.click(timeout=_ACTIONABLE_MS, force=True, no_wait_after=True)
        except PlaywrightError as exc:
            if "not attached" in (exc.message or ""):
                gone = f"ref {ref} left the page before the click; take a new snapshot"
                raise RefNotFoundError(gone) from None
            # Dispatched, then the page moved on (it navigated): done, and never repeated.
            log.info("click on %s: %s (not repeated)", ref, (exc.message or "").splitlines()[0])

    # --- waiting & evidence -----------------------------------------------------------

    async def _wait(self, cond: WaitCondition) -> bool:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + cond.timeout_ms / 1000

        def left() -> int:
            return max(1, int((deadline - loop.time()) * 1000))

        page = self._page
        url_contains, stable_ms = cond.url_contains, cond.stable_ms
        try:
            if url_contains:
                await page.wait_for_url(lambda u: url_contains in u, timeout=left(), wait_until="commit")
            if cond.selector:
                await page.wait_for_selector(cond.selector, state="visible", timeout=left())
            if cond.text:
                await page.get_by_text(cond.text).first.wait_for(state="visible", timeout=left())
            while stable_ms:
                try:
                    await self._ensure(page.main_frame)
                    return bool(
                        await page.main_frame.evaluate(
                            "([q, t]) => globalThis.__jobpilot.waitForStable(q, t)", [stable_ms, left()]
                        )
                    )
                except PlaywrightTimeoutError:
                    raise
                except PlaywrightError as exc:
                    if isinstance(page_error(exc), PageClosedError):
                        raise page_error(exc) from None
                    # A navigation destroyed the context: wait for the new document, retry.
                    if loop.time() >= deadline:
                        return False
                    await page.wait_for_load_state("domcontentloaded", timeout=left())
        except PlaywrightTimeoutError:
            return False
        except PlaywrightError as exc:
            raise page_error(exc) from None
        return True

    async def text(self) -> str:
        """The page's visible text: the top document's, then each displayed frame's (an ATS
        that embeds its application in a frame, as iCIMS does, shows its confirmation
        there); empty while the top document navigates."""
        parts = []
        for frame in self._page.frames:
            try:
                parts.append(str(await frame.evaluate(_FRAME_TEXT)))
            except PlaywrightError:
                if frame == self._page.main_frame:
                    return ""
                # a frame that went away or is loading has nothing to read
        return "\n".join(p for p in parts if p)

    async def screenshot(self, path: str) -> str:
        """Save a full-page PNG and return its path."""
        await self._page.screenshot(path=path, full_page=True)
        return str(path)

"""``PlaywrightPage``: the :class:`jobpilot.page.Page` protocol on a Playwright page.

The DOM layer (``jobpilot/dom/js``) does the work inside the page; this class moves data in
and out and covers what page scripts cannot:

- **Cross-origin frames.** The JS walks the top document and its same-origin iframes itself
  (their refs live in the top frame's registry). A frame cross-origin to its parent is
  snapshotted separately, and its refs are prefixed ``x<N>:`` (``frame`` becomes ``x<N>``);
  ``N`` stays the same for that frame for the life of this object, so plans stay valid.
- **Uploads.** The file is read here, in Python. When the ref is a real
  ``<input type=file>``, Playwright's ``set_input_files`` is used (the browser's own file
  path, the most faithful); drop zones without an input get the bytes as base64 through
  the JS DataTransfer path.
- **Clicks** are real, trusted Playwright clicks where possible.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import logging
import mimetypes
import re
from pathlib import Path
from typing import Any

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import FilePayload, Frame
from playwright.async_api import Page as PWPage
from playwright.async_api import TimeoutError as PlaywrightTimeoutError

from jobpilot.dom import READY_EXPRESSION, bundle
from jobpilot.dom.merge import merge_frame
from jobpilot.errors import JobPilotError
from jobpilot.models.plan import Action, ActionResult
from jobpilot.models.snapshot import FormSnapshot
from jobpilot.page import results_from_page

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
_IN_PAGE = frozenset({"fill", "select", "check"})
"""Action kinds the DOM layer carries out alone; consecutive ones for the same frame go to
the page in one call."""
_ELEMENT = "(ref) => globalThis.__jobpilot.element(ref)"
_ACTIONABLE_MS = 3_000
"""How long a click waits for its element to become visible, stable and uncovered."""
_REF_KIND = "(ref) => globalThis.__jobpilot.refKind(ref)"


class RefNotFoundError(JobPilotError, LookupError):
    """A ref that the page no longer knows (the DOM changed): take a new snapshot."""


class PlaywrightPage:
    """A Playwright page driven through the JobPilot DOM layer.

    :param page: an async Playwright page (its context should have the DOM bundle as an
        init script, as :meth:`jobpilot.runner.ManagedBrowser.new_context` does; frames
        without it get the bundle injected on first use).
    :param close_context: close the page's context in :meth:`close` (the page owns it).
    """

    def __init__(self, page: PWPage, *, close_context: bool = False) -> None:
        self._page = page
        self._close_context = close_context
        self._xframes: list[Frame] = []
        self.last_snapshot_ms: float | None = None
        """Time the in-page snapshot of the top document took, in milliseconds."""

    # --- properties -------------------------------------------------------------------

    @property
    def url(self) -> str:
        return self._page.url

    @property
    def raw(self) -> PWPage:
        """The Playwright page, for flows that need something the protocol lacks."""
        return self._page

    # --- navigation -------------------------------------------------------------------

    async def goto(self, url: str, *, wait_until: str = "load", timeout_ms: int = 30_000) -> None:
        """Navigate and wait for ``wait_until`` (load, domcontentloaded, networkidle, commit)."""
        await self._page.goto(url, wait_until=wait_until, timeout=timeout_ms)  # type: ignore[arg-type]

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

    # --- snapshot ---------------------------------------------------------------------

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

    async def _top_snapshot(self) -> str:
        """The top document's snapshot; a page that is loading a new document (a form post
        answered, a redirect) is snapshotted once the new one is there, never reported as an
        error: the caller asked what the page shows, and it shows the new document."""
        for attempt in range(4):
            try:
                return str(await self._call(self._page.main_frame, _SNAPSHOT, {}))
            except PlaywrightError as exc:
                if attempt == 3 or not _NAVIGATING.search(exc.message):
                    raise
                with contextlib.suppress(PlaywrightError):
                    await self._page.wait_for_load_state("domcontentloaded", timeout=10_000)
        raise AssertionError("unreachable")

    async def snapshot(self) -> FormSnapshot:
        """Snapshot the top document (with same-origin frames and open shadow roots) and
        every cross-origin frame, merged into one :class:`FormSnapshot`."""
        data: dict[str, Any] = json.loads(await self._top_snapshot())
        self.last_snapshot_ms = (data.pop("stats", None) or {}).get("ms")
        for n, frame in await self._separate_roots():
            try:
                sub: dict[str, Any] = json.loads(await self._call(frame, _SNAPSHOT, {}))
            except PlaywrightError:
                continue  # navigated or detached meanwhile
            merge_frame(data, sub, prefix=f"x{n}", url=frame.url, name=frame.name or None)
        return FormSnapshot.model_validate(data)

    # --- actions ----------------------------------------------------------------------

    def _route(self, ref: str | None) -> tuple[Frame | None, str | None]:
        """The frame that owns ``ref`` and the ref as that frame knows it."""
        if ref and ref.startswith("x") and ":" in ref:
            head, _, inner = ref.partition(":")
            try:
                frame = self._xframes[int(head[1:])]
            except (ValueError, IndexError):
                return None, inner
            return (None if frame.is_detached() else frame), inner
        return self._page.main_frame, ref

    async def apply(self, actions: list[Action]) -> list[ActionResult]:
        """Execute actions in order; one result per action, errors reported, never raised.

        Runs of fills, selects and checks for one frame go to the page in a single call (the
        DOM layer executes them in order, as it does for the extension); clicks, uploads and
        waits need this side and go one by one.
        """
        results: list[ActionResult] = []
        batch: list[tuple[Action, str]] = []
        batch_frame: Frame | None = None

        async def flush() -> None:
            nonlocal batch
            if batch and batch_frame is not None:
                results.extend(await self._apply_in_page(batch_frame, batch))
            batch = []

        for action in actions:
            frame, inner = (None, None) if action.kind == "wait" else self._route(action.ref)
            if action.kind in _IN_PAGE and frame is not None and inner is not None:
                if frame is not batch_frame:
                    await flush()
                    batch_frame = frame
                batch.append((action, inner))
                continue
            await flush()
            results.append(await self._apply_one(action))
        await flush()
        return results

    async def _apply_in_page(self, frame: Frame, batch: list[tuple[Action, str]]) -> list[ActionResult]:
        payloads = []
        for action, inner in batch:
            payload = action.model_dump(mode="json")
            payload["ref"] = inner
            payloads.append(payload)
        try:
            raws: list[dict[str, Any]] = await self._call(frame, _APPLY, payloads)
        except PlaywrightError as exc:
            return [
                ActionResult(ref=a.ref, ok=False, error=f"browser error: {exc.message}") for a, _ in batch
            ]
        return results_from_page([a for a, _ in batch], raws)

    async def _apply_one(self, action: Action) -> ActionResult:
        if action.kind == "wait":
            await asyncio.sleep(_as_ms(action.value) / 1000)
            return ActionResult(ref=action.ref, ok=True)
        frame, inner = self._route(action.ref)
        if frame is None or inner is None:
            return ActionResult(
                ref=action.ref, ok=False, error="the frame of this ref is gone; take a new snapshot"
            )
        if action.kind in _IN_PAGE:
            return (await self._apply_in_page(frame, [(action, inner)]))[0]
        try:
            await self._ensure(frame)
            if action.kind == "click":
                await self._click(frame, inner)
                return ActionResult(ref=action.ref, ok=True)
            if action.kind == "upload":
                return await self._upload(frame, inner, action)
        except RefNotFoundError as exc:
            return ActionResult(ref=action.ref, ok=False, error=str(exc))
        except PlaywrightError as exc:
            return ActionResult(ref=action.ref, ok=False, error=f"browser error: {exc.message}")
        return ActionResult(ref=action.ref, ok=False, error=f"unknown action kind {action.kind!r}")

    async def _upload(self, frame: Frame, ref: str, action: Action) -> ActionResult:
        spec = action.file
        if spec is None:
            return ActionResult(ref=action.ref, ok=False, error="upload action without a file")
        path = Path(spec.path).expanduser()
        try:
            data = path.read_bytes()
        except OSError as exc:
            return ActionResult(ref=action.ref, ok=False, error=f"cannot read {path}: {exc.strerror}")
        name = spec.name or path.name
        mime = spec.mime or mimetypes.guess_type(name)[0] or "application/octet-stream"
        kind = await frame.evaluate(_REF_KIND, ref)
        if kind is None:
            raise RefNotFoundError(f"unknown or removed ref {action.ref}; take a new snapshot")
        if kind == "file-input":
            handle = (await frame.evaluate_handle(_ELEMENT, ref)).as_element()
            if handle is not None:
                payload_file: FilePayload = {"name": name, "mimeType": mime, "buffer": data}
                await handle.set_input_files([payload_file])
                names: list[str] = await handle.evaluate("(e) => Array.from(e.files).map((f) => f.name)")
                ok = names == [name]
                return ActionResult(
                    ref=action.ref, ok=ok, value=names, error=None if ok else f"the input holds {names}"
                )
        payload = action.model_dump(mode="json")
        payload["ref"] = ref
        payload["payload"] = {
            "files": [{"name": name, "mime": mime, "data": base64.b64encode(data).decode("ascii")}]
        }
        raws: list[dict[str, Any]] = await self._call(frame, _APPLY, [payload])
        return results_from_page([action], raws)[0]

    async def _click(self, frame: Frame, ref: str) -> None:
        """Click once, never twice.

        Playwright's click waits for a navigation the click starts; a confirmation page
        that is slow to answer would make it time out *after* the click was dispatched, and
        a fallback click then would submit a form a second time. So actionability is
        checked first with a trial click (nothing is dispatched), the one real click does
        not wait for navigation (the caller waits for the outcome, as long as it chooses),
        and an error after it is never answered with another click."""
        if ref.startswith("g"):
            raise RefNotFoundError(f"{ref} is a group; click one of its member refs")
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

    async def click(self, ref: str) -> None:
        """Scroll into view and click with a real, trusted mouse click.

        :raises RefNotFoundError: the ref is unknown (the page changed: snapshot again).
        """
        frame, inner = self._route(ref)
        if frame is None or inner is None:
            raise RefNotFoundError(f"the frame of {ref} is gone; take a new snapshot")
        await self._ensure(frame)
        await self._click(frame, inner)

    # --- waiting & evidence -----------------------------------------------------------

    async def wait_for(
        self,
        *,
        text: str | None = None,
        selector: str | None = None,
        stable_ms: int = 0,
        url_contains: str | None = None,
        timeout_ms: int = 10_000,
    ) -> bool:
        """Wait until every given condition holds, sharing one ``timeout_ms`` budget;
        False on timeout."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout_ms / 1000

        def left() -> int:
            return max(1, int((deadline - loop.time()) * 1000))

        page = self._page
        try:
            if url_contains:
                await page.wait_for_url(lambda u: url_contains in u, timeout=left(), wait_until="commit")
            if selector:
                await page.wait_for_selector(selector, state="visible", timeout=left())
            if text:
                await page.get_by_text(text).first.wait_for(state="visible", timeout=left())
            while stable_ms:
                try:
                    await self._ensure(page.main_frame)
                    return bool(
                        await page.main_frame.evaluate(
                            "([q, t]) => globalThis.__jobpilot.waitForStable(q, t)", [stable_ms, left()]
                        )
                    )
                except PlaywrightError:
                    # A navigation destroyed the context: wait for the new document, retry.
                    if loop.time() >= deadline:
                        return False
                    await page.wait_for_load_state("domcontentloaded", timeout=left())
        except PlaywrightTimeoutError:
            return False
        return True

    async def text(self) -> str:
        """The page's visible text (``innerText`` of the body); empty while navigating."""
        try:
            return str(await self._page.evaluate("() => document.body ? document.body.innerText : ''"))
        except PlaywrightError:
            return ""

    async def screenshot(self, path: str) -> str:
        """Save a full-page PNG and return its path."""
        await self._page.screenshot(path=path, full_page=True)
        return str(path)


def _as_ms(value: str | list[str] | None) -> float:
    try:
        return float(value if isinstance(value, str) else (value or ["0"])[0])
    except (TypeError, ValueError):
        return 0.0

"""``ExtensionPage``: the :class:`jobpilot.page.Page` protocol on the user's own tab.

A thin I/O adapter: refs, frames, uploads, waits and errors are decided once, in
:class:`jobpilot.pagebase.DomPage`. Every call is a request from the host to the extension's
service worker, which hands it to the content script (the shared DOM layer,
``jobpilot/dom/js``) in the right frame of the tab and sends the answer back:

- **Frames.** A frame cross-origin to its parent has its own content script; its refs are
  ``x<N>:`` where ``N`` is the browser's frame id, stable for the life of that frame.
- **Uploads** always go through the DOM layer's DataTransfer path: the file travels
  base64-encoded (chunked by the channel when over 1 MiB).
- **Navigation.** A click that loads a new document, or a wizard that swaps steps in
  place, is waited out by the service worker (it re-injects the content scripts when a
  document has none), so flows work unchanged across steps.
- **Clicks** are DOM-level (the content script dispatches the pointer/mouse sequence once);
  an extension cannot make trusted clicks without the debugger permission.
- **Errors** arrive as protocol codes and leave as the page layer's errors
  (``ref_not_found`` -> ``RefNotFoundError``, ``frame_gone`` -> ``FrameGoneError``,
  ``navigated`` -> ``PageNavigatedError``, ``tab_gone`` -> ``TabGoneError``, a
  ``PageClosedError``).
"""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

from jobpilot.errors import FrameGoneError, PageError, PageNavigatedError, RefNotFoundError
from jobpilot.pagebase import DomPage, FrameKey, FramePart, WaitCondition, parse_ref

from jobpilot_host.channel import Channel
from jobpilot_host.errors import ErrorCode, HostError, TabGoneError

REQUEST_TIMEOUT = 30.0


class ExtensionPage(DomPage):
    """The tab ``tab_id`` of the browser at the other end of ``channel``.

    :param url: the tab's URL when known; kept current from every reply.
    """

    batched_kinds = frozenset({"fill", "select", "check", "click", "upload"})
    """Everything goes to the content script in runs: its clicks are DOM-level anyway, and
    uploads go through DataTransfer."""

    def __init__(self, channel: Channel, tab_id: int, *, url: str = "") -> None:
        self._ch = channel
        self.tab_id = tab_id
        self._url = url
        self.last_snapshot_ms: float | None = None

    @property
    def url(self) -> str:
        return self._url

    async def _call(self, action: str, payload: dict[str, Any], *, timeout: float = REQUEST_TIMEOUT) -> Any:
        try:
            data = await self._ch.request(action, {"tab_id": self.tab_id, **payload}, timeout=timeout)
        except HostError as exc:
            raise _page_error(exc) from None
        if isinstance(data, dict) and isinstance(data.get("url"), str):
            self._url = data["url"]
        return data

    # --- the I/O the page layer needs -----------------------------------------------------

    async def _snapshot_parts(self) -> tuple[dict[str, Any], list[FramePart]]:
        data = await self._call("page.snapshot", {})
        parts = [
            FramePart(key=sub["frame_id"], url=sub["url"], name=sub.get("name"), data=sub["snapshot"])
            for sub in data["frames"]
        ]
        return data["top"], parts

    def _frame_known(self, frame: FrameKey) -> bool:
        return True  # only the browser knows; a gone frame is answered ``frame_gone``

    async def _apply_batch(self, frame: FrameKey, payloads: list[dict[str, Any]]) -> list[dict[str, Any]]:
        timeout = REQUEST_TIMEOUT + 10.0 * len(payloads)  # a combobox may load its options slowly
        try:
            data = await self._call(
                "page.apply", {"frame_id": frame or 0, "actions": payloads}, timeout=timeout
            )
        except HostError as exc:
            if isinstance(exc, PageError):
                raise
            raise PageError(f"{exc.code}: {exc.message}") from None
        results: list[dict[str, Any]] = data["results"]
        return results

    async def _click(self, frame: FrameKey, inner: str) -> None:
        await self._call("page.click", {"frame_id": frame or 0, "ref": inner})

    async def _wait(self, cond: WaitCondition) -> bool:
        payload: dict[str, Any] = {"stable_ms": cond.stable_ms, "timeout_ms": cond.timeout_ms}
        if cond.text:
            payload["text"] = cond.text
        if cond.selector:
            payload["selector"] = cond.selector
        if cond.url_contains:
            payload["url_contains"] = cond.url_contains
        data = await self._call("page.wait_for", payload, timeout=cond.timeout_ms / 1000 + 10)
        return bool(data["ok"])

    async def _navigate(self, url: str, *, wait_until: str, timeout_ms: int) -> int | None:
        raise PageError(
            "the extension does not navigate the person's tab",
            hint="open the page in the browser yourself, then use Auto-fill",
        )

    # --- evidence and marks ---------------------------------------------------------------

    async def text(self) -> str:
        """The visible text of the top document, then of each displayed frame."""
        data = await self._call("page.text", {})
        return str(data["text"])

    async def screenshot(self, path: str) -> str:
        """Save a PNG of the tab's visible area and return its path (the extension can only
        capture what is on screen, so the tab is brought to the front first)."""
        data = await self._call("page.screenshot", {})
        b64 = data["data_url"].split(",", 1)[1]
        Path(path).write_bytes(base64.b64decode(b64))
        return str(path)

    async def highlight(
        self,
        items: list[dict[str, Any]],
        *,
        progress: dict[str, Any] | None = None,
        summary: dict[str, Any] | None = None,
    ) -> int:
        """Mark fields on the page: ``items`` are ``{ref, status, reason, label}`` with status
        ``pending`` | ``filled`` | ``review`` | ``left`` | ``failed`` (see PROTOCOL.md).
        Returns how many were shown.

        :param progress: ``{run_id, total}`` when a fill is about to type the pending
            fields: the page updates each mark as its action lands and the popup shows
            progress; the extension keeps what landed should the host stop.
        :param summary: ``{run_id, counts}`` after a run: the page's summary box shows these
            counts (``ApplicationRun.counts``), not a count of its own.
        """
        by_frame: dict[int, list[dict[str, Any]]] = {0: []}
        for item in items:
            try:
                frame, inner = parse_ref(item.get("ref"))
            except RefNotFoundError:
                continue
            by_frame.setdefault(frame or 0, []).append({**item, "ref": inner})
        shown = 0
        for frame_id, frame_items in by_frame.items():
            extra: dict[str, Any] = {}
            if progress is not None:
                extra["progress"] = progress
            if summary is not None and frame_id == 0:
                extra["summary"] = summary
            if not frame_items and not extra:
                continue
            try:
                data = await self._call(
                    "page.highlight", {"frame_id": frame_id, "items": frame_items, **extra}
                )
                shown += int(data["shown"])
            except TabGoneError:
                raise
            except (HostError, PageError):
                continue  # highlighting is a courtesy: a frame that went away is skipped
        return shown


def _page_error(exc: HostError) -> Exception:
    """A protocol error as the page layer's error (the same class PlaywrightPage raises)."""
    if exc.code == ErrorCode.TAB_GONE:
        return TabGoneError(exc.message)
    if exc.code == ErrorCode.REF_NOT_FOUND:
        return RefNotFoundError(exc.message)
    if exc.code == ErrorCode.FRAME_GONE:
        return FrameGoneError(exc.message)
    if exc.code == ErrorCode.NAVIGATED:
        return PageNavigatedError(exc.message)
    return exc

"""``ExtensionPage``: the :class:`jobpilot.page.Page` protocol on the user's own tab.

Every call is a request from the host to the extension's service worker, which hands it to
the content script (the shared DOM layer, ``jobpilot/dom/js``) in the right frame of the tab
and sends the answer back. It behaves like ``PlaywrightPage``:

- **Frames.** The top frame's DOM layer walks the document, open shadow roots and
  same-origin iframes itself. A frame cross-origin to its parent has its own content
  script; its refs are prefixed ``x<N>:`` (``frame`` becomes ``x<N>``) where ``N`` is the
  browser's frame id, stable for the life of that frame.
- **Uploads** always go through the DOM layer's DataTransfer path: the file is read here
  and travels base64-encoded (chunked by the channel when over 1 MiB).
- **Navigation.** A click that loads a new document, or a wizard that swaps steps in
  place, is waited out by the service worker (it re-injects the content scripts when a
  document has none), so flows work unchanged across steps.
- **Clicks** are DOM-level (the content script dispatches the pointer/mouse sequence); an
  extension cannot make trusted clicks without the debugger permission.
"""

from __future__ import annotations

import asyncio
import base64
import mimetypes
from pathlib import Path
from typing import Any

from jobpilot.dom.merge import merge_frame
from jobpilot.models.plan import Action, ActionResult
from jobpilot.models.snapshot import FormSnapshot
from jobpilot.page import results_from_page

from jobpilot_host.channel import Channel
from jobpilot_host.errors import ErrorCode, HostError, RefNotFoundError, TabGoneError

REQUEST_TIMEOUT = 30.0


class ExtensionPage:
    """The tab ``tab_id`` of the browser at the other end of ``channel``.

    :param url: the tab's URL when known; kept current from every reply.
    """

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
            if exc.code == ErrorCode.TAB_GONE:
                raise TabGoneError(exc.message) from None
            raise
        if isinstance(data, dict) and isinstance(data.get("url"), str):
            self._url = data["url"]
        return data

    # --- snapshot -------------------------------------------------------------------------

    async def snapshot(self) -> FormSnapshot:
        """The top document (with same-origin frames and open shadow roots) and every
        cross-origin frame, merged into one :class:`FormSnapshot`."""
        data = await self._call("page.snapshot", {})
        top: dict[str, Any] = data["top"]
        self.last_snapshot_ms = (top.pop("stats", None) or {}).get("ms")
        for sub in data["frames"]:
            snap = sub["snapshot"]
            snap.pop("stats", None)
            merge_frame(top, snap, prefix=f"x{sub['frame_id']}", url=sub["url"], name=sub.get("name"))
        return FormSnapshot.model_validate(top)

    # --- actions --------------------------------------------------------------------------

    async def apply(self, actions: list[Action]) -> list[ActionResult]:
        """Execute actions in order; one result per action, errors reported, not raised
        (a closed tab raises :class:`TabGoneError`: nothing more can be done)."""
        results: list[ActionResult] = []
        batch: list[tuple[Action, dict[str, Any]]] = []
        batch_frame: int | None = None

        async def flush() -> None:
            nonlocal batch
            if batch:
                results.extend(await self._apply_batch(batch_frame or 0, batch))
                batch = []

        for action in actions:
            if action.kind == "wait":
                await flush()
                await asyncio.sleep(_as_ms(action.value) / 1000)
                results.append(ActionResult(ref=action.ref, ok=True))
                continue
            frame_id, inner = split_ref(action.ref)
            if inner is None:
                await flush()
                results.append(
                    ActionResult(ref=action.ref, ok=False, error=f"action {action.kind} needs a ref")
                )
                continue
            payload = action.model_dump(mode="json", exclude={"file"})
            payload["ref"] = inner
            if action.kind == "upload":
                try:
                    payload["payload"] = {"files": [_read_file(action)]}
                except OSError as exc:
                    await flush()
                    results.append(ActionResult(ref=action.ref, ok=False, error=str(exc)))
                    continue
            if frame_id != batch_frame:
                await flush()
                batch_frame = frame_id
            batch.append((action, payload))
        await flush()
        return results

    async def _apply_batch(
        self, frame_id: int, batch: list[tuple[Action, dict[str, Any]]]
    ) -> list[ActionResult]:
        timeout = REQUEST_TIMEOUT + 10.0 * len(batch)  # a combobox may load its options slowly
        try:
            data = await self._call(
                "page.apply", {"frame_id": frame_id, "actions": [p for _, p in batch]}, timeout=timeout
            )
        except TabGoneError:
            raise
        except HostError as exc:
            return [ActionResult(ref=a.ref, ok=False, error=f"{exc.code}: {exc.message}") for a, _ in batch]
        return results_from_page([a for a, _ in batch], data["results"])

    async def click(self, ref: str) -> None:
        """Scroll into view and click (DOM-level pointer and mouse events).

        :raises RefNotFoundError: the ref is unknown (the page changed: snapshot again).
        """
        frame_id, inner = split_ref(ref)
        if inner is None:
            raise RefNotFoundError(f"no element for ref {ref!r}")
        await self._call("page.click", {"frame_id": frame_id, "ref": inner})

    # --- waiting & evidence ---------------------------------------------------------------

    async def wait_for(
        self,
        *,
        text: str | None = None,
        selector: str | None = None,
        stable_ms: int = 0,
        url_contains: str | None = None,
        timeout_ms: int = 10_000,
    ) -> bool:
        """Wait until every given condition holds, sharing one ``timeout_ms`` budget, across
        navigations of the tab; False on timeout."""
        cond: dict[str, Any] = {"stable_ms": stable_ms, "timeout_ms": timeout_ms}
        if text:
            cond["text"] = text
        if selector:
            cond["selector"] = selector
        if url_contains:
            cond["url_contains"] = url_contains
        data = await self._call("page.wait_for", cond, timeout=timeout_ms / 1000 + 10)
        return bool(data["ok"])

    async def text(self) -> str:
        """The visible text of the top document (``innerText`` of the body)."""
        data = await self._call("page.text", {})
        return str(data["text"])

    async def screenshot(self, path: str) -> str:
        """Save a PNG of the tab's visible area and return its path (the extension can only
        capture what is on screen, so the tab is brought to the front first)."""
        data = await self._call("page.screenshot", {})
        b64 = data["data_url"].split(",", 1)[1]
        Path(path).write_bytes(base64.b64decode(b64))
        return str(path)

    async def highlight(self, items: list[dict[str, Any]]) -> int:
        """Mark fields on the page: ``items`` are ``{ref, status, reason}`` with status
        ``filled`` | ``review`` | ``left`` | ``failed``. Returns how many were shown."""
        by_frame: dict[int, list[dict[str, Any]]] = {}
        for item in items:
            frame_id, inner = split_ref(item.get("ref"))
            if inner is not None:
                by_frame.setdefault(frame_id, []).append({**item, "ref": inner})
        shown = 0
        for frame_id, frame_items in by_frame.items():
            try:
                data = await self._call("page.highlight", {"frame_id": frame_id, "items": frame_items})
                shown += int(data["shown"])
            except TabGoneError:
                raise
            except HostError:
                continue  # highlighting is a courtesy: a frame that went away is skipped
        return shown


def split_ref(ref: str | None) -> tuple[int, str | None]:
    """``"x12:e5"`` -> (12, "e5"); a top-document ref -> (0, ref)."""
    if not ref:
        return 0, None
    if ref.startswith("x") and ":" in ref:
        head, _, inner = ref.partition(":")
        try:
            return int(head[1:]), inner
        except ValueError:
            return 0, None
    return 0, ref


def _as_ms(value: str | list[str] | None) -> float:
    try:
        return float(value if isinstance(value, str) else (value or ["0"])[0])
    except (TypeError, ValueError):
        return 0.0


def _read_file(action: Action) -> dict[str, str]:
    spec = action.file
    if spec is None:
        raise OSError("upload action without a file")
    path = Path(spec.path).expanduser()
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise OSError(f"cannot read {path}: {exc.strerror}") from None
    name = spec.name or path.name
    mime = spec.mime or mimetypes.guess_type(name)[0] or "application/octet-stream"
    return {"name": name, "mime": mime, "data": base64.b64encode(data).decode("ascii")}

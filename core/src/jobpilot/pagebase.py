"""The transport-neutral half of every ``Page``: refs, frames, uploads, waits, navigation.

Both transports subclass :class:`DomPage` and only move data: ``PlaywrightPage`` talks to
Chromium through Playwright, the host's ``ExtensionPage`` sends each call to the user's tab
through the extension. What a page *means* is decided here, once, so both fail the same way
on the same input:

- **Refs.** ``e12`` is an element of the top document (same-origin frames and open shadow
  roots included: the DOM layer walks into them itself); ``x3:e12`` is element ``e12`` of
  cross-origin frame 3, numbered by the transport and stable for that frame's life. A ref
  that does not parse, or whose element is gone, is :class:`~jobpilot.errors.RefNotFoundError`;
  one whose frame is gone is :class:`~jobpilot.errors.FrameGoneError` (a subclass).
- **Frames.** Each cross-origin frame is snapshotted on its own and folded into the top
  snapshot by ``jobpilot.dom.merge.merge_frame``, refs and frame paths prefixed.
- **Uploads.** The file is read here (:func:`read_upload`) and goes to the page either as a
  real file input's files (Playwright) or as bytes for the DOM layer's DataTransfer path.
- **Actions.** :meth:`DomPage.apply` never raises for one action: each gets a result, an
  unknown ref or a vanished frame included. Runs of actions for one frame go to the page in
  one call. A page that navigates in the middle of a batch answers every action of it with
  "the page navigated"; only a closed page (:class:`~jobpilot.errors.PageClosedError`) raises.
- **Waits** share one budget across their conditions; ``wait`` actions sleep here.
- **Navigation.** :meth:`DomPage.goto` raises :class:`~jobpilot.errors.PageLoadError` for an
  unreachable page and for an HTTP error status.
"""

from __future__ import annotations

import asyncio
import base64
import mimetypes
import re
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jobpilot.dom.merge import merge_frame
from jobpilot.errors import FrameGoneError, PageError, PageLoadError, PageNavigatedError, RefNotFoundError
from jobpilot.models.plan import Action, ActionResult
from jobpilot.models.snapshot import FormSnapshot
from jobpilot.page import results_from_page

FrameKey = int | None
"""A cross-origin frame's number in this page (the transport's numbering), None for the top
document."""

_REF = re.compile(r"^(?:x(\d{1,9}):)?([A-Za-z][A-Za-z0-9_-]{0,63})$")
FRAME_GONE = "the frame of this ref is gone; take a new snapshot"
NAVIGATED = "the page navigated during the action; take a new snapshot"


def parse_ref(ref: str | None) -> tuple[FrameKey, str]:
    """``"x3:e12"`` -> (3, "e12"); ``"e12"`` -> (None, "e12").

    :raises RefNotFoundError: not a ref at all (empty, or not of that shape)."""
    m = _REF.match(ref or "")
    if m is None:
        raise RefNotFoundError(f"{ref!r} is not a ref from a snapshot; take a new snapshot")
    return (int(m.group(1)) if m.group(1) is not None else None), m.group(2)


def frame_prefix(key: int) -> str:
    return f"x{key}"


@dataclass
class FramePart:
    """The snapshot of one cross-origin frame, before it is folded into the top one."""

    key: int
    url: str
    name: str | None
    data: dict[str, Any]


@dataclass
class UploadFile:
    """A file read for an upload action."""

    name: str
    mime: str
    data: bytes

    def payload(self) -> dict[str, Any]:
        """What the DOM layer's DataTransfer path takes (``action.payload``)."""
        b64 = base64.b64encode(self.data).decode("ascii")
        return {"files": [{"name": self.name, "mime": self.mime, "data": b64}]}


class UploadError(PageError):
    """An upload action whose file cannot be read."""


def read_upload(action: Action) -> UploadFile:
    """The file an upload action names, read from disk.

    :raises UploadError: no file in the action, or it cannot be read (the message names it)."""
    spec = action.file
    if spec is None:
        raise UploadError("upload action without a file")
    path = Path(spec.path).expanduser()
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UploadError(f"cannot read {path}: {exc.strerror or exc}") from None
    name = spec.name or path.name
    mime = spec.mime or mimetypes.guess_type(name)[0] or "application/octet-stream"
    return UploadFile(name=name, mime=mime, data=data)


def wait_ms(value: str | list[str] | None) -> float:
    """The milliseconds of a ``wait`` action (0 when it names none)."""
    try:
        ms = float(value if isinstance(value, str) else (value or ["0"])[0])
    except (TypeError, ValueError):
        return 0.0
    return ms if ms > 0 and ms == ms else 0.0  # NaN and negatives wait nothing


@dataclass(frozen=True)
class WaitCondition:
    """What :meth:`DomPage.wait_for` waits for, checked and with one budget."""

    timeout_ms: int
    text: str | None = None
    selector: str | None = None
    stable_ms: int = 0
    url_contains: str | None = None


class DomPage(ABC):
    """A :class:`jobpilot.page.Page` on the shared DOM layer; subclasses provide the I/O."""

    batched_kinds: frozenset[str] = frozenset({"fill", "select", "check"})
    """Action kinds the transport sends to the page in runs (the DOM layer executes them in
    order); the others go one by one through :meth:`_apply_one`."""

    last_snapshot_ms: float | None = None
    """Time the in-page snapshot of the top document took, in milliseconds."""

    # --- I/O each transport provides ----------------------------------------------------

    @property
    @abstractmethod
    def url(self) -> str: ...

    @abstractmethod
    async def _snapshot_parts(self) -> tuple[dict[str, Any], list[FramePart]]:
        """The raw snapshot of the top document and of every cross-origin frame."""

    @abstractmethod
    def _frame_known(self, frame: FrameKey) -> bool:
        """False when the frame is known to be gone (a transport that cannot tell says True
        and raises :class:`FrameGoneError` from the call instead)."""

    @abstractmethod
    async def _apply_batch(self, frame: FrameKey, payloads: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Run action payloads (refs local to the frame) through the DOM layer; its raw
        results. Raises :class:`PageNavigatedError`, :class:`FrameGoneError`,
        :class:`PageClosedError` or another :class:`PageError`."""

    async def _apply_one(self, frame: FrameKey, inner: str, action: Action) -> ActionResult:
        """An action outside :attr:`batched_kinds` (a trusted click, a real file input)."""
        payload = self._payload(action, inner)
        raws = await self._apply_batch(frame, [payload])
        return results_from_page([action], raws)[0]

    @abstractmethod
    async def _click(self, frame: FrameKey, inner: str) -> None:
        """Click once (never again on an error after the click was dispatched)."""

    @abstractmethod
    async def _wait(self, cond: WaitCondition) -> bool: ...

    @abstractmethod
    async def _navigate(self, url: str, *, wait_until: str, timeout_ms: int) -> int | None:
        """Load ``url``; the HTTP status when the transport knows it. Any exception means
        the page could not be loaded."""

    # --- the shared half ----------------------------------------------------------------

    async def snapshot(self) -> FormSnapshot:
        """The top document (with same-origin frames and open shadow roots) and every
        cross-origin frame, merged into one :class:`FormSnapshot`."""
        top, parts = await self._snapshot_parts()
        self.last_snapshot_ms = (top.pop("stats", None) or {}).get("ms")
        for part in parts:
            part.data.pop("stats", None)
            merge_frame(top, part.data, prefix=frame_prefix(part.key), url=part.url, name=part.name)
        return FormSnapshot.model_validate(top)

    @staticmethod
    def _payload(action: Action, inner: str) -> dict[str, Any]:
        payload = action.model_dump(mode="json", exclude={"file"})
        payload["ref"] = inner
        return payload

    async def apply(self, actions: list[Action]) -> list[ActionResult]:
        """Execute actions in order; one result per action, errors reported, never raised
        (a closed page raises :class:`~jobpilot.errors.PageClosedError`: nothing more can be
        done)."""
        results: list[ActionResult] = []
        batch: list[tuple[Action, dict[str, Any]]] = []
        batch_frame: FrameKey = None

        async def flush() -> None:
            nonlocal batch
            if batch:
                results.extend(await self._run_batch(batch_frame, batch))
                batch = []

        for action in actions:
            if action.kind == "wait":
                await flush()
                await asyncio.sleep(wait_ms(action.value) / 1000)
                results.append(ActionResult(ref=action.ref, ok=True))
                continue
            try:
                frame, inner = parse_ref(action.ref)
            except RefNotFoundError as exc:
                await flush()
                results.append(ActionResult(ref=action.ref, ok=False, error=exc.message))
                continue
            if not self._frame_known(frame):
                await flush()
                results.append(ActionResult(ref=action.ref, ok=False, error=FRAME_GONE))
                continue
            if action.kind not in self.batched_kinds:
                await flush()
                results.append(await self._one(frame, inner, action))
                continue
            payload = self._payload(action, inner)
            if action.kind == "upload":
                try:
                    payload["payload"] = read_upload(action).payload()
                except UploadError as exc:
                    await flush()
                    results.append(ActionResult(ref=action.ref, ok=False, error=exc.message))
                    continue
            if batch and frame != batch_frame:
                await flush()
            batch_frame = frame
            batch.append((action, payload))
        await flush()
        return results

    async def _run_batch(
        self, frame: FrameKey, batch: Sequence[tuple[Action, dict[str, Any]]]
    ) -> list[ActionResult]:
        actions = [a for a, _ in batch]
        try:
            raws = await self._apply_batch(frame, [p for _, p in batch])
        except PageError as exc:
            if _closed(exc):
                raise
            return [ActionResult(ref=a.ref, ok=False, error=_reason(exc)) for a in actions]
        return results_from_page(actions, raws)

    async def _one(self, frame: FrameKey, inner: str, action: Action) -> ActionResult:
        try:
            return await self._apply_one(frame, inner, action)
        except PageError as exc:
            if _closed(exc):
                raise
            return ActionResult(ref=action.ref, ok=False, error=_reason(exc))

    async def click(self, ref: str) -> None:
        """Click a field or button by ref, once (trusted where the transport can).

        :raises RefNotFoundError: the ref is unknown or its element gone (snapshot again);
            :class:`FrameGoneError` when its frame is gone."""
        frame, inner = parse_ref(ref)
        if inner.startswith("g"):
            raise RefNotFoundError(f"{ref} is a group; click one of its member refs")
        if not self._frame_known(frame):
            raise FrameGoneError(f"the frame of {ref} is gone; take a new snapshot")
        await self._click(frame, inner)

    async def wait_for(
        self,
        *,
        text: str | None = None,
        selector: str | None = None,
        stable_ms: int = 0,
        url_contains: str | None = None,
        timeout_ms: int = 10_000,
    ) -> bool:
        """Wait until every given condition holds (text visible, selector visible, DOM quiet
        for ``stable_ms``, URL containing a substring), sharing one ``timeout_ms`` budget,
        across navigations; False on timeout."""
        cond = WaitCondition(
            timeout_ms=max(0, int(timeout_ms)),
            text=text or None,
            selector=selector or None,
            stable_ms=max(0, int(stable_ms)),
            url_contains=url_contains or None,
        )
        return await self._wait(cond)

    async def goto(self, url: str, *, wait_until: str = "load", timeout_ms: int = 30_000) -> None:
        """Load ``url`` and wait for ``wait_until`` (load, domcontentloaded, networkidle,
        commit).

        :raises PageLoadError: the page is unreachable (DNS, refused, timeout) or answered
            with an HTTP error status."""
        try:
            status = await self._navigate(url, wait_until=wait_until, timeout_ms=timeout_ms)
        except PageLoadError:
            raise
        except PageError as exc:  # the transport's own refusal, already worded
            raise PageLoadError(f"could not load {url}: {exc.message}", hint=exc.hint) from exc
        except Exception as exc:
            first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
            raise PageLoadError(
                f"could not load {url}: {first}", hint="check the address and your network connection"
            ) from exc
        if status is not None and status >= 400:
            raise PageLoadError(
                f"{url} answered HTTP {status}", hint="the posting may be closed, or the link mistyped"
            )


def _closed(exc: PageError) -> bool:
    from jobpilot.errors import PageClosedError

    return isinstance(exc, PageClosedError)


def _reason(exc: PageError) -> str:
    if isinstance(exc, PageNavigatedError):
        return NAVIGATED
    if isinstance(exc, FrameGoneError):
        return FRAME_GONE
    return exc.message


__all__ = [
    "FRAME_GONE",
    "NAVIGATED",
    "DomPage",
    "FrameKey",
    "FramePart",
    "UploadError",
    "UploadFile",
    "WaitCondition",
    "parse_ref",
    "read_upload",
    "wait_ms",
]

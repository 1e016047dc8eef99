"""The port: one stdio connection to the browser, requests in both directions.

A reader thread turns frames from stdin into events on the asyncio loop; everything else
runs on the loop. The extension's requests are dispatched to handlers (each in its own
task, so the host keeps reading while an autofill runs); the host's own requests
(``page.*``) wait for the reply with the same id. Bad input of any kind gets an error reply
and the channel keeps serving; EOF on stdin ends :meth:`Channel.serve` cleanly.
"""

from __future__ import annotations

import asyncio
import base64
import itertools
import logging
import threading
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, BinaryIO

from jobpilot.errors import (
    DetectionError,
    FrameGoneError,
    JobPilotError,
    PageClosedError,
    PageError,
    PageNavigatedError,
    RefNotFoundError,
    UsageError,
)

from jobpilot_host import framing
from jobpilot_host.errors import ErrorCode, HostError
from jobpilot_host.schemas import (
    envelope_validator,
    first_error,
    payload_validators,
    reply_validators,
)

log = logging.getLogger("jobpilot_host")

Handler = Callable[[dict[str, Any]], Awaitable[Any]]

CHUNK_DATA = 768 * 1024
"""Base64 characters per chunk frame: a chunk frame stays well under 1 MiB."""


@dataclass
class _Frame:
    body: bytes | None = None
    error: framing.FramingError | None = None
    eof: bool = False


def error_reply(msg_id: Any, code: ErrorCode | str, message: str) -> dict[str, Any]:
    return {"id": msg_id, "status": "error", "code": str(code), "message": message}


def _valid_id(value: Any) -> bool:
    """An id worth echoing: a string of at most 64 characters or an integer (as the envelope
    schema says); anything else is answered with id null."""
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or (isinstance(value, str) and len(value) <= 64)


def page_error_code(exc: PageError) -> ErrorCode:
    """The protocol code of a page-layer error (the reverse of ``ExtensionPage``'s mapping)."""
    if isinstance(exc, PageClosedError):
        return ErrorCode.TAB_GONE
    if isinstance(exc, FrameGoneError):
        return ErrorCode.FRAME_GONE
    if isinstance(exc, RefNotFoundError):
        return ErrorCode.REF_NOT_FOUND
    if isinstance(exc, PageNavigatedError):
        return ErrorCode.NAVIGATED
    return ErrorCode.PAGE_ERROR


def chunk_frames(message: dict[str, Any], chunk_id: str, *, piece: int = CHUNK_DATA) -> list[dict[str, Any]]:
    """Split a message into chunk frames: base64 of its strict UTF-8 JSON, ``piece`` chars each."""
    text = base64.b64encode(framing.dumps(message)).decode("ascii")
    parts = [text[i : i + piece] for i in range(0, len(text), piece)] or [""]
    return [
        {"chunk": {"id": chunk_id, "seq": n, "total": len(parts), "data": part}}
        for n, part in enumerate(parts)
    ]


class Channel:
    """One native-messaging connection.

    :param reader: binary stream the browser writes to (stdin).
    :param writer: binary stream the browser reads (stdout).
    :param handlers: action name -> async handler taking the validated payload.
    :param max_out: largest frame the browser accepts; larger messages are chunked.
    """

    def __init__(
        self,
        reader: BinaryIO,
        writer: BinaryIO,
        handlers: dict[str, Handler] | None = None,
        *,
        max_out: int = framing.MAX_OUTGOING,
    ) -> None:
        self._reader = reader
        self._writer = writer
        self.handlers: dict[str, Handler] = dict(handlers or {})
        self._max_out = max_out
        self._ids = itertools.count(1)
        self._chunk_ids = itertools.count(1)
        self._pending: dict[str, tuple[str, asyncio.Future[Any]]] = {}
        self._tasks: set[asyncio.Task[None]] = set()
        self._write_lock = threading.Lock()
        self.closed = False
        self.stats = {"in": 0, "out": 0, "errors": 0, "chunked": 0}

    # --- sending ------------------------------------------------------------------------

    def send(self, message: dict[str, Any]) -> None:
        """Write one message as strict JSON, chunked when its encoded frame would be over
        the browser's limit. A message that cannot be written as JSON (NaN in a handler's
        data, nesting too deep to encode) is replaced by an ``internal_error`` reply to the
        same request: the browser always gets an answer, and never a frame it cannot parse."""
        try:
            data = framing.encode(message)
        except (ValueError, RecursionError) as exc:
            log.error("a message could not be encoded as strict JSON: %s", exc)
            message = error_reply(
                message.get("id") if message.get("status") else None,
                ErrorCode.INTERNAL,
                f"the reply could not be written as strict JSON ({type(exc).__name__}: {exc})",
            )
            data = framing.encode(message)
        frames = [data]
        if len(data) > self._max_out:
            self.stats["chunked"] += 1
            cid = f"c{next(self._chunk_ids)}"
            frames = [framing.encode(c) for c in chunk_frames(message, cid)]
        with self._write_lock:
            if self.closed:
                return
            try:
                for f in frames:
                    self._writer.write(f)
                self._writer.flush()
            except (BrokenPipeError, ValueError, OSError):
                self.closed = True
                return
        self.stats["out"] += len(frames)

    async def request(self, action: str, payload: dict[str, Any], *, timeout: float = 30.0) -> Any:
        """Send a host-initiated request and return the reply's ``data``.

        :raises HostError: an error reply (its code), a reply whose data breaks the schema
            (``invalid_reply``), no reply in time (``timeout``), or the port closing
            (``disconnected``).
        """
        if self.closed:
            raise HostError(ErrorCode.DISCONNECTED, "the browser closed the connection")
        msg_id = f"h{next(self._ids)}"
        fut: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._pending[msg_id] = (action, fut)
        try:
            self.send({"id": msg_id, "action": action, "payload": payload})
            return await asyncio.wait_for(fut, timeout)
        except TimeoutError:
            raise HostError(ErrorCode.TIMEOUT, f"no reply to {action} within {timeout:.0f} s") from None
        finally:
            self._pending.pop(msg_id, None)

    # --- serving ------------------------------------------------------------------------

    async def serve(self) -> None:
        """Read and dispatch until EOF; then fail pending requests and cancel handlers."""
        loop = asyncio.get_running_loop()
        queue: asyncio.Queue[_Frame] = asyncio.Queue()
        thread = threading.Thread(target=self._read_loop, args=(loop, queue), name="jobpilot-host-reader")
        thread.daemon = True
        thread.start()
        try:
            while True:
                frame = await queue.get()
                if frame.eof:
                    break
                if frame.error is not None:
                    self._on_framing_error(frame.error)
                    continue
                assert frame.body is not None
                self.stats["in"] += 1
                self._on_frame(frame.body)
        finally:
            self.closed = True
            for _action, fut in list(self._pending.values()):
                if not fut.done():
                    fut.set_exception(HostError(ErrorCode.DISCONNECTED, "the browser closed the connection"))
            for task in list(self._tasks):
                task.cancel()
            if self._tasks:
                await asyncio.gather(*self._tasks, return_exceptions=True)

    def _read_loop(self, loop: asyncio.AbstractEventLoop, queue: asyncio.Queue[_Frame]) -> None:
        def put(item: _Frame) -> None:
            loop.call_soon_threadsafe(queue.put_nowait, item)

        while True:
            try:
                body = framing.read_frame(self._reader)
            except framing.OversizeFrame as exc:
                put(_Frame(error=exc))  # refused at once, before any of the body is read
                if exc.skippable and framing.skip(self._reader, exc.length):
                    continue
                # No browser sends that much (or the stream ended inside it): nothing after
                # this header can be trusted to start a frame, so the port closes cleanly.
                log.warning("%s; closing the port", exc)
                put(_Frame(eof=True))
                return
            except framing.FramingError as exc:  # truncated: the peer is gone
                log.warning("%s; closing", exc)
                put(_Frame(eof=True))
                return
            except (OSError, ValueError) as exc:
                log.warning("stdin failed: %s", exc)
                put(_Frame(eof=True))
                return
            if body is None:
                put(_Frame(eof=True))
                return
            put(_Frame(body=body))

    def _on_framing_error(self, exc: framing.FramingError) -> None:
        self.stats["errors"] += 1
        if isinstance(exc, framing.OversizeFrame):
            self.send(error_reply(None, ErrorCode.FRAME_TOO_LARGE, str(exc)))

    def _on_frame(self, body: bytes) -> None:
        """Handle one frame; nothing it contains can escape: a frame the handling fails on
        gets an ``internal_error`` reply and the port keeps serving."""
        try:
            self._handle_frame(body)
        except Exception as exc:
            self.stats["errors"] += 1
            log.exception("a frame could not be handled")
            self.send(
                error_reply(None, ErrorCode.INTERNAL, f"the frame could not be handled: {type(exc).__name__}")
            )

    def _handle_frame(self, body: bytes) -> None:
        try:
            msg = framing.loads(body)
        except ValueError as exc:
            self.stats["errors"] += 1
            self.send(error_reply(None, ErrorCode.BAD_JSON, f"the frame is not strict UTF-8 JSON: {exc}"))
            return
        problem = first_error(envelope_validator, msg)
        msg_id = msg.get("id") if isinstance(msg, dict) else None
        if not _valid_id(msg_id):
            msg_id = None
        if problem is not None:
            self.stats["errors"] += 1
            if isinstance(msg, dict) and "status" in msg and msg_id in self._pending:
                # A malformed reply to one of our requests: fail that request.
                self._resolve(str(msg_id), None, HostError(ErrorCode.INVALID_REPLY, problem))
                return
            self.send(error_reply(msg_id, ErrorCode.INVALID_MESSAGE, f"invalid message: {problem}"))
            return
        if "status" in msg:
            self._on_response(msg)
        else:
            self._on_request(msg)

    def _on_response(self, msg: dict[str, Any]) -> None:
        msg_id = str(msg["id"])
        entry = self._pending.get(msg_id)
        if entry is None:
            log.warning("reply to unknown request %s dropped", msg_id)
            return
        action, _fut = entry
        if msg["status"] == "error":
            code, message = msg["code"], msg["message"]
            known = code in {c.value for c in ErrorCode}
            exc = HostError(
                ErrorCode(code) if known else ErrorCode.PAGE_ERROR, message if known else f"{code}: {message}"
            )
            self._resolve(msg_id, None, exc)
            return
        data = msg.get("data")
        validator = reply_validators.get(action)
        problem = first_error(validator, data) if validator is not None else None
        if problem is not None:
            self._resolve(msg_id, None, HostError(ErrorCode.INVALID_REPLY, f"{action} reply: {problem}"))
            return
        self._resolve(msg_id, data, None)

    def _resolve(self, msg_id: str, data: Any, exc: Exception | None) -> None:
        entry = self._pending.get(msg_id)
        if entry is None or entry[1].done():
            return
        if exc is not None:
            entry[1].set_exception(exc)
        else:
            entry[1].set_result(data)

    def _on_request(self, msg: dict[str, Any]) -> None:
        msg_id, action = msg["id"], msg["action"]
        payload = msg.get("payload") or {}
        handler = self.handlers.get(action)
        if handler is None:
            self.stats["errors"] += 1
            known = ", ".join(sorted(self.handlers))
            self.send(
                error_reply(msg_id, ErrorCode.UNKNOWN_ACTION, f"unknown action {action!r} (known: {known})")
            )
            return
        validator = payload_validators.get(action)
        problem = first_error(validator, payload) if validator is not None else None
        if problem is not None:
            self.stats["errors"] += 1
            self.send(
                error_reply(msg_id, ErrorCode.INVALID_PAYLOAD, f"invalid payload for {action}: {problem}")
            )
            return
        task = asyncio.get_running_loop().create_task(self._run(msg_id, action, handler, payload))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _run(self, msg_id: Any, action: str, handler: Handler, payload: dict[str, Any]) -> None:
        try:
            data = await handler(payload)
        except HostError as exc:
            self.send(error_reply(msg_id, exc.code, str(exc)))
        except PageError as exc:
            self.send(error_reply(msg_id, page_error_code(exc), str(exc)))
        except DetectionError as exc:
            self.send(error_reply(msg_id, ErrorCode.NO_FORM, str(exc)))
        except UsageError as exc:
            self.send(error_reply(msg_id, ErrorCode.USAGE, str(exc)))
        except JobPilotError as exc:
            self.send(error_reply(msg_id, ErrorCode.INTERNAL, str(exc)))
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            log.exception("%s failed", action)
            self.send(
                error_reply(msg_id, ErrorCode.INTERNAL, f"{action} failed: {type(exc).__name__}: {exc}")
            )
        else:
            self.send({"id": msg_id, "status": "ok", "data": data})

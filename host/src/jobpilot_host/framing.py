"""Native-messaging framing: a 4-byte native-endian length, then that many bytes of UTF-8 JSON.

Lengths are always measured on the encoded bytes, never on the string. Reading is done on a
binary stream (``sys.stdin.buffer``); a short read (a pipe delivering a frame in pieces) is
completed by reading again, and EOF is reported as ``None`` at a frame boundary or as
:class:`TruncatedFrame` inside one.
"""

from __future__ import annotations

import json
import struct
from typing import Any, BinaryIO

HEADER = struct.Struct("=I")
"""Native byte order, standard size: 4 bytes, unsigned."""

MAX_INCOMING = 64 * 1024 * 1024
"""The browser never sends more than 64 MiB to a host; a larger length is a broken peer."""

MAX_OUTGOING = 1024 * 1024
"""Chromium drops the port when a host sends one byte more than 1 MiB in one message."""


class FramingError(Exception):
    """The byte stream does not follow the framing."""


class TruncatedFrame(FramingError):
    """EOF inside a frame (the peer went away mid-message)."""


SKIP_MAX = 128 * 1024 * 1024
"""An oversize frame up to this length is skipped once refused (a peer really sending too
much); a header above it is no message any browser sends (a corrupt or hostile stream),
and the port is closed cleanly instead of reading gigabytes that may never come."""


class OversizeFrame(FramingError):
    """A length header above :data:`MAX_INCOMING`; nothing of the body has been read yet (the
    reader answers first, then skips it or closes: :attr:`skippable`)."""

    def __init__(self, length: int) -> None:
        super().__init__(f"frame of {length} bytes is over the {MAX_INCOMING}-byte limit")
        self.length = length

    @property
    def skippable(self) -> bool:
        return self.length <= SKIP_MAX


def _read_exact(stream: BinaryIO, n: int) -> bytes:
    """Read exactly ``n`` bytes; fewer only at EOF."""
    chunks: list[bytes] = []
    left = n
    while left > 0:
        chunk = stream.read(left)
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def skip(stream: BinaryIO, n: int) -> bool:
    """Discard ``n`` bytes; False when EOF came first."""
    left = n
    while left > 0:
        chunk = stream.read(min(left, 1 << 20))
        if not chunk:
            return False
        left -= len(chunk)
    return True


def read_frame(stream: BinaryIO, *, max_size: int = MAX_INCOMING) -> bytes | None:
    """The next frame's body, or None at a clean EOF (between frames).

    :raises TruncatedFrame: EOF inside the header or the body.
    :raises OversizeFrame: the header announces more than ``max_size`` bytes; nothing of
        the body is read (the caller refuses it at once, then skips it with :func:`skip` or
        closes the port).
    """
    head = _read_exact(stream, HEADER.size)
    if not head:
        return None
    if len(head) < HEADER.size:
        raise TruncatedFrame(f"EOF after {len(head)} of {HEADER.size} header bytes")
    (length,) = HEADER.unpack(head)
    if length > max_size:
        raise OversizeFrame(length)
    body = _read_exact(stream, length)
    if len(body) < length:
        raise TruncatedFrame(f"EOF after {len(body)} of {length} body bytes")
    return body


def dumps(message: Any) -> bytes:
    """Strict JSON as UTF-8: never ``NaN``/``Infinity`` (a ``ValueError``, as browsers'
    ``JSON.parse`` would fail on them), and text with lone surrogates (valid in a JS string,
    not encodable as UTF-8) written as ``\\u`` escapes, which can make it longer: measure
    the result, never the message.

    :raises ValueError: the message holds NaN or an infinity.
    :raises RecursionError: nested too deeply to write.
    """
    try:
        return json.dumps(message, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(message, ensure_ascii=True, allow_nan=False, separators=(",", ":")).encode("ascii")


def encode(message: Any) -> bytes:
    """One frame: the header with the byte length of the strict UTF-8 JSON, then the JSON."""
    body = dumps(message)
    return HEADER.pack(len(body)) + body


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON (use null or a string)")


MAX_DEPTH = 64
"""Nesting deeper than this in a message is refused; no message of the protocol comes close."""


def loads(body: bytes) -> Any:
    """Parse a frame's body as strict UTF-8 JSON, nested at most :data:`MAX_DEPTH` deep.

    :raises ValueError: not UTF-8, not JSON, ``NaN``/``Infinity``, an integer of more digits
        than Python converts, or nested too deeply (the message says which).
    """
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"the frame is not UTF-8: {exc}") from None
    try:
        value = json.loads(text, parse_constant=_refuse_constant)
    except RecursionError:
        raise ValueError(f"the JSON is nested too deeply (the limit is {MAX_DEPTH} levels)") from None
    if depth(value) > MAX_DEPTH:
        raise ValueError(f"the JSON is nested too deeply (the limit is {MAX_DEPTH} levels)")
    return value


def depth(value: Any) -> int:
    """How deeply lists and objects nest in ``value`` (iterative: no recursion limit)."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict):
            deepest = max(deepest, level)
            stack.extend((v, level + 1) for v in item.values())
        elif isinstance(item, list):
            deepest = max(deepest, level)
            stack.extend((v, level + 1) for v in item)
    return deepest


def write_frame(stream: BinaryIO, message: Any) -> int:
    """Write one frame and flush; returns the number of bytes written."""
    data = encode(message)
    stream.write(data)
    stream.flush()
    return len(data)

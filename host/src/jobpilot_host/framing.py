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


class OversizeFrame(FramingError):
    """A length header above :data:`MAX_INCOMING`. The body has been skipped when it could be."""

    def __init__(self, length: int, *, skipped: bool) -> None:
        super().__init__(f"frame of {length} bytes is over the {MAX_INCOMING}-byte limit")
        self.length = length
        self.skipped = skipped


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


def _skip(stream: BinaryIO, n: int) -> bool:
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
    :raises OversizeFrame: the header announces more than ``max_size`` bytes; the body is
        skipped so the next frame can be read (``skipped`` is False when EOF came first).
    """
    head = _read_exact(stream, HEADER.size)
    if not head:
        return None
    if len(head) < HEADER.size:
        raise TruncatedFrame(f"EOF after {len(head)} of {HEADER.size} header bytes")
    (length,) = HEADER.unpack(head)
    if length > max_size:
        raise OversizeFrame(length, skipped=_skip(stream, length))
    body = _read_exact(stream, length)
    if len(body) < length:
        raise TruncatedFrame(f"EOF after {len(body)} of {length} body bytes")
    return body


def encode(message: Any) -> bytes:
    """One frame: the header with the byte length of the UTF-8 JSON, then the JSON."""
    body = json.dumps(message, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return HEADER.pack(len(body)) + body


def write_frame(stream: BinaryIO, message: Any) -> int:
    """Write one frame and flush; returns the number of bytes written."""
    data = encode(message)
    stream.write(data)
    stream.flush()
    return len(data)

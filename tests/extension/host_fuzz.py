"""Fuzzing the native host: a real host process on pipes, and the frames hostile peers send.

``HostProcess`` starts ``python -m jobpilot_host`` exactly as the browser does (stdio
pipes, the port on fd 1), writes frames to it and reads its frames back. Host-initiated
requests (``page.*``, which a fuzzed ``status`` or ``autofill`` triggers) are answered with a
``tab_gone`` error, as a browser whose tab is gone would. After every fuzzed frame a
``ping`` probe checks that the host still answers.

``frames()`` is the Hypothesis strategy: envelopes with fuzzed ids, actions and payloads
(JSON nested up to 100,000 deep, lone surrogates, NaN and Infinity literals, integers of
thousands of digits, long strings), bodies that are not UTF-8 or not JSON, and empty
frames. Every reply must be strict JSON (no NaN/Infinity), valid UTF-8 and within the
browser's 1 MiB limit.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import select
import struct
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

HEADER = struct.Struct("=I")
MAX_OUT = 1024 * 1024
ACTIONS = ["hello", "ping", "status", "plan", "autofill", "profiles", "today", "nope", "page.snapshot"]


class HostDied(AssertionError):
    """The host process exited (or stopped answering) where it should have answered."""


def _strict(value: str) -> Any:
    raise ValueError(f"non-standard JSON constant {value}")


@dataclass
class HostProcess:
    home: Path
    proc: subprocess.Popen[bytes] | None = None
    buf: bytearray = field(default_factory=bytearray)
    frames_in: int = 0
    fuzzed: int = 0
    """Fuzzed frames sent (``exchange``), probes and answers not counted."""
    deaths: int = 0
    problems: list[str] = field(default_factory=list)

    def start(self) -> None:
        env = {**os.environ, "JOBPILOT_HOME": str(self.home), "JOBPILOT_HOST_LOG_LEVEL": "WARNING"}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "jobpilot_host", "chrome-extension://fuzz/"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=open(self.home / "host-stderr.log", "ab"),  # noqa: SIM115 - lives with the process
            env=env,
        )
        self.buf = bytearray()
        self.request({"id": "hello", "action": "hello", "payload": {}}, timeout=60)
        # Hello loads the plugins and the database in the background: wait for it, so a
        # fuzzed request never waits behind the start-up.
        self.request({"id": "warm", "action": "today", "payload": {}}, timeout=120)

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def stop(self) -> int | None:
        if self.proc is None:
            return None
        assert self.proc.stdin is not None
        with contextlib.suppress(OSError):
            self.proc.stdin.close()
        try:
            return self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return self.proc.wait()

    # --- raw I/O ------------------------------------------------------------------------

    def write(self, data: bytes) -> None:
        assert self.proc is not None and self.proc.stdin is not None
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def send_body(self, body: bytes) -> None:
        self.frames_in += 1
        self.write(HEADER.pack(len(body)) + body)

    def _read(self, n: int, deadline: float) -> bytes:
        assert self.proc is not None and self.proc.stdout is not None
        fd = self.proc.stdout.fileno()
        while len(self.buf) < n:
            left = deadline - time.monotonic()
            if left <= 0:
                raise HostDied("the host did not answer in time")
            ready, _, _ = select.select([fd], [], [], left)
            if not ready:
                continue
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                raise HostDied(f"the host closed its port (exit {self.proc.poll()})")
            self.buf += chunk
        out = bytes(self.buf[:n])
        del self.buf[:n]
        return out

    def read_frame(self, deadline: float) -> bytes:
        (length,) = HEADER.unpack(self._read(4, deadline))
        if length > MAX_OUT:
            self.problems.append(f"a frame of {length} bytes (over the browser's 1 MiB limit)")
        return self._read(length, deadline)

    def read_message(self, deadline: float) -> dict[str, Any]:
        """The next message, chunks reassembled, checked for strict UTF-8 JSON."""
        body = self.read_frame(deadline)
        try:
            text = body.decode("utf-8")
            msg = json.loads(text, parse_constant=_strict)
        except (UnicodeDecodeError, ValueError) as exc:
            self.problems.append(f"a reply that is not strict UTF-8 JSON: {exc}")
            return {}
        if isinstance(msg, dict) and "chunk" in msg:
            parts = [msg["chunk"]["data"]]
            for _ in range(msg["chunk"]["total"] - 1):
                more = json.loads(self.read_frame(deadline).decode("utf-8"), parse_constant=_strict)
                parts.append(more["chunk"]["data"])
            whole = base64.b64decode("".join(parts)).decode("utf-8")
            return dict(json.loads(whole, parse_constant=_strict))
        return dict(msg) if isinstance(msg, dict) else {"not-an-object": msg}

    # --- requests -------------------------------------------------------------------------

    def replies_until(self, *ids: Any, deadline: float) -> list[dict[str, Any]]:
        """Replies until one for each of ``ids`` has come (handlers run concurrently, so
        the order is free; an id may be a tuple of ids any one of which will do); host
        requests on the way are answered ``tab_gone``."""
        waiting = [i if isinstance(i, tuple) else (i,) for i in ids]
        seen: list[dict[str, Any]] = []
        while waiting:
            msg = self.read_message(deadline)
            if "action" in msg and "status" not in msg:  # the host asks the "browser"
                answer = {
                    "id": msg.get("id"),
                    "status": "error",
                    "code": "tab_gone",
                    "message": "fuzz: no tab",
                }
                self.send_body(json.dumps(answer).encode())
                continue
            seen.append(msg)
            for group in waiting:
                if msg.get("id") in group:
                    waiting.remove(group)
                    break
        return seen

    def request(self, message: dict[str, Any], *, timeout: float = 30) -> dict[str, Any]:
        self.send_body(json.dumps(message).encode())
        replies = self.replies_until(message["id"], deadline=time.monotonic() + timeout)
        return next(r for r in replies if r.get("id") == message["id"])

    def exchange(self, body: bytes, *, timeout: float = 60) -> list[dict[str, Any]]:
        """Send a fuzzed frame, then a ping; every reply until the pong and the fuzzed
        frame's own answer (by its id, or id null) have come. A frame that is a reply to
        nothing gets no answer (stray replies are dropped)."""
        self.fuzzed += 1
        self.send_body(body)
        n = self.frames_in
        pid = f"probe-{n}"
        self.send_body(json.dumps({"id": pid, "action": "ping", "payload": {"data": n}}).encode())
        ids: list[Any] = [pid]
        if not is_response(body):
            # The request's own id, or null when the host could not read one (too deep).
            ids.append((answer_id(body), None))
        replies = self.replies_until(*ids, deadline=time.monotonic() + timeout)
        pong = next(r for r in replies if r.get("id") == pid)
        if pong.get("status") != "ok" or pong.get("data", {}).get("data") != n:
            self.problems.append(f"a wrong answer to a ping: {pong}")
        return [r for r in replies if r is not pong]


def answer_id(body: bytes) -> Any:
    """The id the host's answer to ``body`` carries: the request's id when it is one the
    envelope allows (a string of at most 64 characters or an integer), else null."""
    try:
        msg = json.loads(body.decode("utf-8"), parse_constant=_strict)
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    value = msg.get("id") if isinstance(msg, dict) else None
    if isinstance(value, float) and value.is_integer():
        return value  # JSON Schema's "integer" takes 5e16 too; the host echoes it as sent
    if isinstance(value, bool) or not isinstance(value, int | str):
        return None
    if isinstance(value, str) and len(value) > 64:
        return None
    return value


# --- strategies ---------------------------------------------------------------------------

SURROGATES = st.sampled_from(["\ud800", "\udbff", "\udc00", "\udfff", "a\ud83dz", "\ud83d\ude00"])
TEXT = st.one_of(
    st.text(max_size=40),
    SURROGATES,
    st.builds(lambda a, s, b: a + s + b, st.text(max_size=5), SURROGATES, st.text(max_size=5)),
    st.integers(1, 70_000).map(lambda n: "x" * n),
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    TEXT,
)
JSON = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(TEXT, inner, max_size=4)),
    max_leaves=12,
)


def _dumps(value: Any) -> str:
    """JSON text of ``value`` as a hostile peer might write it: NaN literals allowed, lone
    surrogates escaped (so they survive as text)."""
    return json.dumps(value, ensure_ascii=True, allow_nan=True, separators=(",", ":"))


def nested(depth: int, kind: str) -> str:
    if kind == "list":
        return "[" * depth + "]" * depth
    return '{"a":' * depth + "1" + "}" * depth


DEPTH = st.integers(1, 100_000)


@st.composite
def envelope(draw: st.DrawFn) -> bytes:
    msg: dict[str, Any] = {}
    if draw(st.integers(0, 9)):
        msg["id"] = draw(
            st.one_of(TEXT, st.integers(), st.floats(), st.none(), st.lists(st.integers(), max_size=2))
        )
    if draw(st.integers(0, 9)):
        msg["action"] = draw(st.one_of(st.sampled_from(ACTIONS), TEXT))
    choice = draw(st.integers(0, 5))
    if choice == 0:
        msg["payload"] = draw(JSON)
    elif choice <= 3:
        payload = draw(
            st.dictionaries(
                st.sampled_from(["data", "tab_id", "profile", "resume", "mode"]), JSON, max_size=3
            )
        )
        msg["payload"] = payload
    if draw(st.integers(0, 9)) == 0:
        msg[draw(TEXT)] = draw(JSON)
    text = _dumps(msg)
    mode = draw(st.integers(0, 9))
    if mode == 0:  # deep nesting inside the payload
        deep = nested(draw(DEPTH), draw(st.sampled_from(["list", "object"])))
        text = text[:-1] + ("," if len(msg) else "") + f'"payload":{{"data":{deep}}}' + "}"
    elif mode == 1:  # an integer id of thousands of digits
        text = text.replace('"id":', '"id":' + "9" * draw(st.integers(4_000, 20_000)) + ',"x":', 1)
    elif mode == 2:  # NaN / Infinity literals in the data
        text = text[:-1] + ("," if len(msg) else "") + '"payload":{"data":[NaN,Infinity,-Infinity]}}'
    return text.encode("utf-8")


@st.composite
def garbage(draw: st.DrawFn) -> bytes:
    kind = draw(st.integers(0, 5))
    if kind == 0:
        return draw(st.binary(max_size=200))
    if kind == 1:
        return nested(draw(DEPTH), draw(st.sampled_from(["list", "object"]))).encode()
    if kind == 2:  # not UTF-8: lone surrogates encoded raw, overlong forms, bare continuation bytes
        return draw(st.sampled_from([b'{"id":"\xed\xa0\x80"}', b'{"id":"\xc0\xaf"}', b"\x80\x80", b"\xff"]))
    if kind == 3:
        return b""
    if kind == 4:
        return draw(
            st.sampled_from([b"NaN", b"[NaN]", b"Infinity", b"-Infinity", b"1e999999", b"null", b"[]"])
        )
    return ("9" * draw(st.integers(4_000, 50_000))).encode()


def frames() -> st.SearchStrategy[bytes]:
    return st.one_of(envelope(), garbage())


def is_response(body: bytes) -> bool:
    """A body the host treats as a reply to its own request (dropped when stray)."""
    try:
        msg = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return False
    return isinstance(msg, dict) and "status" in msg

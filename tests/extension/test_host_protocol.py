"""The host's framing and message handling, on raw bytes through a real host process.

Every bad input gets an error reply and the host keeps serving; EOF ends it cleanly.
"""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from jobpilot_host import framing
from jobpilot_host.channel import Channel, chunk_frames

HEADER = struct.Struct("=I")


class Host:
    """A host subprocess spoken to in raw frames."""

    def __init__(self, home: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "jobpilot_host", "chrome-extension://test/"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**os.environ, "JOBPILOT_HOME": str(home)},
        )
        assert self.proc.stdin and self.proc.stdout
        self.stdin = self.proc.stdin
        self.stdout = self.proc.stdout

    def raw(self, data: bytes) -> None:
        self.stdin.write(data)
        self.stdin.flush()

    def frame(self, body: bytes) -> None:
        self.raw(HEADER.pack(len(body)) + body)

    def send(self, msg: Any) -> None:
        self.frame(json.dumps(msg, ensure_ascii=False).encode("utf-8"))

    def recv_raw(self) -> tuple[int, bytes]:
        head = self.stdout.read(4)
        assert len(head) == 4, "the host closed stdout"
        (n,) = HEADER.unpack(head)
        return n, self.stdout.read(n)

    def recv(self) -> dict[str, Any]:
        n, body = self.recv_raw()
        assert len(body) == n
        return dict(json.loads(body.decode("utf-8")))

    def ask(self, msg: Any) -> dict[str, Any]:
        self.send(msg)
        return self.recv()

    def alive(self) -> bool:
        reply = self.ask({"id": "alive", "action": "ping", "payload": {"data": 1}})
        return reply == {"id": "alive", "status": "ok", "data": {"pong": True, "data": 1}}

    def close(self) -> int:
        self.stdin.close()
        code = self.proc.wait(10)
        self.stdout.close()
        assert self.proc.stderr is not None
        self.proc.stderr.close()
        return code


@pytest.fixture
def host(tmp_path: Path) -> Iterator[Host]:
    h = Host(tmp_path)
    try:
        yield h
    finally:
        if h.proc.poll() is None:
            h.proc.kill()
            h.proc.wait()


def test_hello_and_native_endian_byte_length(host: Host) -> None:
    reply = host.ask({"id": 1, "action": "hello", "payload": {"extension_version": "0.1.0"}})
    assert reply["id"] == 1 and reply["status"] == "ok"
    assert reply["data"]["protocol"] == 1 and "autofill" in reply["data"]["actions"]
    assert host.close() == 0


def test_non_ascii_lengths_are_bytes(host: Host) -> None:
    text = "Zoë Ångström — 日本語 🚀"
    body = json.dumps({"id": "u", "action": "ping", "payload": {"data": text}}, ensure_ascii=False).encode()
    assert len(body) > len(body.decode())  # a string length would be wrong here
    host.frame(body)
    n, raw = host.recv_raw()
    assert n == len(raw) and n != len(raw.decode("utf-8"))
    assert json.loads(raw)["data"]["data"] == text


def test_short_reads_are_reassembled(host: Host) -> None:
    body = json.dumps({"id": "s", "action": "ping", "payload": {"data": "pieces"}}).encode()
    data = HEADER.pack(len(body)) + body
    prev = 0
    for i in (1, 2, 3, 4, 10, 25):  # header byte by byte, then the body in pieces
        host.raw(data[prev:i])
        prev = i
        time.sleep(0.02)
    host.raw(data[prev:])
    assert host.recv()["data"] == {"pong": True, "data": "pieces"}


def test_malformed_json_and_bad_utf8_get_errors_and_the_host_keeps_serving(host: Host) -> None:
    host.frame(b'{"id": 1, "action": ')
    reply = host.recv()
    assert reply["status"] == "error" and reply["code"] == "bad_json" and reply["id"] is None
    host.frame(b"\xff\xfe\x00garbage")
    assert host.recv()["code"] == "bad_json"
    host.frame(b"")
    assert host.recv()["code"] == "bad_json"
    assert host.alive()


def test_schema_invalid_envelopes_and_payloads(host: Host) -> None:
    cases = [
        ([1, 2, 3], "invalid_message", None),
        ({"action": "ping"}, "invalid_message", None),  # no id
        ({"id": 7, "action": "ping", "payload": {}, "extra": 1}, "invalid_message", 7),
        ({"id": 8, "action": "Bad Action!"}, "invalid_message", 8),
        ({"id": 9, "action": "ping", "payload": "not an object"}, "invalid_message", 9),
        ({"id": 10, "action": "status", "payload": {}}, "invalid_payload", 10),  # tab_id missing
        ({"id": 11, "action": "status", "payload": {"tab_id": -1}}, "invalid_payload", 11),
        ({"id": 12, "action": "autofill", "payload": {"tab_id": 1, "mode": "yolo"}}, "invalid_payload", 12),
        ({"id": 13, "action": "hello", "payload": {"surprise": True}}, "invalid_payload", 13),
    ]
    for msg, code, msg_id in cases:
        reply = host.ask(msg)
        assert reply["status"] == "error" and reply["code"] == code, (msg, reply)
        assert reply["id"] == msg_id and reply["message"]
    assert host.alive()


def test_unknown_action(host: Host) -> None:
    reply = host.ask({"id": "x", "action": "format_disk", "payload": {}})
    assert reply == {
        "id": "x",
        "status": "error",
        "code": "unknown_action",
        "message": reply["message"],
    }
    assert "format_disk" in reply["message"] and "autofill" in reply["message"]
    assert host.alive()


def test_stray_replies_are_dropped(host: Host) -> None:
    host.send({"id": "h999", "status": "ok", "data": {}})  # a reply to nothing
    host.send({"id": "h998", "status": "error", "code": "tab_gone", "message": "gone"})
    assert host.alive()


def test_oversize_frame_is_skipped_with_an_error(host: Host) -> None:
    size = framing.MAX_INCOMING + 1
    writer = threading.Thread(target=lambda: host.raw(HEADER.pack(size) + b" " * size))
    writer.start()
    reply = host.recv()
    writer.join()
    assert reply["status"] == "error" and reply["code"] == "frame_too_large"
    assert host.alive()


def test_eof_is_a_clean_exit(host: Host) -> None:
    assert host.alive()
    t = time.perf_counter()
    assert host.close() == 0
    assert time.perf_counter() - t < 5


def test_eof_inside_a_frame_is_a_clean_exit(host: Host) -> None:
    assert host.alive()
    host.raw(HEADER.pack(100) + b'{"id": 1')  # the browser died mid-message
    assert host.close() == 0


def test_eof_inside_a_header(host: Host) -> None:
    host.raw(b"\x05\x00")
    assert host.close() == 0


def test_no_profile_is_a_clear_error(host: Host) -> None:
    reply = host.ask({"id": 1, "action": "plan", "payload": {"tab_id": 1, "profile": "nobody"}})
    assert reply["code"] == "no_profile" and "jobpilot profile import" in reply["message"]
    assert host.ask({"id": 2, "action": "today", "payload": {}})["data"]["submitted"] == 0


# --- framing and chunking, in process ------------------------------------------------------


def test_read_frame_edge_cases() -> None:
    assert framing.read_frame(BytesIO(b"")) is None
    with pytest.raises(framing.TruncatedFrame):
        framing.read_frame(BytesIO(b"\x01\x00"))
    with pytest.raises(framing.TruncatedFrame):
        framing.read_frame(BytesIO(HEADER.pack(10) + b"abc"))
    stream = BytesIO(HEADER.pack(11) + b"x" * 11 + HEADER.pack(2) + b"{}")
    with pytest.raises(framing.OversizeFrame) as info:
        framing.read_frame(stream, max_size=10)
    assert info.value.length == 11 and info.value.skippable and stream.tell() == 4  # nothing read yet
    assert framing.skip(stream, info.value.length) and framing.read_frame(stream) == b"{}"
    assert not framing.OversizeFrame(0xFFFF_FFFF).skippable
    encoded = framing.encode({"t": "é"})
    assert HEADER.unpack(encoded[:4])[0] == len('{"t":"é"}'.encode())


def test_large_messages_are_chunked_under_the_browser_limit() -> None:
    out = BytesIO()
    ch = Channel(BytesIO(), out)
    blob = "A" * 3_000_000 + "é"
    message = {"id": "h1", "action": "page.apply", "payload": {"files": [{"data": blob}]}}
    ch.send(message)
    stream = BytesIO(out.getvalue())
    frames = []
    while (body := framing.read_frame(stream)) is not None:
        assert len(body) + 4 <= framing.MAX_OUTGOING
        frames.append(json.loads(body))
    assert len(frames) > 1 and all("chunk" in f for f in frames)
    assert [f["chunk"]["seq"] for f in frames] == list(range(len(frames)))
    import base64

    whole = base64.b64decode("".join(f["chunk"]["data"] for f in frames)).decode("utf-8")
    assert json.loads(whole) == message
    small = BytesIO()
    Channel(BytesIO(), small).send({"id": 1, "status": "ok", "data": "x"})
    assert json.loads(framing.read_frame(BytesIO(small.getvalue())) or b"") == {
        "id": 1,
        "status": "ok",
        "data": "x",
    }


def test_chunk_frames_of_an_empty_message() -> None:
    frames = chunk_frames({}, "c1", piece=4)
    assert [f["chunk"]["total"] for f in frames] == [1]


# --- stdout belongs to the port -------------------------------------------------------------

NOISY_PLUGIN = '''"""A plugin that writes to stdout, as careless plugins do."""
import os
import sys
from pathlib import Path

print("stray print from a plugin at import")
sys.stdout.flush()
os.system("echo stray output from a child process")
sys.__stdout__.write("stray write to sys.__stdout__\\n")
sys.__stdout__.flush()
Path(os.environ["NOISY_MARKER"]).write_text("printed")
'''


def _frames(data: bytes) -> list[dict[str, Any]]:
    """Every frame of a complete stdout capture; raises on any byte outside a frame."""
    stream, frames = BytesIO(data), []
    while (body := framing.read_frame(stream)) is not None:
        frames.append(json.loads(body.decode("utf-8")))
    return frames


def _collect(stream: Any, into: bytearray) -> None:
    """Append the stream's bytes as they arrive, until EOF (a reader thread: never blocks
    the test on a frame whose header is garbage)."""
    while chunk := stream.read1(65536):
        into.extend(chunk)


def _two_frames(data: bytes) -> bool:
    try:
        return len(_frames(data)) >= 2
    except (framing.FramingError, ValueError):
        return False


def test_stray_stdout_output_of_a_plugin_does_not_break_the_framing(tmp_path: Path) -> None:
    """A plugin loaded the real way (an entry point in the ``jobpilot`` group) prints to
    stdout, writes to ``sys.__stdout__`` and starts a child that echoes: the host's stdout
    must still hold nothing but frames, and the text must end up on stderr (the log)."""
    site = tmp_path / "site"
    (site / "noisy_plugin").mkdir(parents=True)
    (site / "noisy_plugin" / "__init__.py").write_text(NOISY_PLUGIN)
    info = site / "noisy_plugin-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: noisy-plugin\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text("[jobpilot]\nnoisy = noisy_plugin\n")
    marker = tmp_path / "printed"
    home = tmp_path / "home"
    home.mkdir()
    env = {
        **os.environ,
        "JOBPILOT_HOME": str(home),
        "PYTHONPATH": os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")]),
        "NOISY_MARKER": str(marker),
    }
    env.pop("JOBPILOT_LOAD_PLUGINS", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "jobpilot_host", "chrome-extension://test/"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    try:
        assert proc.stdin is not None
        proc.stdin.write(framing.encode({"id": 1, "action": "hello", "payload": {}}))
        proc.stdin.flush()  # hello starts the warm-up, which imports the plugin
        deadline = time.monotonic() + 60
        while not marker.exists():
            assert proc.poll() is None and time.monotonic() < deadline, "the plugin was not loaded"
            time.sleep(0.05)
        proc.stdin.write(framing.encode({"id": 2, "action": "ping", "payload": {"data": "after"}}))
        proc.stdin.flush()
        assert proc.stdout is not None
        got = bytearray()
        reader = threading.Thread(target=_collect, args=(proc.stdout, got), daemon=True)
        reader.start()
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and not _two_frames(bytes(got)):
            time.sleep(0.05)
        proc.stdin.close()  # EOF once both replies are out: the host exits
        proc.wait(30)
        reader.join(10)
        assert proc.stderr is not None
        err = proc.stderr.read()
        out = bytes(got)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    frames = _frames(out)
    assert [f["id"] for f in frames] == [1, 2]
    assert frames[1] == {"id": 2, "status": "ok", "data": {"pong": True, "data": "after"}}
    log = err.decode("utf-8", "replace")
    assert "stray print from a plugin at import" in log
    assert "stray output from a child process" in log and "stray write to sys.__stdout__" in log

"""The native host never dies (issue 12): fuzzed frames against the real host process.

Every request gets an answer or an error reply, every reply is strict JSON within the
browser's limit, and the process stays alive. A frame header announcing more than the
protocol allows is refused at once with ``frame_too_large``; a header no browser could send
(over 128 MiB) closes the port cleanly instead of reading for ever.
"""

from __future__ import annotations

import json
import struct
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings

from .host_fuzz import HostDied, HostProcess, frames, is_response

HEADER = struct.Struct("=I")
EXAMPLES = 300


@pytest.fixture(scope="module")
def host(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HostProcess]:
    h = HostProcess(home=tmp_path_factory.mktemp("fuzz-home"))
    h.start()
    try:
        yield h
    finally:
        h.stop()


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
    ],
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],  # no shrinking: the failing frame is printed as is
)
@given(body=frames())
def test_every_fuzzed_frame_is_answered_and_the_host_lives(host: HostProcess, body: bytes) -> None:
    try:
        answers = host.exchange(body)
    except HostDied:
        host.deaths += 1
        tail = (host.home / "host-stderr.log").read_text(errors="replace")[-2000:]
        host.start()  # so one death does not hide the next
        raise AssertionError(f"the host died on {body[:200]!r}\n{tail}") from None
    if not is_response(body):
        assert answers, f"no answer to {body[:200]!r}"
    assert all(r.get("status") in ("ok", "error") for r in answers), answers
    assert host.problems == [], host.problems
    assert host.alive()


def test_fuzz_summary(host: HostProcess) -> None:
    """Runs after the fuzzing (same module host): how many frames went in, how many deaths."""
    print(f"\nhost fuzz: {host.fuzzed} fuzzed frames ({host.frames_in} in all), {host.deaths} host deaths")
    assert host.fuzzed >= EXAMPLES and host.deaths == 0 and host.alive()


def _hostile(host: HostProcess, body: bytes) -> list[dict[str, object]]:
    return host.exchange(body)


def test_the_nastiest_frames_by_name(host: HostProcess) -> None:
    deep = b'{"id":"d","action":"ping","payload":{"data":' + b"[" * 100_000 + b"]" * 100_000 + b"}}"
    (reply,) = _hostile(host, deep)
    assert reply["status"] == "error" and reply["code"] in ("bad_json", "invalid_message"), reply
    assert "deep" in str(reply["message"])
    (reply,) = _hostile(host, b'{"id":"\\ud800","action":"ping","payload":{"data":"\\udfff x"}}')
    assert reply["status"] in ("ok", "error")  # answered, strictly encoded (checked on read)
    (reply,) = _hostile(host, b'{"id":"s1","action":"ping","payload":{"data":"\\ud83d"}}')
    assert reply == {"id": "s1", "status": "ok", "data": {"pong": True, "data": "\ud83d"}}
    (reply,) = _hostile(host, b'{"id":"n1","action":"ping","payload":{"data":[NaN, Infinity]}}')
    assert reply["status"] == "error" and reply["code"] == "bad_json" and "NaN" in str(reply["message"])
    (reply,) = _hostile(host, b'{"id":' + b"7" * 10_000 + b',"action":"ping"}')
    assert reply["status"] == "error" and reply["id"] is None
    assert host.alive() and host.problems == []


def test_a_big_echo_is_chunked_under_the_limit_even_when_escaping_grows_it(host: HostProcess) -> None:
    """700 KB of lone surrogates become 6 bytes each once escaped: the reply is measured
    after encoding and chunked."""
    data = "\udfff" * 200_000
    msg = {"id": "big", "action": "ping", "payload": {"data": data}}
    reply = host.request(msg, timeout=120)
    assert reply["status"] == "ok" and reply["data"]["data"] == data
    assert host.problems == []


def test_a_4_gib_header_is_refused_at_once_and_the_port_closes_cleanly(tmp_path: Path) -> None:
    h = HostProcess(home=tmp_path)
    h.start()
    try:
        h.write(HEADER.pack(0xFFFF_FFFF))
        reply = h.read_message(time.monotonic() + 30)
        assert reply["status"] == "error" and reply["code"] == "frame_too_large", reply
        assert h.proc is not None
        assert h.proc.wait(timeout=60) == 0  # closed cleanly: not killed, not reading for ever
    finally:
        h.stop()


def test_an_oversize_frame_that_really_arrives_is_skipped_and_serving_goes_on(host: HostProcess) -> None:
    limit = 64 * 1024 * 1024
    body = b"x" * (limit + 1)
    host.write(HEADER.pack(len(body)))
    reply = host.read_message(time.monotonic() + 30)  # refused before the body is read
    assert reply["status"] == "error" and reply["code"] == "frame_too_large"
    host.write(body)
    assert host.request({"id": "after", "action": "ping", "payload": {"data": 1}})["status"] == "ok"
    assert json.dumps(reply)  # strict JSON (checked on read)

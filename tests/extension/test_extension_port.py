"""The service worker's native-messaging port in real Chromium: how it names failures, what
it does with bad input from either side, and how it reconnects.

Each test speaks through the real built extension and a real port; the host is the real
``jobpilot_host`` except where the point is a host that misbehaves (bad chunks), which the
real host never does: there a small peer script stands in for it on the same port.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
from pathlib import Path
from typing import Any

import pytest
from jobpilot_host import EXTENSION_ID, HOST_NAME

from .conftest import Ext, jobpilot, launch

pytestmark = pytest.mark.browser

CLASSIFY = "([msg, browser]) => jobpilot.classify(msg, browser, chrome.runtime.id)"

ASK = """async ([action, payload]) => {
  try { return {ok: true, data: await jobpilot.host.request(action, payload, 20000)}; }
  catch (e) { return {ok: false, code: e.code, message: e.message}; }
}"""


async def test_every_browsers_missing_host_text_is_host_missing(ext: Ext) -> None:
    """Firefox says "No such native application" for a missing manifest and for one naming
    another add-on id; that is ``missing`` with the Firefox install command, never a generic
    error. Chromium's texts keep their meaning."""
    firefox = await ext.sw.evaluate(CLASSIFY, ["No such native application com.jobpilot.host", "firefox"])
    assert firefox["state"] == "missing" and firefox["code"] == "host_missing"
    assert "jobpilot host install --browser firefox" in firefox["hint"]
    # The text alone decides, whichever build reads it.
    same = await ext.sw.evaluate(CLASSIFY, ["No such native application com.jobpilot.host", "chromium"])
    assert same == firefox
    chromium = await ext.sw.evaluate(CLASSIFY, ["Specified native messaging host not found.", "chromium"])
    assert chromium["state"] == "missing" and "jobpilot host install --browser chromium" in chromium["hint"]
    forbidden = await ext.sw.evaluate(
        CLASSIFY, ["Access to the specified native messaging host is forbidden.", "chromium"]
    )
    assert forbidden["state"] == "forbidden" and f"--extension-id {EXTENSION_ID}" in forbidden["hint"]
    exited = await ext.sw.evaluate(CLASSIFY, ["Native host has exited.", "chromium"])
    assert exited["state"] == "exited" and exited["code"] == "host_exited"
    broken = "Error when communicating with the native messaging host."
    other = await ext.sw.evaluate(CLASSIFY, [broken, "chromium"])
    assert other["state"] == "error" and "jobpilot host doctor" in other["hint"]


async def test_bad_requests_through_the_port_get_error_replies_from_the_same_host(ext: Ext) -> None:
    """A schema-invalid payload and an unknown action, sent by the service worker on its
    real port, are answered with their error codes by the host, which keeps running: same
    process, and it still serves a normal request."""
    state = await ext.wait_host()
    assert state["state"] == "connected"
    pid = state["pid"]
    bad = await ext.sw.evaluate(ASK, ["status", {"tab_id": "seven"}])
    assert bad["ok"] is False and bad["code"] == "invalid_payload" and "tab_id" in bad["message"]
    unknown = await ext.sw.evaluate(ASK, ["format_disk", {}])
    assert unknown["ok"] is False and unknown["code"] == "unknown_action"
    assert "format_disk" in unknown["message"]
    pong = await ext.sw.evaluate(ASK, ["ping", {"data": "still here"}])
    assert pong == {"ok": True, "data": {"pong": True, "data": "still here"}}
    after = await ext.host_state()
    assert after["state"] == "connected" and after["pid"] == pid
    os.kill(pid, 0)  # the same process is alive


PEER = """#!{python}
# A host that sends malformed chunks after hello, then one good chunked request.
import json, os, sys
from jobpilot_host import framing

LOG, SCRIPT = {log!r}, {script!r}
inp, out = sys.stdin.buffer, sys.stdout.buffer
while (body := framing.read_frame(inp)) is not None:
    msg = json.loads(body)
    with open(LOG, "a") as fh:
        fh.write(json.dumps(msg) + "\\n")
    if msg.get("action") == "hello":
        framing.write_frame(out, {{"id": msg["id"], "status": "ok", "data": {{"host_version": "peer",
            "protocol": 1, "pid": os.getpid(), "default_profile": "default", "actions": []}}}})
        for m in json.load(open(SCRIPT)):
            framing.write_frame(out, m)
"""


def chunk(cid: Any, seq: Any, total: Any, data: Any = "") -> dict[str, Any]:
    return {"chunk": {"id": cid, "seq": seq, "total": total, "data": data}}


async def test_malformed_chunks_are_refused_and_the_port_stays_open(
    extension_dir: Path, playwright_driver: Any, tmp_path: Path
) -> None:
    """Chunks with a huge, fractional or mismatched ``total``, a bad ``seq``, no body, or
    pieces that do not decode each get an ``invalid_message`` reply; the port is not
    dropped and a well-formed chunked request that follows is still put together and
    answered."""
    import base64

    good = json.dumps({"id": "h1", "action": "peer.echo", "payload": {}}).encode()
    text = base64.b64encode(good).decode()
    half = len(text) // 2
    bad = [
        chunk("huge", 0, 10**12, "AAAA"),  # new Array(1e12) throws
        chunk("frac", 0, 2.5),  # new Array(2.5) throws
        chunk("neg", -1, 2),
        chunk("str", "0", 1),
        chunk(7, 0, 1),
        {"chunk": "nope"},
        chunk("notb64", 0, 1, "!!!"),
        chunk("notjson", 0, 1, base64.b64encode(b"{not json").decode()),
    ]
    mix = [chunk("mix", 0, 3, "AAAA"), chunk("mix", 1, 2, "AAAA")]  # total changes mid-way
    script = [*bad, *mix, chunk("c1", 1, 2, text[half:]), chunk("c1", 0, 2, text[:half])]
    log, script_file, peer = tmp_path / "peer.log", tmp_path / "script.json", tmp_path / "peer.py"
    script_file.write_text(json.dumps(script))
    peer.write_text(PEER.format(python=sys.executable, log=str(log), script=str(script_file)))
    peer.chmod(0o755)
    udd = tmp_path / "udd"
    (udd / "NativeMessagingHosts").mkdir(parents=True)
    (udd / "NativeMessagingHosts" / f"{HOST_NAME}.json").write_text(
        json.dumps(
            {
                "name": HOST_NAME,
                "description": "test peer",
                "path": str(peer),
                "type": "stdio",
                "allowed_origins": [f"chrome-extension://{EXTENSION_ID}/"],
            }
        )
    )
    ctx, sw = await launch(udd, extension_dir, playwright_driver)
    try:
        e = Ext(ctx=ctx, sw=sw, id=EXTENSION_ID, home=tmp_path, user_data_dir=udd)
        got: list[dict[str, Any]] = []
        for _ in range(200):
            got = [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []
            if any(m.get("id") == "h1" for m in got):
                break
            await asyncio.sleep(0.05)
        assert got and got[0]["action"] == "hello"
        refusals = [m for m in got[1:] if m.get("id") is None]
        assert len(refusals) == len(bad) + 1, got  # one per bad chunk, and the second of mix
        assert all(m["status"] == "error" and m["code"] == "invalid_message" for m in refusals)
        messages = " | ".join(m["message"] for m in refusals)
        assert "chunk.total" in messages and "chunk.seq" in messages and "not base64" in messages
        assert "not UTF-8 JSON" in messages and "differs" in messages
        (answer,) = [m for m in got if m.get("id") == "h1"]
        assert answer["status"] == "error" and answer["code"] == "unknown_action"
        assert "peer.echo" in answer["message"]
        state = await e.host_state()
        assert state["state"] == "connected" and state["host_version"] == "peer" and state["failures"] == 0
    finally:
        await ctx.close()


async def test_reconnect_backoff_doubles_to_30_s_and_resets_after_hello(
    extension_dir: Path, playwright_driver: Any, tmp_path: Path
) -> None:
    """With the host missing, each failed attempt doubles the delay before the next one
    (0.5 s, 1 s, 2 s, ... never over 30 s); a successful hello resets it, so the first
    retry after the host later dies is 0.5 s again."""
    udd, home = tmp_path / "udd", tmp_path / "home"
    home.mkdir()
    ctx, sw = await launch(udd, extension_dir, playwright_driver)
    try:
        e = Ext(ctx=ctx, sw=sw, id=EXTENSION_ID, home=home, user_data_dir=udd)
        await sw.evaluate(
            "() => { globalThis.statusLog = []; jobpilot.host.onStatus((s) => statusLog.push(s)); }"
        )

        async def fail_once() -> dict[str, Any]:
            """Retry now (what a user action does) and wait for that attempt to fail."""
            before = (await e.host_state())["failures"]
            await sw.evaluate("() => jobpilot.host.connect()")
            for _ in range(200):
                s = await e.host_state()
                if s["failures"] > before and s["state"] != "connecting":
                    return s
                await asyncio.sleep(0.02)
            raise AssertionError(f"no failed attempt after {before}")

        while (await e.host_state())["failures"] < 10:
            await fail_once()
        failed = [s for s in await sw.evaluate("() => statusLog") if s["retry_in_ms"] is not None]
        assert all(s["state"] == "missing" for s in failed)
        counts = [s["failures"] for s in failed]
        assert counts == list(range(counts[0], counts[0] + len(counts)))  # each failure seen once
        assert [s["retry_in_ms"] for s in failed] == [min(500 * 2 ** (n - 1), 30_000) for n in counts]
        assert failed[-1]["retry_in_ms"] == 30_000 and failed[-2]["retry_in_ms"] == 30_000
        # The host is installed; the next attempt connects and resets the backoff.
        jobpilot(home, "host", "install", "--user-data-dir", str(udd))
        await sw.evaluate("() => jobpilot.host.connect()")
        ok = await e.wait_host("connected", timeout=20)
        assert ok["state"] == "connected" and ok["failures"] == 0 and ok["retry_in_ms"] is None
        # The host goes away for good: the delays start again from 0.5 s.
        (udd / "NativeMessagingHosts" / f"{HOST_NAME}.json").unlink()
        await sw.evaluate("() => { statusLog.length = 0; }")
        os.kill(ok["pid"], signal.SIGKILL)
        after: list[dict[str, Any]] = []
        for _ in range(400):  # the retry timer makes the second attempt by itself after 0.5 s
            after = [s for s in await sw.evaluate("() => statusLog") if s["retry_in_ms"] is not None]
            if len(after) >= 2:
                break
            await asyncio.sleep(0.05)
        got = [(s["state"], s["failures"], s["retry_in_ms"]) for s in after[:2]]
        assert got == [("exited", 1, 500), ("missing", 2, 1000)]
    finally:
        await ctx.close()

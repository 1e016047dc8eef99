"""A plugin the real native host loads, to hand its own ``ExtensionPage`` to the Page contract suite.

The suite installs this file as the module ``jobpilot_page_probe`` with an entry point in the
``jobpilot`` group (a ``.dist-info`` on the host's ``PYTHONPATH``), the way any plugin is
installed. The host is the real one: Chromium starts it through the launcher ``jobpilot host
install`` wrote, and nothing in it is patched. The suite starts an Auto-fill on a tab (what
the popup's button does); the host's engine detects this plugin's "ATS" on every page and
runs its flow, and the flow gives the page it received (``ctx.page``, the host's
``ExtensionPage`` on that tab) to the test: it connects to the test's Unix socket and runs
each ``Page`` call the test sends, answering with the result or the exception. When the
test closes the socket, the flow ends (``needs_user``), and the Auto-fill with it.

Messages are length-prefixed pickles (both ends are this checkout's code, on one machine).
"""

from __future__ import annotations

import asyncio
import os
import pickle
import struct
from typing import Any

from jobpilot import hookimpl
from jobpilot.engine.flow import FlowContext, FlowOutcome
from jobpilot.models.mapping import Detection
from jobpilot.models.snapshot import FormSnapshot

SOCKET_ENV = "JOBPILOT_PAGE_PROBE"
ATS = "page-probe"


async def send(writer: asyncio.StreamWriter, message: Any) -> None:
    body = pickle.dumps(message)
    writer.write(struct.pack(">I", len(body)) + body)
    await writer.drain()


async def receive(reader: asyncio.StreamReader) -> Any:
    """The next message; None at EOF."""
    try:
        head = await reader.readexactly(4)
        return pickle.loads(await reader.readexactly(struct.unpack(">I", head)[0]))
    except asyncio.IncompleteReadError:
        return None


def error_message(exc: BaseException) -> tuple[str, str, str, dict[str, Any]]:
    """An exception as (module, class, message, attributes): rebuilt as the same class on the
    test's side (``hint``, ``code`` and the like travel in the attributes)."""
    attrs = {k: v for k, v in vars(exc).items() if _picklable(v)}
    return type(exc).__module__, type(exc).__qualname__, str(exc), attrs


def _picklable(value: Any) -> bool:
    try:
        pickle.dumps(value)
    except Exception:
        return False
    return True


@hookimpl
def detect_ats(url: str, snapshot: FormSnapshot | None) -> Detection | None:
    """Every page, while the suite's socket is set (the host under test loads no other ATS)."""
    if not os.environ.get(SOCKET_ENV):
        return None
    return Detection(ats=ATS, confidence=1.0, reason="the Page contract suite drives this tab")


class ProbeFlow:
    """Runs the test's ``Page`` calls on ``ctx.page`` until the test hangs up."""

    ats = ATS

    async def apply_steps(self, ctx: FlowContext) -> FlowOutcome:
        page = ctx.page
        reader, writer = await asyncio.open_unix_connection(os.environ[SOCKET_ENV])
        try:
            await send(
                writer, ("hello", getattr(page, "tab_id", None), page.url, os.getpid(), type(page).__name__)
            )
            while (call := await receive(reader)) is not None:
                method, args, kwargs = call
                try:
                    result = await getattr(page, method)(*args, **kwargs)
                    reply: tuple[Any, ...] = ("ok", result, page.url)
                except Exception as exc:  # the test asserts on it
                    reply = ("error", error_message(exc), page.url)
                await send(writer, reply)
        finally:
            writer.close()
        return FlowOutcome(state="needs_user", message="the Page contract suite is done with this tab")


@hookimpl
def register_flows(register: Any) -> None:
    register(ProbeFlow())

"""The WebSocket stream: every state change of a user's applications, as it happens.

State changes are rows of ``fleet_events`` written in the same transaction as the change
itself, by whichever process made it (a worker on another machine, the API). Each API
process follows that table (one query per ``poll`` interval, whoever is connected) and
sends each event to the sockets of its user only. A client that reconnects sends the last
event id it saw (``since``) and gets what it missed first.

Protocol: the client connects to ``/api/stream`` (token in the Authorization header, or
in a first message ``{"token": "...", "since": 0}``, as browsers cannot set headers on a
WebSocket; the dashboard signed in with a password sends ``{"since": 0}`` without a token,
and the session cookie of the handshake authenticates it when the handshake's ``Origin`` is
this server); the server answers ``{"type": "hello", "user": ..., "last_event": N}`` and then
sends ``{"type": "event", "event": {...}, "application": {...}}`` per change.

Event ids come from a sequence, and on PostgreSQL a transaction that took id 10 may commit
after one that took id 11: following "everything above the highest id seen" would skip 10
for good. So the hub remembers the ids it jumped over (the gaps below its position) and looks
them up again on every poll for ``gap_wait`` seconds; an id that turns up is sent then, each
id at most once. Gaps that never fill (a rolled-back transaction, a sequence that jumped
after a restart) are forgotten after that time.

Shutting down (SIGTERM), the server closes every socket at once with code 1001 (going
away) before it waits for its requests: a socket is a request that never ends, so waiting
for them kept a stopping server ~25 s with its port already closed. A client reconnects
(to another API process, or this one once restarted) with the last id it saw as ``since``
and loses nothing.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from typing import Any

from aiohttp import WSCloseCode, WSMsgType, web

from jobpilot.errors import JobPilotError
from jobpilot.fleet import models
from jobpilot.fleet.auth import authenticate, bearer
from jobpilot.fleet.inputs import parse_json
from jobpilot.fleet.queue import Queue
from jobpilot.fleet.store import FleetStore, is_transient

log = logging.getLogger("jobpilot.fleet.events")

MAX_GAPS = 1000
"""More missing ids than this at once is a sequence jump, not transactions in flight."""


def event_out(ev: dict[str, Any]) -> dict[str, Any]:
    return models.Event(
        id=ev["id"],
        application_id=ev["job_id"],
        state=ev["state"],
        message=ev["message"] or "",
        worker=ev["worker"],
        at=models.ts(ev["at"]),  # type: ignore[arg-type]
    ).model_dump(mode="json")


class EventHub:
    def __init__(
        self, store: FleetStore, queue: Queue, *, poll: float = 0.25, gap_wait: float = 30.0
    ) -> None:
        self.store = store
        self.queue = queue
        self.poll = poll
        self.gap_wait = gap_wait
        """Seconds an id skipped over is looked for (longer than any transaction runs)."""
        self.sockets: dict[str, set[web.WebSocketResponse]] = {}
        self.last_id = 0
        self.gaps: dict[int, float] = {}
        """Ids below ``last_id`` not seen yet -> when they were first missed (monotonic)."""
        self._task: asyncio.Task[None] | None = None
        self.closing = False
        """Set when the server shuts down: new sockets are told to go away at once."""

    async def start(self) -> None:
        self.last_id = await self.store.retry(self.store.last_event_id)
        self._task = asyncio.create_task(self._follow(), name="fleet-events")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        for socks in list(self.sockets.values()):
            for ws in list(socks):
                await ws.close()

    async def going_away(self, _app: web.Application | None = None) -> None:
        """Close every socket with 1001 (an ``on_shutdown`` handler), all at once, each
        waiting at most ``CLOSE_WAIT`` seconds for its client's close frame."""
        self.closing = True
        sockets = [ws for socks in self.sockets.values() for ws in socks if not ws.closed]
        if sockets:
            log.info("shutting down: closing %d event stream(s) (1001, going away)", len(sockets))
        await asyncio.gather(*(_go_away(ws) for ws in sockets), return_exceptions=True)

    async def _follow(self) -> None:
        while True:
            await asyncio.sleep(self.poll)
            if not self.sockets:
                # Nobody listening: just keep the position.
                try:
                    self.last_id = max(self.last_id, await self.store.last_event_id())
                    self.gaps.clear()
                except Exception as exc:
                    if not is_transient(exc):
                        log.exception("event stream")
                continue
            try:
                batch = await self.poll_once()
            except Exception as exc:
                if not is_transient(exc):
                    log.exception("event stream")
                continue
            if batch:
                await self._send(batch)

    async def poll_once(self) -> list[dict[str, Any]]:
        """The events to send now, oldest first: the new ones above the position, and those
        of earlier gaps that became visible since (each id once)."""
        late = await self.store.events_by_id(sorted(self.gaps)) if self.gaps else []
        batch = await self.store.events_after(self.last_id)
        now = time.monotonic()
        for ev in late:
            self.gaps.pop(ev["id"], None)
        expected = self.last_id + 1
        for ev in batch:
            if ev["id"] > expected and len(self.gaps) + ev["id"] - expected <= MAX_GAPS:
                self.gaps.update(dict.fromkeys(range(expected, ev["id"]), now))
            expected = ev["id"] + 1
        if batch:
            self.last_id = batch[-1]["id"]
        for gap, since in list(self.gaps.items()):
            if now - since > self.gap_wait:
                del self.gaps[gap]
        return sorted(late, key=lambda ev: ev["id"]) + batch

    async def _send(self, batch: list[dict[str, Any]], only: web.WebSocketResponse | None = None) -> None:
        wanted = [ev for ev in batch if ev["user_id"] in self.sockets or only is not None]
        jobs = await self.queue.jobs_by_id(sorted({ev["job_id"] for ev in wanted}))
        for ev in wanted:
            job = jobs.get(ev["job_id"])
            msg = json.dumps(
                {
                    "type": "event",
                    "event": event_out(ev),
                    "application": models.application_out(job).model_dump(mode="json") if job else None,
                }
            )
            targets = [only] if only is not None else list(self.sockets.get(ev["user_id"], ()))
            for ws in targets:
                if not ws.closed:
                    with contextlib.suppress(ConnectionError, RuntimeError):
                        await ws.send_str(msg)

    async def handle(self, request: web.Request) -> web.StreamResponse:
        ws = web.WebSocketResponse(heartbeat=20)
        await ws.prepare(request)
        if self.closing:  # the handshake raced the shutdown
            await _go_away(ws)
            return ws
        token = bearer(request)
        since: int | None = None
        if token is None:
            try:
                first = await ws.receive(timeout=10)
                data = parse_json(first.data) if first.type == WSMsgType.TEXT else {}
                token = data.get("token") if isinstance(data, dict) else None
                since = data.get("since") if isinstance(data, dict) else None
            except (TimeoutError, ValueError, TypeError, JobPilotError):  # hostile: not authenticated
                token = None
        user = await authenticate(self.store, token if isinstance(token, str) else None)
        if user is None and token is None:
            from jobpilot.fleet.accounts.routes import ACCOUNTS
            from jobpilot.fleet.accounts.sessions import socket_user

            config = request.app.get(ACCOUNTS)
            user = await socket_user(request, self.store, public_url=config.public_url if config else None)
        if user is None:
            await ws.send_json({"type": "error", "error": "missing or unknown API token"})
            await ws.close(code=4401, message=b"unauthorized")
            return ws
        await ws.send_json({"type": "hello", "user": user["name"], "last_event": self.last_id})
        if isinstance(since, int) and 0 <= since < self.last_id:
            # Ids in a gap come with the next poll, to every socket: not twice to this one.
            missed = [
                ev
                for ev in await self.store.events_after(since, limit=5000)
                if ev["id"] <= self.last_id and ev["id"] not in self.gaps
            ]
            await self._send([ev for ev in missed if ev["user_id"] == user["id"]], only=ws)
        if self.closing:
            await _go_away(ws)
            return ws
        self.sockets.setdefault(user["id"], set()).add(ws)
        try:
            async for msg in ws:
                if msg.type == WSMsgType.TEXT and msg.data == "ping":
                    await ws.send_str("pong")
        finally:
            socks = self.sockets.get(user["id"])
            if socks is not None:
                socks.discard(ws)
                if not socks:
                    del self.sockets[user["id"]]
        return ws


CLOSE_WAIT = 1.0
"""Seconds a going-away close waits for the client's answer before dropping the socket."""


async def _go_away(ws: web.WebSocketResponse) -> None:
    with contextlib.suppress(TimeoutError, ConnectionError, RuntimeError):
        await asyncio.wait_for(
            ws.close(code=WSCloseCode.GOING_AWAY, message=b"server shutting down"), CLOSE_WAIT
        )

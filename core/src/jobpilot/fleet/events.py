"""The WebSocket stream: every state change of a user's applications, as it happens.

State changes are rows of ``fleet_events`` written in the same transaction as the change
itself, by whichever process made it (a worker on another machine, the API). Each API
process follows that table (one query per ``poll`` interval, whoever is connected) and
sends each event to the sockets of its user only. A client that reconnects sends the last
event id it saw (``since``) and gets what it missed first.

Protocol: the client connects to ``/api/stream`` (token in the Authorization header, or
in a first message ``{"token": "...", "since": 0}``, as browsers cannot set headers on a
WebSocket); the server answers ``{"type": "hello", "user": ..., "last_event": N}`` and then
sends ``{"type": "event", "event": {...}, "application": {...}}`` per change.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from typing import Any

from aiohttp import WSMsgType, web

from jobpilot.fleet import models
from jobpilot.fleet.auth import authenticate, bearer
from jobpilot.fleet.queue import Queue
from jobpilot.fleet.store import FleetStore, is_transient

log = logging.getLogger("jobpilot.fleet.events")


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
    def __init__(self, store: FleetStore, queue: Queue, *, poll: float = 0.25) -> None:
        self.store = store
        self.queue = queue
        self.poll = poll
        self.sockets: dict[str, set[web.WebSocketResponse]] = {}
        self.last_id = 0
        self._task: asyncio.Task[None] | None = None

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

    async def _follow(self) -> None:
        while True:
            await asyncio.sleep(self.poll)
            if not self.sockets:
                # Nobody listening: just keep the position.
                try:
                    self.last_id = max(self.last_id, await self.store.last_event_id())
                except Exception as exc:
                    if not is_transient(exc):
                        log.exception("event stream")
                continue
            try:
                batch = await self.store.events_after(self.last_id)
            except Exception as exc:
                if not is_transient(exc):
                    log.exception("event stream")
                continue
            if not batch:
                continue
            self.last_id = batch[-1]["id"]
            await self._send(batch)

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
        token = bearer(request)
        since: int | None = None
        if token is None:
            try:
                first = await ws.receive(timeout=10)
                data = json.loads(first.data) if first.type == WSMsgType.TEXT else {}
                token = data.get("token") if isinstance(data, dict) else None
                since = data.get("since") if isinstance(data, dict) else None
            except (TimeoutError, ValueError, TypeError):
                token = None
        user = await authenticate(self.store, token if isinstance(token, str) else None)
        if user is None:
            await ws.send_json({"type": "error", "error": "missing or unknown API token"})
            await ws.close(code=4401, message=b"unauthorized")
            return ws
        await ws.send_json({"type": "hello", "user": user["name"], "last_event": self.last_id})
        if isinstance(since, int) and 0 <= since < self.last_id:
            missed = [
                ev for ev in await self.store.events_after(since, limit=5000) if ev["id"] <= self.last_id
            ]
            await self._send([ev for ev in missed if ev["user_id"] == user["id"]], only=ws)
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

"""The dashboard, the OpenAPI description and the WebSocket stream."""

from __future__ import annotations

from aiohttp import web

from jobpilot.fleet.api.common import (
    DASHBOARD,
    HUB,
    Route,
    json_response,
)


async def openapi_json(request: web.Request) -> web.Response:
    from jobpilot.fleet.openapi import spec

    return json_response(spec())


async def dashboard(request: web.Request) -> web.StreamResponse:
    return web.FileResponse(DASHBOARD / "index.html", headers={"Cache-Control": "no-store"})


async def stream(request: web.Request) -> web.StreamResponse:
    return await request.app[HUB].handle(request)


ROUTES: list[Route] = [
    ("GET", "/api/stream", stream),
    ("GET", "/openapi.json", openapi_json),
    ("GET", "/", dashboard),
]

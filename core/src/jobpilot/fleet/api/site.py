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


CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'"
)
"""The applicant's app has no inline script or style: everything comes from
``/dashboard/app/``, so injected markup cannot run script even if an escape is missed."""


async def dashboard(request: web.Request) -> web.StreamResponse:
    return web.FileResponse(
        DASHBOARD / "index.html",
        headers={
            "Cache-Control": "no-store",
            "Content-Security-Policy": CSP,
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "no-referrer",
        },
    )


async def operator_page(request: web.Request) -> web.StreamResponse:
    """The operator's page (``/operator``): workers, applications across users, users. The
    page itself holds nothing; its calls need the admin token."""
    return web.FileResponse(
        DASHBOARD / "operator.html",
        headers={
            "Cache-Control": "no-store",
            "Content-Security-Policy": CSP,
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "no-referrer",
        },
    )


async def stream(request: web.Request) -> web.StreamResponse:
    return await request.app[HUB].handle(request)


ROUTES: list[Route] = [
    ("GET", "/api/stream", stream),
    ("GET", "/openapi.json", openapi_json),
    ("GET", "/", dashboard),
    ("GET", "/operator", operator_page),
]

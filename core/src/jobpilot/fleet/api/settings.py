"""A user's settings: the content provider and the CAPTCHA solver their applications use
(offline and the person unless they opt in to another)."""

from __future__ import annotations

from aiohttp import web

from jobpilot.fleet import models
from jobpilot.fleet.api.common import STORE, Route, body_of, json_response, user_of


async def get_settings(request: web.Request) -> web.Response:
    return json_response(await request.app[STORE].settings_of(user_of(request)["id"]))


async def put_settings(request: web.Request) -> web.Response:
    body: models.UserSettingsIn = await body_of(request, models.UserSettingsIn)
    change = body.model_dump(exclude_none=True)
    return json_response(await request.app[STORE].update_settings(user_of(request)["id"], change))


ROUTES: list[Route] = [
    ("GET", "/api/me/settings", get_settings),
    ("PUT", "/api/me/settings", put_settings),
]

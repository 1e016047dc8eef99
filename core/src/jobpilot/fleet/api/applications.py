"""Applications: queue one, read them, and what a person does with one."""

from __future__ import annotations

from typing import get_args

from aiohttp import web

from jobpilot.errors import UsageError
from jobpilot.fleet import models
from jobpilot.fleet.api.common import (
    QUEUE,
    STORE,
    Route,
    body_of,
    int_query,
    json_response,
    user_of,
)
from jobpilot.fleet.events import event_out


async def enqueue(request: web.Request) -> web.Response:
    body = await body_of(request, models.ApplicationIn)
    job = await request.app[QUEUE].enqueue(
        user_of(request),
        applicant_id=body.applicant_id,
        url=body.url,
        resume_id=body.resume_id,
        submit=body.submit,
        priority=body.priority,
        max_attempts=body.max_attempts,
    )
    return json_response(models.application_out(job), 201)


async def list_applications(request: web.Request) -> web.Response:
    state = request.query.get("state")
    if state is not None and state not in get_args(models.State):
        raise UsageError(f"unknown state {state!r}")
    limit = int_query(request, "limit", 100, 1, 500)
    offset = int_query(request, "offset", 0, 0, 1_000_000)
    queue, user = request.app[QUEUE], user_of(request)
    jobs = await queue.list_jobs(user["id"], state=state, limit=limit, offset=offset)
    counts = await queue.counts(user["id"])
    return json_response(
        models.ApplicationList(items=[models.application_out(j) for j in jobs], counts=counts)
    )


async def get_application(request: web.Request) -> web.Response:
    job = await request.app[QUEUE].get(user_of(request)["id"], request.match_info["application_id"])
    return json_response(models.application_out(job))


async def history(request: web.Request) -> web.Response:
    user = user_of(request)
    job = await request.app[QUEUE].get(user["id"], request.match_info["application_id"])
    rows = await request.app[STORE].history(user["id"], job["id"])
    return json_response([event_out(r) for r in rows])


async def answer(request: web.Request) -> web.Response:
    body = await body_of(request, models.AnswerIn)
    job = await request.app[QUEUE].answer(
        user_of(request)["id"], request.match_info["application_id"], body.answer, fields=body.fields
    )
    return json_response(models.application_out(job))


async def resolve(request: web.Request) -> web.Response:
    body = await body_of(request, models.ResolveIn)
    job = await request.app[QUEUE].resolve(
        user_of(request)["id"], request.match_info["application_id"], submitted=body.submitted
    )
    return json_response(models.application_out(job))


async def cancel(request: web.Request) -> web.Response:
    job = await request.app[QUEUE].cancel(user_of(request)["id"], request.match_info["application_id"])
    return json_response(models.application_out(job))


async def retry(request: web.Request) -> web.Response:
    job = await request.app[QUEUE].retry_now(user_of(request)["id"], request.match_info["application_id"])
    return json_response(models.application_out(job))


ROUTES: list[Route] = [
    ("POST", "/api/applications", enqueue),
    ("GET", "/api/applications", list_applications),
    ("GET", "/api/applications/{application_id}", get_application),
    ("GET", "/api/applications/{application_id}/history", history),
    ("POST", "/api/applications/{application_id}/answer", answer),
    ("POST", "/api/applications/{application_id}/resolve", resolve),
    ("POST", "/api/applications/{application_id}/cancel", cancel),
    ("POST", "/api/applications/{application_id}/retry", retry),
]

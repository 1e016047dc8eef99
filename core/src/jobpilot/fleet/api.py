"""The fleet's HTTP API (aiohttp), described by ``/openapi.json`` (see ``openapi.py``).

Every route below ``/api`` except ``/api/health`` needs a user's token; every query is
scoped to that user. Errors are JSON ``{"error", "hint", "existing"}`` with a 4xx status;
bad input never reaches the database.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, get_args

from aiohttp import BodyPartReader, web
from pydantic import BaseModel, ValidationError

from jobpilot import __version__
from jobpilot.errors import JobPilotError, UsageError
from jobpilot.fleet import models
from jobpilot.fleet.auth import auth_problem, authenticate, bearer, is_admin, unauthorized
from jobpilot.fleet.events import EventHub, event_out
from jobpilot.fleet.inputs import check_text, parse_json, text_problem
from jobpilot.fleet.queue import Queue
from jobpilot.fleet.store import Conflict, FleetStore, NotFound, is_transient
from jobpilot.models.run import Disclosure

log = logging.getLogger("jobpilot.fleet.api")

DASHBOARD = Path(__file__).parent / "dashboard"
MAX_RESUME = 10 * 1024 * 1024

STORE: web.AppKey[FleetStore] = web.AppKey("store")
QUEUE: web.AppKey[Queue] = web.AppKey("queue")
HUB: web.AppKey[EventHub] = web.AppKey("hub")
ADMIN: web.AppKey[str | None] = web.AppKey("admin")
USER: web.RequestKey[dict[str, Any]] = web.RequestKey("fleet_user")

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def _json(data: Any, status: int = 200) -> web.Response:
    if isinstance(data, BaseModel):
        body = data.model_dump_json(by_alias=True)
    else:
        body = json.dumps(data, default=str)
    return web.Response(text=body, status=status, content_type="application/json")


def _error(status: int, message: str, hint: str | None = None, existing: str | None = None) -> web.Response:
    return _json(models.Error(error=message, hint=hint, existing=existing), status)


@web.middleware
async def errors(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Every failure becomes a JSON error with the right status; nothing leaks a traceback."""
    try:
        return await handler(request)
    except web.HTTPException as exc:
        if exc.content_type == "application/json":
            raise
        status = exc.status
        if status < 400:
            raise
        return _error(status, exc.reason or "error")
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or '(body)'}: {e['msg']}" for e in exc.errors()[:10]
        )
        return _error(400, f"invalid request: {problems}", hint="see /openapi.json for the expected shape")
    except NotFound as exc:
        return _error(404, exc.message)
    except Conflict as exc:
        return _error(409, exc.message, exc.hint, exc.existing)
    except UsageError as exc:
        return _error(400, exc.message, exc.hint)
    except JobPilotError as exc:
        return _error(422, exc.message, exc.hint)
    except Exception as exc:
        if is_transient(exc):
            return _error(503, "the database is unavailable; try again shortly")
        log.exception("unhandled error on %s %s", request.method, request.path)
        return _error(500, "internal error")


@web.middleware
async def auth(request: web.Request, handler: Handler) -> web.StreamResponse:
    path = request.path
    public = (
        not path.startswith("/api/")
        or path == "/api/health"
        or path == "/api/stream"  # authenticates inside the socket
        or (path == "/api/users" and request.method == "POST")  # admin token, checked there
    )
    if not public:
        token = bearer(request)
        if token is None:
            raise unauthorized(auth_problem(request))
        user = await authenticate(request.app[STORE], token)
        if user is None:
            raise unauthorized("unknown API token")
        request[USER] = user
    return await handler(request)


@web.middleware
async def clean_input(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Path ids and query values that cannot be stored as text (NUL, lone surrogates) are
    refused before any handler uses them in a query."""
    for name, value in request.match_info.items():
        problem = text_problem(value)
        if problem is not None:
            raise UsageError(f"the path's {name} contains {problem}")
    for name, value in request.query.items():
        check_text(name, "a query parameter name")
        check_text(value, f"the query parameter {name!r}")
    return await handler(request)


async def _body(request: web.Request, model: type[BaseModel]) -> Any:
    if request.content_type != "application/json":
        raise UsageError("send a JSON body", hint="Content-Type: application/json")
    try:
        raw = await request.text()
    except UnicodeDecodeError as exc:
        raise UsageError(f"the body is not UTF-8: {exc}") from exc
    return model.model_validate(parse_json(raw))


def _user(request: web.Request) -> dict[str, Any]:
    return request[USER]


def _int(request: web.Request, name: str, default: int, lo: int, hi: int) -> int:
    raw = request.query.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise UsageError(f"{name} must be an integer") from None
    if not lo <= value <= hi:
        raise UsageError(f"{name} must be between {lo} and {hi}")
    return value


# --- handlers -------------------------------------------------------------------------


async def health(request: web.Request) -> web.Response:
    store = request.app[STORE]
    try:
        await store.last_event_id()
        ok, db = True, "postgresql" if store.is_postgres else "sqlite"
    except Exception:
        ok, db = False, "unreachable"
    return _json(models.Health(ok=ok, database=db, version=__version__), 200 if ok else 503)


async def create_user(request: web.Request) -> web.Response:
    if not is_admin(request, request.app[ADMIN]):
        raise unauthorized("creating users needs the operator's admin token")
    body = await _body(request, models.UserIn)
    store = request.app[STORE]
    user = await store.create_user(body.name, tier=body.tier, daily_cap=body.daily_cap)
    token = await store.issue_token(user["id"], label="first")
    return _json(models.NewToken(user_id=user["id"], token=token), 201)


async def me(request: web.Request) -> web.Response:
    user = _user(request)
    used = await request.app[QUEUE].submitted_today(user["id"])
    return _json(
        models.User(
            id=user["id"],
            name=user["name"],
            tier=user["tier"],
            daily_cap=user["daily_cap"],
            submitted_today=used,
        )
    )


async def new_token(request: web.Request) -> web.Response:
    body = await _body(request, models.TokenIn)
    user = _user(request)
    token = await request.app[STORE].issue_token(user["id"], label=body.label)
    return _json(models.NewToken(user_id=user["id"], token=token), 201)


def _resume_out(r: dict[str, Any]) -> models.Resume:
    return models.Resume(
        id=r["id"],
        name=r["name"],
        filename=r["filename"],
        content_type=r["content_type"],
        size=r["size"],
        sha256=r["sha256"],
        default=bool(r["is_default"]),
    )


async def _applicant_out(
    store: FleetStore, user_id: str, row: dict[str, Any], *, detail: bool = False
) -> Any:
    resumes = [_resume_out(r) for r in await store.list_resumes(user_id, row["id"])]
    base = {
        "id": row["id"],
        "name": row["name"],
        "created_at": models.ts(row["created_at"]),
        "updated_at": models.ts(row["updated_at"]),
        "resumes": resumes,
    }
    if detail:
        return models.ApplicantDetail(**base, profile=await store.profile_of(row["id"]))
    return models.Applicant(**base)


async def create_applicant(request: web.Request) -> web.Response:
    body = await _body(request, models.ApplicantIn)
    store, user = request.app[STORE], _user(request)
    row = await store.create_applicant(user["id"], body.name, body.profile)
    return _json(await _applicant_out(store, user["id"], row), 201)


async def list_applicants(request: web.Request) -> web.Response:
    store, user = request.app[STORE], _user(request)
    rows = await store.list_applicants(user["id"])
    return _json([(await _applicant_out(store, user["id"], r)).model_dump(mode="json") for r in rows])


async def get_applicant(request: web.Request) -> web.Response:
    store, user = request.app[STORE], _user(request)
    row = await store.get_applicant(user["id"], request.match_info["applicant_id"])
    return _json(await _applicant_out(store, user["id"], row, detail=True))


async def put_profile(request: web.Request) -> web.Response:
    body = await _body(request, models.ProfileIn)
    store, user = request.app[STORE], _user(request)
    row = await store.update_profile(user["id"], request.match_info["applicant_id"], body.profile)
    return _json(await _applicant_out(store, user["id"], row, detail=True))


async def delete_applicant(request: web.Request) -> web.Response:
    store, user = request.app[STORE], _user(request)
    await store.delete_applicant(user["id"], request.match_info["applicant_id"])
    return web.Response(status=204)


async def upload_resume(request: web.Request) -> web.Response:
    store, user = request.app[STORE], _user(request)
    applicant_id = request.match_info["applicant_id"]
    await store.get_applicant(user["id"], applicant_id)
    if not request.content_type.startswith("multipart/"):
        raise UsageError("upload the resume as multipart/form-data with a 'file' part")
    name: str | None = None
    default = False
    file: tuple[str, str, bytes] | None = None
    try:
        reader = await request.multipart()
        async for part in reader:
            if not isinstance(part, BodyPartReader):
                continue
            if part.name == "file" and part.filename:
                data = await part.read(decode=True)
                if len(data) > MAX_RESUME:
                    raise UsageError(f"the resume is larger than {MAX_RESUME // 1024 // 1024} MiB")
                ctype = part.headers.get("Content-Type", "application/octet-stream")
                file = (part.filename, ctype, bytes(data))
            elif part.name == "name":
                name = (await part.text())[:200]
            elif part.name == "default":
                default = (await part.text()).strip().lower() in ("1", "true", "yes", "on")
    except UsageError:
        raise
    except Exception as exc:  # whatever aiohttp's multipart reader refuses is the client's
        raise UsageError(f"malformed multipart body: {type(exc).__name__}: {exc}"[:300]) from exc
    if file is None or not file[2]:
        raise UsageError("no file: send a non-empty 'file' part with a filename")
    check_text(str(file[0]), "the file name")
    check_text(str(file[1]), "the file's Content-Type")
    check_text(name or "", "the resume's name")
    filename = Path(str(file[0])).name[:255] or "resume"
    row = await store.add_resume(
        user["id"],
        applicant_id,
        name=(name or filename).strip() or filename,
        filename=filename,
        content_type=str(file[1])[:100],
        data=file[2],
        default=default,
    )
    return _json(_resume_out(row), 201)


async def list_resumes(request: web.Request) -> web.Response:
    store, user = request.app[STORE], _user(request)
    rows = await store.list_resumes(user["id"], request.match_info["applicant_id"])
    return _json([_resume_out(r).model_dump(mode="json") for r in rows])


async def enqueue(request: web.Request) -> web.Response:
    body = await _body(request, models.ApplicationIn)
    job = await request.app[QUEUE].enqueue(
        _user(request),
        applicant_id=body.applicant_id,
        url=body.url,
        resume_id=body.resume_id,
        submit=body.submit,
        priority=body.priority,
        max_attempts=body.max_attempts,
    )
    return _json(models.application_out(job), 201)


async def list_applications(request: web.Request) -> web.Response:
    state = request.query.get("state")
    if state is not None and state not in get_args(models.State):
        raise UsageError(f"unknown state {state!r}")
    limit = _int(request, "limit", 100, 1, 500)
    offset = _int(request, "offset", 0, 0, 1_000_000)
    queue, user = request.app[QUEUE], _user(request)
    jobs = await queue.list_jobs(user["id"], state=state, limit=limit, offset=offset)
    counts = await queue.counts(user["id"])
    return _json(models.ApplicationList(items=[models.application_out(j) for j in jobs], counts=counts))


async def get_application(request: web.Request) -> web.Response:
    job = await request.app[QUEUE].get(_user(request)["id"], request.match_info["application_id"])
    return _json(models.application_out(job))


async def evidence(request: web.Request) -> web.Response:
    job = await request.app[QUEUE].get(_user(request)["id"], request.match_info["application_id"])
    files = await request.app[STORE].evidence_names(job["id"])
    record = job["record"] or {}
    results = record.get("results") or []
    plan = models.FillPlan.model_validate(record["plan"]) if record.get("plan") else None
    out = models.Evidence(
        application_id=job["id"],
        state=job["state"],
        files=[
            models.FileRef(
                name=name, content_type=ct, size=size, url=f"/api/applications/{job['id']}/evidence/{name}"
            )
            for name, ct, size in files
        ],
        plan=plan,
        needs_user=list(record.get("needs_user") or []),
        confirmation_text=(record.get("evidence") or {}).get("confirmation_text"),
        error=record.get("error") or job["last_error"],
        filled=sum(1 for r in results if r.get("ok")),
        failed=sum(1 for r in results if not r.get("ok")),
        disclosures=[Disclosure.model_validate(d) for d in record.get("disclosures") or []],
    )
    return _json(out)


async def evidence_file(request: web.Request) -> web.StreamResponse:
    job = await request.app[QUEUE].get(_user(request)["id"], request.match_info["application_id"])
    found = await request.app[STORE].evidence_file(job["id"], request.match_info["name"])
    if found is None:
        raise NotFound(f"no evidence file {request.match_info['name']!r}")
    ctype, data = found
    return web.Response(
        body=data, content_type=ctype.split(";")[0], headers={"Cache-Control": "private, max-age=60"}
    )


async def history(request: web.Request) -> web.Response:
    user = _user(request)
    job = await request.app[QUEUE].get(user["id"], request.match_info["application_id"])
    rows = await request.app[STORE].history(user["id"], job["id"])
    return _json([event_out(r) for r in rows])


async def answer(request: web.Request) -> web.Response:
    body = await _body(request, models.AnswerIn)
    job = await request.app[QUEUE].answer(
        _user(request)["id"], request.match_info["application_id"], body.answer, fields=body.fields
    )
    return _json(models.application_out(job))


async def resolve(request: web.Request) -> web.Response:
    body = await _body(request, models.ResolveIn)
    job = await request.app[QUEUE].resolve(
        _user(request)["id"], request.match_info["application_id"], submitted=body.submitted
    )
    return _json(models.application_out(job))


async def cancel(request: web.Request) -> web.Response:
    job = await request.app[QUEUE].cancel(_user(request)["id"], request.match_info["application_id"])
    return _json(models.application_out(job))


async def retry(request: web.Request) -> web.Response:
    job = await request.app[QUEUE].retry_now(_user(request)["id"], request.match_info["application_id"])
    return _json(models.application_out(job))


async def openapi_json(request: web.Request) -> web.Response:
    from jobpilot.fleet.openapi import spec

    return _json(spec())


async def dashboard(request: web.Request) -> web.StreamResponse:
    return web.FileResponse(DASHBOARD / "index.html", headers={"Cache-Control": "no-store"})


async def stream(request: web.Request) -> web.StreamResponse:
    return await request.app[HUB].handle(request)


ROUTES: list[tuple[str, str, Handler]] = [
    ("GET", "/api/health", health),
    ("POST", "/api/users", create_user),
    ("GET", "/api/me", me),
    ("POST", "/api/tokens", new_token),
    ("POST", "/api/applicants", create_applicant),
    ("GET", "/api/applicants", list_applicants),
    ("GET", "/api/applicants/{applicant_id}", get_applicant),
    ("DELETE", "/api/applicants/{applicant_id}", delete_applicant),
    ("PUT", "/api/applicants/{applicant_id}/profile", put_profile),
    ("POST", "/api/applicants/{applicant_id}/resumes", upload_resume),
    ("GET", "/api/applicants/{applicant_id}/resumes", list_resumes),
    ("POST", "/api/applications", enqueue),
    ("GET", "/api/applications", list_applications),
    ("GET", "/api/applications/{application_id}", get_application),
    ("GET", "/api/applications/{application_id}/evidence", evidence),
    ("GET", "/api/applications/{application_id}/evidence/{name}", evidence_file),
    ("GET", "/api/applications/{application_id}/history", history),
    ("POST", "/api/applications/{application_id}/answer", answer),
    ("POST", "/api/applications/{application_id}/resolve", resolve),
    ("POST", "/api/applications/{application_id}/cancel", cancel),
    ("POST", "/api/applications/{application_id}/retry", retry),
    ("GET", "/api/stream", stream),
    ("GET", "/openapi.json", openapi_json),
    ("GET", "/", dashboard),
]


def create_app(
    store: FleetStore,
    queue: Queue | None = None,
    *,
    admin_token: str | None = None,
    reap_every: float | None = 5.0,
    event_poll: float = 0.25,
) -> web.Application:
    """The API application. The store is opened on startup and closed on cleanup; with
    ``reap_every`` the server also takes back applications of dead workers."""
    app = web.Application(middlewares=[errors, auth, clean_input], client_max_size=MAX_RESUME + 1024 * 1024)
    queue = queue or Queue(store)
    app[STORE] = store
    app[QUEUE] = queue
    app[ADMIN] = admin_token
    app[HUB] = EventHub(store, queue, poll=event_poll)
    for method, path, handler in ROUTES:
        app.router.add_route(method, path, handler)
    app.router.add_static("/dashboard/", DASHBOARD)

    async def lifecycle(app: web.Application) -> Any:
        await store.open()
        await app[HUB].start()
        reaper = asyncio.create_task(_reap(queue, reap_every)) if reap_every else None
        yield
        if reaper is not None:
            reaper.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await reaper
        await app[HUB].stop()
        await store.close()

    app.cleanup_ctx.append(lifecycle)
    return app


async def _reap(queue: Queue, every: float) -> None:
    while True:
        await asyncio.sleep(every)
        try:
            await queue.reap()
        except Exception as exc:
            if not is_transient(exc):
                log.exception("reaper")

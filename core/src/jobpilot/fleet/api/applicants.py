"""Applicants, their profiles and resumes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from aiohttp import BodyPartReader, web

from jobpilot.errors import UsageError
from jobpilot.fleet import models
from jobpilot.fleet.api.common import (
    MAX_RESUME,
    STORE,
    Route,
    body_of,
    json_response,
    user_of,
)
from jobpilot.fleet.inputs import check_text
from jobpilot.fleet.store import FleetStore


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
    body = await body_of(request, models.ApplicantIn)
    store, user = request.app[STORE], user_of(request)
    row = await store.create_applicant(user["id"], body.name, body.profile)
    return json_response(await _applicant_out(store, user["id"], row), 201)


async def list_applicants(request: web.Request) -> web.Response:
    store, user = request.app[STORE], user_of(request)
    rows = await store.list_applicants(user["id"])
    return json_response([(await _applicant_out(store, user["id"], r)).model_dump(mode="json") for r in rows])


async def get_applicant(request: web.Request) -> web.Response:
    store, user = request.app[STORE], user_of(request)
    row = await store.get_applicant(user["id"], request.match_info["applicant_id"])
    return json_response(await _applicant_out(store, user["id"], row, detail=True))


async def put_profile(request: web.Request) -> web.Response:
    body = await body_of(request, models.ProfileIn)
    store, user = request.app[STORE], user_of(request)
    row = await store.update_profile(user["id"], request.match_info["applicant_id"], body.profile)
    return json_response(await _applicant_out(store, user["id"], row, detail=True))


async def delete_applicant(request: web.Request) -> web.Response:
    store, user = request.app[STORE], user_of(request)
    await store.delete_applicant(user["id"], request.match_info["applicant_id"])
    return web.Response(status=204)


async def upload_resume(request: web.Request) -> web.Response:
    store, user = request.app[STORE], user_of(request)
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
    return json_response(_resume_out(row), 201)


async def list_resumes(request: web.Request) -> web.Response:
    store, user = request.app[STORE], user_of(request)
    rows = await store.list_resumes(user["id"], request.match_info["applicant_id"])
    return json_response([_resume_out(r).model_dump(mode="json") for r in rows])


ROUTES: list[Route] = [
    ("POST", "/api/applicants", create_applicant),
    ("GET", "/api/applicants", list_applicants),
    ("GET", "/api/applicants/{applicant_id}", get_applicant),
    ("DELETE", "/api/applicants/{applicant_id}", delete_applicant),
    ("PUT", "/api/applicants/{applicant_id}/profile", put_profile),
    ("POST", "/api/applicants/{applicant_id}/resumes", upload_resume),
    ("GET", "/api/applicants/{applicant_id}/resumes", list_resumes),
]

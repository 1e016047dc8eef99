"""An application's evidence: the summary, its files, the disclosure log."""

from __future__ import annotations

from aiohttp import web

from jobpilot.fleet import models
from jobpilot.fleet.api.common import (
    QUEUE,
    STORE,
    Route,
    json_response,
    user_of,
)
from jobpilot.fleet.store import NotFound
from jobpilot.models.run import Disclosure


async def evidence(request: web.Request) -> web.Response:
    job = await request.app[QUEUE].get(user_of(request)["id"], request.match_info["application_id"])
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
    return json_response(out)


async def evidence_file(request: web.Request) -> web.StreamResponse:
    job = await request.app[QUEUE].get(user_of(request)["id"], request.match_info["application_id"])
    found = await request.app[STORE].evidence_file(job["id"], request.match_info["name"])
    if found is None:
        raise NotFound(f"no evidence file {request.match_info['name']!r}")
    ctype, data = found
    return web.Response(
        body=data, content_type=ctype.split(";")[0], headers={"Cache-Control": "private, max-age=60"}
    )


ROUTES: list[Route] = [
    ("GET", "/api/applications/{application_id}/evidence", evidence),
    ("GET", "/api/applications/{application_id}/evidence/{name}", evidence_file),
]

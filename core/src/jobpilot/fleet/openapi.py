"""The OpenAPI 3.1 description of the fleet API, built from the pydantic models the
handlers validate with (served at ``/openapi.json``; ``jobpilot serve --openapi`` prints it).
"""

from __future__ import annotations

from functools import cache
from typing import Any, Literal, get_args

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from jobpilot import __version__
from jobpilot.fleet import models as m
from jobpilot.fleet import operator_models as om
from jobpilot.fleet.api import drafts as _drafts

REF = "#/components/schemas/{model}"

# (method, path, operation id, summary, request body, {status: response})
# request body: a model, "multipart" or None; response: a model, [model], "png", "bytes" or None
OPERATIONS: list[tuple[str, str, str, str, Any, dict[int, Any]]] = [
    (
        "get",
        "/api/health",
        "health",
        "Is the API up and its database reachable?",
        None,
        {200: m.Health, 503: m.Health},
    ),
    (
        "post",
        "/api/users",
        "createUser",
        "Create a user (operator's admin token); returns its first API token",
        m.UserIn,
        {201: m.NewToken, 400: m.Error, 401: m.Error, 409: m.Error},
    ),
    (
        "get",
        "/api/me",
        "me",
        "The token's user, plan tier, daily cap and today's submissions",
        None,
        {200: m.User},
    ),
    (
        "get",
        "/api/me/settings",
        "getSettings",
        "Your settings: the content provider and CAPTCHA solver your applications use",
        None,
        {200: m.UserSettings},
    ),
    (
        "put",
        "/api/me/settings",
        "putSettings",
        "Change your settings (fields left out keep their value): opt in to a content provider"
        " or CAPTCHA solver, or back to the defaults (offline, person)",
        m.UserSettingsIn,
        {200: m.UserSettings, 400: m.Error},
    ),
    (
        "post",
        "/api/tokens",
        "createToken",
        "Issue another API token for yourself",
        m.TokenIn,
        {201: m.NewToken, 400: m.Error},
    ),
    (
        "post",
        "/api/applicants",
        "createApplicant",
        "Create an applicant with a profile (encrypted at rest)",
        m.ApplicantIn,
        {201: m.Applicant, 400: m.Error},
    ),
    ("get", "/api/applicants", "listApplicants", "Your applicants", None, {200: [m.Applicant]}),
    (
        "get",
        "/api/applicants/{applicant_id}",
        "getApplicant",
        "An applicant with profile and resumes",
        None,
        {200: m.ApplicantDetail, 404: m.Error},
    ),
    (
        "delete",
        "/api/applicants/{applicant_id}",
        "deleteApplicant",
        "Delete an applicant and its resumes",
        None,
        {204: None, 404: m.Error},
    ),
    (
        "put",
        "/api/applicants/{applicant_id}/profile",
        "putProfile",
        "Replace an applicant's profile",
        m.ProfileIn,
        {200: m.ApplicantDetail, 400: m.Error, 404: m.Error},
    ),
    (
        "post",
        "/api/applicants/{applicant_id}/resumes",
        "uploadResume",
        "Upload a resume file (multipart: file, name, default)",
        "multipart",
        {201: m.Resume, 400: m.Error, 404: m.Error, 413: m.Error},
    ),
    (
        "get",
        "/api/applicants/{applicant_id}/resumes",
        "listResumes",
        "An applicant's resumes",
        None,
        {200: [m.Resume], 404: m.Error},
    ),
    (
        "post",
        "/api/resume/draft",
        "resumeDraft",
        "Read a resume file (multipart: file; PDF, DOCX or text) into a draft profile to review;"
        " nothing is stored",
        "multipart",
        {200: _drafts.ResumeDraftOut, 400: m.Error, 413: m.Error},
    ),
    (
        "post",
        "/api/applications",
        "enqueue",
        "Queue an application: URL, applicant, resume, submit or fill only. 409 when the same job is "
        "already queued or done for this applicant",
        m.ApplicationIn,
        {201: m.Application, 400: m.Error, 404: m.Error, 409: m.Error},
    ),
    (
        "get",
        "/api/applications",
        "listApplications",
        "Your applications, newest first, with counts per state",
        None,
        {200: m.ApplicationList, 400: m.Error},
    ),
    (
        "get",
        "/api/applications/{application_id}",
        "getApplication",
        "An application's state",
        None,
        {200: m.Application, 404: m.Error},
    ),
    (
        "get",
        "/api/applications/{application_id}/evidence",
        "getEvidence",
        "Evidence: screenshots and files, the fill plan, what was left for a person, and the "
        "disclosure log (what was sent to which AI provider)",
        None,
        {200: m.Evidence, 404: m.Error},
    ),
    (
        "get",
        "/api/applications/{application_id}/evidence/{name}",
        "getEvidenceFile",
        "One evidence file (a PNG screenshot, the snapshot or plan JSON)",
        None,
        {200: "bytes", 404: m.Error},
    ),
    (
        "get",
        "/api/applications/{application_id}/history",
        "getHistory",
        "Every state change, oldest first",
        None,
        {200: [m.Event], 404: m.Error},
    ),
    (
        "post",
        "/api/applications/{application_id}/answer",
        "answer",
        "Answer a hand-off (security code, CAPTCHA token, missing field); the application resumes. "
        "A CAPTCHA token only fits the page that is open now: a parked CAPTCHA asks again. Values "
        "for required fields left empty are saved in the applicant's profile",
        m.AnswerIn,
        {200: m.Application, 400: m.Error, 404: m.Error, 409: m.Error},
    ),
    (
        "post",
        "/api/applications/{application_id}/resolve",
        "resolve",
        "Resolve needs_verification (or a question parked after the submit click): it went through "
        "(submitted) or not (queued again, as a new submission)",
        m.ResolveIn,
        {200: m.Application, 400: m.Error, 404: m.Error, 409: m.Error},
    ),
    (
        "post",
        "/api/applications/{application_id}/cancel",
        "cancel",
        "Cancel a queued or waiting application",
        None,
        {200: m.Application, 404: m.Error, 409: m.Error},
    ),
    (
        "post",
        "/api/applications/{application_id}/retry",
        "retry",
        "Queue a dead-lettered, failed or cancelled application again",
        None,
        {200: m.Application, 404: m.Error, 409: m.Error},
    ),
    ("get", "/api/health/live", "live", "Liveness: the process answers", None, {200: om.Liveness}),
    (
        "get",
        "/api/health/ready",
        "ready",
        "Readiness: database reachable, schema current, not shutting down",
        None,
        {200: om.Readiness, 503: om.Readiness},
    ),
    # The operator's routes (admin token): the worker registry, applications across users,
    # bulk actions, user admin.
    (
        "get",
        "/api/admin/workers",
        "adminWorkers",
        "Live workers and API processes (all=true: stopped ones too)",
        None,
        {200: [om.WorkerInfo]},
    ),
    (
        "get",
        "/api/admin/applications",
        "adminApplications",
        "Applications across users, with the counts by state",
        None,
        {200: om.AdminApplicationList, 400: m.Error},
    ),
    *[
        (
            "post",
            f"/api/admin/applications/{action}",
            f"admin{action.title()}",
            f"{action.title()} applications by ids or a filter (each by the queue's rules)",
            om.BulkIn,
            {200: om.BulkResult, 400: m.Error},
        )
        for action in ("retry", "release", "cancel")
    ],
    ("get", "/api/admin/users", "adminUsers", "Every user with usage", None, {200: [om.AdminUser]}),
    (
        "get",
        "/api/admin/users/{user_id}",
        "adminUser",
        "One user",
        None,
        {200: om.AdminUser, 404: m.Error},
    ),
    (
        "patch",
        "/api/admin/users/{user_id}",
        "adminSetUser",
        "Change a user's plan, daily cap, concurrency or disabled switch",
        om.UserPatchIn,
        {200: om.AdminUser, 404: m.Error},
    ),
    (
        "get",
        "/api/admin/users/{user_id}/tokens",
        "adminTokens",
        "A user's API tokens (ids, labels; never the tokens)",
        None,
        {200: [om.AdminToken], 404: m.Error},
    ),
    (
        "delete",
        "/api/admin/users/{user_id}/tokens/{token_id}",
        "adminRevoke",
        "Revoke a user's token",
        None,
        {204: None, 404: m.Error},
    ),
]

ADMIN_QUERY: dict[str, list[dict[str, Any]]] = {
    "adminWorkers": [{"name": "all", "in": "query", "required": False, "schema": {"type": "boolean"}}],
    "adminApplications": [
        {
            "name": "state",
            "in": "query",
            "required": False,
            "schema": {"type": "string", "pattern": om.STATE_LIST},
        },
        {"name": "user_id", "in": "query", "required": False, "schema": {"type": "string", "maxLength": 64}},
        {"name": "site", "in": "query", "required": False, "schema": {"type": "string", "maxLength": 255}},
        {
            "name": "limit",
            "in": "query",
            "required": False,
            "schema": {"type": "integer", "minimum": 1, "maximum": 500, "default": 100},
        },
        {
            "name": "offset",
            "in": "query",
            "required": False,
            "schema": {"type": "integer", "minimum": 0, "maximum": 1_000_000, "default": 0},
        },
    ],
}

PATH_PARAMS = {
    "user_id": "A user id (operator's routes)",
    "token_id": "A token id: the first 16 hex digits of its digest (GET .../tokens lists them)",
    "applicant_id": "An applicant id (yours; another user's answers 404)",
    "application_id": "An application id (yours; another user's answers 404)",
    "name": "An evidence file name, e.g. final.png",
}


def _operations() -> list[tuple[str, str, str, str, Any, dict[int, Any]]]:
    """The core routes' operations and the account routes' (``openapi_accounts``)."""
    from jobpilot.fleet import openapi_accounts

    return [*OPERATIONS, *openapi_accounts.OPERATIONS]


def _collect_models() -> list[type[BaseModel]]:
    out: list[type[BaseModel]] = []
    for *_, body, responses in _operations():
        for item in (body, *responses.values()):
            model = item[0] if isinstance(item, list) else item
            if isinstance(model, type) and issubclass(model, BaseModel) and model not in out:
                out.append(model)
    return out


def _ref(model: type[BaseModel]) -> dict[str, str]:
    return {"$ref": REF.format(model=model.__name__)}


def _content(item: Any) -> dict[str, Any] | None:
    if item is None:
        return None
    if item == "zip":
        return {"application/zip": {"schema": {"type": "string", "format": "binary"}}}
    if item == "raw":
        return {"application/json": {"schema": {"type": "object"}}}
    if item == "bytes":
        return {
            "image/png": {"schema": {"type": "string", "format": "binary"}},
            "application/json": {"schema": {}},
            "application/octet-stream": {"schema": {"type": "string", "format": "binary"}},
        }
    if isinstance(item, list):
        return {"application/json": {"schema": {"type": "array", "items": _ref(item[0])}}}
    return {"application/json": {"schema": _ref(item)}}


@cache
def spec() -> dict[str, Any]:
    models = _collect_models()
    modes: list[tuple[type[BaseModel], Literal["validation", "serialization"]]] = [
        (model, "validation" if model.__name__.endswith("In") else "serialization") for model in models
    ]
    _, top = models_json_schema(modes, ref_template=REF, by_alias=True)
    schemas: dict[str, Any] = dict(top.get("$defs", {}))
    paths: dict[str, Any] = {}
    from jobpilot.fleet.openapi_accounts import PATH_PARAMS as ACCOUNT_PARAMS
    from jobpilot.fleet.openapi_accounts import PUBLIC, SESSION_ONLY

    descriptions = {**PATH_PARAMS, **ACCOUNT_PARAMS}
    for method, path, op_id, summary, body, responses in _operations():
        op: dict[str, Any] = {"operationId": op_id, "summary": summary, "responses": {}}
        params = [p.strip("{}") for p in path.split("/") if p.startswith("{")]
        op["parameters"] = [
            {
                "name": p,
                "in": "path",
                "required": True,
                "description": descriptions[p],
                "schema": {"type": "string", "minLength": 1, "maxLength": 200},
            }
            for p in params
        ]
        if op_id == "listApplications":
            op["parameters"] += [
                {
                    "name": "state",
                    "in": "query",
                    "required": False,
                    "schema": {"type": "string", "enum": list(get_args(m.State))},
                },
                {
                    "name": "limit",
                    "in": "query",
                    "required": False,
                    "schema": {"type": "integer", "minimum": 1, "maximum": 500, "default": 100},
                },
                {
                    "name": "offset",
                    "in": "query",
                    "required": False,
                    "schema": {"type": "integer", "minimum": 0, "maximum": 1_000_000, "default": 0},
                },
            ]
        op["parameters"] += ADMIN_QUERY.get(op_id, [])
        if body == "multipart":
            op["requestBody"] = {
                "required": True,
                "content": {
                    "multipart/form-data": {
                        "schema": {
                            "type": "object",
                            "required": ["file"],
                            "properties": {
                                "file": {"type": "string", "format": "binary"},
                                "name": {"type": "string", "maxLength": 200},
                                "default": {"type": "string", "enum": ["true", "false"]},
                            },
                        }
                    }
                },
            }
        elif body is not None:
            op["requestBody"] = {"required": True, "content": _content(body)}
        public = op_id in ("health", "live", "ready") or op_id in PUBLIC
        if not public:
            responses = {**responses, 401: m.Error}
        if op_id == "createUser" or path.startswith("/api/admin/"):
            op["security"] = [{"adminToken": []}]
        elif public:
            op["security"] = []
        elif op_id in SESSION_ONLY:
            op["security"] = [{"sessionCookie": []}]
        for status, item in sorted(responses.items()):
            resp: dict[str, Any] = {"description": _describe(status)}
            content = _content(item)
            if content is not None:
                resp["content"] = content
            op["responses"][str(status)] = resp
        if body is not None or params:
            op["responses"].setdefault("400", {"description": _describe(400), "content": _content(m.Error)})
        paths.setdefault(path, {})[method] = op
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "JobPilot fleet API",
            "version": __version__,
            "description": "Queue job applications for your applicants and follow them: state, "
            "evidence, history and hand-offs. Every object belongs to the token's user. "
            "State changes stream over the WebSocket at /api/stream. The dashboard signs in with"
            " e-mail and password (a session cookie) instead of a token.",
        },
        "servers": [{"url": "/"}],
        "security": [{"bearerToken": []}, {"sessionCookie": []}],
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {
                "bearerToken": {"type": "http", "scheme": "bearer", "description": "a user's API token"},
                "adminToken": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "the operator's admin token",
                },
                "sessionCookie": {
                    "type": "apiKey",
                    "in": "cookie",
                    "name": "jp_session",
                    "description": "the dashboard's session (POST /api/auth/signin); every"
                    " state-changing request also sends the session's CSRF token in X-CSRF-Token",
                },
            },
        },
    }


def _describe(status: int) -> str:
    return {
        200: "OK",
        201: "Created",
        202: "Accepted",
        204: "Done, nothing to return",
        400: "Invalid input",
        401: "Missing or unknown token",
        404: "Not found (or not yours)",
        403: "Refused (CSRF token, confirmation, or not allowed)",
        409: "Conflicts with the current state",
        413: "Too large",
        429: "Too many attempts; wait (Retry-After)",
        503: "Database unreachable",
    }.get(status, "")

"""JSON Schemas of everything that crosses the port, and the validators the host uses.

Three kinds of message share the port (see PROTOCOL.md):

- a **request** ``{id, action, payload}`` (either side may send one);
- a **response** ``{id, status: "ok", data}`` or ``{id, status: "error", code, message}``;
- a **chunk** ``{chunk: {id, seq, total, data}}``: one piece of a host->browser message that
  is over Chrome's 1 MiB limit (base64 of its UTF-8 JSON), only ever sent by the host.

Every incoming message is checked against :data:`ENVELOPE`; a request's payload against
the schema of its action; a response to one of the host's own requests against the schema
of what was asked (:data:`PAGE_REPLIES`).
"""

from __future__ import annotations

from typing import Any

from jsonschema import Draft202012Validator

Schema = dict[str, Any]

ID: Schema = {"type": ["string", "integer"], "maxLength": 64}
ACTION_NAME: Schema = {"type": "string", "pattern": "^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*$", "maxLength": 64}

REQUEST: Schema = {
    "type": "object",
    "required": ["id", "action"],
    "properties": {"id": ID, "action": ACTION_NAME, "payload": {"type": "object"}},
    "additionalProperties": False,
}
RESPONSE_OK: Schema = {
    "type": "object",
    "required": ["id", "status"],
    "properties": {"id": ID, "status": {"const": "ok"}, "data": {}},
    "additionalProperties": False,
}
RESPONSE_ERROR: Schema = {
    "type": "object",
    "required": ["id", "status", "code", "message"],
    "properties": {
        "id": {"type": ["string", "integer", "null"], "maxLength": 64},
        "status": {"const": "error"},
        "code": {"type": "string", "pattern": "^[a-z][a-z0-9_]*$"},
        "message": {"type": "string"},
        "data": {},
    },
    "additionalProperties": False,
}
CHUNK: Schema = {
    "type": "object",
    "required": ["chunk"],
    "properties": {
        "chunk": {
            "type": "object",
            "required": ["id", "seq", "total", "data"],
            "properties": {
                "id": {"type": "string"},
                "seq": {"type": "integer", "minimum": 0},
                "total": {"type": "integer", "minimum": 1},
                "data": {"type": "string", "contentEncoding": "base64"},
            },
            "additionalProperties": False,
        }
    },
    "additionalProperties": False,
}
ENVELOPE: Schema = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "JobPilot native-messaging message (browser -> host)",
    "oneOf": [REQUEST, RESPONSE_OK, RESPONSE_ERROR],
}

# --- payloads of the requests the extension sends -------------------------------------

TAB_ID: Schema = {"type": "integer", "minimum": 0}
PROFILE: Schema = {"type": "string", "minLength": 1, "maxLength": 100}
RESUME: Schema = {"type": "string", "minLength": 1, "maxLength": 1000}


def _obj(properties: Schema, required: tuple[str, ...] = ()) -> Schema:
    return {
        "type": "object",
        "properties": properties,
        "required": list(required),
        "additionalProperties": False,
    }


RUN_ID: Schema = {"type": "string", "pattern": "^[0-9a-f]{32}$"}
REF: Schema = {"type": "string", "pattern": "^(x[0-9]{1,9}:)?[A-Za-z][A-Za-z0-9_-]{0,63}$", "maxLength": 80}
_LANDED: Schema = _obj(
    {"ref": REF, "ok": {"type": "boolean"}, "error": {"type": ["string", "null"], "maxLength": 2000}},
    ("ref", "ok"),
)
"""One action's result as the page reported it (``ActionResult``'s ref, ok and error)."""


ACTION_PAYLOADS: dict[str, Schema] = {
    "hello": _obj({"extension_version": {"type": "string"}, "browser": {"type": "string"}}),
    "ping": _obj({"data": {}}),
    "status": _obj({"tab_id": TAB_ID, "profile": PROFILE}, ("tab_id",)),
    "plan": _obj({"tab_id": TAB_ID, "profile": PROFILE, "resume": RESUME}, ("tab_id",)),
    "autofill": _obj(
        {
            "tab_id": TAB_ID,
            "profile": PROFILE,
            "resume": RESUME,
            "mode": {"enum": ["auto", "review"]},
            "confirmed": {"type": "boolean"},
        },
        ("tab_id",),
    ),
    "profiles": _obj({}),
    "profile.get": _obj({"profile": PROFILE}),
    "profile.save": _obj({"profile": PROFILE, "data": {"type": "object"}}, ("data",)),
    "profile.draft": _obj(
        {
            "file": _obj(
                {
                    "name": {"type": "string", "minLength": 1, "maxLength": 255},
                    "data": {"type": "string", "maxLength": 28_000_000},
                },
                ("name", "data"),
            ),
            "ai": {"type": "boolean"},
        },
        ("file",),
    ),
    "answers.save": _obj(
        {
            "profile": PROFILE,
            "question": {"type": "string", "minLength": 1, "maxLength": 2000},
            "answer": {"type": "string", "minLength": 1, "maxLength": 20_000},
        },
        ("question", "answer"),
    ),
    "today": _obj({"profile": PROFILE}),
    "run.interrupted": _obj(
        {
            "run_id": RUN_ID,
            "results": {"type": "array", "maxItems": 5000, "items": _LANDED},
            "log": {"type": "string", "maxLength": 4096},
        },
        ("run_id", "results"),
    ),
    "run.accept": _obj(
        {
            "run_id": RUN_ID,
            "ref": REF,
            "ok": {"type": "boolean"},
            "error": {"type": ["string", "null"], "maxLength": 2000},
            "edited": {"type": "boolean"},
        },
        ("run_id", "ref", "ok"),
    ),
}

# --- data of the extension's replies to the host's own requests -----------------------

_URL: Schema = {"type": "string"}
_SNAP: Schema = {
    "type": "object",
    "required": ["url", "fields", "buttons"],
    "properties": {"url": _URL, "fields": {"type": "array"}, "buttons": {"type": "array"}},
}
PAGE_REPLIES: dict[str, Schema] = {
    "page.snapshot": {
        "type": "object",
        "required": ["url", "top", "frames"],
        "properties": {
            "url": _URL,
            "top": _SNAP,
            "frames": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["frame_id", "url", "snapshot"],
                    "properties": {
                        "frame_id": {"type": "integer"},
                        "url": _URL,
                        "name": {"type": ["string", "null"]},
                        "snapshot": _SNAP,
                    },
                },
            },
        },
    },
    "page.apply": {
        "type": "object",
        "required": ["url", "results"],
        "properties": {
            "url": _URL,
            "results": {
                "type": "array",
                "items": {"type": "object", "required": ["ok"], "properties": {"ok": {"type": "boolean"}}},
            },
        },
    },
    "page.click": {"type": "object", "required": ["url"], "properties": {"url": _URL}},
    "page.wait_for": {
        "type": "object",
        "required": ["url", "ok"],
        "properties": {"url": _URL, "ok": {"type": "boolean"}},
    },
    "page.text": {
        "type": "object",
        "required": ["url", "text"],
        "properties": {"url": _URL, "text": {"type": "string"}},
    },
    "page.screenshot": {
        "type": "object",
        "required": ["url", "data_url"],
        "properties": {"url": _URL, "data_url": {"type": "string", "pattern": "^data:image/png;base64,"}},
    },
    "page.highlight": {
        "type": "object",
        "required": ["url", "shown"],
        "properties": {"url": _URL, "shown": {"type": "integer"}},
    },
    "ui.ask": {
        "type": "object",
        "required": ["answer"],
        "properties": {"answer": {"type": ["string", "null"]}},
    },
}

envelope_validator = Draft202012Validator(ENVELOPE)
payload_validators = {name: Draft202012Validator(s) for name, s in ACTION_PAYLOADS.items()}
reply_validators = {name: Draft202012Validator(s) for name, s in PAGE_REPLIES.items()}


def first_error(validator: Draft202012Validator, instance: Any) -> str | None:
    """The most relevant schema violation as one readable line, or None when valid."""
    from jsonschema.exceptions import best_match

    err = best_match(validator.iter_errors(instance))
    if err is None:
        return None
    where = "/".join(str(p) for p in err.absolute_path) or "(root)"
    return f"{where}: {err.message}"


def all_schemas() -> dict[str, Schema]:
    """Every schema by name (printed by ``jobpilot host schema``; kept in PROTOCOL.md)."""
    out: dict[str, Schema] = {"envelope": ENVELOPE, "chunk": CHUNK}
    out.update({f"payload:{k}": v for k, v in ACTION_PAYLOADS.items()})
    out.update({f"reply:{k}": v for k, v in PAGE_REPLIES.items()})
    return out

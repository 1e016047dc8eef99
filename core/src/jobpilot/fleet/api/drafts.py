"""``POST /api/resume/draft``: a resume file read into a draft profile for the dashboard's
"Start from a resume" (the options page's ``profile.draft``, served by the fleet).

Nothing is stored: the file goes to a private temporary folder, is read by the same parser
as ``jobpilot profile from-resume`` (each value with the line it came from, and notes for
what could not be read), and the folder is removed. The person reviews the draft in the
profile form and saves it, or not. A file the readers cannot open is a 400 naming the
problem, never a 500: the bytes are the client's.
"""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path
from typing import Any

from aiohttp import BodyPartReader, web
from pydantic import BaseModel, Field

from jobpilot.errors import UsageError
from jobpilot.fleet.api.common import MAX_RESUME, Route, json_response

SUFFIXES = (".pdf", ".docx", ".txt")
READ_TIMEOUT = 30.0
"""A file that takes longer than this to read is refused (hostile PDFs can be slow)."""


class FoundOut(BaseModel):
    path: str
    """Where the value went (``basics.email``, ``work[0].startDate``)."""
    value: Any = None
    line: str
    """The resume's line it was read from."""


class ResumeDraftOut(BaseModel):
    resume: dict[str, Any]
    """JSON Resume: basics, work, education, skills."""
    answers: dict[str, Any]
    """Application answers the resume states (relocation, years of experience ...)."""
    found: list[FoundOut] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    """What could not be read with confidence: left for the person."""


async def _file(request: web.Request) -> tuple[str, bytes]:
    if not request.content_type.startswith("multipart/"):
        raise UsageError("send the resume as multipart/form-data with a 'file' part")
    try:
        reader = await request.multipart()
        async for part in reader:
            if isinstance(part, BodyPartReader) and part.name == "file" and part.filename:
                data = await part.read(decode=True)
                if len(data) > MAX_RESUME:
                    raise UsageError(f"the resume is larger than {MAX_RESUME // 1024 // 1024} MiB")
                return str(part.filename), bytes(data)
    except UsageError:
        raise
    except Exception as exc:  # whatever aiohttp's multipart reader refuses is the client's
        raise UsageError(f"malformed multipart body: {type(exc).__name__}: {exc}"[:300]) from exc
    raise UsageError("no file: send a non-empty 'file' part with a filename")


def _read(name: str, data: bytes) -> dict[str, Any]:
    from jobpilot.resume import parse_resume

    suffix = Path(name).suffix.lower()
    if suffix not in SUFFIXES:
        raise UsageError(f"cannot read a {suffix or 'file without a suffix'}", hint="use PDF, DOCX or text")
    with tempfile.TemporaryDirectory(prefix="jobpilot-draft-") as folder:
        path = Path(folder) / f"resume{suffix}"
        path.write_bytes(data)
        try:
            draft = parse_resume(path)
        except UsageError:
            raise
        except Exception as exc:  # a broken or hostile file: the readers' errors are the file's
            raise UsageError(
                f"could not read {Path(name).name[:100]}: {type(exc).__name__}", hint="try another format"
            ) from exc
    out = draft.as_json()
    out["answers"].pop("resumes", None)  # the temporary path is gone; resumes are uploaded
    return out


async def resume_draft(request: web.Request) -> web.Response:
    name, data = await _file(request)
    if not data:
        raise UsageError("the file is empty")
    try:
        out = await asyncio.wait_for(asyncio.to_thread(_read, name, data), READ_TIMEOUT)
    except TimeoutError:
        raise UsageError(
            f"reading the file took longer than {READ_TIMEOUT:.0f} s", hint="try another format"
        ) from None
    return json_response(ResumeDraftOut.model_validate(out))


ROUTES: list[Route] = [
    ("POST", "/api/resume/draft", resume_draft),
]

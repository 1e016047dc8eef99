"""The options page's actions: read, draft and save profiles, and save an answer for next time.

A profile made in the browser is validated exactly as ``jobpilot profile import`` validates
files (``profile_io.profile_from_dict``): an invalid one is answered with every problem and
its path, and nothing is stored. A resume the person picks is kept under
``<JOBPILOT_HOME>/resumes/`` (the profile points at it for uploads) and read into a draft
(``jobpilot.resume``) that the page shows for review; nothing is saved until the person
clicks Save.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jobpilot_host.errors import ErrorCode, HostError

if TYPE_CHECKING:
    from jobpilot_host.actions import HostApp
    from jobpilot_host.channel import Handler

NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 _.-]{0,99}$")


def profile_handlers(app: HostApp) -> dict[str, Handler]:
    actions = ProfileActions(app)
    return {
        "profile.get": actions.get,
        "profile.save": actions.save,
        "profile.draft": actions.draft,
        "answers.save": actions.save_answer,
    }


def resumes_dir() -> Path:
    from jobpilot.config import home

    folder = home() / "resumes"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder


def store_resume(filename: str, data: bytes) -> Path:
    """Keep the picked file (same name and bytes: the same file; else a new name)."""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", Path(filename).stem).strip("-.") or "resume"
    suffix = Path(filename).suffix.lower()
    if suffix not in (".pdf", ".docx", ".txt", ".md"):
        raise HostError(
            ErrorCode.USAGE,
            f"{filename!r} is not a PDF, DOCX or text file",
            hint="choose your resume as PDF or DOCX",
        )
    target = resumes_dir() / f"{stem}{suffix}"
    if target.exists() and target.read_bytes() != data:
        target = resumes_dir() / f"{stem}-{hashlib.sha256(data).hexdigest()[:8]}{suffix}"
    target.write_bytes(data)
    target.chmod(0o600)
    return target


class ProfileActions:
    def __init__(self, app: HostApp) -> None:
        self.app = app

    def _name(self, payload: dict[str, Any]) -> str:
        name = self.app.profile_name(payload)
        if not NAME.match(name):
            raise HostError(
                ErrorCode.USAGE,
                f"{name!r} is not a profile name",
                hint="use letters, digits, spaces, '.', '_' or '-' (at most 100)",
            )
        return name

    async def get(self, payload: dict[str, Any]) -> dict[str, Any]:
        """The whole profile for the form (the person's own data, on their own machine)."""
        await self.app.ready()
        name = self._name(payload)
        prof = await (await self.app.db()).get_profile(name)
        return {
            "name": name,
            "exists": prof is not None,
            "profile": prof.model_dump(mode="json", by_alias=True, exclude_none=True) if prof else None,
        }

    async def save(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Validate like ``profile import`` and store; problems are an answer, not an error."""
        from jobpilot.errors import ProfileError
        from jobpilot.profile_io import profile_from_dict

        await self.app.ready()
        name = self._name(payload)
        try:
            prof = profile_from_dict(payload["data"])
        except ProfileError as exc:
            return {
                "saved": False,
                "name": name,
                "message": exc.message,
                "problems": [{"path": p, "message": m} for p, m in exc.problems],
            }
        await (await self.app.db()).save_profile(name, prof)
        return {"saved": True, "name": name, "person": prof.basics.name, "email": str(prof.basics.email)}

    async def draft(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Keep the picked resume and read it into a draft profile to review."""
        from jobpilot.errors import UsageError
        from jobpilot.resume import parse_resume

        f = payload["file"]
        try:
            data = base64.b64decode(f["data"], validate=True)
        except (binascii.Error, ValueError) as exc:
            raise HostError(ErrorCode.INVALID_PAYLOAD, f"file.data is not base64: {exc}") from exc
        path = store_resume(f["name"], data)
        try:
            draft = parse_resume(path)
            if payload.get("ai"):  # the person asked the provider they configured to help
                from jobpilot.resume.assist import assist
                from jobpilot.resume.extract import resume_lines

                await self.app.ready()
                draft = await assist(draft, resume_lines(path), self.app.pm, self.app.settings.ai_provider)
        except UsageError as exc:
            raise HostError(ErrorCode.USAGE, exc.message, hint=exc.hint) from exc
        return draft.as_json() | {"path": str(path)}

    async def save_answer(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Save (or correct) an answer the person typed on a page, for next time."""
        from jobpilot.engine.content import remember_answer
        from jobpilot.errors import UsageError

        await self.app.ready()
        name = self._name(payload)
        try:
            message = await remember_answer(
                await self.app.db(), name, question=payload["question"], answer=payload["answer"]
            )
        except UsageError as exc:
            code = ErrorCode.NO_PROFILE if "no profile" in exc.message else ErrorCode.USAGE
            raise HostError(code, exc.message, hint=exc.hint) from exc
        return {"saved": True, "message": message}

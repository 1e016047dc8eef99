"""Reading a profile from a JSON Resume document plus an answers file.

Every validation problem is reported with its path in the file (``basics.email``,
``application.eeo.gender``) so the user can fix all of them in one pass; nothing is stored
unless the whole profile is valid.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from jobpilot.errors import ProfileError, UsageError
from jobpilot.models.profile import Profile


def _read_document(path: Path) -> Any:
    if not path.exists():
        raise UsageError(f"no such file: {path}", hint="check the path")
    if not path.is_file():
        raise UsageError(f"{path} is not a file", hint="give the path of a JSON or YAML document")
    try:
        text = path.read_text("utf-8")
    except UnicodeDecodeError as exc:
        raise ProfileError(
            f"{path} is not UTF-8 text",
            [(f"byte {exc.start}", f"cannot be decoded ({exc.reason})")],
            hint="save the file as UTF-8 (JSON and YAML documents are text)",
        ) from exc
    except OSError as exc:
        raise UsageError(f"{path} cannot be read: {exc.strerror or exc}", hint="check permissions") from exc
    if path.suffix.lower() in (".yaml", ".yml"):
        import yaml

        try:
            return yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise ProfileError(f"{path} is not valid YAML", [("(file)", str(exc))]) from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ProfileError(
            f"{path} is not valid JSON",
            [(f"line {exc.lineno} column {exc.colno}", exc.msg)],
            hint="JSON Resume documents are JSON; answers files may be YAML (.yaml)",
        ) from exc


def _loc(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(document)"


def load_profile(resume_path: str | Path, answers_path: str | Path | None = None) -> Profile:
    """Validate and combine a JSON Resume document and an optional answers file."""
    resume_path = Path(resume_path)
    doc = _read_document(resume_path)
    if not isinstance(doc, dict):
        raise ProfileError(
            f"{resume_path} must hold a JSON object (a JSON Resume document)",
            [("(document)", f"found {type(doc).__name__}")],
        )
    sources = {"": resume_path}
    if answers_path is not None:
        answers_path = Path(answers_path)
        answers = _read_document(answers_path)
        if not isinstance(answers, dict):
            raise ProfileError(
                f"{answers_path} must hold a mapping of answers",
                [("(document)", f"found {type(answers).__name__}")],
            )
        doc = {**doc, "application": {**doc.get("application", {}), **answers}}
        sources["application"] = answers_path
    try:
        profile = Profile.model_validate(doc)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = err["loc"]
            where = sources.get(str(loc[0]) if loc else "", resume_path)
            inner = loc[1:] if where is not resume_path else loc
            problems.append((f"{where.name}: {_loc(inner)}", err["msg"]))
        raise ProfileError(
            f"the profile has {len(problems)} problem{'s' if len(problems) != 1 else ''}",
            problems,
            hint="correct the values at the paths above and import again",
        ) from exc
    # Resume paths are relative to the file that lists them: the answers file when given.
    listed_in = Path(sources.get("application", resume_path))
    in_answers = "application" in sources
    missing = []
    for i, r in enumerate(profile.application.resumes):
        p = Path(r.path).expanduser()
        if not p.is_absolute():
            p = (listed_in.parent / p).resolve()
        if not p.is_file():
            at = f"resumes[{i}].path" if in_answers else f"application.resumes[{i}].path"
            missing.append((f"{listed_in.name}: {at}", f"file not found: {p}"))
        r.path = str(p)
    if missing:
        raise ProfileError("a resume file does not exist", missing, hint="fix the paths")
    return profile


def profile_from_dict(doc: Any) -> Profile:
    """Validate a whole profile given as data (JSON Resume + ``application``), as ``profile
    import`` validates files: every problem with its path (``basics.email``,
    ``application.resumes[0].path``), resume files that must exist. Used by the extension's
    options page through the host, so both ways of making a profile refuse the same things."""
    if not isinstance(doc, dict):
        raise ProfileError("a profile must be an object", [("(document)", f"found {type(doc).__name__}")])
    try:
        profile = Profile.model_validate(doc)
    except ValidationError as exc:
        problems = [(_loc(err["loc"]), err["msg"]) for err in exc.errors()]
        raise ProfileError(
            f"the profile has {len(problems)} problem{'s' if len(problems) != 1 else ''}",
            problems,
            hint="correct the values at the paths above and save again",
        ) from exc
    missing = []
    for i, r in enumerate(profile.application.resumes):
        p = Path(r.path).expanduser()
        if not p.is_absolute() or not p.is_file():
            missing.append((f"application.resumes[{i}].path", f"file not found: {p}"))
        r.path = str(p)
    if missing:
        raise ProfileError("a resume file does not exist", missing, hint="choose the file again")
    return profile

"""The AI provider the person configured may help read a resume: only when they ask.

The offline reading (``parse.parse_lines``) stays the default and comes first. With
``jobpilot profile from-resume FILE --ai``, the resume's text goes to the provider set in
``[ai] provider`` (never to one the person did not choose, never to the offline writer, which
has nothing to add), and its answer only fills what the offline reading left empty. No fact is
invented: a value is kept only when the resume says it word for word (a date: when its year is
in the resume), and each is listed as read by that provider, for the person to check.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from jobpilot.errors import UsageError
from jobpilot.resume.parse import Draft, Found

if TYPE_CHECKING:
    from jobpilot.plugins import PluginManager

OFFLINE = "offline"
_BASICS = ("name", "label", "email", "phone", "url")
_SECTIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "work": ("name", ("name", "position", "startDate", "endDate")),
    "education": ("institution", ("institution", "studyType", "area", "startDate", "endDate")),
}
_DATE = re.compile(r"^(\d{4})(-(0[1-9]|1[0-2]))?$")


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _said(value: Any, text: str, *, date: bool = False) -> str | None:
    """The value when the resume says it (a date: its year), else None."""
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    if date:
        m = _DATE.match(value)
        return value if m and m.group(1) in text else None
    return value if _norm(value) in _norm(text) else None


def _json_of(reply: str | None) -> dict[str, Any] | None:
    if not reply:
        return None
    body = reply.strip()
    fenced = re.search(r"```(?:json)?\s*(.*?)```", body, flags=re.S)
    if fenced:
        body = fenced.group(1)
    try:
        data = json.loads(body)
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


async def assist(draft: Draft, lines: list[str], pm: PluginManager, provider: str | None) -> Draft:
    """Fill what the offline reading of ``lines`` left empty in ``draft`` from ``provider``."""
    if not provider or provider == OFFLINE:
        raise UsageError(
            "no AI provider is configured, so none can help read the resume",
            hint='set one in config.toml ([ai] provider = "openai") or leave out --ai',
        )
    by_name = {getattr(g, "name", ""): g for g in pm.providers("register_content_generators")}
    gen = by_name.get(provider)
    if gen is None:
        raise UsageError(
            f"the AI provider {provider!r} ([ai] provider) is not installed",
            hint="see `jobpilot plugins list`",
        )
    from jobpilot.models.providers import ContentRequest

    text = "\n".join(lines)
    data = _json_of(await gen.generate_content(ContentRequest(kind="resume", resume_text=text)))
    where = f"read by {provider}"
    if data is None:
        draft.notes.append(f"{provider} could not read the resume; the offline reading is kept as it is")
        return draft
    added = 0
    basics = draft.resume.setdefault("basics", {})
    theirs: dict[str, Any] = data["basics"] if isinstance(data.get("basics"), dict) else {}
    for key in _BASICS:
        value = _said(theirs.get(key), text)
        if value and not basics.get(key):
            basics[key] = value
            draft.found.append(Found(f"basics.{key}", value, where))
            added += 1
    loc: dict[str, Any] = theirs["location"] if isinstance(theirs.get("location"), dict) else {}
    for key in ("city", "region"):
        value = _said(loc.get(key), text)
        if value and not (basics.get("location") or {}).get(key):
            basics.setdefault("location", {})[key] = value
            draft.found.append(Found(f"basics.location.{key}", value, where))
            added += 1
    for section, (must, keys) in _SECTIONS.items():
        if draft.resume.get(section) or not isinstance(data.get(section), list):
            continue  # the offline reading found entries: they stay as read
        entries: list[dict[str, str]] = []
        for entry in data[section]:
            if not isinstance(entry, dict):
                continue
            kept = {
                k: v for k in keys if (v := _said(entry.get(k), text, date=k.endswith("Date"))) is not None
            }
            if must not in kept:
                continue
            i = len(entries)
            entries.append(kept)
            draft.found += [Found(f"{section}[{i}].{k}", v, where) for k, v in kept.items()]
            added += len(kept)
        if entries:
            draft.resume[section] = entries
    draft.notes.append(
        f"{added} value(s) {where}: only values the resume states word for word were kept; check them"
    )
    return draft

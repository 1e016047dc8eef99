"""From a resume's lines to a draft profile: JSON Resume plus the answers the resume states.

The draft is for the person to review before anything is saved, so every value carries the
line it was read from (``Draft.found``), and what could not be read with confidence is said
in ``Draft.notes`` rather than guessed. Nothing is inferred that the resume does not say:
no years of experience counted from dates, no work authorisation, no EEO answer.

The reading is by layout conventions most resumes share: a header with the name and contact
details, then sections under headings ("Experience", "Education", "Skills", ...); an entry
is the lines around a date range; bullets are highlights.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jobpilot.engine.options import degree_of
from jobpilot.engine.text import norm
from jobpilot.resume.dates import Span, find_range, find_single

_HEADINGS: dict[str, tuple[str, ...]] = {
    "summary": ("summary", "profile", "about", "about me", "professional summary", "objective",
                "career summary", "personal statement", "profil", "kurzprofil"),
    "work": ("experience", "work experience", "professional experience", "employment",
             "employment history", "work history", "career history", "relevant experience",
             "berufserfahrung", "experience professionnelle", "experiencia", "experiencia laboral"),
    "education": ("education", "academic background", "education and training", "qualifications",
                  "ausbildung", "studium", "formation", "educacion"),
    "skills": ("skills", "technical skills", "core skills", "key skills", "skills and tools",
               "competencies", "core competencies", "technologies", "kenntnisse", "competences",
               "habilidades"),
    "other": ("projects", "certifications", "certificates", "languages", "awards", "publications",
              "interests", "hobbies", "volunteering", "volunteer experience", "references",
              "activities", "courses", "sprachen", "langues", "idiomas"),
}  # fmt: skip
_HEADING_OF = {h: kind for kind, names in _HEADINGS.items() for h in names}
_BULLET = re.compile(r"^[•●▪◦‣∙·*\-–]\s*")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<![\w/])\+?\(?\d[\d ().-]{7,}\d(?![\w/])")
_URL = re.compile(r"(?:https?://)?(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?:/[^\s|,;]*)?", re.I)
_PRONOUNS = re.compile(r"\(?\b(she/her|he/him|they/them|she/they|he/they)\b\)?", re.I)
_TITLE_WORDS = re.compile(
    r"\b(engineer|developer|programmer|manager|director|analyst|designer|lead|intern|consultant|"
    r"scientist|specialist|architect|head|officer|coordinator|administrator|associate|assistant|"
    r"vp|vice president|president|founder|co founder|owner|researcher|editor|writer|technician|"
    r"accountant|nurse|teacher|sre|devops|product|principal|staff|senior|junior|fellow|"
    r"representative|advisor|strategist|operator|supervisor|recruiter)\b"
)
_SCHOOL_WORDS = re.compile(
    r"\b(university|college|institute|school|academy|polytechnic|universitat|universite|"
    r"universidad|hochschule|ecole|conservatory|seminary)\b"
)
_SPLIT = re.compile(r"\s+(?:—|–|-|\||@|at)\s+|,\s+|\s{3,}")
_US_STATES = frozenset(
    ("AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS",
     "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY",
     "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV",
     "WI", "WY", "DC")
)  # fmt: skip
_RELOCATE = re.compile(r"\b(open|willing) to relocat\w*\b", re.I)
_YEARS = re.compile(r"\b(\d{1,2})\+?\s+years(?:'|’)?\s+(?:of\s+)?(?:professional\s+)?experience\b", re.I)


@dataclass
class Found:
    path: str
    """Where the value went, in the profile (``basics.email``, ``work[0].startDate``)."""
    value: Any
    line: str
    """The resume's line it was read from."""


@dataclass
class Draft:
    """A profile to review: ``resume`` is JSON Resume, ``answers`` the application answers."""

    resume: dict[str, Any] = field(default_factory=dict)
    answers: dict[str, Any] = field(default_factory=dict)
    found: list[Found] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "resume": self.resume,
            "answers": self.answers,
            "found": [{"path": f.path, "value": f.value, "line": f.line} for f in self.found],
            "notes": self.notes,
        }


def heading_of(line: str) -> str | None:
    """The section a heading line opens ("WORK EXPERIENCE", "Skills:"), or None."""
    text = norm(line)
    if not text or len(text) > 40:
        return None
    return _HEADING_OF.get(text) or _HEADING_OF.get(text.replace(" and ", " "))


def sections(lines: list[str]) -> dict[str, list[str]]:
    """Lines by section; the lines before the first heading are the ``header``."""
    out: dict[str, list[str]] = {"header": []}
    current = "header"
    for line in lines:
        kind = heading_of(line)
        if kind is not None:
            current = kind
            out.setdefault(current, [])
            continue
        out.setdefault(current, []).append(line)
    return out


def parse_lines(lines: list[str], *, source: Path | None = None) -> Draft:
    draft = Draft()
    parts = sections(lines)
    basics = _header(parts.get("header", []), draft)
    summary = [line for line in parts.get("summary", []) if not _BULLET.match(line)]
    if summary:
        basics["summary"] = " ".join(summary)
        draft.found.append(Found("basics.summary", basics["summary"], summary[0]))
    draft.resume["basics"] = basics
    draft.resume["work"] = _entries(parts.get("work", []), draft, kind="work")
    draft.resume["education"] = _entries(parts.get("education", []), draft, kind="education")
    draft.resume["skills"] = _skills(parts.get("skills", []), draft)
    _answers(lines, draft)
    if source is not None:
        draft.answers["resumes"] = [{"name": "main", "path": str(source), "default": True}]
    if "work" not in parts:
        draft.notes.append("no Experience section was found: add your jobs by hand")
    if "education" not in parts:
        draft.notes.append("no Education section was found")
    return draft


# --- header ---------------------------------------------------------------------------


def _header(lines: list[str], draft: Draft) -> dict[str, Any]:
    basics: dict[str, Any] = {}
    profiles: list[dict[str, str]] = []
    plain: list[str] = []
    for line in lines:
        rest = line
        if (m := _EMAIL.search(rest)) and "email" not in basics:
            basics["email"] = m.group(0)
            draft.found.append(Found("basics.email", m.group(0), line))
            rest = rest.replace(m.group(0), " ")
        for m in _URL.finditer(rest):
            url = m.group(0).rstrip(".")
            low = url.lower()
            if "@" in url or not re.search(r"[a-z]{2,}\.[a-z]{2,}", low):
                continue
            full = url if low.startswith("http") else f"https://{url}"
            network = next(
                (n for n in ("linkedin", "github", "gitlab", "twitter", "x.com") if n in low), None
            )
            if network:
                profiles.append(
                    {"network": {"x.com": "Twitter"}.get(network, network.capitalize()), "url": full}
                )
                draft.found.append(Found(f"basics.profiles[{network}]", full, line))
            elif "url" not in basics:
                basics["url"] = full
                draft.found.append(Found("basics.url", full, line))
            rest = rest.replace(m.group(0), " ")
        if (m := _PHONE.search(rest)) and "phone" not in basics and find_range(m.group(0)) is None:
            basics["phone"] = m.group(0).strip()
            draft.found.append(Found("basics.phone", basics["phone"], line))
            rest = rest.replace(m.group(0), " ")
        for piece in re.split(r"\s*[|•·◦▪]\s*|\s{3,}", rest):
            piece = piece.strip(" ,;:-")
            if not piece:
                continue
            location = _location(piece)
            if location is not None and "location" not in basics and plain:
                basics["location"] = location
                draft.found.append(Found("basics.location", location, line))
            elif re.search(r"[A-Za-z]", piece):
                plain.append(piece)
    if profiles:
        basics["profiles"] = profiles
    if plain:
        name = plain[0]
        if (m := _PRONOUNS.search(name)) is not None:
            draft.answers["pronouns"] = m.group(1).lower()
            draft.found.append(Found("application.pronouns", m.group(1).lower(), name))
            name = _PRONOUNS.sub("", name).strip(" ,")
        if 1 <= len(name.split()) <= 5 and not re.search(r"\d", name):
            basics["name"] = name
            draft.found.append(Found("basics.name", name, plain[0]))
            words = name.split()
            if len(words) >= 2:
                draft.answers["first_name"], draft.answers["last_name"] = words[0], " ".join(words[1:])
        else:
            draft.notes.append(f"the name could not be read from {plain[0]!r}: type it in")
        if len(plain) > 1 and len(plain[1]) <= 80:
            basics["label"] = plain[1]
            draft.found.append(Found("basics.label", plain[1], plain[1]))
    if "email" not in basics:
        draft.notes.append("no e-mail address was found: a profile needs one")
    return basics


def _country_code(name: str) -> str | None:
    from jobpilot.engine import countries

    n = norm(name)
    if not n:
        return None
    import pycountry

    for code, extra in countries._EXTRA.items():
        if n in extra:
            return code
    try:
        return str(pycountry.countries.lookup(name.strip()).alpha_2)
    except LookupError:
        return None


def _location(piece: str) -> dict[str, str] | None:
    """ "Seattle, WA" / "Berlin, Germany" / "Austin, TX, USA" -> JSON Resume location."""
    parts = [p.strip() for p in piece.split(",")]
    if not 2 <= len(parts) <= 3 or not all(re.fullmatch(r"[^\W\d_][\w .'-]*", p) for p in parts):
        return None
    out = {"city": parts[0]}
    if len(parts) == 3:
        out["region"] = parts[1]
        code = _country_code(parts[2])
        if code is None:
            return None
        out["countryCode"] = code
    elif parts[1].upper() in _US_STATES and parts[1].isupper():
        out["region"] = parts[1]
        out["countryCode"] = "US"
    elif (code := _country_code(parts[1])) is not None:
        out["countryCode"] = code
    else:
        return None
    return out


# --- entries ----------------------------------------------------------------------------


def _entries(lines: list[str], draft: Draft, *, kind: str) -> list[dict[str, Any]]:
    """Entries around their date lines: up to two plain lines before a date (or the date
    line's own text) are its header, bullets and other lines after it its description."""
    spans: list[tuple[int, Span]] = []
    for i, line in enumerate(lines):
        if _BULLET.match(line):
            continue
        span = find_range(line) or (find_single(line) if kind == "education" else None)
        if span is not None:
            spans.append((i, span))
    if not spans and kind == "education":
        return _undated_education(lines, draft)
    out: list[dict[str, Any]] = []
    taken = -1
    for n, (i, span) in enumerate(spans):
        nxt = spans[n + 1][0] if n + 1 < len(spans) else len(lines)
        head: list[str] = []
        own = _strip(lines[i].replace(span.text, " "))
        before = [j for j in range(max(taken + 1, i - 2), i) if not _BULLET.match(lines[j])]
        head = [lines[j] for j in before]
        if own:
            head.append(own)
        body_start = i + 1
        body = lines[body_start:nxt]
        # the next entry's header lines are not this entry's description
        nxt_before = 0
        if n + 1 < len(spans):
            while nxt_before < 2 and len(body) > nxt_before and not _BULLET.match(body[-1 - nxt_before]):
                nxt_before += 1
        desc = body[: len(body) - nxt_before] if nxt_before else body
        if len(head) < 2 and desc and not _BULLET.match(desc[0]) and len(desc[0]) <= 80:
            head.append(desc[0])  # "Company, City   2019 - 2021" then "Senior Engineer"
            desc = desc[1:]
        taken = i + len(desc)
        entry = (
            _work(head, span, desc, draft, len(out))
            if kind == "work"
            else _school(head, span, draft, len(out))
        )
        if entry:
            out.append(entry)
    return out


def _strip(text: str) -> str:
    """Trimmed of separators; a column gap (3+ spaces) stays one, other spaces are one."""
    text = re.sub(r"\s{3,}", "\0", text)
    return re.sub(r"\s+", " ", text).replace("\0", "   ").strip(" ,;:|()-–—")


def _pieces(head: list[str]) -> list[str]:
    pieces: list[str] = []
    for line in head:
        pieces += [p for p in (_strip(x) for x in _SPLIT.split(line)) if p]
    return pieces


def _work(head: list[str], span: Span, desc: list[str], draft: Draft, index: int) -> dict[str, Any]:
    line = " / ".join(head)
    at = re.search(r"^(.+?)\s+at\s+(.+)$", head[0]) if head else None
    position = company = None
    if at is not None:
        position, company = _strip(at.group(1)), _strip(_SPLIT.split(at.group(2))[0])
    else:
        pieces = [p for p in _pieces(head) if _location(p) is None and not _is_place(p)]
        titles = [p for p in pieces if _TITLE_WORDS.search(norm(p))]
        others = [p for p in pieces if p not in titles]
        if titles:
            position = titles[0]
            company = others[0] if others else None
        elif len(pieces) >= 2:
            position, company = pieces[0], pieces[1]
            draft.notes.append(
                f"work[{index}]: which of {pieces[0]!r} and {pieces[1]!r} is the employer? check it"
            )
        elif pieces:
            company = pieces[0]
    entry: dict[str, Any] = {}
    for key, value in (("name", company), ("position", position)):
        if value:
            entry[key] = value
            draft.found.append(Found(f"work[{index}].{key}", value, line))
    _dates(entry, span, draft, f"work[{index}]")
    bullets = [_BULLET.sub("", d) for d in desc if _BULLET.match(d)]
    prose = [d for d in desc if not _BULLET.match(d)]
    if bullets:
        entry["highlights"] = bullets
    if prose:
        entry["summary"] = " ".join(prose)
    return entry


def _is_place(piece: str) -> bool:
    return bool(re.fullmatch(r"(remote|hybrid|on ?site)", norm(piece)))


def _dates(entry: dict[str, Any], span: Span, draft: Draft, where: str) -> None:
    if span.start:
        entry["startDate"] = span.start
        draft.found.append(Found(f"{where}.startDate", span.start, span.text))
    if span.end:
        entry["endDate"] = span.end
        draft.found.append(Found(f"{where}.endDate", span.end, span.text))


def _school(head: list[str], span: Span, draft: Draft, index: int) -> dict[str, Any]:
    line = " / ".join(head)
    entry: dict[str, Any] = {}
    for piece in _pieces(head):
        if "institution" not in entry and _SCHOOL_WORDS.search(norm(piece)):
            entry["institution"] = piece
        elif "studyType" not in entry and degree_of(piece.split(" in ")[0]) is not None:
            degree, area = _degree_and_area(piece)
            entry["studyType"] = degree
            if area:
                entry["area"] = area
        elif "studyType" in entry and "area" not in entry and _location(piece) is None:
            entry["area"] = piece  # "B.S., Computer Science"
    for key in ("institution", "studyType", "area"):
        if key in entry:
            draft.found.append(Found(f"education[{index}].{key}", entry[key], line))
    if not entry:
        return entry
    _dates(entry, span, draft, f"education[{index}]")
    return entry


def _degree_and_area(piece: str) -> tuple[str, str | None]:
    """ "B.S. in Physics" / "BSc (Hons) Computer Science" / "Master of Arts" -> (degree, area)."""
    degree, sep, area = piece.partition(" in ")
    if sep:
        return _strip(degree), _strip(area) or None
    m = re.match(r"^([A-Za-z.]{2,8})(\s*\((?:hons?|honours|honors)\))?\s+(.+)$", piece, re.I)
    if m and degree_of(m.group(1)) is not None and degree_of(m.group(3)) is None:
        return (m.group(1) + (m.group(2) or "")).strip(), _strip(m.group(3))
    return _strip(piece), None


def _undated_education(lines: list[str], draft: Draft) -> list[dict[str, Any]]:
    entries = [_school([line], Span(None, None, False, ""), draft, 0) for line in lines[:2]]
    merged: dict[str, Any] = {}
    for e in entries:
        merged.update({k: v for k, v in e.items() if k not in merged})
    return [merged] if merged else []


# --- skills and answers -----------------------------------------------------------------


def _skills(lines: list[str], draft: Draft) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    loose: list[str] = []
    for line in lines:
        text = _BULLET.sub("", line)
        label, sep, rest = text.partition(":")
        items = [s.strip() for s in re.split(r"[,;|·•]", rest if sep else text) if s.strip()]
        if sep and label.strip() and len(label) <= 40 and items:
            out.append({"name": label.strip(), "keywords": items})
            draft.found.append(Found(f"skills[{len(out) - 1}]", items, line))
        else:
            loose += items
    if loose:
        out.append({"name": "Skills", "keywords": loose})
        draft.found.append(Found(f"skills[{len(out) - 1}]", loose, lines[0]))
    return out


def _answers(lines: list[str], draft: Draft) -> None:
    """Application answers the resume states in so many words (never counted or inferred)."""
    for line in lines:
        if "years_experience" not in draft.answers and (m := _YEARS.search(line)):
            draft.answers["years_experience"] = int(m.group(1))
            draft.found.append(Found("application.years_experience", int(m.group(1)), line))
        if "willing_to_relocate" not in draft.answers and _RELOCATE.search(line):
            draft.answers["willing_to_relocate"] = True
            draft.found.append(Found("application.willing_to_relocate", True, line))

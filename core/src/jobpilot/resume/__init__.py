"""Reading a resume (PDF, DOCX, text) into a draft profile the person reviews.

``parse_resume(path)`` = ``extract.resume_lines`` (the libraries read the file) +
``parse.parse_lines`` (layout conventions -> JSON Resume + answers, each value with the line
it came from). Used by ``jobpilot profile from-resume`` and by the host's ``profile.draft``
action behind the options page. Nothing is stored here: saving is the person's decision.
"""

from __future__ import annotations

from pathlib import Path

from jobpilot.resume.parse import Draft, Found


def parse_resume(path: str | Path) -> Draft:
    """The draft profile a resume file holds (raises UsageError naming the problem)."""
    from jobpilot.resume.extract import resume_lines
    from jobpilot.resume.parse import parse_lines

    path = Path(path).expanduser().resolve()
    return parse_lines(resume_lines(path), source=path)


__all__ = ["Draft", "Found", "parse_resume"]

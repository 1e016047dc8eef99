"""The text of a resume file, as lines in reading order: PDF (pypdf), DOCX (python-docx)
or plain text.

Both libraries are pure Python and read the file locally; nothing leaves the machine. A
file that yields no text (a scanned PDF without a text layer, an encrypted one) is refused
with what to do instead, never parsed into an empty draft that looks like a result.
"""

from __future__ import annotations

import re
from pathlib import Path

from jobpilot.errors import UsageError

SUFFIXES = (".pdf", ".docx", ".txt", ".md")
MAX_BYTES = 20 * 1024 * 1024
"""A resume is a few hundred KB; a bigger file is refused before a parser reads it."""


def resume_lines(path: Path) -> list[str]:
    """Non-empty lines of the resume's text, whitespace collapsed, in reading order."""
    path = Path(path).expanduser()
    if not path.is_file():
        raise UsageError(f"no such file: {path}", hint="give the path of your resume (PDF or DOCX)")
    if path.stat().st_size > MAX_BYTES:
        raise UsageError(
            f"{path} is over {MAX_BYTES // 2**20} MB", hint="a resume is a few pages; export it again"
        )
    kind = _kind(path)
    if kind == "pdf":
        text = _pdf_text(path)
    elif kind == "docx":
        text = _docx_text(path)
    else:
        text = path.read_text("utf-8", errors="replace")
    raw = [line.replace("\t", "    ").replace("\u00a0", " ").rstrip() for line in text.splitlines()]
    raw = [line for line in raw if line.strip()]
    if kind == "pdf":
        raw = _indented_as_bullets(raw)
    # a gap of 3+ spaces separates columns ("Company   2019 - 2021"): kept as 3 spaces
    lines = [re.sub(r" {3,}", "   ", re.sub(r"(?<! ) {1,2}(?! )", " ", line.strip())) for line in raw]
    if not lines:
        raise UsageError(
            f"{path.name} has no text to read",
            hint="a scanned resume has only pictures of text: export it from your editor as PDF or DOCX",
        )
    return lines


def _indented_as_bullets(lines: list[str]) -> list[str]:
    """A PDF laid out as text loses its bullet glyphs but keeps their indentation: a line
    indented past the page's margin is a bullet (unless it is a right-aligned date)."""
    from jobpilot.resume.dates import find_range, find_single

    margin = min((len(line) - len(line.lstrip()) for line in lines), default=0)
    out = []
    for line in lines:
        indent = len(line) - len(line.lstrip()) - margin
        body = line.strip()
        if 4 <= indent <= 12 and not (find_range(body) or find_single(body)) and body[:1] not in "•●▪-*":
            body = "• " + body
        out.append(" " * margin + body)
    return out


def _kind(path: Path) -> str:
    head = path.read_bytes()[:8]
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04") and path.suffix.lower() == ".docx":
        return "docx"
    if path.suffix.lower() in (".txt", ".md"):
        return "text"
    raise UsageError(
        f"{path.name} is not a PDF, DOCX or text file",
        hint="save your resume as PDF or DOCX (Word: File > Save As > .docx); .doc and .odt are not read",
    )


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted and not reader.decrypt(""):
            raise UsageError(f"{path.name} is password-protected", hint="export it again without a password")
        # layout mode keeps the reading order of columns and floats (a date on the right)
        return "\n".join(page.extract_text(extraction_mode="layout") or "" for page in reader.pages)
    except PdfReadError as exc:
        raise UsageError(
            f"{path.name} cannot be read as a PDF: {exc}", hint="export it again as PDF"
        ) from exc


_W_VAL = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val"


def _docx_text(path: Path) -> str:
    """Paragraphs and layout tables in document order; a list paragraph (Word's bullets and
    numbering, whose glyph is not text) becomes a bullet line."""
    import zipfile

    import docx  # python-docx

    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise UsageError(
            f"{path.name} cannot be read as DOCX: {exc}", hint="save it again from Word"
        ) from exc
    lines: list[str] = []
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = "".join(t.text or "" for t in block.iter() if t.tag.endswith("}t"))
            listed = any(e.tag.endswith("}numPr") for e in block.iter()) or any(
                e.tag.endswith("}pStyle") and "List" in str(e.get(_W_VAL, "")) for e in block.iter()
            )
            lines.append(f"• {text}" if listed and text.strip() else text)
        elif tag == "tbl":  # a layout table: each cell's paragraphs in order
            for row in block.iter():
                if row.tag.endswith("}tr"):
                    cells = [
                        " ".join(
                            "".join(t.text or "" for t in p.iter() if t.tag.endswith("}t"))
                            for p in cell.iter()
                            if p.tag.endswith("}p")
                        )
                        for cell in row
                        if cell.tag.endswith("}tc")
                    ]
                    lines.append("   ".join(c for c in cells if c.strip()))
    return "\n".join(lines)

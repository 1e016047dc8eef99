"""Text normalisation shared by option matching and answer lookup."""

from __future__ import annotations

import re
import unicodedata

_PUNCT = re.compile(r"[^\w\s+]", re.UNICODE)
_SPACE = re.compile(r"\s+")


def norm(text: str | None) -> str:
    """Lowercase, accents and punctuation removed, whitespace collapsed."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _PUNCT.sub(" ", text.lower().replace("’", "'").replace("'", ""))
    return _SPACE.sub(" ", text).strip()


def words(text: str | None) -> list[str]:
    return norm(text).split()

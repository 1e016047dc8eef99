"""Look-alike project names: the registry's guard against typosquatting.

A stranger's ``jobpi1ot-ats-lever`` beside ``jobpilot-ats-lever`` exists to be installed by
mistake. Package indexes refuse such names (PyPI compares an "ultranormalised" form in which
confusable characters are one and separators are gone); this registry does the same and also
refuses a name one edit away (a letter added, dropped, changed, or two neighbours swapped)
from a project another publisher owns.

The comparison works on :func:`skeleton`: PEP 503 name, then ``0``/``o``, ``1``/``l``/``i``,
``rn``/``m`` and ``vv``/``w`` made one, then separators dropped. Two names are
:func:`confusable` when their skeletons are equal or one edit apart (Damerau, adjacent swap
counted once).
"""

from __future__ import annotations

import re

from jobpilot_registry.names import normalize

_SEPARATORS = re.compile(r"[-_.]+")
_MULTI = (("rn", "m"), ("vv", "w"))
_SINGLE = str.maketrans({"o": "0", "l": "1", "i": "1"})


def skeleton(name: str) -> str:
    """The form two names are compared in: confusable spellings collapse to one."""
    s = normalize(name)
    for a, b in _MULTI:
        s = s.replace(a, b)
    return _SEPARATORS.sub("", s.translate(_SINGLE))


def within_one_edit(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` are equal or one insertion, deletion, substitution or swap of
    two neighbouring characters apart. Linear time: no distance matrix for long names."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la > lb:
        a, b, la, lb = b, a, lb, la
    i = 0
    while i < la and a[i] == b[i]:
        i += 1
    if la == lb:
        if a[i + 1 :] == b[i + 1 :]:  # one substitution
            return True
        # one swap of neighbours
        return i + 1 < la and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :]
    return a[i:] == b[i + 1 :]  # b has one extra character at i


def confusable(a: str, b: str) -> bool:
    """Would one name be taken for the other? (Different PEP 503 names only: the same name
    is the same project, handled elsewhere.)"""
    if normalize(a) == normalize(b):
        return False
    return within_one_edit(skeleton(a), skeleton(b))

"""Greenhouse's "Enter manually" alternative to attaching a document.

Each Greenhouse upload (resume, cover letter) offers Attach / Dropbox / Google Drive /
"Enter manually". Attaching goes through the hidden ``<input type=file>`` and the planner
handles it. A cover letter kept as *text* in the profile cannot be attached, so the flow
clicks "Enter manually", which swaps the buttons for a textarea (``#cover_letter_text``,
classic ``job_application[cover_letter_text]``) that the normal plan then fills.

The resume is never typed in: the profile's resume is a file, and "Enter manually" there
would ask for the resume's text, which JobPilot does not invent.
"""

from __future__ import annotations

import re
from pathlib import Path

from jobpilot.models.plan import Action
from jobpilot.models.snapshot import Button, Field, FormSnapshot

_MANUAL = re.compile(r"enter manually|paste", re.IGNORECASE)
_REF_NUMBER = re.compile(r"(\d+)$")


def cover_letter_text(value: str | None) -> str | None:
    """The cover letter when the profile holds it as text (not a path to a file)."""
    if not value or not value.strip():
        return None
    candidate = Path(value).expanduser()
    try:
        if len(value) < 1024 and "\n" not in value and candidate.is_file():
            return None
    except OSError:
        pass
    return value


def _order(ref: str) -> tuple[str, int]:
    """(frame prefix, position): refs are numbered in document order within a frame."""
    head, _, tail = ref.rpartition(":")
    m = _REF_NUMBER.search(tail)
    return head, int(m.group(1)) if m else -1


def is_text_box(field: Field) -> bool:
    """The cover letter's "Enter manually" box (React ``#cover_letter_text``, classic
    ``job_application[cover_letter_text]``)."""
    return field.id == "cover_letter_text" or field.name == "job_application[cover_letter_text]"


def _is_manual(button: Button) -> bool:
    return button.attrs.get("data-source") == "paste" or bool(_MANUAL.search(button.text or ""))


def manual_entry_button(
    snapshot: FormSnapshot, upload: Field | None, text_box: Field | None
) -> Button | None:
    """The "Enter manually" button of the cover letter.

    React boards tag it ``data-testid="<input id>-text"``. Classic boards render the (still
    hidden) text box inside the upload group, right after its ``data-source="paste"``
    button: the last such button before the text box, in document order, is the one.
    """
    if upload is not None and upload.id:
        for b in snapshot.buttons:
            if b.attrs.get("data-testid") == f"{upload.id}-text" and b.visible:
                return b
    if text_box is None:
        return None
    frame, pos = _order(text_box.ref)
    before = [
        b
        for b in snapshot.buttons
        if b.visible and _is_manual(b) and _order(b.ref)[0] == frame and _order(b.ref)[1] < pos
    ]
    return max(before, key=lambda b: _order(b.ref)[1], default=None)


def open_action(snapshot: FormSnapshot, upload: Field | None, text_box: Field | None) -> Action | None:
    """The click on "Enter manually" for the cover letter, as an action: the flow sends it
    in the same ``apply`` call as its other preparations instead of waiting for it alone
    (the box is looked for in the next snapshot)."""
    button = manual_entry_button(snapshot, upload, text_box)
    if button is None:
        return None
    return Action(kind="click", ref=button.ref, frame=button.frame, label="Enter manually (cover letter)")


def text_box_open(snapshot: FormSnapshot) -> bool:
    """Whether the cover letter's "Enter manually" box is showing."""
    return any(is_text_box(f) and f.visible for f in snapshot.fields)

"""The host's error codes. APPEND-ONLY: never renumber, rename or reuse a code.

Every error reply is ``{id, status: "error", code, message}``; ``code`` is one of the names
below (the extension's own codes, such as ``host_missing``, are in the extension's
``src/shared/protocol.ts`` and listed in PROTOCOL.md too).
"""

from __future__ import annotations

from enum import StrEnum

from jobpilot.errors import HostProtocolError, PageClosedError
from jobpilot.errors import RefNotFoundError as RefNotFoundError  # one class, defined in jobpilot.errors


class ErrorCode(StrEnum):
    BAD_JSON = "bad_json"
    """The frame is not UTF-8 JSON."""
    FRAME_TOO_LARGE = "frame_too_large"
    """The length header is over the 64 MiB limit."""
    INVALID_MESSAGE = "invalid_message"
    """The envelope does not match its schema (no id, no action, wrong types)."""
    UNKNOWN_ACTION = "unknown_action"
    """No handler for this action."""
    INVALID_PAYLOAD = "invalid_payload"
    """The payload does not match the action's schema."""
    INTERNAL = "internal_error"
    """A bug in the host; the message says what happened. The host keeps serving."""
    NO_PROFILE = "no_profile"
    """The named profile does not exist (import one with `jobpilot profile import`)."""
    NO_FORM = "no_form"
    """The page has no application form."""
    BUSY = "busy"
    """An autofill is already running on this tab."""
    TAB_GONE = "tab_gone"
    """The tab was closed (or its frame went away) while the host was using it."""
    TIMEOUT = "timeout"
    """The other side did not answer in time."""
    PAGE_ERROR = "page_error"
    """The content script reported an error."""
    REF_NOT_FOUND = "ref_not_found"
    """The element is gone (the page changed); take a new snapshot."""
    DISCONNECTED = "disconnected"
    """The port closed while a request was waiting for its reply."""
    NO_RESUME = "no_resume"
    """The resume named in the request is not one of the profile's."""
    INVALID_REPLY = "invalid_reply"
    """A reply from the extension does not match the schema of what was asked."""
    USAGE = "usage_error"
    """The request cannot be carried out as asked; the message says why and what to do."""
    FRAME_GONE = "frame_gone"
    """The frame a ref belongs to was removed or navigated away; take a new snapshot."""
    NAVIGATED = "navigated"
    """The page navigated while a command that must not run twice was running; what it did
    is unknown: take a new snapshot."""
    NOT_AN_APPLICATION = "not_an_application"
    """The page is plainly not a job application (a shop's checkout, a sign-in page):
    nothing is filled there until the person confirms (``autofill`` with ``confirmed``)."""


class HostError(HostProtocolError):
    """An error with a protocol code; the host turns it into an error reply."""

    def __init__(self, code: ErrorCode, message: str, *, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.code = code


class TabGoneError(HostError, PageClosedError):
    """The tab (or the frame) the host was driving is gone: the page layer's
    ``PageClosedError`` with its protocol code."""

    def __init__(self, message: str = "the tab was closed") -> None:
        super().__init__(ErrorCode.TAB_GONE, message, hint="open the application again and retry")

"""The error hierarchy. Every message says what went wrong *and* what to do about it."""

from __future__ import annotations


class JobPilotError(Exception):
    """Base of every error JobPilot raises on purpose; the CLI prints it without a traceback."""

    exit_code: int = 1

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}\n  fix: {self.hint}" if self.hint else self.message


class UsageError(JobPilotError):
    """Bad input from the user (a file, an option)."""

    exit_code = 2


class ProfileError(UsageError):
    """A profile document that does not validate; ``problems`` lists (path, message)."""

    def __init__(self, message: str, problems: list[tuple[str, str]], *, hint: str | None = None):
        super().__init__(message, hint=hint)
        self.problems = problems

    def __str__(self) -> str:
        lines = [self.message, *(f"  - {path}: {msg}" for path, msg in self.problems)]
        if self.hint:
            lines.append(f"  fix: {self.hint}")
        return "\n".join(lines)


class PluginError(JobPilotError):
    """A plugin failed to load or misbehaved."""


class DetectionError(JobPilotError):
    """The page could not be recognised or has nothing to fill."""


class BrowserError(JobPilotError):
    """Chromium is missing, failed to start, or a page could not be loaded."""


class PageLoadError(BrowserError):
    """The page is unreachable (DNS, refused connection, HTTP error, timeout)."""


class PageError(BrowserError):
    """A page (either transport) could not do what was asked; the message says why."""


class RefNotFoundError(PageError, LookupError):
    """A ref the page no longer knows (the DOM changed), or that is no ref at all: take a new
    snapshot. The same error on both transports (``jobpilot.pagebase``)."""


class FrameGoneError(RefNotFoundError):
    """The frame a ref belongs to was removed or navigated away: take a new snapshot."""


class PageNavigatedError(PageError):
    """The page navigated while an action ran; what it did is unknown: take a new snapshot."""


class PageClosedError(PageError):
    """The page (the user's tab, a browser context) is closed: nothing more can be done there."""


class HostProtocolError(JobPilotError):
    """A native-messaging frame or message that breaks the protocol."""


class AccountLeaseError(JobPilotError):
    """A candidate account on an ATS site is held by another run for too long."""

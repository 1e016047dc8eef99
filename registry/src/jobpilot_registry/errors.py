"""Registry errors: each carries the HTTP status it is answered with and a message that says
what was wrong and what to do."""

from __future__ import annotations


class RegistryError(Exception):
    """A refused request. ``status`` is the HTTP status; the message names problem and fix."""

    status = 400

    def __init__(self, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        if status is not None:
            self.status = status


class BadUpload(RegistryError):
    """The uploaded file or its form fields are wrong (400)."""


class Unauthorized(RegistryError):
    """No credentials (401)."""

    status = 401


class Forbidden(RegistryError):
    """Wrong token, or the project belongs to someone else (403)."""

    status = 403


class Conflict(RegistryError):
    """The file already exists: versions are immutable (409)."""

    status = 409


class TooLarge(RegistryError):
    """The upload is larger than the registry accepts (413)."""

    status = 413


class NotFound(RegistryError):
    status = 404

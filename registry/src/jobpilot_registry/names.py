"""Project names and distribution filenames: PEP 503 normalisation and strict checks.

A filename comes from the uploader and ends up in a path on disk, so it is checked before
anything else: no path separators, no ``..``, nothing but the characters a wheel or sdist
name can hold, and a name and version that agree with the upload's metadata.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from packaging.utils import (
    InvalidSdistFilename,
    InvalidWheelFilename,
    canonicalize_name,
    canonicalize_version,
    parse_sdist_filename,
    parse_wheel_filename,
)
from packaging.version import InvalidVersion, Version

from jobpilot_registry.errors import BadUpload

_PROJECT = re.compile(r"^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$", re.IGNORECASE)
_FILENAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._+!-]*$")
_PLUGIN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
MAX_FILENAME = 255
MAX_PROJECT = 200
MAX_VERSION = 100
"""Longest version string accepted: PEP 440 puts no bound, but a version of thousands of
digits is an attack on the parser (Python refuses ints over 4300 digits), not a release."""
MAX_PLUGIN = 100

FRAMEWORK_PROJECTS = ("jobpilot-core", "jobpilot-host", "jobpilot-registry")
"""JobPilot's own distributions. They carry no plugin entry point, and only the operator
creates them (``jobpilot registry publish``), so a plugin's ``jobpilot-core`` dependency
always resolves to the real core on this registry."""
FOREIGN_PROJECTS = ("jobpilot",)
"""Names JobPilot must never be installed under: ``jobpilot`` on PyPI is an unrelated
project. Nobody may create them here."""

PackageType = Literal["bdist_wheel", "sdist"]


def normalize(name: str) -> str:
    """PEP 503: lower case, runs of ``-``, ``_`` and ``.`` collapsed to one ``-``."""
    return canonicalize_name(name)


def check_project_name(name: str) -> str:
    if len(name) > MAX_PROJECT:
        raise BadUpload(f"the project name is longer than {MAX_PROJECT} characters: choose a shorter one")
    if not name or not _PROJECT.match(name):
        raise BadUpload(
            f"{name!r} is not a valid project name: use letters, digits, '-', '_' and '.', "
            "starting and ending with a letter or digit (PEP 508)"
        )
    return name


def parse_version(raw: str) -> Version:
    if len(raw) > MAX_VERSION:
        raise BadUpload(
            f"the version is longer than {MAX_VERSION} characters ({raw[:20]!r}...): use e.g. 1.0.0"
        )
    try:
        return Version(raw)
    except (InvalidVersion, ValueError):  # ValueError: digits beyond int()'s limit
        raise BadUpload(f"{raw!r} is not a valid version (PEP 440): use e.g. 1.0.0") from None


def check_plugin_name(name: str, filename: str) -> str:
    """An entry point name in the group ``jobpilot``: the name people install and enable."""
    if len(name) > MAX_PLUGIN or not _PLUGIN.match(name) or name.lower().startswith("builtin."):
        raise BadUpload(
            f"{filename}: entry point name {name[:MAX_PLUGIN]!r} is not a usable plugin name: use up to "
            f"{MAX_PLUGIN} letters, digits, '-', '_' and '.', starting with a letter or digit "
            "(and not 'builtin.', which is JobPilot's own)"
        )
    return name


def plugin_key(name: str) -> str:
    """What makes two plugin names one name (``Lever`` and ``lever``, ``my_ats`` and
    ``my-ats``): the PEP 503 rule applied to the entry point name."""
    return normalize(name)


@dataclass(frozen=True)
class DistFilename:
    filename: str
    project: str
    """Canonical (PEP 503) project name."""
    version: Version
    packagetype: PackageType
    key: str
    """What makes two files the same file: canonical name, version and wheel tags (so
    ``Foo-1.0-py3-none-any.whl`` and ``foo-1.0-py3-none-any.whl`` collide)."""


def check_filename(filename: str) -> DistFilename:
    """Validate an uploaded filename and read project, version and kind from it."""
    if not filename:
        raise BadUpload("the upload has no filename: send the file as the 'content' field")
    if "\x00" in filename:
        raise BadUpload("the filename contains a NUL character: send the file name the build tool wrote")
    if "/" in filename or "\\" in filename:
        raise BadUpload(f"filename {filename!r} contains a path separator: send a bare file name")
    if ".." in filename:
        raise BadUpload(f"filename {filename!r} contains '..': send the file name the build tool wrote")
    if len(filename) > MAX_FILENAME or not _FILENAME.match(filename):
        raise BadUpload(
            f"filename {filename!r} has characters a distribution name cannot hold "
            "(allowed: letters, digits, '.', '_', '-', '+', '!')"
        )
    try:
        if filename.endswith(".whl"):
            name, version, _build, tags = parse_wheel_filename(filename)
            key = f"{name}-{canonicalize_version(version)}-" + ".".join(sorted(str(t) for t in tags)) + ".whl"
            return DistFilename(filename, str(name), version, "bdist_wheel", key)
        if filename.endswith(".tar.gz"):
            name, version = parse_sdist_filename(filename)
            return DistFilename(
                filename, str(name), version, "sdist", f"{name}-{canonicalize_version(version)}.tar.gz"
            )
    except (InvalidWheelFilename, InvalidSdistFilename, ValueError) as exc:
        raise BadUpload(f"filename {filename!r} is not a valid distribution filename: {exc}") from None
    raise BadUpload(
        f"filename {filename!r}: only wheels (.whl) and source distributions (.tar.gz) are accepted"
    )

"""``jobpilot plugins new NAME``: a new ATS adapter package from the bundled template.

The template (``scaffold/ats/``) follows the layout of the bundled adapters
(``plugins/ats/lever``): a ``pyproject.toml`` with the ``jobpilot`` entry point (and a
``readme``), the package under ``src/`` with ``plugin.toml``, ``detect.py`` (which never takes
the vendor's own sites for application pages: ``VENDOR_DOMAINS``), ``mapping.py`` (custom
questions as fallbacks to the generic mapper) and an ``__init__`` that only wires hooks; unit
tests on hand-built snapshots and a labelled sample page checked in real Chromium with
``jobpilot.testing``; a README, the Apache-2.0 LICENSE, a ``.gitignore`` and a GitHub Actions
workflow. The result builds, installs, loads and passes its tests (with deprecation warnings
as errors) as is; the author then teaches it the ATS's real URLs and markup.

Template files are named as written with ``.tmpl`` appended; ``dot-NAME`` becomes ``.NAME``
(dotfiles do not travel well inside a package) and ``__module__`` the package name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from jobpilot.errors import UsageError

_SLUG = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
_HOST = re.compile(r"^(?:\*\.)?[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$")
TEMPLATE_SUFFIX = ".tmpl"


@dataclass(frozen=True)
class Scaffold:
    name: str
    """The plugin (entry point) name and ATS slug: ``acme`` or ``acme-hr``."""
    host: str
    title: str
    author: str = ""
    vendor_domain: str = ""

    @property
    def module(self) -> str:
        return "jobpilot_ats_" + self.name.replace("-", "_")

    @property
    def dist(self) -> str:
        return "jobpilot-ats-" + self.name

    @property
    def host_example(self) -> str:
        """A host the ATS serves pages from: the host itself, or a tenant of ``*.domain``."""
        return f"demo.{self.host[2:]}" if self.host.startswith("*.") else self.host

    def values(self) -> dict[str, str]:
        return {
            "name": self.name,
            "module": self.module,
            "dist": self.dist,
            "title": self.title,
            "host": self.host,
            "host_example": self.host_example,
            "vendor_domain": self.vendor_domain or registrable_domain(self.host_example),
            "author": self.author or f"The {self.dist} authors",
            "year": str(date.today().year),
        }


_SECOND_LEVEL = {"co", "com", "org", "net", "ac", "gov", "edu"}


def registrable_domain(host: str) -> str:
    """``jobs.acme-ats.com`` -> ``acme-ats.com``, ``jobs.acme.co.uk`` -> ``acme.co.uk``: where
    a vendor's own sites (www., help.) live. A short rule, not the public suffix list: the
    author can correct ``VENDOR_DOMAINS`` in ``detect.py``."""
    labels = host.lower().strip(".").split(".")
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def check_name(raw: str) -> str:
    name = raw.strip().lower().replace("_", "-")
    name = name.removeprefix("jobpilot-ats-")
    if not _SLUG.match(name):
        raise UsageError(
            f"{raw!r} is not a usable plugin name",
            hint="use lower-case letters, digits and single hyphens, starting with a letter "
            "(e.g. acme or acme-hr)",
        )
    return name


def create(
    raw_name: str,
    *,
    parent: Path,
    host: str | None = None,
    title: str | None = None,
    author: str | None = None,
    vendor_domain: str | None = None,
) -> Path:
    """Write the package into ``parent/jobpilot-ats-NAME`` and return that folder.

    Refuses to write into an existing folder, so nothing of the author's is overwritten."""
    name = check_name(raw_name)
    host = (host or f"jobs.{name}.com").strip().lower()
    if not _HOST.match(host):
        raise UsageError(f"{host!r} is not a host name", hint="give the ATS's host, e.g. jobs.acme-ats.com")
    vendor = (vendor_domain or "").strip().lower()
    if vendor and not _HOST.match(vendor):
        raise UsageError(
            f"{vendor!r} is not a domain", hint="give the vendor's own domain, e.g. acme-ats.com"
        )
    scaffold = Scaffold(
        name=name,
        host=host,
        title=title or name.replace("-", " ").title(),
        author=(author or "").strip(),
        vendor_domain=vendor,
    )
    target = parent / scaffold.dist
    if target.exists():
        raise UsageError(
            f"{target} already exists", hint="choose another name or --dir, or remove the folder"
        )
    values = scaffold.values()
    template = resources.files("jobpilot.scaffold").joinpath("ats")
    files: list[tuple[Path, str]] = []
    _collect(template, Path(), values, files)
    tmp = target.with_name(target.name + ".partial")
    if tmp.exists():
        raise UsageError(f"{tmp} exists (left by an interrupted run)", hint="remove it and try again")
    try:
        for rel, text in files:
            out = tmp / rel
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(text, encoding="utf-8")
        tmp.rename(target)  # all files appear at once, or none
    except BaseException:
        import shutil

        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return target


def _collect(node: Traversable, rel: Path, values: dict[str, str], out: list[tuple[Path, str]]) -> None:
    for child in sorted(node.iterdir(), key=lambda c: c.name):
        name = child.name.replace("__module__", values["module"])
        if name.startswith("dot-"):
            name = "." + name[len("dot-") :]
        if child.is_dir():
            if child.name == "__pycache__":
                continue
            _collect(child, rel / name, values, out)
        elif child.name.endswith(TEMPLATE_SUFFIX):
            text = child.read_text(encoding="utf-8")
            for key, value in values.items():
                text = text.replace("{{" + key + "}}", value)
            out.append((rel / name[: -len(TEMPLATE_SUFFIX)], text))

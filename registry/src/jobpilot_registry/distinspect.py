"""What an uploaded distribution is: its core metadata and the JobPilot plugins it carries.

Read without importing or extracting anything: a wheel is opened as a zip, an sdist as a
tar, and only the few members that matter are read (``METADATA`` / ``PKG-INFO``,
``entry_points.txt`` or ``pyproject.toml``, and the ``plugin.toml`` beside each entry
point's package). A corrupt archive, members that would escape the archive's folder, a
metadata name or version that disagrees with the filename, a distribution that declares
no entry point in the group ``jobpilot``, and an entry point whose ``plugin.toml`` is
missing, names no hook, or names a hook its source does not implement (``@hookimpl``
functions, found by parsing the package's Python files, never by running them) are refused:
the search API answers from these declarations, so they must be true. JobPilot's own
distributions (``names.FRAMEWORK_PROJECTS``, published by the operator) carry no entry point.

The work is bounded whatever the upload holds: members counted and sized before anything is
read, Python source parsed up to a total, and nesting the parsers refuse (TOML, Python) is a
refusal, never a crash. Every string that reaches the database is checked (UTF-8, no NUL, a
length the columns hold).
"""

from __future__ import annotations

import ast
import configparser
import tarfile
import tomllib
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from email.message import Message
from email.parser import Parser
from email.policy import compat32
from pathlib import Path, PurePosixPath
from typing import Any

from jobpilot.plugins import ENTRY_POINT_GROUP, METADATA_FILE, hook_names
from jobpilot.urlpatterns import ALL_URLS, BadPattern, validate

from jobpilot_registry.errors import BadUpload
from jobpilot_registry.names import (
    MAX_PROJECT,
    DistFilename,
    check_plugin_name,
    normalize,
    parse_version,
)

MAX_UNPACKED = 512 * 1024 * 1024
"""Refuse archives that claim to unpack to more than this (zip bombs)."""
MAX_MEMBER = 4 * 1024 * 1024
"""Largest metadata member read (METADATA, entry_points.txt, plugin.toml, pyproject.toml)."""
MAX_MEMBERS = 20_000
"""Most members an archive may have (each is looked at once)."""
MAX_SOURCE = 16 * 1024 * 1024
"""Python source parsed per upload, all files together, to find ``@hookimpl`` functions."""
MAX_SOURCE_FILE = 2 * 1024 * 1024
"""Largest single Python file parsed."""
MAX_SUMMARY = 512
MAX_REQUIRES_PYTHON = 200
MAX_DESCRIPTION = 2000
MAX_ATS = 64
MAX_MODULE = 200
MAX_PATTERNS = 100
MAX_PATTERN = 500


@dataclass
class PluginMeta:
    """One entry point in the group ``jobpilot`` and the ``plugin.toml`` beside it."""

    name: str
    module: str
    ats: str | None = None
    description: str = ""
    hooks: list[str] = field(default_factory=list)
    url_patterns: list[str] = field(default_factory=lambda: [ALL_URLS])

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "module": self.module,
            "ats": self.ats,
            "description": self.description,
            "hooks": self.hooks,
            "url_patterns": self.url_patterns,
        }


@dataclass
class DistInfo:
    name: str
    """The project name as the metadata spells it."""
    version: str
    summary: str
    requires_python: str | None
    metadata: bytes | None
    """The wheel's METADATA file verbatim (served for PEP 658); None for sdists."""
    plugins: list[PluginMeta]


_DAMAGED = (
    zipfile.BadZipFile,
    tarfile.TarError,
    zlib.error,
    OSError,
    EOFError,
    ValueError,
    KeyError,
    NotImplementedError,
    UnicodeDecodeError,
)


def inspect_distribution(path: Path, dist: DistFilename, *, plugin_required: bool = True) -> DistInfo:
    """Metadata and plugins of an uploaded file; :class:`BadUpload` says what is wrong with it.

    ``plugin_required`` False (JobPilot's own distributions) accepts a distribution without
    an entry point in the group ``jobpilot``; entry points it does have are checked the same."""
    try:
        if dist.packagetype == "bdist_wheel":
            return _inspect_wheel(path, dist, plugin_required)
        return _inspect_sdist(path, dist, plugin_required)
    except BadUpload:
        raise
    except (RecursionError, MemoryError):
        raise BadUpload(f"{dist.filename} holds data nested too deeply to read; rebuild it") from None
    except _DAMAGED as exc:
        raise BadUpload(f"{dist.filename} is damaged ({type(exc).__name__}: {exc}); rebuild it") from None


def clean_text(value: str, what: str, limit: int) -> str:
    """A string bound for the database: UTF-8 encodable, no NUL, at most ``limit`` characters."""
    if "\x00" in value:
        raise BadUpload(f"{what} contains a NUL character; remove it and rebuild")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise BadUpload(f"{what} is not valid UTF-8; rebuild the distribution") from None
    if len(value) > limit:
        raise BadUpload(f"{what} is longer than {limit} characters; shorten it and rebuild")
    return value


# --- wheels --------------------------------------------------------------------------------


def _inspect_wheel(path: Path, dist: DistFilename, plugin_required: bool) -> DistInfo:
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise BadUpload(
            f"{dist.filename} is not a valid wheel (not a zip archive: {exc}); rebuild it"
        ) from None
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_MEMBERS:
            raise BadUpload(f"{dist.filename} has more than {MAX_MEMBERS} members; a plugin needs far fewer")
        for info in infos:
            _check_member_name(info.filename, dist.filename)
        if sum(i.file_size for i in infos) > MAX_UNPACKED:
            raise BadUpload(f"{dist.filename} unpacks to more than {MAX_UNPACKED // 2**20} MiB")
        try:
            bad = zf.testzip()
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError) as exc:
            raise BadUpload(f"{dist.filename} is a corrupt wheel ({exc}); rebuild it") from None
        if bad is not None:
            raise BadUpload(f"{dist.filename} is a corrupt wheel (bad CRC in {bad}); rebuild it")
        names = {i.filename for i in infos}
        dist_infos = {n.split("/", 1)[0] for n in names if n.split("/", 1)[0].endswith(".dist-info")}
        dist_info = next(
            (d for d in dist_infos if normalize(d[: -len(".dist-info")].rsplit("-", 1)[0]) == dist.project),
            None,
        )
        if dist_info is None or f"{dist_info}/METADATA" not in names:
            raise BadUpload(f"{dist.filename} has no {dist.project}-*.dist-info/METADATA: it is not a wheel")
        if f"{dist_info}/WHEEL" not in names:
            raise BadUpload(f"{dist.filename} has no {dist_info}/WHEEL file: it is not a wheel")
        metadata = _read_zip(zf, f"{dist_info}/METADATA")
        meta = _parse_metadata(metadata, dist, "METADATA")
        eps_file = f"{dist_info}/entry_points.txt"
        entry_points = (
            _parse_entry_points(_read_zip(zf, eps_file).decode("utf-8", "replace"), dist)
            if (eps_file in names)
            else {}
        )

        def read(member: str) -> bytes | None:
            return _read_zip(zf, member) if member in names else None

        plugins = _plugins(entry_points, read, names, dist, where=[""], required=plugin_required)
        meta.metadata = metadata
        meta.plugins = plugins
        return meta


def _read_zip(zf: zipfile.ZipFile, member: str) -> bytes:
    info = zf.getinfo(member)
    if info.file_size > MAX_MEMBER:
        raise BadUpload(f"{member} is larger than {MAX_MEMBER // 2**20} MiB")
    return zf.read(member)


def _check_member_name(name: str, filename: str) -> None:
    parts = PurePosixPath(name).parts
    if not parts or name.startswith("/") or "\\" in name or ".." in parts or ":" in parts[0]:
        raise BadUpload(f"{filename} contains a member that escapes the archive ({name!r}); rebuild it")


def _parse_metadata(raw: bytes, dist: DistFilename, what: str) -> DistInfo:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise BadUpload(f"{dist.filename}: {what} is not UTF-8 (core metadata must be); rebuild it") from None
    msg: Message = Parser(policy=compat32).parsestr(text, headersonly=True)
    name = clean_text(str(msg.get("Name") or "").strip(), f"{dist.filename}: {what} Name", MAX_PROJECT)
    version = clean_text(str(msg.get("Version") or "").strip(), f"{dist.filename}: {what} Version", 100)
    if not name or not version:
        raise BadUpload(f"{dist.filename}: {what} has no Name or Version; rebuild the distribution")
    if normalize(name) != dist.project:
        raise BadUpload(
            f"{dist.filename}: the file name says project {dist.project!r} but its {what} says {name!r}"
        )
    if parse_version(version) != dist.version:
        raise BadUpload(
            f"{dist.filename}: the file name says version {dist.version} but its {what} says {version}"
        )
    requires_python = (
        clean_text(
            str(msg.get("Requires-Python") or "").strip(),
            f"{dist.filename}: {what} Requires-Python",
            MAX_REQUIRES_PYTHON,
        )
        or None
    )
    summary = clean_text(str(msg.get("Summary") or "").strip(), f"{dist.filename}: {what} Summary", 100_000)
    return DistInfo(
        name=name,
        version=version,
        summary=summary[:MAX_SUMMARY],
        requires_python=requires_python,
        metadata=None,
        plugins=[],
    )


def _parse_entry_points(text: str, dist: DistFilename) -> dict[str, str]:
    parser = configparser.ConfigParser(delimiters=("=",), interpolation=None, strict=False)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    try:
        parser.read_string(text)
    except configparser.Error as exc:
        raise BadUpload(f"{dist.filename}: entry_points.txt cannot be read ({exc})") from None
    if not parser.has_section(ENTRY_POINT_GROUP):
        return {}
    return {k.strip(): v.strip() for k, v in parser.items(ENTRY_POINT_GROUP)}


def _plugins(
    entry_points: dict[str, str],
    read: Any,
    members: Iterable[str],
    dist: DistFilename,
    *,
    where: list[str],
    required: bool = True,
) -> list[PluginMeta]:
    """One PluginMeta per entry point; ``read(member)`` gives bytes or None, ``members`` are
    the archive's member names; ``where`` are the prefixes under which packages live in the
    archive (``""`` for wheels)."""
    if not entry_points and not required:
        return []
    if not entry_points:
        raise BadUpload(
            f"{dist.filename} is not a JobPilot plugin: it declares no entry point in the group "
            f"'{ENTRY_POINT_GROUP}'. Add to pyproject.toml:\n[project.entry-points.{ENTRY_POINT_GROUP}]\n"
            f'myplugin = "my_package"'
        )
    known = set(hook_names())
    member_list = sorted(members)
    budget = [MAX_SOURCE]
    out: list[PluginMeta] = []
    for ep_name, target in sorted(entry_points.items()):
        check_plugin_name(ep_name, dist.filename)
        module = target.split(":", 1)[0].strip()
        if (
            not module
            or len(module) > MAX_MODULE
            or not all(part.isidentifier() and part.isascii() for part in module.split("."))
        ):
            raise BadUpload(f"{dist.filename}: entry point {ep_name} = {target!r} does not name a module")
        plugin = PluginMeta(name=ep_name, module=module)
        parts = module.split(".")
        package_dir = "/".join(parts)
        candidates = [
            (f"{package_dir}/{METADATA_FILE}", [f"{package_dir}/"]),  # a package: beside __init__.py
            ("/".join([*parts[:-1], METADATA_FILE]), [f"{package_dir}.py"]),  # a module: beside the file
        ]
        found = next(
            (
                (data, [prefix + s for s in sources])
                for prefix in where
                for toml, sources in candidates
                if (data := read(prefix + toml)) is not None
            ),
            None,
        )
        if found is None:
            raise BadUpload(
                f"{dist.filename}: entry point {ep_name!r} has no {METADATA_FILE} beside its module "
                f"{module!r}; add one with name, ats, hooks and url_patterns (see docs/plugin-guide.md)"
            )
        raw, sources = found
        _apply_plugin_toml(plugin, raw, dist, known)
        if not plugin.hooks:
            raise BadUpload(
                f"{dist.filename}: the {METADATA_FILE} of entry point {ep_name!r} names no hooks; "
                f'list the hooks the plugin implements, e.g. hooks = ["detect_ats", "map_fields"]'
            )
        implemented = _hookimpls(read, member_list, sources, dist, budget)
        missing = sorted(set(plugin.hooks) - implemented)
        if missing:
            raise BadUpload(
                f"{dist.filename}: the {METADATA_FILE} of entry point {ep_name!r} declares hooks its "
                f"code does not implement: {missing} (found @hookimpl functions: {sorted(implemented)}); "
                "implement them or remove them from 'hooks'"
            )
        out.append(plugin)
    return out


def _hookimpls(
    read: Any, members: list[str], sources: list[str], dist: DistFilename, budget: list[int]
) -> set[str]:
    """Names of the functions decorated ``@hookimpl`` (any spelling: ``hookimpl``,
    ``jobpilot.hookimpl``, ``hookimpl(...)``) in the Python files of the entry point's
    package (every ``.py`` under its folder) or module. ``budget[0]`` is the source still
    allowed to be parsed for this upload (shared by its entry points)."""
    files = [m for m in members if any(m == s or (s.endswith("/") and m.startswith(s)) for s in sources)]
    names: set[str] = set()
    for member in files:
        if not member.endswith(".py"):
            continue
        raw = read(member)
        if raw is None:
            continue
        if len(raw) > MAX_SOURCE_FILE:
            raise BadUpload(
                f"{dist.filename}: {member} is larger than {MAX_SOURCE_FILE // 2**20} MiB of Python; "
                "a plugin's hooks live in small modules"
            )
        budget[0] -= len(raw)
        if budget[0] < 0:
            raise BadUpload(
                f"{dist.filename}: the plugin's packages hold more than {MAX_SOURCE // 2**20} MiB of "
                "Python to read for @hookimpl functions; ship the plugin in a smaller package"
            )
        try:
            tree = ast.parse(raw, filename=member)
        except (RecursionError, MemoryError):
            raise BadUpload(
                f"{dist.filename}: {member} nests too deeply to be read; simplify it and rebuild"
            ) from None
        except (SyntaxError, ValueError) as exc:
            raise BadUpload(f"{dist.filename}: {member} is not valid Python ({exc})") from None
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and any(
                _is_hookimpl(d) for d in node.decorator_list
            ):
                names.add(node.name)
    return names


def _is_hookimpl(decorator: ast.expr) -> bool:
    target = decorator.func if isinstance(decorator, ast.Call) else decorator
    if isinstance(target, ast.Name):
        return target.id == "hookimpl"
    return isinstance(target, ast.Attribute) and target.attr == "hookimpl"


def _apply_plugin_toml(plugin: PluginMeta, raw: bytes, dist: DistFilename, known: set[str]) -> None:
    where = f"{dist.filename}: plugin.toml of entry point {plugin.name!r}"
    data = _load_toml(raw, where)
    ats = data.get("ats")
    if ats is not None and not isinstance(ats, str):
        raise BadUpload(f"{where}: 'ats' must be a string such as \"lever\"")
    if ats is not None:
        clean_text(ats, f"{where}: 'ats'", MAX_ATS)
    desc = data.get("description", "")
    if not isinstance(desc, str):
        raise BadUpload(f"{where}: 'description' must be a string")
    clean_text(desc, f"{where}: 'description'", MAX_DESCRIPTION)
    hooks = data.get("hooks", [])
    if not isinstance(hooks, list) or not all(isinstance(h, str) for h in hooks):
        raise BadUpload(f"{where}: 'hooks' must be a list of hook names")
    unknown = sorted(set(hooks) - known)
    if unknown:
        raise BadUpload(f"{where} names hooks JobPilot does not have: {unknown}; known: {sorted(known)}")
    patterns = data.get("url_patterns", [ALL_URLS])
    if not isinstance(patterns, list) or not all(isinstance(p, str) for p in patterns) or not patterns:
        raise BadUpload(f"{where}: 'url_patterns' must be a non-empty list of match patterns")
    if len(patterns) > MAX_PATTERNS:
        raise BadUpload(f"{where}: more than {MAX_PATTERNS} url_patterns; use wildcards")
    for p in patterns:
        clean_text(p, f"{where}: url pattern", MAX_PATTERN)
        try:
            validate(p)
        except BadPattern as exc:
            raise BadUpload(f"{where}: {exc}") from None
    plugin.ats = ats
    plugin.description = desc
    plugin.hooks = list(hooks)
    plugin.url_patterns = list(patterns)


def _load_toml(raw: bytes, where: str) -> dict[str, Any]:
    try:
        return tomllib.loads(raw.decode("utf-8"))
    except (RecursionError, MemoryError):
        raise BadUpload(f"{where} nests tables or arrays too deeply to be read; flatten it") from None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise BadUpload(f"{where} is not valid TOML ({exc})") from None


# --- source distributions ----------------------------------------------------------------


def _inspect_sdist(path: Path, dist: DistFilename, plugin_required: bool) -> DistInfo:
    try:
        tf = tarfile.open(path, mode="r:gz")  # noqa: SIM115 - closed by the with below
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise BadUpload(f"{dist.filename} is not a valid source distribution ({exc}); rebuild it") from None
    with tf:
        members: dict[str, tarfile.TarInfo] = {}
        try:
            while (m := tf.next()) is not None:  # counted as read, not all loaded first
                if len(members) >= MAX_MEMBERS:
                    raise BadUpload(
                        f"{dist.filename} has more than {MAX_MEMBERS} members; a plugin needs far fewer"
                    )
                members[m.name] = m
        except (tarfile.TarError, OSError, EOFError, zlib.error) as exc:
            raise BadUpload(f"{dist.filename} is a corrupt source distribution ({exc}); rebuild it") from None
        total = 0
        for name, m in members.items():
            _check_member_name(name, dist.filename)
            total += m.size
        if total > MAX_UNPACKED:
            raise BadUpload(f"{dist.filename} unpacks to more than {MAX_UNPACKED // 2**20} MiB")
        base = dist.filename[: -len(".tar.gz")]
        tops = {n.split("/", 1)[0] for n in members}
        if tops != {base}:
            raise BadUpload(f"{dist.filename}: every member must be under {base}/ (found {sorted(tops)[:3]})")

        def read(member: str) -> bytes | None:
            m = members.get(member)
            if m is None or not m.isfile():
                return None
            if m.size > MAX_MEMBER:
                raise BadUpload(f"{member} is larger than {MAX_MEMBER // 2**20} MiB")
            fh = tf.extractfile(m)
            return fh.read() if fh is not None else None

        try:
            pkg_info = read(f"{base}/PKG-INFO")
            if pkg_info is None:
                raise BadUpload(f"{dist.filename} has no {base}/PKG-INFO: it is not a source distribution")
            meta = _parse_metadata(pkg_info, dist, "PKG-INFO")
            pyproject = read(f"{base}/pyproject.toml")
        except (tarfile.TarError, OSError, EOFError, zlib.error) as exc:
            raise BadUpload(f"{dist.filename} is a corrupt source distribution ({exc}); rebuild it") from None
        entry_points: dict[str, str] = {}
        if pyproject is not None:
            project = _load_toml(pyproject, f"{dist.filename}: pyproject.toml").get("project", {})
            raw_eps = project.get("entry-points", {}) if isinstance(project, dict) else {}
            raw_eps = raw_eps.get(ENTRY_POINT_GROUP, {}) if isinstance(raw_eps, dict) else {}
            if isinstance(raw_eps, dict):
                entry_points = {str(k): str(v) for k, v in raw_eps.items()}
        meta.plugins = _plugins(
            entry_points, read, members, dist, where=[f"{base}/src/", f"{base}/"], required=plugin_required
        )
        return meta

"""Talking to a JobPilot plugin registry: search over its JSON API, install through pip.

Only the standard library: the client needs none of the server's dependencies. Installing
runs pip (``python -m pip``, or ``uv pip`` where pip is absent, as in uv-made environments)
in the environment JobPilot runs in, and guards the supply chain:

- the registry is the *only* index for plugins: a plugin name is never looked up anywhere
  else (dependencies a plugin needs beyond what is installed come from ``[registry]
  extra_index_urls`` when the person configured one);
- JobPilot's own distributions are pinned to the installed versions (a constraints file), so
  installing a plugin never replaces or fetches the core, from any index;
- wheels only (``--only-binary :all:``): no sdist's build script runs on this machine;
- a plugin name must mean one project: a name two projects claim in the registry, or a
  plugin whose name an installed plugin of another distribution already has, is refused.

``install -e PATH`` is the development install of a plugin's source folder (as ``llm install
-e`` and ``datasette install -e``): the same pins and checks, dependencies from pip's own
configuration (the registry serves published plugins, not a work in progress).
"""

from __future__ import annotations

import importlib.metadata as md
import importlib.util
import json
import shutil
import subprocess
import sys
import tempfile
import tomllib
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jobpilot.errors import JobPilotError, UsageError
from jobpilot.plugins import ENTRY_POINT_GROUP

TIMEOUT_S = 15.0
CORE = "jobpilot-core"
OWN_DISTRIBUTIONS = (CORE, "jobpilot-host", "jobpilot-registry")
"""JobPilot's own distributions: pinned to what is installed whenever a plugin is installed."""
WHEELS_ONLY = ["--only-binary", ":all:"]


class RegistryUnavailable(JobPilotError):
    """The registry could not be reached or answered with an error."""


def root_url(url: str) -> str:
    """The registry's base URL (``http://host:port``), whether given with ``/simple/`` or not."""
    url = url.strip()
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise UsageError(f"{url!r} is not a registry URL", hint="give it as http(s)://host[:port]/")
    path = parts.path.rstrip("/")
    for suffix in ("/simple", "/legacy", "/api/plugins"):
        if path.endswith(suffix):
            path = path[: -len(suffix)]
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def configured_url(explicit: str | None = None) -> str:
    from jobpilot.config import load_settings

    url = explicit or load_settings().registry_url
    if not url:
        raise UsageError(
            "no plugin registry is configured",
            hint="set one once with: jobpilot plugins registry URL (or pass --registry URL)",
        )
    return root_url(url)


def _get_json(url: str, *, accept: str = "application/json") -> Any:
    req = urllib.request.Request(url, headers={"Accept": accept, "User-Agent": "jobpilot"})
    try:
        with urllib.request.urlopen(req, timeout=TIMEOUT_S) as resp:
            return json.loads(resp.read().decode("utf-8"))
    except urllib.error.HTTPError as exc:
        if exc.code == 404:
            return None
        raise RegistryUnavailable(f"the registry answered {exc.code} {exc.reason} for {url}") from None
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise RegistryUnavailable(
            f"cannot reach the plugin registry at {url}: {reason}",
            hint="check the URL (jobpilot plugins registry) and that the registry is running",
        ) from None
    except ValueError:
        raise RegistryUnavailable(f"{url} did not answer JSON: is it a JobPilot registry?") from None


def search(
    url: str, query: str = "", *, ats: str = "", hook: str = "", page_url: str = ""
) -> list[dict[str, Any]]:
    params = {k: v for k, v in {"q": query, "ats": ats, "hook": hook, "url": page_url}.items() if v}
    query = f"?{urllib.parse.urlencode(params)}" if params else ""
    found = _get_json(f"{url}/api/plugins{query}")
    if not isinstance(found, dict) or not isinstance(found.get("plugins"), list):
        raise RegistryUnavailable(f"{url}/api/plugins is not a JobPilot registry's search API")
    return list(found["plugins"])


def resolve(url: str, names: list[str]) -> list[str]:
    """Project names to install: a plugin's name (``lever``) becomes its project
    (``jobpilot-ats-lever``); a project name the registry knows stays; anything else is an error,
    and so is a name that could mean two projects (two projects carrying the plugin name, or a
    plugin name that is also another project's name)."""
    by_plugin: dict[str, set[str]] = {}
    for p in search(url):
        by_plugin.setdefault(_normalize(p["name"]), set()).add(p["project"])
    out: list[str] = []
    for raw in names:
        name, _, spec = _split_spec(raw)
        key = _normalize(name)
        candidates = {_normalize(c): c for c in by_plugin.get(key, set())}
        if key not in candidates:
            if _project_exists(url, name):
                candidates[key] = name  # a project of that name (besides any plugin of that name)
            elif not candidates:
                raise UsageError(
                    f"the registry has no plugin or project {name!r}",
                    hint=f"look for it with: jobpilot plugins search {name}",
                )
        if len(candidates) > 1:
            raise UsageError(
                f"{name!r} could mean more than one project in the registry: "
                + ", ".join(sorted(candidates.values())),
                hint="a plugin name must mean one project; check which one you trust and install it "
                "by its project name (jobpilot plugins install PROJECT)",
            )
        out.append(next(iter(candidates.values())) + spec)
    return out


def _project_exists(url: str, name: str) -> bool:
    index = _get_json(f"{url}/simple/{_normalize(name)}/", accept="application/vnd.pypi.simple.v1+json")
    return index is not None


def _split_spec(raw: str) -> tuple[str, str, str]:
    for i, ch in enumerate(raw):
        if ch in "<>=!~[ ;":
            return raw[:i], "", raw[i:]
    return raw, "", ""


def _normalize(name: str) -> str:
    import re

    return re.sub(r"[-_.]+", "-", name).lower()


def pip_command() -> list[str]:
    """How to run pip for the environment JobPilot runs in."""
    if importlib.util.find_spec("pip") is not None:
        return [sys.executable, "-m", "pip"]
    uv = shutil.which("uv")
    if uv:
        return [uv, "pip"]
    raise UsageError(
        "neither pip nor uv is available to install plugins with",
        hint=f"install pip into this environment: {sys.executable} -m ensurepip",
    )


@dataclass
class PipRun:
    command: list[str]
    returncode: int


def _pip(args: list[str], *, dry_run: bool = False) -> PipRun:
    base = pip_command()
    if base[0] == sys.executable:  # python -m pip
        cmd = [*base, args[0], "--disable-pip-version-check", *args[1:]]
    else:  # uv pip: name the environment
        cmd = [*base, args[0], "--python", sys.executable, *args[1:]]
    if dry_run:
        return PipRun(cmd, 0)
    return PipRun(cmd, subprocess.call(cmd))


def check_plugin_names(plugin_names: dict[str, str]) -> None:
    """Refuse to install a plugin whose name an installed plugin of another distribution has:
    ``plugin_names`` maps each plugin name to the distribution about to provide it."""
    installed = {_normalize(k): v for k, v in installed_plugins().items()}
    for name, dist in sorted(plugin_names.items()):
        other = installed.get(_normalize(name))
        if other is not None and _normalize(other) != _normalize(dist):
            raise UsageError(
                f"{dist} provides a plugin named {name!r}, and the installed {other} already does",
                hint=f"two plugins of one name cannot both load; uninstall {other} first if {dist} "
                "is the one you trust (jobpilot plugins uninstall)",
            )


def plugins_in_catalog(url: str, projects: list[str]) -> dict[str, str]:
    """Plugin name -> project, for the projects about to be installed (as the registry says)."""
    wanted = {_normalize(_split_spec(p)[0]) for p in projects}
    return {p["name"]: p["project"] for p in search(url) if _normalize(p["project"]) in wanted}


def own_pins() -> list[str]:
    """``name==version`` for each of JobPilot's own distributions installed here."""
    pins = []
    for dist in OWN_DISTRIBUTIONS:
        try:
            pins.append(f"{dist}=={md.version(dist)}")
        except md.PackageNotFoundError:
            continue
    return pins


def install(
    url: str,
    projects: list[str],
    *,
    upgrade: bool = False,
    extra_index_urls: Sequence[str] = (),
    dry_run: bool = False,
) -> PipRun:
    args = ["install", *WHEELS_ONLY, "--index-url", f"{url}/simple/"]
    for extra in extra_index_urls:
        args += ["--extra-index-url", extra]
    if upgrade:
        args.append("--upgrade")
    return _pip_pinned([*args, *projects], dry_run=dry_run)


def install_editable(path: Path, *, dry_run: bool = False) -> PipRun:
    """``pip install -e PATH`` of a plugin's source folder, with JobPilot's own pinned."""
    return _pip_pinned(["install", *WHEELS_ONLY, "--editable", str(path)], dry_run=dry_run)


def _pip_pinned(args: list[str], *, dry_run: bool) -> PipRun:
    """Run pip with JobPilot's own distributions pinned to the installed versions, so no
    index (the registry, an extra index, PyPI) is ever asked for them."""
    pins = own_pins()
    if not pins:
        return _pip(args, dry_run=dry_run)
    with tempfile.TemporaryDirectory(prefix="jobpilot-pins-") as folder:
        constraints = Path(folder) / "jobpilot-constraints.txt"
        constraints.write_text("\n".join(pins) + "\n", encoding="utf-8")
        return _pip([args[0], "--constraint", str(constraints), *args[1:]], dry_run=dry_run)


@dataclass(frozen=True)
class SourcePlugin:
    """A plugin's source folder, as read from its ``pyproject.toml`` without building it."""

    path: Path
    distribution: str
    plugin_names: list[str]


def read_source_plugin(raw: str) -> SourcePlugin:
    """What ``install -e PATH`` installs; a folder that is not a JobPilot plugin is refused."""
    path = Path(raw).expanduser().resolve()
    pyproject = path / "pyproject.toml"
    if not pyproject.is_file():
        raise UsageError(
            f"{path} has no pyproject.toml",
            hint="give the folder of a plugin's source (jobpilot plugins new NAME writes one)",
        )
    try:
        project = tomllib.loads(pyproject.read_text("utf-8")).get("project", {})
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise UsageError(f"{pyproject} cannot be read: {exc}") from None
    name = project.get("name") if isinstance(project, dict) else None
    eps = project.get("entry-points", {}).get(ENTRY_POINT_GROUP) if isinstance(project, dict) else None
    if not isinstance(name, str) or not isinstance(eps, dict) or not eps:
        raise UsageError(
            f"{path} is not a JobPilot plugin: its pyproject.toml declares no "
            f"[project.entry-points.{ENTRY_POINT_GROUP}]",
            hint=f'add one, e.g.\n[project.entry-points.{ENTRY_POINT_GROUP}]\nacme = "jobpilot_ats_acme"',
        )
    return SourcePlugin(path=path, distribution=name, plugin_names=sorted(str(k) for k in eps))


def uninstall(distributions: list[str], *, dry_run: bool = False) -> PipRun:
    base = pip_command()
    args = ["uninstall", *distributions]
    if base[0] == sys.executable:
        args.insert(1, "-y")
    return _pip(args, dry_run=dry_run)


def installed_plugins() -> dict[str, str]:
    """Entry point name -> distribution name, for every installed plugin."""
    out: dict[str, str] = {}
    for ep in md.entry_points(group=ENTRY_POINT_GROUP):
        if ep.dist is not None:
            out[ep.name] = ep.dist.name
    return out


def distributions_for(names: list[str]) -> list[str]:
    """Installed distributions for plugin or distribution names; the core is refused."""
    plugins = installed_plugins()
    dists = {_normalize(d): d for d in plugins.values()}
    out: list[str] = []
    for name in names:
        dist = plugins.get(name) or dists.get(_normalize(name))
        if dist is None:
            raise UsageError(
                f"no installed plugin {name!r}",
                hint="see what is installed with: jobpilot plugins list",
            )
        if _normalize(dist) == CORE:
            raise UsageError(f"{name!r} is part of JobPilot itself and cannot be uninstalled as a plugin")
        if dist not in out:
            out.append(dist)
    return out

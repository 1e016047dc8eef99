"""Talking to a JobPilot plugin registry: search over its JSON API, install through pip.

Only the standard library: the client needs none of the server's dependencies. Installing
runs pip (``python -m pip``, or ``uv pip`` where pip is absent, as in uv-made environments)
in the environment JobPilot runs in, with the registry as the *only* index: a plugin name is
never looked up anywhere else (no dependency confusion). Dependencies a plugin needs beyond
what is installed come from ``[registry] extra_index_urls`` when the person configured one.
"""

from __future__ import annotations

import importlib.metadata as md
import importlib.util
import json
import shutil
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from jobpilot.errors import JobPilotError, UsageError
from jobpilot.plugins import ENTRY_POINT_GROUP

TIMEOUT_S = 15.0
CORE = "jobpilot-core"


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
    (``jobpilot-ats-lever``); a project name the registry knows stays; anything else is an error."""
    catalog = search(url)
    by_plugin = {p["name"].lower(): p["project"] for p in catalog}
    out: list[str] = []
    for raw in names:
        name, _, spec = _split_spec(raw)
        project = by_plugin.get(name.lower())
        if project is None:
            index = _get_json(
                f"{url}/simple/{_normalize(name)}/", accept="application/vnd.pypi.simple.v1+json"
            )
            if index is None:
                raise UsageError(
                    f"the registry has no plugin or project {name!r}",
                    hint=f"look for it with: jobpilot plugins search {name}",
                )
            project = name
        out.append(project + spec)
    return out


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


def install(
    url: str,
    projects: list[str],
    *,
    upgrade: bool = False,
    extra_index_urls: Sequence[str] = (),
    dry_run: bool = False,
) -> PipRun:
    args = ["install", "--index-url", f"{url}/simple/"]
    for extra in extra_index_urls:
        args += ["--extra-index-url", extra]
    if upgrade:
        args.append("--upgrade")
    return _pip([*args, *projects], dry_run=dry_run)


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

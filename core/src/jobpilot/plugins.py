"""Plugin loading and hook calling: the only module that talks to pluggy.

Entry points of the group ``jobpilot`` are loaded one by one, each inside its own error
boundary: a plugin that fails to import, declares bad metadata or raises inside a hook is
recorded as failed (``jobpilot plugins list`` shows why) and never takes the program down.

Hooks are called per implementation rather than through pluggy's combined caller, for three
reasons: a failing implementation is isolated and reported; each plugin only sees pages its
declared ``url_patterns`` cover; and every result can be attributed to the plugin that gave it.

Environment:

* ``JOBPILOT_LOAD_PLUGINS`` — comma-separated entry-point names to load (allow-list); unset
  means all, an empty string means none.
* ``JOBPILOT_DISABLE_PLUGINS`` — comma-separated names to skip (added to the config file's
  ``[plugins] disabled`` list).
* ``JOBPILOT_TRACE_PLUGINS=1`` — log every hook call, its plugin, duration and result size.
"""

from __future__ import annotations

import importlib
import importlib.metadata as md
import logging
import os
import sys
import time
import tomllib
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, Literal

import pluggy

from jobpilot import hookspecs, urlpatterns
from jobpilot.errors import PluginError

if TYPE_CHECKING:
    from jobpilot.models.mapping import Detection, FieldMapping
    from jobpilot.models.providers import CaptchaChallenge
    from jobpilot.models.snapshot import FormSnapshot

log = logging.getLogger("jobpilot.plugins")

ENTRY_POINT_GROUP = "jobpilot"
METADATA_FILE = "plugin.toml"
PluginStatus = Literal["loaded", "failed", "disabled", "not-allowed"]


@dataclass
class PluginInfo:
    """What ``jobpilot plugins list`` shows about one plugin."""

    name: str
    distribution: str | None = None
    version: str | None = None
    status: PluginStatus = "loaded"
    error: str | None = None
    ats: str | None = None
    description: str = ""
    url_patterns: list[str] = field(default_factory=lambda: [urlpatterns.ALL_URLS])
    declared_hooks: list[str] = field(default_factory=list)
    hooks: list[str] = field(default_factory=list)
    """Hooks the loaded plugin really implements (from pluggy)."""
    failures: list[str] = field(default_factory=list)
    """Hook calls that raised, newest last (kept short)."""

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "distribution": self.distribution,
            "version": self.version,
            "status": self.status,
            "error": self.error,
            "ats": self.ats,
            "description": self.description,
            "url_patterns": self.url_patterns,
            "hooks": self.hooks or self.declared_hooks,
            "failures": self.failures,
        }


def _env_list(name: str) -> list[str] | None:
    raw = os.environ.get(name)
    if raw is None:
        return None
    return [p.strip() for p in raw.split(",") if p.strip()]


def read_metadata(module: ModuleType) -> dict[str, Any]:
    """Read ``plugin.toml`` beside a plugin package's ``__init__``; empty if absent."""
    file = getattr(module, "__file__", None)
    if not file:
        return {}
    path = Path(file).with_name(METADATA_FILE)
    if not path.exists():
        return {}
    with path.open("rb") as fh:
        return tomllib.load(fh)


class PluginManager:
    """Loads plugins and calls their hooks with isolation, scoping and attribution."""

    def __init__(self, *, disabled: Iterable[str] = ()) -> None:
        self._pm = pluggy.PluginManager(ENTRY_POINT_GROUP)
        self._pm.add_hookspecs(hookspecs)
        self.infos: dict[str, PluginInfo] = {}
        self._disabled = set(disabled) | set(_env_list("JOBPILOT_DISABLE_PLUGINS") or [])
        self.trace = os.environ.get("JOBPILOT_TRACE_PLUGINS", "") not in ("", "0")

    # --- loading ---------------------------------------------------------------------

    def load_entrypoints(self) -> None:
        allow = _env_list("JOBPILOT_LOAD_PLUGINS")
        for ep in md.entry_points(group=ENTRY_POINT_GROUP):
            if ep.name in self.infos:
                continue
            dist = ep.dist
            info = PluginInfo(
                name=ep.name,
                distribution=dist.name if dist else None,
                version=dist.version if dist else None,
            )
            self.infos[ep.name] = info
            if allow is not None and ep.name not in allow:
                info.status = "not-allowed"
                continue
            if ep.name in self._disabled:
                info.status = "disabled"
                continue
            try:
                module = ep.load()
                self._register(module, info)
            except Exception as exc:  # the error boundary: one plugin never breaks the rest
                info.status = "failed"
                info.error = f"{type(exc).__name__}: {exc}"
                log.warning("plugin %s failed to load: %s", ep.name, info.error)
                log.debug("%s", traceback.format_exc())

    def load_builtins(self) -> None:
        from jobpilot.builtin import DEFAULT_PLUGINS

        for modname in DEFAULT_PLUGINS:
            name = "builtin." + modname.rsplit(".", 1)[1]
            info = PluginInfo(name=name, distribution=_core_distribution(), version=_core_version())
            self.infos[name] = info
            if name in self._disabled:
                info.status = "disabled"
                continue
            try:
                self._register(importlib.import_module(modname), info)
            except Exception as exc:
                info.status = "failed"
                info.error = f"{type(exc).__name__}: {exc}"

    def register(
        self,
        plugin: object,
        *,
        name: str,
        url_patterns: list[str] | None = None,
        ats: str | None = None,
    ) -> PluginInfo:
        """Register an in-process plugin (tests, built-ins). Unregister with ``unregister``."""
        info = PluginInfo(name=name, distribution=None, version=None)
        self.infos[name] = info
        try:
            self._register(plugin, info, url_patterns=url_patterns, ats=ats)
        except Exception:
            del self.infos[name]
            raise
        return info

    def _register(
        self,
        plugin: object,
        info: PluginInfo,
        *,
        url_patterns: list[str] | None = None,
        ats: str | None = None,
    ) -> None:
        meta = read_metadata(plugin) if isinstance(plugin, ModuleType) else {}
        patterns = url_patterns or list(meta.get("url_patterns", [urlpatterns.ALL_URLS]))
        for p in patterns:
            urlpatterns.validate(p)
        info.url_patterns = patterns
        info.ats = ats or meta.get("ats")
        info.description = (
            meta.get("description", "")
            or ((getattr(plugin, "__doc__", None) or "").strip().splitlines() or [""])[0]
        )
        info.declared_hooks = list(meta.get("hooks", []))
        self._pm.register(plugin, name=info.name)
        info.hooks = sorted({hc.name for hc in self._pm.get_hookcallers(plugin) or []})
        unknown = set(info.declared_hooks) - set(info.hooks)
        if info.declared_hooks and unknown:
            self._pm.unregister(plugin)
            raise ValueError(f"plugin.toml declares hooks it does not implement: {sorted(unknown)}")
        try:
            self._check_providers(info)
        except Exception:
            self._pm.unregister(plugin)
            raise
        info.status = "loaded"
        info.error = None

    def _check_providers(self, info: PluginInfo) -> None:
        """Call the plugin's ``register_*`` hooks once and check every provider against its
        protocol (``jobpilot.providers``): a malformed one refuses the whole plugin, with the
        reason, at load time rather than inside an application."""
        from jobpilot.providers import CHECKS, check_provider

        for hook in info.hooks:
            if hook not in CHECKS:
                continue
            for impl in getattr(self._pm.hook, hook).get_hookimpls():
                if impl.plugin_name != info.name:
                    continue
                found: list[Any] = []
                started = time.perf_counter()
                try:
                    impl.function(register=found.append)
                    for obj in found:
                        check_provider(hook, obj)
                except Exception as exc:
                    self._trace(hook, info.name, started, f"refused: {type(exc).__name__}")
                    raise PluginError(f"{hook}: {type(exc).__name__}: {exc}") from exc
                n = len(found)
                self._trace(hook, info.name, started, f"{n} provider{'s' if n != 1 else ''} checked")

    def unregister(self, name: str) -> None:
        plugin = self._pm.get_plugin(name)
        if plugin is not None:
            self._pm.unregister(plugin)
        self.infos.pop(name, None)

    def loaded(self) -> list[PluginInfo]:
        return [i for i in self.infos.values() if i.status == "loaded"]

    # --- calling ---------------------------------------------------------------------

    def _impls(
        self, hook: str, urls: list[str] | None
    ) -> Iterator[tuple[str, Callable[..., Any], list[str]]]:
        caller = getattr(self._pm.hook, hook)
        # pluggy runs implementations last-registered-first; keep that order.
        for impl in reversed(caller.get_hookimpls()):
            info = self.infos.get(impl.plugin_name)
            if info is None or info.status != "loaded":
                continue
            if urls is not None and not urlpatterns.any_match(info.url_patterns, urls):
                continue
            yield impl.plugin_name, impl.function, list(impl.argnames)

    def call_each(
        self,
        hook: str,
        *,
        urls: list[str] | None = None,
        check: Callable[[Any], Any] | None = None,
        first: bool = False,
        **kwargs: Any,
    ) -> list[tuple[str, Any]]:
        """Call every in-scope implementation of ``hook``; return (plugin, result) pairs
        for non-None results.

        ``check`` validates (and may coerce) a result: a plugin that returns something of
        the wrong shape is treated exactly like one that raises — recorded in its
        ``failures``, logged and skipped — so a bad return value cannot crash the engine
        later, far from the plugin that caused it. ``first`` stops at the first accepted
        result (``firstresult`` hooks)."""
        out: list[tuple[str, Any]] = []
        for name, fn, argnames in self._impls(hook, urls):
            args = {k: kwargs[k] for k in argnames if k in kwargs}
            started = time.perf_counter()
            result: Any = None
            outcome = "no result"
            try:
                result = fn(**args)
                if result is not None and check is not None:
                    result = check(result)
            except Exception as exc:
                result = None
                outcome = self._failed(name, hook, exc)
            else:
                if result is not None:
                    size = len(result) if isinstance(result, list) else 1
                    outcome = f"{size} result{'s' if size != 1 else ''}"
            finally:
                self._trace(hook, name, started, outcome)
            if result is not None:
                out.append((name, result))
                if first:
                    break
        return out

    def providers(self, hook: str) -> list[Any]:
        """Collect provider objects from a ``register_*(register)`` hook, each checked
        against its protocol again (``jobpilot.providers``; a plugin's registration may
        depend on settings that changed since it loaded)."""
        from jobpilot.providers import check_provider

        found: list[Any] = []
        for name, fn, _ in self._impls(hook, None):
            started = time.perf_counter()
            before = len(found)
            outcome = ""
            try:
                fn(register=found.append)
                for obj in found[before:]:
                    check_provider(hook, obj)
            except Exception as exc:
                del found[before:]  # a half-registered plugin registers nothing
                outcome = self._failed(name, hook, exc)
            else:
                n = len(found) - before
                outcome = f"{n} provider{'s' if n != 1 else ''}"
            finally:
                self._trace(hook, name, started, outcome)
        return found

    def _failed(self, name: str, hook: str, exc: Exception) -> str:
        msg = f"{hook}: {type(exc).__name__}: {exc}"
        self.infos[name].failures = [*self.infos[name].failures[-4:], msg]
        log.warning("plugin %s failed in %s", name, msg)
        return f"failed: {type(exc).__name__}"

    def _trace(self, hook: str, name: str, started: float, outcome: str) -> None:
        if self.trace:
            ms = (time.perf_counter() - started) * 1000
            print(f"[jobpilot trace] {hook} -> {name} ({ms:.1f} ms, {outcome})", file=sys.stderr)

    # --- the decisions the engine asks for ---------------------------------------------

    def detect(self, url: str, snapshot: FormSnapshot | None) -> Detection | None:
        """The most confident detection among plugins whose patterns cover the page."""
        urls = snapshot.all_urls() if snapshot is not None else [url]
        best: Detection | None = None
        from jobpilot.models.mapping import Detection

        for name, det in self.call_each(
            "detect_ats", urls=urls, check=Detection.model_validate, url=url, snapshot=snapshot
        ):
            det = det.model_copy(update={"plugin": name})
            if best is None or det.confidence > best.confidence:
                best = det
        return best

    def map_fields(self, snapshot: FormSnapshot, detection: Detection | None) -> dict[str, FieldMapping]:
        """Per field ref, the most confident mapping among all plugins; a ``fallback`` mapping
        only where no other mapping knows a profile key for the field (docs/hooks.md)."""
        from jobpilot.config import REVIEW_THRESHOLD
        from jobpilot.models.mapping import FieldMapping
        from jobpilot.vocabulary import FieldKey

        merged: dict[str, FieldMapping] = {}
        fallbacks: dict[str, FieldMapping] = {}
        results = self.call_each(
            "map_fields",
            urls=snapshot.all_urls(),
            check=_list_of(FieldMapping),
            snapshot=snapshot,
            detection=detection,
        )
        for name, mappings in results:
            for m in mappings:
                m = m.model_copy(update={"plugin": name})
                into = fallbacks if m.fallback else merged
                cur = into.get(m.ref)
                if cur is None or m.confidence > cur.confidence:
                    into[m.ref] = m
        for ref, m in fallbacks.items():
            cur = merged.get(ref)
            knows_a_key = (
                cur is not None
                and cur.key not in (FieldKey.QUESTION, FieldKey.UNKNOWN)
                and cur.confidence >= REVIEW_THRESHOLD
            )
            if not knows_a_key:
                merged[ref] = m
        return merged

    def detect_captcha(self, snapshot: FormSnapshot) -> list[CaptchaChallenge]:
        from jobpilot.models.providers import CaptchaChallenge

        out: list[CaptchaChallenge] = []
        for _, challenges in self.call_each(
            "detect_captcha", urls=snapshot.all_urls(), check=_list_of(CaptchaChallenge), snapshot=snapshot
        ):
            out.extend(challenges)
        return out


def _list_of(model: Any) -> Callable[[Any], list[Any]]:
    """A ``check`` for hooks that return a list of ``model`` (dicts are validated into it)."""

    def check(result: Any) -> list[Any]:
        if not isinstance(result, list | tuple):
            raise TypeError(f"expected a list of {model.__name__}, got {type(result).__name__}")
        return [model.model_validate(item) for item in result]

    return check


def _core_distribution() -> str:
    from jobpilot import DISTRIBUTION

    return DISTRIBUTION


def _core_version() -> str:
    from jobpilot import __version__

    return __version__


def hook_names() -> list[str]:
    """Every hook the core specifies (for docs and contract tests)."""
    return sorted(n for n in dir(hookspecs) if getattr(getattr(hookspecs, n), "jobpilot_spec", None))


def load(*, disabled: Iterable[str] = (), builtins: bool = True) -> PluginManager:
    """A manager with the built-in plugins and every installed plugin loaded (per the
    allow/deny lists)."""
    pm = PluginManager(disabled=disabled)
    if builtins:
        pm.load_builtins()
    pm.load_entrypoints()
    return pm

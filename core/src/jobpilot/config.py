"""Where JobPilot keeps its data, and the few settings a user can change.

``JOBPILOT_HOME`` overrides the data directory (tests point it at a temporary folder); the
default is the platform's per-user data folder. Settings live in ``config.toml`` there.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jobpilot.errors import UsageError

FILL_THRESHOLD = 0.85
"""At or above: filled without asking."""
REVIEW_THRESHOLD = 0.6
"""At or above (and below FILL_THRESHOLD): filled and flagged for the person to check.
Below: left for the person, and reported."""


def home() -> Path:
    env = os.environ.get("JOBPILOT_HOME")
    if env:
        path = Path(env).expanduser()
    else:
        from platformdirs import user_data_dir

        path = Path(user_data_dir("jobpilot", appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


@dataclass
class Settings:
    database_url: str = ""
    disabled_plugins: list[str] = field(default_factory=list)
    daily_cap: int = 25
    """Applications submitted per day at most (all sites)."""
    per_site_per_hour: int = 5
    """Applications submitted per employer domain per hour at most."""
    default_profile: str | None = None
    ai_provider: str | None = "offline"
    """Content generator for custom questions and cover letters (``[ai] provider``): the
    offline default needs no key and sends nothing anywhere; naming another (``openai``) is
    the person's opt-in; ``"none"`` turns generation off."""
    ai_embedder: str = "offline"
    """Embedder for ``jobpilot match`` (``[ai] embedder``)."""
    cover_letters: str = "required"
    """Write a cover letter where the profile has none: ``required`` fields only (default),
    ``always``, or ``never`` (``[ai] cover_letters``)."""
    captcha_solver: str | None = None
    """A CAPTCHA solver the person opted into with their own key (``[captcha] solver``);
    None: a person solves every blocking CAPTCHA."""
    registry_url: str | None = None
    """The plugin registry ``jobpilot plugins search|install`` use (``[registry] url``)."""
    extra_index_urls: list[str] = field(default_factory=list)
    """Indexes for plugins' third-party dependencies (``[registry] extra_index_urls``); none by
    default, so a plugin's name is never looked up on another index (dependency confusion)."""
    fleet_allow_addresses: list[str] = field(default_factory=list)
    """Internal hosts, IPs or CIDR networks a fleet worker's pages may reach (``[fleet]
    allow_addresses``; ``jobpilot worker --allow-address`` and ``JOBPILOT_ALLOW_ADDRESSES``
    replace it). Empty: public addresses only."""

    @property
    def data_dir(self) -> Path:
        return home()


def load_settings() -> Settings:
    path = home() / "config.toml"
    raw: dict[str, Any] = {}
    if path.exists():
        try:
            raw = tomllib.loads(path.read_text("utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise UsageError(f"{path} is not valid TOML: {exc}", hint="fix the file or delete it") from exc
    s = Settings()
    s.database_url = (
        os.environ.get("JOBPILOT_DATABASE_URL")
        or raw.get("database_url")
        or (f"sqlite+aiosqlite:///{home() / 'jobpilot.db'}")
    )
    s.disabled_plugins = list(raw.get("plugins", {}).get("disabled", []))
    limits = raw.get("limits", {})
    s.daily_cap = int(limits.get("daily_cap", s.daily_cap))
    s.per_site_per_hour = int(limits.get("per_site_per_hour", s.per_site_per_hour))
    s.default_profile = raw.get("default_profile")
    ai = raw.get("ai", {})
    provider = os.environ.get("JOBPILOT_AI_PROVIDER") or ai.get("provider") or "offline"
    s.ai_provider = None if provider == "none" else str(provider)
    s.ai_embedder = str(os.environ.get("JOBPILOT_AI_EMBEDDER") or ai.get("embedder") or "offline")
    s.cover_letters = str(ai.get("cover_letters", s.cover_letters))
    if s.cover_letters not in ("required", "always", "never"):
        raise UsageError(
            f"[ai] cover_letters = {s.cover_letters!r} in {path}",
            hint='use "required", "always" or "never"',
        )
    s.captcha_solver = os.environ.get("JOBPILOT_CAPTCHA_SOLVER") or raw.get("captcha", {}).get("solver")
    registry = raw.get("registry", {})
    s.registry_url = os.environ.get("JOBPILOT_REGISTRY_URL") or registry.get("url") or None
    s.extra_index_urls = [str(u) for u in registry.get("extra_index_urls", [])]
    allow = raw.get("fleet", {}).get("allow_addresses", [])
    if not isinstance(allow, list) or not all(isinstance(a, str) for a in allow):
        raise UsageError(
            f"[fleet] allow_addresses in {path} is not a list of strings",
            hint='write e.g. allow_addresses = ["10.0.5.0/24", "staging.internal"]',
        )
    s.fleet_allow_addresses = list(allow)
    return s


def plugin_settings(name: str) -> dict[str, Any]:
    """A plugin's own table in ``config.toml`` (``[plugins.<name>]``), empty when absent.

    Provider plugins read their keys, endpoints and limits here (environment variables
    override, as each plugin documents)."""
    path = home() / "config.toml"
    if not path.exists():
        return {}
    try:
        raw = tomllib.loads(path.read_text("utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{path} is not valid TOML: {exc}", hint="fix the file or delete it") from exc
    table = raw.get("plugins", {}).get(name, {})
    return dict(table) if isinstance(table, dict) else {}


def edit_config(change: Callable[[Any], None]) -> Path:
    """Apply ``change`` to the ``config.toml`` document and write it back atomically.

    ``change`` gets a tomlkit document, so the person's comments and layout are kept."""
    import tomlkit
    from tomlkit.exceptions import ParseError

    path = home() / "config.toml"
    try:
        doc = tomlkit.parse(path.read_text("utf-8")) if path.exists() else tomlkit.document()
    except ParseError as exc:
        raise UsageError(f"{path} is not valid TOML: {exc}", hint="fix the file or delete it") from exc
    change(doc)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(tomlkit.dumps(doc), encoding="utf-8")
    os.replace(tmp, path)
    return path

"""Where JobPilot keeps its data, and the few settings a user can change.

``JOBPILOT_HOME`` overrides the data directory (tests point it at a temporary folder); the
default is the platform's per-user data folder. Settings live in ``config.toml`` there.
"""

from __future__ import annotations

import os
import tomllib
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
    return s

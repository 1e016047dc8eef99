"""Puts the built browser extension into the host's wheel (``jobpilot_host/extension/``), so
``uv tool install`` / ``pipx`` users get it with ``jobpilot setup`` and no clone or npm.

Only a standard wheel carries it; an editable install (``uv sync`` in a checkout) finds
``extension/dist`` in the checkout instead. Building a wheel without a built extension
fails with the command that builds it, rather than shipping a wheel without it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class ExtensionBuildHook(BuildHookInterface):  # type: ignore[misc]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        dist = Path(self.root).parent / "extension" / "dist"
        missing = [t for t in ("chromium", "firefox") if not (dist / t / "manifest.json").exists()]
        if missing:
            raise RuntimeError(
                f"the extension is not built ({', '.join(missing)} missing in {dist}): "
                "run `cd extension && npm ci && npm run build` (or `jobpilot extension build`) first"
            )
        for target in ("chromium", "firefox"):
            build_data["force_include"][str(dist / target)] = f"jobpilot_host/extension/{target}"

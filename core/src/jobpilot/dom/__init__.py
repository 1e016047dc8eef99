"""The DOM layer: plain browser scripts shared by the Playwright runner and the extension.

The scripts in ``js/`` are loaded unchanged as the extension's content scripts, in the order
of :data:`SOURCES`; the runner injects :func:`bundle` (the same files concatenated) with
``add_init_script`` and, for frames that were already loaded, with ``evaluate``. Each file
attaches to ``globalThis.__jobpilot`` and guards against double injection, so injecting the
bundle twice is harmless.
"""

from __future__ import annotations

import functools
from pathlib import Path

JS_DIR: Path = Path(__file__).parent / "js"

SOURCES: tuple[str, ...] = (
    "util.js",
    "events.js",
    "visibility.js",
    "labels.js",
    "groups.js",
    "toggles.js",
    "captcha.js",
    "templates.js",
    "regions.js",
    "snapshot.js",
    "combobox.js",
    "upload.js",
    "inject.js",
    "observe.js",
    "index.js",
)
"""Load order: later files use what earlier ones attach to the namespace."""

READY_EXPRESSION = "!!(globalThis.__jobpilot && globalThis.__jobpilot.ready)"
"""A JS expression that is true once the whole bundle has run in a frame."""


def source_paths() -> list[Path]:
    """The script files in load order (for the extension build and for tests)."""
    return [JS_DIR / name for name in SOURCES]


@functools.cache
def bundle() -> str:
    """All scripts concatenated in load order, as one string to inject into a frame.

    Cached: the files do not change while the process runs, and the runner injects the
    bundle into every new context and frame.
    """
    parts = [f"// --- jobpilot/dom/js/{p.name} ---\n{p.read_text(encoding='utf-8')}" for p in source_paths()]
    return "\n;\n".join(parts) + "\n;true;\n"


__all__ = ["JS_DIR", "READY_EXPRESSION", "SOURCES", "bundle", "source_paths"]

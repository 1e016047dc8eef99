"""Built-in plugins: core features that go through the same hooks as any contributor's.

Registered by ``jobpilot.plugins.load`` before entry points (datasette's DEFAULT_PLUGINS).
"""

from __future__ import annotations

DEFAULT_PLUGINS: tuple[str, ...] = (
    "jobpilot.builtin.ats_hosts",
    "jobpilot.builtin.ats_markup",
    "jobpilot.builtin.captcha",
)

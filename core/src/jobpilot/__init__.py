"""JobPilot: fill in and submit job applications on ATS pages through plugins.

Plugins import their markers from here::

    from jobpilot import hookimpl

This module stays tiny on purpose: importing it must not pull in Playwright, SQLAlchemy or
pydantic, so ``jobpilot --help`` and plugin loading stay fast.
"""

from pluggy import HookimplMarker, HookspecMarker

__version__ = "0.1.0"
DISTRIBUTION = "jobpilot-core"
"""The core's distribution name (the import name is ``jobpilot``; ``jobpilot`` on PyPI is an
unrelated project, so the core is never published or required under that name)."""

hookimpl = HookimplMarker("jobpilot")
hookspec = HookspecMarker("jobpilot")

__all__ = ["DISTRIBUTION", "__version__", "hookimpl", "hookspec"]

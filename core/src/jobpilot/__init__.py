"""JobPilot: fill in and submit job applications on ATS pages through plugins.

Plugins import their markers from here::

    from jobpilot import hookimpl

This module stays tiny on purpose: importing it must not pull in Playwright, SQLAlchemy or
pydantic, so ``jobpilot --help`` and plugin loading stay fast.
"""

from pluggy import HookimplMarker, HookspecMarker

__version__ = "0.1.0"

hookimpl = HookimplMarker("jobpilot")
hookspec = HookspecMarker("jobpilot")

__all__ = ["__version__", "hookimpl", "hookspec"]

"""JobPilot's native-messaging host: the JobPilot plugins, driving the user's own tab.

The browser extension starts this process through native messaging (one long-lived port);
the host answers the extension's requests (``hello``, ``status``, ``plan``, ``autofill``,
...) and, while it runs an application, drives the tab with requests of its own
(``page.snapshot``, ``page.apply``, ...) through :class:`jobpilot_host.page.ExtensionPage`.
The wire protocol is documented in ``host/PROTOCOL.md``.
"""

from __future__ import annotations

__version__ = "0.1.0"

PROTOCOL_VERSION = 1
"""Bumped only for incompatible changes; new actions and fields do not bump it."""

HOST_NAME = "com.jobpilot.host"
"""The native-messaging host name (the extension calls ``connectNative(HOST_NAME)``)."""

EXTENSION_ID = "dakhacnfhcndgahldbijjidbgdjclbmn"
"""The Chromium-family extension ID, fixed by the public ``key`` in the extension manifest
(sha256 of the DER key, first 32 hex digits mapped 0-f -> a-p)."""

GECKO_ID = "jobpilot@jobpilot.dev"
"""The Firefox add-on ID (``browser_specific_settings.gecko.id``)."""

__all__ = ["EXTENSION_ID", "GECKO_ID", "HOST_NAME", "PROTOCOL_VERSION", "__version__"]

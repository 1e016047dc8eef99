"""Testing helpers for plugin authors, shipped with the core.

What an adapter's tests need without reading the core:

- :class:`PageLoader` turns a saved HTML page (or a string of markup) and the URL it was at
  into the :class:`~jobpilot.models.snapshot.FormSnapshot` the hooks receive, in real
  Chromium, offline (the page is served as if it were at the URL; every other request is
  blocked). One browser serves a whole test session.
- :func:`check_mapping` runs a plugin's ``detect_ats`` and ``map_fields`` on a labelled page
  (``NAME.html`` beside ``NAME.labels.json``, the format ``jobpilot eval`` reads:
  ``docs/eval.md``) and scores it as ``jobpilot eval`` does; :meth:`MappingCheck.assert_precision`
  fails with every wrong prediction listed.

With pytest these come as fixtures (``jobpilot.testing.pytest_plugin``, loaded automatically
where JobPilot is installed): ``jobpilot_page_loader`` (the session's loader),
``jobpilot_snapshot(html, url)`` and ``jobpilot_check_mapping(plugin, page, ...)``.

Importing this package is cheap: Playwright starts only when a page is first loaded.
"""

from __future__ import annotations

from jobpilot.testing.pages import LoadedPage, PageLoader
from jobpilot.testing.precision import MappingCheck, check_mapping

__all__ = ["LoadedPage", "MappingCheck", "PageLoader", "check_mapping"]

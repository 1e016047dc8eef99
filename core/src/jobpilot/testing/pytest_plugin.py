"""pytest fixtures for JobPilot plugin authors (registered as the ``pytest11`` entry point
``jobpilot``, so they are there wherever JobPilot is installed; ``-p no:jobpilot`` turns
them off).

- ``jobpilot_page_loader``: one :class:`~jobpilot.testing.PageLoader` (one Chromium) for the
  whole session;
- ``jobpilot_snapshot(html, url)``: the ``FormSnapshot`` the hooks receive for a saved page
  (a :class:`~pathlib.Path`) or a string of markup, served at ``url``;
- ``jobpilot_check_mapping(plugin, page, **kw)``: :func:`~jobpilot.testing.check_mapping` with
  the session's browser; call ``.assert_precision(...)`` on the result.

A missing Chromium fails the test that needs it with the reason (install Debian's
``chromium``), never skips it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from jobpilot.models.snapshot import FormSnapshot


@pytest.fixture(scope="session")
def jobpilot_page_loader() -> Iterator[Any]:
    from jobpilot.testing import PageLoader

    loader = PageLoader()
    try:
        yield loader
    finally:
        loader.close()


@pytest.fixture
def jobpilot_snapshot(jobpilot_page_loader: Any) -> Callable[[str | Path, str], FormSnapshot]:
    def snapshot(html: str | Path, url: str) -> FormSnapshot:
        snap: FormSnapshot = jobpilot_page_loader.snapshot(html, url)
        return snap

    return snapshot


@pytest.fixture
def jobpilot_check_mapping(jobpilot_page_loader: Any) -> Callable[..., Any]:
    from jobpilot.testing import check_mapping

    def check(plugins: Any, page: str | Path, **kw: Any) -> Any:
        return check_mapping(plugins, Path(page), loader=jobpilot_page_loader, **kw)

    return check

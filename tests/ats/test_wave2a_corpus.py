"""The labelled captures of the SmartRecruiters, Workable and Jobvite replicas
(``tests/replicas/<ats>/*.html``, scored by ``jobpilot eval tests/replicas``) are what the
replicas render today: a replica changed without re-capturing fails here."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

REPLICAS = Path(__file__).parents[1] / "replicas"


def _corpus() -> Any:
    name = "jobpilot_tests_wave2a_corpus"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, REPLICAS / "wave2a_corpus.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


async def test_captures_match_the_replicas(browser: Any) -> None:
    corpus = _corpus()
    stale = []
    for rel, server, origin, url in corpus.pages():
        server.start()
        try:
            html = await corpus.capture(browser, url, origin, server)
        finally:
            server.stop()
        if html != (REPLICAS / rel).read_text("utf-8"):
            stale.append(rel)
    assert stale == [], f"re-capture with `uv run python tests/replicas/wave2a_corpus.py`: {stale}"

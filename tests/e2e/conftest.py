"""Fixtures for end-to-end apply tests: the demo pages and e2e pages on a recording server."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import jobpilot.demo
import pytest
from jobpilot.models.profile import Profile
from jobpilot.profile_io import load_profile
from jobpilot.storage import Database

DEMO = Path(jobpilot.demo.__file__).parent
ASSETS = Path(__file__).parent / "assets"


@pytest.fixture(scope="session")
def demo_server(fixture_server_factory: Callable[[Path], Any]) -> Any:
    return fixture_server_factory(DEMO / "pages")


@pytest.fixture(scope="session")
def e2e_server(fixture_server_factory: Callable[[Path], Any]) -> Any:
    return fixture_server_factory(ASSETS)


@pytest.fixture
def profile() -> Profile:
    return load_profile(DEMO / "profile" / "resume.json", DEMO / "profile" / "answers.yaml")


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    async with Database(f"sqlite+aiosqlite:///{tmp_path / 'runs.db'}") as database:
        yield database

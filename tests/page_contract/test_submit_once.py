"""Never click submit twice, on both transports (issue 12): a confirmation that takes 0 to
30 s to answer still gives exactly one POST and a ``submitted`` run.

Before, Playwright's click waited for the navigation it started, gave up after 3 s, and the
fallback clicked the button again through the DOM while the page was navigating: a run left
``needs_verification`` ("Execution context was destroyed") with a second click on a submit
button. The engine runs here as the CLI runs it headless; on the extension transport each of
its page calls is made by the real host on its ``ExtensionPage`` (conftest.py), the same
calls the host's own engine makes. The runs of one transport go concurrently, one page (tab)
each, so the 30 s case sets the test's length.
"""

from __future__ import annotations

import asyncio
import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jobpilot.engine.apply import ApplyEngine, ApplyOptions
from jobpilot.models.profile import Profile
from jobpilot.plugins import load
from jobpilot.profile_io import load_profile

from .conftest import Opener

pytestmark = pytest.mark.browser

REPLICA = Path(__file__).parents[1] / "replicas" / "slowconfirm" / "server.py"
DELAYS = (0, 1, 3, 5, 10, 30)
MODES = ("post", "fetch")
VERIFY_MS = 120_000
"""Longer than the slowest confirmation on a loaded machine: the engine waits this long."""


def replica_module() -> Any:
    name = "jobpilot_tests_slowconfirm"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, REPLICA)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


@pytest.fixture(scope="module")
def slow() -> Iterator[Any]:
    server = replica_module().SlowConfirmReplica().start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def profile() -> Profile:
    import jobpilot.demo

    demo = Path(jobpilot.demo.__file__).parent / "profile"
    return load_profile(demo / "resume.json", demo / "answers.yaml")


async def test_slow_confirmations_are_waited_for_never_clicked_again(
    transport: Opener, slow: Any, profile: Profile, request: pytest.FixtureRequest
) -> None:
    name = request.node.callspec.params["transport"]

    async def one(delay: int, mode: str) -> Any:
        opened = await transport(slow.url(job=f"{name}-{mode}-{delay}", delay=delay, mode=mode))
        engine = ApplyEngine(load(), profile, options=ApplyOptions(submit=True, verify_timeout_ms=VERIFY_MS))
        return await engine.run(opened.page)

    cases = [(d, m) for d in DELAYS for m in MODES]
    runs = await asyncio.gather(*(one(d, m) for d, m in cases), return_exceptions=True)
    table = {
        f"{name}-{m}-{d}": (
            slow.posts[f"{name}-{m}-{d}"],
            r.status if not isinstance(r, BaseException) else f"raised {type(r).__name__}: {r}",
        )
        for (d, m), r in zip(cases, runs, strict=True)
    }
    assert all(posts == 1 and status == "submitted" for posts, status in table.values()), table
    for (d, m), run in zip(cases, runs, strict=True):
        (form,) = slow.bodies[f"{name}-{m}-{d}"]
        assert form["first_name"] == ["Mara"] and form["email"] == ["mara.ol@example.org"]
        assert run.evidence.confirmation_text

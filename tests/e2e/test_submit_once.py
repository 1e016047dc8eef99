"""Never click submit twice: a confirmation that is slow to answer (0 to 30 s) still gives
exactly one POST and a ``submitted`` run (issue 12).

Before, Playwright's click waited for the navigation it started, gave up after 3 s, and the
fallback clicked the button again through the DOM while the page was navigating: a second
submission, and a run left ``needs_verification``. The runs here go concurrently (one page
each), so the 30 s case sets the test's length.
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

pytestmark = pytest.mark.browser

REPLICA = Path(__file__).parents[1] / "replicas" / "slowconfirm" / "server.py"
DELAYS = (0, 1, 3, 5, 10, 30)
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


async def submit_once(page: Any, url: str, profile: Profile) -> Any:
    await page.goto(url)
    engine = ApplyEngine(load(), profile, options=ApplyOptions(submit=True, verify_timeout_ms=VERIFY_MS))
    return await engine.run(page)


async def test_slow_confirmations_are_waited_for_never_clicked_again(
    browser: Any, slow: Any, profile: Profile
) -> None:
    async def one(delay: int, mode: str) -> tuple[str, Any]:
        job = f"pw-{mode}-{delay}"
        page = await browser.new_page()
        try:
            return job, await submit_once(page, slow.url(job=job, delay=delay, mode=mode), profile)
        finally:
            await page.close()

    cases = [(d, m) for d in DELAYS for m in ("post", "fetch")]
    runs = await asyncio.gather(*(one(d, m) for d, m in cases), return_exceptions=True)
    outcome = {
        f"pw-{m}-{d}": r[1].status if isinstance(r, tuple) else f"raised {type(r).__name__}: {r}"
        for (d, m), r in zip(cases, runs, strict=True)
    }
    table = {job: (slow.posts[job], status) for job, status in outcome.items()}
    assert all(posts == 1 and status == "submitted" for posts, status in table.values()), table
    for r in runs:
        assert isinstance(r, tuple)
        job, run = r
        (form,) = slow.bodies[job]
        assert form["first_name"] == ["Mara"] and form["email"] == ["mara.ol@example.org"], job
        assert run.evidence.confirmation_text

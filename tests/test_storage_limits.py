"""The submission limits count the right runs whatever the machine's time zone.

SQLite stores no UTC offset, so a run stamped in local time and a limit window computed in
UTC disagree by the zone's offset: west of UTC a run made a minute ago looked hours old and
the per-site and daily limits never triggered.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from jobpilot.models.run import ApplicationRun
from jobpilot.storage.db import Database, site_of


@pytest.fixture(params=["America/Los_Angeles", "Pacific/Kiritimati"])
def local_zone(request: pytest.FixtureRequest) -> Iterator[str]:
    old = os.environ.get("TZ")
    os.environ["TZ"] = request.param
    time.tzset()
    try:
        yield request.param
    finally:
        if old is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = old
        time.tzset()


async def test_limits_count_a_run_of_a_minute_ago_in_any_zone(local_zone: str, tmp_path: Path) -> None:
    assert datetime.now().astimezone().utcoffset() != timedelta(0), "the zone did not take effect"
    async with Database(f"sqlite+aiosqlite:///{tmp_path / 'jobpilot.db'}") as db:
        url = "https://jobs.acme.test/apply/1"
        run = ApplicationRun(id="r1", url=url, status="submitted", submitted=True)
        await db.save_run(run)
        now = datetime.now(UTC)
        assert await db.submissions_since(now - timedelta(minutes=10)) == 1, local_zone
        assert await db.submissions_since(now - timedelta(minutes=10), site=site_of(url)) == 1
        assert await db.submitted_today() == 1
        # ... and not a run that is older than the window.
        old = ApplicationRun(
            id="r2",
            url="https://jobs.acme.test/apply/2",
            status="submitted",
            submitted=True,
            started_at=now - timedelta(hours=3),
        )
        await db.save_run(old)
        assert await db.submissions_since(now - timedelta(hours=1)) == 1
        assert await db.submitted_today() == 2

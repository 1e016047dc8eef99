"""``jobpilot data export|delete`` on the desktop database: the export holds the decrypted
profile, the run and its evidence files; deleting a profile removes it, its runs and their
evidence folders, and leaves other profiles alone."""

from __future__ import annotations

import asyncio
import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from jobpilot.cli.data_cmd import data
from jobpilot.config import load_settings
from jobpilot.models.run import ApplicationRun, Evidence
from jobpilot.storage.db import Database


def test_export_and_delete(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import jobpilot.demo
    from jobpilot.profile_io import load_profile

    monkeypatch.setenv("JOBPILOT_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("JOBPILOT_DATABASE_URL", raising=False)
    demo = Path(jobpilot.demo.__file__).parent / "profile"
    profile = load_profile(demo / "resume.json", demo / "answers.yaml")
    folder = tmp_path / "home" / "evidence" / "run1"
    folder.mkdir(parents=True)
    (folder / "final.png").write_bytes(b"\x89PNG shot")

    async def seed() -> None:
        async with Database(load_settings().database_url) as db:
            await db.save_profile("mine", profile)
            await db.save_profile("other", profile)
            run = ApplicationRun(
                id="run1",
                url="https://acme.example/jobs/1",
                evidence=Evidence(screenshots=[str(folder / "final.png")]),
            )
            await db.save_run(run, profile="mine")

    asyncio.run(seed())
    runner = CliRunner()
    out = tmp_path / "export.zip"
    result = runner.invoke(data, ["export", str(out)])
    assert result.exit_code == 0, result.output
    z = zipfile.ZipFile(out)
    assert json.loads(z.read("profiles/mine.json"))["basics"]["name"] == profile.basics.name
    assert any(n.endswith("/evidence/final.png") for n in z.namelist())
    assert runner.invoke(data, ["export", str(out)]).exit_code != 0  # never overwrites
    result = runner.invoke(data, ["delete", "--profile", "nobody", "--yes"])
    assert result.exit_code != 0
    result = runner.invoke(data, ["delete", "--profile", "mine", "--yes"])
    assert result.exit_code == 0, result.output
    assert not folder.exists()

    async def left() -> tuple[list[str], int]:
        async with Database(load_settings().database_url) as db:
            return await db.list_profiles(), len(await db.list_runs())

    assert asyncio.run(left()) == (["other"], 0)

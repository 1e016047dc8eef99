"""``jobpilot data export PATH`` and ``jobpilot data delete --profile NAME``: the desktop's
own data taken out (one zip, JSON per object, evidence files as they are, decrypted) or
deleted (a profile with its runs, evidence folders and resume embeddings)."""

from __future__ import annotations

import asyncio
import io
import json
import shutil
import zipfile
from pathlib import Path
from typing import Any

import click

from jobpilot.errors import UsageError


def _evidence_paths(record: dict[str, Any]) -> list[Path]:
    ev = record.get("evidence") or {}
    paths = [Path(p) for p in ev.get("screenshots") or []]
    if ev.get("final_snapshot"):
        paths.append(Path(ev["final_snapshot"]))
    return paths


def _plain(record: Any) -> dict[str, Any]:
    """A run record as stored (encrypted, or plain from before), decrypted."""
    from jobpilot.storage import crypto
    from jobpilot.storage.db import RECORD_CIPHER

    if isinstance(record, dict) and RECORD_CIPHER in record:
        return dict(json.loads(crypto.decrypt(str(record[RECORD_CIPHER]).encode())))
    return record if isinstance(record, dict) else {}


async def _export(out: Path) -> dict[str, int]:
    from sqlalchemy import select

    from jobpilot.config import load_settings
    from jobpilot.storage import crypto
    from jobpilot.storage import schema as s
    from jobpilot.storage.db import Database

    counts = {"profiles": 0, "runs": 0, "files": 0, "site_accounts": 0, "saved_jobs": 0}
    buf = io.BytesIO()
    async with Database(load_settings().database_url) as db, db.engine.connect() as conn:
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:

            def put(name: str, data: Any) -> None:
                z.writestr(name, json.dumps(data, indent=2, default=str, ensure_ascii=False))

            for row in (await conn.execute(select(s.profiles))).mappings():
                put(f"profiles/{row['name']}.json", json.loads(crypto.decrypt(bytes(row["data"]))))
                counts["profiles"] += 1
            for row in (await conn.execute(select(s.runs))).mappings():
                record = _plain(row["record"])
                put(
                    f"runs/{row['id']}/run.json",
                    {**{k: v for k, v in row.items() if k != "record"}, "record": record},
                )
                for path in _evidence_paths(record if isinstance(record, dict) else {}):
                    if path.is_file():
                        z.write(path, f"runs/{row['id']}/evidence/{path.name}")
                        counts["files"] += 1
                counts["runs"] += 1
            accounts = []
            for row in (await conn.execute(select(s.site_credentials))).mappings():
                accounts.append(
                    {
                        "ats": row["ats"],
                        "tenant": row["tenant"],
                        "secret": json.loads(crypto.decrypt(bytes(row["secret"]))),
                    }
                )
            put("site-accounts.json", accounts)
            counts["site_accounts"] = len(accounts)
            jobs = [dict(r) for r in (await conn.execute(select(s.saved_jobs))).mappings()]
            put("saved-jobs.json", jobs)
            counts["saved_jobs"] = len(jobs)
    out.write_bytes(buf.getvalue())
    out.chmod(0o600)
    return counts


async def _delete(profile: str) -> dict[str, int]:
    from sqlalchemy import delete, select

    from jobpilot.config import load_settings
    from jobpilot.storage import schema as s
    from jobpilot.storage.db import Database

    async with Database(load_settings().database_url) as db:
        if profile not in await db.list_profiles():
            raise UsageError(f"no profile named {profile!r}", hint="see `jobpilot profile list`")
        folders: set[Path] = set()
        async with db.engine.begin() as conn:
            rows = (await conn.execute(select(s.runs.c.record).where(s.runs.c.profile == profile))).all()
            for (record,) in rows:
                folders |= {p.parent for p in _evidence_paths(_plain(record))}
            await conn.execute(delete(s.runs).where(s.runs.c.profile == profile))
            await conn.execute(
                delete(s.embeddings).where(s.embeddings.c.kind == "resume", s.embeddings.c.owner == profile)
            )
            await conn.execute(delete(s.profiles).where(s.profiles.c.name == profile))
    for folder in folders:
        if folder.is_dir():
            shutil.rmtree(folder, ignore_errors=True)
    return {"runs": len(rows), "evidence_folders": len(folders)}


@click.group()
def data() -> None:
    """Take your local data out, or delete it."""


@data.command("export")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
def export_cmd(path: Path) -> None:
    """Write everything stored locally to PATH (a zip): profiles, runs with their evidence,
    site accounts, saved jobs; decrypted."""
    if path.exists():
        raise UsageError(f"{path} exists", hint="choose a new file name")
    counts = asyncio.run(_export(path))
    click.echo(f"wrote {path}: " + ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in counts.items()))


@data.command("delete")
@click.option("--profile", "profile", required=True, help="The profile to delete with its runs and evidence.")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def delete_cmd(profile: str, yes: bool) -> None:
    """Delete a profile, its application runs, their evidence folders and its resume embeddings."""
    if not yes:
        click.confirm(f"Delete profile {profile!r} with its runs and evidence?", abort=True)
    counts = asyncio.run(_delete(profile))
    click.echo(
        f"deleted profile {profile}: {counts['runs']} runs, {counts['evidence_folders']} evidence folders"
    )

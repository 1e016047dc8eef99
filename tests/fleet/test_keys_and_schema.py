"""Issue 17: refusing to start without the shared key or with another key (checked against
the database), key rotation with MultiFernet, and ``jobpilot db upgrade|current|check`` with
processes that refuse a schema behind or ahead of their code. SQLite and PostgreSQL."""

from __future__ import annotations

import json
from typing import Any

import pytest
from cryptography.fernet import Fernet
from jobpilot.accounts import SiteCredential
from jobpilot.cli.main import main
from jobpilot.errors import JobPilotError, UsageError
from jobpilot.fleet.accounts import store as accounts
from jobpilot.fleet.credentials import FleetCredentials
from jobpilot.fleet.keys import KeyMismatch, rotate_all, verify_key
from jobpilot.fleet.store import FleetStore, SchemaBehind
from jobpilot.fleet.worker import WorkerConfig, run_worker
from jobpilot.storage.migrations import SchemaTooNew
from jobpilot.storage.migrations.fleet import FLEET
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

KEY_A = Fernet.generate_key().decode()
KEY_B = Fernet.generate_key().decode()


class _Result:
    def __init__(self, exit_code: int, output: str) -> None:
        self.exit_code = exit_code
        self.output = output


def _cli(capsys: pytest.CaptureFixture[str], *args: str) -> _Result:
    """``jobpilot ARGS`` as the console script runs it (errors printed, exit codes)."""
    capsys.readouterr()
    try:
        main(list(args))
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    out = capsys.readouterr()
    return _Result(code, out.out + out.err)


def test_db_commands_upgrade_check_and_refuse_a_newer_schema(
    database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    r = _cli(capsys, "db", "check", "--database-url", database_url)
    assert r.exit_code == 1 and "schema version 0" in r.output and "jobpilot db upgrade" in r.output
    r = _cli(capsys, "db", "current", "--database-url", database_url)
    assert json.loads(r.output) == {
        "track": "fleet",
        "version": 0,
        "latest": FLEET.latest,
        "pending": list(range(1, FLEET.latest + 1)),
    }
    r = _cli(capsys, "db", "upgrade", "--database-url", database_url)
    assert r.exit_code == 0 and json.loads(r.output) == {"track": "fleet", "from": 0, "to": FLEET.latest}
    r = _cli(capsys, "db", "check", "--database-url", database_url)
    assert r.exit_code == 0 and f"version {FLEET.latest}" in r.output
    assert (
        json.loads(_cli(capsys, "db", "upgrade", "--database-url", database_url).output)["from"]
        == FLEET.latest
    )
    # A newer JobPilot migrated it: every command refuses, nothing is written.
    import asyncio

    async def bump() -> None:
        engine = create_async_engine(database_url)
        async with engine.begin() as conn:
            await conn.execute(
                text("INSERT INTO fleet_schema_version (version, applied_at) VALUES (:v, CURRENT_TIMESTAMP)"),
                {"v": FLEET.latest + 1},
            )
        await engine.dispose()

    asyncio.run(bump())
    for command in ("check", "upgrade"):
        r = _cli(capsys, "db", command, "--database-url", database_url)
        assert r.exit_code == 1 and "newer than this JobPilot" in r.output, r.output


async def test_processes_refuse_a_schema_behind_or_ahead(database_url: str) -> None:
    with pytest.raises(SchemaBehind) as behind:
        await FleetStore(database_url).open(migrate=False)
    assert "jobpilot db upgrade" in str(behind.value)
    async with FleetStore(database_url) as store, store.tx() as conn:  # migrates
        await conn.execute(
            text("INSERT INTO fleet_schema_version (version, applied_at) VALUES (:v, CURRENT_TIMESTAMP)"),
            {"v": FLEET.latest + 1},
        )
    for migrate in (True, False):
        store = FleetStore(database_url)
        with pytest.raises(SchemaTooNew):
            await store.open(migrate=migrate)
        await store.close()


async def test_a_worker_refuses_to_start_without_the_shared_key_or_with_another(
    database_url: str, monkeypatch: pytest.MonkeyPatch, fleet: Any
) -> None:
    monkeypatch.setenv("JOBPILOT_SECRET_KEY", KEY_A)
    async with FleetStore(database_url) as store:
        await fleet.make_user(store)  # encrypted data exists, no key check yet
    config = WorkerConfig(max_jobs=0)
    monkeypatch.delenv("JOBPILOT_SECRET_KEY")
    with pytest.raises(UsageError) as missing:
        await run_worker(database_url, config, signals=False)
    assert "JOBPILOT_SECRET_KEY" in str(missing.value) and "docs/operations.md" in str(missing.value)
    # Another machine's own key: refused, saying it is not the fleet's key.
    monkeypatch.setenv("JOBPILOT_SECRET_KEY", KEY_B)
    with pytest.raises(KeyMismatch) as other:
        await run_worker(database_url, config, signals=False)
    assert "fleet_applicants" in str(other.value) and "not the fleet's key" in str(other.value)
    # The fleet's key: the check is created once, and the same key passes it afterwards.
    monkeypatch.setenv("JOBPILOT_SECRET_KEY", KEY_A)
    async with FleetStore(database_url) as store:
        assert await verify_key(store) == "created"
        assert await verify_key(store) == "checked"
    monkeypatch.setenv("JOBPILOT_SECRET_KEY", KEY_B)
    async with FleetStore(database_url) as store:
        with pytest.raises(KeyMismatch) as wrong:
            await verify_key(store)
    assert "key check" in str(wrong.value)
    # A key file works like the variable (Docker and systemd secrets).
    monkeypatch.delenv("JOBPILOT_SECRET_KEY")
    monkeypatch.setenv("JOBPILOT_SECRET_KEY_FILE", "/nonexistent/jobpilot.key")
    with pytest.raises(UsageError) as unreadable:
        await run_worker(database_url, config, signals=False)
    assert "JOBPILOT_SECRET_KEY_FILE" in str(unreadable.value)


def test_serve_refuses_without_the_key(
    database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("JOBPILOT_SECRET_KEY", raising=False)
    monkeypatch.delenv("JOBPILOT_SECRET_KEY_FILE", raising=False)
    r = _cli(capsys, "serve", "--database-url", database_url, "--port", "0")
    assert r.exit_code != 0 and "JOBPILOT_SECRET_KEY" in r.output


async def test_key_rotation_re_encrypts_everything(
    database_url: str, monkeypatch: pytest.MonkeyPatch, fleet: Any
) -> None:
    monkeypatch.setenv("JOBPILOT_SECRET_KEY", KEY_A)
    async with FleetStore(database_url) as store:
        user, _, applicant = await fleet.make_user(store)
        await verify_key(store)
        creds = FleetCredentials(store, user_id=user["id"], holder="t")
        account = SiteCredential(ats="workday", tenant="acme", email="a@example.test", password="Pw-1!aaaa")
        await creds.put(account)
        (resume,) = await store.list_resumes(user["id"], applicant["id"])
        before = await store.resume_file(resume["id"])
        # A signed-up user with a second factor: the TOTP secret is encrypted too.
        signed_up = await accounts.create(store, "rot@example.test", "argon2-hash", plan="free")
        secret = accounts.encrypt_secret("JBSWY3DPEHPK3PXP")
        await accounts.change(store, signed_up["user_id"], totp_secret=secret)
        # Step 1: every process gets "NEW,OLD"; step 2: re-encrypt; step 3: drop OLD.
        monkeypatch.setenv("JOBPILOT_SECRET_KEY", f"{KEY_B},{KEY_A}")
        done = await rotate_all(store, batch=1)
        assert done == {
            "fleet_applicants": 1,
            "fleet_resumes": 1,
            "fleet_credentials": 1,
            "fleet_accounts": 1,
        }
        assert (await rotate_all(store))["fleet_applicants"] == 1  # re-running is harmless
        monkeypatch.setenv("JOBPILOT_SECRET_KEY", KEY_B)
        assert await verify_key(store) == "checked"
        assert (await store.profile_of(applicant["id"])).basics.name
        assert await store.resume_file(resume["id"]) == before
        assert await creds.get(ats="workday", tenant="acme", email="a@example.test") == account
        totp_row = await accounts.by_user(store, signed_up["user_id"])
        assert totp_row is not None and accounts.totp_secret(totp_row) == "JBSWY3DPEHPK3PXP"
        # The old key alone opens nothing any more.
        monkeypatch.setenv("JOBPILOT_SECRET_KEY", KEY_A)
        with pytest.raises(KeyMismatch):
            await verify_key(store)
        with pytest.raises(JobPilotError, match="cannot decrypt"):
            accounts.totp_secret(totp_row)

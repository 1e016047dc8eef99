"""The encrypted site-credential store and its migration."""

from __future__ import annotations

from pathlib import Path

import pytest
from jobpilot.storage import Database, schema
from jobpilot.storage.credentials import CredentialStore, SiteCredential, generate_password
from sqlalchemy import select


def test_generated_passwords_meet_workday_rules() -> None:
    for _ in range(50):
        pw = generate_password()
        assert len(pw) == 20
        assert any(c.isupper() for c in pw) and any(c.islower() for c in pw)
        assert any(c.isdigit() for c in pw) and any(not c.isalnum() for c in pw)
    assert generate_password() != generate_password()
    with pytest.raises(ValueError):
        generate_password(6)


async def test_store_round_trip_encrypted_at_rest(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JOBPILOT_HOME", str(tmp_path))
    monkeypatch.delenv("JOBPILOT_SECRET_KEY", raising=False)
    async with Database(f"sqlite+aiosqlite:///{tmp_path / 'db.sqlite'}") as db:
        store = CredentialStore(db)
        cred = SiteCredential(
            ats="workday",
            tenant="acme.wd5.myworkdayjobs.com",
            email="Ada@Example.org",
            password="S3cret!pass-word",
        )
        assert "S3cret" not in repr(cred)
        await store.save(cred)
        got = await store.get(ats="workday", tenant="acme.wd5.myworkdayjobs.com", email="ada@example.org")
        assert got == cred and got.state == "pending"
        await store.mark(cred, "active")
        got = await store.get(ats="workday", tenant="acme.wd5.myworkdayjobs.com", email="ada@example.org")
        assert got is not None and got.state == "active"
        assert (
            await store.get(ats="workday", tenant="other.wd5.myworkdayjobs.com", email="ada@example.org")
            is None
        )
        assert await store.tenants("workday") == [("workday", "acme.wd5.myworkdayjobs.com")]
        async with db.engine.connect() as conn:
            (row,) = (await conn.execute(select(schema.site_credentials))).all()
        assert b"S3cret" not in row.secret and b"example.org" not in row.secret.lower()
        assert await store.delete(ats="workday", tenant="acme.wd5.myworkdayjobs.com", email="ada@example.org")
        assert await store.tenants() == []

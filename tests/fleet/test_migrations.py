"""Migrations that never change once shipped, on SQLite and PostgreSQL.

A database made by the previous release (``fixtures/release-6da81c7``, made by that
commit's own code: see ``fixtures/make_release_dbs.py``) upgrades to a schema identical to
a fresh one, its data still reads (and decrypts), a desktop database has none of the
fleet's tables, the frozen DDL agrees with today's table definitions, and code refuses a
database newer than itself.
"""

from __future__ import annotations

import sqlite3
import warnings
from pathlib import Path
from typing import Any

import pytest
from jobpilot.fleet import tables as fleet_tables
from jobpilot.fleet.queue import Queue
from jobpilot.fleet.store import FleetStore
from jobpilot.storage import schema as desktop_schema
from jobpilot.storage.credentials import CredentialStore
from jobpilot.storage.db import Database
from jobpilot.storage.matching import MatchStore
from jobpilot.storage.migrations import SchemaTooNew
from jobpilot.storage.migrations.desktop import DESKTOP
from jobpilot.storage.migrations.fleet import FLEET
from sqlalchemy import Connection, MetaData, UniqueConstraint, inspect, text
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.types import NullType

FIXTURES = Path(__file__).parent / "fixtures"
RELEASE = FIXTURES / "release-6da81c7"
RELEASE_KEY = "8RvTVDzFOpQxL9j1nXq0sUfc3R0bUuKkGkJQ3xW5yZ4="
"""The key the release fixtures were encrypted with (``make_release_dbs.KEY``)."""

DESKTOP_TABLES = {
    "schema_version",
    "profiles",
    "application_runs",
    "site_credentials",
    "saved_jobs",
    "embeddings",
}


def _dialect(url: str) -> str:
    return "postgresql" if url.startswith("postgresql") else "sqlite"


async def _reflect(url: str, only: set[str] | None = None) -> dict[str, Any]:
    """Tables -> columns (name, type, nullable), primary key, indexes and unique
    constraints, as the database itself reports them."""

    def read(conn: Connection) -> dict[str, Any]:
        insp = inspect(conn)
        out: dict[str, Any] = {}
        for table in insp.get_table_names():
            if only is not None and table not in only:
                continue
            with warnings.catch_warnings():  # pgvector's type is unknown to SQLAlchemy
                warnings.simplefilter("ignore")
                columns = insp.get_columns(table)
            out[table] = {
                "columns": [(c["name"], _type_name(conn, table, c), c["nullable"]) for c in columns],
                "pk": sorted(insp.get_pk_constraint(table)["constrained_columns"]),
                "indexes": sorted(
                    (i["name"], tuple(i["column_names"]), bool(i["unique"]))
                    for i in insp.get_indexes(table)
                    if not i.get("duplicates_constraint")  # PostgreSQL's index behind a UNIQUE
                ),
                "unique": sorted(tuple(u["column_names"]) for u in insp.get_unique_constraints(table)),
            }
        return out

    engine = create_async_engine(url)
    try:
        async with engine.connect() as conn:
            return await conn.run_sync(read)
    finally:
        await engine.dispose()


def _type_name(conn: Connection, table: str, column: dict[str, Any]) -> str:
    if not isinstance(column["type"], NullType):
        return str(column["type"].compile(dialect=conn.dialect))
    found = conn.execute(  # a type SQLAlchemy does not know (pgvector's ``vector``)
        text("SELECT udt_name FROM information_schema.columns WHERE table_name = :t AND column_name = :c"),
        {"t": table, "c": column["name"]},
    ).scalar()
    return str(found)


async def _versions(url: str, table: str) -> list[int]:
    engine = create_async_engine(url)
    try:
        async with engine.connect() as conn:
            return [
                int(r[0]) for r in await conn.execute(text(f"SELECT version FROM {table} ORDER BY version"))
            ]
    finally:
        await engine.dispose()


def _new_url(database_url: str, postgres_factory: Any, tmp_path: Path, name: str) -> str:
    if _dialect(database_url) == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path / name}"
    return postgres_factory().new_database()


def _load_release(kind: str, database_url: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database made by the previous release, loaded from its dump."""
    dialect = _dialect(database_url)
    dump = RELEASE / f"{kind}.{dialect}.sql"
    if dialect == "sqlite":
        path = tmp_path / f"release-{kind}.db"
        con = sqlite3.connect(path)
        con.executescript(dump.read_text())
        con.close()
        return f"sqlite+aiosqlite:///{path}"
    pg = request.getfixturevalue("postgres")
    url: str = pg.new_database()
    pg.load(url, dump)
    return url


async def test_a_desktop_database_has_none_of_the_fleets_tables(database_url: str) -> None:
    async with Database(database_url):
        pass
    tables = set(await _reflect(database_url))
    assert tables == DESKTOP_TABLES
    assert await _versions(database_url, "schema_version") == [1, 2, 3, 4]


async def test_a_fleet_database_has_only_the_fleets_tables(database_url: str) -> None:
    async with FleetStore(database_url):
        pass
    tables = set(await _reflect(database_url))
    assert tables == {"fleet_schema_version", *(t.name for t in fleet_tables.metadata.sorted_tables)}
    assert not tables & (DESKTOP_TABLES - {"schema_version"})
    assert await _versions(database_url, "fleet_schema_version") == list(range(1, FLEET.latest + 1))


def _expected(metadata: MetaData, dialect: Any) -> dict[str, Any]:
    """What today's table definitions say the database should hold."""
    out: dict[str, Any] = {}
    for table in metadata.sorted_tables:
        out[table.name] = {
            "columns": [(c.name, c.nullable) for c in table.columns],
            "pk": sorted(c.name for c in table.primary_key.columns),
            "indexes": sorted((i.name, tuple(c.name for c in i.columns)) for i in table.indexes),
            "unique": sorted(
                {
                    tuple(c.name for c in u.columns)
                    for u in table.constraints
                    if isinstance(u, UniqueConstraint)
                }
                | {(c.name,) for c in table.columns if c.unique}
            ),
        }
    return out


@pytest.mark.parametrize("track", ["desktop", "fleet"])
async def test_the_frozen_ddl_agrees_with_todays_table_definitions(database_url: str, track: str) -> None:
    """The code queries through ``schema.py`` / ``fleet/tables.py``; the database is made by
    the frozen steps. A new step without the matching table edit (or the reverse) fails here."""
    if track == "desktop":
        async with Database(database_url):
            pass
        metadata = desktop_schema.metadata
    else:
        async with FleetStore(database_url):
            pass
        metadata = fleet_tables.metadata
    found = await _reflect(database_url)
    engine = create_async_engine(database_url)
    dialect = engine.dialect
    await engine.dispose()
    for name, want in _expected(metadata, dialect).items():
        got = found[name]
        assert [(c, n) for c, _, n in got["columns"]] == want["columns"], name
        assert got["pk"] == want["pk"], name
        assert sorted((i, c) for i, c, _ in got["indexes"]) == want["indexes"], name
        assert sorted(got["unique"]) == sorted(want["unique"]), name
        table = metadata.tables[name]
        for column, type_, _nullable in got["columns"]:
            declared = table.columns[column].type
            if name == "embeddings" and column == "vector" and dialect.name == "postgresql":
                assert type_.lower().startswith("vector"), type_  # pgvector, not JSON (desktop v4)
                continue
            assert _same_type(type_, str(declared.compile(dialect=dialect))), (name, column, type_, declared)


def _same_type(reflected: str, declared: str) -> bool:
    """Reflection spells some types its own way (SERIAL comes back INTEGER, FLOAT as DOUBLE
    PRECISION on PostgreSQL, DATETIME with its zone): compare what they store."""
    canon = {
        "SERIAL": "INTEGER",
        "DOUBLE PRECISION": "FLOAT",
        "FLOAT(53)": "FLOAT",
        "TIMESTAMP WITH TIME ZONE": "TIMESTAMP",
        "DATETIME": "TIMESTAMP",
    }

    def norm(s: str) -> str:
        s = s.upper().strip()
        return canon.get(s, s)

    return norm(reflected) == norm(declared)


async def test_a_desktop_database_of_the_previous_release_upgrades(
    database_url: str, request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JOBPILOT_SECRET_KEY", RELEASE_KEY)
    old = _load_release("desktop", database_url, request, tmp_path)
    async with Database(old) as db:
        profile = await db.get_profile("default")
        assert profile is not None and profile.basics.name
        run = await db.get_run("run-1")
        assert run is not None and run.status == "submitted"
        account = await CredentialStore(db).get(
            ats="workday", tenant="acme.wd5.example.test", email="ada@example.test"
        )
        assert (
            account is not None and account.password == "Released-Password-1!" and account.state == "active"
        )
        matches = MatchStore(db)
        (job,) = await matches.jobs()
        vector = await matches.get_vector(kind="job", owner=job.id, embedder="offline")
        assert vector == pytest.approx([0.5, 0.25, 0.125])
    assert await _versions(old, "schema_version") == [1, 2, 3, 4]
    # The upgraded database's desktop tables are those of a fresh one.
    fresh = _new_url(database_url, lambda: request.getfixturevalue("postgres"), tmp_path, "fresh.db")
    async with Database(fresh):
        pass
    assert await _reflect(old, DESKTOP_TABLES) == await _reflect(fresh, DESKTOP_TABLES)


async def test_a_fleet_database_of_the_previous_release_upgrades(
    database_url: str, request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JOBPILOT_SECRET_KEY", RELEASE_KEY)
    dialect = _dialect(database_url)
    old = _load_release("fleet", database_url, request, tmp_path)
    token = (RELEASE / f"fleet.{dialect}.token").read_text().strip()
    async with FleetStore(old) as store:
        user = await store.user_for_token(token)
        assert user is not None and user["name"] == "released-user"
        (applicant,) = await store.list_applicants(user["id"])
        profile = await store.profile_of(applicant["id"])
        assert profile.basics.name
        (resume,) = await store.list_resumes(user["id"], applicant["id"])
        assert (await store.resume_file(resume["id"])) == ("cv.pdf", b"%PDF-1.4 released resume")
        queue = Queue(store)
        jobs = {j["url"]: j for j in await queue.list_jobs(user["id"])}
        done = jobs["https://jobs.example.test/a/1"]
        assert done["state"] == "submitted"
        assert await store.evidence_file(done["id"], "final.png") == ("image/png", b"\x89PNG released")
        # The released ledger still guards the submitted one; the queued one runs on.
        claim = await queue.claim("new-worker")
        assert claim is not None and claim.url == "https://jobs.example.test/a/2"
        assert [e["state"] for e in await store.history(user["id"], done["id"])][-1] == "submitted"
    # Adopted at version 1 (made by the release's desktop v3), then upgraded.
    assert await _versions(old, "fleet_schema_version") == list(range(1, FLEET.latest + 1))
    names = {t.name for t in fleet_tables.metadata.sorted_tables}
    fresh = _new_url(database_url, lambda: request.getfixturevalue("postgres"), tmp_path, "fresh.db")
    async with FleetStore(fresh):
        pass
    assert await _reflect(old, names) == await _reflect(fresh, names)


@pytest.mark.parametrize("track", ["desktop", "fleet"])
async def test_code_refuses_a_database_newer_than_itself(database_url: str, track: str) -> None:
    opener = Database if track == "desktop" else FleetStore
    version_table = (DESKTOP if track == "desktop" else FLEET).table
    latest = (DESKTOP if track == "desktop" else FLEET).latest
    async with opener(database_url):
        pass
    engine = create_async_engine(database_url)
    async with engine.begin() as conn:
        await conn.execute(
            text(f"INSERT INTO {version_table} (version, applied_at) VALUES (:v, CURRENT_TIMESTAMP)"),
            {"v": latest + 1},
        )
    await engine.dispose()
    with pytest.raises(SchemaTooNew) as refused:
        async with opener(database_url):
            pass
    assert f"schema version {latest + 1}" in str(refused.value) and "upgrade JobPilot" in str(refused.value)


def test_shipped_steps_are_frozen() -> None:
    """A step's DDL is text inside the step, never today's table objects: the migration
    modules do not import the table definitions."""
    from jobpilot.storage.migrations import desktop, fleet

    for module in (desktop, fleet):
        source = Path(module.__file__ or "").read_text()
        assert "jobpilot.storage.schema" not in source and "jobpilot.fleet.tables" not in source
        assert ".create(" not in source

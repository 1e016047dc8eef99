"""Matching: saved jobs, stored embeddings (SQLite; PostgreSQL with pgvector), ranking."""

from __future__ import annotations

import tempfile
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from jobpilot.engine.matching import job_from_html, load_job, rank
from jobpilot.errors import UsageError
from jobpilot.models.profile import Profile
from jobpilot.plugins import PluginManager
from jobpilot.storage import Database
from jobpilot.storage.matching import MatchStore

ASSETS = Path(__file__).parent / "assets"


@pytest.fixture
def pm() -> Iterator[PluginManager]:
    import jobpilot_ai_offline

    manager = PluginManager()
    manager.register(jobpilot_ai_offline, name="offline")
    try:
        yield manager
    finally:
        manager.unregister("offline")


@pytest.fixture(scope="module")
def pg_url() -> Iterator[str]:
    try:  # fail, never skip: a skipped PostgreSQL test passes a run that checked nothing
        import pgserver
    except ImportError as exc:
        pytest.fail(f"pgserver (PostgreSQL with pgvector) is a dev dependency: {exc}", pytrace=False)
    folder = tempfile.mkdtemp(prefix="jobpilot-pg-")
    server = pgserver.get_server(folder, cleanup_mode="stop")
    uri = server.get_uri()  # postgresql://postgres:@/postgres?host=/tmp/...
    host = uri.split("host=", 1)[1]
    try:
        yield f"postgresql+asyncpg://postgres@/postgres?host={host}"
    finally:
        server.cleanup()


@pytest.fixture(params=["sqlite", "postgresql"])
async def store(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[MatchStore]:
    if request.param == "sqlite":
        url = f"sqlite+aiosqlite:///{tmp_path / 'm.db'}"
    else:
        url = request.getfixturevalue("pg_url")
    db = Database(url)
    await db.open()
    try:
        if request.param == "postgresql":  # a shared server: start from an empty table
            from sqlalchemy import text

            async with db.engine.begin() as conn:
                await conn.execute(text("DELETE FROM embeddings"))
                await conn.execute(text("DELETE FROM saved_jobs"))
        yield MatchStore(db)
    finally:
        await db.close()


async def test_load_job_from_files() -> None:
    data = await load_job(str(ASSETS / "posting-data.html"))
    assert (data.title, data.company) == ("Data Engineer", "Acme Logistics")
    assert "Kafka" in data.description and "<b>" not in data.description and "Airflow" in data.description
    chef = await load_job(str(ASSETS / "posting-chef.html"))
    assert chef.title == "Pastry Chef" and chef.company == "Bakehouse" and "croissants" in chef.description
    assert "Home Jobs" not in chef.description  # navigation is not the job
    fe = await load_job(str(ASSETS / "posting-frontend.txt"), company="Pixel")
    assert (fe.title, fe.company) == ("Frontend Developer", "Pixel")
    with pytest.raises(UsageError, match="neither a URL nor a file"):
        await load_job("no/such/file.html")


async def test_load_job_from_a_url(fixture_server_factory: Any) -> None:
    server = fixture_server_factory(ASSETS)
    job = await load_job(server.url("posting-data.html"))
    assert job.title == "Data Engineer" and job.url.startswith("http://127.0.0.1")
    with pytest.raises(UsageError, match="HTTP 404"):
        await load_job(server.url("missing.html"))


def test_job_from_html_without_structured_data() -> None:
    job = job_from_html("https://x.test/j", "<title>Ops Lead - Co</title><h1>Ops Lead</h1><p>Run ops.</p>")
    assert job.title == "Ops Lead" and job.description.endswith("Run ops.")


async def test_rank_saved_jobs(store: MatchStore, pm: PluginManager, applicant: Profile) -> None:
    for name in ("posting-data.html", "posting-chef.html", "posting-frontend.txt"):
        await store.add_job(await load_job(str(ASSETS / name)))
    results = await rank(pm, store, applicant, profile_name="ada", limit=10)
    assert next(r.job.job.title for r in results) == "Data Engineer"
    assert results[-1].job.job.title in ("Pastry Chef", "Frontend Developer")
    top = results[0]
    assert top.keywords is not None and {"kafka", "python", "postgresql"} <= set(
        top.keywords.matched_keywords
    )
    assert "airflow" in top.keywords.missing_keywords
    assert top.score > results[-1].score and -1 <= top.similarity <= 1
    # Vectors are stored per embedder and only recomputed when the text changes.
    digests = await store.stored_digests("job", "offline")
    assert len(digests) == 3
    vec = await store.get_vector(kind="job", owner=top.job.id, embedder="offline")
    assert vec is not None and len(vec) == 1024
    again = await rank(pm, store, applicant, profile_name="ada", limit=1)
    assert [r.job.id for r in again] == [top.job.id]


async def test_vectors_of_the_same_text_round_trip(store: MatchStore) -> None:
    await store.put_vector(kind="job", owner="j1", embedder="e", text_digest="d", vector=[0.5, -0.25, 1.0])
    await store.put_vector(kind="job", owner="j1", embedder="e", text_digest="d2", vector=[1.0, 0.0, 0.0])
    assert await store.get_vector(kind="job", owner="j1", embedder="e") == [1.0, 0.0, 0.0]
    await store.put_vector(kind="job", owner="j2", embedder="e", text_digest="d", vector=[0.0, 1.0, 0.0])
    near = await store.nearest_jobs([0.9, 0.1, 0.0], embedder="e")
    assert [j for j, _ in near] == ["j1", "j2"] and near[0][1] > 0.99


async def test_pgvector_is_used_on_postgresql(pg_url: str) -> None:
    from sqlalchemy import text

    async with Database(pg_url) as db, db.engine.connect() as conn:
        kind = await conn.scalar(
            text(
                "SELECT format_type(atttypid, atttypmod) FROM pg_attribute"
                " WHERE attrelid = 'embeddings'::regclass AND attname = 'vector'"
            )
        )
    assert kind == "vector"

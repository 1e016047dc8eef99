"""Fleet fixtures: a real PostgreSQL (``pgserver``), fresh databases, the replica board,
users with applicants, and worker processes started as an operator would start them."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import jobpilot.demo
import pytest
from cryptography.fernet import Fernet

HERE = Path(__file__).parent
DEMO = Path(jobpilot.demo.__file__).parent
os.environ.setdefault("JOBPILOT_SECRET_KEY", Fernet.generate_key().decode())


def _load(name: str) -> Any:
    key = f"jobpilot_fleet_tests_{name}"
    if key in sys.modules:
        return sys.modules[key]
    spec = importlib.util.spec_from_file_location(key, HERE / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[key] = module
    spec.loader.exec_module(module)
    return module


Replica = _load("replica").Replica


@pytest.fixture(scope="session", autouse=True)
def fleet_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("fleet-home")
    os.environ["JOBPILOT_HOME"] = str(home)
    return home


@pytest.fixture(scope="session")
def replica() -> Iterator[Any]:
    server = Replica().start()
    yield server
    server.stop()


def require_postgres() -> None:
    """PostgreSQL tests fail, never skip, when the server or its driver is missing: a
    quietly skipped test would pass a run that checked nothing."""
    try:
        import asyncpg  # noqa: F401
        import pgserver  # noqa: F401
    except ImportError as exc:
        pytest.fail(
            f"the fleet's PostgreSQL tests need pgserver and asyncpg ({exc}); both are dev"
            " dependencies: uv sync --all-packages",
            pytrace=False,
        )


class Postgres:
    """A PostgreSQL server from the pgserver wheel, with a fresh database per test."""

    def __init__(self, root: Path) -> None:
        import pgserver

        self.root = root
        self.server = pgserver.get_server(root / "pgdata", cleanup_mode="stop")
        uri = self.server.get_uri()
        self.socket_dir = uri.split("host=")[1].split("&")[0]

    def new_database(self) -> str:
        name = "t_" + uuid.uuid4().hex[:10]
        self.server.psql(f"CREATE DATABASE {name};")
        return f"postgresql+asyncpg://postgres@/{name}?host={self.socket_dir}"

    def load(self, url: str, dump: Path) -> None:
        """Run a plain ``pg_dump`` file (``COPY ... FROM stdin`` included) into a database."""
        from pgserver.postgres_server import POSTGRES_BIN_PATH

        name = url.split("?")[0].rsplit("/", 1)[1]
        subprocess.run(
            [str(POSTGRES_BIN_PATH / "psql"), "-q", "-v", "ON_ERROR_STOP=1", "-h", self.socket_dir,
             "-U", "postgres", "-d", name, "-f", str(dump)],
            check=True, capture_output=True, text=True,
        )  # fmt: skip

    def restart(self, down_for: float = 1.0) -> None:
        """Stop the server (fast shutdown: every connection is cut), wait, start it again."""
        from pgserver._commands import pg_ctl

        user = self.server.system_user
        pgdata = self.server.pgdata
        pg_ctl(["-w", "-m", "fast", "stop"], pgdata=pgdata, user=user, timeout=30)
        time.sleep(down_for)
        opts = ["-o", '-h ""', "-o", f"-k {self.socket_dir}", "-l", str(self.server.log)]
        pg_ctl(["-w", *opts, "start"], pgdata=pgdata, user=user, timeout=30)


@pytest.fixture(scope="session")
def postgres(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Postgres]:
    require_postgres()
    # Outside pytest's private (0700) temp folders: the server runs as its own system user.
    root = Path(tempfile.mkdtemp(prefix="jobpilot-pg-"))
    os.chmod(root, 0o755)
    pg = Postgres(root)
    try:
        yield pg
    finally:
        pg.server.cleanup()
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path / 'fleet.db'}"
    return request.getfixturevalue("postgres").new_database()


@pytest.fixture
async def store(database_url: str) -> AsyncIterator[Any]:
    from jobpilot.fleet.store import FleetStore

    async with FleetStore(database_url) as s:
        yield s


def demo_profile() -> Any:
    from jobpilot.profile_io import load_profile

    return load_profile(DEMO / "profile" / "resume.json", DEMO / "profile" / "answers.yaml")


async def make_user(
    store: Any, name: str | None = None, **kw: Any
) -> tuple[dict[str, Any], str, dict[str, Any]]:
    """A user with a token and one applicant (the demo profile) with the demo resume."""
    user = await store.create_user(name or "u-" + uuid.uuid4().hex[:8], **kw)
    token = await store.issue_token(user["id"])
    applicant = await store.create_applicant(user["id"], "Mara", demo_profile())
    pdf = (DEMO / "profile" / "resume.pdf").read_bytes()
    await store.add_resume(
        user["id"],
        applicant["id"],
        name="cv",
        filename="resume.pdf",
        content_type="application/pdf",
        data=pdf,
    )
    return user, token, applicant


def start_worker(
    database_url: str, name: str, *args: str, log: Path | None = None
) -> subprocess.Popen[bytes]:
    """``jobpilot worker`` in its own process, as an operator runs it."""
    cmd = [
        sys.executable,
        "-m",
        "jobpilot.cli.main",
        "worker",
        "--database-url",
        database_url,
        "--name",
        name,
        "--allow-host",
        "127.0.0.1",
        "--allow-address",  # the replica is on loopback: the outbound guard must be told
        "127.0.0.1",
        "--site-limit",
        "100000",
        *args,
    ]
    out = open(log, "ab") if log else subprocess.DEVNULL  # noqa: SIM115
    return subprocess.Popen(
        cmd, stdout=out, stderr=subprocess.STDOUT, env={**os.environ, "JOBPILOT_LOG": "WARNING"}
    )


def stop_worker(proc: subprocess.Popen[bytes], timeout: float = 60) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="session")
def fleet() -> Any:
    """The helpers above, for test modules (tests/ is no package)."""
    from types import SimpleNamespace

    return SimpleNamespace(
        make_user=make_user, demo_profile=demo_profile, start_worker=start_worker, stop_worker=stop_worker
    )

"""The registry on a real PostgreSQL (the ``pgserver`` wheel), driven by asyncpg: twine
uploads, the index pip reads, search, a refused upload that changes nothing, yanking, and
two server processes sharing one database racing to publish the same name and file."""

from __future__ import annotations

import hashlib
import secrets
import subprocess
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
import requests
from jobpilot_registry_tests import Registry, make_wheel, start_registry, twine_upload, upload

try:
    from pgserver.postgres_server import POSTGRES_BIN_PATH
except ImportError as exc:  # pragma: no cover - a broken environment
    # PostgreSQL support is a requirement, tested in CI: a missing server must fail the run
    # loudly, never skip it quietly.
    pytest.fail(
        f"the PostgreSQL registry tests need the pgserver wheel ({exc}); it is a dev dependency: "
        "run `uv sync` from the repository root",
        pytrace=False,
    )


def _socket_dir(server: Any) -> str:
    return str(server.get_uri().split("host=", 1)[1].split("&", 1)[0])


def _new_database(server: Any) -> str:
    """A fresh database on the test server; its name."""
    db = "registry_" + secrets.token_hex(4)
    server.psql(f"CREATE DATABASE {db};")
    return db


@pytest.fixture(scope="module")
def pg_url(pg_server: Any) -> str:
    return f"postgresql+asyncpg://postgres@/{_new_database(pg_server)}?host={_socket_dir(pg_server)}"


@pytest.fixture(scope="module")
def pg_registry(pg_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Registry]:
    reg = start_registry(tmp_path_factory.mktemp("pgreg"), pg_url)
    try:
        yield reg
    finally:
        reg.stop()


def test_publish_index_search_and_refusals_on_postgres(
    pg_registry: Registry, built: dict[str, Path], tmp_path: Path
) -> None:
    reg = pg_registry
    assert not (reg.data / "registry.db").exists()  # metadata lives in PostgreSQL
    alice = reg.token("alice")
    res = twine_upload(reg, alice, built["lever"])
    assert res.returncode == 0, res.stdout + res.stderr

    page = requests.get(reg.simple + "jobpilot-ats-lever/", timeout=10).text
    sha = hashlib.sha256(built["lever"].read_bytes()).hexdigest()
    assert f"#sha256={sha}" in page
    found = requests.get(reg.url + "api/plugins", params={"ats": "lever"}, timeout=10).json()["plugins"]
    assert [p["project"] for p in found] == ["jobpilot-ats-lever"]

    mallory = reg.token("mallory")
    before = reg.state()
    assert before["registry_files"] and before["registry_plugins"]
    again = twine_upload(reg, alice, built["lever"])
    assert again.returncode != 0 and "409 Conflict" in again.stdout + again.stderr
    stranger = upload(reg, built["lever"], token=mallory)
    assert stranger.status_code == 403 and "belongs to another publisher" in stranger.text
    assert reg.state() == before

    wheel = make_wheel(tmp_path, "jobpilot-ats-demo", "1.0")
    assert upload(reg, wheel, token=alice).status_code == 200
    r = requests.post(
        reg.url + "api/projects/jobpilot-ats-demo/1.0/yank",
        json={"reason": "bad"},
        auth=("__token__", alice),
        timeout=10,
    )
    assert r.status_code == 200
    page = requests.get(
        reg.simple + "jobpilot-ats-demo/",
        headers={"Accept": "application/vnd.pypi.simple.v1+json"},
        timeout=10,
    ).json()
    assert page["files"][0]["yanked"] == "bad"


# --- two server processes, one database ----------------------------------------------------


class TableLock:
    """``LOCK TABLE <table> IN EXCLUSIVE MODE`` held by a psql session until ``release``.

    Reads go on; every insert into the table waits. With it held, two uploads that arrive at
    two server processes both pass the registry's checks and then both wait at the same
    insert, so releasing it makes them race for the unique constraint, every time, instead of
    hoping the scheduler interleaves them."""

    def __init__(self, server: Any, db: str, table: str) -> None:
        self.server = server
        self.proc = subprocess.Popen(
            [
                str(POSTGRES_BIN_PATH / "psql"),
                "-X",
                "-q",
                "-A",
                "-t",
                f"postgresql://postgres@/{db}?host={_socket_dir(server)}",
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(f"BEGIN;\nLOCK TABLE {table} IN EXCLUSIVE MODE;\nSELECT 'locked';\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline().strip()
        assert line == "locked", line

    def waiting(self) -> int:
        """Backends of the cluster waiting for a lock now."""
        return int(self.server.psql("SELECT count(*) FROM pg_locks WHERE NOT granted;").split()[-3])

    def wait_for_waiters(self, n: int, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while self.waiting() < n:
            assert time.monotonic() < deadline, f"fewer than {n} uploads reached the locked insert"
            time.sleep(0.05)

    def release(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write("COMMIT;\n")
        self.proc.stdin.close()
        self.proc.wait(timeout=30)


@pytest.fixture
def two_servers(pg_server: Any, tmp_path: Path) -> Iterator[tuple[str, Registry, Registry]]:
    """Two ``jobpilot registry serve`` processes on one fresh PostgreSQL database and one
    files directory, as a deployment behind a load balancer runs them."""
    db = _new_database(pg_server)
    url = f"postgresql+asyncpg://postgres@/{db}?host={_socket_dir(pg_server)}"
    data = tmp_path / "shared"
    first = start_registry(data, url)
    second = start_registry(data, url)
    try:
        yield db, first, second
    finally:
        first.stop()
        second.stop()


def _race(lock: TableLock, *uploads: tuple[Registry, Path, str]) -> list[requests.Response]:
    with ThreadPoolExecutor(len(uploads)) as pool:
        futures = [pool.submit(upload, reg, path, token=token) for reg, path, token in uploads]
        try:
            lock.wait_for_waiters(len(uploads))
        finally:
            lock.release()
        return [f.result(timeout=60) for f in futures]


def _served_once(reg: Registry, wheel: Path) -> None:
    """The index lists the file once, it downloads with the right sha256, and exactly one
    copy is on disk (the loser left nothing, and removed nothing of the winner's)."""
    page = requests.get(
        reg.simple + wheel.name.split("-")[0].replace("_", "-") + "/",
        headers={"Accept": "application/vnd.pypi.simple.v1+json"},
        timeout=10,
    ).json()
    listed = [f for f in page["files"] if f["filename"] == wheel.name]
    assert len(listed) == 1, page
    sha = hashlib.sha256(wheel.read_bytes()).hexdigest()
    assert listed[0]["hashes"]["sha256"] == sha
    got = requests.get(requests.compat.urljoin(reg.url, listed[0]["url"]), timeout=10)
    assert got.status_code == 200 and hashlib.sha256(got.content).hexdigest() == sha
    state = reg.state()
    assert [r for r in state["registry_files"] if wheel.name in r].__len__() == 1
    on_disk = [
        f for f, _ in state["files_on_disk"] if f.startswith("files/") and f.endswith("/" + wheel.name)
    ]
    assert len(on_disk) == 1, on_disk
    assert [f for f, _ in state["files_on_disk"] if f.startswith("tmp/")] == []


def test_two_servers_racing_to_first_publish_a_name(
    two_servers: tuple[str, Registry, Registry], pg_server: Any, tmp_path: Path
) -> None:
    """alice and bob publish the same new project at the same moment through two servers:
    one owns it (200), the other is told it belongs to another publisher (403, not a 500)."""
    db, first, second = two_servers
    alice, bob = first.token("alice"), first.token("bob")
    wheel = make_wheel(tmp_path, "jobpilot-ats-race", "1.0")
    lock = TableLock(pg_server, db, "registry_projects")
    results = _race(lock, (first, wheel, alice), (second, wheel, bob))
    codes = sorted(r.status_code for r in results)
    assert codes == [200, 403], [(r.status_code, r.text) for r in results]
    refused = next(r for r in results if r.status_code == 403)
    assert "belongs to another publisher" in refused.text
    _served_once(first, wheel)
    _served_once(second, wheel)
    owners = first.state()["registry_owners"]
    assert len(owners) == 1  # one owner: whoever won


def test_two_servers_racing_to_upload_the_same_file(
    two_servers: tuple[str, Registry, Registry], pg_server: Any, tmp_path: Path
) -> None:
    """The same new version of an existing project uploaded twice at once (a CI retry hitting
    the other server): one is published (200), the other refused as existing (409), and the
    file the winner placed (same sha256, same name) is still there and served."""
    db, first, second = two_servers
    alice = first.token("alice")
    assert upload(first, make_wheel(tmp_path, "jobpilot-ats-race", "1.0"), token=alice).status_code == 200
    newer = tmp_path / "v2"
    newer.mkdir()
    wheel = make_wheel(newer, "jobpilot-ats-race", "2.0")
    lock = TableLock(pg_server, db, "registry_releases")
    results = _race(lock, (first, wheel, alice), (second, wheel, alice))
    codes = sorted(r.status_code for r in results)
    assert codes == [200, 409], [(r.status_code, r.text) for r in results]
    assert "File already exists" in next(r for r in results if r.status_code == 409).text
    _served_once(second, wheel)


def test_two_servers_racing_the_same_owners_two_files(
    two_servers: tuple[str, Registry, Registry], pg_server: Any, tmp_path: Path
) -> None:
    """One publisher's two files of a new project (different versions here) reach two
    servers at once: both create the project, the loser's insert fails on the unique name,
    and its retry sees a project it owns: both are published."""
    db, first, second = two_servers
    alice = first.token("alice")
    one = make_wheel(tmp_path, "jobpilot-ats-race", "1.0")
    other = tmp_path / "v11"
    other.mkdir()
    two = make_wheel(other, "jobpilot-ats-race", "1.1")
    lock = TableLock(pg_server, db, "registry_projects")
    results = _race(lock, (first, one, alice), (second, two, alice))
    assert [r.status_code for r in results] == [200, 200], [r.text for r in results]
    _served_once(first, one)
    _served_once(first, two)

"""The registry on a real PostgreSQL (the ``pgserver`` wheel), driven by asyncpg: twine
uploads, the index pip reads, search, a refused upload that changes nothing, yanking."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from jobpilot_registry_tests import Registry, make_wheel, start_registry, twine_upload, upload

pgserver = pytest.importorskip("pgserver")


@pytest.fixture(scope="module")
def pg_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    server = pgserver.get_server(tmp_path_factory.mktemp("pg"), cleanup_mode="stop")
    try:
        db = "registry_" + secrets.token_hex(4)
        server.psql(f"CREATE DATABASE {db};")
        socket_dir = server.get_uri().split("host=", 1)[1].split("&", 1)[0]
        yield f"postgresql+asyncpg://postgres@/{db}?host={socket_dir}"
    finally:
        server.cleanup()


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

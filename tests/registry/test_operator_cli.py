"""The operator's commands against a running registry: ``jobpilot registry token revoke``,
``add-owner`` and ``yank``, run as an operator runs them (a separate process on the same
data directory as ``jobpilot registry serve``), checked through what publishers and
installers then see over HTTP."""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path
from typing import Any

import requests
from jobpilot_registry_tests import JOBPILOT, Registry, make_wheel, upload, wait_for

JSON = {"Accept": "application/vnd.pypi.simple.v1+json"}


def operator(reg: Registry, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """``jobpilot registry ARGS --data DIR`` in its own process."""
    res = subprocess.run(
        [*JOBPILOT, "registry", *args, "--data", str(reg.data)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    if check:
        assert res.returncode == 0, f"{args}: {res.stdout}\n{res.stderr}"
    return res


def files_of(reg: Registry, project: str) -> dict[str, Any]:
    """The project's files by filename, from the JSON simple index (as pip reads it)."""
    page = requests.get(reg.simple + project + "/", headers=JSON, timeout=10)
    assert page.status_code == 200, page.text
    return {f["filename"]: f for f in page.json()["files"]}


def test_a_revoked_token_is_refused_and_changes_nothing(registry: Registry, tmp_path: Path) -> None:
    """A token that leaked is revoked by id; the next upload with it is a 403 that says so,
    and the registry is as it was."""
    token = operator(registry, "token", "create", "--user", "carol", "--description", "ci").stdout.strip()
    first = make_wheel(tmp_path, "jobpilot-ats-revoked", "1.0")
    assert upload(registry, first, token=token).status_code == 200

    listed = operator(registry, "token", "list").stdout.splitlines()
    (row,) = [line.split("\t") for line in listed if "\tcarol\t" in line]
    assert row[3] == "active" and token.startswith(row[2].rstrip("."))
    operator(registry, "token", "revoke", row[0])
    assert "revoked" in operator(registry, "token", "list").stdout

    before = registry.state()
    later = tmp_path / "later"
    later.mkdir()
    r = upload(registry, make_wheel(later, "jobpilot-ats-revoked", "1.1"), token=token)
    assert r.status_code == 403 and "invalid or revoked token" in r.text
    assert registry.state() == before
    again = operator(registry, "token", "revoke", row[0], check=False)
    assert again.returncode != 0 and f"no active token with id {row[0]}" in again.stderr


def test_add_owner_lets_a_co_owner_upload(registry: Registry, tmp_path: Path) -> None:
    """bob may not add a version to alice's project until an operator makes him an owner."""
    alice, bob = registry.token("alice"), registry.token("bob")
    assert (
        upload(registry, make_wheel(tmp_path, "jobpilot-ats-shared", "1.0"), token=alice).status_code == 200
    )
    newer = tmp_path / "newer"
    newer.mkdir()
    wheel = make_wheel(newer, "jobpilot-ats-shared", "1.1")

    before = registry.state()
    r = upload(registry, wheel, token=bob)
    assert r.status_code == 403 and "belongs to another publisher" in r.text
    assert registry.state() == before

    res = operator(registry, "add-owner", "jobpilot-ats-shared", "bob")
    assert "bob now owns jobpilot-ats-shared" in res.stderr
    r = upload(registry, wheel, token=bob)
    assert r.status_code == 200, r.text
    wait_for(lambda: wheel.name in files_of(registry, "jobpilot-ats-shared"), timeout=20)
    assert files_of(registry, "jobpilot-ats-shared")[wheel.name]["hashes"]["sha256"] == (
        hashlib.sha256(wheel.read_bytes()).hexdigest()
    )

    unknown = operator(registry, "add-owner", "jobpilot-ats-shared", "nobody", check=False)
    assert unknown.returncode != 0 and "no user 'nobody'" in unknown.stderr
    missing = operator(registry, "add-owner", "jobpilot-ats-absent", "bob", check=False)
    assert missing.returncode != 0 and "no project 'jobpilot-ats-absent'" in missing.stderr


def test_the_yank_command(registry: Registry, tmp_path: Path) -> None:
    """``registry yank`` marks a release yanked with its reason (PEP 592) in the index pip
    reads, ``--undo`` takes it back, and a version that does not exist is a clear error."""
    alice = registry.token("alice")
    for version in ("1.0", "2.0"):
        folder = tmp_path / version
        folder.mkdir()
        assert (
            upload(registry, make_wheel(folder, "jobpilot-ats-yankme", version), token=alice).status_code
            == 200
        )
    v2 = "jobpilot_ats_yankme-2.0-py3-none-any.whl"
    v1 = "jobpilot_ats_yankme-1.0-py3-none-any.whl"

    res = operator(registry, "yank", "jobpilot-ats-yankme", "2.0", "--reason", "broken build")
    assert "yanked jobpilot-ats-yankme 2.0" in res.stderr
    # The server's page cache lasts a few seconds when another process writes.
    wait_for(
        lambda: files_of(registry, "jobpilot-ats-yankme")[v2].get("yanked") == "broken build", timeout=20
    )
    assert files_of(registry, "jobpilot-ats-yankme")[v1].get("yanked", False) is False
    wait_for(
        lambda: (
            'data-yanked="broken build"'
            in requests.get(registry.simple + "jobpilot-ats-yankme/", timeout=10).text
        ),
        timeout=20,
    )

    operator(registry, "yank", "jobpilot-ats-yankme", "2.0", "--undo")
    wait_for(lambda: files_of(registry, "jobpilot-ats-yankme")[v2].get("yanked", False) is False, timeout=20)

    bad = operator(registry, "yank", "jobpilot-ats-yankme", "3.0", check=False)
    assert bad.returncode != 0 and "has no version 3.0" in bad.stderr

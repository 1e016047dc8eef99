"""The plugin supply chain: a plugin name means one project, look-alike project names are
refused, JobPilot's own names are reserved, and the client refuses what could install the
wrong code.

Refusals are checked against the registry's complete state (every row, every file): a
refused upload changes nothing.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from jobpilot import registry_client as rc
from jobpilot.errors import UsageError
from jobpilot_registry.lookalike import confusable, skeleton, within_one_edit
from jobpilot_registry_tests import Registry, make_wheel, upload


@pytest.fixture(scope="module")
def seeded(registry: Registry, tmp_path_factory: pytest.TempPathFactory) -> Registry:
    """alice owns jobpilot-ats-demo (plugin ``demo``); bob has a token too."""
    wheel = make_wheel(tmp_path_factory.mktemp("seed"))
    r = upload(registry, wheel, token=registry.token("alice"))
    assert r.status_code == 200, r.text
    registry.token("bob")
    return registry


@pytest.fixture
def unchanged(seeded: Registry) -> Iterator[Registry]:
    before = seeded.state()
    yield seeded
    assert seeded.state() == before, "a refused upload changed the registry"


def _dir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


def refused(r: requests.Response, status: int, *words: str) -> None:
    assert r.status_code == status, (r.status_code, r.text)
    for w in words:
        assert w.lower() in r.text.lower(), f"{w!r} not in {r.text!r}"
    assert r.reason and len(r.reason) > 10


# --- look-alike names, as functions ------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("jobpilot-ats-lever", "jobpi1ot-ats-lever", True),  # 1 for l
        ("jobpilot-ats-lever", "j0bpi1ot-ats-1ever", True),  # several confusables: still one name
        ("jobpilot-ats-lever", "jobpilot-ats-levers", True),  # one letter added
        ("jobpilot-ats-lever", "jobpilot-ats-lver", True),  # one dropped
        ("jobpilot-ats-lever", "jobpilot-ats-lewer", True),  # one changed
        ("jobpilot-ats-lever", "jobpilot-ats-elver", True),  # neighbours swapped
        ("jobpilot-ats-lever", "jobpilot-atslever", True),  # separators do not count
        ("jobpilot-ats-demo", "jobpilot-ats-derno", True),  # rn for m
        ("jobpilot-ats-lever", "jobpilot-ats-workday", False),
        ("jobpilot-ats-workday", "jobpilot-ats-workable", False),
        ("jobpilot-ats-lever", "jobpilot-ats-greenhouse", False),
        ("jobpilot-ats-lever", "JobPilot_ATS.Lever", False),  # the same name: one project, not a look-alike
    ],
)
def test_confusable(a: str, b: str, expected: bool) -> None:
    assert confusable(a, b) is expected
    assert confusable(b, a) is expected


def test_within_one_edit_and_skeleton() -> None:
    assert within_one_edit("abc", "abc") and within_one_edit("abc", "abxc") and within_one_edit("abc", "bac")
    assert (
        not within_one_edit("abc", "cab")
        and not within_one_edit("abc", "a")
        and not within_one_edit("ab", "ba-x")
    )
    assert within_one_edit("", "a") and not within_one_edit("", "ab")
    assert skeleton("JobPi1ot_ATS.Lever") == skeleton("jobpilot-ats-lever") == "j0bp110tats1ever"
    long_a, long_b = "a" * 5000 + "b", "a" * 5000 + "c"
    assert within_one_edit(long_a, long_b) and not within_one_edit(long_a, "c" + long_b)


# --- the registry: names are owned -------------------------------------------------------------


def test_a_plugin_name_belongs_to_the_project_that_published_it(unchanged: Registry, tmp_path: Path) -> None:
    bob = unchanged.token("bob")
    for ep in ("demo", "Demo"):
        wheel = make_wheel(_dir(tmp_path / ep), name="jobpilot-ats-other", ep=ep)
        refused(upload(unchanged, wheel, token=bob), 403, "plugin name", "jobpilot-ats-demo", "rename")


@pytest.mark.parametrize(
    "name",
    [
        "jobpi1ot-ats-demo",
        "jobpilot-ats-dem0",
        "jobpilot-ats-demos",
        "jobpilot-ats-dmo",
        "jobpilot-ats-edmo",
        "jobpilot-atsdemo",
        "jobpilot-ats-derno",
    ],
)
def test_a_name_that_can_be_mistaken_for_another_publishers_project_is_refused(
    unchanged: Registry, tmp_path: Path, name: str
) -> None:
    wheel = make_wheel(tmp_path, name=name, ep="unrelated")
    r = upload(unchanged, wheel, token=unchanged.token("bob"))
    refused(r, 403, "mistaken for 'jobpilot-ats-demo'", "another publisher")


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("jobpilot-core", ["reserved for jobpilot's own", "jobpilot registry publish"]),
        ("jobpilot-host", ["reserved"]),
        ("jobpilot", ["unrelated project"]),
        ("jobpi1ot-core", ["looks like 'jobpilot-core'"]),
        ("jobpilot-cores", ["looks like 'jobpilot-core'"]),
    ],
)
def test_jobpilots_own_names_cannot_be_taken_by_an_upload(
    unchanged: Registry, tmp_path: Path, name: str, words: list[str]
) -> None:
    wheel = make_wheel(tmp_path, name=name, ep="lookalike")
    refused(upload(unchanged, wheel, token=unchanged.token("alice")), 403, *words)


def test_a_clearly_different_name_and_the_owners_own_look_alike_pass(
    seeded: Registry, tmp_path: Path
) -> None:
    r = upload(
        seeded,
        make_wheel(_dir(tmp_path / "a"), name="jobpilot-ats-zeta", ep="zeta"),
        token=seeded.token("bob"),
    )
    assert r.status_code == 200, r.text
    r = upload(
        seeded,
        make_wheel(_dir(tmp_path / "b"), name="jobpilot-ats-demos", ep="demos"),
        token=seeded.token("alice"),
    )
    assert r.status_code == 200, r.text


# --- the client --------------------------------------------------------------------------------


def test_the_client_refuses_a_name_that_could_mean_two_projects(seeded: Registry, tmp_path: Path) -> None:
    url = rc.root_url(seeded.url)
    assert rc.resolve(url, ["demo", "zeta==0.1"]) == ["jobpilot-ats-demo", "jobpilot-ats-zeta==0.1"]
    # alice renames her project: the new one may carry her plugin name too ...
    renamed = make_wheel(_dir(tmp_path / "r"), name="jobpilot-demo-renamed", ep="demo")
    assert upload(seeded, renamed, token=seeded.token("alice")).status_code == 200
    # ... and then "demo" means two projects: the client will not pick one.
    with pytest.raises(UsageError, match="could mean more than one project") as exc:
        rc.resolve(url, ["demo"])
    assert "jobpilot-ats-demo" in str(exc.value) and "jobpilot-demo-renamed" in str(exc.value)
    assert rc.resolve(url, ["jobpilot-ats-demo"]) == ["jobpilot-ats-demo"]  # a project name is one project

    # A project named like another project's plugin: "zeta" is bob's plugin and carol's project.
    carol = make_wheel(_dir(tmp_path / "c"), name="zeta", ep="carols")
    assert upload(seeded, carol, token=seeded.token("carol")).status_code == 200
    with pytest.raises(UsageError, match="could mean more than one project") as exc:
        rc.resolve(url, ["zeta"])
    assert "jobpilot-ats-zeta" in str(exc.value) and "'zeta'" not in str(exc.value).split(":")[-1]


def test_the_client_refuses_a_second_plugin_of_an_installed_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rc, "installed_plugins", lambda: {"lever": "jobpilot-ats-lever"})
    rc.check_plugin_names({"lever": "jobpilot_ats_lever"})  # the same distribution: an upgrade
    rc.check_plugin_names({"acme": "jobpilot-ats-acme"})
    with pytest.raises(UsageError, match="the installed jobpilot-ats-lever already does"):
        rc.check_plugin_names({"Lever": "jobpi1ot-ats-lever"})


def test_installs_are_wheels_only_with_jobpilot_pinned() -> None:
    assert "jobpilot-core==0.1.0" in rc.own_pins()
    for run in (
        rc.install("http://r.test", ["x"], dry_run=True),
        rc.install_editable(Path("/p"), dry_run=True),
    ):
        cmd = " ".join(run.command)
        assert "--only-binary :all:" in cmd and "--constraint " in cmd and "jobpilot-constraints.txt" in cmd
    assert "--index-url http://r.test/simple/" in " ".join(
        rc.install("http://r.test", ["x"], dry_run=True).command
    )


def test_install_e_wants_a_plugin_folder(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"has no pyproject\.toml"):
        rc.read_source_plugin(str(tmp_path))
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')
    with pytest.raises(UsageError, match="not a JobPilot plugin"):
        rc.read_source_plugin(str(tmp_path))
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n[project.entry-points.jobpilot]\nx = "x"\n'
    )
    assert rc.read_source_plugin(str(tmp_path)).plugin_names == ["x"]


# --- the migration that made names owned --------------------------------------------------------


def test_migration_gives_each_plugin_name_to_its_first_project(tmp_path: Path) -> None:
    from jobpilot_registry import schema as t
    from jobpilot_registry.store import RegistryStore
    from sqlalchemy import delete, select

    async def go() -> list[tuple[str, str]]:
        store = await RegistryStore(tmp_path / "data").open()
        try:
            uid = await store.user_id("alice", create=True)
            from jobpilot_registry.local_publish import publish_files

            first = make_wheel(_dir(tmp_path / "1"), name="jobpilot-ats-first", ep="shared")
            second = make_wheel(_dir(tmp_path / "2"), name="jobpilot-ats-second", ep="shared")
            await publish_files(store, [first, second], user="alice")
            assert uid
            async with store.engine.begin() as conn:  # back to a version-1 database
                await conn.execute(delete(t.plugin_names))
                await conn.execute(delete(t.schema_version).where(t.schema_version.c.version == 2))
        finally:
            await store.close()
        store = await RegistryStore(tmp_path / "data").open()
        try:
            async with store.engine.connect() as conn:
                rows = await conn.execute(
                    select(t.plugin_names.c.key, t.projects.c.name).join(
                        t.projects, t.projects.c.id == t.plugin_names.c.project_id
                    )
                )
                return [(r[0], r[1]) for r in rows]
        finally:
            await store.close()

    assert asyncio.run(go()) == [("shared", "jobpilot-ats-first")]


# --- what docs/architecture.md says about twine --skip-existing ----------------------------------


def test_twine_skip_existing_against_this_registry(unchanged: Registry, tmp_path: Path) -> None:
    """The workspace's twine (>= 6.1) refuses --skip-existing for any index but PyPI before
    sending anything; without it, a re-upload is our 409 "File already exists"."""
    import subprocess
    import sys

    already = make_wheel(_dir(tmp_path / "same"))  # byte for byte the seeded file
    new = make_wheel(_dir(tmp_path / "new"), version="7.0")

    def twine(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [
                sys.executable,
                "-m",
                "twine",
                "upload",
                "--non-interactive",
                "--disable-progress-bar",
                "--repository-url",
                unchanged.legacy,
                "-u",
                "__token__",
                "-p",
                unchanged.token("alice"),
                *args,
            ],
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring"},
        )

    skip = twine("--skip-existing", str(already), str(new))
    assert skip.returncode != 0 and "UnsupportedConfiguration" in skip.stdout + skip.stderr
    again = twine(str(already), str(new))  # the first file is refused, the second never sent
    assert again.returncode != 0 and "409 Conflict" in again.stdout + again.stderr
    assert "File already exists" in again.stdout + again.stderr

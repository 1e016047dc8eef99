"""The registry's pieces without a server: content negotiation, filenames, reading
distributions, atomic publishing and sweeping, the client's URL handling, the scaffold, and
config editing."""

from __future__ import annotations

import asyncio
import json
import os
import time
from pathlib import Path

import pytest
from jobpilot.errors import UsageError
from jobpilot_registry.distinspect import inspect_distribution
from jobpilot_registry.errors import BadUpload
from jobpilot_registry.names import check_filename, normalize
from jobpilot_registry.simple import HTML_V1, JSON_V1, negotiate
from jobpilot_registry.store import RegistryStore
from jobpilot_registry_tests import make_wheel

# --- content negotiation (PEP 691) -----------------------------------------------------------


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, "text/html; charset=utf-8"),
        ("", "text/html; charset=utf-8"),
        ("*/*", "text/html; charset=utf-8"),
        ("text/html", "text/html; charset=utf-8"),
        (f"{JSON_V1}, {HTML_V1}; q=0.1, text/html; q=0.01", JSON_V1),  # pip
        (f"{HTML_V1}, {JSON_V1}; q=0.5", HTML_V1),
        ("application/vnd.pypi.simple.latest+json", JSON_V1),
        (f"{JSON_V1}; q=0, text/html", "text/html; charset=utf-8"),
        ("application/xml", None),
        (f"{JSON_V1};q=bogus", None),
    ],
)
def test_negotiate(accept: str | None, expected: str | None) -> None:
    got = negotiate(accept)
    assert (got[1] if got else None) == expected


# --- filenames -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "bad",
    [
        "a/b-1.0-py3-none-any.whl",
        "a\\b-1.0-py3-none-any.whl",
        "..-1.0-py3-none-any.whl",
        "x\x00-1.0.whl",
        "",
        "a" * 300,
    ],
)
def test_bad_filenames(bad: str) -> None:
    with pytest.raises(BadUpload):
        check_filename(bad)


def test_filenames_parse_and_collide_by_normalised_key() -> None:
    a = check_filename("JobPilot_ATS_Demo-1.0-py3-none-any.whl")
    b = check_filename("jobpilot_ats_demo-1.0.0-py3-none-any.whl")
    assert a.project == "jobpilot-ats-demo" and a.packagetype == "bdist_wheel"
    assert a.key == b.key
    s = check_filename("jobpilot_ats_demo-1.0.tar.gz")
    assert s.packagetype == "sdist" and str(s.version) == "1.0"
    assert normalize("JobPilot.ATS__demo") == "jobpilot-ats-demo"


# --- reading distributions -------------------------------------------------------------------


def test_sdist_plugins_are_read_from_pyproject_and_plugin_toml(built: dict[str, Path]) -> None:
    sdist = built["lever-sdist"]
    info = inspect_distribution(sdist, check_filename(sdist.name))
    assert info.name == "jobpilot-ats-lever" and info.metadata is None
    [plugin] = info.plugins
    assert plugin.name == "lever" and plugin.ats == "lever" and "map_fields" in plugin.hooks


def test_wheel_plugins(tmp_path: Path) -> None:
    wheel = make_wheel(tmp_path, ats="acme")
    info = inspect_distribution(wheel, check_filename(wheel.name))
    assert (
        info.requires_python == ">=3.11" and info.metadata and info.metadata.startswith(b"Metadata-Version")
    )
    assert [(p.name, p.ats, p.url_patterns) for p in info.plugins] == [
        ("demo", "acme", ["*://jobs.acme.example/*"])
    ]
    # A plugin.toml without url_patterns acts on every page.
    everywhere = make_wheel(tmp_path, "jobpilot-ats-everywhere", plugin_toml='hooks = ["detect_ats"]\n')
    info = inspect_distribution(everywhere, check_filename(everywhere.name))
    assert [(p.hooks, p.url_patterns) for p in info.plugins] == [(["detect_ats"], ["<all_urls>"])]
    # An entry point without a plugin.toml declares nothing the registry could index.
    bare = make_wheel(tmp_path, "jobpilot-ats-bare", plugin_toml="")
    with pytest.raises(BadUpload, match=r"has no plugin\.toml"):
        inspect_distribution(bare, check_filename(bare.name))


# --- atomic publishing and the sweep ---------------------------------------------------------


def _publish(store: RegistryStore, wheel: Path) -> None:
    import hashlib

    dist = check_filename(wheel.name)
    info = inspect_distribution(wheel, dist)
    tmp = store.tmp_dir / f"upload-{os.getpid()}-x.part"
    tmp.write_bytes(wheel.read_bytes())

    async def go() -> None:
        user = await store.create_token("alice")
        found = await store.user_for_token(user)
        assert found
        data = wheel.read_bytes()
        await store.publish(
            user_id=found[0],
            dist=dist,
            info=info,
            tmp=tmp,
            sha256=hashlib.sha256(data).hexdigest(),
            size=len(data),
        )

    asyncio.run(go())


def _dump(store: RegistryStore) -> dict:  # type: ignore[type-arg]
    return asyncio.run(store.dump())


def _open(path: Path) -> RegistryStore:
    store = RegistryStore(path)
    asyncio.run(store.open())
    return store


def test_a_failure_after_the_file_moved_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = _open(tmp_path / "reg")
    wheel = make_wheel(tmp_path)
    asyncio.run(store.create_token("alice"))
    before = _dump(store)
    import jobpilot_registry.store as store_module

    def crash(path: Path) -> None:
        raise OSError("disk went away")

    monkeypatch.setattr(store_module, "_fsync_dir", crash)  # after both files were renamed into place
    with pytest.raises(OSError, match="disk went away"):
        _publish(store, wheel)
    after = _dump(store)
    # the second token (made inside _publish) aside, nothing changed: no rows, no files
    assert after["registry_files"] == before["registry_files"] == []
    assert after["registry_projects"] == [] and after["registry_releases"] == []
    assert [f for f, _ in after["files_on_disk"] if f.startswith("files/")] == []
    assert not list((store.files_dir).rglob("*"))
    monkeypatch.undo()
    _publish(store, wheel)  # and the same upload then succeeds
    assert len(_dump(store)["registry_files"]) == 1


def test_sweep_removes_what_crashed_uploads_left(tmp_path: Path) -> None:
    store = _open(tmp_path / "reg")
    dead = store.tmp_dir / "upload-999999999-abc.part"
    dead.write_bytes(b"half")
    live = store.tmp_dir / f"upload-{os.getpid()}-abc.part"
    live.write_bytes(b"in flight")
    orphan = store.files_dir / "ab" / ("ab" + "0" * 62) / "x-1.0-py3-none-any.whl"
    orphan.parent.mkdir(parents=True)
    orphan.write_bytes(b"x")
    fresh = orphan.with_name("y-1.0-py3-none-any.whl")
    fresh.write_bytes(b"y")
    old = time.time() - 3600
    os.utime(orphan, (old, old))
    removed = asyncio.run(store.sweep())
    assert set(removed) == {dead, orphan}
    assert live.exists() and fresh.exists()


# --- the client and the scaffold -------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8765",
        "http://127.0.0.1:8765/",
        "http://127.0.0.1:8765/simple/",
        "http://127.0.0.1:8765/legacy",
    ],
)
def test_client_root_url(url: str) -> None:
    from jobpilot.registry_client import root_url

    assert root_url(url) == "http://127.0.0.1:8765"


def test_client_needs_a_configured_registry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from jobpilot.registry_client import configured_url, root_url

    monkeypatch.setenv("JOBPILOT_HOME", str(tmp_path))
    monkeypatch.delenv("JOBPILOT_REGISTRY_URL", raising=False)
    with pytest.raises(UsageError, match="no plugin registry is configured"):
        configured_url()
    with pytest.raises(UsageError, match="not a registry URL"):
        root_url("ftp://x")
    monkeypatch.setenv("JOBPILOT_REGISTRY_URL", "http://reg.example/simple/")
    assert configured_url() == "http://reg.example"


def test_scaffold_names_and_no_overwrite(tmp_path: Path) -> None:
    from jobpilot.scaffold import check_name, create

    assert check_name("Acme_HR") == "acme-hr" and check_name("jobpilot-ats-acme") == "acme"
    for bad in ("1acme", "acme--hr", "ac me", "acme!", ""):
        with pytest.raises(UsageError):
            check_name(bad)
    target = create("acme", parent=tmp_path)
    assert (target / "src/jobpilot_ats_acme/plugin.toml").read_text().startswith('name = "acme"')
    assert 'acme = "jobpilot_ats_acme"' in (target / "pyproject.toml").read_text()
    assert not list(tmp_path.glob("*.partial"))
    with pytest.raises(UsageError, match="already exists"):
        create("acme", parent=tmp_path)
    with pytest.raises(UsageError, match="not a host name"):
        create("other", parent=tmp_path, host="https://jobs.other.com/")


def test_the_scaffold_is_a_whole_project(tmp_path: Path) -> None:
    """README (and the pyproject's readme entry), LICENSE, .gitignore, a CI workflow, tests
    with a labelled sample page, and a detect.py that knows the vendor's own sites."""
    import tomllib

    from jobpilot.scaffold import create, registrable_domain

    target = create("kestrel", parent=tmp_path, host="*.kestrelhire.example", author="Ada Kestrel")
    names = {p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file()}
    assert {
        "README.md",
        "LICENSE",
        ".gitignore",
        ".github/workflows/test.yml",
        "pyproject.toml",
        "src/jobpilot_ats_kestrel/detect.py",
        "tests/test_page.py",
        "tests/pages/apply.html",
        "tests/pages/apply.labels.json",
    } <= names
    assert not [n for n in names if n.endswith(".tmpl") or "__module__" in n or "dot-" in n]
    project = tomllib.loads((target / "pyproject.toml").read_text())
    assert project["project"]["readme"] == "README.md" and project["project"]["dependencies"] == [
        "jobpilot-core>=0.1"
    ]
    assert project["project"]["authors"] == [{"name": "Ada Kestrel"}]
    assert "error::DeprecationWarning" in project["tool"]["pytest"]["ini_options"]["filterwarnings"]
    assert (
        "Apache License" in (target / "LICENSE").read_text()
        and "Ada Kestrel" in (target / "LICENSE").read_text()
    )
    workflow = (target / ".github/workflows/test.yml").read_text()
    assert "--no-deps --index-url" in workflow and "${{ vars.JOBPILOT_INDEX }}" in workflow
    detect = (target / "src/jobpilot_ats_kestrel/detect.py").read_text()
    assert 'VENDOR_DOMAINS = ("kestrelhire.example",)' in detect and "is_vendor_host" in detect
    labels = json.loads((target / "tests/pages/apply.labels.json").read_text())
    assert labels["url"] == "https://demo.kestrelhire.example/apply/123" and labels["ats"] == "kestrel"
    assert (
        registrable_domain("jobs.acme.co.uk") == "acme.co.uk"
        and registrable_domain("a.b.acme.io") == "acme.io"
    )


def test_is_vendor_host_draws_the_vendor_site_line() -> None:
    from jobpilot.builtin.ats_hosts import is_vendor_host

    domains = ("kestrelhire.example",)
    for host in (
        "kestrelhire.example",
        "www.kestrelhire.example",
        "help.kestrelhire.example",
        "APP.kestrelhire.example.",
    ):
        assert is_vendor_host(host, domains), host
    for host in (
        "acme.kestrelhire.example",
        "jobs.kestrelhire.example",
        "kestrelhire.example.evil.test",
        "example",
    ):
        assert not is_vendor_host(host, domains), host


def test_enable_disable_keep_the_persons_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner
    from jobpilot.cli.main import cli

    monkeypatch.setenv("JOBPILOT_HOME", str(tmp_path))
    config = tmp_path / "config.toml"
    config.write_text(
        '# my settings\n[limits]\ndaily_cap = 3  # be gentle\n\n[plugins.openai]\nmodel = "x"\n'
    )
    runner = CliRunner()
    res = runner.invoke(cli, ["plugins", "disable", "lever"])
    assert res.exit_code == 0, res.output
    text = config.read_text()
    assert "# my settings" in text and "daily_cap = 3  # be gentle" in text and 'model = "x"' in text
    from jobpilot.config import load_settings, plugin_settings

    assert load_settings().disabled_plugins == ["lever"] and plugin_settings("openai") == {"model": "x"}
    assert runner.invoke(cli, ["plugins", "enable", "lever"]).exit_code == 0
    assert load_settings().disabled_plugins == []
    res = runner.invoke(cli, ["plugins", "disable", "no-such-plugin"])
    assert res.exit_code != 0 and "no plugin named 'no-such-plugin'" in str(res.exception)


def test_registry_command_is_lazy_and_listed() -> None:
    from click.testing import CliRunner
    from jobpilot.cli.main import COMMANDS, cli

    assert COMMANDS["registry"][0] == "jobpilot_registry.cli"
    res = CliRunner().invoke(cli, ["registry", "--help"])
    assert res.exit_code == 0 and "serve" in res.output and "token" in res.output


def test_a_command_from_a_missing_distribution_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    import click
    from jobpilot.cli import main

    monkeypatch.setitem(main.COMMANDS, "ghost", ("jobpilot_ghost.cli", "ghost", "Not installed."))
    with pytest.raises(click.UsageError, match="pip install jobpilot-ghost"):
        main.cli.get_command(click.Context(main.cli), "ghost")

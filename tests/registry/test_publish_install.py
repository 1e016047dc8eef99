"""The whole loop with real tools: build this repository's plugin wheels, ``twine upload``
them, read the index as pip and uv do, ``pip install`` into a fresh virtualenv, and see
``jobpilot plugins list`` find the plugin and ``jobpilot inspect`` use it.

The operator publishes the core wheel built here (``jobpilot registry publish``: the name
``jobpilot-core`` is reserved, no upload may create it), and the fresh virtualenv gets both the
plugin and the core it depends on from the registry (``--index-url``); no other index or
folder is used. Third-party packages
(pydantic, playwright, ...) cannot be downloaded offline, so the venv sees them through a
``.pth`` file naming a folder of links to the workspace's third-party packages only (none of
the ``jobpilot*`` distributions), and pip counts them as installed.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import tomllib
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from jobpilot_registry_tests import (
    JOBPILOT,
    ROOT,
    Registry,
    clean_env,
    fresh_venv,
    make_wheel,
    twine_upload,
    upload,
    which_chromium,
)

LEVER_PAGE = ROOT / "tests/replicas/lever/apply-orbitalforge-full.html"
LEVER_URL = "https://jobs.lever.co/orbitalforge/3f6c2a9e-8d41-4b7a-9c25-6e0f1d2b7a48/apply"
LEVER_PATTERNS = tomllib.loads(
    (ROOT / "plugins/ats/lever/src/jobpilot_ats_lever/plugin.toml").read_text("utf-8")
)["url_patterns"]
"""The URL patterns the lever adapter in this checkout declares (read from its wheel too)."""
PIP_ACCEPT = (
    "application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html; q=0.1, text/html; q=0.01"
)


@pytest.fixture(scope="module")
def published(
    registry: Registry, built: dict[str, Path], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Any]:
    """lever (wheel + sdist) and greenhouse by alice, a freshly scaffolded adapter by bob."""
    tmp = tmp_path_factory.mktemp("publish")
    out = subprocess.run(
        [*JOBPILOT, "registry", "token", "create", "--user", "alice", "--data", str(registry.data)],
        capture_output=True,
        text=True,
        check=True,
    )
    alice = out.stdout
    registry.tokens["alice"] = alice.strip()
    core = subprocess.run(
        [*JOBPILOT, "registry", "publish", str(built["core"]), "--data", str(registry.data)],
        capture_output=True,
        text=True,
    )
    assert core.returncode == 0 and core.stdout == f"published {built['core'].name}\n", core.stderr
    res = twine_upload(registry, alice.strip(), built["lever"], built["lever-sdist"], built["greenhouse"])
    assert res.returncode == 0, res.stdout + res.stderr

    new = subprocess.run(
        [*JOBPILOT, "plugins", "new", "acme", "--dir", str(tmp), "--host", "jobs.acme-ats.example"],
        capture_output=True,
        text=True,
        env=clean_env(JOBPILOT_HOME=str(tmp / "home")),
    )
    assert new.returncode == 0, new.stderr
    acme_dir = Path(new.stdout.strip())
    build = subprocess.run(
        ["uv", "build", "-q", "--wheel", "-o", str(tmp / "acme-dist"), str(acme_dir)],
        capture_output=True,
        text=True,
    )
    assert build.returncode == 0, build.stdout + build.stderr
    acme = next((tmp / "acme-dist").glob("*.whl"))
    res = twine_upload(registry, registry.token("bob"), acme)
    assert res.returncode == 0, res.stdout + res.stderr
    return {"alice_stdout": alice, "acme": acme, "acme_dir": acme_dir}


# --- operating it ----------------------------------------------------------------------------


def test_token_create_prints_only_the_token(published: dict[str, Any]) -> None:
    lines = published["alice_stdout"].splitlines()
    assert len(lines) == 1 and lines[0].startswith("jpr_") and len(lines[0]) > 40 and " " not in lines[0]


def test_tokens_are_stored_as_digests_only(registry: Registry, published: dict[str, Any]) -> None:
    state = registry.state()
    assert registry.tokens["alice"] not in json.dumps(state)
    db = (registry.data / "registry.db").read_bytes()
    assert registry.tokens["alice"].encode() not in db


# --- the simple index as installers read it --------------------------------------------------


def test_project_page_html(registry: Registry, published: dict[str, Any], built: dict[str, Path]) -> None:
    r = requests.get(registry.simple + "jobpilot-ats-lever/", timeout=10)
    assert r.status_code == 200 and r.headers["Content-Type"] == "text/html; charset=utf-8"
    sha = hashlib.sha256(built["lever"].read_bytes()).hexdigest()
    assert f"{built['lever'].name}#sha256={sha}" in r.text
    assert 'data-requires-python="&gt;=3.11"' in r.text
    assert 'data-core-metadata="sha256=' in r.text and 'data-dist-info-metadata="sha256=' in r.text
    assert built["lever-sdist"].name in r.text
    assert '<meta name="pypi:repository-version" content="1.1">' in r.text
    assert r.headers["Cache-Control"] == "public, max-age=60" and "Accept" in r.headers["Vary"]


def test_project_page_json_by_negotiation(registry: Registry, published: dict[str, Any]) -> None:
    r = requests.get(registry.simple + "jobpilot-ats-lever/", headers={"Accept": PIP_ACCEPT}, timeout=10)
    assert r.headers["Content-Type"] == "application/vnd.pypi.simple.v1+json"
    page = r.json()
    assert page["meta"]["api-version"] == "1.1" and page["name"] == "jobpilot-ats-lever"
    assert page["versions"] == ["0.1.0"]
    wheel = next(f for f in page["files"] if f["filename"].endswith(".whl"))
    assert len(wheel["hashes"]["sha256"]) == 64 and wheel["requires-python"] == ">=3.11"
    assert wheel["yanked"] is False and wheel["core-metadata"]["sha256"]
    assert wheel["upload-time"].endswith("Z") and wheel["size"] > 0
    # The other offers and the query-string override.
    html = requests.get(
        registry.simple + "jobpilot-ats-lever/",
        headers={"Accept": "application/vnd.pypi.simple.v1+html"},
        timeout=10,
    )
    assert html.headers["Content-Type"] == "application/vnd.pypi.simple.v1+html" and "<a " in html.text
    assert (
        requests.get(
            registry.simple + "jobpilot-ats-lever/",
            params={"format": "application/vnd.pypi.simple.v1+json"},
            timeout=10,
        ).json()["name"]
        == "jobpilot-ats-lever"
    )
    bad = requests.get(
        registry.simple + "jobpilot-ats-lever/", headers={"Accept": "application/xml"}, timeout=10
    )
    assert bad.status_code == 406 and "acceptable" in bad.text


def test_root_redirects_and_revalidation(registry: Registry, published: dict[str, Any]) -> None:
    root = requests.get(registry.simple, headers={"Accept": PIP_ACCEPT}, timeout=10).json()
    assert {p["name"] for p in root["projects"]} >= {
        "jobpilot-ats-lever",
        "jobpilot-ats-greenhouse",
        "jobpilot-ats-acme",
    }
    r = requests.get(registry.simple + "JobPilot_ATS.Lever/", allow_redirects=False, timeout=10)
    assert r.status_code == 301 and r.headers["Location"] == "/simple/jobpilot-ats-lever/"
    r = requests.get(registry.simple + "jobpilot-ats-lever", allow_redirects=False, timeout=10)
    assert r.status_code == 301 and r.headers["Location"] == "/simple/jobpilot-ats-lever/"
    first = requests.get(registry.simple + "jobpilot-ats-lever/", timeout=10)
    again = requests.get(
        registry.simple + "jobpilot-ats-lever/", headers={"If-None-Match": first.headers["ETag"]}, timeout=10
    )
    assert again.status_code == 304 and not again.content
    assert requests.get(registry.simple + "no-such-project/", timeout=10).status_code == 404


def test_files_and_metadata_are_served_as_uploaded(
    registry: Registry, published: dict[str, Any], built: dict[str, Path]
) -> None:
    page = requests.get(
        registry.simple + "jobpilot-ats-lever/", headers={"Accept": PIP_ACCEPT}, timeout=10
    ).json()
    for f in page["files"]:
        r = requests.get(registry.url.rstrip("/") + f["url"], timeout=10)
        assert r.status_code == 200 and hashlib.sha256(r.content).hexdigest() == f["hashes"]["sha256"]
        assert r.headers["Cache-Control"] == "public, max-age=31536000, immutable"
        assert "Content-Encoding" not in r.headers
        if f["filename"].endswith(".whl"):
            assert r.content == built["lever"].read_bytes()
            assert r.headers["Content-Type"] == "application/octet-stream"
            meta = requests.get(registry.url.rstrip("/") + f["url"] + ".metadata", timeout=10)
            assert hashlib.sha256(meta.content).hexdigest() == f["core-metadata"]["sha256"]
            with zipfile.ZipFile(built["lever"]) as zf:
                assert meta.content == zf.read("jobpilot_ats_lever-0.1.0.dist-info/METADATA")
        else:
            assert r.headers["Content-Type"] == "application/gzip"
            assert f["core-metadata"] is False


# --- plugin metadata, search and the plugin page ---------------------------------------------


def test_search_api(registry: Registry, published: dict[str, Any]) -> None:
    def names(**params: str) -> list[str]:
        return [
            p["name"]
            for p in requests.get(registry.url + "api/plugins", params=params, timeout=10).json()["plugins"]
        ]

    assert set(names()) == {"acme", "greenhouse", "lever"}
    assert names(ats="lever") == ["lever"]
    assert set(names(hook="register_flows")) == {"greenhouse", "lever"}
    assert names(q="hcaptcha") == ["lever"]
    assert names(q="acme") == ["acme"]
    # What the registry read from the wheel is what the adapter declares (it may act on every
    # page, "<all_urls>", when it detects its form from page evidence).
    declared = LEVER_PATTERNS
    on_greenhouse = {"greenhouse"} | ({"lever"} if "<all_urls>" in declared else set())
    assert set(names(url="https://job-boards.greenhouse.io/acme/jobs/1")) == on_greenhouse
    assert names(ats="workday") == []
    lever = requests.get(registry.url + "api/plugins", params={"ats": "lever"}, timeout=10).json()["plugins"][
        0
    ]
    assert lever["url_patterns"] == declared
    assert lever["install"] == f"pip install --index-url {registry.simple} jobpilot-ats-lever"


def test_plugin_page(registry: Registry, published: dict[str, Any]) -> None:
    r = requests.get(registry.url, timeout=10)
    assert r.headers["Content-Type"] == "text/html; charset=utf-8"
    for text in (
        "lever",
        "greenhouse",
        "acme",
        "0.1.0",
        f"pip install --index-url {registry.simple} jobpilot-ats-lever",
    ):
        assert text in r.text


# --- installing with pip and uv ----------------------------------------------------------------


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A fresh ``python -m venv`` that sees the workspace's third-party packages only."""
    yield fresh_venv(tmp_path_factory.mktemp("venv"))


def venv_run(
    venv: Path, *args: str, home: Path, check: bool = True, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    res = subprocess.run(
        [str(venv / "bin" / args[0]), *args[1:]],
        capture_output=True,
        text=True,
        timeout=300,
        env=clean_env(JOBPILOT_HOME=str(home), **(env or {})),
    )
    if check:
        assert res.returncode == 0, f"{args}: {res.stdout}\n{res.stderr}"
    return res


@pytest.fixture(scope="module")
def installed(
    registry: Registry,
    published: dict[str, Any],
    built: dict[str, Path],
    venv: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, Any]:
    home = tmp_path_factory.mktemp("home")
    res = venv_run(
        venv,
        "pip",
        "install",
        "--no-cache-dir",
        "--index-url",
        registry.simple,
        "jobpilot-ats-lever",
        home=home,
    )
    return {"home": home, "pip": res.stdout}


def test_pip_install_from_the_registry(registry: Registry, installed: dict[str, Any], venv: Path) -> None:
    assert "Successfully installed jobpilot-ats-lever-0.1.0 jobpilot-core-0.1.0" in installed["pip"]
    downloads = [line for line in installed["pip"].splitlines() if "Downloading" in line]
    assert all(f"{registry.url}files/" in line for line in downloads), (
        downloads
    )  # wheels and PEP 658 metadata
    wheels = {line.split("/")[-1].split()[0] for line in downloads if ".whl " in line}
    assert wheels == {"jobpilot_core-0.1.0-py3-none-any.whl", "jobpilot_ats_lever-0.1.0-py3-none-any.whl"}
    where = venv_run(
        venv,
        "python",
        "-c",
        "import jobpilot, jobpilot_ats_lever as m; print(m.__file__); print(jobpilot.__file__)",
        home=installed["home"],
    ).stdout.split()
    assert all(p.startswith(str(venv)) for p in where), where  # not the workspace's copies


def test_plugins_list_finds_the_installed_plugin(installed: dict[str, Any], venv: Path) -> None:
    out = venv_run(venv, "jobpilot", "plugins", "list", "--json", home=installed["home"]).stdout
    plugins = {p["name"]: p for p in json.loads(out)}
    assert plugins["lever"]["status"] == "loaded" and plugins["lever"]["distribution"] == "jobpilot-ats-lever"
    assert plugins["lever"]["url_patterns"] == LEVER_PATTERNS
    assert "greenhouse" not in plugins and "generic" not in plugins  # only what was installed


def test_inspect_uses_the_installed_plugin(installed: dict[str, Any], venv: Path) -> None:
    if which_chromium() is None:
        # Required in CI: a missing browser must fail the run, not pass it quietly as a skip.
        pytest.fail(
            "jobpilot inspect needs Chromium and none is on PATH (looked for chromium and "
            "chromium-browser): install it, e.g. apt-get install chromium",
            pytrace=False,
        )
    out = venv_run(
        venv, "jobpilot", "inspect", str(LEVER_PAGE), "--url", LEVER_URL, "--json", home=installed["home"]
    )
    data = json.loads(out.stdout)
    assert data["ats"]["name"] == "lever" and data["ats"]["plugin"] == "lever"
    by_name = {f["name"]: f for f in data["fields"]}
    assert by_name["email"]["key"] == "email" and by_name["email"]["plugin"] == "lever"


def test_uv_pip_install_from_the_registry(
    registry: Registry, published: dict[str, Any], tmp_path: Path
) -> None:
    env_dir = tmp_path / "uvenv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env_dir)], check=True)
    res = subprocess.run(
        [
            "uv",
            "pip",
            "install",
            "--python",
            str(env_dir / "bin" / "python"),
            "--no-deps",
            "--no-cache",
            "--index-url",
            registry.simple,
            "jobpilot-ats-greenhouse",
        ],
        capture_output=True,
        text=True,
        env=clean_env(),
        timeout=120,
    )
    assert res.returncode == 0, res.stderr
    assert "+ jobpilot-ats-greenhouse==0.1.0" in res.stderr
    assert list(env_dir.glob("lib/python3*/site-packages/jobpilot_ats_greenhouse/plugin.toml"))


# --- the client: jobpilot plugins search|install|upgrade|uninstall|enable|disable ------------


def test_client_commands_in_the_fresh_venv(
    registry: Registry, installed: dict[str, Any], venv: Path, tmp_path: Path
) -> None:
    home = installed["home"]
    alice = registry.token("alice")
    for version in ("1.0", "1.1"):
        wheel = make_wheel(tmp_path, version=version)
        assert twine_upload(registry, alice, wheel).returncode == 0

    venv_run(venv, "jobpilot", "plugins", "registry", registry.url, home=home)
    assert "[registry]" in (home / "config.toml").read_text()
    found = json.loads(
        venv_run(venv, "jobpilot", "plugins", "search", "--ats", "demo", "--json", home=home).stdout
    )
    assert [p["project"] for p in found] == ["jobpilot-ats-demo"] and found[0]["versions"] == ["1.0", "1.1"]

    # install by plugin name (pinned), upgrade, uninstall
    venv_run(venv, "jobpilot", "plugins", "install", "demo==1.0", home=home)
    assert _version(venv, "jobpilot-ats-demo", home) == "1.0"
    venv_run(venv, "jobpilot", "plugins", "upgrade", "demo", home=home)
    assert _version(venv, "jobpilot-ats-demo", home) == "1.1"

    # A yanked release is skipped by a fresh install.
    r = requests.post(
        registry.url + "api/projects/jobpilot-ats-demo/1.1/yank",
        json={"reason": "broken"},
        auth=("__token__", alice),
        timeout=10,
    )
    assert r.status_code == 200, r.text
    page = requests.get(registry.simple + "jobpilot-ats-demo/", timeout=10).text
    assert 'data-yanked="broken"' in page
    venv_run(venv, "jobpilot", "plugins", "uninstall", "demo", home=home)
    assert _version(venv, "jobpilot-ats-demo", home) is None
    venv_run(venv, "jobpilot", "plugins", "install", "demo", home=home)
    assert _version(venv, "jobpilot-ats-demo", home) == "1.0"

    # disable / enable through config.toml, seen by plugins list
    venv_run(venv, "jobpilot", "plugins", "disable", "demo", home=home)
    assert _status(venv, "demo", home) == "disabled"
    venv_run(venv, "jobpilot", "plugins", "enable", "demo", home=home)
    assert _status(venv, "demo", home) == "loaded"

    bad = venv_run(venv, "jobpilot", "plugins", "install", "no-such-plugin", home=home, check=False)
    assert bad.returncode != 0 and "no plugin or project 'no-such-plugin'" in bad.stderr
    bad = venv_run(venv, "jobpilot", "plugins", "uninstall", "jobpilot", home=home, check=False)
    assert bad.returncode != 0 and "no installed plugin" in bad.stderr


def test_upgrade_with_no_names_upgrades_every_plugin_from_the_registry(
    registry: Registry, installed: dict[str, Any], venv: Path, tmp_path: Path
) -> None:
    """``jobpilot plugins upgrade`` alone: every installed plugin the registry has (lever and
    demo here) goes through pip --upgrade, and demo moves to its newest version."""
    home = installed["home"]
    alice = registry.token("alice")
    for version in ("1.0", "1.2"):
        res = twine_upload(registry, alice, make_wheel(tmp_path, version=version))
        assert res.returncode == 0 or "409" in res.stdout + res.stderr, res.stdout + res.stderr
    venv_run(venv, "jobpilot", "plugins", "registry", registry.url, home=home)
    venv_run(venv, "jobpilot", "plugins", "install", "demo==1.0", home=home)
    assert _version(venv, "jobpilot-ats-demo", home) == "1.0"
    out = venv_run(venv, "jobpilot", "plugins", "upgrade", home=home)
    pip_line = next(line for line in out.stderr.splitlines() if " pip " in f" {line} " and "install" in line)
    assert "--upgrade" in pip_line and "jobpilot-ats-demo" in pip_line and "jobpilot-ats-lever" in pip_line
    assert _version(venv, "jobpilot-ats-demo", home) == "1.2"
    assert _status(venv, "lever", home) == "loaded"
    venv_run(venv, "jobpilot", "plugins", "uninstall", "demo", home=home)


def test_a_scaffolded_plugin_installs_and_loads(
    registry: Registry, installed: dict[str, Any], venv: Path, published: dict[str, Any]
) -> None:
    home = installed["home"]
    venv_run(venv, "jobpilot", "plugins", "install", "acme", "--registry", registry.url, home=home)
    assert _status(venv, "acme", home) == "loaded"
    # The scaffold's own tests (unit tests, and its sample page in real Chromium through
    # jobpilot.testing) pass as generated, with deprecation warnings as errors.
    tests = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-W", "error::DeprecationWarning"],
        cwd=published["acme_dir"],
        capture_output=True,
        text=True,
        env={**clean_env(), "PYTHONPATH": "src"},
    )
    assert tests.returncode == 0 and " passed" in tests.stdout, tests.stdout[-2000:]
    assert "warning" not in tests.stdout.lower(), tests.stdout[-2000:]
    venv_run(venv, "jobpilot", "plugins", "uninstall", "acme", home=home)


def test_the_installed_core_ships_the_template_but_not_the_server(
    installed: dict[str, Any], venv: Path, tmp_path: Path
) -> None:
    home = installed["home"]
    out = venv_run(venv, "jobpilot", "plugins", "new", "beta", "--dir", str(tmp_path), home=home).stdout
    assert (Path(out.strip()) / "src/jobpilot_ats_beta/plugin.toml").is_file()
    res = venv_run(venv, "jobpilot", "registry", "--help", home=home, check=False)
    assert res.returncode == 2 and "pip install jobpilot-registry" in res.stderr


def _version(venv: Path, dist: str, home: Path) -> str | None:
    code = (
        f"import importlib.metadata as m\ntry: print(m.version({dist!r}))\n"
        "except m.PackageNotFoundError: print('-')"
    )
    out = venv_run(venv, "python", "-c", code, home=home).stdout.strip()
    return None if out == "-" else out


def _status(venv: Path, name: str, home: Path) -> str:
    out = venv_run(venv, "jobpilot", "plugins", "list", "--json", home=home).stdout
    return next(p["status"] for p in json.loads(out) if p["name"] == name)


# --- the supply chain, with real pip ------------------------------------------------------------

OFFLINE_BUILD = {"PIP_NO_INDEX": "1", "PIP_NO_BUILD_ISOLATION": "0"}
"""pip with no index at all, building with the backend the venv already sees (hatchling,
setuptools): what a development install needs, and nothing from the network."""


def test_install_e_develops_a_plugin_from_its_folder(
    installed: dict[str, Any], venv: Path, tmp_path: Path
) -> None:
    home = installed["home"]
    out = venv_run(venv, "jobpilot", "plugins", "new", "gamma", "--dir", str(tmp_path), home=home).stdout
    source = Path(out.strip())
    res = venv_run(venv, "jobpilot", "plugins", "install", "-e", str(source), home=home, env=OFFLINE_BUILD)
    assert "--editable" in res.stderr and "--constraint" in res.stderr and "--only-binary :all:" in res.stderr
    assert "gamma 0.1.0 (jobpilot-ats-gamma): loaded" in res.stderr
    where = venv_run(venv, "python", "-c", "import jobpilot_ats_gamma as m; print(m.__file__)", home=home)
    assert where.stdout.strip().startswith(str(source))  # the source folder itself: edits count at once
    assert _version(venv, "jobpilot-core", home) == "0.1.0"
    bad = venv_run(venv, "jobpilot", "plugins", "install", "-e", str(tmp_path), home=home, check=False)
    assert bad.returncode != 0 and "has no pyproject.toml" in bad.stderr
    venv_run(venv, "jobpilot", "plugins", "uninstall", "gamma", home=home)
    assert _version(venv, "jobpilot-ats-gamma", home) is None


def _sdist_with_a_build_script(folder: Path, marker: Path) -> Path:
    """An sdist-only plugin whose setup.py would leave ``marker`` behind if it ever ran."""
    import io
    import tarfile

    base = "jobpilot_ats_sdistonly-1.0"
    files = {
        f"{base}/PKG-INFO": "Metadata-Version: 2.1\nName: jobpilot-ats-sdistonly\nVersion: 1.0\n",
        f"{base}/pyproject.toml": (
            '[build-system]\nrequires = ["setuptools"]\nbuild-backend = "setuptools.build_meta"\n'
            '[project]\nname = "jobpilot-ats-sdistonly"\nversion = "1.0"\n'
            '[project.entry-points.jobpilot]\nsdistonly = "jobpilot_ats_sdistonly"\n'
        ),
        f"{base}/setup.py": (
            f"open({str(marker)!r}, 'w').write('ran')\nfrom setuptools import setup\nsetup()\n"
        ),
        f"{base}/src/jobpilot_ats_sdistonly/__init__.py": (
            "from jobpilot import hookimpl\n@hookimpl\ndef detect_ats(url, snapshot):\n    return None\n"
        ),
        f"{base}/src/jobpilot_ats_sdistonly/plugin.toml": 'name = "sdistonly"\nhooks = ["detect_ats"]\n',
    }
    out = folder / f"{base}.tar.gz"
    with tarfile.open(out, "w:gz") as tf:
        for name, text in files.items():
            data = text.encode()
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    return out


def test_install_never_builds_an_sdist(
    registry: Registry, installed: dict[str, Any], venv: Path, tmp_path: Path
) -> None:
    """Only wheels: an sdist's setup.py would run with the person's rights. The same sdist
    is built (and its script run) by a plain pip install, so the test can tell."""
    home = installed["home"]
    marker = tmp_path / "setup-py-ran"
    sdist = _sdist_with_a_build_script(tmp_path, marker)
    r = upload(
        registry,
        sdist,
        token=registry.token("alice"),
        fields={
            "name": "jobpilot-ats-sdistonly",
            "version": "1.0",
            "filetype": "sdist",
            "pyversion": "source",
        },
    )
    assert r.status_code == 200, r.text
    venv_run(venv, "jobpilot", "plugins", "registry", registry.url, home=home)
    res = venv_run(
        venv, "jobpilot", "plugins", "install", "sdistonly", home=home, check=False, env=OFFLINE_BUILD
    )
    assert res.returncode != 0 and "wheels only" in res.stderr
    assert not marker.exists() and _version(venv, "jobpilot-ats-sdistonly", home) is None
    # What the flag prevents: pip left to itself builds the sdist and runs its script.
    plain = venv_run(
        venv,
        "pip",
        "install",
        "--dry-run",
        "--no-deps",
        "--index-url",
        registry.simple,
        "jobpilot-ats-sdistonly",
        home=home,
        check=False,
        env={"PIP_NO_BUILD_ISOLATION": "0"},
    )
    assert marker.exists(), plain.stdout + plain.stderr


def test_a_plugin_install_never_replaces_jobpilot_itself(
    registry: Registry, installed: dict[str, Any], venv: Path, tmp_path: Path
) -> None:
    """A newer core on the registry and a plugin that wants it: the plugin is refused and the
    installed core stays (pip alone would replace it). Runs last: it adds jobpilot-core 9.0."""
    home = installed["home"]
    fake_core = make_wheel(
        tmp_path, name="jobpilot-core", version="9.0", ep=None, plugin_toml="", requires=""
    )
    pub = subprocess.run(
        [*JOBPILOT, "registry", "publish", str(fake_core), "--data", str(registry.data)],
        capture_output=True,
        text=True,
    )
    assert pub.returncode == 0, pub.stderr
    wants = make_wheel(tmp_path, name="jobpilot-ats-needsnew", ep="needsnew", requires="jobpilot-core>=9")
    assert upload(registry, wants, token=registry.token("alice")).status_code == 200
    plain = venv_run(
        venv,
        "pip",
        "install",
        "--dry-run",
        "--index-url",
        registry.simple,
        "jobpilot-ats-needsnew",
        home=home,
    )
    assert "jobpilot-core-9.0" in plain.stdout  # what pip alone would do
    venv_run(venv, "jobpilot", "plugins", "registry", registry.url, home=home)
    res = venv_run(venv, "jobpilot", "plugins", "install", "needsnew", home=home, check=False)
    assert res.returncode != 0 and "stays at the installed version" in res.stderr
    assert (
        _version(venv, "jobpilot-core", home) == "0.1.0"
        and _version(venv, "jobpilot-ats-needsnew", home) is None
    )

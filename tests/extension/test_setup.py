"""``jobpilot setup`` from a clean home, ``jobpilot extension build`` (store-ready zips with
icons, the Firefox one passing web-ext lint) and the host wheel carrying the built extension."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from jobpilot_host import EXTENSION_ID, HOST_NAME

from .conftest import EXT_SRC, ROOT

EXE = str(Path(sys.executable).parent / "jobpilot")


def clean_env(home: Path) -> dict[str, str]:
    """A user who has never run JobPilot: a new HOME, no JOBPILOT_* variables."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JOBPILOT_", "XDG_"))}
    return {**env, "HOME": str(home)}


def run(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([EXE, *args], env=clean_env(home), capture_output=True, text=True, timeout=300)


def test_setup_from_a_clean_home_installs_host_and_extension(extension_dir: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    out = run(home, "setup")
    assert out.returncode == 0, out.stderr
    data = home / ".local/share/jobpilot"
    # the host for the browser found on this machine (Debian's chromium is on PATH)
    manifest_file = home / ".config/chromium/NativeMessagingHosts" / f"{HOST_NAME}.json"
    manifest = json.loads(manifest_file.read_text())
    assert manifest["allowed_origins"] == [f"chrome-extension://{EXTENSION_ID}/"]
    assert Path(manifest["path"]) == data / "host/jobpilot-host" and os.access(manifest["path"], os.X_OK)
    # the extension as a folder to load and as zips
    unpacked = data / "extension/chromium"
    assert json.loads((unpacked / "manifest.json").read_text())["key"]
    assert (unpacked / "icons/icon-128.png").read_bytes().startswith(b"\x89PNG")
    for target in ("chromium", "firefox"):
        with zipfile.ZipFile(data / f"extension/jobpilot-{target}.zip") as zf:
            assert "manifest.json" in zf.namelist() and "icons/icon-48.png" in zf.namelist()
    # and what to click next
    assert "Next:" in out.stdout and "Load unpacked" in out.stdout and str(unpacked) in out.stdout
    assert "Options" in out.stdout and "resume" in out.stdout


def test_setup_for_a_custom_profile_and_for_one_browser(extension_dir: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    udd = tmp_path / "my-chromium"
    out = run(home, "setup", "--user-data-dir", str(udd))
    assert out.returncode == 0, out.stderr
    assert (udd / "NativeMessagingHosts" / f"{HOST_NAME}.json").exists()
    assert not (home / ".config/chromium/NativeMessagingHosts").exists()  # only the one named
    ff = run(home, "setup", "--browser", "firefox")
    assert ff.returncode == 0, ff.stderr
    firefox = json.loads((home / ".mozilla/native-messaging-hosts" / f"{HOST_NAME}.json").read_text())
    assert firefox["allowed_extensions"] == ["jobpilot@jobpilot.dev"]
    assert "about:debugging" in ff.stdout and "jobpilot-firefox.zip" in ff.stdout
    bad = run(home, "setup", "--browser", "firefox", "--user-data-dir", str(udd))
    assert bad.returncode == 2 and "Chromium family only" in bad.stderr and "fix:" in bad.stderr
    nope = run(home, "setup", "--browser", "netscape")
    assert nope.returncode != 0 and "netscape" in nope.stderr


def test_extension_build_writes_store_ready_zips(extension_dir: Path, tmp_path: Path) -> None:
    out = run(tmp_path, "extension", "build", "--out", str(tmp_path / "zips"))
    assert out.returncode == 0, out.stderr
    version = json.loads((EXT_SRC / "package.json").read_text())["version"]
    zips = {p.name: p for p in (tmp_path / "zips").iterdir()}
    assert set(zips) == {f"jobpilot-{version}-chromium.zip", f"jobpilot-{version}-firefox.zip"}
    for name, path in zips.items():
        with zipfile.ZipFile(path) as zf:
            manifest = json.loads(zf.read("manifest.json"))
            assert manifest["icons"]["128"] == "icons/icon-128.png"
            assert {f"icons/icon-{n}.png" for n in (16, 32, 48, 128)} <= set(zf.namelist())
            assert ("key" in manifest) == ("chromium" in name)
    # the Firefox zip, as a store would receive it, passes web-ext lint
    unpacked = tmp_path / "firefox"
    with zipfile.ZipFile(zips[f"jobpilot-{version}-firefox.zip"]) as zf:
        zf.extractall(unpacked)
    if shutil.which("npx") is None:
        pytest.fail("npx is missing (./dev test installs node and npm)", pytrace=False)
    lint = subprocess.run(
        [
            "npx",
            "--no-install",
            "web-ext",
            "lint",
            "--source-dir",
            str(unpacked),
            "--self-hosted",
            "--output",
            "json",
        ],
        cwd=EXT_SRC,
        capture_output=True,
        text=True,
        timeout=180,
    )
    report = json.loads(lint.stdout[lint.stdout.index("{") :])
    assert report["summary"]["errors"] == 0, report["errors"]


def test_the_host_wheel_ships_the_built_extension(extension_dir: Path, tmp_path: Path) -> None:
    proc = subprocess.run(
        ["uv", "build", "-q", "--wheel", "-o", str(tmp_path), "host"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    (wheel,) = tmp_path.glob("jobpilot_host-*.whl")
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
    for target in ("chromium", "firefox"):
        assert f"jobpilot_host/extension/{target}/manifest.json" in names
        assert f"jobpilot_host/extension/{target}/background.js" in names
        assert f"jobpilot_host/extension/{target}/icons/icon-128.png" in names

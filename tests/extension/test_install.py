"""``jobpilot host install|uninstall|doctor``: manifests per browser family, the launcher,
and what doctor reports."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from jobpilot_host import EXTENSION_ID, GECKO_ID, HOST_NAME

from .conftest import jobpilot


@pytest.fixture
def home(tmp_path: Path) -> Path:
    (tmp_path / "jp").mkdir()
    return tmp_path / "jp"


def test_install_into_a_user_data_dir(home: Path, tmp_path: Path) -> None:
    udd = tmp_path / "profile"
    out = jobpilot(home, "host", "install", "--browser", "chromium", "--user-data-dir", str(udd))
    manifest_file = udd / "NativeMessagingHosts" / f"{HOST_NAME}.json"
    assert str(manifest_file) in out.stdout
    manifest = json.loads(manifest_file.read_text())
    assert manifest["name"] == HOST_NAME and manifest["type"] == "stdio"
    assert manifest["allowed_origins"] == [f"chrome-extension://{EXTENSION_ID}/"]  # trailing slash
    launcher = Path(manifest["path"])
    assert launcher.is_absolute() and os.access(launcher, os.X_OK)
    script = launcher.read_text()
    assert script.startswith("#!/bin/sh") and sys.executable in script and str(home) in script
    jobpilot(home, "host", "uninstall", "--user-data-dir", str(udd))
    assert not manifest_file.exists()
    again = jobpilot(home, "host", "uninstall", "--user-data-dir", str(udd))
    assert "nothing to remove" in again.stdout


@pytest.mark.parametrize(
    ("browser", "folder"),
    [
        ("chromium", ".config/chromium/NativeMessagingHosts"),
        ("chrome", ".config/google-chrome/NativeMessagingHosts"),
        ("edge", ".config/microsoft-edge/NativeMessagingHosts"),
        ("brave", ".config/BraveSoftware/Brave-Browser/NativeMessagingHosts"),
        ("firefox", ".mozilla/native-messaging-hosts"),
    ],
)
def test_per_user_folders(
    home: Path, tmp_path: Path, browser: str, folder: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jobpilot_host.install import install, uninstall

    fake_home = tmp_path / "user"
    monkeypatch.setenv("HOME", str(fake_home))
    monkeypatch.setenv("JOBPILOT_HOME", str(home))
    target = install(browser)
    assert target == fake_home / folder / f"{HOST_NAME}.json"
    manifest = json.loads(target.read_text())
    if browser == "firefox":
        assert manifest["allowed_extensions"] == [GECKO_ID] and "allowed_origins" not in manifest
    else:
        assert manifest["allowed_origins"] == [f"chrome-extension://{EXTENSION_ID}/"]
    assert uninstall(browser) == target and not target.exists()


def test_bad_input_is_refused_clearly(home: Path, tmp_path: Path) -> None:
    bad = jobpilot(
        home, "host", "install", "--extension-id", "not-an-id", "--user-data-dir", str(tmp_path), check=False
    )
    assert bad.returncode == 2 and "extension ID" in bad.stderr and "fix:" in bad.stderr
    ff = jobpilot(
        home, "host", "install", "--browser", "firefox", "--user-data-dir", str(tmp_path), check=False
    )
    assert ff.returncode == 2 and "Chromium family" in ff.stderr
    nope = jobpilot(home, "host", "install", "--browser", "netscape", check=False)
    assert nope.returncode != 0


def test_doctor_says_what_is_missing(jp_home: Path, tmp_path: Path) -> None:
    udd = tmp_path / "udd"
    missing = jobpilot(jp_home, "host", "doctor", "--user-data-dir", str(udd), check=False)
    assert missing.returncode == 1
    assert "FAIL manifest: missing" in missing.stdout and "jobpilot host install" in missing.stdout
    other = "a" * 32
    jobpilot(jp_home, "host", "install", "--user-data-dir", str(udd), "--extension-id", other)
    mismatch = jobpilot(jp_home, "host", "doctor", "--user-data-dir", str(udd), check=False)
    assert (
        mismatch.returncode == 1
        and "FAIL extension id" in mismatch.stdout
        and EXTENSION_ID in mismatch.stdout
    )
    jobpilot(jp_home, "host", "install", "--user-data-dir", str(udd))
    ok = jobpilot(jp_home, "host", "doctor", "--user-data-dir", str(udd), "--json", check=False)
    checks = {c["name"]: c for c in json.loads(ok.stdout)}
    assert ok.returncode == 0, ok.stdout
    assert checks["handshake"]["ok"] and "protocol 1" in checks["handshake"]["detail"]
    assert checks["profile"]["ok"]
    no_profile = jobpilot(
        jp_home, "host", "doctor", "--user-data-dir", str(udd), "--profile", "ghost", check=False
    )
    assert no_profile.returncode == 1 and "no profile named 'ghost'" in no_profile.stdout


def test_doctor_finds_a_broken_launcher(home: Path, tmp_path: Path) -> None:
    udd = tmp_path / "udd"
    jobpilot(home, "host", "install", "--user-data-dir", str(udd))
    launcher = Path(json.loads((udd / "NativeMessagingHosts" / f"{HOST_NAME}.json").read_text())["path"])
    launcher.chmod(0o644)
    out = jobpilot(home, "host", "doctor", "--user-data-dir", str(udd), check=False)
    assert "FAIL launcher: not executable" in out.stdout and f"chmod +x {launcher}" in out.stdout


def test_core_does_not_import_the_host_package() -> None:
    code = "import sys, jobpilot.cli.main; sys.exit('jobpilot_host' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_uninstall_removes_the_launcher_once_no_manifest_uses_it(home: Path, tmp_path: Path) -> None:
    """One launcher serves every browser the host is installed for, so it goes with the last
    manifest; the user's host.log, which install did not write, stays."""
    first, second = tmp_path / "udd1", tmp_path / "udd2"
    jobpilot(home, "host", "install", "--user-data-dir", str(first))
    jobpilot(home, "host", "install", "--user-data-dir", str(second))
    launcher = Path(json.loads((first / "NativeMessagingHosts" / f"{HOST_NAME}.json").read_text())["path"])
    log = launcher.with_name("host.log")
    log.write_text("a line the host logged\n")
    out = jobpilot(home, "host", "uninstall", "--user-data-dir", str(first))
    assert launcher.exists() and "kept" in out.stdout  # udd2's manifest still points at it
    out = jobpilot(home, "host", "uninstall", "--user-data-dir", str(second))
    assert f"removed {launcher}" in out.stdout
    assert not launcher.exists() and not (second / "NativeMessagingHosts" / f"{HOST_NAME}.json").exists()
    assert log.read_text() == "a line the host logged\n"
    assert sorted(p.name for p in launcher.parent.iterdir()) == ["host.log"]


def test_uninstall_leaves_a_launcher_install_did_not_write(home: Path, tmp_path: Path) -> None:
    """Only what install wrote is removed: a script the user put at the launcher's path stays."""
    udd = tmp_path / "udd"
    jobpilot(home, "host", "install", "--user-data-dir", str(udd))
    launcher = Path(json.loads((udd / "NativeMessagingHosts" / f"{HOST_NAME}.json").read_text())["path"])
    launcher.write_text("#!/bin/sh\n# my own wrapper\nexec python -m jobpilot_host\n")
    jobpilot(home, "host", "uninstall", "--user-data-dir", str(udd))
    assert launcher.read_text().startswith("#!/bin/sh\n# my own wrapper")

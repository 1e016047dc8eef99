"""Installing the host for a browser: a launcher script and the host manifest.

The browser finds the host through a JSON manifest named ``com.jobpilot.host.json`` in its
per-user folder; ``path`` in it must be absolute and executable, so the installer writes a
small launcher (``<JOBPILOT_HOME>/host/jobpilot-host``) that pins this Python interpreter
and this data directory and appends the host's stderr to ``host.log`` beside it.

One manifest template per browser family: the Chromium family names the extension in
``allowed_origins`` (``chrome-extension://ID/``, trailing slash required), Firefox in
``allowed_extensions`` (the add-on ID).

Every manifest written is recorded in ``<JOBPILOT_HOME>/host/installs.json``, because one
launcher serves every browser the host is installed for: ``uninstall`` removes the
manifest, and the launcher (and the record) only once no recorded manifest still uses it.
Nothing else is removed (``host.log`` is the user's).
"""

from __future__ import annotations

import json
import os
import shlex
import stat
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jobpilot.errors import UsageError

from jobpilot_host import EXTENSION_ID, GECKO_ID, HOST_NAME

BROWSERS = ("chromium", "chrome", "edge", "brave", "firefox")

_LINUX = {
    "chromium": ".config/chromium",
    "chrome": ".config/google-chrome",
    "edge": ".config/microsoft-edge",
    "brave": ".config/BraveSoftware/Brave-Browser",
}
_MAC = {
    "chromium": "Library/Application Support/Chromium",
    "chrome": "Library/Application Support/Google/Chrome",
    "edge": "Library/Application Support/Microsoft Edge",
    "brave": "Library/Application Support/BraveSoftware/Brave-Browser",
}


def is_firefox(browser: str) -> bool:
    return browser == "firefox"


def manifest_dir(browser: str, *, user_data_dir: Path | None = None, home: Path | None = None) -> Path:
    """The folder the browser reads host manifests from, for the current user.

    With ``user_data_dir`` (a Chromium-family browser started with ``--user-data-dir``),
    that profile's ``NativeMessagingHosts`` folder: Chromium reads it instead of the
    per-user folder then.
    """
    if browser not in BROWSERS:
        raise UsageError(f"unknown browser {browser!r}", hint=f"use one of: {', '.join(BROWSERS)}")
    home = home or Path.home()
    if user_data_dir is not None:
        if is_firefox(browser):
            raise UsageError(
                "--user-data-dir applies to the Chromium family only",
                hint="Firefox reads ~/.mozilla/native-messaging-hosts for every profile",
            )
        return Path(user_data_dir).expanduser().resolve() / "NativeMessagingHosts"
    if sys.platform == "darwin":
        if is_firefox(browser):
            return home / "Library/Application Support/Mozilla/NativeMessagingHosts"
        return home / _MAC[browser] / "NativeMessagingHosts"
    if sys.platform.startswith("win"):
        raise UsageError(
            "installing on Windows needs a registry key, which this installer does not write yet",
            hint=f"register {HOST_NAME} under HKCU\\Software\\<browser>\\NativeMessagingHosts by hand",
        )
    if is_firefox(browser):
        return home / ".mozilla/native-messaging-hosts"
    return home / _LINUX[browser] / "NativeMessagingHosts"


def manifest_path(browser: str, *, user_data_dir: Path | None = None) -> Path:
    return manifest_dir(browser, user_data_dir=user_data_dir) / f"{HOST_NAME}.json"


def launcher_path() -> Path:
    from jobpilot.config import home

    return home() / "host" / "jobpilot-host"


LAUNCHER_MARK = "# Written by `jobpilot host install`: starts the JobPilot native-messaging host."
"""The launcher's second line: uninstall deletes a launcher only when it carries this mark."""


def installs_path() -> Path:
    """The record of the manifests ``install`` wrote (see the module docstring)."""
    from jobpilot.config import home

    return home() / "host" / "installs.json"


def _read_installs() -> list[str]:
    try:
        data = json.loads(installs_path().read_text("utf-8"))
    except (OSError, json.JSONDecodeError):
        return []
    items = data.get("manifests") if isinstance(data, dict) else None
    return [str(x) for x in items or [] if isinstance(x, str)]


def _write_installs(manifests: list[str]) -> None:
    path = installs_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps({"manifests": manifests}, indent=2) + "\n", "utf-8")
    tmp.replace(path)


def _uses_launcher(manifest: Path, launcher: Path) -> bool:
    try:
        data = json.loads(manifest.read_text("utf-8"))
    except (OSError, json.JSONDecodeError):
        return False
    return isinstance(data, dict) and data.get("path") == str(launcher)


def launcher_script(python: str, data_dir: Path) -> str:
    log = data_dir / "host" / "host.log"
    return (
        "#!/bin/sh\n"
        f"{LAUNCHER_MARK}\n"
        f"JOBPILOT_HOME={shlex.quote(str(data_dir))}\n"
        "export JOBPILOT_HOME\n"
        f'exec {shlex.quote(python)} -m jobpilot_host "$@" 2>>{shlex.quote(str(log))}\n'
    )


def write_launcher() -> Path:
    """Write (or refresh) the launcher for this interpreter and data directory."""
    from jobpilot.config import home

    path = launcher_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(launcher_script(sys.executable, home()), "utf-8")
    tmp.chmod(0o755)
    tmp.replace(path)
    return path


def host_manifest(browser: str, launcher: Path, *, extension_id: str | None = None) -> dict[str, Any]:
    """The manifest for one browser family."""
    manifest: dict[str, Any] = {
        "name": HOST_NAME,
        "description": "JobPilot: fills job applications in your browser with your profile",
        "path": str(launcher),
        "type": "stdio",
    }
    if is_firefox(browser):
        manifest["allowed_extensions"] = [extension_id or GECKO_ID]
    else:
        manifest["allowed_origins"] = [f"chrome-extension://{extension_id or EXTENSION_ID}/"]
    return manifest


def install(browser: str, *, extension_id: str | None = None, user_data_dir: Path | None = None) -> Path:
    """Write the launcher and the manifest; returns the manifest's path."""
    if extension_id is not None and not is_firefox(browser) and not _valid_chromium_id(extension_id):
        raise UsageError(
            f"{extension_id!r} is not a Chromium extension ID",
            hint="an ID is 32 letters a-p, as shown on chrome://extensions",
        )
    launcher = write_launcher()
    target = manifest_path(browser, user_data_dir=user_data_dir)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".tmp")
    tmp.write_text(
        json.dumps(host_manifest(browser, launcher, extension_id=extension_id), indent=2) + "\n", "utf-8"
    )
    tmp.replace(target)
    recorded = _read_installs()
    if str(target) not in recorded:
        _write_installs([*recorded, str(target)])
    return target


def uninstall(browser: str, *, user_data_dir: Path | None = None) -> Path | None:
    """Remove the manifest, then the launcher once no other installed manifest uses it.

    Returns the manifest's path, or None when there was none (the launcher is still cleaned
    up then, so a half-removed install can be finished).
    """
    target = manifest_path(browser, user_data_dir=user_data_dir)
    removed: Path | None = None
    if target.exists():
        target.unlink()
        removed = target
    remove_unused_launcher(forget=target)
    return removed


def remove_unused_launcher(*, forget: Path | None = None) -> Path | None:
    """Delete the launcher ``install`` wrote when no recorded manifest still points at it.

    ``forget`` is dropped from the record first. A launcher without :data:`LAUNCHER_MARK`
    (not written by ``install``) is left alone. Returns the removed launcher's path.
    """
    launcher = launcher_path()
    recorded = [m for m in _read_installs() if m != str(forget)]
    live = [m for m in recorded if _uses_launcher(Path(m), launcher)]
    if live:
        _write_installs(live)
        return None
    for browser in BROWSERS:  # installs from before the record existed
        try:
            if _uses_launcher(manifest_path(browser), launcher):
                return None
        except UsageError:  # no per-user folder on this platform
            continue
    installs_path().unlink(missing_ok=True)
    try:
        ours = LAUNCHER_MARK in launcher.read_text("utf-8").splitlines()[:2]
    except (OSError, UnicodeDecodeError):
        return None
    if not ours:
        return None
    launcher.unlink()
    return launcher


def _valid_chromium_id(ext_id: str) -> bool:
    return len(ext_id) == 32 and all("a" <= c <= "p" for c in ext_id)


# --- doctor ------------------------------------------------------------------------------


@dataclass
class Check:
    name: str
    ok: bool
    detail: str
    fix: str | None = None


def doctor(
    browser: str,
    *,
    extension_id: str | None = None,
    user_data_dir: Path | None = None,
    profile: str | None = None,
    handshake: bool = True,
) -> list[Check]:
    """Everything the browser needs to reach the host, checked in order."""
    checks: list[Check] = []
    fix_install = f"jobpilot host install --browser {browser}" + (
        f" --user-data-dir {shlex.quote(str(user_data_dir))}" if user_data_dir else ""
    )
    target = manifest_path(browser, user_data_dir=user_data_dir)
    if not target.exists():
        checks.append(Check("manifest", False, f"missing: {target}", fix_install))
        return checks + _profile_checks(profile)
    try:
        manifest = json.loads(target.read_text("utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        checks.append(Check("manifest", False, f"unreadable {target}: {exc}", fix_install))
        return checks + _profile_checks(profile)
    checks.append(Check("manifest", True, str(target)))
    if manifest.get("name") != HOST_NAME or manifest.get("type") != "stdio":
        checks.append(
            Check(
                "manifest name",
                False,
                f"name={manifest.get('name')!r} type={manifest.get('type')!r}",
                fix_install,
            )
        )
    exe = Path(str(manifest.get("path", "")))
    if not exe.is_absolute():
        checks.append(Check("launcher", False, f"path is not absolute: {exe}", fix_install))
    elif not exe.exists():
        checks.append(Check("launcher", False, f"missing: {exe}", fix_install))
    elif not os.access(exe, os.X_OK) or not exe.stat().st_mode & stat.S_IXUSR:
        checks.append(Check("launcher", False, f"not executable: {exe}", f"chmod +x {exe}"))
    else:
        checks.append(Check("launcher", True, str(exe)))
    if is_firefox(browser):
        want = extension_id or GECKO_ID
        have = manifest.get("allowed_extensions") or []
        key = "allowed_extensions"
    else:
        want = f"chrome-extension://{extension_id or EXTENSION_ID}/"
        have = manifest.get("allowed_origins") or []
        key = "allowed_origins"
    if want in have:
        checks.append(Check("extension id", True, f"{key} has {want}"))
    else:
        checks.append(
            Check(
                "extension id",
                False,
                f"{key} is {have}, the extension is {want}",
                fix_install + (f" --extension-id {extension_id}" if extension_id else ""),
            )
        )
    if handshake and all(c.ok for c in checks):
        checks.append(_handshake(exe))
    return checks + _profile_checks(profile)


def _profile_checks(profile: str | None) -> list[Check]:
    import asyncio

    from jobpilot.config import load_settings
    from jobpilot.storage import Database

    settings = load_settings()
    name = profile or settings.default_profile or "default"

    async def names() -> list[str]:
        async with Database(settings.database_url) as db:
            return await db.list_profiles()

    try:
        have = asyncio.run(names())
    except Exception as exc:  # a broken database is itself a finding
        return [Check("profile", False, f"cannot read the database: {exc}", None)]
    if name in have:
        return [Check("profile", True, f"{name!r} (of {', '.join(have)})")]
    return [
        Check(
            "profile",
            False,
            f"no profile named {name!r}" + (f" (there are: {', '.join(have)})" if have else ""),
            f"jobpilot profile import resume.json --answers answers.yaml --name {name}",
        )
    ]


def _handshake(exe: Path, *, timeout: float = 20.0) -> Check:
    """Start the host as the browser would and exchange ``hello``."""
    from jobpilot_host import framing

    try:
        proc = subprocess.Popen(
            [str(exe), f"chrome-extension://{EXTENSION_ID}/"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
    except OSError as exc:
        return Check(
            "handshake", False, f"cannot start {exe}: {exc}", f"jobpilot host install (then check {exe})"
        )
    t0 = time.perf_counter()
    try:
        assert proc.stdin is not None and proc.stdout is not None
        proc.stdin.write(framing.encode({"id": "doctor", "action": "hello", "payload": {}}))
        proc.stdin.flush()
        body = framing.read_frame(proc.stdout)  # type: ignore[arg-type]
        reply = json.loads(body or b"null")
    except Exception as exc:
        proc.kill()
        return Check(
            "handshake", False, f"no hello from the host: {exc}", f"see {exe.parent / 'host.log'}"
        )
    finally:
        if proc.stdin:
            proc.stdin.close()
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
    ms = (time.perf_counter() - t0) * 1000
    if isinstance(reply, dict) and reply.get("status") == "ok":
        data = reply.get("data") or {}
        return Check(
            "handshake",
            True,
            f"host {data.get('host_version')} protocol {data.get('protocol')} in {ms:.0f} ms",
        )
    return Check("handshake", False, f"unexpected reply {reply!r}", f"see {exe.parent / 'host.log'}")

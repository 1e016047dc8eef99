"""Everything a person needs to use JobPilot in their browser, in one step (``jobpilot setup``).

- the host for every browser found on the machine (or the one named; a browser started with
  ``--user-data-dir`` gets the manifest in that profile's ``NativeMessagingHosts/``);
- the built extension under the data folder, as a folder to "Load unpacked" and as zips
  (``<JOBPILOT_HOME>/extension/``);
- what to click next, per browser.

The built extension comes from the wheel (``jobpilot_host/extension/{chromium,firefox}``, put
there by ``host/hatch_build.py``), or, in a source checkout, from ``extension/dist`` (built
with npm when missing or older than its sources). ``jobpilot extension build --out DIR``
writes the store-ready zips (``jobpilot-<version>-chromium.zip``, ``...-firefox.zip``).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from jobpilot.errors import UsageError

from jobpilot_host.install import BROWSERS, install, is_firefox

TARGETS = ("chromium", "firefox")
PACKAGED = Path(__file__).parent / "extension"
"""Where the wheel carries the built extension."""
SOURCE = Path(__file__).resolve().parents[3] / "extension"
"""The extension's sources in a checkout (absent in an installed wheel)."""

_EXECUTABLES = {
    "chromium": ("chromium", "chromium-browser"),
    "chrome": ("google-chrome", "google-chrome-stable"),
    "edge": ("microsoft-edge", "microsoft-edge-stable"),
    "brave": ("brave-browser", "brave"),
    "firefox": ("firefox", "firefox-esr"),
}
_CONFIG = {
    "chromium": ".config/chromium",
    "chrome": ".config/google-chrome",
    "edge": ".config/microsoft-edge",
    "brave": ".config/BraveSoftware/Brave-Browser",
    "firefox": ".mozilla/firefox",
}


def browsers_found(home: Path | None = None) -> list[str]:
    """Browsers installed for this user: an executable on PATH or a profile folder."""
    home = home or Path.home()
    return [
        b
        for b in BROWSERS
        if any(shutil.which(exe) for exe in _EXECUTABLES[b]) or (home / _CONFIG[b]).is_dir()
    ]


# --- the built extension ------------------------------------------------------------------


def _stale(dist: Path) -> bool:
    if not (dist / "chromium/manifest.json").exists() or not (dist / "firefox/manifest.json").exists():
        return True
    built = (dist / "chromium/manifest.json").stat().st_mtime
    sources = [p for p in (SOURCE / "src").rglob("*") if p.is_file()]
    sources += [SOURCE / "build.mjs", SOURCE / "package.json", *(SOURCE / "icons").glob("*.png")]
    sources += list((SOURCE.parent / "core/src/jobpilot/dom/js").glob("*.js"))
    return any(p.stat().st_mtime > built for p in sources if p.exists())


def npm_build() -> Path:
    """Build ``extension/dist`` from the sources with npm (a checkout only)."""
    npm = shutil.which("npm")
    if npm is None:
        raise UsageError("building the extension needs node and npm", hint="apt-get install nodejs npm")
    if not (SOURCE / "node_modules/.bin/esbuild").exists():
        _run([npm, "ci", "--no-audit", "--no-fund"])
    _run([npm, "run", "build"])
    return SOURCE / "dist"


def _run(cmd: list[str]) -> None:
    proc = subprocess.run(cmd, cwd=SOURCE, capture_output=True, text=True)
    if proc.returncode != 0:
        raise UsageError(
            f"{' '.join(cmd[1:])} failed in {SOURCE}:\n{proc.stdout[-2000:]}{proc.stderr[-2000:]}",
            hint="fix the build error above, then run the command again",
        )


def built_extension(*, rebuild: bool = False) -> Path:
    """The folder holding ``chromium/`` and ``firefox/`` builds of the extension."""
    if (SOURCE / "package.json").exists():
        dist = SOURCE / "dist"
        return npm_build() if rebuild or _stale(dist) else dist
    if (PACKAGED / "chromium/manifest.json").exists():
        return PACKAGED
    raise UsageError(
        "this installation carries no built extension",
        hint="reinstall jobpilot-host from a wheel (uv tool install / pipx), or run from a checkout with npm",
    )


def zip_folder(folder: Path, target: Path) -> Path:
    """A store-ready zip: the manifest at the root, files in a stable order."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(path.relative_to(folder).as_posix(), date_time=(2020, 1, 1, 0, 0, 0))
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, path.read_bytes())
    tmp.replace(target)
    return target


def build_zips(out: Path, *, rebuild: bool = True) -> list[Path]:
    """``jobpilot extension build``: the Chromium and Firefox zips in ``out``."""
    dist = built_extension(rebuild=rebuild)
    version = json.loads((dist / "chromium/manifest.json").read_text("utf-8"))["version"]
    return [zip_folder(dist / t, out / f"jobpilot-{version}-{t}.zip") for t in TARGETS]


# --- setup ----------------------------------------------------------------------------------


@dataclass
class SetupResult:
    manifests: dict[str, Path] = field(default_factory=dict)
    extension: dict[str, Path] = field(default_factory=dict)
    """Per target, the unpacked folder; ``<target>.zip`` the zip."""
    next_steps: list[str] = field(default_factory=list)


def extension_home() -> Path:
    from jobpilot.config import home

    return home() / "extension"


def setup(*, browser: str | None = None, user_data_dir: Path | None = None) -> SetupResult:
    """Install the host and put the extension under the data folder; see the module doc."""
    if user_data_dir is not None and browser is not None and is_firefox(browser):
        raise UsageError(
            "--user-data-dir applies to the Chromium family only",
            hint="Firefox reads ~/.mozilla/native-messaging-hosts for every profile: drop --user-data-dir",
        )
    if browser is not None or user_data_dir is not None:
        chosen = [browser or "chromium"]
    else:
        chosen = browsers_found()
        if not chosen:
            raise UsageError(
                "no browser found (Chromium, Chrome, Edge, Brave or Firefox)",
                hint="install one, or name it: jobpilot setup --browser chrome",
            )
    result = SetupResult()
    dist = built_extension()
    target_dir = extension_home()
    for t in TARGETS:
        folder = target_dir / t
        tmp = target_dir / f".{t}.tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        shutil.copytree(dist / t, tmp)
        shutil.rmtree(folder, ignore_errors=True)
        tmp.replace(folder)
        result.extension[t] = folder
        result.extension[f"{t}.zip"] = zip_folder(folder, target_dir / f"jobpilot-{t}.zip")
    for b in chosen:
        result.manifests[b] = install(b, user_data_dir=user_data_dir)
    result.next_steps = next_steps(chosen, result.extension)
    return result


_PAGES = {"chromium": "chrome://extensions", "chrome": "chrome://extensions", "edge": "edge://extensions",
          "brave": "brave://extensions"}  # fmt: skip


def next_steps(browsers: list[str], ext: dict[str, Path]) -> list[str]:
    steps = []
    chromium_family = [b for b in browsers if not is_firefox(b)]
    if chromium_family:
        pages = sorted({_PAGES[b] for b in chromium_family})
        steps.append(
            f"{', '.join(b.capitalize() for b in chromium_family)}: open {' or '.join(pages)}, turn on "
            f"'Developer mode', click 'Load unpacked' and choose {ext['chromium']}"
        )
    if "firefox" in browsers:
        steps.append(
            "Firefox: open about:debugging#/runtime/this-firefox, click 'Load Temporary Add-on…' and "
            f"choose {ext['firefox.zip']} (a signed add-on from addons.mozilla.org stays installed)"
        )
    steps.append(
        "Then click the JobPilot icon in the toolbar and open Options to create your profile "
        "(start from your resume, PDF or DOCX), and check everything with: jobpilot host doctor"
    )
    return steps


__all__ = ["SetupResult", "browsers_found", "build_zips", "built_extension", "setup"]

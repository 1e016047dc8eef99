"""The extension build: one source, two manifests, the DOM layer unchanged and in order, a
fixed ID, and a Firefox build that passes ``web-ext lint``."""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from jobpilot.dom import SOURCES, source_paths
from jobpilot_host import EXTENSION_ID, GECKO_ID, HOST_NAME

from .conftest import EXT_SRC


def chromium_id(key_b64: str) -> str:
    digest = hashlib.sha256(base64.b64decode(key_b64)).hexdigest()[:32]
    return "".join(chr(ord("a") + int(c, 16)) for c in digest)


def test_manifests(extension_dir: Path) -> None:
    chromium = json.loads((extension_dir / "manifest.json").read_text())
    firefox = json.loads((EXT_SRC / "dist/firefox/manifest.json").read_text())
    assert chromium["manifest_version"] == firefox["manifest_version"] == 3
    assert chromium_id(chromium["key"]) == EXTENSION_ID
    assert chromium["background"] == {"service_worker": "background.js"}
    assert firefox["background"] == {"scripts": ["background.js"]} and "key" not in firefox
    assert firefox["browser_specific_settings"]["gecko"]["id"] == GECKO_ID
    for m in (chromium, firefox):
        assert "nativeMessaging" in m["permissions"]
        (cs,) = m["content_scripts"]
        assert cs["all_frames"] is True
        assert cs["js"] == [*(f"dom/{n}" for n in SOURCES), "content.js"]
    for path in source_paths():  # the shared DOM layer, byte for byte
        assert (extension_dir / "dom" / path.name).read_bytes() == path.read_bytes()
    bundle = (extension_dir / "background.js").read_text()
    assert HOST_NAME in bundle and "dom/util.js" in bundle


def test_firefox_build_passes_web_ext_lint(extension_dir: Path) -> None:
    if shutil.which("npx") is None:
        pytest.fail("npx is missing (./dev test installs node and npm)", pytrace=False)
    proc = subprocess.run(
        [
            "npx",
            "--no-install",
            "web-ext",
            "lint",
            "--source-dir",
            "dist/firefox",
            "--self-hosted",
            "--output",
            "json",
        ],
        cwd=EXT_SRC,
        capture_output=True,
        text=True,
        timeout=180,
    )
    report = json.loads(proc.stdout[proc.stdout.index("{") :])
    assert report["summary"]["errors"] == 0, report["errors"]
    assert report["summary"]["warnings"] == 0, report["warnings"]

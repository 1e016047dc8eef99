"""Helpers for the registry tests: a real registry server in a subprocess, the repository's
own plugin wheels built with ``uv build``, hand-made wheels for bad input, and the registry's
complete state (every row, every file) to prove a refused request changed nothing.

The server runs as ``jobpilot registry serve --port 0`` exactly as an operator would start it;
tests talk to it over loopback only.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import io
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

ROOT = Path(__file__).resolve().parents[2]
JOBPILOT = [sys.executable, "-m", "jobpilot.cli.main"]
STARTUP_TIMEOUT_S = 30.0


# --- the server -------------------------------------------------------------------------------


@dataclass
class Registry:
    """A running ``jobpilot registry serve`` and what it needs to be talked to."""

    data: Path
    database: str | None
    proc: subprocess.Popen[str] | None = None
    url: str = ""
    max_upload_mb: float = 2.0
    tokens: dict[str, str] = field(default_factory=dict)

    @property
    def simple(self) -> str:
        return self.url + "simple/"

    @property
    def legacy(self) -> str:
        return self.url + "legacy/"

    def start(self) -> Registry:
        cmd = [
            *JOBPILOT,
            "registry",
            "serve",
            "--port",
            "0",
            "--data",
            str(self.data),
            "--max-upload-mb",
            str(self.max_upload_mb),
        ]
        if self.database:
            cmd += ["--database", self.database]
        self.proc = subprocess.Popen(
            cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, start_new_session=True
        )
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()  # the one line printed when ready
        if not line.startswith("jobpilot registry listening on "):
            self.stop()
            raise RuntimeError(f"registry did not start: {line!r}")
        self.url = line.rsplit(" ", 1)[1].strip()
        return self

    def stop(self, *, hard: bool = False) -> None:
        if self.proc is None:
            return
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL if hard else signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.kill(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
        if self.proc.stdout:
            self.proc.stdout.close()
        self.proc = None

    def store(self):  # type: ignore[no-untyped-def]
        from jobpilot_registry.store import RegistryStore

        return RegistryStore(self.data, self.database)

    def state(self) -> dict[str, Any]:
        """Every row of every registry table and every file under the data directory."""

        async def go() -> dict[str, Any]:
            store = self.store()
            await store.open(sweep=False)
            try:
                return await store.dump()
            finally:
                await store.close()

        return asyncio.run(go())

    def token(self, user: str) -> str:
        if user not in self.tokens:

            async def go() -> str:
                store = self.store()
                await store.open(sweep=False)
                try:
                    return await store.create_token(user)
                finally:
                    await store.close()

            self.tokens[user] = asyncio.run(go())
        return self.tokens[user]


def start_registry(data: Path, database: str | None = None, **kw: Any) -> Registry:
    return Registry(data=data, database=database, **kw).start()


# --- a fresh virtualenv that sees only third-party packages ----------------------------------


def clean_env(**extra: str) -> dict[str, str]:
    """No index or config of the machine's leaks in: pip and uv see only what we pass."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PIP_", "UV_", "JOBPILOT_", "VIRTUAL_ENV", "PYTHON")) or k == "UV_CACHE_DIR"
    }
    env.update({"PIP_CONFIG_FILE": os.devnull, "PIP_DISABLE_PIP_VERSION_CHECK": "1", **extra})
    return env


def fresh_venv(base: Path) -> Path:
    """A ``python -m venv`` under ``base`` that sees the workspace's third-party packages (a
    ``.pth`` naming a folder of links to them) but none of the ``jobpilot*`` distributions:
    pip counts the third-party ones as installed, so nothing is downloaded, and JobPilot
    itself must be installed into it for real."""
    site = Path(next(p for p in sys.path if p.endswith("site-packages") and Path(p).is_dir()))
    third_party = base / "third-party"
    third_party.mkdir()
    for entry in site.iterdir():
        name = entry.name
        if name.startswith(("jobpilot", "_editable_impl_", "_virtualenv", "__pycache__")) or name.endswith(
            ".pth"
        ):
            continue
        (third_party / name).symlink_to(entry)
    env_dir = base / "env"
    subprocess.run([sys.executable, "-m", "venv", str(env_dir)], check=True, env=clean_env())
    venv_site = next((env_dir / "lib").glob("python3*/site-packages"))
    (venv_site / "_workspace_third_party.pth").write_text(str(third_party) + "\n")
    return env_dir


# --- building the repository's own wheels ------------------------------------------------------


# --- hand-made wheels and raw uploads ----------------------------------------------------------

PLUGIN_TOML = """name = "{ep}"
ats = "{ats}"
description = "Demo adapter for tests"
hooks = ["detect_ats"]
url_patterns = ["*://jobs.{ats}.example/*"]
"""

WHEEL = b"Wheel-Version: 1.0\nGenerator: tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
INIT_PY = '''"""Demo plugin made by the registry tests."""
from jobpilot import hookimpl


@hookimpl
def detect_ats(url, snapshot):
    return None
'''


def make_wheel(
    directory: Path,
    name: str = "jobpilot-ats-demo",
    version: str = "1.0",
    *,
    ep: str | None = "",
    ats: str = "demo",
    plugin_toml: str | None = None,
    metadata_name: str | None = None,
    metadata_version: str | None = None,
    filename: str | None = None,
    extra: dict[str, bytes] | None = None,
    requires_python: str = ">=3.11",
    requires: str = "jobpilot-core>=0.1",
    summary: str = "A demo plugin made by the tests",
) -> Path:
    """A real, installable wheel of a tiny JobPilot plugin (or a broken one, on request).

    Its plugin (entry point) name is ``ep``, by default the project name without
    ``jobpilot-ats-`` (``jobpilot-ats-demo`` -> ``demo``): the registry gives a plugin name to
    one project, so different projects get different names unless a test means otherwise."""
    if ep == "":
        ep = name.lower().removeprefix("jobpilot-ats-")
    module = name.lower().replace("-", "_").replace(".", "_")
    dist_name = module
    dist_info = f"{dist_name}-{version}.dist-info"
    metadata = (
        "Metadata-Version: 2.1\n"
        f"Name: {metadata_name or name}\n"
        f"Version: {metadata_version or version}\n"
        f"Summary: {summary}\n"
        f"Requires-Python: {requires_python}\n" + (f"Requires-Dist: {requires}\n" if requires else "") + "\n"
    )
    files: dict[str, bytes] = {
        f"{module}/__init__.py": INIT_PY.encode(),
        f"{dist_info}/METADATA": metadata.encode("utf-8", "surrogateescape"),  # lone bytes on request
        f"{dist_info}/WHEEL": WHEEL,
    }
    if ep is not None:
        files[f"{dist_info}/entry_points.txt"] = f"[jobpilot]\n{ep} = {module}\n".encode()
    toml = plugin_toml if plugin_toml is not None else PLUGIN_TOML.format(ep=ep or "demo", ats=ats)
    if toml:
        files[f"{module}/plugin.toml"] = toml.encode()
    files.update(extra or {})
    record = []
    for path, data in files.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        record.append(f"{path},sha256={digest},{len(data)}")
    record.append(f"{dist_info}/RECORD,,")
    files[f"{dist_info}/RECORD"] = ("\n".join(record) + "\n").encode()
    out = directory / (filename or f"{dist_name}-{version}-py3-none-any.whl")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for path, data in files.items():
            zf.writestr(path, data)
    out.write_bytes(buf.getvalue())
    return out


def upload(
    reg: Registry,
    path: Path | None,
    *,
    token: str | None = None,
    user: str = "__token__",
    filename: str | None = None,
    content: bytes | None = None,
    fields: dict[str, str] | None = None,
    drop: tuple[str, ...] = (),
) -> requests.Response:
    """A twine-shaped upload (the same multipart fields twine sends), adjustable for bad input."""
    data = content if content is not None else (path.read_bytes() if path else b"")
    fname = filename or (path.name if path else "x.whl")
    name, version = "", ""
    if path is not None and path.name.endswith(".whl"):
        name, version = path.name.split("-")[:2]
    form = {
        ":action": "file_upload",
        "protocol_version": "1",
        "metadata_version": "2.1",
        "name": name.replace("_", "-"),
        "version": version,
        "filetype": "bdist_wheel",
        "pyversion": "py3",
        "sha256_digest": hashlib.sha256(data).hexdigest(),
        "md5_digest": hashlib.md5(data).hexdigest(),
    }
    form.update(fields or {})
    for key in drop:
        form.pop(key, None)
    auth = (user, token) if token is not None else None
    return requests.post(
        reg.legacy,
        data=form,
        files={"content": (fname, data, "application/octet-stream")},
        auth=auth,
        timeout=30,
    )


def twine_upload(reg: Registry, token: str, *paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "twine",
            "upload",
            "--non-interactive",
            "--disable-progress-bar",
            "--repository-url",
            reg.legacy,
            "-u",
            "__token__",
            "-p",
            token,
            *map(str, paths),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env={
            **os.environ,
            "TWINE_NON_INTERACTIVE": "1",
            "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
        },
    )


def wait_for(predicate: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError("condition not met in time")


def which_chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")

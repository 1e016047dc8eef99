"""Fixtures for the registry tests (helpers in ``helpers.py``, loaded by path because tests/
is no package): a registry server in a subprocess, the repository's own wheels, hand-made
wheels."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest


def _load_helpers(name: str = "jobpilot_registry_tests", file: str = "helpers.py"):  # type: ignore[no-untyped-def]
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name(file))
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


h = _load_helpers()
_load_helpers("jobpilot_registry_fuzzing", "fuzzing.py")
ROOT = h.ROOT


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A registry on SQLite with files under a temporary directory, for one test module."""
    reg = h.start_registry(tmp_path_factory.mktemp("registry"))
    try:
        yield reg
    finally:
        reg.stop()


@pytest.fixture(scope="session")
def pg_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One real PostgreSQL (the pgserver wheel) for the registry tests of the session; each
    user makes its own database in it."""
    try:
        import pgserver
    except ImportError as exc:  # pragma: no cover - a broken environment
        pytest.fail(
            f"the PostgreSQL registry tests need the pgserver wheel ({exc}): run uv sync", pytrace=False
        )
    server = pgserver.get_server(tmp_path_factory.mktemp("pg"), cleanup_mode="stop")
    try:
        yield server
    finally:
        server.cleanup()


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The lever, greenhouse and generic plugin wheels, lever's sdist and the core wheel, built with
    ``uv build`` (in parallel) from this checkout."""
    out = tmp_path_factory.mktemp("dist")
    jobs = {
        "lever": (["--wheel", "plugins/ats/lever"], "lever"),
        "lever-sdist": (["--sdist", "plugins/ats/lever"], "lever-sdist"),
        "greenhouse": (["--wheel", "plugins/ats/greenhouse"], "greenhouse"),
        "core": (["--wheel", "core"], "core"),
        "generic": (["--wheel", "plugins/ats/generic"], "generic"),
    }
    procs = {
        key: subprocess.Popen(
            ["uv", "build", "-q", *args, "-o", str(out / sub)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for key, (args, sub) in jobs.items()
    }
    for key, proc in procs.items():
        output, _ = proc.communicate(timeout=180)
        assert proc.returncode == 0, f"uv build {key} failed:\n{output}"
    found = {
        key: next(p for p in (out / sub).iterdir() if p.name.endswith((".whl", ".tar.gz")))
        for key, (_, sub) in jobs.items()
    }
    return found


@pytest.fixture
def wheel_factory(tmp_path: Path) -> Callable[..., Path]:
    def make(*args: Any, **kw: Any) -> Path:
        return h.make_wheel(tmp_path, *args, **kw)

    return make

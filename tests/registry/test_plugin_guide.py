"""docs/plugin-guide.md, executed: a contributor who has only the guide scaffolds an adapter,
develops it installed with ``-e``, writes its mapping and tests, runs them (real Chromium),
builds it, uploads it with twine, and installs it from the registry as users do.

Every block the guide marks as a step (``<!-- step -->`` before a shell block, ``<!-- step:
file PATH -->`` before a file's content, ``<!-- step: set PATH -->`` before assignments that
replace the same names in PATH) runs in order, in a fresh virtualenv that has nothing of
JobPilot until the guide's step 0 installs it from the registry (which the operator filled
with ``jobpilot registry publish``). ``$REGISTRY`` is the test registry and ``$TOKEN`` a
publisher's token. Offline: pip's index is the registry, and builds use the backend the venv
already sees (hatchling), as ``test_publish_install.py`` explains.
"""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from jobpilot_registry_tests import JOBPILOT, ROOT, Registry, clean_env, fresh_venv

GUIDE = ROOT / "docs" / "plugin-guide.md"
MARKER = re.compile(r"^\s*<!-- step(?::\s*(?P<what>file|set)\s+(?P<path>\S+))?\s*-->\s*$")
FENCE = re.compile(r"^(?P<indent>\s*)```(?P<lang>\w*)\s*$")


@dataclass
class Step:
    kind: str
    """``run`` (a shell block), ``file`` (write the block to ``path``) or ``set``."""
    body: str
    path: str = ""
    line: int = 0


def guide_steps(text: str) -> list[Step]:
    """The marked blocks of the guide, in order."""
    lines = text.splitlines()
    steps: list[Step] = []
    i = 0
    while i < len(lines):
        m = MARKER.match(lines[i])
        if not m:
            i += 1
            continue
        j = i + 1
        while j < len(lines) and not FENCE.match(lines[j]):
            assert not lines[j].strip() or lines[j].strip().startswith("<!--"), (
                f"line {j + 1}: text after a step"
            )
            j += 1
        fence = FENCE.match(lines[j])
        assert fence, f"line {i + 1}: a step marker without a code block"
        k = j + 1
        while not lines[k].strip().startswith("```"):
            k += 1
        body = textwrap.dedent("\n".join(lines[j + 1 : k])) + "\n"
        steps.append(Step(m["what"] or "run", body, m["path"] or "", i + 1))
        i = k + 1
    return steps


def set_names(path: Path, snippet: str) -> None:
    """Replace each top-level ``NAME = ...`` of ``path`` by the snippet's assignment of NAME."""
    source = path.read_text("utf-8")
    lines = source.splitlines(keepends=True)
    new = {
        node.targets[0].id: ast.get_source_segment(snippet, node)
        for node in ast.parse(snippet).body
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name)
    }
    assert new, "a 'set' step holds assignments"
    for node in sorted(ast.parse(source).body, key=lambda n: -n.lineno):
        target = node.targets[0] if isinstance(node, ast.Assign) else getattr(node, "target", None)
        if isinstance(target, ast.Name) and target.id in new:
            end = node.end_lineno or node.lineno
            lines[node.lineno - 1 : end] = [str(new.pop(target.id)) + "\n"]
    assert not new, f"{path} has no top-level {sorted(new)} to replace"
    path.write_text("".join(lines), "utf-8")


@pytest.fixture(scope="module")
def registry_with_jobpilot(registry: Registry, built: dict[str, Path]) -> Registry:
    """The registry as an operator prepares it: JobPilot's core and the generic mapper."""
    res = subprocess.run(
        [
            *JOBPILOT,
            "registry",
            "publish",
            str(built["core"]),
            str(built["generic"]),
            "--data",
            str(registry.data),
        ],
        capture_output=True,
        text=True,
    )
    assert res.returncode == 0, res.stderr
    return registry


def test_the_plugin_guide_end_to_end(
    registry_with_jobpilot: Registry, tmp_path_factory: pytest.TempPathFactory
) -> None:
    registry = registry_with_jobpilot
    steps = guide_steps(GUIDE.read_text("utf-8"))
    assert [s.kind for s in steps].count("run") >= 6 and any(s.kind == "file" for s in steps)

    venv = fresh_venv(tmp_path_factory.mktemp("guide-venv"))
    work = tmp_path_factory.mktemp("guide-work")
    home = tmp_path_factory.mktemp("guide-home")
    token = registry.token("ada")
    env = clean_env(
        JOBPILOT_HOME=str(home),
        REGISTRY=registry.url.rstrip("/"),
        TOKEN=token,
        PATH=f"{venv / 'bin'}{os.pathsep}{os.environ['PATH']}",
        VIRTUAL_ENV=str(venv),
        PIP_INDEX_URL=registry.simple,  # "your usual index", offline
        PIP_NO_BUILD_ISOLATION="0",  # build with the hatchling the venv sees
        PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring",
        TWINE_NON_INTERACTIVE="1",
    )
    cwd = work
    outputs: list[str] = []
    for step in steps:
        where = f"docs/plugin-guide.md line {step.line}"
        if step.kind == "file":
            target = cwd / step.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(step.body, "utf-8")
            continue
        if step.kind == "set":
            set_names(cwd / step.path, step.body)
            continue
        cwd_file = work / ".cwd"
        script = f"set -euo pipefail\ncd {str(cwd)!r}\n{step.body}\npwd > {str(cwd_file)!r}\n"
        res = subprocess.run(["bash", "-c", script], capture_output=True, text=True, env=env, timeout=600)
        assert res.returncode == 0, (
            f"{where}:\n{step.body}\n--- stdout\n{res.stdout[-3000:]}\n--- stderr\n{res.stderr[-3000:]}"
        )
        outputs.append(res.stdout + res.stderr)
        cwd = Path(cwd_file.read_text().strip())

    def venv_json(*args: str) -> Any:
        res = subprocess.run(
            [str(venv / "bin" / args[0]), *args[1:]], capture_output=True, text=True, env=env
        )
        assert res.returncode == 0, res.stderr
        return json.loads(res.stdout)

    # Where the guide leaves the contributor: the plugin published, and installed from the
    # registry (not the source folder), loaded, detecting and mapping Kestrel Hire's page.
    plugins = {p["name"]: p for p in venv_json("jobpilot", "plugins", "list", "--json")}
    assert (
        plugins["kestrel"]["status"] == "loaded"
        and plugins["kestrel"]["distribution"] == "jobpilot-ats-kestrel"
    )
    where = subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import jobpilot_ats_kestrel as m; print(m.__file__)"],
        capture_output=True,
        text=True,
        env=env,
    ).stdout.strip()
    assert where.startswith(str(venv)) and "site-packages" in where, where
    found = venv_json("jobpilot", "plugins", "search", "--ats", "kestrel", "--json")
    assert [p["project"] for p in found] == ["jobpilot-ats-kestrel"]
    inspected = venv_json(
        "jobpilot",
        "inspect",
        str(cwd / "tests/pages/apply.html"),
        "--url",
        "https://fjordvik.kestrelhire.example/jobs/4471/apply",
        "--json",
    )
    assert inspected["ats"]["name"] == "kestrel"
    keys = {f["name"]: f["key"] for f in inspected["fields"]}
    assert keys["candidate[email]"] == "email" and keys["answers[902]"] == "requires_sponsorship"
    assert keys["answers[901]"] == "question"
    assert "passed" in "".join(outputs)

"""Plugin loading: error boundary, allow-list, trace, metadata — against real entry points.

Throwaway distributions are written as ``*.dist-info`` folders on a temporary path and the
CLI runs in a subprocess with that path, exactly as an installed plugin would be found.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from jobpilot import urlpatterns


def make_dist(root: Path, dist: str, ep_name: str, module: str, source: str, toml: str = "") -> None:
    info = root / f"{dist.replace('-', '_')}-0.3.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: 0.3.0\n")
    (info / "entry_points.txt").write_text(f"[jobpilot]\n{ep_name} = {module}\n")
    pkg = root / module
    pkg.mkdir()
    (pkg / "__init__.py").write_text(source)
    if toml:
        (pkg / "plugin.toml").write_text(toml)


def run_cli(path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "PYTHONPATH": str(path), **env}
    if "JOBPILOT_LOAD_PLUGINS" not in env:
        full_env.pop("JOBPILOT_LOAD_PLUGINS", None)
    return subprocess.run(
        [sys.executable, "-m", "jobpilot.cli.main", *args],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=60,
    )


@pytest.fixture
def plugin_path(tmp_path: Path) -> Path:
    make_dist(tmp_path, "jobpilot-broken", "broken", "jp_broken", "raise ImportError('no such thing')\n")
    make_dist(
        tmp_path,
        "jobpilot-acme",
        "acme",
        "jp_acme",
        "from jobpilot import hookimpl\nfrom jobpilot.models import Detection\n"
        "@hookimpl\ndef detect_ats(url, snapshot):\n"
        "    return Detection(ats='acme', confidence=0.99) if 'acme' in url else None\n",
        'name = "acme"\nats = "acme"\nhooks = ["detect_ats"]\nurl_patterns = ["*://*.acme.test/*"]\n',
    )
    make_dist(
        tmp_path,
        "jobpilot-shaky",
        "shaky",
        "jp_shaky",
        "from jobpilot import hookimpl\n"
        "@hookimpl\ndef detect_ats(url, snapshot):\n    raise RuntimeError('shaky detector')\n"
        "class Flow:\n    ats = 'shaky'\n    async def apply_steps(self, ctx):\n        return None\n"
        "@hookimpl\ndef register_flows(register):\n    register(Flow())\n",
        'name = "shaky"\nhooks = ["detect_ats", "register_flows"]\n',
    )
    make_dist(
        tmp_path,
        "jobpilot-sloppy",
        "sloppy",
        "jp_sloppy",
        "from jobpilot import hookimpl\n"
        "class Solver:\n    name = 'sloppy'\n"
        "    def solve_captcha(self, page, challenge):\n        return None\n"
        "@hookimpl\ndef register_captcha_solvers(register):\n    register(Solver())\n",
        'name = "sloppy"\nhooks = ["register_captcha_solvers"]\n',
    )
    make_dist(
        tmp_path,
        "jobpilot-liar",
        "liar",
        "jp_liar",
        "from jobpilot import hookimpl\n@hookimpl\ndef detect_ats(url, snapshot):\n    return None\n",
        'name = "liar"\nhooks = ["detect_ats", "map_fields"]\nurl_patterns = ["<all_urls>"]\n',
    )
    return tmp_path


def test_broken_plugin_is_reported_and_others_work(plugin_path: Path) -> None:
    proc = run_cli(plugin_path, "plugins", "list", "--json")
    assert proc.returncode == 0, proc.stderr
    infos = {i["name"]: i for i in json.loads(proc.stdout)}
    assert infos["broken"]["status"] == "failed"
    assert "ImportError: no such thing" in infos["broken"]["error"]
    assert infos["acme"]["status"] == "loaded"
    assert infos["acme"]["version"] == "0.3.0"
    assert infos["acme"]["url_patterns"] == ["*://*.acme.test/*"]
    assert infos["acme"]["hooks"] == ["detect_ats"]
    assert infos["generic"]["status"] == "loaded"
    # plugin.toml declaring a hook the module lacks: refused with the reason.
    assert infos["liar"]["status"] == "failed" and "map_fields" in infos["liar"]["error"]
    # A provider that does not satisfy its protocol (a solver whose method is not async):
    # refused when the plugin loads, with the reason; a well-formed one loads.
    assert infos["sloppy"]["status"] == "failed"
    assert "register_captcha_solvers" in infos["sloppy"]["error"]
    assert "Solver.solve_captcha must be `async def`" in infos["sloppy"]["error"]
    assert infos["shaky"]["status"] == "loaded"
    text = run_cli(plugin_path, "plugins", "list", COLUMNS="400")
    assert "sloppy" in text.stdout and "must be `async def`" in " ".join(text.stdout.split())


def test_allow_list_and_disable(plugin_path: Path) -> None:
    proc = run_cli(plugin_path, "plugins", "list", "--json", JOBPILOT_LOAD_PLUGINS="acme")
    infos = {i["name"]: i["status"] for i in json.loads(proc.stdout)}
    assert infos["acme"] == "loaded"
    assert infos["broken"] == "not-allowed" and infos["generic"] == "not-allowed"
    proc = run_cli(plugin_path, "plugins", "list", "--json", JOBPILOT_DISABLE_PLUGINS="acme")
    infos = {i["name"]: i["status"] for i in json.loads(proc.stdout)}
    assert infos["acme"] == "disabled"


def test_trace_prints_every_hook_call(plugin_path: Path) -> None:
    code = (
        "from jobpilot.plugins import load\n"
        "pm = load()\n"
        "print(pm.detect('https://jobs.acme.test/x', None).ats)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(plugin_path), "JOBPILOT_TRACE_PLUGINS": "1"}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert proc.stdout.strip() == "acme"
    assert "[jobpilot trace] detect_ats -> acme" in proc.stderr
    assert "[jobpilot trace] detect_ats -> builtin.ats_hosts" in proc.stderr
    # A call that raises is traced too, with the failure, and so are provider hooks.
    code = "from jobpilot.plugins import load\npm = load()\npm.detect('https://x.test/', None)\n"
    code += "print(len(pm.providers('register_flows')))\n"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stderr
    assert "[jobpilot trace] detect_ats -> shaky" in proc.stderr and "failed: RuntimeError" in proc.stderr
    assert "[jobpilot trace] register_flows -> shaky" in proc.stderr and "1 provider)" in proc.stderr


@pytest.mark.parametrize(
    ("pattern", "url", "expected"),
    [
        ("<all_urls>", "https://anything.test/x", True),
        ("*://*.greenhouse.io/*", "https://job-boards.greenhouse.io/acme/jobs/1", True),
        ("*://*.greenhouse.io/*", "https://greenhouse.io/", True),
        ("*://*.greenhouse.io/*", "https://evilgreenhouse.io/", False),
        ("*://jobs.lever.co/*", "https://jobs.lever.co/acme/1/apply", True),
        ("*://jobs.lever.co/*", "https://clever.com/jobs.lever.co/", False),
        ("https://x.test/apply*", "http://x.test/apply", False),
        ("*://x.test/a/*", "https://x.test/a/b?c=1", True),
    ],
)
def test_url_patterns(pattern: str, url: str, expected: bool) -> None:
    assert urlpatterns.matches(pattern, url) is expected


def test_bad_url_pattern_is_explained() -> None:
    with pytest.raises(urlpatterns.BadPattern, match="expected scheme://host/path"):
        urlpatterns.validate("greenhouse.io")


# --- distribution names: never the PyPI name "jobpilot" (an unrelated project) ----------------

ROOT = Path(__file__).resolve().parents[1]
TAKEN_ON_PYPI = {"jobpilot"}
"""Names on PyPI that belong to someone else: requiring one would install a stranger's code
(dependency confusion). The core is ``jobpilot-core``; the import name stays ``jobpilot``."""


def _workspace_pyprojects() -> list[Path]:
    skip = {".venv", "node_modules", ".git"}
    return sorted(
        p
        for p in ROOT.rglob("pyproject.toml")
        if not skip & set(p.relative_to(ROOT).parts) and "dist" not in p.relative_to(ROOT).parts
    )


def test_no_distribution_requires_a_name_someone_else_owns_on_pypi() -> None:
    import tomllib

    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    checked = 0
    sources = [*_workspace_pyprojects(), ROOT / "core/src/jobpilot/scaffold/ats/pyproject.toml.tmpl"]
    for path in sources:
        text = path.read_text("utf-8").replace("{{", "x").replace("}}", "x")
        project = tomllib.loads(text).get("project", {})
        if not project:
            continue
        assert canonicalize_name(project["name"]) not in TAKEN_ON_PYPI, f"{path}: name {project['name']!r}"
        deps = list(project.get("dependencies", []))
        for extra in project.get("optional-dependencies", {}).values():
            deps += extra
        for dep in deps:
            name = canonicalize_name(Requirement(dep).name)
            assert name not in TAKEN_ON_PYPI, (
                f"{path.relative_to(ROOT)} requires {dep!r}: 'jobpilot' on PyPI is an unrelated project; "
                "require 'jobpilot-core' (the import name stays jobpilot)"
            )
            checked += 1
    assert checked > 10
    lock = tomllib.loads((ROOT / "uv.lock").read_text("utf-8"))
    locked = {canonicalize_name(p["name"]) for p in lock["package"]}
    assert "jobpilot-core" in locked and not locked & TAKEN_ON_PYPI


# --- the merge rule: a fallback mapping defers to a profile key another plugin knows ------------


def test_a_fallback_mapping_defers_to_a_profile_key_another_plugin_knows() -> None:
    from jobpilot import hookimpl
    from jobpilot.models import FieldMapping
    from jobpilot.models.snapshot import Field, FormSnapshot
    from jobpilot.plugins import PluginManager
    from jobpilot.vocabulary import FieldKey as K

    class General:
        """Knows that q1 asks for work authorisation; unsure about q3; nothing about q2."""

        @hookimpl
        def map_fields(self, snapshot: FormSnapshot, detection: object) -> list[FieldMapping]:
            return [
                FieldMapping(ref="q1", key=K.WORK_AUTHORIZED, confidence=0.9),
                FieldMapping(ref="q3", key=K.SALARY_EXPECTATION, confidence=0.5),
                FieldMapping(ref="q4", key=K.QUESTION, confidence=0.7),
            ]

    class Adapter:
        def __init__(self, fallback: bool) -> None:
            self.fallback = fallback

        @hookimpl
        def map_fields(self, snapshot: FormSnapshot, detection: object) -> list[FieldMapping]:
            return [
                FieldMapping(ref=r, key=K.QUESTION, confidence=0.95, fallback=self.fallback)
                for r in ("q1", "q2", "q3", "q4")
            ]

    snap = FormSnapshot(
        url="https://x.test/", fields=[Field(ref=r, tag="textarea") for r in ("q1", "q2", "q3", "q4")]
    )
    for fallback, q1 in ((True, (K.WORK_AUTHORIZED, "general")), (False, (K.QUESTION, "adapter"))):
        pm = PluginManager()
        pm.register(General(), name="general")
        pm.register(Adapter(fallback), name="adapter")
        merged = {ref: (m.key, m.plugin) for ref, m in pm.map_fields(snap, None).items()}
        assert merged["q1"] == q1  # without fallback, the more confident adapter wins as before
        assert merged["q2"] == (K.QUESTION, "adapter")  # nobody else has an opinion
        assert merged["q3"] == (K.QUESTION, "adapter")  # a guess under 0.6 knows no key
        assert merged["q4"] == (K.QUESTION, "adapter")


# --- docs/models.md: generated from the models ---------------------------------------------------


def test_the_model_reference_is_generated_from_the_models() -> None:
    """Regenerate with: uv run python -m jobpilot.testing.model_reference --write"""
    from jobpilot.testing import model_reference

    assert model_reference.main(["--check"]) == 0, "docs/models.md is stale: regenerate it (docstring)"
    text = (ROOT / "docs/models.md").read_text("utf-8")
    order, used = model_reference.collect()
    names = {m.__name__ for m in order}
    # The models the issue names, and every model a hook takes or returns, are on the page.
    assert {"FormSnapshot", "Field", "GroupMember", "Option", "Detection", "FieldMapping"} <= names
    assert {"CaptchaChallenge", "CaptchaSolution", "ContentRequest", "Job", "MatchScore", "Profile"} <= names
    assert {"FillPlan", "Action", "ActionResult", "FlowOutcome"} <= names
    for model in order:
        assert f"\n## {model.__name__}\n" in text
        for field in getattr(model, "model_fields", {}):
            assert f"| `{field}` |" in text, (model.__name__, field)
    assert "hook `map_fields`" in used[next(m for m in order if m.__name__ == "FieldMapping")]

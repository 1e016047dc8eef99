"""The distribution loads through its entry point with the hooks its plugin.toml declares."""

from __future__ import annotations

from jobpilot.plugins import PluginManager


def test_loads_and_registers_the_solver(monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("JOBPILOT_LOAD_PLUGINS", "twocaptcha")
    monkeypatch.setenv("JOBPILOT_HOME", str(tmp_path))
    pm = PluginManager()
    pm.load_entrypoints()
    info = pm.infos["twocaptcha"]
    assert info.status == "loaded", info.error
    assert info.hooks == ["register_captcha_solvers"]
    (solver,) = pm.providers("register_captcha_solvers")
    assert solver.name == "twocaptcha" and solver.api == "task"

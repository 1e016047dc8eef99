"""The distribution loads through its entry point with the hooks its plugin.toml declares."""

from __future__ import annotations

from jobpilot.plugins import PluginManager


def test_loads_and_registers_providers(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("JOBPILOT_LOAD_PLUGINS", "openai")
    pm = PluginManager()
    pm.load_entrypoints()
    info = pm.infos["openai"]
    assert info.status == "loaded", info.error
    assert info.hooks == ["register_content_generators", "register_embedders"]
    (gen,) = pm.providers("register_content_generators")
    assert gen.name == "openai" and gen.local is False
    (emb,) = pm.providers("register_embedders")
    assert emb.name == "openai"

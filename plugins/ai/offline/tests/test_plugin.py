"""The distribution loads through its entry point with the hooks its plugin.toml declares."""

from __future__ import annotations

from jobpilot.plugins import PluginManager


def test_loads_and_registers_providers(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("JOBPILOT_LOAD_PLUGINS", "offline")
    pm = PluginManager()
    pm.load_entrypoints()
    info = pm.infos["offline"]
    assert info.status == "loaded", info.error
    assert info.hooks == ["register_content_generators", "register_embedders", "score_match"]
    (gen,) = pm.providers("register_content_generators")
    (emb,) = pm.providers("register_embedders")
    assert (gen.name, gen.local, emb.name, emb.dimensions) == ("offline", True, "offline", 1024)

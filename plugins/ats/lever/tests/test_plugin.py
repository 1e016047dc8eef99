"""The plugin as JobPilot loads it: metadata, declared hooks, URL scope, the registered flow."""

from __future__ import annotations

from jobpilot.plugins import load
from jobpilot_ats_lever.flow import LeverFlow


def test_loads_with_its_declared_hooks_and_patterns() -> None:
    pm = load()
    info = pm.infos["lever"]
    assert info.status == "loaded", info.error
    assert info.ats == "lever"
    assert set(info.hooks) >= {"detect_ats", "map_fields", "register_flows"}
    assert info.url_patterns == ["*://jobs.lever.co/*", "*://jobs.eu.lever.co/*"]


def test_beats_the_host_table_on_lever_and_is_silent_elsewhere() -> None:
    pm = load()
    det = pm.detect("https://jobs.lever.co/acme/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d/apply", None)
    assert det is not None and det.plugin == "lever" and det.confidence > 0.8
    assert pm.detect("https://jobs.clever.com/acme/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", None) is None
    assert pm.detect("https://help.lever.co/hc/en-us", None) is None


def test_registers_the_lever_flow() -> None:
    flows = [f for f in load().providers("register_flows") if isinstance(f, LeverFlow)]
    assert len(flows) == 1 and flows[0].ats == "lever"

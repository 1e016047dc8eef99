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
    # Every page: a company's own domain can serve the Lever form with no Lever URL on it.
    assert info.url_patterns == ["<all_urls>"]


def test_beats_the_host_table_on_lever_and_is_silent_elsewhere() -> None:
    pm = load()
    det = pm.detect("https://jobs.lever.co/acme/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d/apply", None)
    assert det is not None and det.plugin == "lever" and det.confidence > 0.8
    assert pm.detect("https://jobs.clever.com/acme/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", None) is None
    assert pm.detect("https://help.lever.co/hc/en-us", None) is None


def test_registers_the_lever_flow() -> None:
    flows = [f for f in load().providers("register_flows") if isinstance(f, LeverFlow)]
    assert len(flows) == 1 and flows[0].ats == "lever"


def test_lever_form_on_a_company_domain_is_lever_through_the_manager() -> None:
    from jobpilot.models.snapshot import Field, FormSnapshot

    card = "cards[0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d]"
    snap = FormSnapshot(
        url="https://careers.acme.example/apply/rocket-engineer",
        fields=[
            Field(ref="f1", tag="input", type="text", name="name", attrs={"data-qa": "name-input"}),
            Field(ref="f2", tag="input", type="email", name="email", attrs={"data-qa": "email-input"}),
            Field(ref="f3", tag="input", type="file", name="resume", attrs={"data-qa": "input-resume"}),
            Field(ref="f4", tag="textarea", name=f"{card}[field0]"),
        ],
    )
    det = load().detect(snap.url, snap)
    assert det is not None and det.ats == "lever" and det.plugin == "lever" and det.confidence == 0.85

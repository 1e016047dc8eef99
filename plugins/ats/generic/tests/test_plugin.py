"""The plugin as the core sees it: metadata, registration, the hook's result shape."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import jobpilot_ats_generic
from jobpilot.models.mapping import FieldMapping
from jobpilot.models.snapshot import FormSnapshot
from jobpilot.plugins import PluginManager, read_metadata
from jobpilot_ats_generic import signals


def test_plugin_toml() -> None:
    meta = read_metadata(jobpilot_ats_generic)
    assert meta["name"] == "generic"
    assert meta["hooks"] == ["map_fields"]
    assert meta["url_patterns"] == ["<all_urls>"]
    assert "ats" not in meta
    path = Path(jobpilot_ats_generic.__file__).with_name("plugin.toml")
    assert tomllib.loads(path.read_text())["description"]


def test_hook_map_fields_through_plugin_manager(mk: Any) -> None:
    pm = PluginManager()
    pm.register(jobpilot_ats_generic, name="generic-under-test")
    try:
        snap = FormSnapshot(
            url="https://jobs.example.net/apply",
            fields=[mk("r1", label="Email", type="email"), mk("r2", label="Password",
                                                             type="password")],
        )
        merged = pm.map_fields(snap, None)
        assert merged["r1"].key.value == "email"
        assert merged["r1"].plugin == "generic-under-test"
        assert merged["r2"].key.value == "unknown"
    finally:
        pm.unregister("generic-under-test")
    assert "generic-under-test" not in pm.infos


def test_map_fields_returns_mappings_with_reasons(mk: Any) -> None:
    snap = FormSnapshot(url="https://x.example/apply", fields=[mk("a", label="City")])
    out = jobpilot_ats_generic.map_fields(snapshot=snap, detection=None)
    assert len(out) == 1 and isinstance(out[0], FieldMapping)
    assert out[0].reason and 0.0 <= out[0].confidence <= 1.0


def test_empty_page() -> None:
    assert jobpilot_ats_generic.map_fields(snapshot=FormSnapshot(url="about:blank"),
                                           detection=None) == []


def test_normalise_folds_accents_and_markers() -> None:
    assert signals.normalise("Prénom *") == "prenom"
    assert signals.normalise("E-Mail (required)") == "e mail"
    assert signals.normalise("Téléphone (obligatoire)") == "telephone"
    assert signals.normalise("Straße") == "strasse"


def test_tokens() -> None:
    assert signals.tokens("candidate[first_name]") == ["first", "name"]
    assert signals.tokens("cPhoneNumber") == ["phone", "number"]
    assert signals.tokens("urls[LinkedIn]") == ["urls", "linkedin"]
    assert signals.tokens("eeo[gender]") == ["eeo", "gender"]
    assert signals.tokens("cards[7b66a2be-276c-44d9][field0]") == ["field0"]
    assert signals.tokens("hp_7f2b") == ["hp"]
    assert signals.tokens("addressLine2") == ["address", "line2"]


def test_autocomplete_parsing(mk: Any) -> None:
    assert signals.autocomplete_key(mk(autocomplete="email")) is not None
    assert signals.autocomplete_key(mk(autocomplete="section-x billing postal-code"))[1] == (
        "postal-code")
    assert signals.autocomplete_key(mk(autocomplete="off")) is None
    assert signals.autocomplete_key(mk(autocomplete="nope")) is None

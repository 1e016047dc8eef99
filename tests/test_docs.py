"""The hook reference documents every hook with its exact signature."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest
from jobpilot import hookspecs
from jobpilot.plugins import hook_names

DOCS = Path(__file__).resolve().parents[1] / "docs" / "hooks.md"


def signature_line(name: str) -> str:
    sig = inspect.signature(getattr(hookspecs, name))
    params = ", ".join(f"{p.name}: {p.annotation}" for p in sig.parameters.values())
    return f"{name}({params}) -> {sig.return_annotation}"


def test_there_are_hooks() -> None:
    assert {"detect_ats", "map_fields", "register_flows", "detect_captcha"} <= set(hook_names())


@pytest.mark.parametrize("name", hook_names())
def test_hook_documented_with_exact_signature(name: str) -> None:
    text = DOCS.read_text("utf-8")
    assert f"### {name}\n" in text, f"docs/hooks.md has no section for {name}"
    assert signature_line(name) in text, f"docs/hooks.md lacks the signature {signature_line(name)}"


@pytest.mark.parametrize("name", hook_names())
def test_hook_has_a_docstring(name: str) -> None:
    assert (getattr(hookspecs, name).__doc__ or "").strip()

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


def _section(name: str) -> str:
    text = DOCS.read_text("utf-8")
    start = text.index(f"### {name}\n")
    nxt = [i for i in (text.find("\n### ", start + 1), text.find("\n## ", start + 1)) if i >= 0]
    return text[start : min(nxt) if nxt else len(text)]


@pytest.mark.parametrize("name", hook_names())
def test_hook_has_an_example(name: str) -> None:
    """Every hook's section shows an implementation a plugin author can copy."""
    section = _section(name)
    assert "```python" in section, f"docs/hooks.md: the {name} section has no python example"
    example = section.split("```python", 1)[1].split("```", 1)[0]
    assert "@hookimpl" in example and f"def {name}(" in example, f"the {name} example does not implement it"


def test_flow_protocol_matches_the_reference() -> None:
    """The flow methods the engine calls are the ones the reference documents."""
    from jobpilot.engine.flow import AfterSubmit, ApplyFlow

    assert list(inspect.signature(ApplyFlow.apply_steps).parameters) == ["self", "ctx"]
    assert list(inspect.signature(AfterSubmit.after_submit).parameters) == ["self", "ctx"]
    section = _section("register_flows")
    assert "async def apply_steps(ctx) -> FlowOutcome" in section
    assert "async def after_submit(ctx) -> FlowOutcome | None" in section
    assert "apply_steps(ctx)" in (hookspecs.register_flows.__doc__ or "")


def test_flow_context_is_documented_member_by_member() -> None:
    """Every member of the FlowContext a flow may use is in the hook reference."""
    from jobpilot.engine.flow import Credentials, FlowContext

    section = _section("register_flows")
    for proto in (FlowContext, Credentials):
        members = [n for n in vars(proto) if not n.startswith("_")]
        assert members, proto
        for name in members:
            assert f"`{name}" in section or f".{name}" in section, f"{proto.__name__}.{name} is undocumented"

"""Hand-built Workday-shaped fields and snapshots (invented labels and ids, no captured markup)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from jobpilot.models.snapshot import Button, Field, FormSnapshot, Option

AID = "data-automation-id"


def wd_field(
    ref: str,
    aid: str | None = None,
    *,
    wrapper: str | None = None,
    row: str | None = None,
    page: str | None = None,
    type: str = "text",
    tag: str = "input",
    **kw: Any,
) -> Field:
    """A control as Workday renders it: its automation id, its ``formField-`` wrapper, the
    row panel (``workExperience-2``) and the step page around it."""
    attrs = dict(kw.pop("attrs", {}))
    if aid:
        attrs[AID] = aid
    ancestors = []
    if wrapper is not None:
        ancestors.append({"tag": "div", AID: f"formField-{wrapper}"})
    if row:
        ancestors.append({"tag": "div", AID: row})
    if page:
        ancestors.append({"tag": "div", AID: page})
    options = kw.pop("options", None)
    if options is not None:
        kw["options"] = [o if isinstance(o, Option) else Option(value=o, text=o) for o in options]
    return Field(ref=ref, tag=tag, type=type, attrs=attrs, ancestors=ancestors, **kw)


def wd_button(ref: str, text: str, aid: str | None = None, **attrs: str) -> Button:
    a = {k.replace("_", "-"): v for k, v in attrs.items()}
    if aid:
        a[AID] = aid
    return Button(ref=ref, text=text, attrs=a)


def snap(
    *fields: Field, buttons: list[Button] | None = None, url: str = "", headings: list[str] | None = None
) -> FormSnapshot:
    return FormSnapshot(
        url=url or "https://acme.wd5.myworkdayjobs.com/en-US/Careers/job/Austin-TX/Analyst_R-1/apply",
        fields=list(fields),
        buttons=buttons or [],
        headings=headings or [],
    )


@pytest.fixture
def wd() -> SimpleNamespace:
    """The builders above: ``wd.field(...)``, ``wd.button(...)``, ``wd.snap(...)``."""
    return SimpleNamespace(field=wd_field, button=wd_button, snap=snap)

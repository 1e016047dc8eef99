"""Hand-built iCIMS-shaped fields and snapshots (invented names and labels, no captured markup)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from jobpilot.models.snapshot import Button, Field, FormSnapshot, FrameInfo, Option

PORTAL = "https://careers-acme.icims.com/jobs/1234/analyst/candidate?in_iframe=1"


def ic_field(
    ref: str,
    name: str | None = None,
    *,
    type: str = "text",
    tag: str = "input",
    wrapper: str = "iCIMS_InfoData",
    **kw: Any,
) -> Field:
    """A control as an iCIMS portal renders it: its name, inside ``iCIMS_*`` wrappers."""
    options = kw.pop("options", None)
    if options is not None:
        kw["options"] = [o if isinstance(o, Option) else Option(value=o, text=o) for o in options]
    ancestors = [
        {"tag": "div", "class": wrapper},
        {"tag": "div", "class": "iCIMS_MainWrapper iCIMS_ProfilePage"},
    ]
    return Field(ref=ref, tag=tag, type=type, name=name, id=kw.pop("id", name), ancestors=ancestors, **kw)


def ic_button(ref: str, text: str, cls: str = "iCIMS_PrimaryButton", **kw: Any) -> Button:
    return Button(ref=ref, text=text, type=kw.pop("type", "submit"), attrs={"class": cls}, **kw)


def snap(
    *fields: Field,
    buttons: list[Button] | None = None,
    url: str = PORTAL,
    headings: list[str] | None = None,
    frames: list[FrameInfo] | None = None,
    **kw: Any,
) -> FormSnapshot:
    return FormSnapshot(
        url=url,
        fields=list(fields),
        buttons=buttons or [],
        headings=headings or [],
        frames=frames or [],
        **kw,
    )


@pytest.fixture
def ic() -> SimpleNamespace:
    """The builders above: ``ic.field(...)``, ``ic.button(...)``, ``ic.snap(...)``."""
    return SimpleNamespace(field=ic_field, button=ic_button, snap=snap)

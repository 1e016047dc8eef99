"""Hand-built SuccessFactors-shaped fields and snapshots (invented labels, no captured markup)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from jobpilot.models.snapshot import Button, Field, FormSnapshot

SITE = "https://career4.successfactors.com/career?company=acme&career_ns=job_application&career_job_req_id=55"


def ui5(ref: str, field_id: str, *, type: str = "text", suffix: str = "-inner", **kw: Any) -> Field:
    """A UI5 control of the application: view-prefixed id with SuccessFactors' field id."""
    return Field(ref=ref, tag=kw.pop("tag", "input"), type=type, id=f"__xmlview0--{field_id}{suffix}", **kw)


def classic(ref: str, fid: str, *, type: str = "text", **kw: Any) -> Field:
    return Field(ref=ref, tag=kw.pop("tag", "input"), type=type, id=fid, name=fid, **kw)


def button(ref: str, text: str, id: str | None = None, **attrs: str) -> Button:
    return Button(ref=ref, text=text, id=id, attrs={k.replace("_", "-"): v for k, v in attrs.items()})


def snap(*fields: Field, buttons: list[Button] | None = None, url: str = SITE, **kw: Any) -> FormSnapshot:
    return FormSnapshot(url=url, fields=list(fields), buttons=buttons or [], **kw)


@pytest.fixture
def sf() -> SimpleNamespace:
    return SimpleNamespace(ui5=ui5, classic=classic, button=button, snap=snap)

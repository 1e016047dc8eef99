"""The record of one application attempt: what was planned, done, and the evidence."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel
from pydantic import Field as PydField

from jobpilot.models.mapping import Detection
from jobpilot.models.plan import ActionResult, FillPlan

RunStatus = Literal["running", "filled", "needs_user", "submitted", "failed", "needs_verification"]


class Evidence(BaseModel):
    screenshots: list[str] = PydField(default_factory=list)
    final_snapshot: str | None = None
    """Path of the final snapshot JSON."""
    confirmation_text: str | None = None


class ApplicationRun(BaseModel):
    id: str
    url: str
    status: RunStatus = "running"
    detection: Detection | None = None
    plan: FillPlan | None = None
    results: list[ActionResult] = PydField(default_factory=list)
    submit_requested: bool = False
    submitted: bool = False
    error: str | None = None
    needs_user: list[str] = PydField(default_factory=list)
    """What only a person can do: a CAPTCHA, an email code, required fields left empty."""
    evidence: Evidence = PydField(default_factory=Evidence)
    timings: dict[str, float] = PydField(default_factory=dict)
    """Seconds per phase: load, detect, snapshot, map, plan, fill, upload, submit ..."""
    started_at: datetime = PydField(default_factory=datetime.now)
    finished_at: datetime | None = None

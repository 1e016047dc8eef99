"""Apply flows: what an ATS adapter provides when one page is not enough.

A flow is registered through ``register_flows`` and drives the page through the ATS's own
steps (Workday's wizard). It fills each step with the engine's ``fill_step`` so mapping,
planning, confidence rules and evidence stay the same on every step and in both transports.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, Protocol

if TYPE_CHECKING:
    from jobpilot.engine.apply import ApplyEngine
    from jobpilot.models.mapping import Detection
    from jobpilot.page import Page


@dataclass
class FlowOutcome:
    """Where a flow stopped: ready to submit (the engine submits if asked), submitted by the
    flow itself, or waiting for a person (``needs``)."""

    state: Literal["ready", "submitted", "needs_user", "failed"]
    needs: list[str] = field(default_factory=list)
    message: str = ""


class ApplyFlow(Protocol):
    ats: str

    async def apply_steps(self, page: Page, *, detection: Detection, engine: ApplyEngine) -> FlowOutcome: ...

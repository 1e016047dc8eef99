"""Pydantic models for everything that crosses a process or plugin boundary."""

from jobpilot.models.mapping import Detection, FieldMapping
from jobpilot.models.plan import Action, ActionResult, FileSpec, FillPlan, SkippedField
from jobpilot.models.profile import Profile
from jobpilot.models.run import ApplicationRun, Evidence
from jobpilot.models.snapshot import (
    Button,
    CaptchaWidget,
    Field,
    FormSnapshot,
    FrameInfo,
    GroupMember,
    Link,
    Option,
)

__all__ = [
    "Action",
    "ActionResult",
    "ApplicationRun",
    "Button",
    "CaptchaWidget",
    "Detection",
    "Evidence",
    "Field",
    "FieldMapping",
    "FileSpec",
    "FillPlan",
    "FormSnapshot",
    "FrameInfo",
    "GroupMember",
    "Link",
    "Option",
    "Profile",
    "SkippedField",
]

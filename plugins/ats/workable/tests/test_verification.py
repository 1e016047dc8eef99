"""After Submit: Workable's e-mailed code is asked of the person and typed, never guessed;
with nobody to ask the run stops for the person. A hand-made FlowContext and page stand in
for the engine and the browser (the flow only sees the FlowContext)."""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from typing import Any

from jobpilot.models.plan import ActionResult, FillPlan
from jobpilot.models.snapshot import Button, Field, FormSnapshot
from jobpilot_ats_workable.flow import WorkableFlow

URL = "https://apply.workable.com/brightfern/j/4C7D2E91AB/apply"
VERIFY_TEXT = (
    "Verify your email\nWe sent a 6-digit code to m***@example.org. Enter it to submit your application."
)
VERIFY = FormSnapshot(
    url=URL,
    fields=[
        Field(
            ref="c",
            tag="input",
            type="text",
            name="verification_code",
            attrs={"data-ui": "verification-code"},
        )
    ],
    buttons=[Button(ref="v", text="Verify", type="submit", attrs={"data-ui": "verify-button"})],
)


class Page:
    url = URL

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts

    async def wait_for(self, **_: Any) -> bool:
        return True

    async def text(self) -> str:
        return self.texts.pop(0) if len(self.texts) > 1 else self.texts[0]


class Ctx:
    """Just what ``after_submit`` uses of a FlowContext."""

    verify_timeout_ms = 5_000

    def __init__(self, texts: list[str], answer: str | None) -> None:
        self.page = Page(texts)
        self.answer = answer
        self.asked: list[str] = []
        self.applied: list[FillPlan] = []

    async def snapshot(self) -> FormSnapshot:
        return VERIFY

    async def ask(self, question: str) -> str | None:
        self.asked.append(question)
        return self.answer

    async def apply(self, plan: FillPlan) -> list[ActionResult]:
        self.applied.append(plan)
        return [ActionResult(ref=a.ref, ok=True) for a in plan.actions]

    def timed(self, phase: str) -> AbstractContextManager[None]:
        return nullcontext()


async def test_the_code_is_asked_and_typed_then_the_engine_reads_the_confirmation() -> None:
    ctx = Ctx([VERIFY_TEXT, "Thank you for applying!"], answer=" 042917 ")
    assert await WorkableFlow().after_submit(ctx) is None  # type: ignore[arg-type]
    (question,) = ctx.asked
    assert "m***@example.org" in question
    (plan,) = ctx.applied
    assert [(a.kind, a.ref, a.value) for a in plan.actions] == [("fill", "c", "042917"), ("click", "v", None)]


async def test_nobody_to_ask_leaves_it_to_the_person_and_types_nothing() -> None:
    ctx = Ctx([VERIFY_TEXT], answer=None)
    outcome = await WorkableFlow().after_submit(ctx)  # type: ignore[arg-type]
    assert outcome is not None and outcome.state == "needs_user"
    assert "code" in outcome.needs[0] and ctx.applied == []


async def test_a_refusal_goes_to_the_person() -> None:
    ctx = Ctx(["You have already applied for this job."], answer="1")
    page_without_code = FormSnapshot(url=URL)
    ctx.snapshot = lambda: _value(page_without_code)  # type: ignore[method-assign]
    outcome = await WorkableFlow().after_submit(ctx)  # type: ignore[arg-type]
    assert outcome is not None and outcome.state == "needs_user"
    assert outcome.needs == ["You have already applied for this job."] and ctx.asked == []


async def _value(snapshot: FormSnapshot) -> FormSnapshot:
    return snapshot

"""The run record while a fill happens: stored before anything is typed, updated as actions
land, one definition of the counts, and the plan shown is the plan typed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from jobpilot.engine import record
from jobpilot.engine.apply import ApplyEngine, ApplyOptions
from jobpilot.models.plan import Action, ActionResult, FillPlan, SkippedField
from jobpilot.models.profile import Profile
from jobpilot.models.run import ApplicationRun
from jobpilot.models.snapshot import Field, FormSnapshot
from jobpilot.plugins import PluginManager, load
from jobpilot.storage.db import Database


class Crash(Exception):
    """The process driving the page died (the host killed mid-fill)."""


class FormPage:
    """A page without a browser: a form, and a hook run while ``apply`` is under way."""

    url = "https://careers.example.test/apply"

    def __init__(self, labels: list[str]) -> None:
        self.snap = FormSnapshot(
            url=self.url,
            document_id="d1",
            fields=[
                Field(ref=f"e{i + 1}", tag="input", type="text", label=lab, name=f"f{i}", visible=True)
                for i, lab in enumerate(labels)
            ],
        )
        self.applied: list[Action] = []
        self.during_apply: Any = None
        self.refuse: set[str] = set()

    async def snapshot(self) -> FormSnapshot:
        return self.snap

    async def apply(self, actions: list[Action]) -> list[ActionResult]:
        if self.during_apply is not None:
            await self.during_apply()
        self.applied += actions
        return [
            ActionResult(
                ref=a.ref, ok=a.ref not in self.refuse, error="refused" if a.ref in self.refuse else None
            )
            for a in actions
        ]

    async def click(self, ref: str) -> None:
        pass

    async def wait_for(self, **_: Any) -> bool:
        return True

    async def text(self) -> str:
        return ""

    async def screenshot(self, path: str) -> str:
        return path


def _profile() -> Profile:
    return Profile.model_validate(
        {
            "basics": {"name": "Ada Lovelace", "email": "ada@example.org", "phone": "+44 20 7946 0000"},
            "application": {"answers": [{"question": "Favourite engine?", "answer": "The Analytical one"}]},
        }
    )


@pytest.fixture(scope="module")
def pm() -> PluginManager:
    return load()


@pytest.fixture
async def db(tmp_path: Path) -> Any:
    async with Database(f"sqlite+aiosqlite:///{tmp_path / 'jobpilot.db'}") as d:
        yield d


LABELS = ["First name", "Last name", "Email address", "Phone number", "Favourite engine?"]


async def test_the_run_is_stored_before_anything_is_typed_and_survives_a_crash(
    pm: PluginManager, db: Any
) -> None:
    page = FormPage(LABELS)
    engine = ApplyEngine(pm, _profile(), db=db, options=ApplyOptions(profile_name="ada"))
    seen: list[ApplicationRun | None] = []

    async def dies() -> None:
        assert engine.run_record is not None
        seen.append(await db.get_run(engine.run_record.id))
        raise Crash("killed")

    page.during_apply = dies
    with pytest.raises(Crash):
        await engine.run(page)
    (stored,) = seen
    assert stored is not None and stored.status == "running"
    assert {f.state for f in stored.fields} == {"pending"} and len(stored.fields) == 5
    assert stored.plan is not None and len(stored.plan.actions) == 5  # the plan, before typing
    after = await db.get_run(engine.run_record.id)
    assert after is not None and after.status == "failed" and "killed" in (after.error or "")
    assert after.counts().not_reached == 5 and after.counts().filled == 0
    (listed,) = await db.list_runs()
    assert listed.id == after.id


async def test_results_land_in_the_record_and_counts_have_one_definition(pm: PluginManager, db: Any) -> None:
    page = FormPage(LABELS)
    page.refuse = {"e4"}
    engine = ApplyEngine(pm, _profile(), db=db, options=ApplyOptions(profile_name="ada"))
    run = await engine.run(page)
    stored = await db.get_run(run.id)
    assert stored is not None
    states = {f.label: f.state for f in stored.fields}
    assert states == {
        "First name": "filled",
        "Last name": "filled",
        "Email address": "filled",
        "Phone number": "failed",
        "Favourite engine?": "filled",
    }
    c = stored.counts()
    assert (c.filled, c.review, c.left, c.failed, c.not_reached) == (4, 0, 1, 1, 0)
    # A record made before outcomes were kept counts the same from its plan and results.
    legacy = stored.model_copy(update={"fields": []})
    assert legacy.counts() == c


def test_counts_of_flagged_held_back_and_accepted_values() -> None:
    run = ApplicationRun(id="r", url="u")
    flagged = Action(
        kind="fill", ref="e2", value="Lyon", review=True, confidence=0.78, source="basics.location.city"
    )
    plan = FillPlan(
        url="u",
        actions=[Action(kind="fill", ref="e1", value="Ada"), flagged.model_copy(update={"ref": "e3"})],
        skipped=[
            SkippedField(ref="e2", reason="check this proposal", proposed=flagged),
            SkippedField(ref="e4", reason="no saved answer"),
        ],
    )
    record.begin_step(run, plan)
    record.land(run, [ActionResult(ref="e1", ok=True), ActionResult(ref="e3", ok=True)])
    c = run.counts()
    assert (c.filled, c.review, c.left) == (2, 1, 2)
    held = next(f for f in run.fields if f.ref == "e2")
    assert held.state == "left" and held.flagged and held.value == "Lyon"
    # the person accepts the proposal on the page: typed and checked by them
    assert record.accept(run, "e2", ActionResult(ref="e2", ok=True)) is not None
    c = run.counts()
    assert (c.filled, c.review, c.left) == (3, 1, 1)
    # a refused accept leaves it left; a ref of no field is not recorded
    assert record.accept(run, "e9", ActionResult(ref="e9", ok=True)) is None
    record.land(run, [ActionResult(ref="e4", ok=False, error="x")])
    assert next(f for f in run.fields if f.ref == "e4").state == "left"


def test_a_wizards_pages_reuse_refs_and_are_counted_apart() -> None:
    run = ApplicationRun(id="r", url="u")
    for _ in range(2):  # two documents, both starting at e1
        record.begin_step(run, FillPlan(url="u", actions=[Action(kind="fill", ref="e1", value="x")]))
        record.land(run, [ActionResult(ref="e1", ok=True)])
    assert run.counts().filled == 2


async def test_the_fill_types_the_plan_that_was_shown(pm: PluginManager) -> None:
    page = FormPage(LABELS)
    engine = ApplyEngine(pm, _profile())
    shown = await engine.preview(page)
    assert [a.value for a in shown.plan.actions][:2] == ["Ada", "Lovelace"]
    # Whatever the plan shown says is what is typed (here: a value no fresh plan would give).
    shown.plan.actions[0].value = "Ada (as shown)"
    run_engine = ApplyEngine(pm, _profile(), options=ApplyOptions(shown=shown))
    await run_engine.run(page)
    assert run_engine.used_shown and page.applied[0].value == "Ada (as shown)"


async def test_a_changed_form_is_planned_again(pm: PluginManager) -> None:
    page = FormPage(LABELS)
    shown = await ApplyEngine(pm, _profile()).preview(page)
    shown.plan.actions[0].value = "stale"
    changed = FormPage(["Given name", *LABELS[1:]])
    engine = ApplyEngine(pm, _profile(), options=ApplyOptions(shown=shown))
    await engine.run(changed)
    assert not engine.used_shown and changed.applied[0].value == "Ada"
    # typing into the form does not change it: the values are not part of its identity
    typed = FormPage(LABELS)
    typed.snap.fields[0].value = "Someone typed here"
    engine = ApplyEngine(pm, _profile(), options=ApplyOptions(shown=shown))
    await engine.run(typed)
    assert engine.used_shown


async def test_on_step_sees_the_stored_run_before_the_actions(pm: PluginManager, db: Any) -> None:
    page = FormPage(LABELS)
    order: list[str] = []

    async def on_step(run: ApplicationRun, plan: FillPlan) -> None:
        order.append(f"step:{len(plan.actions)}")
        assert (await db.get_run(run.id)) is not None

    async def applying() -> None:
        order.append("apply")

    page.during_apply = applying
    engine = ApplyEngine(pm, _profile(), db=db, options=ApplyOptions(on_step=on_step))
    await engine.run(page)
    assert order == ["step:5", "apply"]

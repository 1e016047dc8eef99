"""The flow API: what a flow gets (FlowContext), and the candidate-account store with its lease."""

from __future__ import annotations

import ast
import asyncio
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from jobpilot.engine.apply import ApplyEngine, EngineFlowContext
from jobpilot.engine.flow import Credentials, FlowContext, FlowOutcome
from jobpilot.errors import AccountLeaseError
from jobpilot.models.mapping import Detection
from jobpilot.models.plan import Action, ActionResult, FillPlan
from jobpilot.models.profile import Profile
from jobpilot.models.snapshot import Field, FormSnapshot
from jobpilot.plugins import PluginManager
from jobpilot.storage import Database
from jobpilot.storage.credentials import CredentialStore, SiteCredential

ROOT = Path(__file__).resolve().parents[1]


def _imports(path: Path) -> set[str]:
    """Every module a file imports, TYPE_CHECKING blocks included."""
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
        elif isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
    return out


def test_flow_module_does_not_import_the_engine() -> None:
    assert "jobpilot.engine.apply" not in _imports(ROOT / "core/src/jobpilot/engine/flow.py")


@pytest.mark.parametrize("ats", ["greenhouse", "lever", "workday", "ashby"])
def test_adapters_program_against_the_flow_api_only(ats: str) -> None:
    """No adapter module reaches the engine (not even for type checking) or the storage
    layer's database: the FlowContext is all they get."""
    src = ROOT / "plugins" / "ats" / ats / "src"
    for path in src.rglob("*.py"):
        mods = _imports(path)
        assert "jobpilot.engine.apply" not in mods, path
        assert "jobpilot.storage" not in mods and "jobpilot.storage.db" not in mods, path
        text = path.read_text("utf-8")
        assert "engine." not in text.replace("jobpilot.engine.", ""), f"{path} reaches into an engine"


class FakePage:
    """A page that records what it is asked to do (no browser: this is about the context)."""

    url = "https://acme.example/apply"

    def __init__(self) -> None:
        self.applied: list[Action] = []
        self.snap = FormSnapshot(
            url=self.url,
            fields=[
                Field(ref="f1", tag="input", type="text", label="First name", visible=True),
                Field(ref="f2", tag="input", type="text", label="Favourite colour", visible=True),
            ],
        )

    async def snapshot(self) -> FormSnapshot:
        return self.snap

    async def apply(self, actions: list[Action]) -> list[ActionResult]:
        self.applied += actions
        return [ActionResult(ref=a.ref or "", ok=True) for a in actions]

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
            "basics": {"name": "Ada Lovelace", "email": "ada@example.org"},
            "application": {"answers": [{"question": "Favourite colour", "answer": "Teal"}]},
        }
    )


async def test_engine_context_satisfies_the_protocol_and_records_what_it_applies() -> None:
    asked: list[str] = []

    async def ask(q: str) -> str | None:
        asked.append(q)
        return "42"

    pm = PluginManager()
    engine = ApplyEngine(pm, _profile())
    engine.options.ask = ask
    page = FakePage()
    ctx = engine.context(page, Detection(ats="acme", confidence=1.0))
    assert isinstance(ctx, FlowContext) and isinstance(ctx, EngineFlowContext)
    assert isinstance(ctx.credentials, Credentials)
    assert ctx.page is page and ctx.detection.ats == "acme" and ctx.profile.basics.email == "ada@example.org"
    assert await ctx.ask("code?") == "42" and asked == ["code?"]
    hit = ctx.saved_answer(page.snap.fields[1])
    assert hit is not None and hit.value == "Teal"
    assert ctx.filled() == []

    from jobpilot.models.run import ApplicationRun

    engine.run_record = ApplicationRun(id="r1", url=page.url)
    plan = FillPlan(url=page.url, actions=[Action(kind="fill", ref="f1", value="Ada", source="basics.name")])
    results = await ctx.apply(plan)
    assert [r.ok for r in results] == [True] and [a.ref for a in page.applied] == ["f1"]
    (pair,) = ctx.filled()
    assert pair[0].value == "Ada" and pair[1] is not None and pair[1].ok
    with ctx.timed("phase"):
        await asyncio.sleep(0)
    assert "phase" in engine.run_record.timings
    assert await ctx.screenshot("x") is None  # evidence is off


async def test_nobody_to_ask_answers_none() -> None:
    ctx = ApplyEngine(PluginManager(), _profile()).context(FakePage(), Detection(ats="a", confidence=1))
    assert await ctx.ask("anyone?") is None


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[CredentialStore]:
    async with Database(f"sqlite+aiosqlite:///{tmp_path / 'jobpilot.db'}") as db:
        yield CredentialStore(db, lock_dir=tmp_path / "locks")


async def test_lease_lets_one_of_two_racing_runs_create_the_account(store: CredentialStore) -> None:
    created: list[str] = []

    async def run(name: str) -> None:
        async with store.lease(ats="workday", tenant="acme", email="ada@example.org"):
            if await store.get(ats="workday", tenant="acme", email="ada@example.org") is None:
                await asyncio.sleep(0.05)  # creating the account on the site
                await store.put(
                    SiteCredential(ats="workday", tenant="acme", email="ada@example.org", password=name)
                )
                created.append(name)

    await asyncio.gather(run("a"), run("b"))
    assert len(created) == 1
    got = await store.get(ats="workday", tenant="acme", email="ada@example.org")
    assert got is not None and got.password == created[0]


async def test_lease_is_per_tenant_and_email(store: CredentialStore) -> None:
    async with (
        store.lease(ats="workday", tenant="acme", email="ada@example.org"),
        store.lease(ats="workday", tenant="other", email="ada@example.org", wait_s=0.2),
        store.lease(ats="workday", tenant="acme", email="bob@example.org", wait_s=0.2),
    ):
        pass


async def test_lease_held_by_another_process_is_refused_after_the_wait(tmp_path: Path) -> None:
    locks = tmp_path / "locks"
    holder = (
        "import asyncio, sys\n"
        "from pathlib import Path\n"
        "from jobpilot.storage.credentials import CredentialStore\n"
        "async def main():\n"
        f"    s = CredentialStore(None, lock_dir=Path({str(locks)!r}))\n"
        "    async with s.lease(ats='workday', tenant='acme', email='ada@example.org'):\n"
        "        print('held', flush=True)\n"
        "        sys.stdin.readline()\n"
        "asyncio.run(main())\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", holder], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
        other = CredentialStore(None, lock_dir=locks)
        with pytest.raises(AccountLeaseError, match="held this site account"):
            async with other.lease(ats="workday", tenant="acme", email="ada@example.org", wait_s=0.3):
                pass
    finally:
        assert proc.stdin is not None
        proc.stdin.close()
        proc.wait(timeout=30)
    # Released with the process: the next run gets it at once.
    async with CredentialStore(None, lock_dir=locks).lease(
        ats="workday", tenant="acme", email="ada@example.org", wait_s=5
    ):
        pass


async def test_a_flow_runs_with_a_hand_made_context() -> None:
    """A flow depends only on the protocol, so its author can test it without an engine."""
    import jobpilot_ats_workday.flow as wd

    outcome = await wd.WorkdayFlow().after_submit(_StubContext())  # type: ignore[arg-type]
    assert outcome == FlowOutcome(state="submitted", message="Thank you for applying")


class _StubContext:
    class _Page(FakePage):
        async def text(self) -> str:
            return "Thank you for applying"

    page = _Page()

"""The flow API: what an ATS adapter's flow receives and returns.

A flow is registered through ``register_flows`` and drives the page through the ATS's own
steps (Workday's wizard, Greenhouse's e-mailed code after the click). It gets one small
object, :class:`FlowContext`: the page, the detection, the applicant's profile (read only),
and the engine's pieces a flow may use: snapshot, map, plan, apply (recorded with the run),
fill a whole step, ask the person, solve a CAPTCHA, the candidate-account store and the
evidence (timings, screenshots). It never gets the engine itself, so the engine can change
without breaking adapters, and a flow can be tested with a hand-made context.

The engine (``jobpilot.engine.apply``) implements the context; this module does not import
it. Everything here is a protocol or plain data, cheap to import from an adapter.
"""

from __future__ import annotations

from collections.abc import Collection
from contextlib import AbstractAsyncContextManager, AbstractContextManager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, Protocol, runtime_checkable

if TYPE_CHECKING:
    from jobpilot.accounts import SiteCredential
    from jobpilot.engine.values import Resolved
    from jobpilot.models.mapping import Detection, FieldMapping
    from jobpilot.models.plan import Action, ActionResult, FillPlan
    from jobpilot.models.profile import Profile
    from jobpilot.models.providers import CaptchaChallenge
    from jobpilot.models.snapshot import Field, FormSnapshot
    from jobpilot.page import Page


@dataclass
class FlowOutcome:
    """Where a flow stopped: ready to submit (the engine submits if asked), submitted by the
    flow itself, or waiting for a person (``needs``)."""

    state: Literal["ready", "submitted", "needs_user", "failed"]
    needs: list[str] = field(default_factory=list)
    message: str = ""


@dataclass
class StepResult:
    """One filled step: the snapshot it was planned from (or the one after its uploads),
    the plan, and one result per executed action."""

    snapshot: FormSnapshot
    plan: FillPlan
    results: list[ActionResult] = field(default_factory=list)


@runtime_checkable
class Credentials(Protocol):
    """Candidate accounts a flow creates on an ATS tenant (Workday and the like), one per
    (ATS, tenant, e-mail), stored encrypted.

    The desktop implementation is ``jobpilot.storage.credentials.CredentialStore`` (the
    person's own database); the fleet provides one on the fleet database so every worker
    can use an account another worker made. ``lease`` is what keeps two runs from creating
    two accounts for the same tenant and e-mail: hold it from ``get`` until the account is
    stored as active (or the attempt is given up).
    """

    async def get(self, *, ats: str, tenant: str, email: str) -> SiteCredential | None:
        """The stored account, or None."""
        ...

    async def put(self, credential: SiteCredential) -> None:
        """Insert or replace the account (store it *before* creating it on the site)."""
        ...

    async def delete(self, *, ats: str, tenant: str, email: str) -> bool:
        """Forget the account; True when one was stored."""
        ...

    def lease(self, *, ats: str, tenant: str, email: str) -> AbstractAsyncContextManager[None]:
        """Exclusive use of this (ATS, tenant, e-mail) across runs, processes (and, in the
        fleet, machines) while the ``async with`` block runs. Raises
        ``jobpilot.errors.AccountLeaseError`` when it cannot be had in reasonable time."""
        ...


@runtime_checkable
class FlowContext(Protocol):
    """What a flow gets from the engine for one application (``apply_steps(ctx)``,
    ``after_submit(ctx)``). Everything it fills through ``apply``/``fill_step`` is recorded
    with the run like any page, under the same confidence rules."""

    @property
    def page(self) -> Page:
        """The page being applied on (either transport). ``page.apply`` executes actions
        without recording them: use it only for what must not enter the record (passwords)."""
        ...

    @property
    def detection(self) -> Detection:
        """The detection that chose this flow."""
        ...

    @property
    def initial_snapshot(self) -> FormSnapshot | None:
        """In ``apply_steps``: the snapshot the engine detected the ATS on, taken right before
        it, i.e. the page as it is until the flow does something (use it instead of a first
        ``snapshot()``: in the extension every snapshot is a round trip to the user's tab).
        None in ``after_submit``."""
        ...

    @property
    def profile(self) -> Profile:
        """The applicant (read it; never change it)."""
        ...

    @property
    def credentials(self) -> Credentials:
        """Candidate accounts per ATS tenant (see :class:`Credentials`)."""
        ...

    @property
    def verify_timeout_ms(self) -> int:
        """How long to wait for the site's answer after a submit click."""
        ...

    async def snapshot(self) -> FormSnapshot:
        """The page's current form state (``page.snapshot()``)."""
        ...

    def map(self, snapshot: FormSnapshot) -> dict[str, FieldMapping]:
        """Every plugin's mapping of ``snapshot``'s fields, merged by confidence."""
        ...

    def captchas(self, snapshot: FormSnapshot) -> list[CaptchaChallenge]:
        """The CAPTCHA judges' verdicts on ``snapshot`` (each marked ``blocking`` or not)."""
        ...

    def saved_answer(self, field: Field) -> Resolved | None:
        """The applicant's own saved answer to the question ``field`` asks, if any."""
        ...

    async def plan(
        self, snapshot: FormSnapshot, mappings: dict[str, FieldMapping], *, generate: bool = True
    ) -> FillPlan:
        """Plan ``snapshot``'s fields as the engine would (values, option choice,
        thresholds, reasons). ``generate``: custom questions and a cover letter without a
        saved answer are first asked of the content provider (the disclosure log records it)."""
        ...

    async def apply(self, plan: FillPlan) -> list[ActionResult]:
        """Execute ``plan`` on the page and record it (plan, skipped fields, results) with
        the run; one result per action."""
        ...

    async def fill_step(self, *, leave: Collection[str] = ()) -> StepResult:
        """Snapshot, map, plan and fill the current page (one wizard step or a whole form),
        uploads last with a re-check after them. ``leave``: refs the flow fills itself."""
        ...

    async def reconcile(self, step: StepResult) -> list[ActionResult]:
        """Check a filled step again and put back what the page changed since (a resume
        parser answering late)."""
        ...

    def filled(self) -> list[tuple[Action, ActionResult | None]]:
        """Every recorded action so far with its latest result (None when it has none)."""
        ...

    async def solve_captcha(self, challenge: CaptchaChallenge) -> bool:
        """Hand a blocking challenge to the solver the person opted into, else to the person
        at the browser; False when nobody solved it (return ``needs_user``)."""
        ...

    async def ask(self, question: str) -> str | None:
        """Ask the person (an e-mailed code, a password); None when nobody can answer now."""
        ...

    def timed(self, phase: str) -> AbstractContextManager[None]:
        """``with ctx.timed("options"):`` adds the block's duration to the run's timings."""
        ...

    async def screenshot(self, name: str) -> str | None:
        """Save a screenshot into the run's evidence; its path, None when evidence is off."""
        ...

    def note(self, message: str) -> None:
        """A progress line for the person (CLI output, extension popup)."""
        ...


@runtime_checkable
class ApplyFlow(Protocol):
    """A registered flow: ``ats`` is the slug it handles."""

    ats: str

    async def apply_steps(self, ctx: FlowContext) -> FlowOutcome:
        """Fill the application up to its last page; ``ready`` lets the engine submit."""
        ...


@runtime_checkable
class AfterSubmit(Protocol):
    """Optional second method of a flow, called right after the engine's submit click."""

    async def after_submit(self, ctx: FlowContext) -> FlowOutcome | None:
        """What the ATS shows after the click; None lets the engine read the confirmation."""
        ...


__all__ = ["AfterSubmit", "ApplyFlow", "Credentials", "FlowContext", "FlowOutcome", "StepResult"]

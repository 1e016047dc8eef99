"""iCIMS's login step and candidate account, kept encrypted per portal.

An iCIMS application starts with the e-mail (and, where the customer asks, the acceptance of
its privacy notice). A new e-mail goes straight on to the candidate profile, which then asks
for a password to create the account with; an e-mail that already has an account on this
portal is asked for its password first. Accounts belong to one portal (``careers-acme``), so
JobPilot keeps one per portal and e-mail in the credential store: a generated strong
password, stored *before* the profile that creates the account is sent (a crash in between
never loses it) and marked active once the portal moved on. A run holds the store's lease on
(portal, e-mail) from the e-mail step until then, so two runs never create two accounts.

An account JobPilot does not know (made by hand) is the person's: its password is asked of
them (``ctx.ask``), never guessed, and kept once the portal accepted it. Passwords are typed
straight into the page and never enter a plan, a result, a log line or an error message.
"""

from __future__ import annotations

import logging
from contextlib import AsyncExitStack
from typing import TYPE_CHECKING

from jobpilot.accounts import SiteCredential, generate_password
from jobpilot.engine.flow import FlowOutcome
from jobpilot.models.plan import Action
from jobpilot.models.snapshot import FormSnapshot

from jobpilot_ats_icims import markup, steps, urls

if TYPE_CHECKING:
    from jobpilot.engine.flow import FlowContext

log = logging.getLogger("jobpilot.ats.icims")

ATS = "icims"


def tenant_of(snapshot: FormSnapshot) -> str | None:
    """The portal host the account lives on: the page's, else its iCIMS frame's."""
    for url in (snapshot.url, *(f.url for f in snapshot.frames)):
        parsed = urls.parse(url)
        if parsed is not None:
            return parsed.tenant_key
    return None


def password_refs(snapshot: FormSnapshot) -> list[str]:
    return [f.ref for f in snapshot.fields if f.type == "password"]


async def type_password(ctx: FlowContext, snapshot: FormSnapshot, password: str) -> bool:
    """Type ``password`` into every visible password box (create and confirm), unrecorded."""
    boxes = [f for f in snapshot.fields if f.visible and f.type == "password"]
    if not boxes:
        return False
    actions = [
        Action(
            kind="fill", ref=f.ref, frame=f.frame, value=password, source="credential store", sensitive=True
        )
        for f in boxes
    ]
    results = await ctx.page.apply(actions)  # deliberately not recorded with the run
    return all(r.ok for r in results)


class Account:
    """The account side of one application: which portal and e-mail, the lease while the
    account is being made, and the credential once it is known."""

    def __init__(self, ctx: FlowContext, stack: AsyncExitStack) -> None:
        self.ctx = ctx
        self.stack = stack
        self.tenant: str | None = None
        self.email = (ctx.profile.basics.email or "").strip()
        self.pending: SiteCredential | None = None
        self._leased = False

    async def lease(self, snapshot: FormSnapshot) -> None:
        """Hold the (portal, e-mail) lease for the rest of the run (it is released when the
        flow returns; an account is stored active before that)."""
        if self._leased:
            return
        self.tenant = self.tenant or tenant_of(snapshot)
        if self.tenant and self.email:
            await self.stack.enter_async_context(
                self.ctx.credentials.lease(ats=ATS, tenant=self.tenant, email=self.email)
            )
            self._leased = True

    async def sign_in(self, snapshot: FormSnapshot) -> FlowOutcome | None:
        """The password page of an existing account: the stored password, else the person's."""
        await self.lease(snapshot)
        tenant = self.tenant or "this portal"
        cred = (
            await self.ctx.credentials.get(ats=ATS, tenant=tenant, email=self.email) if self.tenant else None
        )
        if cred is not None:
            outcome = await self._try(snapshot, cred.password)
            if outcome is None:
                if cred.state != "active":
                    await self.ctx.credentials.put(
                        SiteCredential(
                            ats=ATS, tenant=tenant, email=self.email, password=cred.password, state="active"
                        )
                    )
                log.info("icims: signed in to %s", tenant)
                return None
            return FlowOutcome(
                state="needs_user",
                needs=[
                    f"sign in to {tenant} as {self.email} yourself (the stored password was refused)",
                    *outcome.needs,
                ],
                message="the stored iCIMS password was not accepted",
            )
        answer = await self.ctx.ask(f"Password of your iCIMS account {self.email} at {tenant}")
        if not answer:
            return FlowOutcome(
                state="needs_user",
                needs=[
                    f"you already have an iCIMS account at {tenant} for {self.email}: sign in yourself "
                    "(or reset its password), then run again"
                ],
                message="an existing iCIMS account needs its password",
            )
        outcome = await self._try(snapshot, answer)
        if outcome is None and self.tenant:
            await self.ctx.credentials.put(
                SiteCredential(ats=ATS, tenant=self.tenant, email=self.email, password=answer, state="active")
            )
        return outcome

    async def _try(self, snapshot: FormSnapshot, password: str) -> FlowOutcome | None:
        if not await type_password(self.ctx, snapshot, password):
            return FlowOutcome(
                state="needs_user", needs=["the password box could not be filled: sign in yourself"]
            )
        fresh = await self.ctx.page.snapshot()
        button = markup.button(fresh, "log in", "login", "sign in", "next")
        if button is None:
            return FlowOutcome(state="needs_user", needs=["no Log In button found: sign in yourself"])
        where = steps.identify(fresh)
        await self.ctx.page.click(button.ref)
        _, problems, moved = await steps.until_moved(self.ctx.page, where, fresh)
        if moved:
            return None
        return FlowOutcome(state="needs_user", needs=problems or ["the password was not accepted"])

    async def create(self, snapshot: FormSnapshot) -> FlowOutcome | None:
        """The profile asks for a new password: make one, store it first, type it twice."""
        await self.lease(snapshot)
        if not self.tenant or not self.email:
            return FlowOutcome(
                state="needs_user", needs=["create your iCIMS account yourself (no portal or e-mail)"]
            )
        cred = await self.ctx.credentials.get(ats=ATS, tenant=self.tenant, email=self.email)
        if cred is None or cred.state == "active":
            # An active one the portal does not know (it asked to create the account) is of
            # no use any more: a new password replaces it, stored before it is sent.
            cred = SiteCredential(ats=ATS, tenant=self.tenant, email=self.email, password=generate_password())
            await self.ctx.credentials.put(cred)  # stored before the account exists
        self.pending = cred
        if not await type_password(self.ctx, snapshot, cred.password):
            return FlowOutcome(
                state="needs_user", needs=[f"create your iCIMS account at {self.tenant} yourself"]
            )
        return None

    async def created(self) -> None:
        """The portal accepted the profile that carried the new password."""
        if self.pending is not None:
            await self.ctx.credentials.put(
                SiteCredential(
                    ats=ATS,
                    tenant=self.pending.tenant,
                    email=self.email,
                    password=self.pending.password,
                    state="active",
                )
            )
            log.info("icims: created the candidate account on %s", self.pending.tenant)
            self.pending = None

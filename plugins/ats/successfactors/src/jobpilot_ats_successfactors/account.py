"""SuccessFactors candidate accounts: sign in, or create the account once per company.

A SuccessFactors career site asks a candidate to sign in before applying, or to create an
account (e-mail twice, password twice, name, country, and acceptance of the company's Data
Privacy Consent Statement). Accounts belong to one company on one data center, so JobPilot
keeps one per ``host/company`` and e-mail in the credential store: a generated password
stored *before* the account is created (a crash in between never loses it), active once the
site accepted it. The run holds the store's lease on (company, e-mail) from the first
account page to the end, so two runs never create two accounts.

An account JobPilot did not make ("already exists") is the person's: its password is asked
of them (``ctx.ask``), never guessed, and kept once the site accepted it. Passwords are typed
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

from jobpilot_ats_successfactors import markup, steps, urls

if TYPE_CHECKING:
    from jobpilot.engine.flow import FlowContext

log = logging.getLogger("jobpilot.ats.successfactors")

ATS = "successfactors"


def tenant_of(snapshot: FormSnapshot) -> str | None:
    for url in (snapshot.url, *(f.url for f in snapshot.frames)):
        parsed = urls.parse(url)
        if parsed is not None and parsed.company:
            return parsed.tenant_key
    return None


def password_refs(snapshot: FormSnapshot) -> set[str]:
    return {f.ref for f in snapshot.fields if f.type == "password"}


class Account:
    def __init__(self, ctx: FlowContext, stack: AsyncExitStack) -> None:
        self.ctx = ctx
        self.stack = stack
        self.email = (ctx.profile.basics.email or "").strip()
        self.tenant: str | None = None
        self.pending: SiteCredential | None = None
        self.given: str | None = None
        """A password the person gave for an account JobPilot did not make."""
        self._leased = False

    async def lease(self, snapshot: FormSnapshot) -> None:
        if self._leased:
            return
        self.tenant = self.tenant or tenant_of(snapshot)
        if self.tenant and self.email:
            await self.stack.enter_async_context(
                self.ctx.credentials.lease(ats=ATS, tenant=self.tenant, email=self.email)
            )
            self._leased = True

    async def stored(self) -> SiteCredential | None:
        if not self.tenant or not self.email:
            return None
        return await self.ctx.credentials.get(ats=ATS, tenant=self.tenant, email=self.email)

    async def _type(self, snapshot: FormSnapshot, password: str) -> bool:
        boxes = [f for f in snapshot.fields if f.visible and f.type == "password"]
        actions = [
            Action(
                kind="fill",
                ref=f.ref,
                frame=f.frame,
                value=password,
                source="credential store",
                sensitive=True,
            )
            for f in boxes
        ]
        results = await self.ctx.page.apply(actions) if actions else []  # never recorded with the run
        return bool(results) and all(r.ok for r in results)

    async def _fill_others(self, snapshot: FormSnapshot) -> None:
        """The page's other fields (e-mail, name, country, privacy consent) through the
        engine's planning, so the usual confidence and consent rules apply."""
        keep = [f for f in snapshot.fields if f.ref not in password_refs(snapshot)]
        planned = snapshot.model_copy(update={"fields": keep})
        plan = await self.ctx.plan(planned, self.ctx.map(planned), generate=False)
        await self.ctx.apply(plan)

    async def sign_in(self, snapshot: FormSnapshot) -> FlowOutcome | None:
        """Sign in with the stored (or the person's) password; ``needs_user`` when the site
        refuses it. The caller decides to create an account when there is none."""
        await self.lease(snapshot)
        cred = await self.stored()
        password = self.given or (cred.password if cred else None)
        if password is None:
            return FlowOutcome(state="needs_user", needs=["sign in to SuccessFactors yourself"])
        await self._fill_others(snapshot)
        if not await self._type(snapshot, password):
            return FlowOutcome(
                state="needs_user", needs=["the password box could not be filled: sign in yourself"]
            )
        button = markup.button(snapshot, "sign in")
        if button is None:
            return FlowOutcome(state="needs_user", needs=["no Sign In button found: sign in yourself"])
        where = steps.identify(snapshot)
        await self.ctx.page.click(button.ref)
        _, problems, moved = await steps.until_moved(self.ctx.page, where, snapshot)
        if moved:
            if self.tenant and (self.given or (cred is not None and cred.state != "active")):
                await self.ctx.credentials.put(
                    SiteCredential(
                        ats=ATS, tenant=self.tenant, email=self.email, password=password, state="active"
                    )
                )
            log.info("successfactors: signed in to %s", self.tenant)
            return None
        who = "the password you gave" if self.given else "the stored password"
        return FlowOutcome(
            state="needs_user",
            needs=[f"sign in to {self.tenant} as {self.email} yourself ({who} was refused)", *problems],
            message="SuccessFactors did not accept the password",
        )

    async def create(self, snapshot: FormSnapshot) -> FlowOutcome | str | None:
        """Create the account: a new password stored first, the form filled, Create Account.
        None when the site moved on; ``"exists"`` when it says the e-mail has an account and
        the person gave its password (the flow goes back to sign in); else an outcome."""
        await self.lease(snapshot)
        if not self.tenant or not self.email:
            return FlowOutcome(state="needs_user", needs=["create your SuccessFactors account yourself"])
        cred = await self.stored()
        if cred is None or cred.state == "active":
            cred = SiteCredential(ats=ATS, tenant=self.tenant, email=self.email, password=generate_password())
            await self.ctx.credentials.put(cred)  # stored before the account exists
        self.pending = cred
        await self._fill_others(snapshot)
        if not await self._type(snapshot, cred.password):
            return FlowOutcome(
                state="needs_user", needs=[f"create your SuccessFactors account at {self.tenant} yourself"]
            )
        button = markup.button(snapshot, "create account")
        if button is None:
            return FlowOutcome(
                state="needs_user", needs=["no Create Account button found: create it yourself"]
            )
        where = steps.identify(snapshot)
        await self.ctx.page.click(button.ref)
        after, problems, moved = await steps.until_moved(self.ctx.page, where, snapshot)
        if moved:
            await self.ctx.credentials.put(
                SiteCredential(
                    ats=ATS, tenant=self.tenant, email=self.email, password=cred.password, state="active"
                )
            )
            self.pending = None
            log.info("successfactors: created the candidate account at %s", self.tenant)
            return None
        if any("already exists" in p for p in problems):
            await self.ctx.credentials.delete(ats=ATS, tenant=self.tenant, email=self.email)
            answer = await self.ctx.ask(
                f"Password of your SuccessFactors account {self.email} at {self.tenant}"
            )
            if not answer:
                return FlowOutcome(
                    state="needs_user",
                    needs=[
                        f"you already have a SuccessFactors account at {self.tenant} for {self.email}: "
                        "sign in yourself (or reset its password), then run again"
                    ],
                    message="an existing SuccessFactors account needs its password",
                )
            self.given = answer
            back = markup.button(after, "back to sign in")
            if back is None:
                return FlowOutcome(state="needs_user", needs=["go back to Sign In yourself"])
            await self.ctx.page.click(back.ref)
            return "exists"
        return FlowOutcome(
            state="needs_user",
            needs=problems or ["the account was not created"],
            message=f"creating the SuccessFactors account at {self.tenant} failed",
        )

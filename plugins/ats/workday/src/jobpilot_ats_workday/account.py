"""Workday's sign-in wall: create the candidate account once per tenant, sign in after.

Accounts belong to a tenant (``acme.wd5.myworkdayjobs.com``), not to Workday as a whole, so
a person applying widely has dozens. JobPilot keeps one per tenant in the encrypted
credential store: a new tenant gets a generated strong password that is stored *before*
the account is created (a crash in between never loses it), and the next application to
that tenant signs in with it. The store is the flow context's ``credentials`` (the person's
database on the desktop, the fleet database on a fleet), and the whole sign-in runs under its
lease, so two applications to one tenant never create two accounts. The e-mail and the
consent box go through the engine's normal step filling; the passwords are typed straight
into the page and never enter a plan, a result, a log line or an error message.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import TYPE_CHECKING

from jobpilot.accounts import CredentialState, SiteCredential, generate_password
from jobpilot.engine.flow import FlowOutcome
from jobpilot.models.plan import Action
from jobpilot.models.snapshot import Button, FormSnapshot
from jobpilot.page import Page

from jobpilot_ats_workday import markup, steps, urls

if TYPE_CHECKING:
    from jobpilot.engine.flow import Credentials, FlowContext

log = logging.getLogger("jobpilot.ats.workday")

ATS = "workday"
PASSWORD_IDS = ("password", "verifyPassword", "currentPassword")


def _is_create_view(snapshot: FormSnapshot) -> bool:
    return any(markup.automation_id(f) == "verifyPassword" for f in snapshot.fields if f.visible) or (
        markup.button(snapshot, "createAccountSubmitButton", visible=False) is not None
    )


async def _expand_agreement(page: Page, snapshot: FormSnapshot) -> FormSnapshot:
    """Unfold the account agreement when a tenant folds it behind "Read More"
    (``createAccountExpandButton``): the agreement box, or at least its full text, is in
    the folded part, and neither a person nor the consent rules should agree to text they
    were not shown."""
    for b in snapshot.buttons:
        if markup.automation_id(b) == "createAccountExpandButton" and b.visible and not b.disabled:
            if b.attrs.get("aria-expanded") == "true":
                return snapshot
            await page.click(b.ref)
            snapshot, _ = await steps.look(page)
            return snapshot
    return snapshot


def _password_refs(snapshot: FormSnapshot) -> list[str]:
    return [f.ref for f in snapshot.fields if f.type == "password" or markup.automation_id(f) in PASSWORD_IDS]


def _submit_button(snapshot: FormSnapshot, create: bool) -> Button | None:
    """Workday covers its (aria-hidden) submit button with a ``click_filter`` overlay that
    takes the click; use the overlay when there is one."""
    label = "create account" if create else "sign in"
    for b in snapshot.buttons:
        if markup.automation_id(b) == "click_filter" and b.visible and label in b.text.lower():
            return b
    return markup.button(
        snapshot, "createAccountSubmitButton" if create else "signInSubmitButton", visible=False
    )


async def _type_passwords(page: Page, snapshot: FormSnapshot, password: str) -> bool:
    """Type the password into every password box of the form (password and verify)."""
    boxes = [f for f in snapshot.fields if f.visible and markup.automation_id(f) in PASSWORD_IDS]
    if not boxes:
        return False
    actions = [
        Action(
            kind="fill", ref=f.ref, frame=f.frame, value=password, source="credential store", sensitive=True
        )
        for f in boxes
    ]
    results = await page.apply(actions)  # deliberately not recorded with the run
    return all(r.ok for r in results)


async def authenticate(ctx: FlowContext) -> FlowOutcome | None:
    """Get past the account page. None when the wizard is open; an outcome when a person
    must act (verify the e-mail, sign in themselves, fix the form)."""
    page = ctx.page
    tenant = urls.tenant_key(page.url) or (ctx.detection.company or "unknown-tenant")
    email = str(ctx.profile.basics.email)
    store = ctx.credentials
    async with store.lease(ats=ATS, tenant=tenant, email=email):
        cred = await store.get(ats=ATS, tenant=tenant, email=email)
        snapshot, _ = await steps.look(page)
        if cred is not None:
            outcome = await _sign_in(ctx, snapshot, cred)
            if outcome is None:
                if cred.state != "active":
                    await _mark(store, cred, "active")
                return None
            if cred.state == "pending":
                # Stored before a creation that may never have reached Workday: create it now.
                snapshot, _ = await steps.look(page)
                return await _create(ctx, snapshot, cred)
            return outcome
        cred = SiteCredential(ats=ATS, tenant=tenant, email=email, password=generate_password())
        await store.put(cred)  # stored before the account exists: never a lost password
        return await _create(ctx, snapshot, cred)


async def _mark(store: Credentials, cred: SiteCredential, state: CredentialState) -> None:
    await store.put(replace(cred, state=state))


async def _switch(page: Page, snapshot: FormSnapshot, *, to_create: bool) -> FormSnapshot:
    if _is_create_view(snapshot) == to_create:
        return snapshot
    link = markup.button(snapshot, "createAccountLink" if to_create else "signInLink")
    if link is None:
        return snapshot
    await page.click(link.ref)
    snapshot, _ = await steps.look(page)
    return snapshot


async def _sign_in(ctx: FlowContext, snapshot: FormSnapshot, cred: SiteCredential) -> FlowOutcome | None:
    page = ctx.page
    snapshot = await _switch(page, snapshot, to_create=False)
    await ctx.fill_step(leave=_password_refs(snapshot))
    snapshot = await page.snapshot()
    if not await _type_passwords(page, snapshot, cred.password):
        return FlowOutcome(
            state="needs_user",
            needs=[f"sign in to Workday at {cred.tenant} yourself"],
            message="the sign-in form has no password box JobPilot recognises",
        )
    button = _submit_button(snapshot, create=False)
    if button is None:
        return FlowOutcome(state="needs_user", needs=[f"sign in to Workday at {cred.tenant} yourself"])
    await page.click(button.ref)
    after, text, _ = await steps.until_moved(page, steps.Where("account"), refused=_banner)
    where = steps.identify(after, text)
    if where.kind in ("step", "review"):
        log.info("workday: signed in to %s", cred.tenant)
        return None
    problems = steps.errors(after, text) or _banner(text)
    return FlowOutcome(
        state="needs_user",
        needs=[f"sign in to Workday at {cred.tenant} as {cred.email} yourself", *problems],
        message="the stored Workday password was not accepted",
    )


async def _create(ctx: FlowContext, snapshot: FormSnapshot, cred: SiteCredential) -> FlowOutcome | None:
    page, store = ctx.page, ctx.credentials
    snapshot = await _switch(page, snapshot, to_create=True)
    snapshot = await _expand_agreement(page, snapshot)
    # The e-mail and the account agreement (consent rules apply); passwords are typed below.
    await ctx.fill_step(leave=_password_refs(snapshot))
    snapshot = await page.snapshot()
    if not await _type_passwords(page, snapshot, cred.password):
        return FlowOutcome(
            state="needs_user", needs=[f"create your Workday account at {cred.tenant} yourself"]
        )
    button = _submit_button(snapshot, create=True)
    if button is None:
        return FlowOutcome(
            state="needs_user", needs=[f"create your Workday account at {cred.tenant} yourself"]
        )
    await page.click(button.ref)
    after, text, _ = await steps.until_moved(page, steps.Where("account"), refused=_banner)
    where = steps.identify(after, text)
    if where.kind in ("step", "review"):
        await _mark(store, cred, "active")
        log.info("workday: created the candidate account on %s", cred.tenant)
        return None
    problems = steps.errors(after, text)
    banner = _banner(text)
    if any("already exists" in b.lower() for b in banner):
        return await _existing_account(ctx, after, cred)
    if where.kind != "account" and steps.asks_to_verify_email(text):
        await _mark(store, cred, "active")
        return FlowOutcome(
            state="needs_user",
            needs=[
                f"open the verification e-mail Workday sent to {cred.email} for {cred.tenant}, then run again"
            ],
        )
    return FlowOutcome(
        state="needs_user",
        needs=[*(problems or banner or ["the account was not created"])],
        message=f"creating the Workday account at {cred.tenant} failed",
    )


async def _existing_account(
    ctx: FlowContext, snapshot: FormSnapshot, cred: SiteCredential
) -> FlowOutcome | None:
    """The e-mail already has an account on this tenant (made by hand, or elsewhere): ask
    the person for its password; without an answer the run waits for them."""
    store = ctx.credentials
    answer = await ctx.ask(f"Password of your existing Workday account {cred.email} at {cred.tenant}")
    if not answer:
        await store.delete(ats=ATS, tenant=cred.tenant, email=cred.email)
        return FlowOutcome(
            state="needs_user",
            needs=[
                f"you already have a Workday account at {cred.tenant} for {cred.email}: sign in yourself "
                "(or reset its password), then run again"
            ],
        )
    given = SiteCredential(ats=ATS, tenant=cred.tenant, email=cred.email, password=answer, state="pending")
    outcome = await _sign_in(ctx, snapshot, given)
    if outcome is None:
        await store.put(
            SiteCredential(ats=ATS, tenant=cred.tenant, email=cred.email, password=answer, state="active")
        )
    return outcome


def _banner(text: str) -> list[str]:
    """Account-form messages shown outside any field (wrong password, existing account)."""
    out = []
    for line in text.splitlines():
        line = line.strip()
        low = line.lower()
        if (
            "already exists" in low
            or "wrong email" in low
            or "wrong password" in low
            or "something went wrong" in low
            or "locked" in low
        ):
            out.append(line)
    return out

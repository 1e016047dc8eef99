"""The Stripe calls billing makes, through the official ``stripe`` client (run in a thread:
the client is synchronous). Only these: customers (create, delete), Checkout Sessions,
Customer Portal sessions, and listing a customer's subscriptions."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

import stripe

from jobpilot.errors import JobPilotError
from jobpilot.fleet.billing.config import BillingConfig


class StripeUnavailable(JobPilotError):
    """Stripe could not be reached or refused the call."""


@dataclass
class Subscription:
    id: str
    status: str
    price_id: str | None
    current_period_end: float | None
    cancel_at_period_end: bool


class StripeApi:
    def __init__(self, config: BillingConfig) -> None:
        assert config.api_key
        base = {"api": config.api_base} if config.api_base else None
        self.client = stripe.StripeClient(config.api_key, base_addresses=base, max_network_retries=2)  # type: ignore[arg-type]

    async def _call(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return await asyncio.to_thread(fn, *args, **kwargs)
        except stripe.StripeError as exc:
            raise StripeUnavailable(
                f"Stripe refused the request: {exc.user_message or type(exc).__name__}",
                hint="try again later",
            ) from exc

    async def create_customer(self, *, email: str | None, user_id: str) -> str:
        params: dict[str, Any] = {"metadata": {"jobpilot_user": user_id}}
        if email:
            params["email"] = email
        customer = await self._call(self.client.v1.customers.create, params=params)
        return str(customer.id)

    async def delete_customer(self, customer_id: str) -> None:
        try:
            await self._call(self.client.v1.customers.delete, customer_id)
        except StripeUnavailable as exc:
            if isinstance(exc.__cause__, stripe.InvalidRequestError) and exc.__cause__.http_status == 404:
                return  # already gone
            raise

    async def checkout_url(
        self, *, customer_id: str, price_id: str, user_id: str, success_url: str, cancel_url: str
    ) -> str:
        session = await self._call(
            self.client.v1.checkout.sessions.create,
            params={
                "mode": "subscription",
                "customer": customer_id,
                "client_reference_id": user_id,
                "line_items": [{"price": price_id, "quantity": 1}],
                "success_url": success_url,
                "cancel_url": cancel_url,
            },
        )
        return str(session.url)

    async def portal_url(self, *, customer_id: str, return_url: str) -> str:
        session = await self._call(
            self.client.v1.billing_portal.sessions.create,
            params={"customer": customer_id, "return_url": return_url},
        )
        return str(session.url)

    async def subscriptions(self, customer_id: str) -> list[Subscription]:
        """The customer's subscriptions as Stripe has them now, newest first."""
        page = await self._call(
            self.client.v1.subscriptions.list, params={"customer": customer_id, "status": "all", "limit": 20}
        )
        out = []
        for obj in page.data:
            sub = obj.to_dict()
            items = sub["items"]["data"] if sub.get("items") else []
            item = items[0] if items else None
            price = item["price"]["id"] if item and item.get("price") else None
            end = (item or {}).get("current_period_end") or sub.get("current_period_end")
            out.append(
                Subscription(
                    id=str(sub["id"]),
                    status=str(sub["status"]),
                    price_id=price,
                    current_period_end=float(end) if end else None,
                    cancel_at_period_end=bool(sub.get("cancel_at_period_end")),
                )
            )
        return out


def verify_event(config: BillingConfig, payload: bytes, signature: str | None) -> Any:
    """The event in a webhook body whose ``Stripe-Signature`` the library accepts (secret
    and timestamp tolerance). :raises ValueError: not JSON; :raises stripe.SignatureVerificationError:
    missing, forged or stale signature."""
    return stripe.Webhook.construct_event(
        payload, signature or "", config.webhook_secret or "", tolerance=config.tolerance
    )

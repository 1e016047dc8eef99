"""Billing configuration, from the environment. Billing is on only when the Stripe API key,
the webhook signing secret and at least one plan's price are set; otherwise every route of
``/api/billing`` says it is off and users keep the plan the operator gave them.

- ``JOBPILOT_STRIPE_API_KEY``: the secret key (``sk_live_...`` / ``sk_test_...``);
- ``JOBPILOT_STRIPE_WEBHOOK_SECRET``: the endpoint's signing secret (``whsec_...``);
- ``JOBPILOT_STRIPE_PRICE_PRO``, ``JOBPILOT_STRIPE_PRICE_ENTERPRISE``: the recurring prices
  (``price_...``) that buy each plan;
- ``JOBPILOT_STRIPE_API_BASE``: another address for Stripe's API (a local test server).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field


@dataclass(frozen=True)
class BillingConfig:
    api_key: str | None = None
    webhook_secret: str | None = None
    prices: dict[str, str] = field(default_factory=dict)
    """Plan name -> Stripe price id."""
    api_base: str | None = None
    tolerance: int = 300
    """Seconds a webhook's signed timestamp may be old (Stripe's default)."""

    @property
    def enabled(self) -> bool:
        return bool(self.api_key and self.webhook_secret and self.prices)

    def plan_for_price(self, price_id: str | None) -> str | None:
        return next((plan for plan, price in self.prices.items() if price == price_id), None)

    @classmethod
    def from_env(cls) -> BillingConfig:
        env = os.environ
        prices = {
            plan: env[f"JOBPILOT_STRIPE_PRICE_{plan.upper()}"]
            for plan in ("pro", "enterprise")
            if env.get(f"JOBPILOT_STRIPE_PRICE_{plan.upper()}")
        }
        return cls(
            api_key=env.get("JOBPILOT_STRIPE_API_KEY") or None,
            webhook_secret=env.get("JOBPILOT_STRIPE_WEBHOOK_SECRET") or None,
            prices=prices,
            api_base=(env.get("JOBPILOT_STRIPE_API_BASE") or "").rstrip("/") or None,
        )

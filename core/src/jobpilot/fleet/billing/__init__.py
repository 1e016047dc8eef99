"""Plans and billing: what each plan allows (``plans``), and selling the paid ones through
Stripe Checkout and the Customer Portal with the official ``stripe`` client (``config``,
``stripe_api``, ``webhooks``, ``routes``). Billing is off unless the operator configures
Stripe; plans and their limits apply either way."""

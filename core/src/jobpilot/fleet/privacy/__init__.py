"""Leaving: a user takes everything the fleet holds about them (``export``: one zip, JSON per
object, files as they are, decrypted) or has it deleted (``delete``: every row, the Stripe
customer too). ``routes``: ``GET /api/me/export`` and ``DELETE /api/me``."""

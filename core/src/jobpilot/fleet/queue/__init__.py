"""The application queue, in the database (a package: one module per seam, see :class:`Queue`).

States of an application (``fleet_jobs.state``)::

    queued -> running -> filled | submitted            (done)
                      -> needs_user (asked live: the worker keeps the page and waits;
                                     parked: the person's answer puts it back in the queue)
                      -> submitting -> submitted | needs_verification
                      -> queued (retry after backoff) -> ... -> dead (retries used up)
                      -> failed (nothing to retry: no form on the page)
    queued | needs_user | dead | failed -> cancelled (by the person)

After the submit click (the ledger row exists) an application never goes back to
``running``: a question asked then (Greenhouse's e-mailed security code, Lever's hCaptcha
after the click) moves it ``submitting -> needs_user -> submitting`` (the question says
``after_submit``); a worker that dies meanwhile leaves ``needs_verification``; a parked one
that is answered is claimed straight into ``submitting`` and only continues the page that
asked (see :class:`Claim`), so a second submit click is impossible.

Claiming takes the highest priority first (the user's plan tier plus the request's offset;
answered hand-offs get a boost), skips rows other workers hold (``FOR UPDATE SKIP LOCKED``
on PostgreSQL; SQLite serialises writers with ``BEGIN IMMEDIATE``) and never starts a
submission that would pass the user's daily cap or the site's rate limit (checked under a
per-user and per-site advisory lock on PostgreSQL, so two machines cannot both take the
last slot).

Exactly once: :meth:`Queue.begin_submit` is called right before the submit click; in one
transaction it checks that this worker still holds the lease, inserts the submission record
(primary key = idempotency key ``<job id>:<generation>``, so a second insert fails) and
moves the application to ``submitting``. A worker that dies after that leaves the lease to
expire and :meth:`Queue.reap` turns the application into ``needs_verification``: it is never
retried automatically. A person resolves it (:meth:`Queue.resolve`).
"""

from __future__ import annotations

from jobpilot.fleet.queue.base import (
    ACTIVE,
    EMPTY_FIELD,
    FINAL,
    PRIORITY_OFFSETS,
    Claim,
    LeaseLost,
    QueueConfig,
)
from jobpilot.fleet.queue.handoff import Handoff
from jobpilot.fleet.queue.leases import Leases
from jobpilot.fleet.queue.ledger import Outcomes
from jobpilot.fleet.queue.limits import limit_wait
from jobpilot.fleet.queue.operator import BULK_ACTIONS, OperatorActions
from jobpilot.fleet.queue.person import PersonActions, empty_field_answers


class Queue(Leases, Outcomes, Handoff, OperatorActions, PersonActions):
    """The whole queue: one object for the worker and the API, assembled from its parts
    (``leases``: claiming and leases; ``limits``: caps and rate limits; ``ledger``: the
    submission record and outcomes; ``handoff``: questions asked while the page is open;
    ``person``: what a person does through the API; ``operator``: what the operator does
    across users)."""


__all__ = [
    "ACTIVE",
    "BULK_ACTIONS",
    "EMPTY_FIELD",
    "FINAL",
    "PRIORITY_OFFSETS",
    "Claim",
    "LeaseLost",
    "Queue",
    "QueueConfig",
    "empty_field_answers",
    "limit_wait",
]

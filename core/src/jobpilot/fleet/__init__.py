"""The fleet: applications applied headless for many applicants, each exactly once.

- ``tables``: the fleet's tables (created by the storage migrations);
- ``store``: the database (SQLite on one machine, PostgreSQL for many), users, tokens,
  applicants, resumes, evidence and the event log;
- ``queue``: enqueue with de-duplication, claim (``FOR UPDATE SKIP LOCKED`` on PostgreSQL)
  with priority tiers, per-user daily caps and per-site rate limits, leases, retries with
  exponential backoff, dead letters, the submission ledger and hand-offs to a person;
- ``worker``: one browser, several contexts, graceful shutdown;
- ``api`` (+ ``openapi``, ``auth``, ``events``): the HTTP API, its OpenAPI description and
  the WebSocket stream; ``dashboard/``: the page ``jobpilot serve`` shows.
"""

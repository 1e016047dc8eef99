"""The fleet's tables as of the newest version (SQLAlchemy Core, their own ``metadata``), for
the code that queries them.

Created by the fleet track of the storage migrations (``storage/migrations/fleet.py``); a
change is a new step there *and* the matching edit here (the migration tests check the two
agree), never an edit of a shipped step. Times are UNIX seconds (``Float``): the same arithmetic on SQLite
and PostgreSQL, no time-zone surprises in lease and backoff comparisons.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Float,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.sql import false

metadata = MetaData()

users = Table(
    "fleet_users",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("tier", String(16), nullable=False),  # free | pro | enterprise: the priority tier
    Column("daily_cap", Integer, nullable=False),
    Column("created_at", Float, nullable=False),
    Column("settings", JSON),  # UserSettings: content provider, CAPTCHA solver (None: defaults)
    Column("disabled", Boolean, nullable=False, server_default=false()),
    Column("concurrency", Integer),  # applications at once; None: the plan's
)

tokens = Table(
    "fleet_tokens",
    metadata,
    Column("digest", String(64), primary_key=True),  # sha256 of the token; the token is never stored
    Column("user_id", String(32), nullable=False, index=True),
    Column("label", String(200), nullable=False, default=""),
    Column("created_at", Float, nullable=False),
)

applicants = Table(
    "fleet_applicants",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("user_id", String(32), nullable=False, index=True),
    Column("name", String(200), nullable=False),
    Column("profile", LargeBinary, nullable=False),  # encrypted Profile JSON
    Column("created_at", Float, nullable=False),
    Column("updated_at", Float, nullable=False),
)

resumes = Table(
    "fleet_resumes",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("applicant_id", String(32), nullable=False, index=True),
    Column("user_id", String(32), nullable=False),
    Column("name", String(200), nullable=False),
    Column("filename", String(255), nullable=False),
    Column("content_type", String(100), nullable=False),
    Column("size", Integer, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("data", LargeBinary, nullable=False),  # encrypted file bytes
    Column("is_default", Boolean, nullable=False, default=False),
    Column("created_at", Float, nullable=False),
)

jobs = Table(
    "fleet_jobs",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("user_id", String(32), nullable=False, index=True),
    Column("applicant_id", String(32), nullable=False),
    Column("resume_id", String(32)),
    Column("url", Text, nullable=False),
    Column("job_key", String(64), nullable=False),  # sha256 of the normalised URL
    Column("site", String(255), nullable=False, index=True),
    Column("submit", Boolean, nullable=False),
    Column("priority", Integer, nullable=False),
    Column("state", String(24), nullable=False),
    Column("attempts", Integer, nullable=False, default=0),
    Column("max_attempts", Integer, nullable=False),
    Column("run_after", Float, nullable=False),
    Column("lease_owner", String(100)),
    Column("lease_token", String(32)),
    Column("lease_expires", Float),
    Column("generation", Integer, nullable=False, default=0),  # bumped when a person says "not submitted"
    Column("last_error", Text),
    Column("note", Text),
    Column("question", JSON),  # the open hand-off: {"id", "text", "kind", "asked_at", "live"}
    Column("answers", JSON),  # [{"question", "answer", "at", "used"}]
    Column("record", JSON),  # the last ApplicationRun (plan, results, needs_user, evidence)
    Column("created_at", Float, nullable=False),
    Column("updated_at", Float, nullable=False),
    Column("finished_at", Float),
    UniqueConstraint("applicant_id", "job_key", name="uq_fleet_jobs_applicant_job"),
    Index("ix_fleet_jobs_claim", "state", "run_after", "priority"),
)

submissions = Table(
    "fleet_submissions",
    metadata,
    Column("idempotency_key", String(80), primary_key=True),  # <job id>:<generation>
    Column("job_id", String(32), nullable=False, index=True),
    Column("user_id", String(32), nullable=False, index=True),
    Column("site", String(255), nullable=False, index=True),
    Column("worker", String(100), nullable=False),
    Column("lease_token", String(32), nullable=False),
    Column("state", String(16), nullable=False),  # clicking | confirmed | unconfirmed | void
    Column("created_at", Float, nullable=False, index=True),
    Column("resolved_at", Float),
)

events = Table(
    "fleet_events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("user_id", String(32), nullable=False, index=True),
    Column("job_id", String(32), nullable=False, index=True),
    Column("state", String(24), nullable=False),
    Column("message", Text, nullable=False, default=""),
    Column("worker", String(100)),
    Column("at", Float, nullable=False),
)

evidence = Table(
    "fleet_evidence",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("job_id", String(32), nullable=False, index=True),
    Column("name", String(100), nullable=False),
    Column("content_type", String(100), nullable=False),
    Column("data", LargeBinary, nullable=False),
    Column("created_at", Float, nullable=False),
)

credentials = Table(
    "fleet_credentials",
    metadata,
    Column("user_id", String(32), primary_key=True),
    Column("ats", String(64), primary_key=True),
    Column("tenant", String(255), primary_key=True),
    Column("account", String(64), primary_key=True),  # sha256 of the lowercased e-mail
    Column("secret", LargeBinary),  # encrypted JSON (e-mail, password, state); NULL: a lease only
    Column("lease_owner", String(100)),
    Column("lease_token", String(32)),
    Column("lease_expires", Float),
    Column("created_at", Float, nullable=False),
    Column("updated_at", Float, nullable=False),
)

meta = Table(
    "fleet_meta",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("value", Text, nullable=False),
    Column("updated_at", Float, nullable=False),
)

accounts = Table(
    "fleet_accounts",
    metadata,
    Column("user_id", String(32), primary_key=True),
    Column("email", String(320), nullable=False, unique=True),  # lowercased
    Column("password_hash", String(255), nullable=False),  # argon2id, with its parameters
    Column("email_verified_at", Float),
    Column("totp_secret", LargeBinary),  # encrypted base32 secret (set up, maybe not enabled yet)
    Column("totp_enabled", Boolean, nullable=False, server_default=false()),
    Column("totp_last_step", Integer),  # the last accepted time step: a code is never used twice
    Column("recovery_codes", JSON),  # sha256 digests of the unused recovery codes
    Column("created_at", Float, nullable=False),
    Column("updated_at", Float, nullable=False),
)

sessions = Table(
    "fleet_sessions",
    metadata,
    Column("digest", String(64), primary_key=True),  # sha256 of the cookie's value
    Column("user_id", String(32), nullable=False, index=True),
    Column("csrf", String(64), nullable=False),
    Column("stage", String(16), nullable=False),  # full | second_factor (password ok, code due)
    Column("created_at", Float, nullable=False),
    Column("last_seen", Float, nullable=False),
    Column("expires_at", Float, nullable=False),
)

signin_failures = Table(
    "fleet_signin_failures",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key", String(100), nullable=False, index=True),  # "email:<sha256>" or "ip:<address>"
    Column("at", Float, nullable=False),
)

plans = Table(
    "fleet_plans",
    metadata,
    Column("name", String(16), primary_key=True),  # free | pro | enterprise
    Column("daily_cap", Integer, nullable=False),
    Column("concurrency", Integer, nullable=False),
    Column("priority", Integer, nullable=False),
    Column("updated_at", Float, nullable=False),
)

billing = Table(
    "fleet_billing",
    metadata,
    Column("user_id", String(32), primary_key=True),
    Column("customer_id", String(255), nullable=False, unique=True),
    Column("subscription_id", String(255)),
    Column("status", String(32)),  # the subscription's status as Stripe last said
    Column("plan", String(16)),  # the plan its price buys
    Column("current_period_end", Float),
    Column("downgrade_at", Float),  # payment failed: free limits from then on
    Column("updated_at", Float, nullable=False),
)

billing_events = Table(
    "fleet_billing_events",
    metadata,
    Column("event_id", String(255), primary_key=True),
    Column("type", String(100), nullable=False),
    Column("received_at", Float, nullable=False),
)

workers = Table(
    "fleet_workers",
    metadata,
    Column("name", String(100), primary_key=True),  # the worker's name in leases (host:pid by default)
    Column("kind", String(16), nullable=False),  # worker | api
    Column("host", String(255), nullable=False),
    Column("pid", Integer, nullable=False),
    Column("version", String(40), nullable=False),
    Column("state", String(16), nullable=False),  # running | draining | stopped
    Column("started_at", Float, nullable=False),
    Column("last_seen", Float, nullable=False),
    Column("stopped_at", Float),
    Column("heartbeat_every", Float, nullable=False),  # seconds between beats: stale after three missed
    Column("concurrency", Integer, nullable=False),
    Column("jobs", JSON),  # the applications held now: [{"id", "user_id", "phase", "since"}]
    Column("stats", JSON),  # the process's counters (registry.RunStats), carried across restarts
)

ALL = (
    users,
    tokens,
    applicants,
    resumes,
    jobs,
    submissions,
    events,
    evidence,
    credentials,
    meta,
    accounts,
    sessions,
    signin_failures,
    plans,
    billing,
    billing_events,
    workers,
)

"""The fleet database's versions, frozen as they shipped. Append; never edit.

Times are UNIX seconds (``FLOAT``): the same lease and backoff arithmetic on SQLite and
PostgreSQL. Version 1 is what the desktop track's version 3 created in every database
before the tracks were split; such a database is adopted at version 1.
"""

from __future__ import annotations

from sqlalchemy import Connection, inspect

from jobpilot.storage.migrations import Track, run_ddl


def _version_table(conn: Connection) -> None:
    run_ddl(
        conn,
        [
            "CREATE TABLE IF NOT EXISTS fleet_schema_version ("
            " version INTEGER NOT NULL, applied_at {TIMESTAMP} NOT NULL, PRIMARY KEY (version))"
        ],
    )


def _adopt(conn: Connection) -> int:
    """A release before the split made the fleet's tables as the desktop track's version 3."""
    return 1 if inspect(conn).has_table("fleet_jobs") else 0


def v1_fleet(conn: Connection) -> None:
    """Users and API tokens, applicants and resumes, the queue, the submission ledger, the
    event log and evidence."""
    run_ddl(
        conn,
        [
            "CREATE TABLE IF NOT EXISTS fleet_users ("
            " id VARCHAR(32) NOT NULL, name VARCHAR(200) NOT NULL, tier VARCHAR(16) NOT NULL,"
            " daily_cap INTEGER NOT NULL, created_at FLOAT NOT NULL,"
            " PRIMARY KEY (id), UNIQUE (name))",
            "CREATE TABLE IF NOT EXISTS fleet_tokens ("
            " digest VARCHAR(64) NOT NULL, user_id VARCHAR(32) NOT NULL, label VARCHAR(200) NOT NULL,"
            " created_at FLOAT NOT NULL, PRIMARY KEY (digest))",
            "CREATE INDEX IF NOT EXISTS ix_fleet_tokens_user_id ON fleet_tokens (user_id)",
            "CREATE TABLE IF NOT EXISTS fleet_applicants ("
            " id VARCHAR(32) NOT NULL, user_id VARCHAR(32) NOT NULL, name VARCHAR(200) NOT NULL,"
            " profile {BLOB} NOT NULL, created_at FLOAT NOT NULL, updated_at FLOAT NOT NULL,"
            " PRIMARY KEY (id))",
            "CREATE INDEX IF NOT EXISTS ix_fleet_applicants_user_id ON fleet_applicants (user_id)",
            "CREATE TABLE IF NOT EXISTS fleet_resumes ("
            " id VARCHAR(32) NOT NULL, applicant_id VARCHAR(32) NOT NULL, user_id VARCHAR(32) NOT NULL,"
            " name VARCHAR(200) NOT NULL, filename VARCHAR(255) NOT NULL,"
            " content_type VARCHAR(100) NOT NULL, size INTEGER NOT NULL, sha256 VARCHAR(64) NOT NULL,"
            " data {BLOB} NOT NULL, is_default BOOLEAN NOT NULL, created_at FLOAT NOT NULL,"
            " PRIMARY KEY (id))",
            "CREATE INDEX IF NOT EXISTS ix_fleet_resumes_applicant_id ON fleet_resumes (applicant_id)",
            "CREATE TABLE IF NOT EXISTS fleet_jobs ("
            " id VARCHAR(32) NOT NULL, user_id VARCHAR(32) NOT NULL, applicant_id VARCHAR(32) NOT NULL,"
            " resume_id VARCHAR(32), url TEXT NOT NULL, job_key VARCHAR(64) NOT NULL,"
            " site VARCHAR(255) NOT NULL, submit BOOLEAN NOT NULL, priority INTEGER NOT NULL,"
            " state VARCHAR(24) NOT NULL, attempts INTEGER NOT NULL, max_attempts INTEGER NOT NULL,"
            " run_after FLOAT NOT NULL, lease_owner VARCHAR(100), lease_token VARCHAR(32),"
            " lease_expires FLOAT, generation INTEGER NOT NULL, last_error TEXT, note TEXT,"
            " question JSON, answers JSON, record JSON, created_at FLOAT NOT NULL,"
            " updated_at FLOAT NOT NULL, finished_at FLOAT,"
            " PRIMARY KEY (id),"
            " CONSTRAINT uq_fleet_jobs_applicant_job UNIQUE (applicant_id, job_key))",
            "CREATE INDEX IF NOT EXISTS ix_fleet_jobs_claim ON fleet_jobs (state, run_after, priority)",
            "CREATE INDEX IF NOT EXISTS ix_fleet_jobs_site ON fleet_jobs (site)",
            "CREATE INDEX IF NOT EXISTS ix_fleet_jobs_user_id ON fleet_jobs (user_id)",
            "CREATE TABLE IF NOT EXISTS fleet_submissions ("
            " idempotency_key VARCHAR(80) NOT NULL, job_id VARCHAR(32) NOT NULL,"
            " user_id VARCHAR(32) NOT NULL, site VARCHAR(255) NOT NULL, worker VARCHAR(100) NOT NULL,"
            " lease_token VARCHAR(32) NOT NULL, state VARCHAR(16) NOT NULL,"
            " created_at FLOAT NOT NULL, resolved_at FLOAT, PRIMARY KEY (idempotency_key))",
            "CREATE INDEX IF NOT EXISTS ix_fleet_submissions_created_at ON fleet_submissions (created_at)",
            "CREATE INDEX IF NOT EXISTS ix_fleet_submissions_job_id ON fleet_submissions (job_id)",
            "CREATE INDEX IF NOT EXISTS ix_fleet_submissions_site ON fleet_submissions (site)",
            "CREATE INDEX IF NOT EXISTS ix_fleet_submissions_user_id ON fleet_submissions (user_id)",
            "CREATE TABLE IF NOT EXISTS fleet_events ("
            " id {SERIAL} NOT NULL, user_id VARCHAR(32) NOT NULL, job_id VARCHAR(32) NOT NULL,"
            " state VARCHAR(24) NOT NULL, message TEXT NOT NULL, worker VARCHAR(100),"
            " at FLOAT NOT NULL, PRIMARY KEY (id))",
            "CREATE INDEX IF NOT EXISTS ix_fleet_events_job_id ON fleet_events (job_id)",
            "CREATE INDEX IF NOT EXISTS ix_fleet_events_user_id ON fleet_events (user_id)",
            "CREATE TABLE IF NOT EXISTS fleet_evidence ("
            " id {SERIAL} NOT NULL, job_id VARCHAR(32) NOT NULL, name VARCHAR(100) NOT NULL,"
            " content_type VARCHAR(100) NOT NULL, data {BLOB} NOT NULL, created_at FLOAT NOT NULL,"
            " PRIMARY KEY (id))",
            "CREATE INDEX IF NOT EXISTS ix_fleet_evidence_job_id ON fleet_evidence (job_id)",
        ],
    )


def v2_credentials(conn: Connection) -> None:
    """Candidate accounts on ATS tenants (Workday ...) per user, encrypted with the fleet's
    key, shared by every worker; the lease columns keep two workers from creating two
    accounts for one tenant and e-mail (a row may hold only a lease, ``secret`` NULL)."""
    run_ddl(
        conn,
        [
            "CREATE TABLE IF NOT EXISTS fleet_credentials ("
            " user_id VARCHAR(32) NOT NULL, ats VARCHAR(64) NOT NULL, tenant VARCHAR(255) NOT NULL,"
            " account VARCHAR(64) NOT NULL, secret {BLOB}, lease_owner VARCHAR(100),"
            " lease_token VARCHAR(32), lease_expires FLOAT, created_at FLOAT NOT NULL,"
            " updated_at FLOAT NOT NULL, PRIMARY KEY (user_id, ats, tenant, account))"
        ],
    )


def v3_user_settings(conn: Connection) -> None:
    """Per-user settings (the content provider and the CAPTCHA solver a user opted into) and
    the operator's switch that disables a user (their tokens stop working)."""
    run_ddl(
        conn,
        [
            "ALTER TABLE fleet_users ADD COLUMN settings JSON",
            "ALTER TABLE fleet_users ADD COLUMN disabled BOOLEAN NOT NULL DEFAULT FALSE",
        ],
    )


def v4_meta(conn: Connection) -> None:
    """Facts about the fleet itself; first the key check: a value encrypted with the fleet's
    key, which every process decrypts at start-up to prove it holds the same key."""
    run_ddl(
        conn,
        [
            "CREATE TABLE IF NOT EXISTS fleet_meta ("
            " name VARCHAR(64) NOT NULL, value TEXT NOT NULL, updated_at FLOAT NOT NULL,"
            " PRIMARY KEY (name))"
        ],
    )


def v5_accounts_and_plans(conn: Connection) -> None:
    """Accounts people sign up for (e-mail, argon2 password hash, TOTP), their server-side
    sessions, sign-in failures (rate limiting), the plans (daily cap, applications at once,
    queue priority; the free/pro/enterprise rows as shipped), a per-user concurrency
    override, and billing: a user's Stripe customer and subscription, and the webhook events
    already processed (by id, each once)."""
    run_ddl(
        conn,
        [
            "CREATE TABLE IF NOT EXISTS fleet_accounts ("
            " user_id VARCHAR(32) NOT NULL, email VARCHAR(320) NOT NULL,"
            " password_hash VARCHAR(255) NOT NULL, email_verified_at FLOAT, totp_secret {BLOB},"
            " totp_enabled BOOLEAN NOT NULL DEFAULT FALSE, totp_last_step INTEGER,"
            " recovery_codes JSON, created_at FLOAT NOT NULL, updated_at FLOAT NOT NULL,"
            " PRIMARY KEY (user_id), UNIQUE (email))",
            "CREATE TABLE IF NOT EXISTS fleet_sessions ("
            " digest VARCHAR(64) NOT NULL, user_id VARCHAR(32) NOT NULL, csrf VARCHAR(64) NOT NULL,"
            " stage VARCHAR(16) NOT NULL, created_at FLOAT NOT NULL, last_seen FLOAT NOT NULL,"
            " expires_at FLOAT NOT NULL, PRIMARY KEY (digest))",
            "CREATE INDEX IF NOT EXISTS ix_fleet_sessions_user_id ON fleet_sessions (user_id)",
            "CREATE TABLE IF NOT EXISTS fleet_signin_failures ("
            " id {SERIAL} NOT NULL, key VARCHAR(100) NOT NULL, at FLOAT NOT NULL, PRIMARY KEY (id))",
            "CREATE INDEX IF NOT EXISTS ix_fleet_signin_failures_key ON fleet_signin_failures (key)",
            "CREATE TABLE IF NOT EXISTS fleet_plans ("
            " name VARCHAR(16) NOT NULL, daily_cap INTEGER NOT NULL, concurrency INTEGER NOT NULL,"
            " priority INTEGER NOT NULL, updated_at FLOAT NOT NULL, PRIMARY KEY (name))",
            "INSERT INTO fleet_plans (name, daily_cap, concurrency, priority, updated_at) VALUES"
            " ('free', 25, 2, 0, 0), ('pro', 100, 8, 10, 0), ('enterprise', 1000, 32, 20, 0)",
            "ALTER TABLE fleet_users ADD COLUMN concurrency INTEGER",
            "CREATE TABLE IF NOT EXISTS fleet_billing ("
            " user_id VARCHAR(32) NOT NULL, customer_id VARCHAR(255) NOT NULL,"
            " subscription_id VARCHAR(255), status VARCHAR(32), plan VARCHAR(16),"
            " current_period_end FLOAT, downgrade_at FLOAT, updated_at FLOAT NOT NULL,"
            " PRIMARY KEY (user_id), UNIQUE (customer_id))",
            "CREATE TABLE IF NOT EXISTS fleet_billing_events ("
            " event_id VARCHAR(255) NOT NULL, type VARCHAR(100) NOT NULL, received_at FLOAT NOT NULL,"
            " PRIMARY KEY (event_id))",
        ],
    )


def v6_worker_registry(conn: Connection) -> None:
    """The registry of fleet processes (workers and API servers): each heartbeats its row
    (last seen, current applications) and keeps its counters there (claims, outcomes,
    retries, run times), so every API process serves the same metrics and the operator sees
    which workers are alive."""
    run_ddl(
        conn,
        [
            "CREATE TABLE IF NOT EXISTS fleet_workers ("
            " name VARCHAR(100) NOT NULL, kind VARCHAR(16) NOT NULL, host VARCHAR(255) NOT NULL,"
            " pid INTEGER NOT NULL, version VARCHAR(40) NOT NULL, state VARCHAR(16) NOT NULL,"
            " started_at FLOAT NOT NULL, last_seen FLOAT NOT NULL, stopped_at FLOAT,"
            " heartbeat_every FLOAT NOT NULL, concurrency INTEGER NOT NULL, jobs JSON, stats JSON,"
            " PRIMARY KEY (name))"
        ],
    )


FLEET = Track(
    name="fleet",
    table="fleet_schema_version",
    steps=(
        v1_fleet,
        v2_credentials,
        v3_user_settings,
        v4_meta,
        v5_accounts_and_plans,
        v6_worker_registry,
    ),
    create_table=_version_table,
    adopt=_adopt,
)

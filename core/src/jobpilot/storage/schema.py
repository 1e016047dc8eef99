"""The desktop database's tables as of the newest version (SQLAlchemy Core), for the code that
queries them. A change is a new step in ``migrations/desktop.py`` *and* the matching edit
here; the migration tests check the two agree."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

schema_version = Table(
    "schema_version",
    metadata,
    Column("version", Integer, primary_key=True),
    Column("applied_at", DateTime(timezone=True), nullable=False),
)

profiles = Table(
    "profiles",
    metadata,
    Column("name", String(200), primary_key=True),
    Column("data", LargeBinary, nullable=False),  # encrypted Profile JSON
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

runs = Table(
    "application_runs",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("url", Text, nullable=False),
    Column("site", String(255), nullable=False, index=True),
    Column("ats", String(64)),
    Column("profile", String(200)),
    Column("status", String(32), nullable=False, index=True),
    Column("submitted", Boolean, nullable=False, default=False),
    Column("record", JSON, nullable=False),  # ApplicationRun JSON (plan, results, evidence)
    Column("started_at", DateTime(timezone=True), nullable=False, index=True),
    Column("finished_at", DateTime(timezone=True)),
)

site_credentials = Table(
    "site_credentials",
    metadata,
    Column("ats", String(64), primary_key=True),
    Column("tenant", String(255), primary_key=True),  # e.g. the Workday tenant host
    Column("account", String(64), primary_key=True),  # sha256 of the lowercased account e-mail
    Column("secret", LargeBinary, nullable=False),  # encrypted JSON: e-mail, password, state
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

saved_jobs = Table(
    "saved_jobs",
    metadata,
    Column("id", String(64), primary_key=True),  # sha256 of the URL
    Column("url", Text, nullable=False),
    Column("title", Text, nullable=False, default=""),
    Column("company", Text, nullable=False, default=""),
    Column("description", Text, nullable=False, default=""),
    Column("added_at", DateTime(timezone=True), nullable=False),
)

embeddings = Table(
    "embeddings",
    metadata,
    Column("kind", String(16), primary_key=True),  # "job" | "resume"
    Column("owner", String(200), primary_key=True),  # saved job id | profile name
    Column("embedder", String(100), primary_key=True),
    Column("dimensions", Integer, nullable=False),
    Column("digest", String(64), nullable=False),  # sha256 of the embedded text
    Column("vector", JSON, nullable=False),  # PostgreSQL: a pgvector ``vector`` (desktop v4)
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

"""Registry tables (SQLAlchemy Core), prefixed ``registry_`` so they can share a database
with JobPilot's own. Changes go through ``migrations.py`` only."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

schema_version = Table(
    "registry_schema_version",
    metadata,
    Column("version", Integer, primary_key=True),
    Column("applied_at", DateTime(timezone=True), nullable=False),
)

users = Table(
    "registry_users",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(100), nullable=False, unique=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

tokens = Table(
    "registry_tokens",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("user_id", Integer, ForeignKey("registry_users.id"), nullable=False),
    Column("digest", String(64), nullable=False, unique=True),  # sha256 of the token; never the token
    Column("prefix", String(16), nullable=False),  # the first characters, to recognise it in a list
    Column("description", String(200), nullable=False, default=""),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True)),
)

projects = Table(
    "registry_projects",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(200), nullable=False),  # as first published
    Column("normalized", String(200), nullable=False, unique=True),  # PEP 503
    Column("created_at", DateTime(timezone=True), nullable=False),
)

owners = Table(
    "registry_owners",
    metadata,
    Column("project_id", Integer, ForeignKey("registry_projects.id"), primary_key=True),
    Column("user_id", Integer, ForeignKey("registry_users.id"), primary_key=True),
    Column("added_at", DateTime(timezone=True), nullable=False),
)

releases = Table(
    "registry_releases",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("project_id", Integer, ForeignKey("registry_projects.id"), nullable=False),
    Column("version", String(100), nullable=False),  # as uploaded
    Column("canonical_version", String(100), nullable=False),  # packaging canonicalize_version
    Column("summary", Text, nullable=False, default=""),
    Column("requires_python", String(200)),
    Column("yanked", Boolean, nullable=False, default=False),
    Column("yanked_reason", Text, nullable=False, default=""),
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("project_id", "canonical_version", name="uq_registry_release"),
)

files = Table(
    "registry_files",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("release_id", Integer, ForeignKey("registry_releases.id"), nullable=False, index=True),
    Column("filename", String(255), nullable=False, unique=True),
    Column("file_key", String(300), nullable=False, unique=True),  # see names.DistFilename.key
    Column("packagetype", String(20), nullable=False),
    Column("python_version", String(50), nullable=False, default=""),
    Column("requires_python", String(200)),
    Column("sha256", String(64), nullable=False),
    Column("size", BigInteger, nullable=False),
    Column("metadata_sha256", String(64)),  # PEP 658: sha256 of the wheel's METADATA
    Column("path", String(400), nullable=False),  # relative to the files directory
    Column("uploaded_by", Integer, ForeignKey("registry_users.id"), nullable=False),
    Column("uploaded_at", DateTime(timezone=True), nullable=False),
)

plugins = Table(
    "registry_plugins",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("release_id", Integer, ForeignKey("registry_releases.id"), nullable=False, index=True),
    Column("name", String(100), nullable=False),  # the entry point name
    Column("module", String(200), nullable=False),
    Column("ats", String(64)),
    Column("description", Text, nullable=False, default=""),
    Column("hooks", JSON, nullable=False),
    Column("url_patterns", JSON, nullable=False),
    UniqueConstraint("release_id", "name", name="uq_registry_plugin"),
)

plugin_names = Table(
    "registry_plugin_names",
    metadata,
    # names.plugin_key of an entry point name: one plugin name, one project (the first to claim
    # it); the primary key decides a race between server processes.
    Column("key", String(100), primary_key=True),
    Column("project_id", Integer, ForeignKey("registry_projects.id"), nullable=False),
    Column("claimed_at", DateTime(timezone=True), nullable=False),
)

ALL = [users, tokens, projects, owners, releases, files, plugins, plugin_names]

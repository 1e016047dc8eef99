"""Persistence: SQLAlchemy 2 async over SQLite (embedded default) or PostgreSQL."""

from jobpilot.storage.db import Database

__all__ = ["Database"]

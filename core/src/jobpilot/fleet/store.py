"""The fleet's database: SQLite on one machine, PostgreSQL (asyncpg) when workers run on
several machines.

Everything but the queue itself lives here: opening the database (migrations under a lock
so several processes may start at once), users and their API tokens, applicants with their
encrypted profiles and resumes, evidence files and the event log that feeds the WebSocket
stream and the history. Queue operations are in :mod:`jobpilot.fleet.queue`.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import secrets
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any, TypeVar

from sqlalchemy import delete, event, insert, select, text, update
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine

from jobpilot.errors import JobPilotError, UsageError
from jobpilot.fleet import tables as t
from jobpilot.fleet.models import UserSettings
from jobpilot.models.profile import Profile
from jobpilot.storage import crypto
from jobpilot.storage.migrations import migrate_fleet, pending
from jobpilot.storage.migrations.fleet import FLEET

log = logging.getLogger("jobpilot.fleet")

T = TypeVar("T")

TIERS: dict[str, int] = {"free": 0, "pro": 10, "enterprise": 20}
"""The plan tiers as shipped (name -> base priority). The queue reads the priority and the
daily cap from the ``fleet_plans`` rows, which the operator may change; these are only the
names a user may be given and the fallback for a database without that row."""
DEFAULT_DAILY_CAP: dict[str, int] = {"free": 25, "pro": 100, "enterprise": 1000}

_MIGRATION_LOCK = 7_242_601  # pg_advisory_xact_lock key: one migrating process at a time


class SchemaBehind(UsageError):
    """The database needs migrations this process was told not to run."""


class NotFound(JobPilotError):
    """No such object for this user (another user's objects are not found either)."""


class Conflict(JobPilotError):
    """The request conflicts with the current state (a duplicate, a wrong state)."""

    def __init__(self, message: str, *, hint: str | None = None, existing: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.existing = existing


def new_id() -> str:
    return uuid.uuid4().hex


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


_SAME_BOARD = {
    "job-boards.greenhouse.io": "boards.greenhouse.io",
    "job-boards.eu.greenhouse.io": "boards.eu.greenhouse.io",
}
"""Hosts that serve the same job under another name: Greenhouse's React boards
(``job-boards.``) and classic boards (``boards.``) show one posting at the same path."""


def normalise_url(url: str) -> str:
    """The job's identity for de-duplication: scheme and host lowercased, no fragment, no
    trailing slash, tracking parameters (utm_*, gh_src, source, ref) dropped, and the
    Greenhouse board host twins (``job-boards.`` / ``boards.``) made one."""
    from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

    parts = urlsplit(url.strip())
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not (k.lower().startswith("utm_") or k.lower() in ("gh_src", "source", "ref", "lever-source"))
    ]
    path = parts.path.rstrip("/") or "/"
    netloc = parts.netloc.lower()
    if "@" not in netloc:
        host, sep, port = netloc.partition(":")
        netloc = _SAME_BOARD.get(host, host) + sep + port
    return urlunsplit((parts.scheme.lower(), netloc, path, urlencode(sorted(query)), ""))


def job_key(url: str) -> str:
    return hashlib.sha256(normalise_url(url).encode("utf-8")).hexdigest()


_TRANSIENT_TEXT = (
    "connection",
    "shutting down",
    "starting up",
    "not yet accepting",
    "terminating",
    "database is locked",
    "server closed",
    "recovery mode",
)


def is_transient(exc: BaseException) -> bool:
    """A database error worth retrying: connection refused or dropped (a restart), the
    server starting or shutting down, SQLite busy. Constraint violations and programming
    errors are not."""
    if isinstance(exc, OperationalError | OSError | ConnectionError | asyncio.TimeoutError):
        return True
    if not isinstance(exc, DBAPIError):
        return False
    if exc.connection_invalidated:
        return True
    seen: BaseException | None = exc.orig
    while seen is not None:  # asyncpg's own error, under SQLAlchemy's adapter
        state = str(getattr(seen, "sqlstate", "") or "")
        if state.startswith(("08", "57P")) or isinstance(seen, OSError | ConnectionError):
            return True
        seen = seen.__cause__
    text = str(exc).lower()
    return any(s in text for s in _TRANSIENT_TEXT)


class FleetStore:
    """The fleet database. ``url`` is a SQLAlchemy async URL: ``sqlite+aiosqlite:///path``
    or ``postgresql+asyncpg://user@host/db`` (``?host=/socket/dir`` for a Unix socket)."""

    def __init__(self, url: str, *, pool_size: int = 5) -> None:
        self.url = url
        self.is_postgres = url.startswith("postgresql")
        if self.is_postgres:
            self.engine: AsyncEngine = create_async_engine(
                url, pool_pre_ping=True, pool_size=pool_size, max_overflow=pool_size, pool_recycle=600
            )
        else:
            self.engine = create_async_engine(url, connect_args={"timeout": 30})
            _sqlite_begin_immediate(self.engine)

    async def open(self, *, migrate: bool = True) -> FleetStore:
        """Connect and bring the schema up to date (``migrate``), or only check that it is
        (workers, ``serve --no-migrate``: ``jobpilot db upgrade`` migrates).

        :raises SchemaTooNew: the database was migrated by newer code;
        :raises SchemaBehind: ``migrate`` is off and versions are missing."""

        async def go() -> None:
            async with self.engine.begin() as conn:
                if self.is_postgres:
                    await conn.execute(text(f"SELECT pg_advisory_xact_lock({_MIGRATION_LOCK})"))
                if migrate:
                    await conn.run_sync(migrate_fleet)
                    return
                missing = await conn.run_sync(lambda c: pending(c, FLEET))
                if missing:
                    raise SchemaBehind(
                        f"the fleet database lacks schema version(s) {', '.join(map(str, missing))}"
                        " that this JobPilot needs",
                        hint="run `jobpilot db upgrade --database-url ...` once (see docs/operations.md)",
                    )

        await self.retry(go, attempts=20)
        return self

    async def close(self) -> None:
        await self.engine.dispose()

    async def __aenter__(self) -> FleetStore:
        return await self.open()

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    @asynccontextmanager
    async def tx(self) -> AsyncIterator[AsyncConnection]:
        """One transaction (BEGIN IMMEDIATE on SQLite: writers never deadlock there)."""
        async with self.engine.begin() as conn:
            yield conn

    async def retry(
        self, fn: Callable[[], Awaitable[T]], *, attempts: int = 8, first_delay: float = 0.2
    ) -> T:
        """Run ``fn`` again while the database is unreachable (a PostgreSQL restart, a busy
        SQLite file): exponential backoff up to 5 s between tries."""
        delay = first_delay
        for n in range(attempts):
            try:
                return await fn()
            except Exception as exc:
                if not is_transient(exc) or n == attempts - 1:
                    raise
                log.warning("database unavailable (%s); retrying in %.1f s", type(exc).__name__, delay)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 5.0)
        raise AssertionError("unreachable")

    # --- users and tokens ------------------------------------------------------------

    async def create_user(
        self, name: str, *, tier: str = "free", daily_cap: int | None = None, concurrency: int | None = None
    ) -> dict[str, Any]:
        """A user on plan ``tier``; ``daily_cap`` and ``concurrency`` (applications at once)
        override the plan's when given."""
        if tier not in TIERS:
            raise UsageError(f"unknown tier {tier!r}", hint="one of: " + ", ".join(TIERS))
        now = time.time()
        row = {
            "id": new_id(),
            "name": name,
            "tier": tier,
            "daily_cap": daily_cap if daily_cap is not None else DEFAULT_DAILY_CAP[tier],
            "concurrency": concurrency,
            "created_at": now,
        }
        async with self.tx() as conn:
            if await conn.scalar(select(t.users.c.id).where(t.users.c.name == name)):
                raise Conflict(f"a user named {name!r} exists", hint="choose another name")
            if daily_cap is None:  # the plan's row as the operator set it, else as shipped
                plan_cap = await conn.scalar(select(t.plans.c.daily_cap).where(t.plans.c.name == tier))
                if plan_cap is not None:
                    row["daily_cap"] = int(plan_cap)
            await conn.execute(insert(t.users).values(**row))
        return row

    async def get_user(self, user_id: str) -> dict[str, Any] | None:
        async with self.engine.connect() as conn:
            row = (await conn.execute(select(t.users).where(t.users.c.id == user_id))).mappings().first()
        return dict(row) if row else None

    async def settings_of(self, user_id: str) -> UserSettings:
        """The user's settings (the defaults for what they never changed)."""
        user = await self.get_user(user_id)
        if user is None:
            raise NotFound(f"no user {user_id}")
        return UserSettings.model_validate(user.get("settings") or {})

    async def update_settings(self, user_id: str, change: dict[str, Any]) -> UserSettings:
        """Apply ``change`` (only the fields given) to the user's settings, validated whole."""
        async with self.tx() as conn:
            row = (
                (
                    await conn.execute(
                        select(t.users.c.settings).where(t.users.c.id == user_id).with_for_update()
                    )
                )
                .mappings()
                .first()
            )
            if row is None:
                raise NotFound(f"no user {user_id}")
            settings = UserSettings.model_validate({**(row["settings"] or {}), **change})
            await conn.execute(
                update(t.users).where(t.users.c.id == user_id).values(settings=settings.model_dump())
            )
        return settings

    async def user_by_name(self, name: str) -> dict[str, Any] | None:
        async with self.engine.connect() as conn:
            row = (await conn.execute(select(t.users).where(t.users.c.name == name))).mappings().first()
        return dict(row) if row else None

    async def issue_token(self, user_id: str, *, label: str = "") -> str:
        """A new API token for the user; only its digest is stored, so show it once."""
        token = "jp_" + secrets.token_urlsafe(32)
        async with self.tx() as conn:
            await conn.execute(
                insert(t.tokens).values(
                    digest=token_digest(token), user_id=user_id, label=label, created_at=time.time()
                )
            )
        return token

    async def user_for_token(self, token: str) -> dict[str, Any] | None:
        async with self.engine.connect() as conn:
            row = (
                (
                    await conn.execute(
                        select(t.users)
                        .join(t.tokens, t.tokens.c.user_id == t.users.c.id)
                        .where(t.tokens.c.digest == token_digest(token), t.users.c.disabled.is_(False))
                    )
                )
                .mappings()
                .first()
            )
        return dict(row) if row else None

    # --- applicants and resumes --------------------------------------------------------

    async def create_applicant(self, user_id: str, name: str, profile: Profile) -> dict[str, Any]:
        now = time.time()
        row = {
            "id": new_id(),
            "user_id": user_id,
            "name": name,
            "profile": _encrypt_profile(profile),
            "created_at": now,
            "updated_at": now,
        }
        async with self.tx() as conn:
            await conn.execute(insert(t.applicants).values(**row))
        return row

    async def update_profile(self, user_id: str, applicant_id: str, profile: Profile) -> dict[str, Any]:
        async with self.tx() as conn:
            res = await conn.execute(
                update(t.applicants)
                .where(t.applicants.c.id == applicant_id, t.applicants.c.user_id == user_id)
                .values(profile=_encrypt_profile(profile), updated_at=time.time())
            )
            if not res.rowcount:
                raise NotFound(f"no applicant {applicant_id}")
        return await self.get_applicant(user_id, applicant_id)

    async def get_applicant(self, user_id: str, applicant_id: str) -> dict[str, Any]:
        async with self.engine.connect() as conn:
            row = (
                (
                    await conn.execute(
                        select(t.applicants).where(
                            t.applicants.c.id == applicant_id, t.applicants.c.user_id == user_id
                        )
                    )
                )
                .mappings()
                .first()
            )
        if row is None:
            raise NotFound(f"no applicant {applicant_id}")
        return dict(row)

    async def list_applicants(self, user_id: str) -> list[dict[str, Any]]:
        async with self.engine.connect() as conn:
            rows = await conn.execute(
                select(t.applicants)
                .where(t.applicants.c.user_id == user_id)
                .order_by(t.applicants.c.created_at)
            )
            return [dict(r) for r in rows.mappings()]

    async def delete_applicant(self, user_id: str, applicant_id: str) -> None:
        async with self.tx() as conn:
            res = await conn.execute(
                delete(t.applicants).where(
                    t.applicants.c.id == applicant_id, t.applicants.c.user_id == user_id
                )
            )
            if not res.rowcount:
                raise NotFound(f"no applicant {applicant_id}")
            await conn.execute(delete(t.resumes).where(t.resumes.c.applicant_id == applicant_id))

    async def add_resume(
        self,
        user_id: str,
        applicant_id: str,
        *,
        name: str,
        filename: str,
        content_type: str,
        data: bytes,
        default: bool = False,
    ) -> dict[str, Any]:
        await self.get_applicant(user_id, applicant_id)  # NotFound for another user's applicant
        row = {
            "id": new_id(),
            "applicant_id": applicant_id,
            "user_id": user_id,
            "name": name,
            "filename": filename,
            "content_type": content_type,
            "size": len(data),
            "sha256": hashlib.sha256(data).hexdigest(),
            "data": crypto.encrypt(data),
            "created_at": time.time(),
        }
        async with self.tx() as conn:
            existing = await conn.scalar(
                select(t.resumes.c.id).where(t.resumes.c.applicant_id == applicant_id).limit(1)
            )
            row["is_default"] = default or existing is None
            if row["is_default"]:
                await conn.execute(
                    update(t.resumes).where(t.resumes.c.applicant_id == applicant_id).values(is_default=False)
                )
            await conn.execute(insert(t.resumes).values(**row))
        return row

    async def list_resumes(self, user_id: str, applicant_id: str) -> list[dict[str, Any]]:
        await self.get_applicant(user_id, applicant_id)
        async with self.engine.connect() as conn:
            rows = await conn.execute(
                select(*[c for c in t.resumes.c if c.name != "data"])
                .where(t.resumes.c.applicant_id == applicant_id)
                .order_by(t.resumes.c.created_at)
            )
            return [dict(r) for r in rows.mappings()]

    async def resume_file(self, resume_id: str) -> tuple[str, bytes] | None:
        """(file name, bytes) of a resume, for the worker that uploads it."""
        async with self.engine.connect() as conn:
            row = (
                await conn.execute(
                    select(t.resumes.c.filename, t.resumes.c.data).where(t.resumes.c.id == resume_id)
                )
            ).first()
        return (row[0], crypto.decrypt(row[1])) if row else None

    async def default_resume(self, applicant_id: str) -> str | None:
        async with self.engine.connect() as conn:
            return await conn.scalar(
                select(t.resumes.c.id)
                .where(t.resumes.c.applicant_id == applicant_id)
                .order_by(t.resumes.c.is_default.desc(), t.resumes.c.created_at)
                .limit(1)
            )

    async def profile_of(self, applicant_id: str) -> Profile:
        async with self.engine.connect() as conn:
            blob = await conn.scalar(select(t.applicants.c.profile).where(t.applicants.c.id == applicant_id))
        if blob is None:
            raise NotFound(f"no applicant {applicant_id}")
        return Profile.model_validate_json(crypto.decrypt(blob))

    # --- evidence and events -----------------------------------------------------------

    async def save_evidence(self, job_id: str, files: list[tuple[str, str, bytes]]) -> None:
        """Store (name, content type, bytes) files for a job, replacing same-named ones."""
        if not files:
            return
        async with self.tx() as conn:
            names = [f[0] for f in files]
            await conn.execute(
                delete(t.evidence).where(t.evidence.c.job_id == job_id, t.evidence.c.name.in_(names))
            )
            now = time.time()
            await conn.execute(
                insert(t.evidence),
                [
                    {"job_id": job_id, "name": n, "content_type": ct, "data": d, "created_at": now}
                    for n, ct, d in files
                ],
            )

    async def evidence_names(self, job_id: str) -> list[tuple[str, str, int]]:
        async with self.engine.connect() as conn:
            rows = await conn.execute(
                select(t.evidence.c.name, t.evidence.c.content_type, t.evidence.c.data)
                .where(t.evidence.c.job_id == job_id)
                .order_by(t.evidence.c.id)
            )
            return [(r[0], r[1], len(r[2])) for r in rows]

    async def evidence_file(self, job_id: str, name: str) -> tuple[str, bytes] | None:
        async with self.engine.connect() as conn:
            row = (
                await conn.execute(
                    select(t.evidence.c.content_type, t.evidence.c.data).where(
                        t.evidence.c.job_id == job_id, t.evidence.c.name == name
                    )
                )
            ).first()
        return (row[0], bytes(row[1])) if row else None

    async def events_after(self, after_id: int, *, limit: int = 500) -> list[dict[str, Any]]:
        async with self.engine.connect() as conn:
            rows = await conn.execute(
                select(t.events).where(t.events.c.id > after_id).order_by(t.events.c.id).limit(limit)
            )
            return [dict(r) for r in rows.mappings()]

    async def events_by_id(self, ids: list[int]) -> list[dict[str, Any]]:
        if not ids:
            return []
        async with self.engine.connect() as conn:
            rows = await conn.execute(select(t.events).where(t.events.c.id.in_(ids)).order_by(t.events.c.id))
            return [dict(r) for r in rows.mappings()]

    async def last_event_id(self) -> int:
        from sqlalchemy import func

        async with self.engine.connect() as conn:
            return int(await conn.scalar(select(func.max(t.events.c.id))) or 0)

    async def history(self, user_id: str, job_id: str) -> list[dict[str, Any]]:
        async with self.engine.connect() as conn:
            rows = await conn.execute(
                select(t.events)
                .where(t.events.c.job_id == job_id, t.events.c.user_id == user_id)
                .order_by(t.events.c.id)
            )
            return [dict(r) for r in rows.mappings()]


async def learn_answers(conn: AsyncConnection, applicant_id: str, pairs: list[tuple[str, str]]) -> None:
    """Save (question, answer) pairs as saved answers of the applicant's stored profile, in
    the caller's transaction (the answer and what was learned from it commit together). A
    saved answer to the same question (case and spacing aside) is replaced: the person's
    latest word wins."""
    from jobpilot.models.profile import SavedAnswer

    blob = await conn.scalar(
        select(t.applicants.c.profile).where(t.applicants.c.id == applicant_id).with_for_update()
    )
    if blob is None or not pairs:
        return
    profile = Profile.model_validate_json(crypto.decrypt(blob))
    saved = profile.application.answers

    def key(q: str) -> str:
        return " ".join(q.lower().split())

    for question, answer in pairs:
        saved[:] = [a for a in saved if key(a.question) != key(question)]
        saved.append(SavedAnswer(question=question, answer=answer))
    await conn.execute(
        update(t.applicants)
        .where(t.applicants.c.id == applicant_id)
        .values(profile=_encrypt_profile(profile), updated_at=time.time())
    )


async def add_event(
    conn: AsyncConnection, job: dict[str, Any], state: str, message: str = "", *, worker: str | None = None
) -> None:
    await conn.execute(
        insert(t.events).values(
            user_id=job["user_id"],
            job_id=job["id"],
            state=state,
            message=message,
            worker=worker,
            at=time.time(),
        )
    )


def _encrypt_profile(profile: Profile) -> bytes:
    return crypto.encrypt(profile.model_dump_json(by_alias=True).encode())


def _sqlite_begin_immediate(engine: AsyncEngine) -> None:
    """SQLite with several writers (worker processes on one machine): WAL, a busy timeout,
    and BEGIN IMMEDIATE so a transaction takes the write lock up front instead of failing
    with "database is locked" when it upgrades from a read."""

    @event.listens_for(engine.sync_engine, "connect")
    def _connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def dumps(value: Any) -> str:
    return json.dumps(value, default=str)

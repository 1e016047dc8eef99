"""Registry state: metadata in a database (SQLAlchemy async), files in a directory.

Every write is atomic. An upload is streamed to ``tmp/`` first; publishing it is one database
transaction inside which the file is linked into place, in a directory of this upload's own
(``files/<sha[:2]>/<sha>.<nonce>/<name>``); if the transaction fails that directory is removed
again. A process killed in between leaves at most a stray temporary file or an unreferenced
file, which nothing serves (the index is read from the database) and which the next start
sweeps away.

Several server processes may share one database (and one files directory). Their uploads
are not serialised by the in-process lock, so two first-publishes of one name, or two
uploads of one file, can both pass the checks and race to insert: the database's unique
constraints pick the winner, and the loser's ``IntegrityError`` is answered by running the
checks again on the committed state (a 409 for a file that now exists, a 403 for a project
another publisher now owns; a same-owner race simply succeeds on the retry). Because every
upload places its file in a directory only it created, a loser's cleanup can never remove
the winner's file, even though both have the same sha256 and name.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import os
import secrets
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from packaging.utils import canonicalize_version
from packaging.version import InvalidVersion, Version
from sqlalchemy import insert, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine

from jobpilot_registry import schema as t
from jobpilot_registry.distinspect import DistInfo
from jobpilot_registry.errors import BadUpload, Conflict, Forbidden, NotFound
from jobpilot_registry.lookalike import confusable
from jobpilot_registry.migrations import migrate
from jobpilot_registry.names import (
    FOREIGN_PROJECTS,
    FRAMEWORK_PROJECTS,
    DistFilename,
    normalize,
    parse_version,
    plugin_key,
)

TOKEN_PREFIX = "jpr_"
PUBLISH_ATTEMPTS = 3
"""Tries of one upload whose insert lost a race to another process (see the module doc)."""
NEW_PROJECT_LOCK = 0x6A70_6E65_7770
"""PostgreSQL advisory lock taken by a transaction that creates a project, so the look-alike
check across processes sees every project committed before it (creating a project is rare)."""
ORPHAN_AGE_S = 60.0
"""Unreferenced files older than this are swept at start (younger ones may belong to an
upload another process is committing right now)."""


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def sort_versions(versions: list[str]) -> list[str]:
    def key(v: str) -> tuple[int, Any]:
        try:
            return (1, Version(v))
        except InvalidVersion:
            return (0, v)

    return sorted(versions, key=key)


@dataclass(frozen=True)
class FileRecord:
    filename: str
    version: str
    path: str
    sha256: str
    size: int
    requires_python: str | None
    metadata_sha256: str | None
    yanked: bool
    yanked_reason: str
    uploaded_at: datetime
    packagetype: str

    @property
    def url_path(self) -> str:
        return f"/files/{self.path}"


@dataclass(frozen=True)
class ProjectIndex:
    name: str
    normalized: str
    files: list[FileRecord]
    versions: list[str]


class RegistryStore:
    def __init__(self, data_dir: Path, database_url: str | None = None) -> None:
        self.data_dir = Path(data_dir)
        self.files_dir = self.data_dir / "files"
        self.tmp_dir = self.data_dir / "tmp"
        self.database_url = database_url or f"sqlite+aiosqlite:///{self.data_dir / 'registry.db'}"
        self.engine: AsyncEngine = create_async_engine(self.database_url)
        self._locks: dict[str, asyncio.Lock] = {}
        self.generation = 0
        """Bumped by every write this process makes (the server's page cache keys on it)."""

    async def open(self, *, sweep: bool = True) -> RegistryStore:
        self.files_dir.mkdir(parents=True, exist_ok=True)
        self.tmp_dir.mkdir(parents=True, exist_ok=True)
        async with self.engine.begin() as conn:
            await conn.run_sync(migrate)
        if sweep:
            await self.sweep()
        return self

    async def close(self) -> None:
        await self.engine.dispose()

    async def __aenter__(self) -> RegistryStore:
        return await self.open()

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    # --- publishers and tokens ---------------------------------------------------------

    async def _user_id(self, conn: AsyncConnection, name: str, *, create: bool) -> int | None:
        uid = await conn.scalar(select(t.users.c.id).where(t.users.c.name == name))
        if uid is None and create:
            res = await conn.execute(insert(t.users).values(name=name, created_at=datetime.now(UTC)))
            uid = res.inserted_primary_key[0]  # type: ignore[index]
        return int(uid) if uid is not None else None

    async def user_id(self, name: str, *, create: bool = False) -> int:
        """The publisher's id (created when ``create``); NotFound otherwise."""
        name = name.strip()
        if not name or len(name) > 100 or any(c.isspace() for c in name):
            raise BadUpload("a user name is 1-100 characters without spaces")
        async with self.engine.begin() as conn:
            uid = await self._user_id(conn, name, create=create)
        if uid is None:
            raise NotFound(f"no user {name!r}: create a token for them first")
        self.generation += 1
        return uid

    async def has_file(self, file_key: str, sha256: str) -> bool:
        """Is this exact file (same key, same bytes) published?"""
        async with self.engine.connect() as conn:
            found = await conn.scalar(
                select(t.files.c.id).where(t.files.c.file_key == file_key, t.files.c.sha256 == sha256)
            )
        return found is not None

    async def create_token(self, user: str, *, description: str = "") -> str:
        """A new API token for ``user`` (created if new). Only its digest is stored."""
        user = user.strip()
        if not user or len(user) > 100 or any(c.isspace() for c in user):
            raise BadUpload("a user name is 1-100 characters without spaces")
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        async with self.engine.begin() as conn:
            uid = await self._user_id(conn, user, create=True)
            await conn.execute(
                insert(t.tokens).values(
                    user_id=uid,
                    digest=token_digest(token),
                    prefix=token[:10],
                    description=description,
                    created_at=datetime.now(UTC),
                )
            )
        self.generation += 1
        return token

    async def list_tokens(self) -> list[dict[str, Any]]:
        q = (
            select(
                t.tokens.c.id,
                t.users.c.name,
                t.tokens.c.prefix,
                t.tokens.c.description,
                t.tokens.c.created_at,
                t.tokens.c.revoked_at,
            )
            .join(t.users, t.users.c.id == t.tokens.c.user_id)
            .order_by(t.tokens.c.id)
        )
        async with self.engine.connect() as conn:
            return [
                {
                    "id": r[0],
                    "user": r[1],
                    "prefix": r[2],
                    "description": r[3],
                    "created_at": r[4],
                    "revoked": r[5] is not None,
                }
                for r in await conn.execute(q)
            ]

    async def revoke_token(self, token_id: int) -> bool:
        async with self.engine.begin() as conn:
            res = await conn.execute(
                update(t.tokens)
                .where(t.tokens.c.id == token_id, t.tokens.c.revoked_at.is_(None))
                .values(revoked_at=datetime.now(UTC))
            )
        self.generation += 1
        return bool(res.rowcount)

    async def user_for_token(self, token: str) -> tuple[int, str] | None:
        if not token.startswith(TOKEN_PREFIX):
            return None
        q = (
            select(t.users.c.id, t.users.c.name)
            .join(t.tokens, t.tokens.c.user_id == t.users.c.id)
            .where(t.tokens.c.digest == token_digest(token), t.tokens.c.revoked_at.is_(None))
        )
        async with self.engine.connect() as conn:
            row = (await conn.execute(q)).first()
        return (int(row[0]), str(row[1])) if row else None

    async def add_owner(self, project: str, user: str) -> None:
        async with self.engine.begin() as conn:
            pid = await conn.scalar(
                select(t.projects.c.id).where(t.projects.c.normalized == normalize(project))
            )
            if pid is None:
                raise NotFound(f"no project {project!r}")
            uid = await self._user_id(conn, user, create=False)
            if uid is None:
                raise NotFound(f"no user {user!r}: create a token for them first")
            exists = await conn.scalar(
                select(t.owners.c.user_id).where(t.owners.c.project_id == pid, t.owners.c.user_id == uid)
            )
            if exists is None:
                await conn.execute(
                    insert(t.owners).values(project_id=pid, user_id=uid, added_at=datetime.now(UTC))
                )
        self.generation += 1

    # --- publishing --------------------------------------------------------------------

    @contextlib.contextmanager
    def temp_upload(self) -> Iterator[tuple[Path, Any]]:
        """A temporary file for an incoming upload (removed on exit unless published)."""
        fd, name = tempfile.mkstemp(prefix=f"upload-{os.getpid()}-", suffix=".part", dir=self.tmp_dir)
        path = Path(name)
        fh = os.fdopen(fd, "wb")
        try:
            yield path, fh
        finally:
            fh.close()
            path.unlink(missing_ok=True)

    def _lock(self, key: str) -> asyncio.Lock:
        return self._locks.setdefault(key, asyncio.Lock())

    async def publish(
        self,
        *,
        user_id: int,
        dist: DistFilename,
        info: DistInfo,
        tmp: Path,
        sha256: str,
        size: int,
        python_version: str = "",
        operator: bool = False,
    ) -> FileRecord:
        """Record an uploaded file and move it into place, all or nothing.

        ``operator`` (``jobpilot registry publish``, never an HTTP upload) may create the
        projects reserved for JobPilot's own distributions.

        A unique-constraint violation means another process committed a conflicting row
        while this transaction ran; the checks are run again against what it committed, so
        the person gets the same 409/403 as if the uploads had come one after the other
        (never a 500), and an upload that does not really conflict (the same owner's wheel
        and sdist creating the project at once) goes through."""
        last: IntegrityError | None = None
        for _attempt in range(PUBLISH_ATTEMPTS):
            try:
                return await self._publish_once(
                    user_id=user_id,
                    dist=dist,
                    info=info,
                    tmp=tmp,
                    sha256=sha256,
                    size=size,
                    python_version=python_version,
                    operator=operator,
                )
            except IntegrityError as exc:
                last = exc  # another process won a race: the next try sees what it committed
        raise Conflict(
            f"{dist.filename}: other uploads to {info.name!r} kept being committed at the same moment; "
            "try again"
        ) from last

    async def _publish_once(
        self,
        *,
        user_id: int,
        dist: DistFilename,
        info: DistInfo,
        tmp: Path,
        sha256: str,
        size: int,
        python_version: str,
        operator: bool,
    ) -> FileRecord:
        # A directory of this upload's own: no other upload (in this process or another,
        # even of the same file) ever writes or removes anything in it.
        rel = f"{sha256[:2]}/{sha256}.{secrets.token_hex(6)}/{dist.filename}"
        final = self.files_dir / rel
        metadata_sha = hashlib.sha256(info.metadata).hexdigest() if info.metadata is not None else None
        now = datetime.now(UTC)
        created: list[Path] = []
        async with self._lock(dist.project):
            try:
                async with self.engine.begin() as conn:
                    project = (
                        await conn.execute(
                            select(t.projects.c.id, t.projects.c.name).where(
                                t.projects.c.normalized == dist.project
                            )
                        )
                    ).first()
                    if project is None:
                        await self._check_new_project(conn, info.name, user_id, operator=operator)
                        res = await conn.execute(
                            insert(t.projects).values(name=info.name, normalized=dist.project, created_at=now)
                        )
                        pid = int(res.inserted_primary_key[0])  # type: ignore[index]
                        await conn.execute(
                            insert(t.owners).values(project_id=pid, user_id=user_id, added_at=now)
                        )
                    else:
                        pid, existing = int(project[0]), str(project[1])
                        owner = await conn.scalar(
                            select(t.owners.c.user_id).where(
                                t.owners.c.project_id == pid, t.owners.c.user_id == user_id
                            )
                        )
                        if owner is None:
                            if existing != info.name:
                                raise Forbidden(
                                    f"{info.name!r} is the same name as the existing project {existing!r} "
                                    "(names that differ only by case, '-', '_' or '.' are one project, "
                                    "PEP 503) and it belongs to another publisher: choose another name"
                                )
                            raise Forbidden(
                                f"project {existing!r} belongs to another publisher: only its owners "
                                "can upload to it (ask an owner to add you, or choose another name)"
                            )
                        if existing != info.name:
                            raise BadUpload(
                                f"project {existing!r} is published under that spelling; {info.name!r} "
                                f"differs only by case, '-', '_' or '.': set name = \"{existing}\" in "
                                "pyproject.toml and rebuild"
                            )
                    dup = await conn.scalar(
                        select(t.files.c.filename).where(
                            (t.files.c.file_key == dist.key) | (t.files.c.filename == dist.filename)
                        )
                    )
                    if dup is not None:
                        raise Conflict(
                            f"File already exists: {dup} was published before and versions are "
                            "immutable; bump the version to publish a change"
                        )
                    canonical = canonicalize_version(dist.version)
                    release = (
                        await conn.execute(
                            select(t.releases.c.id).where(
                                t.releases.c.project_id == pid, t.releases.c.canonical_version == canonical
                            )
                        )
                    ).first()
                    if release is None:
                        res = await conn.execute(
                            insert(t.releases).values(
                                project_id=pid,
                                version=info.version,
                                canonical_version=canonical,
                                summary=info.summary,
                                requires_python=info.requires_python,
                                yanked=False,
                                yanked_reason="",
                                created_at=now,
                            )
                        )
                        rid = int(res.inserted_primary_key[0])  # type: ignore[index]
                    else:
                        rid = int(release[0])
                    await conn.execute(
                        insert(t.files).values(
                            release_id=rid,
                            filename=dist.filename,
                            file_key=dist.key,
                            packagetype=dist.packagetype,
                            python_version=python_version,
                            requires_python=info.requires_python,
                            sha256=sha256,
                            size=size,
                            metadata_sha256=metadata_sha,
                            path=rel,
                            uploaded_by=user_id,
                            uploaded_at=now,
                        )
                    )
                    await self._claim_plugin_names(conn, pid, user_id, info)
                    known = set(
                        (await conn.execute(select(t.plugins.c.name).where(t.plugins.c.release_id == rid)))
                        .scalars()
                        .all()
                    )
                    for plugin in info.plugins:
                        if plugin.name in known:
                            continue
                        await conn.execute(
                            insert(t.plugins).values(
                                release_id=rid,
                                name=plugin.name,
                                module=plugin.module,
                                ats=plugin.ats,
                                description=plugin.description,
                                hooks=plugin.hooks,
                                url_patterns=plugin.url_patterns,
                            )
                        )
                    # Files go into place inside the transaction: the commit below publishes them.
                    await asyncio.to_thread(self._place, tmp, final, info.metadata, created)
            except BaseException:
                for path in created:  # only what this upload created: its own directory
                    path.unlink(missing_ok=True)
                for folder in (final.parent, final.parent.parent):
                    with contextlib.suppress(OSError):
                        folder.rmdir()  # only if empty (the sha[:2] folder is shared)
                raise
            finally:
                self.generation += 1
        return FileRecord(
            filename=dist.filename,
            version=info.version,
            path=rel,
            sha256=sha256,
            size=size,
            requires_python=info.requires_python,
            metadata_sha256=metadata_sha,
            yanked=False,
            yanked_reason="",
            uploaded_at=now,
            packagetype=dist.packagetype,
        )

    async def _check_new_project(
        self, conn: AsyncConnection, name: str, user_id: int, *, operator: bool
    ) -> None:
        """May ``user_id`` create a project called ``name``? Reserved names, and names another
        publisher's project could be mistaken for (typosquatting), are refused."""
        canon = normalize(name)
        if canon in FOREIGN_PROJECTS:
            raise Forbidden(
                f"the name {name!r} is not used by JobPilot (on PyPI it is an unrelated project) and "
                "cannot be published here: choose another name"
            )
        if canon in FRAMEWORK_PROJECTS and not operator:
            raise Forbidden(
                f"{name!r} is reserved for JobPilot's own distributions: the registry's operator "
                "publishes it (jobpilot registry publish); choose another name for a plugin"
            )
        if conn.dialect.name == "postgresql":
            await conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": NEW_PROJECT_LOCK})
        for reserved in (*FRAMEWORK_PROJECTS, *FOREIGN_PROJECTS):
            if canon not in FRAMEWORK_PROJECTS and confusable(name, reserved):
                raise Forbidden(
                    f"{name!r} looks like {reserved!r}, a name reserved for JobPilot itself; "
                    "choose a name that cannot be mistaken for it"
                )
        rows = (
            await conn.execute(
                select(t.projects.c.name, t.projects.c.normalized, t.owners.c.user_id).outerjoin(
                    t.owners, t.owners.c.project_id == t.projects.c.id
                )
            )
        ).all()
        owners: dict[str, set[int]] = {}
        shown: dict[str, str] = {}
        for existing, normalized, owner in rows:
            owners.setdefault(normalized, set())
            shown[normalized] = existing
            if owner is not None:
                owners[normalized].add(int(owner))
        for normalized, who in owners.items():
            if user_id not in who and confusable(canon, normalized):
                raise Forbidden(
                    f"{name!r} can be mistaken for {shown[normalized]!r}, another publisher's project "
                    "(confusable characters such as 1/l/i and 0/o, or one letter added, dropped, "
                    "changed or swapped): choose a clearly different name, or ask its owner to add you"
                )

    async def _claim_plugin_names(
        self, conn: AsyncConnection, project_id: int, user_id: int, info: DistInfo
    ) -> None:
        """A plugin name belongs to the project that published it first; another project may
        carry it only when the uploader owns that first project too (a renamed project)."""
        for plugin in info.plugins:
            key = plugin_key(plugin.name)
            holder = await conn.scalar(select(t.plugin_names.c.project_id).where(t.plugin_names.c.key == key))
            if holder is None:
                await conn.execute(
                    insert(t.plugin_names).values(
                        key=key, project_id=project_id, claimed_at=datetime.now(UTC)
                    )
                )
                continue
            if int(holder) == project_id:
                continue
            owns = await conn.scalar(
                select(t.owners.c.user_id).where(
                    t.owners.c.project_id == holder, t.owners.c.user_id == user_id
                )
            )
            if owns is None:
                other = await conn.scalar(select(t.projects.c.name).where(t.projects.c.id == holder))
                raise Forbidden(
                    f"the plugin name {plugin.name!r} belongs to the project {other!r} of another "
                    "publisher: rename the entry point in [project.entry-points.jobpilot] (people "
                    "install and enable plugins by this name, so it must mean one project)"
                )

    def _place(self, tmp: Path, final: Path, metadata: bytes | None, created: list[Path]) -> None:
        """Put the upload (and its METADATA, for PEP 658) in place, in a new directory of
        this upload's own, noting in ``created`` each path this call creates (removed again
        if the transaction fails). The upload is hard-linked, not moved, so ``tmp`` is still
        there if the transaction loses a race and is tried again."""
        final.parent.parent.mkdir(parents=True, exist_ok=True)
        final.parent.mkdir()  # FileExistsError if somehow not ours: never share a directory
        if metadata is not None:
            meta_final = final.with_name(final.name + ".metadata")
            fd, name = tempfile.mkstemp(prefix=f"meta-{os.getpid()}-", suffix=".part", dir=self.tmp_dir)
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(metadata)
                    fh.flush()
                    os.fsync(fh.fileno())
                os.link(name, meta_final)
                created.append(meta_final)
            finally:
                Path(name).unlink(missing_ok=True)
        os.link(tmp, final)
        created.append(final)
        _fsync_dir(final.parent)
        _fsync_dir(final.parent.parent)

    async def yank(
        self, project: str, version: str, *, reason: str = "", user_id: int | None = None, yanked: bool = True
    ) -> None:
        """Yank (or un-yank) a release (PEP 592). ``user_id`` None: the operator, no owner check."""
        canon = normalize(project)
        try:
            canonical_version = canonicalize_version(parse_version(version))
        except BadUpload:
            raise NotFound(f"{version[:100]!r} is not a version of {project[:200]!r}") from None
        async with self._lock(canon), self.engine.begin() as conn:
            pid = await conn.scalar(select(t.projects.c.id).where(t.projects.c.normalized == canon))
            if pid is None:
                raise NotFound(f"no project {project!r}")
            if user_id is not None:
                owner = await conn.scalar(
                    select(t.owners.c.user_id).where(
                        t.owners.c.project_id == pid, t.owners.c.user_id == user_id
                    )
                )
                if owner is None:
                    raise Forbidden(
                        f"project {project!r} belongs to another publisher: only its owners can yank"
                    )
            res = await conn.execute(
                update(t.releases)
                .where(t.releases.c.project_id == pid, t.releases.c.canonical_version == canonical_version)
                .values(yanked=yanked, yanked_reason=reason if yanked else "")
            )
            if not res.rowcount:
                raise NotFound(f"project {project!r} has no version {version}")
        self.generation += 1

    # --- reading -------------------------------------------------------------------------

    async def projects(self) -> list[tuple[str, str]]:
        async with self.engine.connect() as conn:
            rows = await conn.execute(
                select(t.projects.c.name, t.projects.c.normalized).order_by(t.projects.c.normalized)
            )
            return [(r[0], r[1]) for r in rows]

    async def project_index(self, normalized: str) -> ProjectIndex | None:
        q = (
            select(
                t.projects.c.name,
                t.releases.c.version,
                t.files.c.filename,
                t.files.c.path,
                t.files.c.sha256,
                t.files.c.size,
                t.files.c.requires_python,
                t.files.c.metadata_sha256,
                t.releases.c.yanked,
                t.releases.c.yanked_reason,
                t.files.c.uploaded_at,
                t.files.c.packagetype,
            )
            .select_from(t.projects)
            .outerjoin(t.releases, t.releases.c.project_id == t.projects.c.id)
            .outerjoin(t.files, t.files.c.release_id == t.releases.c.id)
            .where(t.projects.c.normalized == normalized)
            .order_by(t.files.c.id)
        )
        async with self.engine.connect() as conn:
            rows = (await conn.execute(q)).all()
        if not rows:
            return None
        files = [
            FileRecord(
                filename=r[2],
                version=r[1],
                path=r[3],
                sha256=r[4],
                size=int(r[5]),
                requires_python=r[6],
                metadata_sha256=r[7],
                yanked=bool(r[8]),
                yanked_reason=r[9] or "",
                uploaded_at=r[10],
                packagetype=r[11],
            )
            for r in rows
            if r[2] is not None
        ]
        versions = sort_versions(sorted({f.version for f in files}))
        return ProjectIndex(name=rows[0][0], normalized=normalized, files=files, versions=versions)

    async def file_path(self, rel: str) -> Path | None:
        """The file on disk for a published relative path (``<sha[:2]>/<sha>/<name>``)."""
        metadata = rel.endswith(".metadata")
        lookup = rel[: -len(".metadata")] if metadata else rel
        async with self.engine.connect() as conn:
            row = (
                await conn.execute(
                    select(t.files.c.path, t.files.c.metadata_sha256).where(t.files.c.path == lookup)
                )
            ).first()
        if row is None or (metadata and row[1] is None):
            return None
        return self.files_dir / rel

    async def catalog(self) -> list[dict[str, Any]]:
        """Every project with its versions and the plugins of its newest unyanked release."""
        async with self.engine.connect() as conn:
            rel_rows = (
                await conn.execute(
                    select(
                        t.projects.c.id,
                        t.projects.c.name,
                        t.projects.c.normalized,
                        t.releases.c.id,
                        t.releases.c.version,
                        t.releases.c.summary,
                        t.releases.c.requires_python,
                        t.releases.c.yanked,
                    ).join(t.releases, t.releases.c.project_id == t.projects.c.id)
                )
            ).all()
            plugin_rows = (
                await conn.execute(
                    select(
                        t.plugins.c.release_id,
                        t.plugins.c.name,
                        t.plugins.c.module,
                        t.plugins.c.ats,
                        t.plugins.c.description,
                        t.plugins.c.hooks,
                        t.plugins.c.url_patterns,
                    ).order_by(t.plugins.c.name)
                )
            ).all()
        by_release: dict[int, list[dict[str, Any]]] = {}
        for r in plugin_rows:
            by_release.setdefault(int(r[0]), []).append(
                {
                    "name": r[1],
                    "module": r[2],
                    "ats": r[3],
                    "description": r[4],
                    "hooks": list(r[5] or []),
                    "url_patterns": list(r[6] or []),
                }
            )
        projects: dict[int, dict[str, Any]] = {}
        for pid, name, normalized, rid, version, summary, requires_python, yanked in rel_rows:
            p = projects.setdefault(int(pid), {"project": name, "normalized": normalized, "releases": {}})
            p["releases"][version] = {
                "id": int(rid),
                "summary": summary,
                "requires_python": requires_python,
                "yanked": bool(yanked),
            }
        out: list[dict[str, Any]] = []
        for p in projects.values():
            releases = p.pop("releases")
            ordered = sort_versions(list(releases))
            live = [v for v in ordered if not releases[v]["yanked"]]
            latest = live[-1] if live else ordered[-1]
            rel = releases[latest]
            out.append(
                {
                    **p,
                    "version": latest,
                    "versions": live,
                    "yanked_versions": [v for v in ordered if releases[v]["yanked"]],
                    "summary": rel["summary"],
                    "requires_python": rel["requires_python"],
                    "plugins": by_release.get(rel["id"], []),
                }
            )
        return sorted(out, key=lambda p: p["normalized"])

    # --- upkeep and inspection -----------------------------------------------------------

    async def sweep(self) -> list[Path]:
        """Remove what crashed uploads left: temporary files of processes that are gone, and
        files no database row refers to (older than ``ORPHAN_AGE_S``)."""
        removed: list[Path] = []
        for path in self.tmp_dir.glob("*.part"):
            parts = path.name.split("-")
            pid = int(parts[1]) if len(parts) > 2 and parts[1].isdigit() else None
            if pid is None or not _alive(pid):
                path.unlink(missing_ok=True)
                removed.append(path)
        async with self.engine.connect() as conn:
            known = set((await conn.execute(select(t.files.c.path))).scalars().all())
        now = time.time()
        for path in self.files_dir.glob("*/*/*"):
            rel = path.relative_to(self.files_dir).as_posix()
            base = rel[: -len(".metadata")] if rel.endswith(".metadata") else rel
            if base in known:
                continue
            with contextlib.suppress(FileNotFoundError):
                if now - path.stat().st_mtime >= ORPHAN_AGE_S:
                    path.unlink()
                    removed.append(path)
        return removed

    async def dump(self) -> dict[str, Any]:
        """Every row of every registry table and every file on disk (for tests and audits)."""
        out: dict[str, Any] = {}
        async with self.engine.connect() as conn:
            for table in t.ALL:
                rows = (await conn.execute(select(table))).all()
                out[table.name] = sorted(tuple(str(v) for v in row) for row in rows)
        out["files_on_disk"] = sorted(
            (p.relative_to(self.data_dir).as_posix(), p.stat().st_size)
            for p in self.data_dir.rglob("*")
            if p.is_file() and p.parent != self.data_dir
        )
        return out


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


__all__ = ["FileRecord", "ProjectIndex", "RegistryStore", "token_digest"]

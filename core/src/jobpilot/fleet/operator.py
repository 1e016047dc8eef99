"""The operator's view of the fleet, shared by the admin API (``api/admin.py``, the
dashboard's operator page) and ``jobpilot fleet ...`` (which talks to the database
directly, so it works with the API down).

Reads: the worker registry, applications across users (as work: never profiles, answers,
records or evidence), users with their usage and tokens. Changes: bulk retry / release /
cancel (each application in its own transaction, by the queue's rules), a user's plan, cap,
concurrency and disabled switch, and revoking a user's token.
"""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import and_, delete, func, select, true, update

from jobpilot.errors import UsageError
from jobpilot.fleet import operator_models as om
from jobpilot.fleet import tables as t
from jobpilot.fleet.models import ts
from jobpilot.fleet.queue import BULK_ACTIONS, Queue
from jobpilot.fleet.registry import RunStats, list_processes
from jobpilot.fleet.store import Conflict, FleetStore, NotFound

TOKEN_ID = 16
"""A token is named by this many hex digits of its digest (as in the user's own list)."""
ACTIVE_STATES = ("queued", "running", "needs_user", "submitting")


# --- workers ---------------------------------------------------------------------------


async def workers(
    store: FleetStore, *, include_stopped: bool = False, kind: str | None = "worker"
) -> list[om.WorkerInfo]:
    rows = await list_processes(store, kind=kind)
    out = []
    for row in rows:
        if row["stopped_at"] is not None and not include_stopped:
            continue
        stats = RunStats.from_json(row["stats"])
        out.append(
            om.WorkerInfo(
                name=row["name"],
                kind=row["kind"],
                host=row["host"],
                pid=row["pid"],
                version=row["version"],
                state=row["state"] if row["live"] or row["state"] == "stopped" else "silent",
                live=row["live"],
                started_at=ts(row["started_at"]),  # type: ignore[arg-type]
                last_seen=ts(row["last_seen"]),  # type: ignore[arg-type]
                stopped_at=ts(row["stopped_at"]),
                concurrency=row["concurrency"],
                jobs=[
                    om.HeldJob(
                        id=str(j.get("id")),
                        user_id=j.get("user_id"),
                        phase=str(j.get("phase") or ""),
                        since=ts(j.get("since")),
                    )
                    for j in row["jobs"]
                    if isinstance(j, dict)
                ],
                claims=stats.claims,
                outcomes=stats.outcomes,
            )
        )
    return out


# --- applications across users -----------------------------------------------------------


def _states(state: str | None) -> list[str] | None:
    if not state:
        return None
    names = [s.strip() for s in state.split(",") if s.strip()]
    unknown = [s for s in names if s not in om.STATES]
    if unknown:
        raise UsageError(f"unknown state {unknown[0]!r}", hint="one of: " + ", ".join(om.STATES))
    return names


def _filters(state: str | None, user_id: str | None, site: str | None) -> list[Any]:
    j = t.jobs
    where: list[Any] = []
    states = _states(state)
    if states:
        where.append(j.c.state.in_(states))
    if user_id:
        where.append(j.c.user_id == user_id)
    if site:
        where.append(j.c.site == site)
    return where


async def applications(
    store: FleetStore,
    *,
    state: str | None = None,
    user_id: str | None = None,
    site: str | None = None,
    limit: int = 100,
    offset: int = 0,
) -> om.AdminApplicationList:
    """Applications across users, most recently changed first, with the counts by state."""
    j, u = t.jobs, t.users
    where = _filters(state, user_id, site)
    cols = [c for c in j.c if c.name not in ("question", "answers", "record", "lease_token")]
    q = (
        select(*cols, u.c.name.label("user_name"))
        .select_from(j.outerjoin(u, u.c.id == j.c.user_id))
        .where(and_(true(), *where))
        .order_by(j.c.updated_at.desc(), j.c.id)
        .limit(limit)
        .offset(offset)
    )
    async with store.engine.connect() as conn:
        rows = [dict(r) for r in (await conn.execute(q)).mappings()]
        total = int(await conn.scalar(select(func.count()).select_from(j).where(and_(true(), *where))) or 0)
        counts = {
            r[0]: int(r[1]) for r in await conn.execute(select(j.c.state, func.count()).group_by(j.c.state))
        }
    return om.AdminApplicationList(
        counts=counts,
        total=total,
        applications=[
            om.AdminApplication(
                id=r["id"],
                user_id=r["user_id"],
                user_name=r["user_name"],
                site=r["site"],
                url=r["url"],
                submit=r["submit"],
                state=r["state"],
                attempts=r["attempts"],
                max_attempts=r["max_attempts"],
                priority=r["priority"],
                run_after=ts(r["run_after"]),  # type: ignore[arg-type]
                note=r["note"],
                last_error=r["last_error"],
                lease_owner=r["lease_owner"],
                created_at=ts(r["created_at"]),  # type: ignore[arg-type]
                updated_at=ts(r["updated_at"]),  # type: ignore[arg-type]
                finished_at=ts(r["finished_at"]),
            )
            for r in rows
        ],
    )


async def bulk(queue: Queue, action: str, selector: om.BulkIn) -> om.BulkResult:
    """``action`` (retry, release, cancel) on each selected application, one transaction
    each: one that may not change (its state forbids it) is reported and the rest go on."""
    if action not in BULK_ACTIONS:
        raise UsageError(f"unknown action {action!r}", hint="one of: " + ", ".join(BULK_ACTIONS))
    j = t.jobs
    if selector.ids is not None:
        q = select(j.c.id, j.c.user_id).where(j.c.id.in_(selector.ids))
    else:
        where = _filters(selector.state, selector.user_id, selector.site)
        q = (
            select(j.c.id, j.c.user_id)
            .where(and_(true(), *where))
            .order_by(j.c.created_at)
            .limit(selector.limit)
        )
    async with queue.store.engine.connect() as conn:
        found = {r.id: r.user_id for r in await conn.execute(q)}
    results: list[om.BulkItem] = []
    order = selector.ids if selector.ids is not None else list(found)
    for job_id in dict.fromkeys(order):
        if job_id not in found:
            results.append(om.BulkItem(id=job_id, ok=False, error=f"no application {job_id}"))
            continue
        try:
            job = await queue.store.retry(
                lambda job_id=job_id: queue.operator_action(action, found[job_id], job_id)  # type: ignore[misc]
            )
        except (Conflict, NotFound) as exc:
            results.append(om.BulkItem(id=job_id, ok=False, error=exc.message))
        else:
            results.append(om.BulkItem(id=job_id, ok=True, state=job["state"]))
    done = sum(1 for r in results if r.ok)
    return om.BulkResult(
        action=action,  # type: ignore[arg-type]
        matched=len(found),
        done=done,
        failed=len(results) - done,
        results=results,
    )


# --- users --------------------------------------------------------------------------------


async def users(
    store: FleetStore, *, limit: int = 200, offset: int = 0, user_id: str | None = None
) -> list[om.AdminUser]:
    u, p, j, s, tk = t.users, t.plans, t.jobs, t.submissions, t.tokens
    day = time.time() - 86_400
    active = select(func.count()).where(j.c.user_id == u.c.id, j.c.state.in_(ACTIVE_STATES)).scalar_subquery()
    today = (
        select(func.count())
        .where(s.c.user_id == u.c.id, s.c.created_at > day, s.c.state != "void")
        .scalar_subquery()
    )
    tokens = select(func.count()).where(tk.c.user_id == u.c.id).scalar_subquery()
    q = (
        select(
            u,
            p.c.concurrency.label("plan_concurrency"),
            active.label("active"),
            today.label("today"),
            tokens.label("token_count"),
        )
        .select_from(u.outerjoin(p, p.c.name == u.c.tier))
        .order_by(u.c.created_at, u.c.id)
        .limit(limit)
        .offset(offset)
    )
    if user_id is not None:
        q = q.where(u.c.id == user_id)
    async with store.engine.connect() as conn:
        rows = [dict(r) for r in (await conn.execute(q)).mappings()]
    return [
        om.AdminUser(
            id=r["id"],
            name=r["name"],
            tier=r["tier"],
            daily_cap=r["daily_cap"],
            concurrency=r["concurrency"] if r["concurrency"] is not None else (r["plan_concurrency"] or 1),
            concurrency_override=r["concurrency"],
            disabled=bool(r["disabled"]),
            created_at=ts(r["created_at"]),  # type: ignore[arg-type]
            submitted_today=int(r["today"] or 0),
            active=int(r["active"] or 0),
            tokens=int(r["token_count"] or 0),
        )
        for r in rows
    ]


async def user(store: FleetStore, user_id: str) -> om.AdminUser:
    found = await users(store, user_id=user_id, limit=1)
    if not found:
        raise NotFound(f"no user {user_id}")
    return found[0]


async def find_user(store: FleetStore, name_or_id: str) -> om.AdminUser:
    """A user by id or by name (the CLI takes either)."""
    found = await store.user_by_name(name_or_id)
    return await user(store, found["id"] if found else name_or_id)


async def set_user(store: FleetStore, user_id: str, change: om.UserPatchIn) -> om.AdminUser:
    """Apply the fields given in ``change`` in one transaction (see :class:`UserPatchIn`)."""
    from jobpilot.fleet.billing.plans import set_plan

    given = change.model_fields_set
    async with store.tx() as conn:
        exists = await conn.scalar(select(t.users.c.id).where(t.users.c.id == user_id).with_for_update())
        if exists is None:
            raise NotFound(f"no user {user_id}")
        if change.tier is not None:
            await set_plan(conn, user_id, change.tier)
        values: dict[str, Any] = {}
        if change.daily_cap is not None:
            values["daily_cap"] = change.daily_cap
        if "concurrency" in given:
            values["concurrency"] = change.concurrency
        if change.disabled is not None:
            values["disabled"] = change.disabled
        if values:
            await conn.execute(update(t.users).where(t.users.c.id == user_id).values(**values))
    return await user(store, user_id)


async def tokens(store: FleetStore, user_id: str) -> list[om.AdminToken]:
    await user(store, user_id)
    async with store.engine.connect() as conn:
        rows = await conn.execute(
            select(t.tokens.c.digest, t.tokens.c.label, t.tokens.c.created_at)
            .where(t.tokens.c.user_id == user_id)
            .order_by(t.tokens.c.created_at, t.tokens.c.digest)
        )
        return [
            om.AdminToken(id=r.digest[:TOKEN_ID], label=r.label, created_at=ts(r.created_at))  # type: ignore[arg-type]
            for r in rows
        ]


async def revoke(store: FleetStore, user_id: str, token_id: str) -> None:
    token_id = token_id.lower()
    if len(token_id) != TOKEN_ID or any(c not in "0123456789abcdef" for c in token_id):
        raise NotFound(f"no token {token_id[:40]!r}", hint=f"a token id is {TOKEN_ID} hex digits")
    async with store.tx() as conn:
        res = await conn.execute(
            delete(t.tokens).where(t.tokens.c.user_id == user_id, t.tokens.c.digest.startswith(token_id))
        )
    if not res.rowcount:
        raise NotFound(f"no token {token_id} for user {user_id}")


__all__ = [
    "applications",
    "bulk",
    "find_user",
    "revoke",
    "set_user",
    "tokens",
    "user",
    "users",
    "workers",
]

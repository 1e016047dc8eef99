"""The storage API the CLI and engine use; every write is one transaction."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from jobpilot.models.profile import Profile
from jobpilot.models.run import ApplicationRun
from jobpilot.storage import crypto, schema
from jobpilot.storage.migrations import migrate_desktop

_TENANT_IN_PATH: dict[str, str] = {
    "boards.greenhouse.io": "boards.greenhouse.io",
    "job-boards.greenhouse.io": "boards.greenhouse.io",
    "boards.eu.greenhouse.io": "boards.eu.greenhouse.io",
    "job-boards.eu.greenhouse.io": "boards.eu.greenhouse.io",
    "jobs.lever.co": "jobs.lever.co",
    "jobs.eu.lever.co": "jobs.eu.lever.co",
    "jobs.ashbyhq.com": "jobs.ashbyhq.com",
    "apply.workable.com": "apply.workable.com",
    "jobs.smartrecruiters.com": "jobs.smartrecruiters.com",
    "careers.smartrecruiters.com": "jobs.smartrecruiters.com",
    "jobs.jobvite.com": "jobs.jobvite.com",
    "ats.rippling.com": "ats.rippling.com",
}
"""Multi-tenant ATS hosts that name the employer in the first path segment
(``boards.greenhouse.io/<tenant>/jobs/1``) -> the host used in the key. Greenhouse's React
(``job-boards.``) and classic (``boards.``) hosts are one board, so one employer."""

_TENANT_IN_HOST = (
    "myworkdayjobs.com",
    "bamboohr.com",
    "recruitee.com",
    "teamtailor.com",
    "breezy.hr",
    "jobs.personio.de",
    "jobs.personio.com",
    "icims.com",
    "taleo.net",
    "applytojob.com",
    "workable.com",
    "pinpointhq.com",
    "freshteam.com",
    "zohorecruit.com",
    "oraclecloud.com",
)
"""ATS domains whose subdomain is the employer (``acme.wd5.myworkdayjobs.com``): the full
host is the key; their registrable domain would put every employer together."""

_CAREER_DC = re.compile(r"^career\d*\.(successfactors\.(com|eu)|sapsf\.(com|eu|cn))$")
"""SuccessFactors career-site data centres (``career4.successfactors.com``): one host, every
customer, told apart by the ``company`` query parameter."""

_TWO_LEVEL_SUFFIXES = frozenset(
    {
        "co.uk", "org.uk", "ac.uk", "gov.uk", "ltd.uk", "plc.uk", "me.uk",
        "com.au", "net.au", "org.au", "edu.au", "gov.au",
        "co.nz", "org.nz", "co.jp", "ne.jp", "or.jp", "co.kr", "co.in", "co.za", "co.il",
        "com.br", "com.mx", "com.ar", "com.cn", "com.hk", "com.sg", "com.tr", "com.tw",
        "com.my", "com.ph", "com.pl", "com.es", "com.pt", "com.co", "com.pe",
    }
)  # fmt: skip
"""Public suffixes of two labels, for the registrable domain without a suffix-list package."""


def site_of(url: str) -> str:
    """The employer key for per-site rate limits.

    A rate limit protects one employer from a burst of applications, so the key names the
    employer, not the server: on the multi-tenant ATS hosts every employer shares
    (``boards.greenhouse.io``, ``jobs.lever.co``, ``jobs.ashbyhq.com``, ...) it is the host
    plus the tenant path segment (``boards.greenhouse.io/acme``), on Workday's shared
    ``wdN.myworkdaysite.com`` the segment after ``recruiting``, on ATSes that give each
    employer a subdomain the full host, and elsewhere the registrable domain
    (``careers.acme.co.uk`` and ``jobs.acme.co.uk`` are both ``acme.co.uk``)."""
    from urllib.parse import parse_qs

    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").lower().rstrip(".")
    except ValueError:
        return ""
    segments = [s for s in parts.path.split("/") if s]
    if host in _TENANT_IN_PATH:
        base = _TENANT_IN_PATH[host]
        tenant = segments[0] if segments else ""
        if base.endswith("greenhouse.io") and tenant == "embed":
            # Embedded forms name the board in a query parameter: /embed/job_app?for=acme
            tenant = (parse_qs(parts.query).get("for") or [""])[0]
        return f"{base}/{tenant.lower()}" if tenant else base
    if host.endswith(".myworkdaysite.com"):
        lowered = [s.lower() for s in segments]
        if "recruiting" in lowered:
            i = lowered.index("recruiting")
            if i + 1 < len(lowered):
                return f"{host}/{lowered[i + 1]}"
        return host
    if _CAREER_DC.match(host):
        # SuccessFactors data centres serve every customer: the company parameter names it.
        company = (parse_qs(parts.query).get("company") or [""])[0].lower()
        return f"{host}/{company}" if company else host
    if any(host == d or host.endswith("." + d) for d in _TENANT_IN_HOST):
        return host[4:] if host.startswith("www.") else host
    return registrable_host(host)


def registrable_host(host: str) -> str:
    """The domain an organisation registered (``jobs.acme.com`` -> ``acme.com``), by a
    short list of two-label public suffixes; IP addresses and single labels stay as they are."""
    host = host.lower().rstrip(".")
    if not host or ":" in host or host.replace(".", "").isdigit():
        return host
    labels = host.split(".")
    if len(labels) <= 2:
        return host
    keep = 3 if ".".join(labels[-2:]) in _TWO_LEVEL_SUFFIXES else 2
    return ".".join(labels[-keep:])


class Database:
    def __init__(self, url: str) -> None:
        self.url = url
        self.engine: AsyncEngine = create_async_engine(url)

    async def __aenter__(self) -> Database:
        await self.open()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def open(self) -> None:
        async with self.engine.begin() as conn:
            await conn.run_sync(migrate_desktop)

    async def close(self) -> None:
        await self.engine.dispose()

    # --- profiles ------------------------------------------------------------------------

    async def save_profile(self, name: str, profile: Profile) -> None:
        blob = crypto.encrypt(profile.model_dump_json(by_alias=True).encode())
        now = datetime.now(UTC)
        async with self.engine.begin() as conn:
            exists = await conn.scalar(select(func.count()).where(schema.profiles.c.name == name))
            if exists:
                await conn.execute(
                    update(schema.profiles)
                    .where(schema.profiles.c.name == name)
                    .values(data=blob, updated_at=now)
                )
            else:
                await conn.execute(
                    insert(schema.profiles).values(name=name, data=blob, created_at=now, updated_at=now)
                )

    async def get_profile(self, name: str) -> Profile | None:
        async with self.engine.connect() as conn:
            blob = await conn.scalar(select(schema.profiles.c.data).where(schema.profiles.c.name == name))
        if blob is None:
            return None
        return Profile.model_validate_json(crypto.decrypt(blob))

    async def list_profiles(self) -> list[str]:
        async with self.engine.connect() as conn:
            rows = await conn.execute(select(schema.profiles.c.name).order_by("name"))
            return [r[0] for r in rows]

    # --- application runs -------------------------------------------------------------

    async def save_run(self, run: ApplicationRun, *, profile: str | None = None) -> None:
        # The record holds every value typed into the form (contact details, salary, EEO
        # answers): encrypted like the profile it came from. The columns beside it are what
        # the limits and listings query, and hold nothing personal.
        record: dict[str, Any] = {RECORD_CIPHER: crypto.encrypt(run.model_dump_json().encode()).decode()}
        values = {
            "url": run.url,
            "site": site_of(run.url),
            "ats": run.detection.ats if run.detection else None,
            "profile": profile,
            "status": run.status,
            "submitted": run.submitted,
            "record": record,
            "started_at": _utc(run.started_at),
            "finished_at": _utc(run.finished_at) if run.finished_at else None,
        }
        async with self.engine.begin() as conn:
            exists = await conn.scalar(select(func.count()).where(schema.runs.c.id == run.id))
            if exists:
                if profile is None:  # an update that does not name the profile keeps it
                    del values["profile"]
                await conn.execute(update(schema.runs).where(schema.runs.c.id == run.id).values(**values))
            else:
                await conn.execute(insert(schema.runs).values(id=run.id, **values))

    async def get_run(self, run_id: str) -> ApplicationRun | None:
        async with self.engine.connect() as conn:
            rec = await conn.scalar(select(schema.runs.c.record).where(schema.runs.c.id == run_id))
        return _run_of(rec) if rec is not None else None

    async def list_runs(self, limit: int = 50) -> list[ApplicationRun]:
        async with self.engine.connect() as conn:
            rows = await conn.execute(
                select(schema.runs.c.record).order_by(schema.runs.c.started_at.desc()).limit(limit)
            )
            return [_run_of(r[0]) for r in rows]

    async def submissions_since(self, since: datetime, *, site: str | None = None) -> int:
        """Applications submitted (or possibly submitted) since a time, optionally per site.

        ``needs_verification`` counts: a submit that may have gone through uses the quota.
        """
        q = select(func.count()).where(
            schema.runs.c.started_at >= since,
            schema.runs.c.status.in_(("submitted", "needs_verification")),
        )
        if site:
            q = q.where(schema.runs.c.site == site)
        async with self.engine.connect() as conn:
            return int(await conn.scalar(q) or 0)

    async def submitted_today(self) -> int:
        return await self.submissions_since(datetime.now(UTC) - timedelta(days=1))

    async def was_submitted(self, url: str, profile: str | None) -> bool:
        """True if this profile already submitted (or may have submitted) to this URL."""
        async with self.engine.connect() as conn:
            n = await conn.scalar(
                select(func.count()).where(
                    schema.runs.c.url == url,
                    schema.runs.c.profile == profile,
                    schema.runs.c.status.in_(("submitted", "needs_verification")),
                )
            )
            return bool(n)


def _utc(moment: datetime) -> datetime:
    """The same instant in UTC. SQLite keeps no offset, so the limits compare wall-clock
    strings: every stored time must be UTC, and a naive time (an old record) is local."""
    return moment.astimezone(UTC)


RECORD_CIPHER = "fernet"
"""Key of the encrypted run record in the ``record`` column."""


def _run_of(record: dict[str, Any]) -> ApplicationRun:
    """A stored run record: encrypted, or plain JSON as written before records were."""
    if RECORD_CIPHER in record:
        return ApplicationRun.model_validate_json(crypto.decrypt(record[RECORD_CIPHER].encode()))
    return ApplicationRun.model_validate(record)

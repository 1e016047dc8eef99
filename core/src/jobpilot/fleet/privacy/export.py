"""Everything the fleet holds about one user, as a zip: JSON per object, files as they are
(resumes decrypted, evidence screenshots and snapshots), the disclosure log of each
application. Secrets that only prove identity (the password hash, the TOTP secret, token
digests) are listed as held but not copied out."""

from __future__ import annotations

import asyncio
import io
import json
import zipfile
from pathlib import PurePosixPath
from typing import Any

from sqlalchemy import select

from jobpilot.fleet import tables as t
from jobpilot.fleet.store import FleetStore
from jobpilot.storage import crypto

README = """This archive holds everything JobPilot's fleet keeps about your account.

- user.json, account.json: your user, plan and account (the password hash, the second
  factor's secret and your API tokens' digests are held but, being secrets, not copied here)
- tokens.json, sessions.json, billing.json
- applicants/<id>/applicant.json: each applicant with the profile, decrypted;
  applicants/<id>/resumes/: the resume files as uploaded
- applications/<id>/application.json: the application with its fill record;
  history.json (every state change), submissions.json (the submission ledger),
  disclosures.json (what was sent to which AI provider), evidence/ (screenshots and files)
- site-accounts.json: accounts created for you on employers' sites, decrypted
"""


def _row(row: Any, drop: tuple[str, ...] = ()) -> dict[str, Any]:
    return {k: v for k, v in dict(row).items() if k not in drop}


def _safe(name: str) -> str:
    return PurePosixPath(name.replace("\\", "/")).name.replace("..", "_") or "file"


async def build(store: FleetStore, user_id: str) -> bytes:
    """The zip's bytes."""
    files: list[tuple[str, bytes]] = [("README.txt", README.encode())]

    def put(path: str, data: Any) -> None:
        files.append((path, json.dumps(data, indent=2, default=str, ensure_ascii=False).encode()))

    async with store.engine.connect() as conn:

        async def rows(table: Any, *where: Any) -> list[dict[str, Any]]:
            return [dict(r) for r in (await conn.execute(select(table).where(*where))).mappings()]

        user = await rows(t.users, t.users.c.id == user_id)
        put("user.json", user[0] if user else {})
        account = await rows(t.accounts, t.accounts.c.user_id == user_id)
        if account:
            a = account[0]
            put(
                "account.json",
                {
                    **_row(a, ("password_hash", "totp_secret", "recovery_codes", "totp_last_step")),
                    "password_hash": "held (argon2id), not exported",
                    "recovery_codes_left": len(a.get("recovery_codes") or []),
                },
            )
        put(
            "tokens.json",
            [
                {"id": r["digest"][:16], "label": r["label"], "created_at": r["created_at"]}
                for r in await rows(t.tokens, t.tokens.c.user_id == user_id)
            ],
        )
        put(
            "sessions.json",
            [_row(r, ("digest", "csrf")) for r in await rows(t.sessions, t.sessions.c.user_id == user_id)],
        )
        put("billing.json", await rows(t.billing, t.billing.c.user_id == user_id))
        for applicant in await rows(t.applicants, t.applicants.c.user_id == user_id):
            base = f"applicants/{applicant['id']}"
            profile = json.loads(crypto.decrypt(bytes(applicant["profile"])))
            put(f"{base}/applicant.json", {**_row(applicant, ("profile",)), "profile": profile})
            resumes = await rows(t.resumes, t.resumes.c.applicant_id == applicant["id"])
            put(f"{base}/resumes.json", [_row(r, ("data",)) for r in resumes])
            for r in resumes:
                files.append(
                    (f"{base}/resumes/{r['id']}-{_safe(r['filename'])}", crypto.decrypt(bytes(r["data"])))
                )
        for job in await rows(t.jobs, t.jobs.c.user_id == user_id):
            base = f"applications/{job['id']}"
            put(f"{base}/application.json", _row(job, ("lease_token",)))
            put(f"{base}/history.json", await rows(t.events, t.events.c.job_id == job["id"]))
            put(f"{base}/submissions.json", await rows(t.submissions, t.submissions.c.job_id == job["id"]))
            put(f"{base}/disclosures.json", (job.get("record") or {}).get("disclosures") or [])
            for ev in await rows(t.evidence, t.evidence.c.job_id == job["id"]):
                files.append((f"{base}/evidence/{_safe(ev['name'])}", bytes(ev["data"])))
        accounts = []
        for cred in await rows(t.credentials, t.credentials.c.user_id == user_id):
            secret = json.loads(crypto.decrypt(bytes(cred["secret"]))) if cred.get("secret") else None
            accounts.append(
                {**_row(cred, ("secret", "lease_token", "lease_owner", "lease_expires")), "secret": secret}
            )
        put("site-accounts.json", accounts)

    def pack() -> bytes:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in files:
                z.writestr(name, data)
        return buf.getvalue()

    return await asyncio.to_thread(pack)

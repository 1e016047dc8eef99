"""Leaving the fleet, on SQLite and PostgreSQL: the export holds everything (decrypted
profile, resume and evidence files as they are, history, disclosures), and deleting the
account (confirmed by the password) removes every row and the Stripe customer; a scan of
the database (every table, and on SQLite the file's raw bytes) and the data folder finds
none of the user's e-mail, name or ids. Another user's data stays."""

from __future__ import annotations

import importlib.util
import io
import json
import os
import sys
import uuid
import zipfile
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp.test_utils import TestServer
from argon2 import PasswordHasher
from jobpilot.config import home
from jobpilot.fleet import tables as t
from jobpilot.fleet.accounts import passwords
from jobpilot.fleet.accounts import store as accounts
from jobpilot.fleet.api import create_app
from jobpilot.fleet.api.common import QUEUE, STORE
from jobpilot.fleet.billing.config import BillingConfig
from jobpilot.fleet.store import FleetStore
from sqlalchemy import select


def _load(name: str) -> Any:
    key = f"jobpilot_fleet_tests_{name}"
    if key not in sys.modules:
        spec = importlib.util.spec_from_file_location(key, Path(__file__).parent / f"{name}.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[key] = module
        spec.loader.exec_module(module)
    return sys.modules[key]


fake = _load("stripe_server")
PASSWORD = "leave no trace behind"


@pytest.fixture(scope="module", autouse=True)
def cheap_argon2() -> None:
    passwords.set_hasher(PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


async def scan(store: FleetStore, needles: list[str]) -> list[str]:
    """Where any needle still appears: every column of every table, as text."""
    found = []
    async with store.engine.connect() as conn:
        for table in t.ALL:
            for row in (await conn.execute(select(table))).mappings():
                blob = json.dumps(
                    dict(row),
                    default=lambda v: (
                        bytes(v).decode("latin-1") if isinstance(v, bytes | memoryview) else str(v)
                    ),
                )
                found += [f"{table.name}: {n}" for n in needles if n in blob]
    return found


def scan_files(root: Path, needles: list[str]) -> list[str]:
    found = []
    for path in root.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            found += [f"{path}: {n}" for n in needles if n.encode() in data]
    return found


async def test_export_then_delete_leaves_nothing(database_url: str, fleet: Any) -> None:
    stripe = await fake.StripeServer().start()
    billing = BillingConfig(
        api_key=fake.API_KEY,
        webhook_secret=fake.WEBHOOK_SECRET,
        prices=dict(fake.PRICES),
        api_base=stripe.base,
    )
    srv = TestServer(create_app(FleetStore(database_url), billing=billing), host="127.0.0.1")
    await srv.start_server()
    store: FleetStore = srv.app[STORE]
    queue = srv.app[QUEUE]
    mark = uuid.uuid4().hex[:8]
    email, name = f"zephyrine.{mark}@example.org", f"Zephyrine Quillfeather{mark}"
    try:
        account = await accounts.create(store, email, await passwords.hash_password(PASSWORD), plan="free")
        user = await store.get_user(account["user_id"])
        assert user is not None
        token = await store.issue_token(user["id"], label="laptop")
        auth = {"Authorization": f"Bearer {token}"}
        profile = fleet.demo_profile()
        profile.basics.name, profile.basics.email = name, email
        applicant = await store.create_applicant(user["id"], name, profile)
        resume = b"%PDF-1.4 resume of " + name.encode()
        await store.add_resume(
            user["id"],
            applicant["id"],
            name="cv",
            filename="cv.pdf",
            content_type="application/pdf",
            data=resume,
        )
        job = await queue.enqueue(user, applicant_id=applicant["id"], url=f"https://acme.example/jobs/{mark}")
        shot = b"\x89PNG evidence of " + name.encode()
        await store.save_evidence(job["id"], [("final.png", "image/png", shot)])
        other, other_token, other_applicant = await fleet.make_user(store)
        async with aiohttp.ClientSession(base_url=str(srv.make_url("/"))) as http:
            r = await http.post("/api/billing/checkout", json={"plan": "pro"}, headers=auth)
            assert r.status == 200
            customer = next(iter(stripe.customers))

            r = await http.get("/api/me/export", headers=auth)
            assert r.status == 200 and r.content_type == "application/zip"
            z = zipfile.ZipFile(io.BytesIO(await r.read()))
            names = z.namelist()
            detail = json.loads(z.read(f"applicants/{applicant['id']}/applicant.json"))
            assert detail["profile"]["basics"]["name"] == name  # decrypted for them
            resume_file = next(n for n in names if n.startswith(f"applicants/{applicant['id']}/resumes/"))
            assert z.read(resume_file) == resume
            assert z.read(f"applications/{job['id']}/evidence/final.png") == shot
            history = json.loads(z.read(f"applications/{job['id']}/history.json"))
            assert [h["state"] for h in history] == ["queued"]
            assert json.loads(z.read("account.json"))["email"] == email
            assert "argon2" not in z.read("account.json").decode().replace("argon2id), not", "")
            assert json.loads(z.read("billing.json"))[0]["customer_id"] == customer
            assert [tk["label"] for tk in json.loads(z.read("tokens.json"))] == ["laptop"]

            needles = [email, name, user["id"], applicant["id"], job["id"], customer]
            r = await http.delete("/api/me", json={"password": "not my password"}, headers=auth)
            assert r.status == 403
            assert await store.get_user(user["id"]) is not None
            r = await http.delete("/api/me", json={"password": PASSWORD}, headers=auth)
            assert r.status == 204, await r.text()
            assert (await http.get("/api/me", headers=auth)).status == 401
            assert (
                await http.get("/api/me", headers={"Authorization": f"Bearer {other_token}"})
            ).status == 200
        assert stripe.deleted == [customer]
        assert await scan(store, needles) == []
        files = scan_files(home(), needles)
        if not store.is_postgres:
            db = Path(database_url.split("///", 1)[1])
            files += scan_files(db.parent, needles)
        assert files == []
        assert (await store.get_applicant(other["id"], other_applicant["id"]))["name"] == "Mara"
    finally:
        await srv.close()
        await stripe.stop()
        os.environ.pop("JOBPILOT_TEST_NOTHING", None)

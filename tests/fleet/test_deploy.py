"""deploy/compose.yaml without Docker (Docker cannot run here): the services it names are
started as the compose file starts them — the same commands, arguments and environment
(the shared key from a secret file) — against PostgreSQL (pgserver): the migration step,
the API and two workers. A user made through the API gets two applications submitted, and
both workers show in the operator's registry."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import aiohttp
import pytest
import yaml
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = yaml.safe_load((ROOT / "deploy" / "compose.yaml").read_text())
ADMIN = "deploy-admin"
JOBPILOT = [sys.executable, "-m", "jobpilot.cli.main"]


def argv(service: str, port: int) -> list[str]:
    """The service's command line from the compose file (its image's entrypoint, or its own,
    plus its command), with ``jobpilot`` run from this checkout and the API on ``port``."""
    spec = COMPOSE["services"][service]
    target = spec["build"]["target"]
    dockerfile = (ROOT / "deploy" / "Dockerfile").read_text()
    stage = dockerfile.split(f"AS {target}\n", 1)[1].split("\nFROM ", 1)[0]
    entrypoint = spec.get("entrypoint") or json.loads(stage.split("ENTRYPOINT ", 1)[1].splitlines()[0])
    args = [*entrypoint, *spec.get("command", [])]
    assert args[0] == "jobpilot"
    args = [port_or(a, port) for a in args[1:]]
    return [*JOBPILOT, *args]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def port_or(arg: str, port: int) -> str:
    return {"8080": str(port), "0.0.0.0": "127.0.0.1"}.get(arg, arg)


def environment(service: str, url: str, key_file: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "JOBPILOT_SECRET_KEY"}
    for name, value in COMPOSE["services"][service]["environment"].items():
        value = str(value)
        if name == "JOBPILOT_DATABASE_URL":
            value = url
        elif name == "JOBPILOT_SECRET_KEY_FILE":
            value = str(key_file)  # the secret, mounted where compose mounts it
        elif name == "JOBPILOT_FLEET_ADMIN_TOKEN":
            value = ADMIN
        elif value.startswith("${"):
            continue
        env[name] = value
    return env


@pytest.mark.browser
async def test_the_compose_services_without_docker(
    postgres: Any, replica: Any, fleet: Any, tmp_path: Path
) -> None:
    assert set(COMPOSE["services"]) == {"db", "migrate", "api", "worker-1", "worker-2"}
    url = postgres.new_database()
    key = tmp_path / "jobpilot_key"
    key.write_text(Fernet.generate_key().decode() + "\n")
    port = free_port()
    migrate = subprocess.run(
        argv("migrate", port), env=environment("migrate", url, key), capture_output=True, timeout=300
    )
    assert migrate.returncode == 0, migrate.stderr.decode()[-2000:]
    procs: list[subprocess.Popen[bytes]] = []
    try:
        log = tmp_path / "api.log"
        procs.append(
            subprocess.Popen(
                argv("api", port),
                env=environment("api", url, key),
                stdout=open(log, "ab"),  # noqa: SIM115
                stderr=subprocess.STDOUT,
            )
        )
        for name in ("worker-1", "worker-2"):
            # The replica board is on loopback: only a test's workers are told to allow it.
            test_only = [
                "--allow-host",
                "127.0.0.1",
                "--allow-address",
                "127.0.0.1",
                "--site-limit",
                "100000",
            ]
            procs.append(
                subprocess.Popen(
                    [*argv(name, port), *test_only],
                    env=environment(name, url, key),
                    stdout=open(tmp_path / f"{name}.log", "ab"),  # noqa: SIM115
                    stderr=subprocess.STDOUT,
                )
            )
        base = f"http://127.0.0.1:{port}"
        admin = {"Authorization": f"Bearer {ADMIN}"}
        async with aiohttp.ClientSession() as http:
            for _ in range(1200):
                assert procs[0].poll() is None, log.read_text()[-2000:]
                try:
                    async with http.get(f"{base}/api/health/ready") as r:
                        if r.status == 200:
                            break
                except aiohttp.ClientError:
                    pass
                await asyncio.sleep(0.1)
            async with http.post(
                f"{base}/api/users", json={"name": "dana", "tier": "pro"}, headers=admin
            ) as r:
                assert r.status == 201, await r.text()
                user = {"Authorization": f"Bearer {(await r.json())['token']}"}
            profile = json.loads(fleet.demo_profile().model_dump_json(by_alias=True))
            async with http.post(
                f"{base}/api/applicants", json={"name": "Dana", "profile": profile}, headers=user
            ) as r:
                assert r.status == 201, await r.text()
                applicant = await r.json()
            ids = []
            for n in range(2):
                body = {"applicant_id": applicant["id"], "url": replica.url(f"deploy-{n}"), "submit": True}
                async with http.post(f"{base}/api/applications", json=body, headers=user) as r:
                    assert r.status == 201, await r.text()
                    ids.append((await r.json())["id"])
            deadline = time.monotonic() + 600
            states: dict[str, str] = {}
            while time.monotonic() < deadline:
                for job_id in ids:
                    async with http.get(f"{base}/api/applications/{job_id}", headers=user) as r:
                        states[job_id] = (await r.json())["state"]
                if all(s == "submitted" for s in states.values()):
                    break
                await asyncio.sleep(0.5)
            assert all(s == "submitted" for s in states.values()), states
            async with http.get(f"{base}/api/admin/workers", headers=admin) as r:
                names = {w["name"] for w in await r.json() if w["live"]}
            assert {"worker-1", "worker-2"} <= names
        for n in range(2):
            assert replica.submissions[f"deploy-{n}"] == 1
    finally:
        for proc in procs:
            fleet.stop_worker(proc)

"""The plugin registry under load, on loopback only.

1. Requests per second of one project's simple-index page (``/simple/jobpilot-ats-lever/``),
   HTML and PEP 691 JSON (pip's Accept header), from a load generator in its own process:
   64 concurrent keep-alive connections, at most 20,000 requests or 20 s per run. Measured
   with the page cache on (the default) and off (``--cache-ttl 0``: every request reads the
   database).
2. Latency of a 1 MB wheel upload (the multipart form twine sends, one new version per
   request), end to end: upload, checks, wheel inspection, atomic publish.
3. Latency of a first publish (a new project) when 1,000 projects of other publishers exist:
   the look-alike check compares the new name with every one of them.
4. ``--fuzz N``: the hostile-request fuzzer of ``tests/registry/test_fuzz.py`` with N requests
   on SQLite and N on PostgreSQL (pgserver), in process: requests sent, 5xx answers (goal 0)
   and 4xx answers that changed the registry's state (goal 0). Recorded under ``fuzz``.

The server is ``jobpilot registry serve`` as an operator starts it (one process, SQLite).
The machine has 2 cores, so the load generator and the server share them.

Run: uv run python benchmarks/bench_registry.py [--fuzz N]
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

from _common import ROOT, summary, write

JOBPILOT = [sys.executable, "-m", "jobpilot.cli.main"]
PIP_ACCEPT = (
    "application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html; q=0.1, text/html; q=0.01"
)
CONCURRENCY = 64
MAX_REQUESTS = 20_000
MAX_SECONDS = 20.0
UPLOADS = 20


def start(data: Path, *extra: str) -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen(
        [*JOBPILOT, "registry", "serve", "--port", "0", "--data", str(data), "--max-upload-mb", "8", *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    assert line.startswith("jobpilot registry listening on "), line
    return proc, line.rsplit(" ", 1)[1].strip()


def token(data: Path, user: str = "bench") -> str:
    out = subprocess.run(
        [*JOBPILOT, "registry", "token", "create", "--user", user, "--data", str(data)],
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.strip()


def wheel(version: str, payload: int) -> tuple[str, bytes]:
    """A valid plugin wheel with ``payload`` bytes of incompressible data."""
    mod, dist_info = "jobpilot_ats_bench", f"jobpilot_ats_bench-{version}.dist-info"
    files = {
        f"{mod}/__init__.py": b"from jobpilot import hookimpl\n\n\n"
        b"@hookimpl\ndef detect_ats(url, snapshot):\n    return None\n",
        f"{mod}/plugin.toml": b'name = "bench"\nats = "bench"\nhooks = ["detect_ats"]\n'
        b'url_patterns = ["*://jobs.bench.example/*"]\n',
        f"{mod}/blob.bin": os.urandom(payload),
        f"{dist_info}/METADATA": f"Metadata-Version: 2.1\nName: jobpilot-ats-bench\nVersion: {version}\n"
        "Requires-Python: >=3.11\n\n".encode(),
        f"{dist_info}/WHEEL": b"Wheel-Version: 1.0\nGenerator: bench\nRoot-Is-Purelib: true\n"
        b"Tag: py3-none-any\n",
        f"{dist_info}/entry_points.txt": f"[jobpilot]\nbench = {mod}\n".encode(),
    }
    record = [
        f"{p},sha256={base64.urlsafe_b64encode(hashlib.sha256(d).digest()).rstrip(b'=').decode()},{len(d)}"
        for p, d in files.items()
    ]
    files[f"{dist_info}/RECORD"] = ("\n".join([*record, f"{dist_info}/RECORD,,"]) + "\n").encode()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for p, d in files.items():
            zf.writestr(p, d)
    return f"jobpilot_ats_bench-{version}-py3-none-any.whl", buf.getvalue()


def upload(url: str, tok: str, filename: str, data: bytes) -> float:
    import requests

    name, version = filename.split("-")[:2]
    form = {
        ":action": "file_upload",
        "protocol_version": "1",
        "name": name.replace("_", "-"),
        "version": version,
        "filetype": "bdist_wheel",
        "pyversion": "py3",
        "sha256_digest": hashlib.sha256(data).hexdigest(),
    }
    t = time.perf_counter()
    r = requests.post(
        url + "legacy/", data=form, files={"content": (filename, data)}, auth=("__token__", tok), timeout=60
    )
    elapsed = time.perf_counter() - t
    r.raise_for_status()
    return elapsed


LOADGEN = r"""
import asyncio, json, sys, time
import aiohttp

async def main(url, accept, concurrency, max_requests, max_seconds):
    done = 0; errors = 0; started = 0; latencies = []
    deadline = time.perf_counter() + max_seconds
    conn = aiohttp.TCPConnector(limit=concurrency)
    async with aiohttp.ClientSession(connector=conn, headers={"Accept": accept}) as s:
        async def worker():
            nonlocal done, errors, started
            while started < max_requests and time.perf_counter() < deadline:
                started += 1
                t = time.perf_counter()
                try:
                    async with s.get(url) as r:
                        await r.read()
                        ok = r.status == 200
                except aiohttp.ClientError:
                    ok = False
                latencies.append(time.perf_counter() - t)
                if ok: done += 1
                else: errors += 1
        start = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - start
    latencies.sort()
    print(json.dumps({"requests": done, "errors": errors, "seconds": round(elapsed, 2),
                      "rps": round(done / elapsed),
                      "median_ms": round(latencies[len(latencies)//2] * 1000, 2),
                      "p99_ms": round(latencies[int(len(latencies) * 0.99)] * 1000, 2)}))

asyncio.run(main(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])))
"""


def load(url: str, accept: str) -> dict[str, Any]:
    """Run the load generator in its own process and return its report."""
    # warm-up (connections, caches) not counted
    subprocess.run(
        [sys.executable, "-c", LOADGEN, url, accept, "8", "500", "5"], check=True, capture_output=True
    )
    out = subprocess.run(
        [sys.executable, "-c", LOADGEN, url, accept, str(CONCURRENCY), str(MAX_REQUESTS), str(MAX_SECONDS)],
        check=True,
        capture_output=True,
        text=True,
        timeout=MAX_SECONDS + 60,
    )
    return json.loads(out.stdout)


def first_publish(url: str, tok: str, others: str) -> dict[str, Any]:
    """Upload 1,000 projects as another publisher, then time 20 first publishes."""
    for i in range(1000):
        name, blob = _small(f"jobpilot-ats-other{i:04d}x", f"o{i}")
        upload(url, others, name, blob)
    times = []
    for i in range(20):
        name, blob = _small(f"jobpilot-ats-mine{i:02d}q", f"m{i}")
        times.append(upload(url, tok, name, blob))
    return summary(times)


def _small(project: str, ep: str) -> tuple[str, bytes]:
    filename, data = wheel("1.0", 0)
    mod = project.replace("-", "_")
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(buf, "w") as dst:
        for item in src.infolist():
            body = src.read(item).replace(b"jobpilot_ats_bench", mod.encode())
            body = body.replace(b"jobpilot-ats-bench", project.encode()).replace(
                b"bench = ", f"{ep} = ".encode()
            )
            body = body.replace(b'name = "bench"', f'name = "{ep}"'.encode())
            dst.writestr(item.filename.replace("jobpilot_ats_bench", mod), body)
    return filename.replace("jobpilot_ats_bench", mod), buf.getvalue()


def fuzz(n: int) -> dict[str, Any]:
    """The test suite's fuzzer, ``n`` requests per database."""
    import importlib.util
    import secrets


    def load_module(name: str, path: Path) -> Any:
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
        return module

    helpers = load_module("jobpilot_registry_tests", ROOT / "tests/registry/helpers.py")
    fz = load_module("jobpilot_registry_fuzzing", ROOT / "tests/registry/fuzzing.py")
    import pgserver

    out: dict[str, Any] = {"requests_per_database": n}
    with tempfile.TemporaryDirectory() as tmp:
        pg = pgserver.get_server(Path(tmp) / "pg", cleanup_mode="stop")
        try:
            for backend in ("sqlite", "postgresql"):
                database = None
                if backend == "postgresql":
                    db = "fuzz_" + secrets.token_hex(4)
                    pg.psql(f"CREATE DATABASE {db};")
                    host = pg.get_uri().split("host=", 1)[1].split("&", 1)[0]
                    database = f"postgresql+asyncpg://postgres@/{db}?host={host}"
                data = Path(tmp) / backend
                data.mkdir()
                reg = fz.InProcessRegistry(data, database, max_upload=16 * 1024 * 1024).start()
                try:
                    seed = helpers.make_wheel(data)
                    fz.send(
                        reg.port, fz.upload_request(reg.token("alice"), seed.name.encode(), seed.read_bytes())
                    )
                    out[backend] = _fuzz_registry(fz, helpers, reg, data, n)
                finally:
                    reg.stop()
        finally:
            pg.cleanup()
    return out


def _fuzz_registry(fz: Any, helpers: Any, reg: Any, data: Path, n: int) -> dict[str, Any]:
    from hypothesis import HealthCheck, given, settings

    wheels = []
    for i in range(4):
        sub = data / f"w{i}"
        sub.mkdir()
        w = helpers.make_wheel(sub, name="jobpilot-ats-demo", version=f"9.{i}")
        wheels.append((w.name.encode(), w.read_bytes()))
    counts = {"requests": 0, "5xx": 0, "4xx": 0, "4xx_that_changed_state": 0, "2xx_3xx": 0}
    state = [reg.state()]
    started = time.perf_counter()

    @settings(
        max_examples=n,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(fz.requests_strategy([reg.token("alice"), reg.token("mallory")], wheels))
    def one(req: Any) -> None:
        r = fz.send(reg.port, req)
        counts["requests"] += 1
        after = reg.state()
        if r.status >= 500:
            counts["5xx"] += 1
            print(f"5xx: {req.note}: {r.body[:200]!r}", file=sys.stderr)
        elif r.status >= 400:
            counts["4xx"] += 1
            if after != state[0]:
                counts["4xx_that_changed_state"] += 1
        else:
            counts["2xx_3xx"] += 1
        state[0] = after

    one()
    counts["seconds"] = round(time.perf_counter() - started, 1)
    return counts


def main() -> None:
    if "--fuzz" in sys.argv:
        n = int(sys.argv[sys.argv.index("--fuzz") + 1])
        path = Path(__file__).parent / "results" / "registry.json"
        previous = json.loads(path.read_text()) if path.exists() else {}
        kept = {k: v for k, v in previous.items() if k not in ("benchmark", "measured_at", "machine", "fuzz")}
        write("registry", {**kept, "fuzz": fuzz(n)})
        return
    results: dict[str, Any] = {
        "setup": f"one server process (SQLite), load generator: aiohttp in its own process, {CONCURRENCY} "
        f"keep-alive connections, <= {MAX_REQUESTS} requests or {MAX_SECONDS:.0f} s per run, loopback",
    }
    built = Path(tempfile.mkdtemp())
    subprocess.run(
        ["uv", "build", "-q", "--wheel", "plugins/ats/lever", "-o", str(built)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    whl = next(built.glob("*.whl"))
    for label, extra in (("cache_on", ()), ("cache_off", ("--cache-ttl", "0"))):
        with tempfile.TemporaryDirectory() as tmp:
            data = Path(tmp)
            tok = token(data)
            proc, url = start(data, *extra)
            try:
                upload(url, tok, whl.name, whl.read_bytes())
                page = url + "simple/jobpilot-ats-lever/"
                results[f"simple_page_html_{label}"] = load(page, "text/html")
                results[f"simple_page_json_{label}"] = load(page, PIP_ACCEPT)
                if label == "cache_on":
                    times = []
                    for i in range(UPLOADS):
                        name, blob = wheel(f"1.0.{i}", 1024 * 1024)
                        times.append(upload(url, tok, name, blob))
                    results["upload_1mb"] = {"file_bytes": len(blob), **summary(times)}
                    results["first_publish_with_1000_other_projects"] = first_publish(
                        url, tok, token(data, "others")
                    )
            finally:
                proc.terminate()
                proc.wait(timeout=10)
    path = Path(__file__).parent / "results" / "registry.json"
    previous = json.loads(path.read_text()) if path.exists() else {}
    if "fuzz" in previous:  # measured by --fuzz, kept
        results["fuzz"] = previous["fuzz"]
    write("registry", results)


if __name__ == "__main__":
    main()

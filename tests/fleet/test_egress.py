"""The outbound-address guard (issue 17): loopback, private, link-local and metadata
addresses refused, IPv4 and IPv6 (mapped and 6to4 forms too), by address and by DNS names
that resolve to them, on the first request and on every redirect and sub-resource, in real
Chromium; the operator's allow-list lets chosen targets through; a worker fails such an
application at once with a message naming the address (SQLite and PostgreSQL)."""

from __future__ import annotations

import asyncio
import ipaddress
import threading
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from jobpilot.errors import UsageError
from jobpilot.fleet.egress import AddressPolicy, EgressProxy, OutboundRefused, address_problem
from jobpilot.fleet.queue import Queue, QueueConfig
from jobpilot.fleet.store import FleetStore
from jobpilot.fleet.worker import Worker, WorkerConfig

REFUSED = [
    ("127.0.0.1", "loopback"),
    ("127.8.9.10", "loopback"),
    ("::1", "loopback"),
    ("10.1.2.3", "private"),
    ("172.16.0.9", "private"),
    ("192.168.1.1", "private"),
    ("fd12:3456::1", "private"),
    ("169.254.169.254", "metadata"),
    ("fd00:ec2::254", "metadata"),
    ("169.254.10.10", "link-local"),
    ("fe80::1", "link-local"),
    ("::ffff:127.0.0.1", "loopback"),  # IPv4-mapped
    ("::ffff:10.0.0.1", "private"),
    ("2002:7f00:1::", "loopback"),  # 6to4 of 127.0.0.1
    ("0.0.0.0", "not a public"),
    ("100.64.0.1", "not a public"),  # carrier-grade NAT
    ("224.0.0.1", "multicast"),
]


@pytest.mark.parametrize(("address", "why"), REFUSED)
def test_internal_addresses_are_refused(address: str, why: str) -> None:
    problem = address_problem(ipaddress.ip_address(address))
    assert problem is not None and why in problem


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111"])
def test_public_addresses_pass(address: str) -> None:
    assert address_problem(ipaddress.ip_address(address)) is None


def fake_dns(table: dict[str, list[str]]) -> Any:
    async def resolve(host: str, port: int) -> list[Any]:
        if host not in table:
            raise OSError(f"no such host {host}")
        return [ipaddress.ip_address(a) for a in table[host]]

    return resolve


DNS = {
    "public.example.test": ["127.0.0.1"],  # allow-listed by name below
    "intranet.example.test": ["10.20.30.40"],
    "sneaky.example.test": ["93.184.216.34", "127.0.0.1"],  # one internal answer is enough
    "v6.example.test": ["::1"],
    "mapped.example.test": ["::ffff:169.254.169.254"],
    "www.example.com": ["93.184.216.34"],
}


async def test_names_resolving_to_internal_addresses_and_the_allow_list() -> None:
    policy = AddressPolicy(allow=["public.example.test", "192.168.50.0/24"], resolver=fake_dns(DNS))
    assert await policy.vet("www.example.com", 443) == [ipaddress.ip_address("93.184.216.34")]
    assert await policy.vet("public.example.test", 80)  # the operator allowed it by name
    assert await policy.vet("192.168.50.7", 80)  # ... and this network
    for host, why in [
        ("intranet.example.test", "intranet.example.test resolves to 10.20.30.40 is a private"),
        ("sneaky.example.test", "127.0.0.1 is a loopback"),
        ("v6.example.test", "::1 is a loopback"),
        ("mapped.example.test", "metadata"),
        ("metadata.google.internal", "metadata host"),
        ("[::1]", "loopback"),
        ("192.168.51.7", "private"),
        ("nowhere.example.test", "does not resolve"),
    ]:
        with pytest.raises(OutboundRefused) as refused:
            await policy.vet(host, 80)
        assert why in str(refused.value), (host, str(refused.value))
        assert host in ("nowhere.example.test", "metadata.google.internal") or "--allow-address" in str(
            refused.value
        )
    for url in ("file:///etc/passwd", "ftp://www.example.com/", "http://www.example.com:99999/"):
        with pytest.raises(OutboundRefused):
            await policy.check_url(url)


class _Site:
    """A local site that redirects to internal addresses and records every path it serves."""

    def __init__(self) -> None:
        self.paths: list[str] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                site.paths.append(self.path)
                port = site.port
                targets = {
                    "/redirect-ip": f"http://127.0.0.1:{port}/secret",
                    "/redirect-name": f"http://intranet.example.test:{port}/secret",
                    "/redirect-v6": f"http://[::1]:{port}/secret",
                    "/redirect-mapped": f"http://[::ffff:127.0.0.1]:{port}/secret",
                    "/redirect-metadata": "http://169.254.169.254/latest/meta-data/",
                    "/redirect-twice": f"http://public.example.test:{port}/redirect-ip",
                }
                if self.path in targets:
                    self.send_response(302)
                    self.send_header("Location", targets[self.path])
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                body = b"<h1>public page</h1>"
                if self.path == "/with-image":  # an image, a frame and a script's fetch
                    body += (
                        f'<img src="http://127.0.0.1:{port}/secret-image"><img src="/ok.png">'
                        f'<iframe src="http://intranet.example.test:{port}/secret-frame"></iframe>'
                        f'<script>fetch("http://[::1]:{port}/secret-fetch", {{mode: "no-cors"}})'
                        f'.catch(() => {{}}).finally(() => fetch("/fetched"))</script>'
                    ).encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()


@pytest.fixture(scope="module")
def site() -> Iterator[_Site]:
    s = _Site()
    yield s
    s.httpd.shutdown()


@pytest.mark.browser
async def test_chromium_through_the_guard_never_reaches_an_internal_address(
    browser: Any, site: _Site
) -> None:
    policy = AddressPolicy(allow=["public.example.test"], resolver=fake_dns(DNS))
    proxy = await EgressProxy(policy).start()
    try:
        page = await browser.new_page(proxy=proxy.browser_proxy())
        base = f"http://public.example.test:{site.port}"
        try:
            response = await page.raw.goto(f"{base}/ok")
            assert response is not None and response.status == 200  # the allow-listed name works
            for path in (
                "redirect-ip",
                "redirect-name",
                "redirect-v6",
                "redirect-mapped",
                "redirect-metadata",
            ):
                response = await page.raw.goto(f"{base}/{path}")
                assert response is not None and response.status == 403, path
                assert response.headers.get("x-jobpilot-guard") == "refused"
                assert "outbound-address guard" in await page.raw.content()
            response = await page.raw.goto(f"{base}/redirect-twice")  # checked on every hop
            assert response is not None and response.status == 403
            # A page may not pull an internal address in as an image either.
            response = await page.raw.goto(f"{base}/with-image")
            assert response is not None and response.status == 200
            await page.raw.wait_for_load_state("load")
            for _ in range(200):  # the script's second fetch says the first one is over
                if "/fetched" in site.paths:
                    break
                await asyncio.sleep(0.05)
            # Loopback by IP without the allow-list, and HTTPS (a CONNECT tunnel) to it.
            for url in (f"http://127.0.0.1:{site.port}/secret", f"http://localhost:{site.port}/secret"):
                response = await page.raw.goto(url)
                assert response is not None and response.status == 403, url
            with pytest.raises(Exception, match=r"ERR_"):
                await page.raw.goto(f"https://127.0.0.1:{site.port}/secret")
        finally:
            await page.close()
        assert not [p for p in site.paths if p.startswith("/secret")], site.paths
        assert "/ok.png" in site.paths and "/fetched" in site.paths  # the page's own resources load
        refused = "\n".join(proxy.refused)
        for resource in ("/secret-image", "/secret-frame", "/secret-fetch"):  # asked for, and refused
            assert resource in refused, (resource, refused)
        for expected in (
            "127.0.0.1 is a loopback",
            "10.20.30.40 is a private",
            "::1 is a loopback",
            "metadata",
        ):
            assert expected in refused, (expected, refused)
    finally:
        await proxy.stop()


@pytest.mark.browser
async def test_a_worker_fails_an_internal_address_at_once_and_honours_the_allow_list(
    database_url: str, replica: Any, fleet: Any
) -> None:
    port = replica.url("x").split(":")[2].split("/")[0]
    tag = uuid.uuid4().hex[:6]  # the replica is shared by both databases' runs
    dns = fake_dns({**DNS, "board.example.test": ["127.0.0.1"], "intranet.example.test": ["127.0.0.1"]})
    async with FleetStore(database_url) as store:
        user, _, applicant = await fleet.make_user(store)
        q = Queue(store, QueueConfig(site_limit=10_000))
        board = f"http://board.example.test:{port}/jobs"
        urls = {
            "name": f"http://intranet.example.test:{port}/jobs/g-name-{tag}",
            "metadata": "http://169.254.169.254/latest/meta-data/",
            "ipv6": f"http://[::1]:{port}/jobs/g-v6-{tag}",
            # allow_hosts (the offline router's list) does not open the guard: only the allow-list.
            "loopback": f"http://127.0.0.1:{port}/jobs/g-lo-{tag}",
            "redirect": f"{board}/g-redir-{tag}?redirect=http://intranet.example.test:{port}/jobs/g-in-{tag}",
            "allowed": f"{board}/g-allowed-{tag}",
        }
        jobs = {k: await q.enqueue(user, applicant_id=applicant["id"], url=u) for k, u in urls.items()}
        config = WorkerConfig(
            poll_interval=0.1,
            concurrency=2,
            max_jobs=len(urls),
            allow_hosts=("127.0.0.1", "board.example.test", "intranet.example.test", "::1"),
            allow_addresses=("board.example.test",),
            resolver=dns,
        )
        await asyncio.wait_for(Worker(store, q, config).run(), 600)
        done = {k: await q.get(user["id"], j["id"]) for k, j in jobs.items()}
    assert done["allowed"]["state"] == "filled", done["allowed"]["last_error"]
    for name, why in (
        ("name", "127.0.0.1 is a loopback"),
        ("metadata", "metadata"),
        ("ipv6", "::1 is a loopback"),
        ("loopback", "127.0.0.1 is a loopback"),
        ("redirect", "intranet.example.test resolves to 127.0.0.1 is a loopback"),
    ):
        row = done[name]
        assert row["state"] == "failed" and row["attempts"] == 1, (name, row)  # never retried
        assert "OutboundRefused" in row["last_error"] and why in row["last_error"], row["last_error"]
    assert replica.page_views[f"g-allowed-{tag}"] == 1
    for job in ("g-name", "g-v6", "g-lo", "g-in"):
        assert replica.page_views[f"{job}-{tag}"] == 0, job


@pytest.mark.parametrize("entry", ["10.0.0.0/33", "not a host", "http://x/", "a..b"])
def test_a_bad_allow_list_entry_is_refused_at_start(entry: str) -> None:
    with pytest.raises(UsageError, match="neither an IP address"):
        AddressPolicy(allow=[entry])


def test_the_allow_list_comes_from_the_flag_the_environment_or_config_toml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jobpilot.fleet.cli import _allow_list

    monkeypatch.setenv("JOBPILOT_HOME", str(tmp_path))
    (tmp_path / "config.toml").write_text('[fleet]\nallow_addresses = ["10.0.5.0/24", "staging.internal"]\n')
    assert _allow_list(()) == ("10.0.5.0/24", "staging.internal")
    assert _allow_list(("10.1.1.1,fd00::/8", "ats.local")) == ("10.1.1.1", "fd00::/8", "ats.local")
    (tmp_path / "config.toml").write_text('[fleet]\nallow_addresses = "10.0.0.1"\n')
    with pytest.raises(UsageError, match="not a list of strings"):
        _allow_list(())


def test_worker_flag_and_environment_reach_the_guard(monkeypatch: pytest.MonkeyPatch) -> None:
    """``--allow-address`` and ``JOBPILOT_ALLOW_ADDRESSES`` reach ``WorkerConfig``."""
    from click.testing import CliRunner
    from jobpilot.fleet import cli

    seen: list[Any] = []

    async def fake_run(url: str, config: WorkerConfig, **kw: Any) -> Any:
        seen.append(config)
        return SimpleNamespace(name=config.name, done=0, outcomes={})

    monkeypatch.setattr("jobpilot.fleet.worker.run_worker", fake_run)
    runner = CliRunner()
    result = runner.invoke(
        cli.worker, ["--database-url", "sqlite+aiosqlite:///x.db", "--allow-address", "10.2.0.0/16"]
    )
    assert result.exit_code == 0, result.output
    result = runner.invoke(
        cli.worker,
        ["--database-url", "sqlite+aiosqlite:///x.db"],
        env={"JOBPILOT_ALLOW_ADDRESSES": "10.3.0.1 a.internal"},
    )
    assert result.exit_code == 0, result.output
    assert [c.allow_addresses for c in seen] == [("10.2.0.0/16",), ("10.3.0.1", "a.internal")]

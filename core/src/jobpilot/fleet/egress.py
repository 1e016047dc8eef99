"""The outbound-address guard: a worker opens only public addresses.

A user queues a URL; without a guard the worker would open the fleet's own dashboard, a
cloud metadata service or any internal host and hand back a screenshot of it. So every
connection a worker's browser makes goes through :class:`EgressProxy`, a small forward
proxy inside the worker that resolves the host itself, refuses loopback, private,
link-local (cloud metadata included), multicast, reserved and other non-global addresses,
and then connects to the very address it checked (a DNS answer that changes between the
check and the connection cannot slip through). Redirects are new requests from the browser,
so each hop is checked again; so are images, scripts, frames and WebSockets.

The operator's allow-list (``worker --allow-address``, repeatable: an IP, a CIDR network or
a host name) lets chosen internal targets through (a staging ATS, a test replica).
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import logging
import re
import socket
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from jobpilot.errors import JobPilotError, UsageError

log = logging.getLogger("jobpilot.fleet.egress")

IP = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Awaitable[list[IP]]]

METADATA = frozenset(
    ipaddress.ip_address(a)
    for a in ("169.254.169.254", "169.254.170.2", "100.100.100.200", "fd00:ec2::254", "192.0.0.192")
)
"""Cloud metadata services (AWS, ECS, Alibaba, AWS over IPv6, Oracle): named in refusals."""
METADATA_HOSTS = frozenset({"metadata.google.internal", "metadata", "instance-data"})
_HOST_NAME = re.compile(r"(?=.{1,253}$)[a-z0-9_]([a-z0-9_-]{0,62})(\.[a-z0-9_]([a-z0-9_-]{0,62}))*")


class OutboundRefused(JobPilotError):
    """The worker refused to open an address the guard does not allow."""


def address_problem(ip: IP) -> str | None:
    """Why the guard refuses ``ip`` (None: a public address)."""
    if isinstance(ip, ipaddress.IPv6Address):
        mapped = ip.ipv4_mapped or ip.sixtofour
        if mapped is not None:
            inner = address_problem(mapped)
            return f"{inner} (inside the IPv6 address {ip})" if inner else None
    if ip in METADATA:
        return f"{ip} is a cloud metadata address"
    if ip.is_unspecified:
        return f"{ip} is not a public address (unspecified)"
    if ip.is_loopback:
        return f"{ip} is a loopback address"
    if ip.is_link_local:
        return f"{ip} is a link-local address"
    if ip.is_private:
        return f"{ip} is a private address"
    if ip.is_multicast:
        return f"{ip} is a multicast address"
    if ip.is_reserved or not ip.is_global:
        return f"{ip} is not a public address"
    return None


async def system_resolver(host: str, port: int) -> list[IP]:
    loop = asyncio.get_running_loop()
    infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    out: list[IP] = []
    for *_, sockaddr in infos:
        ip = ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])
        if ip not in out:
            out.append(ip)
    return out


@dataclass
class AddressPolicy:
    """Which hosts a worker may connect to: every public address, plus the allow-list."""

    allow: Iterable[str] = ()
    resolver: Resolver = system_resolver
    _hosts: set[str] = field(init=False, default_factory=set)
    _nets: list[ipaddress.IPv4Network | ipaddress.IPv6Network] = field(init=False, default_factory=list)

    def __post_init__(self) -> None:
        for entry in self.allow:
            entry = entry.strip().lower()
            if not entry:
                continue
            try:
                self._nets.append(ipaddress.ip_network(entry.strip("[]"), strict=False))
            except ValueError:
                if not _HOST_NAME.fullmatch(entry.rstrip(".")):
                    raise UsageError(
                        f"allow-list entry {entry!r} is neither an IP address, a CIDR network"
                        " nor a host name",
                        hint="write e.g. 10.0.5.7, 10.0.5.0/24, fd00::/8 or staging.internal",
                    ) from None
                self._hosts.add(entry.rstrip("."))

    def allowed(self, host: str, ip: IP | None = None) -> bool:
        if host.lower().rstrip(".") in self._hosts:
            return True
        return ip is not None and any(ip in net for net in self._nets)

    async def vet(self, host: str, port: int) -> list[IP]:
        """The addresses to connect to for ``host``. :raises OutboundRefused: the host (or
        any address it resolves to) is not allowed."""
        name = host.strip("[]").lower().rstrip(".")
        if not name:
            raise OutboundRefused("no host to connect to")
        if name in METADATA_HOSTS and not self.allowed(name):
            raise OutboundRefused(f"{name} is a cloud metadata host")
        try:
            ips: list[IP] = [ipaddress.ip_address(name)]
        except ValueError:
            try:
                ips = await self.resolver(name, port)
            except OSError as exc:
                raise OutboundRefused(f"{name} does not resolve ({exc})") from None
        if not ips:
            raise OutboundRefused(f"{name} does not resolve")
        if self.allowed(name):
            return ips
        for ip in ips:  # every answer must be allowed: one internal answer refuses the host
            problem = address_problem(ip)
            if problem is not None and not self.allowed(name, ip):
                via = "" if str(ip) == name else f"{name} resolves to "
                raise OutboundRefused(
                    f"refused to open {via}{problem}",
                    hint="the worker opens public addresses only; the operator can allow an internal"
                    " target with `jobpilot worker --allow-address HOST|CIDR`",
                )
        return ips

    async def check_url(self, url: str) -> None:
        """:raises OutboundRefused: ``url``'s host is not allowed (or the URL is not http(s))."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            raise OutboundRefused(f"only http and https addresses are opened, not {parts.scheme or 'this'}")
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError:
            raise OutboundRefused(f"{url} has an invalid port") from None
        await self.vet(parts.hostname or "", port)


class EgressProxy:
    """An HTTP forward proxy (``CONNECT`` tunnels and plain ``http://`` requests) that
    connects only where :class:`AddressPolicy` allows. One per worker; every browser
    context of the worker is told to use it (``proxy``, with ``<-loopback>`` so even
    ``localhost`` goes through it)."""

    def __init__(self, policy: AddressPolicy, *, host: str = "127.0.0.1", port: int = 0) -> None:
        self.policy = policy
        self.host = host
        self.port = port
        self.refused: list[str] = []
        """What was refused, newest last (``host: why``), at most the last 200."""
        self._server: asyncio.Server | None = None
        self._tasks: set[asyncio.Task[None]] = set()

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def browser_proxy(self) -> dict[str, str]:
        """Playwright's ``proxy`` option for a context."""
        return {"server": self.url, "bypass": "<-loopback>"}

    async def start(self) -> EgressProxy:
        self._server = await asyncio.start_server(self._client, self.host, self.port, limit=1 << 16)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            with contextlib.suppress(Exception):
                await self._server.wait_closed()
        for task in list(self._tasks):
            task.cancel()

    def _note(self, target: str, reason: str) -> None:
        self.refused.append(f"{target}: {reason}")
        del self.refused[:-200]
        # A name that does not resolve is no attack (and Chromium's own background requests
        # hit it all the time in a sandbox): only refused addresses are worth a warning.
        level = logging.DEBUG if "does not resolve" in reason else logging.WARNING
        log.log(level, "outbound guard refused %s: %s", target, reason)

    async def _client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        if task is not None:
            self._tasks.add(task)
        try:
            await self._serve(reader, writer)
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError):
            pass
        finally:
            if task is not None:
                self._tasks.discard(task)
            with contextlib.suppress(Exception):
                writer.close()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        head = await reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        log.debug("guard: %s", lines[0])
        method, target, version = [*lines[0].split(" "), "", "", ""][:3]
        if method == "CONNECT":
            host, _, port_text = target.rpartition(":")
            port = int(port_text or "443")
            upstream = await self._open(target, host, port, writer)
            if upstream is None:
                return
            up_reader, up_writer = upstream
            writer.write(b"HTTP/1.1 200 Connection Established\r\n\r\n")
            await writer.drain()
            await _pipe_both(reader, writer, up_reader, up_writer)
            return
        parts = urlsplit(target)
        if parts.scheme != "http" or not parts.hostname:
            await _answer(writer, 400, "the guard proxies http:// requests and CONNECT tunnels only")
            return
        port = parts.port or 80
        upstream = await self._open(target, parts.hostname, port, writer)
        if upstream is None:
            return
        up_reader, up_writer = upstream
        path = parts.path or "/"
        if parts.query:
            path += "?" + parts.query
        headers = [
            line
            for line in lines[1:]
            if line
            and line.split(":", 1)[0].strip().lower()
            not in ("proxy-connection", "proxy-authorization", "connection", "keep-alive")
        ]
        request = f"{method} {path} {version or 'HTTP/1.1'}\r\n" + "".join(h + "\r\n" for h in headers)
        up_writer.write((request + "Connection: close\r\n\r\n").encode("latin-1"))
        await up_writer.drain()
        await asyncio.gather(_pipe(reader, up_writer), _relay_response(up_reader, writer))

    async def _open(
        self, target: str, host: str, port: int, writer: asyncio.StreamWriter
    ) -> tuple[asyncio.StreamReader, asyncio.StreamWriter] | None:
        try:
            ips = await self.policy.vet(host, port)
        except OutboundRefused as exc:
            self._note(target, exc.message)
            await _answer(writer, 403, f"refused by the fleet's outbound-address guard: {exc.message}")
            return None
        last: Exception | None = None
        for ip in ips:  # the checked address itself, never a second lookup
            try:
                return await asyncio.wait_for(asyncio.open_connection(str(ip), port), 30)
            except (OSError, TimeoutError) as exc:
                last = exc
        await _answer(writer, 502, f"cannot connect to {host}:{port}: {last}")
        return None


async def _relay_response(up_reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    """The upstream's answer to a plain ``http://`` request, told to close the connection.

    One request per proxy connection: the browser would otherwise send its next request,
    for any host, down this connection, to the host checked for the first one (an HTTP/1.1
    server need not repeat our ``Connection: close``)."""
    try:
        head = await up_reader.readuntil(b"\r\n\r\n")
    except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
        with contextlib.suppress(Exception):
            writer.close()
        return
    lines = head.decode("latin-1").split("\r\n")
    kept = [
        line
        for line in lines[1:]
        if line
        and line.split(":", 1)[0].strip().lower() not in ("connection", "keep-alive", "proxy-connection")
    ]
    writer.write(
        (lines[0] + "\r\n" + "".join(h + "\r\n" for h in kept) + "Connection: close\r\n\r\n").encode(
            "latin-1"
        )
    )
    await _pipe(up_reader, writer)


async def _answer(writer: asyncio.StreamWriter, status: int, message: str) -> None:
    body = message.encode("utf-8", "replace")
    reason = {400: "Bad Request", 403: "Forbidden", 502: "Bad Gateway"}.get(status, "Error")
    writer.write(
        f"HTTP/1.1 {status} {reason}\r\nContent-Type: text/plain; charset=utf-8\r\n"
        f"Content-Length: {len(body)}\r\nX-JobPilot-Guard: refused\r\nConnection: close\r\n\r\n".encode()
        + body
    )
    with contextlib.suppress(ConnectionError):
        await writer.drain()


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    except (ConnectionError, asyncio.CancelledError):
        pass
    finally:
        with contextlib.suppress(Exception):
            writer.close()


async def _pipe_both(
    reader: asyncio.StreamReader,
    writer: asyncio.StreamWriter,
    up_reader: asyncio.StreamReader,
    up_writer: asyncio.StreamWriter,
) -> None:
    await asyncio.gather(_pipe(reader, up_writer), _pipe(up_reader, writer))


__all__ = [
    "METADATA",
    "AddressPolicy",
    "EgressProxy",
    "OutboundRefused",
    "address_problem",
    "system_resolver",
]

"""Where the worker may send alerts: public addresses only, unless the operator allows more.

A team chooses its webhook and Slack URLs, so a URL must never make the worker reach internal
services (loopback, link-local cloud metadata, private ranges, container names). The check runs
when a subscription is saved (``check_url``, resolving the name) and again when the worker
connects (``PublicOnlyResolver`` filters the addresses aiohttp is about to use, so a name that
resolves differently later, DNS rebinding, gains nothing). Numeric forms of addresses
(``2130706433``, ``0x7f000001``, ``0177.0.0.1``, ``127.1``) are read as the address they name.
Redirects are never followed (``alerting.channels.base.post_json``).
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from aiohttp.abc import AbstractResolver, ResolveResult
from aiohttp.resolver import ThreadedResolver

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_6TO4 = ipaddress.ip_network("2002::/16")
# Names that only ever mean something inside a network of one's own.
_INTERNAL_SUFFIXES = (".localhost", ".local", ".internal", ".lan", ".home.arpa", ".intranet")


class UnsafeDestination(OSError):
    """A destination outside what alerts may reach; the message says which and why."""


def numeric_address(host: str) -> IPAddress | None:
    """The address a host written as a number stands for, in any form a resolver accepts."""
    host = host.strip("[]")
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    try:  # inet_aton reads the legacy forms: 127.1, 2130706433, 0x7f000001, 0177.0.0.1
        return ipaddress.ip_address(socket.inet_aton(host))
    except OSError:
        return None


def embedded_ipv4(address: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address inside an IPv6 one that carries it (mapped, NAT64, 6to4)."""
    if not isinstance(address, ipaddress.IPv6Address):
        return None
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    if address in _6TO4:
        return address.sixtofour
    return None


@dataclass(frozen=True)
class OutboundPolicy:
    allow: tuple[Network, ...] = field(default_factory=tuple)

    @classmethod
    def allowing(cls, networks: Iterable[str]) -> OutboundPolicy:
        return cls(tuple(ipaddress.ip_network(n, strict=False) for n in networks))

    def permits(self, address: IPAddress) -> bool:
        if any(address in network for network in self.allow
               if network.version == address.version):
            return True
        inner = embedded_ipv4(address)
        if inner is not None:
            return self.permits(inner)
        return address.is_global and not address.is_multicast

    def check_host(self, host: str) -> None:
        """Refuse a host name or number that cannot be public, without resolving it."""
        name = host.strip("[]").rstrip(".").lower()
        address = numeric_address(name)
        if address is not None:
            if not self.permits(address):
                raise UnsafeDestination(f"{host} is not a public address")
            return
        if self.allow:
            return  # an operator with internal receivers: the resolved addresses decide
        if name == "localhost" or name.endswith(_INTERNAL_SUFFIXES) or "." not in name:
            raise UnsafeDestination(f"{host} is not a public host name")

    async def check_url(self, url: str) -> None:
        """Refuse a URL whose host is, or resolves to, an address alerts may not reach."""
        parts = urlsplit(url)
        host = parts.hostname or ""
        self.check_host(host)
        if numeric_address(host) is not None:
            return
        try:
            infos = await asyncio.get_running_loop().getaddrinfo(
                host, parts.port or 443, type=socket.SOCK_STREAM)
        except socket.gaierror as exc:
            raise UnsafeDestination(f"{host} does not resolve ({exc})") from None
        for *_rest, sockaddr in infos:
            address = ipaddress.ip_address(sockaddr[0])
            if not self.permits(address):
                raise UnsafeDestination(f"{host} resolves to {address}, not a public address")


class PublicOnlyResolver(AbstractResolver):
    """aiohttp's resolver, keeping only the addresses the policy permits (checked at connect
    time, on the addresses actually used)."""

    def __init__(self, policy: OutboundPolicy, resolver: AbstractResolver | None = None) -> None:
        self.policy = policy
        self._resolver = resolver

    def _inner(self) -> AbstractResolver:
        if self._resolver is None:  # made inside the running loop, as aiohttp's own
            self._resolver = ThreadedResolver()
        return self._resolver

    async def resolve(self, host: str, port: int = 0,
                      family: socket.AddressFamily = socket.AF_INET) -> list[ResolveResult]:
        self.policy.check_host(host)
        found = await self._inner().resolve(host, port, family)
        allowed = [r for r in found if self.policy.permits(ipaddress.ip_address(r["host"]))]
        if not allowed:
            raise UnsafeDestination(f"{host} resolves to no public address")
        return allowed

    async def close(self) -> None:
        if self._resolver is not None:
            await self._resolver.close()


def refused_destination(exc: BaseException) -> UnsafeDestination | None:
    """The policy's refusal inside an aiohttp connection error, if that is what it was."""
    seen: Any = exc
    while seen is not None:
        if isinstance(seen, UnsafeDestination):
            return seen
        seen = getattr(seen, "os_error", None) or seen.__cause__
    return None


async def refused_url(policy: OutboundPolicy, delivery: Any) -> tuple[str, str] | None:
    """``(field path, reason)`` of the first channel URL of a subscription's delivery that the
    policy refuses, or None: the check a subscription passes when it is saved."""
    for name, config in delivery.configured():
        url = getattr(config, "url", None)
        if url is None:
            continue
        try:
            await policy.check_url(str(url))
        except UnsafeDestination as exc:
            return f"delivery.{name}.url", str(exc)
    return None

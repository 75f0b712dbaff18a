"""What every delivery channel is: a name, a typed config model (validated when a subscription
is saved, ElastAlert2-style: a bad config fails naming the field) and an async ``send``. A
channel says how a failure should be treated by raising ``PermanentFailure`` (never try again)
or ``TemporaryFailure`` (try again later); infrastructure errors (connection refused, time-outs)
count as temporary."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import aiohttp
from pydantic import BaseModel

from alerting.alerts import Alert
from alerting.outbound import (
    OutboundPolicy,
    PublicOnlyResolver,
    UnsafeDestination,
    refused_destination,
)
from core.settings import Settings

MAX_RESPONSE_BYTES = 64 * 1024  # a receiver's answer is read only this far


class PermanentFailure(Exception):
    """The receiver refused the alert for good (4xx, a refused recipient): settle it."""


class TemporaryFailure(Exception):
    """The receiver could not take it now (5xx, 429, a 4xx SMTP reply): try again later."""


@dataclass(frozen=True)
class SmtpServer:
    """The operator's SMTP server (settings ``WEBCARE_SMTP_*``); teams only name recipients."""

    host: str
    port: int
    sender: str
    username: str | None
    password: str | None
    starttls: bool
    tls: bool
    timeout_s: float
    ca_file: str | None = None

    @classmethod
    def from_settings(cls, settings: Settings) -> SmtpServer | None:
        if settings.smtp_host is None:
            return None
        password = settings.smtp_password.get_secret_value() if settings.smtp_password else None
        return cls(settings.smtp_host, settings.smtp_port, settings.smtp_sender,
                   settings.smtp_username, password, settings.smtp_starttls, settings.smtp_tls,
                   settings.smtp_timeout_s,
                   str(settings.smtp_ca_file) if settings.smtp_ca_file else None)


@dataclass
class ChannelContext:
    """What channels share in one worker: an HTTP session (made inside the running loop) that
    reaches only what the outbound policy permits, and the SMTP server."""

    smtp: SmtpServer | None = None
    outbound: OutboundPolicy = field(default_factory=OutboundPolicy)
    timeout_s: float = 10.0
    _session: aiohttp.ClientSession | None = field(default=None, repr=False)

    def http(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(resolver=PublicOnlyResolver(self.outbound))
            self._session = aiohttp.ClientSession(
                connector=connector, timeout=aiohttp.ClientTimeout(total=self.timeout_s))
        return self._session

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()


Send = Callable[[Any, Alert, ChannelContext], Awaitable[None]]


@dataclass(frozen=True)
class Channel:
    name: str
    config: type[BaseModel]
    send: Send


async def post_json(context: ChannelContext, url: str, body: bytes,
                    headers: dict[str, str]) -> None:
    """POST a JSON body to a destination the outbound policy permits; redirects are not
    followed (a receiver must be where it was said to be), and the answer is read at most
    ``MAX_RESPONSE_BYTES`` far."""
    try:
        context.outbound.check_host(urlsplit(url).hostname or "")
        async with context.http().post(url, data=body, allow_redirects=False,
                                       headers={"content-type": "application/json", **headers}
                                       ) as response:
            await response.content.read(MAX_RESPONSE_BYTES)
            status = response.status
    except (UnsafeDestination, aiohttp.ClientConnectorError) as exc:
        refused = refused_destination(exc)
        if refused is None:
            raise
        raise PermanentFailure(f"destination refused: {refused}") from None
    if status < 300:
        return
    if 300 <= status < 400:
        raise PermanentFailure(f"HTTP {status}: redirects are not followed")
    if status < 500 and status not in (408, 429):
        raise PermanentFailure(f"HTTP {status}")
    raise TemporaryFailure(f"HTTP {status}")

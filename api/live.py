"""A team's alerts as they are published, for live views (the API's SSE stream and the
console's alert feed). Each open feed holds a Kafka consumer, so a team may have at most
``WEBCARE_API_MAX_LIVE_STREAMS`` open at once."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable

from fastapi import HTTPException
from pydantic import ValidationError

from alerting.alerts import Alert, parse_alert
from api.deps import Services
from core.kafka import aio_consumer
from core.topics import TopicNames

log = logging.getLogger("webcare.api")


def team_alert(value: bytes | None, team: str) -> Alert | None:
    """The alert of one ``alerts`` record if it is this team's; a record that is not an alert
    is skipped (the worker dead-letters it), never the end of every open feed."""
    try:
        alert = parse_alert(value or b"")
    except ValidationError:
        log.warning("skipping a record on the alerts topic that is not an alert")
        return None
    return alert if alert.team == team else None


def take_slot(services: Services, team: str) -> None:
    """Count one more open feed for ``team``, or answer 429; ``team_alerts`` gives it back."""
    if services.live_streams[team] >= services.settings.api_max_live_streams:
        raise HTTPException(429, f"your team has {services.live_streams[team]} live streams "
                                 "open, the most allowed; close one first",
                            headers={"Retry-After": "10"})
    services.live_streams[team] += 1


async def team_alerts(services: Services, team: str,
                      disconnected: Callable[[], Awaitable[bool]]
                      ) -> AsyncIterator[tuple[Alert, bytes] | None]:
    """``(alert, its JSON)`` for each new alert of the team, and None about every second
    without one (time for a keep-alive), until the client goes. Call ``take_slot`` first."""
    settings = services.settings
    consumer = aio_consumer(settings, TopicNames.for_settings(settings).alerts,
                            auto_offset_reset="latest")
    try:
        await consumer.start()
        yield None
        while not await disconnected():
            batches = await consumer.getmany(timeout_ms=1000)
            if not batches:
                yield None
                continue
            for records in batches.values():
                for record in records:
                    if (alert := team_alert(record.value, team)) is not None:
                        yield alert, record.value or b""
    finally:
        services.live_streams[team] -= 1
        await consumer.stop()

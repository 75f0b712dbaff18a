"""The key's team's alerts: history (``GET /v1/alerts``) and live Server-Sent Events
(``GET /v1/alerts/stream``)."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import StreamingResponse
from pydantic import ValidationError

from alerting.alerts import parse_alert
from api.deps import ServicesDep, TeamDep
from api.queries import decode_cursor, encode_cursor
from core.kafka import aio_consumer
from core.topics import TopicNames

MAX_PAGE = 500
HISTORY_SORT = [{"created_at": "desc"}, {"id": "asc"}]
router = APIRouter(prefix="/v1/alerts", tags=["alerts"])
log = logging.getLogger("webcare.api")


@router.get("")
async def alert_history(
    team: TeamDep, services: ServicesDep, subscription: str | None = None,
    kind: Literal["mention", "spike"] | None = None,
    since: datetime | None = None, until: datetime | None = None,
    size: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
    search_after: str | None = None,
) -> dict[str, Any]:
    clauses: list[dict[str, Any]] = [{"term": {"team": team.id}}]
    if subscription:
        clauses.append({"term": {"subscription_id": subscription}})
    if kind:
        clauses.append({"term": {"kind": kind}})
    if since or until:
        bounds = {k: v.isoformat() for k, v in (("gte", since), ("lt", until)) if v}
        clauses.append({"range": {"created_at": bounds}})
    body: dict[str, Any] = {"query": {"bool": {"filter": clauses}}, "size": size,
                            "sort": HISTORY_SORT}
    if search_after:
        body["search_after"] = decode_cursor(search_after, len(HISTORY_SORT))
    found = await services.search(services.settings.index_name("alerts"), body)
    hits = found["hits"]["hits"] if found else []
    return {"alerts": [h["_source"] for h in hits],
            "next": encode_cursor(hits[-1]["sort"]) if len(hits) == size else None}


def team_event(value: bytes | None, team: str) -> bytes | None:
    """The SSE event of one ``alerts`` record if it is this team's; a record that is not an
    alert is skipped (the worker dead-letters it), never the end of every open stream."""
    try:
        alert = parse_alert(value or b"")
    except ValidationError:
        log.warning("skipping a record on the alerts topic that is not an alert")
        return None
    if alert.team != team:
        return None
    return b"event: alert\nid: " + alert.id.encode() + b"\ndata: " + (value or b"") + b"\n\n"


@router.get("/stream")
async def alert_stream(team: TeamDep, services: ServicesDep,
                       request: Request) -> StreamingResponse:
    """Server-Sent Events: each new alert of your team as `event: alert`. A team has at most
    ``WEBCARE_API_MAX_LIVE_STREAMS`` open at once (each holds a Kafka consumer)."""
    settings = services.settings
    if services.live_streams[team.id] >= settings.api_max_live_streams:
        raise HTTPException(429, f"your team has {services.live_streams[team.id]} live streams "
                                 "open, the most allowed; close one first",
                            headers={"Retry-After": "10"})
    services.live_streams[team.id] += 1
    consumer = aio_consumer(settings, TopicNames.for_settings(settings).alerts,
                            auto_offset_reset="latest")

    async def events() -> AsyncIterator[bytes]:
        try:
            await consumer.start()
            yield b": connected\n\n"
            while not await request.is_disconnected():
                batches = await consumer.getmany(timeout_ms=1000)
                if not batches:
                    yield b": keep-alive\n\n"
                    continue
                for records in batches.values():
                    for record in records:
                        if (event := team_event(record.value, team.id)) is not None:
                            yield event
        finally:
            services.live_streams[team.id] -= 1
            await consumer.stop()

    return StreamingResponse(events(), media_type="text/event-stream")

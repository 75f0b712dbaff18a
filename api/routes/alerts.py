"""The key's team's alerts: history (``GET /v1/alerts``) and live Server-Sent Events
(``GET /v1/alerts/stream``)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import StreamingResponse

from api.deps import ServicesDep, TeamDep
from api.live import take_slot, team_alerts
from api.queries import decode_cursor, encode_cursor

MAX_PAGE = 500
HISTORY_SORT = [{"created_at": "desc"}, {"id": "asc"}]
router = APIRouter(prefix="/v1/alerts", tags=["alerts"])


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


@router.get("/stream")
async def alert_stream(team: TeamDep, services: ServicesDep,
                       request: Request) -> StreamingResponse:
    """Server-Sent Events: each new alert of your team as `event: alert`. A team has at most
    ``WEBCARE_API_MAX_LIVE_STREAMS`` open at once (each holds a Kafka consumer)."""
    take_slot(services, team.id)

    async def events() -> AsyncIterator[bytes]:
        first = True
        async for item in team_alerts(services, team.id, request.is_disconnected):
            if item is None:
                yield b": connected\n\n" if first else b": keep-alive\n\n"
                first = False
                continue
            alert, value = item
            yield b"event: alert\nid: " + alert.id.encode() + b"\ndata: " + value + b"\n\n"

    return StreamingResponse(events(), media_type="text/event-stream")

"""``GET /healthz``: 200 while Elasticsearch answers, 503 (without addresses) when not."""

from __future__ import annotations

import asyncio

from elasticsearch import ConnectionError as ESConnectionError
from fastapi import APIRouter, HTTPException

from api.deps import ServicesDep

router = APIRouter(tags=["health"])


@router.get("/healthz")
async def health(services: ServicesDep) -> dict[str, str]:
    try:
        found = await asyncio.wait_for(services.es.cluster.health(), timeout=3)
    except (TimeoutError, ESConnectionError):
        raise HTTPException(503, "Elasticsearch is not reachable") from None
    return {"elasticsearch": str(found["status"])}

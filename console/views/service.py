"""Service: conversations waiting for an answer (nearest deadline first), the service level
over time, the agents' figures and share of voice against competitors."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from api.deps import ServicesDep
from console.pages import render
from console.service_data import service_page
from console.trend_data import DEFAULT_RANGE, RANGES
from console.views.deps import SessionDep

router = APIRouter(include_in_schema=False)


@router.get("/service")
async def service(request: Request, session: SessionDep, services: ServicesDep,
                  range: str | None = None) -> HTMLResponse:
    chosen = range if range in RANGES else DEFAULT_RANGE
    page = await service_page(services, session.team, chosen)
    return render(request, "service.html", session, page=page, ranges=list(RANGES),
                  now=datetime.now(UTC).isoformat())

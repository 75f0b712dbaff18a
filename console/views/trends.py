"""Trends for analysts: charts over a chosen range, and each chart's table as CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from typing import Literal

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from api.deps import ServicesDep
from console.pages import render
from console.trend_data import DEFAULT_RANGE, DEFAULT_SPLIT, RANGES, SPLITS, Table, trends
from console.views.deps import SessionDep

router = APIRouter(include_in_schema=False)
Chart = Literal["volume", "share_of_voice", "hashtags", "authors"]


def _choice(value: str | None, allowed: Mapping[str, object], default: str) -> str:
    return value if value is not None and value in allowed else default


@router.get("/trends")
async def trends_page(request: Request, session: SessionDep, services: ServicesDep,
                      range: str | None = None, split: str | None = None) -> HTMLResponse:
    data = await trends(services, session.team, _choice(range, RANGES, DEFAULT_RANGE),
                        _choice(split, SPLITS, DEFAULT_SPLIT))
    return render(request, "trends.html", session, data=data, ranges=list(RANGES),
                  splits=list(SPLITS))


def table_csv(table: Table, first_column: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([first_column, *table.columns])
    for label, values in table.rows:
        writer.writerow([label, *(int(v) if v.is_integer() else v for v in values)])
    return out.getvalue()


@router.get("/trends.csv")
async def trends_csv(session: SessionDep, services: ServicesDep, chart: Chart = "volume",
                     range: str | None = None, split: str | None = None) -> Response:
    data = await trends(services, session.team, _choice(range, RANGES, DEFAULT_RANGE),
                        _choice(split, SPLITS, DEFAULT_SPLIT))
    first = {"volume": "time", "share_of_voice": "brand", "hashtags": "hashtag",
             "authors": "author"}[chart]
    name = f"webcare-{chart}-{data.range}.csv"
    return Response(table_csv(getattr(data, chart), first), media_type="text/csv",
                    headers={"content-disposition": f'attachment; filename="{name}"'})

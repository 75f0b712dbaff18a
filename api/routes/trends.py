"""Trends: counts over time split by a label, and top values (``/v1/trends[/top]``)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query

from api.deps import FiltersDep, ServicesDep, TeamDep
from api.queries import INTERVALS, TOP_FIELDS, scoped_query, trend_aggs, trend_window

router = APIRouter(prefix="/v1/trends", tags=["trends"])
TrendField = Literal["sentiment", "intents", "source", "language", "contact", "brands"]


@router.get("")
async def trends(
    team: TeamDep, services: ServicesDep, found_filters: FiltersDep,
    interval: Annotated[str, Query(pattern="^(" + "|".join(INTERVALS) + ")$")] = "1h",
    by: TrendField | None = None,
) -> dict[str, Any]:
    window = trend_window(interval, found_filters.since, found_filters.until, datetime.now(UTC))
    found = await services.search(services.settings.index_name("mentions"), {
        "query": scoped_query(found_filters, team.brands), "size": 0,
        "aggs": trend_aggs(interval, by, window)})
    if found is None:
        return {"interval": interval, "by": by, "buckets": []}
    buckets = []
    for bucket in found["aggregations"]["over_time"]["buckets"]:
        entry: dict[str, Any] = {"time": bucket["key_as_string"], "count": bucket["doc_count"]}
        if by:
            entry["counts"] = {b["key"]: b["doc_count"] for b in bucket["by"]["buckets"]}
        buckets.append(entry)
    return {"interval": interval, "by": by, "buckets": buckets}


@router.get("/top")
async def top(
    team: TeamDep, services: ServicesDep, found_filters: FiltersDep,
    field: Literal["hashtags", "authors", "brands", "sources"] = "hashtags",
    size: Annotated[int, Query(ge=1, le=100)] = 10,
) -> dict[str, Any]:
    found = await services.search(services.settings.index_name("mentions"), {
        "query": scoped_query(found_filters, team.brands), "size": 0,
        "aggs": {"top": {"terms": {"field": TOP_FIELDS[field], "size": size}}}})
    items = found["aggregations"]["top"]["buckets"] if found else []
    return {"field": field, "top": [{"value": b["key"], "count": b["doc_count"]}
                                    for b in items]}

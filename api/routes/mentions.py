"""Search: ``GET /v1/mentions`` and ``GET /v1/mentions/{doc_id}``, scoped to the key's team."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query

from api.deps import FiltersDep, ServicesDep, TeamDep
from api.queries import (
    SORTS,
    SortKey,
    decode_cursor,
    encode_cursor,
    scoped_query,
    team_scoped,
)

MAX_PAGE = 500
router = APIRouter(prefix="/v1/mentions", tags=["mentions"])


@router.get("")
async def search_mentions(
    team: TeamDep, services: ServicesDep, found_filters: FiltersDep,
    sort: SortKey = "newest",
    size: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
    search_after: str | None = None,
) -> dict[str, Any]:
    body: dict[str, Any] = {"query": scoped_query(found_filters, team.brands), "size": size,
                            "sort": SORTS[sort], "track_total_hits": True}
    if search_after:
        body["search_after"] = decode_cursor(search_after, len(SORTS[sort]))
    found = await services.search(services.settings.index_name("mentions"), body)
    if found is None:
        return {"total": 0, "mentions": [], "next": None}
    hits = found["hits"]["hits"]
    return {"total": found["hits"]["total"]["value"],
            "mentions": [h["_source"] for h in hits],
            "next": encode_cursor(hits[-1]["sort"]) if len(hits) == size else None}


@router.get("/{doc_id}")
async def get_mention(team: TeamDep, services: ServicesDep, doc_id: str) -> dict[str, Any]:
    """One mention and its near-duplicate cluster."""
    alias = services.settings.index_name("mentions")
    found = await services.search(alias, {
        "query": team_scoped(team.brands, {"term": {"doc_id": doc_id}}), "size": 1})
    if not found or not found["hits"]["hits"]:
        raise HTTPException(404, f"no mention {doc_id!r}")
    mention = found["hits"]["hits"][0]["_source"]
    cluster: list[Any] = []
    if mention.get("cluster_id"):
        same = team_scoped(team.brands, {"term": {"cluster_id": mention["cluster_id"]}})
        same["bool"]["must_not"] = [{"term": {"doc_id": doc_id}}]
        copies = await services.search(alias, {"query": same, "size": 50,
                                               "sort": SORTS["oldest"],
                                               "track_total_hits": True})
        cluster = [h["_source"] for h in copies["hits"]["hits"]] if copies else []
    return {"mention": mention, "cluster": cluster}

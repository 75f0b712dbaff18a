"""Conversations: ``GET /v1/conversations`` (open ones nearest their deadline first, or all of
a period) and ``GET /v1/conversations/{id}`` with its messages, scoped to the key's team."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Query

from api.deps import PeriodDep, ServicesDep, TeamDep
from api.queries import team_scoped
from conversations.reports import open_conversations_body
from schemas.mentions import ContactType

router = APIRouter(prefix="/v1/conversations", tags=["conversations"])


@router.get("")
async def list_conversations(
    team: TeamDep, services: ServicesDep, period: PeriodDep,
    status: Literal["open", "answered", "closed"] | None = None,
    contact: ContactType | None = None,
    size: Annotated[int, Query(ge=1, le=500)] = 50,
) -> dict[str, Any]:
    """``status=open``: every conversation of the team's own brands still waiting for an
    answer, whenever it opened, nearest deadline first (a competitor's customers are not the
    team's to answer). Otherwise those opened in the period, latest activity first."""
    narrowed: list[dict[str, Any]] = [{"term": {"contact": contact}}] if contact else []
    if status == "open":
        body = open_conversations_body(period.scope(team.own_brands), size, *narrowed)
    else:
        clauses = narrowed + ([{"term": {"status": status}}] if status else [])
        scope = period.scope(team.brands)
        body = {"size": size, "track_total_hits": True, "query": scope.conversations(*clauses),
                "sort": [{"last_activity_at": "desc"}, {"id": "asc"}]}
    found = await services.search(services.settings.index_name("conversations"), body)
    if found is None:
        return {"total": 0, "conversations": []}
    return {"total": found["hits"]["total"]["value"],
            "conversations": [h["_source"] for h in found["hits"]["hits"]]}


@router.get("/{conversation_id}")
async def get_conversation(team: TeamDep, services: ServicesDep,
                           conversation_id: str) -> dict[str, Any]:
    """One conversation and its messages (the indexed mentions), oldest first."""
    settings = services.settings
    found = await services.search(settings.index_name("conversations"), {"size": 1, "query": {
        "bool": {"filter": [{"term": {"id": conversation_id}},
                            {"terms": {"brand": team.brands}}]}}})
    if not found or not found["hits"]["hits"]:
        raise HTTPException(404, f"no conversation {conversation_id!r}")
    conversation = found["hits"]["hits"][0]["_source"]
    messages = await services.search(settings.index_name("mentions"), {
        "size": 200, "sort": [{"created_at": "asc"}, {"doc_id": "asc"}],
        "query": team_scoped(team.brands, its_mentions(conversation))})
    return {"conversation": conversation,
            "messages": [h["_source"] for h in messages["hits"]["hits"]] if messages else []}


def its_mentions(conversation: dict[str, Any]) -> dict[str, Any]:
    """The query for a conversation's mentions: its thread's from its first message to its
    latest; or, for mentions indexed before threads were, those the tracker marked with its
    id."""
    marked = {"term": {"conversation_id": conversation["id"]}}
    if not conversation.get("thread_id"):
        return marked
    span = {"gte": conversation["started_at"], "lte": conversation["last_activity_at"]}
    in_thread = {"bool": {"filter": [{"term": {"threads": conversation["thread_id"]}},
                                     {"range": {"created_at": span}}]}}
    return {"bool": {"should": [in_thread, marked], "minimum_should_match": 1}}

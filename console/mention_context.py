"""Everything an agent wants beside one mention before answering it: the thread it is part of
(what it replies to, up the chain, and the replies to it, the brand's signed ones among them),
its near-duplicate cluster, and the author's earlier mentions of the team's brands with their
sentiment. Every search is scoped to the team, as in the API."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from api.deps import Services
from api.queries import SORTS, team_scoped
from core.teams import Team

MAX_PARENTS = 10
MAX_LISTED = 50


@dataclass
class MentionContext:
    mention: dict[str, Any]
    parents: list[dict[str, Any]] = field(default_factory=list)  # oldest first
    replies: list[dict[str, Any]] = field(default_factory=list)
    cluster: list[dict[str, Any]] = field(default_factory=list)
    cluster_size: int = 0
    history: list[dict[str, Any]] = field(default_factory=list)
    history_total: int = 0
    history_sentiment: dict[str, int] = field(default_factory=dict)

    @property
    def history_leaning(self) -> str | None:
        """"positive" or "negative" when one clearly outweighs the other (2:1 and at least
        two mentions), else None."""
        pos = self.history_sentiment.get("positive", 0)
        neg = self.history_sentiment.get("negative", 0)
        if pos >= 2 and pos >= 2 * neg:
            return "positive"
        if neg >= 2 and neg >= 2 * pos:
            return "negative"
        return None


class Lookup:
    def __init__(self, services: Services, team: Team) -> None:
        self.services, self.team = services, team
        self.alias = services.settings.index_name("mentions")

    async def hits(self, body: dict[str, Any]) -> tuple[int, list[dict[str, Any]], Any]:
        found = await self.services.search(self.alias, body)
        if found is None:
            return 0, [], None
        return (found["hits"]["total"]["value"], [h["_source"] for h in found["hits"]["hits"]],
                found.get("aggregations"))

    async def one(self, doc_id: str) -> dict[str, Any] | None:
        scope = team_scoped(self.team.brands, {"ids": {"values": [doc_id]}})
        _, found, _ = await self.hits({"query": scope, "size": 1})
        return found[0] if found else None


async def mention_context(services: Services, team: Team, doc_id: str) -> MentionContext | None:
    lookup = Lookup(services, team)
    mention = await lookup.one(doc_id)
    if mention is None:
        return None
    context = MentionContext(mention)
    await _thread(lookup, context)
    await _cluster(lookup, context)
    await _history(lookup, context)
    return context


async def _thread(lookup: Lookup, context: MentionContext) -> None:
    source = context.mention["source"]
    current = context.mention
    seen = {current["doc_id"]}
    while len(context.parents) < MAX_PARENTS:
        parent_id = (current.get("in_reply_to") or {}).get("id")
        parent = await lookup.one(f"{source}:{parent_id}") if parent_id else None
        if parent is None or parent["doc_id"] in seen:
            break
        seen.add(parent["doc_id"])
        context.parents.insert(0, parent)
        current = parent
    _, context.replies, _ = await lookup.hits({
        "query": team_scoped(lookup.team.brands, {"term": {"source": source}},
                             {"term": {"in_reply_to.id": context.mention["id"]}}),
        "sort": SORTS["oldest"], "size": MAX_LISTED})


async def _cluster(lookup: Lookup, context: MentionContext) -> None:
    cluster_id = context.mention.get("cluster_id")
    if not cluster_id:
        return
    query = team_scoped(lookup.team.brands, {"term": {"cluster_id": cluster_id}})
    query["bool"]["must_not"] = [{"ids": {"values": [context.mention["doc_id"]]}}]
    context.cluster_size, context.cluster, _ = await lookup.hits({
        "query": query, "sort": SORTS["oldest"], "size": MAX_LISTED,
        "track_total_hits": True})


async def _history(lookup: Lookup, context: MentionContext) -> None:
    mention = context.mention
    query = team_scoped(lookup.team.brands,
                        {"term": {"author.handle": mention["author"]["handle"]}},
                        {"range": {"created_at": {"lt": mention["created_at"]}}})
    context.history_total, context.history, aggs = await lookup.hits({
        "query": query, "sort": SORTS["newest"], "size": 10, "track_total_hits": True,
        "aggs": {"sentiment": {"terms": {"field": "sentiment.label"}}}})
    if aggs:
        context.history_sentiment = {b["key"]: b["doc_count"]
                                     for b in aggs["sentiment"]["buckets"]}
